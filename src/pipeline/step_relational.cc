// The relational step kinds: thin option parsers over ops/.
#include <fmt/format.h>

#include "core/strings.h"
#include "core/time.h"

#include "ops/aggregate.h"
#include "ops/asof_join.h"
#include "ops/distinct.h"
#include "ops/join.h"
#include "ops/join_output.h"
#include "ops/project.h"
#include "ops/resample.h"
#include "ops/sort.h"
#include "ops/union.h"
#include "ops/window.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

template <typename T>
std::function<std::unique_ptr<Step>()> Factory() {
  return [] { return std::make_unique<T>(); };
}

class FilterStep : public Step {
 public:
  void Configure(const SpecNode& o) override { where_ = o.Required("where").AsString(); }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, Filter(*ctx.input(0), where_)); }

 private:
  std::string where_;
};

class DeriveStep : public Step {
 public:
  void Configure(const SpecNode& o) override { columns_ = ParseNamedExpressions(o.Required("columns")); }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, Derive(*ctx.input(0), columns_)); }

 private:
  std::vector<NamedExpression> columns_;
};

// `columns:` is a list of names (keep these) or a map of name: expression.
class SelectStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    SpecNode c = o.Required("columns");
    if (c.IsMap()) {
      columns_ = ParseNamedExpressions(c);
    } else {
      for (const std::string& name : c.AsStringList()) columns_.push_back({name, QuoteName(name)});
    }
  }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, Project(*ctx.input(0), columns_)); }

 private:
  // A bare column name as an expression, quoted so names with spaces or keywords work.
  static std::string QuoteName(const std::string& name) {
    std::string out = "\"";
    for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
  }
  std::vector<NamedExpression> columns_;
};

class AggregateStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.keys = o.Get("by").AsStringList();
    options_.aggregates = ParseAggregates(o.Required("aggregates"));
  }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, HashAggregate(*ctx.input(0), options_)); }

 private:
  AggregateOptions options_;
};

JoinType ParseJoinType(const SpecNode& node) {
  std::string t = node.IsDefined() ? node.AsString() : "inner";
  if (t == "inner") return JoinType::kInner;
  if (t == "left") return JoinType::kLeft;
  if (t == "semi") return JoinType::kSemi;
  if (t == "anti") return JoinType::kAnti;
  node.Fail(fmt::format("unknown join type '{}'; valid: inner, left, semi, anti, cross", t));
}

// Every left row with every right row: for attaching a one-row summary (the last date, a
// city-wide total) to every row of a table. Clashing right names get the suffix exactly as in the
// hash join (never replacing a left column, even one already named like name + suffix).
TablePtr CrossJoin(const Table& left, const Table& right, const std::string& suffix) {
  constexpr int64_t kMaxRows = int64_t{1} << 31;
  if (right.num_rows() > 0 && left.num_rows() > kMaxRows / right.num_rows()) {
    throw Error(ErrorKind::kData, fmt::format("cross join of {} × {} rows is too large",
                                              left.num_rows(), right.num_rows()));
  }
  const int64_t nr = right.num_rows(), n = left.num_rows() * nr;
  std::vector<int64_t> li(static_cast<size_t>(n)), ri(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) {
    li[static_cast<size_t>(k)] = k / nr;
    ri[static_cast<size_t>(k)] = k % nr;
  }
  return AssembleJoinOutput(left, &li, right, ri, /*right_skip=*/{}, suffix);
}

class JoinStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    if (o.GetString("type", "") == "cross") {
      cross_ = true;
      options_.suffix = o.GetString("suffix", options_.suffix);
      return;
    }
    options_.type = ParseJoinType(o.Get("type"));
    if (o.Has("on")) {
      options_.left_keys = o.Get("on").AsStringList();
    } else {
      options_.left_keys = o.Required("left_on").AsStringList();
      options_.right_keys = o.Required("right_on").AsStringList();
    }
    options_.suffix = o.GetString("suffix", options_.suffix);
  }
  void Run(StepContext& ctx) override {
    ctx.SetOutput(0, cross_ ? CrossJoin(*ctx.input(0), *ctx.input(1), options_.suffix)
                            : HashJoin(*ctx.input(0), *ctx.input(1), options_));
  }

 private:
  JoinOptions options_;
  bool cross_ = false;
};

class AsofJoinStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.left_on = o.Required("on").AsString();
    options_.right_on = o.GetString("right_on", "");
    options_.left_by = o.Get("by").AsStringList();
    options_.right_by = o.Get("right_by").AsStringList();
    options_.allow_exact_matches = o.GetBool("allow_exact_matches", true);
    options_.suffix = o.GetString("suffix", options_.suffix);
    if (o.Has("tolerance")) {
      std::string t = o.Get("tolerance").AsString();
      tolerance_micros_ = t == "0" ? 0 : ParseDurationOption(o.Get("tolerance"));
    }
  }
  void Run(StepContext& ctx) override {
    AsofJoinOptions options = options_;
    if (tolerance_micros_) {
      // Tolerance is in the time column's units: microseconds for timestamps, days for dates.
      const Table& left = *ctx.input(0);
      bool is_date = left.column(options.left_on)->type() == TypeId::kDate;
      options.tolerance = is_date ? static_cast<double>(*tolerance_micros_) /
                                        static_cast<double>(kMicrosPerDay)
                                  : static_cast<double>(*tolerance_micros_);
    }
    ctx.SetOutput(0, AsofJoin(*ctx.input(0), *ctx.input(1), options));
  }

 private:
  AsofJoinOptions options_;
  std::optional<int64_t> tolerance_micros_;  // "0": exact matches only
};

class SortStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.keys = ParseSortKeys(o.Required("by"));
    options_.limit = o.GetInt("limit", -1);
    if (o.Has("limit") && options_.limit < 0) o.Get("limit").Fail("limit must be 0 or more");
  }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, Sort(*ctx.input(0), options_)); }

 private:
  SortOptions options_;
};

WindowFunc ParseWindowFunc(const SpecNode& node) {
  static const std::vector<std::pair<std::string, WindowFunc>> funcs = {
      {"row_number", WindowFunc::kRowNumber},     {"rank", WindowFunc::kRank},
      {"dense_rank", WindowFunc::kDenseRank},     {"lag", WindowFunc::kLag},
      {"lead", WindowFunc::kLead},                {"cumsum", WindowFunc::kCumSum},
      {"rolling_mean", WindowFunc::kRollingMean}, {"rolling_sum", WindowFunc::kRollingSum},
      {"rolling_std", WindowFunc::kRollingStd},   {"rolling_min", WindowFunc::kRollingMin},
      {"rolling_max", WindowFunc::kRollingMax},   {"rolling_count", WindowFunc::kRollingCount},
  };
  std::string name = node.AsString();
  std::vector<std::string> names;
  for (const auto& [n, f] : funcs) {
    if (n == name) return f;
    names.push_back(n);
  }
  std::string hint = ClosestName(name, names);
  node.Fail(hint.empty() ? fmt::format("unknown window function '{}'", name)
                         : fmt::format("unknown window function '{}'; did you mean '{}'?", name, hint));
}

