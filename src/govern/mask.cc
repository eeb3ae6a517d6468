#include "govern/mask.h"

#include <fmt/format.h>

#include <cstring>

#include "core/cn_ids.h"
#include "core/error.h"
#include "core/mask_text.h"
#include "core/time.h"

namespace xf::govern {
namespace {

constexpr uint32_t kCjkFirst = 0x4E00;
constexpr uint32_t kCjkCount = 0x9FA5 - 0x4E00 + 1;  // 20902 unified ideographs
constexpr int kRounds = 10;

// Domain separation: the configured key is never used directly, so a hash and a token of the
// same value under the same key are unrelated.
std::vector<uint8_t> SubKey(const std::vector<uint8_t>& key, std::string_view algorithm,
                            std::string_view purpose) {
  return Hmac(algorithm, key).Compute(purpose);
}

// Decodes one code point of well-formed UTF-8 at s[*i], advancing *i. A byte that does not start
// a well-formed sequence (bad lead, non-10xxxxxx continuation, truncated, overlong, surrogate,
// above U+10FFFF) comes back alone as 0x110000 + byte: outside Unicode, so never in a class, and
// AppendUtf8 writes it back raw, which keeps Detokenize byte-exact for any input.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  auto raw = [&] {
    ++*i;
    return 0x110000 + c;
  };
  if (len == 0 || *i + len > s.size()) return raw();
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) return raw();
    cp = (cp << 6) | (b & 0x3F);
  }
  constexpr uint32_t kMinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLen[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return raw();
  *i += len;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp >= 0x110000) {
    out->push_back(static_cast<char>(cp - 0x110000));
  } else if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Symbol {
  char cls;        // 'd', 'U', 'l', 'h' (hanzi), or 0 for a kept character
  uint32_t radix;  // of the class
  uint32_t value;  // 0..radix-1, or the code point when kept
};

Symbol Classify(uint32_t cp) {
  if (cp >= '0' && cp <= '9') return {'d', 10, cp - '0'};
  if (cp >= 'A' && cp <= 'Z') return {'U', 26, cp - 'A'};
  if (cp >= 'a' && cp <= 'z') return {'l', 26, cp - 'a'};
  if (cp >= kCjkFirst && cp < kCjkFirst + kCjkCount) return {'h', kCjkCount, cp - kCjkFirst};
  return {0, 0, cp};
}

uint32_t Encode(const Symbol& s) {
  switch (s.cls) {
    case 'd':
      return '0' + s.value;
    case 'U':
      return 'A' + s.value;
    case 'l':
      return 'a' + s.value;
    case 'h':
      return kCjkFirst + s.value;
    default:
      return s.value;
  }
}

std::string ValueText(const Column& c, int64_t i) {
  switch (c.type()) {
    case TypeId::kString:
      return std::string(c.GetString(i));
    default:
      return c.GetValue(i).ToString();
  }
}

}  // namespace

std::string_view MaskMethodName(MaskMethod m) {
  switch (m) {
    case MaskMethod::kPartial:
      return "partial";
    case MaskMethod::kHash:
      return "hash";
    case MaskMethod::kToken:
      return "token";
    case MaskMethod::kGeneralize:
      return "generalize";
    case MaskMethod::kNullOut:
      return "null_out";
  }
  return "partial";
}

bool MaskPlan::NeedsKeys() const {
  for (const MaskRule& r : rules) {
    if (r.method == MaskMethod::kHash || r.method == MaskMethod::kToken) return true;
  }
  return false;
}

