#include "pipeline/model_step_util.h"

#include <fmt/format.h>

#include <cmath>

#include "core/strings.h"
#include "ops/filter.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

std::string ChoiceOption(const SpecNode& o, const char* key,
                         const std::vector<std::string>& choices, const std::string& fallback) {
  if (!o.Has(key)) return fallback;
  const std::string v = o.Get(key).AsString();
  for (const std::string& c : choices) {
    if (c == v) return v;
  }
  const std::string hint = ClosestName(v, choices);
  o.Get(key).Fail(fmt::format("unknown value '{}'{}; valid: {}", v,
                              hint.empty() ? "" : "; did you mean '" + hint + "'?",
                              fmt::join(choices, ", ")));
}

double NumberOption(const SpecNode& o, const char* key, double fallback, double lo, double hi) {
  const double v = o.GetDouble(key, fallback);
  if (!(v >= lo && v <= hi)) o.Get(key).Fail(fmt::format("must be in [{}, {}], got {}", lo, hi, v));
  return v;
}

int64_t IntOption(const SpecNode& o, const char* key, int64_t fallback, int64_t lo, int64_t hi) {
  const int64_t v = o.GetInt(key, fallback);
  if (v < lo || v > hi) o.Get(key).Fail(fmt::format("must be in [{}, {}], got {}", lo, hi, v));
  return v;
}

TablePtr KeepFlagged(const TablePtr& table, const std::string& flag) {
  return FilterByMask(*table, *table->column(flag));
}

std::string PredictOption(const SpecNode& o) {
  std::string predict = o.GetString("predict", "");
  const size_t outs = o.Get("out").Items().size();
  if (!predict.empty() && outs != 3) {
    o.Get("out").Fail("with 'predict', give three outputs: coefficients, fit stats, predictions");
  }
  if (predict.empty() && outs == 3) {
    o.Get("out").Fail("a third output (predictions) needs the 'predict' option");
  }
  return predict;
}

MetricsTable::MetricsTable(const Table& in, const std::vector<std::string>& by) : in_(in), by_(by) {
  for (const std::string& b : by_) AddColumn(b, in.column(b)->type());
}

ColumnPtr MetricsTable::AddColumn(const std::string& name, TypeId type) {
  schema_.Add({name, type});
  cols_.push_back(Column::Make(type));
  first_metric_ = cols_.size();
  return cols_.back();
}

void MetricsTable::AddMetrics(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    schema_.Add({name, TypeId::kFloat64});
    cols_.push_back(Column::Make(TypeId::kFloat64));
  }
}

void MetricsTable::AppendKey(int64_t row) {
  for (size_t k = 0; k < by_.size(); ++k) cols_[k]->AppendFrom(*in_.column(by_[k]), row);
}

void MetricsTable::AppendMetric(size_t metric, double v) {
  Column& c = *cols_[first_metric_ + metric];
  if (std::isfinite(v)) {
    c.AppendFloat64(v);
  } else {
    c.AppendNull();
  }
}

TablePtr MetricsTable::Finish() const { return Table::Make(schema_, cols_); }

void RequireFitColumns(const SpecNode& o, const Table& in, const std::string& y,
                       const std::vector<std::string>& x, const std::vector<std::string>& by) {
  RequireColumn(o.Get("y"), in, y);
  for (const std::string& c : x) RequireColumn(o.Get("x"), in, c);
  for (const std::string& b : by) RequireColumn(o.Get("by"), in, b);
}

}  // namespace xf::pipeline