// functions: {kwh_ma7: {func: rolling_mean, column: kwh, rows: 7}, prev: {func: lag, column: kwh}}
class WindowStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.partition_by = o.Get("partition_by").AsStringList();
    options_.order_by = ParseSortKeys(o.Get("order_by"));
    SpecNode funcs = o.Required("functions");
    if (!funcs.IsMap()) funcs.Fail("expected a map of output: {func: ..., column: ...}");
    for (const auto& [output, f] : funcs.Entries()) {
      f.CheckKeys({"func", "column", "offset", "rows", "range", "min_periods"});
      WindowSpec spec;
      spec.output = output;
      spec.func = ParseWindowFunc(f.Required("func"));
      spec.column = f.GetString("column", "");
      spec.offset = f.GetInt("offset", 1);
      spec.rows = f.GetInt("rows", 0);
      if (f.Has("range")) range_options_.emplace_back(options_.functions.size(), f.Get("range"));
      spec.min_periods = f.GetInt("min_periods", -1);
      options_.functions.push_back(spec);
    }
  }
  void Run(StepContext& ctx) override {
    WindowOptions options = options_;
    for (const auto& [i, node] : range_options_) {
      // A range is a duration; the window's single order column says which unit it counts in.
      int64_t micros = ParseDurationOption(node);
      bool is_date = !options.order_by.empty() &&
                     ctx.input(0)->column(options.order_by[0].column)->type() == TypeId::kDate;
      options.functions[i].range = is_date ? static_cast<double>(micros) / static_cast<double>(kMicrosPerDay)
                                           : static_cast<double>(micros);
    }
    ctx.SetOutput(0, Window(*ctx.input(0), options));
  }

 private:
  WindowOptions options_;
  std::vector<std::pair<size_t, SpecNode>> range_options_;
};

class UnionStep : public Step {
 public:
  void Configure(const SpecNode& o) override { options_.by_name = o.GetBool("by_name", false); }
  void Run(StepContext& ctx) override {
    std::vector<TablePtr> tables;
    for (int i = 0; i < ctx.num_inputs(); ++i) tables.push_back(ctx.input(i));
    ctx.SetOutput(0, UnionAll(tables, options_));
  }

 private:
  UnionOptions options_;
};

class DistinctStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.columns = o.Get("columns").AsStringList();
    const SpecNode keep = o.Get("keep");
    const std::string k = keep.IsDefined() ? keep.AsString() : "row";
    if (k != "row" && k != "columns") {
      keep.Fail(fmt::format("unknown keep '{}'; valid: row (every column of the first row), "
                            "columns (only the listed columns)", k));
    }
    options_.keep_only_columns = k == "columns";
  }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, Distinct(*ctx.input(0), options_)); }

 private:
  DistinctOptions options_;
};

class ResampleStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.keys = o.Get("by").AsStringList();
    options_.time_column = o.Required("time").AsString();
    options_.interval_micros = ParseDurationOption(o.Required("every"));
    options_.aggregates = ParseAggregates(o.Required("aggregates"));
  }
  void Run(StepContext& ctx) override { ctx.SetOutput(0, Resample(*ctx.input(0), options_)); }

 private:
  ResampleOptions options_;
};

}  // namespace

StepKind FilterStepKind() {
  return {.name = "filter",
          .summary = "Keeps the rows for which an expression is true (NULL counts as false).",
          .options = {{"where", "expression", true, "Boolean expression over the input's columns."}},
          .make = Factory<FilterStep>()};
}

StepKind DeriveStepKind() {
  return {.name = "derive",
          .summary = "Adds or replaces columns computed by expressions, in order.",
          .options = {{"columns", "map", true,
                       "name: expression; a later expression may use an earlier one's column."}},
          .make = Factory<DeriveStep>()};
}

StepKind SelectStepKind() {
  return {.name = "select",
          .summary = "Keeps exactly the listed columns, or computes a new set of columns.",
          .options = {{"columns", "list or map", true,
                       "A list of column names, or a map of name: expression."}},
          .make = Factory<SelectStep>()};
}

StepKind AggregateStepKind() {
  return {.name = "aggregate",
          .summary = "Groups rows by key columns and computes aggregates per group.",
          .options = {{"by", "columns", false, "Group keys; none: one row for the whole table."},
                      {"aggregates", "map", true,
                       "output: function(column). Functions: count(*), count, count_distinct, sum, "
                       "avg, min, max, stddev, var, median, quantile(column, q), first, last."}},
          .make = Factory<AggregateStep>()};
}