MaskPlan ParseMaskPlan(const SpecNode& node) {
  if (!node.IsMap()) {
    node.Fail(
        "mask is a map of column → method (partial, hash, token, generalize, null_out) or "
        "{method, options}");
  }
  MaskPlan plan;
  for (const auto& [column, spec] : node.Entries()) {
    MaskRule r;
    r.column = column;
    r.node = spec;
    const SpecNode method_node = spec.IsMap() ? spec.Required("method") : spec;
    const std::string method = method_node.AsString();
    if (method == "partial") {
      r.method = MaskMethod::kPartial;
    } else if (method == "hash") {
      r.method = MaskMethod::kHash;
    } else if (method == "token") {
      r.method = MaskMethod::kToken;
    } else if (method == "generalize" || method == "generalise") {
      r.method = MaskMethod::kGeneralize;
    } else if (method == "null_out" || method == "null") {
      r.method = MaskMethod::kNullOut;
    } else {
      method_node.Fail(fmt::format(
          "unknown mask method '{}'; valid: partial, hash, token, generalize, null_out", method));
    }
    if (spec.IsMap()) {
      switch (r.method) {
        case MaskMethod::kPartial:
          spec.CheckKeys({"method", "keep_left", "keep_right", "char"});
          r.keep_left = spec.GetInt("keep_left", 1);
          r.keep_right = spec.GetInt("keep_right", 1);
          r.mask_char = spec.GetString("char", "*");
          if (r.keep_left < 0) spec.Get("keep_left").Fail("keep_left must be 0 or more");
          if (r.keep_right < 0) spec.Get("keep_right").Fail("keep_right must be 0 or more");
          break;
        case MaskMethod::kHash:
          spec.CheckKeys({"method", "key", "algorithm", "length"});
          r.algorithm = spec.GetString("algorithm", "sha256");
          if (r.algorithm != "sha256" && r.algorithm != "sm3") {
            spec.Get("algorithm").Fail("algorithm must be sha256 or sm3");
          }
          r.length = static_cast<int>(spec.GetInt("length", 64));
          if (r.length < 16 || r.length > 64) {
            spec.Get("length").Fail("length is the hex characters kept: 16 to 64");
          }
          r.key = spec.GetString("key", "default");
          break;
        case MaskMethod::kToken:
          spec.CheckKeys({"method", "key"});
          r.key = spec.GetString("key", "default");
          break;
        case MaskMethod::kGeneralize: {
          spec.CheckKeys({"method", "to", "width"});
          const std::string to = spec.Required("to").AsString();
          if (to == "age_band") {
            r.to = Generalize::kAgeBand;
            r.width = spec.GetInt("width", 10);
            if (r.width <= 0) spec.Get("width").Fail("width must be positive");
          } else if (to == "month") {
            r.to = Generalize::kMonth;
          } else if (ParseRegionLevel(to, &r.level) && r.level != RegionLevel::kCounty) {
            r.to = Generalize::kRegion;
          } else {
            spec.Get("to").Fail(
                fmt::format("generalize to '{}'? valid: age_band, province, city, month", to));
          }
          break;
        }
        case MaskMethod::kNullOut:
          spec.CheckKeys({"method"});
          break;
      }
    } else if (r.method == MaskMethod::kGeneralize) {
      spec.Fail(
          "generalize needs `to`: {method: generalize, to: age_band | province | city | month}");
    }
    plan.rules.push_back(std::move(r));
  }
  return plan;
}

Tokenizer::Tokenizer(const std::vector<uint8_t>& key)
    : round_("sha256", SubKey(key, "sha256", "xf-mask-token-v1")) {}

std::string Tokenizer::Tokenize(std::string_view value) { return Run(value, true); }
std::string Tokenizer::Detokenize(std::string_view token) { return Run(token, false); }

