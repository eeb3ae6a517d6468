#include "govern/profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/strings.h"
#include "core/time.h"
#include "govern/domain_types.h"

namespace xf::govern {
namespace {

// HyperLogLog with 2^14 registers (standard error 1.04 / sqrt(16384) ≈ 0.8%).
class HyperLogLog {
 public:
  HyperLogLog() : reg_(kM, 0) {}
  void Add(uint64_t h) {
    const size_t idx = h >> (64 - kP);
    const uint64_t rest = (h << kP) | (uint64_t{1} << (kP - 1));  // guard bit bounds the rank
    const uint8_t rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    reg_[idx] = std::max(reg_[idx], rank);
  }
  int64_t Estimate() const {
    double sum = 0;
    int zeros = 0;
    for (uint8_t r : reg_) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    const double m = kM;
    const double alpha = 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) e = m * std::log(m / zeros);  // linear counting when small
    return static_cast<int64_t>(std::llround(e));
  }

 private:
  static constexpr int kP = 14;
  static constexpr size_t kM = size_t{1} << kP;
  std::vector<uint8_t> reg_;
};

std::string ValueText(const Column& c, int64_t i) {
  if (c.type() == TypeId::kString) return std::string(c.GetString(i));
  return c.GetValue(i).ToString();
}

double NumberAt(const Column& c, int64_t i) {
  return c.type() == TypeId::kInt64 ? static_cast<double>(c.data<int64_t>()[i])
                                    : c.data<double>()[i];
}

std::string FormatNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{:.6g}", v);
}