StepKind JoinStepKind() {
  return {.name = "join",
          .summary = "Hash equi-join of two tables on key columns.",
          .min_inputs = 2,
          .max_inputs = 2,
          .inputs_doc = "left, right",
          .options = {{"on", "columns", false, "Key columns with the same name on both sides."},
                      {"left_on", "columns", false, "Left keys, when names differ (with right_on)."},
                      {"right_on", "columns", false, "Right keys, in the same order as left_on."},
                      {"type", "text", false, "inner (default), left, semi, anti, or cross (every pair; no keys)."},
                      {"suffix", "text", false,
                       "Appended to a right non-key column whose name is taken (_right); the "
                       "left keeps the plain name. Empty: such a clash is an error."}},
          .make = Factory<JoinStep>()};
}

StepKind AsofJoinStepKind() {
  return {.name = "asof_join",
          .summary = "For each left row, the latest right row at or before its time, per key.",
          .min_inputs = 2,
          .max_inputs = 2,
          .inputs_doc = "left, right",
          .options = {{"on", "column", true, "Time column of the left table."},
                      {"right_on", "column", false, "Time column of the right table (default: on)."},
                      {"by", "columns", false, "Exact-match keys."},
                      {"right_by", "columns", false, "Right keys when names differ."},
                      {"tolerance", "duration", false, "Largest allowed gap, e.g. 1h or 2d."},
                      {"allow_exact_matches", "bool", false, "false: strictly earlier (default true)."},
                      {"suffix", "text", false, "Appended to clashing right column names."}},
          .make = Factory<AsofJoinStep>()};
}

StepKind SortStepKind() {
  return {.name = "sort",
          .summary = "Stable sort by one or more columns; optionally keeps the first N rows.",
          .options = {{"by", "columns", true, "Columns; prefix '-' or suffix ' desc' for descending."},
                      {"limit", "number", false, "Keep only the first N rows (top-N)."}},
          .make = Factory<SortStep>()};
}

StepKind WindowStepKind() {
  return {.name = "window",
          .summary = "Per-partition window functions: lag/lead, ranks, running and rolling stats.",
          .options = {{"partition_by", "columns", false, "Partition keys."},
                      {"order_by", "columns", false, "Order inside each partition."},
                      {"functions", "map", true,
                       "output: {func, column, offset, rows, range, min_periods}; func is one of "
                       "row_number, rank, dense_rank, lag, lead, cumsum, rolling_mean, rolling_sum, "
                       "rolling_std, rolling_min, rolling_max, rolling_count; range is a duration "
                       "(e.g. 7d) over the order column."}},
          .make = Factory<WindowStep>()};
}

StepKind UnionStepKind() {
  return {.name = "union",
          .summary = "Appends the rows of all input tables (UNION ALL).",
          .min_inputs = 1,
          .max_inputs = 1000,
          .options = {{"by_name", "bool", false, "Match columns by name instead of position."}},
          .make = Factory<UnionStep>()};
}

StepKind DistinctStepKind() {
  return {.name = "distinct",
          .summary = "The first row of each distinct value of the given columns (default: all); "
                     "keep: columns outputs only those columns.",
          .options = {{"columns", "columns", false, "Columns that define a duplicate."},
                      {"keep", "text", false,
                       "row (default): every column of the first row of each combination; "
                       "columns: only the listed columns."}},
          .make = Factory<DistinctStep>()};
}

StepKind ResampleStepKind() {
  return {.name = "resample",
          .summary = "Buckets a time series to a fixed interval per key (local-time aligned).",
          .options = {{"by", "columns", false, "Series keys."},
                      {"time", "column", true, "Timestamp column."},
                      {"every", "duration", true, "Bucket width, e.g. 15m, 1h, 1d."},
                      {"aggregates", "map", true, "output: function(column), as in aggregate."}},
          .make = Factory<ResampleStep>()};
}

}  // namespace xf::pipeline