std::string Tokenizer::Run(std::string_view value, bool forward) {
  std::vector<Symbol> all;
  std::vector<size_t> idx;  // positions of classed symbols in `all`
  std::string tweak = "xf-token|";
  for (size_t i = 0; i < value.size();) {
    all.push_back(Classify(NextCodePoint(value, &i)));
    if (all.back().cls != 0) idx.push_back(all.size() - 1);
    tweak.push_back(all.back().cls != 0 ? all.back().cls : '.');
  }
  const size_t n = idx.size();
  if (n > 0) {
    const size_t u = n / 2;  // left half [0, u), right half [u, n)
    std::string msg;
    uint8_t block[32];
    for (int step = 0; step < kRounds; ++step) {
      const int round = forward ? step : kRounds - 1 - step;
      // Even rounds change the left half from the right one; odd rounds the right from the left.
      const bool left = round % 2 == 0;
      const size_t tb = left ? 0 : u, te = left ? u : n;  // target
      const size_t sb = left ? u : 0, se = left ? n : u;  // source
      if (tb == te) continue;
      msg = tweak;
      msg += fmt::format("|{}|", round);
      for (size_t k = sb; k < se; ++k) msg += fmt::format("{},", all[idx[k]].value);
      const size_t base = msg.size();
      // Four bytes of HMAC output per target position; counter blocks extend it.
      for (size_t k = tb, used = 32, counter = 0; k < te; ++k, used += 4) {
        if (used + 4 > 32) {
          msg.resize(base);
          msg += fmt::format("#{}", counter++);
          round_.Compute(msg, block);
          used = 0;
        }
        // Big-endian, so tokens do not depend on the CPU.
        const uint32_t r = (uint32_t{block[used]} << 24) | (uint32_t{block[used + 1]} << 16) |
                           (uint32_t{block[used + 2]} << 8) | uint32_t{block[used + 3]};
        Symbol& s = all[idx[k]];
        const uint32_t add = r % s.radix;
        s.value = forward ? (s.value + add) % s.radix : (s.value + s.radix - add) % s.radix;
      }
    }
  }
  std::string out;
  out.reserve(value.size());
  for (const Symbol& s : all) AppendUtf8(Encode(s), &out);
  return out;
}

