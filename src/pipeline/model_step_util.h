// Helpers shared by the model step kinds (anomaly, isolation_forest, dynamic_threshold, ewma,
// holt_winters, forecast_metrics, binary_metrics, kmeans, dbscan): option parsing with positioned
// errors and errors from the model code tagged with the step.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/spec_node.h"
#include "core/table.h"
#include "pipeline/step.h"

namespace xf::pipeline {

// The option's value, which must be one of `choices` (a spec error with did-you-mean otherwise);
// `fallback` when absent.
std::string ChoiceOption(const SpecNode& o, const char* key,
                         const std::vector<std::string>& choices, const std::string& fallback);

// The number under `key` (or `fallback`), which must lie in [lo, hi] (a spec error at the option
// otherwise). Integer options use IntOption.
double NumberOption(const SpecNode& o, const char* key, double fallback, double lo, double hi);
int64_t IntOption(const SpecNode& o, const char* key, int64_t fallback, int64_t lo, int64_t hi);

// Runs fn(); an xf::Error escaping it gets the step id (the runner does this too; steps run on
// their own in tests and tools).
template <typename F>
auto TagStep(const StepContext& ctx, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (Error& e) {
    e.WithStep(ctx.step_id());
    throw;
  }
}

// The `predict` option of the fitting steps (regression, logistic): "" or the name of a prediction
// column, which adds a third output; a spec error at `out` when the outputs do not match.
std::string PredictOption(const SpecNode& o);

// The fitting steps' `y`, `x` and `by` must name columns of `in` (a spec error at the option).
void RequireFitColumns(const SpecNode& o, const Table& in, const std::string& y,
                       const std::vector<std::string>& x, const std::vector<std::string>& by);

// Rows of `table` where the bool column `flag` is true.
TablePtr KeepFlagged(const TablePtr& table, const std::string& flag);

// The output of the per-group metric steps (binary_metrics, forecast_metrics): the `by` columns,
// then the step's own columns (counts, labels), then one float64 column per metric, where a
// metric that is not finite (undefined on the group) is stored as null.
class MetricsTable {
 public:
  MetricsTable(const Table& in, const std::vector<std::string>& by);
  // A column after the `by` columns; call before AddMetrics. The step appends to it, one value
  // per AppendKey.
  ColumnPtr AddColumn(const std::string& name, TypeId type);
  void AddMetrics(const std::vector<std::string>& names);
  // Starts a row: the `by` values of `row` of the input.
  void AppendKey(int64_t row);
  void AppendMetric(size_t metric, double v);
  TablePtr Finish() const;

 private:
  const Table& in_;
  std::vector<std::string> by_;
  Schema schema_;
  std::vector<ColumnPtr> cols_;
  size_t first_metric_ = 0;
};

}  // namespace xf::pipeline