// Quoted for YAML when it is not a plain safe scalar.
std::string YamlScalar(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          static_cast<unsigned char>(c) >= 0x80)) {
      plain = false;
    }
  }
  if (plain && !(s[0] >= '0' && s[0] <= '9') && s != "true" && s != "false" && s != "null" &&
      s != "yes" && s != "no") {
    return s;
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void ProfileColumn(const std::string& name, const Column& c, const ProfileOptions& o,
                   ColumnProfile* p) {
  p->name = name;
  p->type = c.type();
  p->rows = c.size();
  p->nulls = c.null_count();
  const int64_t n = c.size();
  // Distinct values and top values: exact up to the limit, then HyperLogLog.
  std::unordered_map<std::string, int64_t> counts;
  std::unordered_set<uint64_t> hashes;
  HyperLogLog hll;
  bool overflow = false;
  for (int64_t i = 0; i < n; ++i) {
    if (!c.IsValid(i)) continue;
    const std::string v = ValueText(c, i);
    const uint64_t h = HashBytes(v);
    hll.Add(h);
    if (!overflow) {
      hashes.insert(h);
      if (static_cast<int64_t>(hashes.size()) > o.exact_distinct_limit) {
        overflow = true;
        hashes.clear();
      }
    }
    if (auto it = counts.find(v); it != counts.end()) {
      ++it->second;
    } else if (static_cast<int64_t>(counts.size()) < o.exact_distinct_limit) {
      counts.emplace(v, 1);
    } else {
      p->top_exact = false;
    }
  }
  p->distinct_exact = !overflow;
  p->distinct = overflow ? hll.Estimate() : static_cast<int64_t>(hashes.size());
  std::vector<ValueCount> top;
  for (auto& [v, k] : counts) top.push_back({v, k, ""});
  if (p->distinct_exact && counts.size() <= 20) {
    for (const ValueCount& v : top) p->values.push_back(v.value);
    std::sort(p->values.begin(), p->values.end());
  }
  std::sort(top.begin(), top.end(), [](const ValueCount& a, const ValueCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (top.size() > static_cast<size_t>(o.top_values)) top.resize(static_cast<size_t>(o.top_values));
  p->top = std::move(top);

  // Min, max and quantiles.
  if (c.type() == TypeId::kInt64 || c.type() == TypeId::kFloat64) {
    std::vector<double> v;
    for (int64_t i = 0; i < n; ++i) {
      if (c.IsValid(i) && !std::isnan(NumberAt(c, i))) v.push_back(NumberAt(c, i));
    }
    std::sort(v.begin(), v.end());
    if (!v.empty()) {
      p->min = FormatNumber(v.front());
      p->max = FormatNumber(v.back());
      for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
        // Linear interpolation between order statistics (type 7, as numpy and R default).
        const double pos = q * static_cast<double>(v.size() - 1);
        const size_t lo = static_cast<size_t>(std::floor(pos));
        const size_t hi = std::min(lo + 1, v.size() - 1);
        p->quantiles.emplace_back(q, v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo)));
      }
    }
  } else if (c.type() != TypeId::kBool) {
    // Strings by byte order; dates and timestamps by value.
    std::optional<int64_t> lo, hi;
    for (int64_t i = 0; i < n; ++i) {
      if (!c.IsValid(i)) continue;
      if (c.type() == TypeId::kString) {
        const std::string_view s = c.GetString(i);
        if (!p->min || s < *p->min) p->min = std::string(s);
        if (!p->max || s > *p->max) p->max = std::string(s);
      } else {
        const int64_t x = c.type() == TypeId::kDate ? c.data<int32_t>()[i] : c.data<int64_t>()[i];
        if (!lo || x < *lo) lo = x;
        if (!hi || x > *hi) hi = x;
      }
    }
    if (lo) {
      p->min = c.type() == TypeId::kDate ? FormatDate(static_cast<int32_t>(*lo))
                                         : Value::Timestamp(*lo).ToString();
      p->max = c.type() == TypeId::kDate ? FormatDate(static_cast<int32_t>(*hi))
                                         : Value::Timestamp(*hi).ToString();
    }
  }

  // Pattern classes and domain types of strings and integers.
  if (c.type() == TypeId::kString || c.type() == TypeId::kInt64) {
    const int64_t valid = n - c.null_count();
    const int64_t take = std::min(valid, o.pattern_sample);
    const int64_t stride = take > 0 ? std::max<int64_t>(n / take, 1) : 1;
    std::unordered_map<std::string, std::pair<int64_t, std::string>> shapes;  // count, example
    std::vector<int64_t> domain_hits(DomainTypes().size(), 0);
    for (int64_t i = 0; i < n && p->patterns_checked < take; i += stride) {
      if (!c.IsValid(i)) continue;
      ++p->patterns_checked;
      const std::string v = ValueText(c, i);
      auto& s = shapes[PatternClass(v)];
      if (s.first++ == 0) s.second = v;
      for (size_t k = 0; k < DomainTypes().size(); ++k) {
        if (c.type() == TypeId::kString || DomainTypes()[k].name != "date_cn" || v.size() == 8) {
          domain_hits[k] += DomainTypes()[k].valid(v) ? 1 : 0;
        }
      }
    }
    std::vector<ValueCount> pats;
    for (auto& [shape, ce] : shapes) {
      std::string hint;
      for (const DomainType& d : DomainTypes()) {
        if (d.valid(ce.second)) {
          hint = d.name;
          break;
        }
      }
      pats.push_back({shape, ce.first, hint});
    }
    std::sort(pats.begin(), pats.end(), [](const ValueCount& a, const ValueCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (pats.size() > static_cast<size_t>(o.top_patterns))
      pats.resize(static_cast<size_t>(o.top_patterns));
    p->patterns = std::move(pats);
    for (size_t k = 0; k < DomainTypes().size() && p->patterns_checked > 0; ++k) {
      // Plain integers pass as dates only in the compact 20240501 form; years alone do not.
      if (static_cast<double>(domain_hits[k]) >= 0.95 * static_cast<double>(p->patterns_checked)) {
        p->domain_type = DomainTypes()[k].name;
        break;
      }
    }
  }
  p->sensitive = ClassifyColumn(name, c, SensitiveOptions{});
}

}  // namespace

std::string PatternClass(std::string_view value) {
  std::string out;
  std::string cls, prev;
  int run = 0;
  auto flush = [&] {
    if (run == 0) return;
    out += prev;
    if (run > 1) out += fmt::format("{{{}}}", run);
  };
  for (size_t i = 0; i < value.size();) {
    const unsigned char b = static_cast<unsigned char>(value[i]);
    size_t len = std::max<size_t>(Utf8Offset(value.substr(i), 1), 1);
    if (b >= '0' && b <= '9') {
      cls = "9";
    } else if (b >= 'A' && b <= 'Z') {
      cls = "A";
    } else if (b >= 'a' && b <= 'z') {
      cls = "a";
    } else if (len == 3 && b >= 0xE4 && b <= 0xE9) {
      cls = "汉";
    } else {
      cls = std::string(value.substr(i, len));
    }
    if (cls == prev) {
      ++run;
    } else {
      flush();
      prev = cls;
      run = 1;
    }
    i += len;
  }
  flush();
  return out;
}

TableProfile ProfileTable(const Table& table, const ProfileOptions& options) {
  TableProfile t;
  t.rows = table.num_rows();
  t.columns.resize(static_cast<size_t>(table.num_columns()));
  for (int i = 0; i < table.num_columns(); ++i) {
    ProfileColumn(table.schema().field(i).name, *table.column(i), options,
                  &t.columns[static_cast<size_t>(i)]);
  }
  return t;
}

std::string SuggestStandardYaml(const TableProfile& profile, const std::string& table,
                                const std::string& source) {
  std::string y = fmt::format(
      "# Starter data standard suggested by `xfactor profile` from {} ({} rows).\n"
      "# Review every line: bounds and code lists describe this sample, not the rules.\n"
      "table: {}\ncolumns:\n",
      source, profile.rows, YamlScalar(table));
  for (const ColumnProfile& c : profile.columns) {
    std::vector<std::string> keys;
    keys.push_back(
        fmt::format("type: {}", c.domain_type.empty() ? TypeName(c.type) : c.domain_type));
    if (c.nulls == 0 && c.rows > 0) keys.push_back("required: true");
    if ((c.type == TypeId::kInt64 || c.type == TypeId::kFloat64) && c.min &&
        c.domain_type.empty()) {
      keys.push_back(fmt::format("min: {}", *c.min));
      keys.push_back(fmt::format("max: {}", *c.max));
    }
    if (c.type == TypeId::kString && !c.values.empty() && c.sensitive.category == "none" &&
        c.domain_type.empty() && c.distinct < c.rows - c.nulls) {
      std::vector<std::string> codes;
      for (const std::string& v : c.values) codes.push_back(YamlScalar(v));
      keys.push_back(fmt::format("codes: [{}]", fmt::join(codes, ", ")));
    }
    if (c.distinct_exact && c.nulls == 0 && c.distinct == c.rows && c.rows > 1) {
      keys.push_back("unique: true");
    }
    y += fmt::format("  {}: {{{}}}", YamlScalar(c.name), fmt::join(keys, ", "));
    if (c.sensitive.category != "none") {
      y += fmt::format("  # personal data: {}, level {} ({})", c.sensitive.category,
                       c.sensitive.level, c.sensitive.method);
    }
    y += "\n";
  }
  return y;
}

}  // namespace xf::govern