ColumnPtr MaskColumn(const ColumnPtr& column, const MaskRule& rule, const KeyRing* keys) {
  const Column& c = *column;
  const int64_t n = c.size();
  auto fail = [&](const std::string& what) {
    Error e(
        ErrorKind::kSpec,
        fmt::format("mask '{}' of column '{}': {}", MaskMethodName(rule.method), rule.column, what),
        rule.node.context());
    e.WithColumnName(rule.column);
    throw e;
  };
  if (rule.method == MaskMethod::kNullOut) return Column::MakeNulls(c.type(), n);
  const bool texty = c.type() == TypeId::kString || c.type() == TypeId::kInt64;
  auto strings = [&](auto&& f) {
    ColumnPtr out = Column::Make(TypeId::kString);
    out->Reserve(n, 0);
    for (int64_t i = 0; i < n; ++i) {
      if (!c.IsValid(i)) {
        out->AppendNull();
      } else {
        out->AppendString(f(ValueText(c, i)));
      }
    }
    return out;
  };
  std::vector<uint8_t> key;
  if (rule.method == MaskMethod::kHash || rule.method == MaskMethod::kToken) {
    const KeyRing env_only;
    key = (keys != nullptr ? keys : &env_only)->Get(rule.key);
  }
  switch (rule.method) {
    case MaskMethod::kPartial:
      if (!texty)
        fail(fmt::format("partial masks strings and integers, not {}", TypeName(c.type())));
      return strings([&](const std::string& s) {
        return MaskPartial(s, rule.keep_left, rule.keep_right, rule.mask_char);
      });
    case MaskMethod::kHash: {
      Hmac h(rule.algorithm, SubKey(key, rule.algorithm, "xf-mask-hash-v1"));
      uint8_t d[32];
      // Time series repeat their key on consecutive rows: one HMAC per run of equal values.
      std::string last_in, last_out;
      bool have_last = false;
      return strings([&](const std::string& s) {
        if (have_last && s == last_in) return last_out;
        h.Compute(s, d);
        static constexpr char kHex[] = "0123456789abcdef";
        std::string hex(64, '0');
        for (int b = 0; b < 32; ++b) {
          hex[2 * b] = kHex[d[b] >> 4];
          hex[2 * b + 1] = kHex[d[b] & 15];
        }
        hex.resize(static_cast<size_t>(rule.length));
        last_in = s;
        last_out = hex;
        have_last = true;
        return hex;
      });
    }
    case MaskMethod::kToken: {
      if (!texty) fail(fmt::format("token masks strings and integers, not {}", TypeName(c.type())));
      Tokenizer t(key);
      std::string last_in, last_out;
      bool have_last = false;
      return strings([&](const std::string& s) {
        if (have_last && s == last_in) return last_out;
        last_in = s;
        last_out = t.Tokenize(s);
        have_last = true;
        return last_out;
      });
    }
    case MaskMethod::kGeneralize:
      break;
    case MaskMethod::kNullOut:
      break;
  }
  switch (rule.to) {
    case Generalize::kAgeBand: {
      if (c.type() != TypeId::kInt64 && c.type() != TypeId::kFloat64) {
        fail(fmt::format("age_band needs a number column, not {}", TypeName(c.type())));
      }
      ColumnPtr out = Column::Make(TypeId::kString);
      std::string band;
      for (int64_t i = 0; i < n; ++i) {
        const double age = !c.IsValid(i)                ? -1
                           : c.type() == TypeId::kInt64 ? static_cast<double>(c.data<int64_t>()[i])
                                                        : c.data<double>()[i];
        if (c.IsValid(i) && AgeBand(age, rule.width, &band)) {
          out->AppendString(band);
        } else {
          out->AppendNull();
        }
      }
      return out;
    }
    case Generalize::kRegion: {
      if (!texty)
        fail(fmt::format("region truncation needs codes as text or integers, not {}",
                         TypeName(c.type())));
      ColumnPtr out = Column::Make(TypeId::kString);
      for (int64_t i = 0; i < n; ++i) {
        const std::string t = c.IsValid(i) ? RegionTruncate(ValueText(c, i), rule.level) : "";
        if (t.empty()) {
          out->AppendNull();  // not a 6-digit code: nothing safe to keep
        } else {
          out->AppendString(t);
        }
      }
      return out;
    }
    case Generalize::kMonth: {
      if (c.type() == TypeId::kDate || c.type() == TypeId::kTimestamp) {
        ColumnPtr out = Column::Make(TypeId::kDate);
        for (int64_t i = 0; i < n; ++i) {
          if (!c.IsValid(i)) {
            out->AppendNull();
            continue;
          }
          const int32_t day = c.type() == TypeId::kDate
                                  ? c.data<int32_t>()[i]
                                  : static_cast<int32_t>(
                                        DaysFromCivil(ToCivil(c.data<int64_t>()[i]).date.year,
                                                      ToCivil(c.data<int64_t>()[i]).date.month, 1));
          out->AppendDate(DateToMonth(day));
        }
        return out;
      }
      if (c.type() != TypeId::kString && c.type() != TypeId::kInt64) {
        fail(fmt::format("month needs dates, timestamps or date text, not {}", TypeName(c.type())));
      }
      ColumnPtr out = Column::Make(TypeId::kString);
      for (int64_t i = 0; i < n; ++i) {
        int32_t d;
        if (c.IsValid(i) && ParseDateCn(ValueText(c, i), &d)) {
          out->AppendString(FormatDate(d).substr(0, 7));
        } else {
          out->AppendNull();  // not a date: nothing safe to keep
        }
      }
      return out;
    }
  }
  return column;
}

TablePtr ApplyMaskPlan(const TablePtr& table, const MaskPlan& plan, const KeyRing* keys,
                       bool require_all, std::vector<bool>* matched) {
  TablePtr out = table;
  if (matched != nullptr) matched->assign(plan.rules.size(), false);
  for (size_t k = 0; k < plan.rules.size(); ++k) {
    const MaskRule& r = plan.rules[k];
    const int i = out->ColumnIndex(r.column);
    if (i < 0) {
      if (require_all) {
        Error e(ErrorKind::kSpec,
                fmt::format("mask: no column '{}' (columns: {})", r.column,
                            fmt::join(out->schema().names(), ", ")),
                r.node.context());
        e.WithColumnName(r.column);
        throw e;
      }
      continue;
    }
    if (matched != nullptr) (*matched)[k] = true;
    out = out->WithColumn(r.column, MaskColumn(out->column(i), r, keys));
  }
  return out;
}

}  // namespace xf::govern
