// Per-key time-series rules: monotonic (time never goes back within a key, in row order) and
// regularity (sampling interval: duplicates, gaps and early samples within a key, in time order).
#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "core/time.h"
#include "govern/rule_eval.h"
#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf::govern {
namespace {

std::string DurationText(int64_t micros) {
  const int64_t s = micros / 1000000;
  if (s != 0 && s % 86400 == 0) return fmt::format("{}d", s / 86400);
  if (s != 0 && s % 3600 == 0) return fmt::format("{}h", s / 3600);
  if (s != 0 && s % 60 == 0) return fmt::format("{}m", s / 60);
  return fmt::format("{}s", NumberText(static_cast<double>(micros) / 1e6));
}

class TimeRule : public RuleEvaluator {
 public:
  TimeRule(const RuleSpec& r, const Table& t) : rule_(r), time_(RuleColumn(r, t, r.columns[0])) {
    if (!IsTemporal(time_.type()) && time_.type() != TypeId::kInt64) {
      r.node.Fail(fmt::format("a {} rule needs a date, timestamp or integer time column; '{}' is {}",
                              RuleKindName(r.kind), r.columns[0], TypeName(time_.type())));
    }
    std::vector<const Column*> keys;
    for (const std::string& k : r.by) keys.push_back(&RuleColumn(r, t, k));
    keys_ = KeyColumns(std::move(keys));
  }
  int64_t Micros(int64_t i) const {
    return time_.type() == TypeId::kDate ? int64_t{time_.data<int32_t>()[i]} * 86400000000LL
                                         : time_.data<int64_t>()[i];
  }

  RuleHits Evaluate(const Table& t) const override {
    const int64_t n = t.num_rows();
    RuleHits hits;
    if (n == 0) return hits;
    // Rows of each key in row order (CSR), rows with a NULL time left out.
    // Without `by`, one series (a Grouping of zero keys has no rows to number).
    std::vector<int32_t> group_of(static_cast<size_t>(n), 0);
    int64_t groups = 1;
    if (!keys_.empty()) {
      Grouping g = Grouping::Build(keys_, /*skip_null_keys=*/false);
      groups = g.num_groups();
      for (int64_t i = 0; i < n; ++i) group_of[static_cast<size_t>(i)] = g.row_groups()[static_cast<size_t>(i)];
    }
    std::vector<int64_t> start(static_cast<size_t>(groups + 1), 0);
    for (int64_t i = 0; i < n; ++i) {
      if (time_.IsValid(i)) ++start[static_cast<size_t>(group_of[static_cast<size_t>(i)]) + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    hits.evaluated = start.back();
    std::vector<int64_t> rows(static_cast<size_t>(start.back()));
    std::vector<int64_t> fill(start.begin(), start.end() - 1);
    for (int64_t i = 0; i < n; ++i) {
      if (time_.IsValid(i)) {
        rows[static_cast<size_t>(fill[static_cast<size_t>(group_of[static_cast<size_t>(i)])]++)] = i;
      }
    }
    std::vector<std::vector<std::pair<int64_t, int64_t>>> found(static_cast<size_t>(groups));
    ParallelTasks(groups, [&](int64_t grp) {
      auto* out = &found[static_cast<size_t>(grp)];
      int64_t* b = rows.data() + start[static_cast<size_t>(grp)];
      int64_t* e = rows.data() + start[static_cast<size_t>(grp) + 1];
      if (rule_.kind == RuleKind::kMonotonic) {
        ScanMonotonic(b, e, out);
      } else {
        std::stable_sort(b, e, [&](int64_t x, int64_t y) { return Micros(x) < Micros(y); });
        ScanRegular(b, e, out);
      }
    });
    std::vector<std::pair<int64_t, int64_t>> all;
    for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
    std::sort(all.begin(), all.end());
    for (auto& [row, prev] : all) {
      hits.failed.push_back(row);
      hits.aux.push_back(prev);
    }
    return hits;
  }

  std::string Reason(const Table& t, int64_t row, int64_t prev) const override {
    std::string key;
    for (const std::string& k : rule_.by) {
      key += fmt::format("{}{}={}", key.empty() ? " for " : ", ", k, CellText(*t.column(k), row));
    }
    const std::string& c = rule_.columns[0];
    const int64_t d = Micros(row) - Micros(prev);
    if (rule_.kind == RuleKind::kMonotonic) {
      return fmt::format("{}={} {} {} of row {}{}", c, CellText(time_, row),
                         d == 0 ? "repeats" : "goes back from", CellText(time_, prev), prev + 1, key);
    }
    if (d == 0) {
      return fmt::format("duplicate {}={} (row {}){}", c, CellText(time_, row), prev + 1, key);
    }
    return fmt::format("{} {} after {} (row {}), expected every {}{}",
                       d > rule_.interval ? "gap:" : "early:", CellText(time_, row),
                       DurationText(d), prev + 1, DurationText(rule_.interval), key);
  }

 private:
  void ScanMonotonic(const int64_t* b, const int64_t* e,
                     std::vector<std::pair<int64_t, int64_t>>* out) const {
    if (b == e) return;
    int64_t last = *b;  // the latest conforming row: one sample out of order fails alone
    for (const int64_t* p = b + 1; p < e; ++p) {
      const bool ok = rule_.strict ? Micros(*p) > Micros(last) : Micros(*p) >= Micros(last);
      if (ok) {
        last = *p;
      } else {
        out->push_back({*p, last});
      }
    }
  }
  void ScanRegular(const int64_t* b, const int64_t* e,
                   std::vector<std::pair<int64_t, int64_t>>* out) const {
    for (const int64_t* p = b + 1; p < e; ++p) {
      const int64_t d = Micros(*p) - Micros(*(p - 1));
      if (d == 0 || d > rule_.interval + rule_.tolerance || d < rule_.interval - rule_.tolerance) {
        out->push_back({*p, *(p - 1)});
      }
    }
  }

  const RuleSpec& rule_;
  const Column& time_;
  KeyColumns keys_;
};

}  // namespace

std::unique_ptr<RuleEvaluator> MakeTimeEvaluator(const RuleSpec& rule, const Table& table) {
  return std::make_unique<TimeRule>(rule, table);
}

}  // namespace xf::govern
