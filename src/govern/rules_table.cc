// Rules on the table as a whole or on its time coverage: row_count (volume, or change against a
// baseline) and freshness. Freshness is measured against a reference time written in the spec or
// the newest value in the data, never the wall clock, so reruns give the same answer.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/time.h"
#include "govern/rule_eval.h"

namespace xf::govern {
namespace {

class RowCount : public RuleEvaluator {
 public:
  explicit RowCount(const RuleSpec& r) : rule_(r) {}
  RuleHits Evaluate(const Table& t) const override {
    RuleHits hits;
    hits.evaluated = 1;
    const int64_t n = t.num_rows();
    if (rule_.min_rows && n < *rule_.min_rows) {
      hits.table_reason = fmt::format("{} rows, fewer than min {}", n, *rule_.min_rows);
    } else if (rule_.max_rows && n > *rule_.max_rows) {
      hits.table_reason = fmt::format("{} rows, more than max {}", n, *rule_.max_rows);
    } else if (rule_.baseline_rows) {
      const double base = static_cast<double>(*rule_.baseline_rows);
      const double change = base == 0 ? (n == 0 ? 0 : INFINITY)
                                      : 100.0 * std::fabs(static_cast<double>(n) - base) / base;
      if (change > *rule_.max_change_pct) {
        hits.table_reason = fmt::format("{} rows, {}% from baseline {} (max {}%)", n,
                                        NumberText(std::round(change * 10) / 10),
                                        *rule_.baseline_rows, NumberText(*rule_.max_change_pct));
      }
    }
    hits.table_failed = !hits.table_reason.empty();
    return hits;
  }
  std::string Reason(const Table&, int64_t, int64_t) const override { return ""; }

 private:
  const RuleSpec& rule_;
};

class Freshness : public RuleEvaluator {
 public:
  Freshness(const RuleSpec& r, const Table& t) : rule_(r), col_(RuleColumn(r, t, r.columns[0])) {
    if (!IsTemporal(col_.type())) {
      r.node.Fail(fmt::format("a freshness rule needs a date or timestamp column; '{}' is {}",
                              r.columns[0], TypeName(col_.type())));
    }
  }
  int64_t Micros(int64_t i) const {
    return col_.type() == TypeId::kDate ? int64_t{col_.data<int32_t>()[i]} * 86400000000LL
                                        : col_.data<int64_t>()[i];
  }
  RuleHits Evaluate(const Table& t) const override {
    const int64_t n = t.num_rows();
    bool any = false;
    int64_t newest = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (col_.IsNull(i)) continue;
      newest = any ? std::max(newest, Micros(i)) : Micros(i);
      any = true;
    }
    reference_ = rule_.reference_time.value_or(newest);
    if (rule_.table_scope) {
      RuleHits hits;
      hits.evaluated = 1;
      if (!any) {
        hits.table_reason = fmt::format("{} has no values", rule_.columns[0]);
      } else if (reference_ - newest > rule_.max_age) {
        hits.table_reason = fmt::format("newest {} is {}, older than {} before {}",
                                        rule_.columns[0], FormatTimestamp(newest),
                                        AgeText(rule_.max_age), FormatTimestamp(reference_));
      }
      hits.table_failed = !hits.table_reason.empty();
      return hits;
    }
    return CollectFailures(n, [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      int64_t evaluated = 0;
      for (int64_t i = b; i < e; ++i) {
        if (col_.IsNull(i)) continue;
        ++evaluated;
        if (reference_ - Micros(i) > rule_.max_age) out->push_back(i);
      }
      return evaluated;
    });
  }
  std::string Reason(const Table&, int64_t row, int64_t) const override {
    return fmt::format("{}={} is more than {} before {}", rule_.columns[0], CellText(col_, row),
                       AgeText(rule_.max_age), FormatTimestamp(reference_));
  }
  static std::string AgeText(int64_t micros) {
    const int64_t s = micros / 1000000;
    if (s % 86400 == 0) return fmt::format("{}d", s / 86400);
    if (s % 3600 == 0) return fmt::format("{}h", s / 3600);
    if (s % 60 == 0) return fmt::format("{}m", s / 60);
    return fmt::format("{}s", s);
  }

 private:
  const RuleSpec& rule_;
  const Column& col_;
  mutable int64_t reference_ = 0;  // set by Evaluate, read by Reason afterwards
};

}  // namespace

std::unique_ptr<RuleEvaluator> MakeTableEvaluator(const RuleSpec& rule, const Table& table) {
  if (rule.kind == RuleKind::kRowCount) return std::make_unique<RowCount>(rule);
  return std::make_unique<Freshness>(rule, table);
}

}  // namespace xf::govern
