#include "model/composite_index.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "model/numeric_columns.h"

namespace xf::model {

namespace {

double WeightOf(const CompositeIndexOptions& o, const std::string& name, const char* what) {
  auto it = o.weights.find(name);
  if (it == o.weights.end()) {
    throw Error(ErrorKind::kSpec, fmt::format("index: {} '{}' has no weight", what, name),
                SourceContext{.column_name = name});
  }
  if (!(it->second >= 0) || !std::isfinite(it->second)) {
    throw Error(ErrorKind::kSpec,
                fmt::format("index: the weight of {} '{}' is {}, not a number >= 0", what, name,
                            it->second));
  }
  return it->second;
}

// Σ w_i x_i / Σ w_i per row over `columns`; NaN when any x is NaN.
std::vector<double> WeightedMean(const std::vector<std::vector<double>>& columns,
                                 const std::vector<double>& w, int64_t rows,
                                 const std::string& level) {
  double total = 0;
  for (double v : w) total += v;
  if (!(total > 0)) {
    throw Error(ErrorKind::kSpec, fmt::format("index: the weights of {} sum to 0", level));
  }
  std::vector<double> out(static_cast<size_t>(rows), 0);
  for (size_t j = 0; j < columns.size(); ++j) {
    for (int64_t r = 0; r < rows; ++r) {
      out[static_cast<size_t>(r)] += w[j] / total * columns[j][static_cast<size_t>(r)];
    }
  }
  return out;  // NaN propagates through the sum
}

}  // namespace

TablePtr CompositeIndex(const Table& input, const CompositeIndexOptions& o) {
  const int64_t n = input.num_rows();
  auto values_of = [&](const std::vector<std::string>& names, std::vector<double>* w) {
    std::vector<std::vector<double>> cols;
    for (const std::string& name : names) {
      cols.push_back(NumericValues(NumericColumnOf(input, name, "index")));
      w->push_back(WeightOf(o, name, "indicator"));
    }
    return cols;
  };
  TablePtr out = std::make_shared<const Table>(input);
  std::vector<double> index;
  if (o.dimensions.empty()) {
    if (o.indicators.empty()) throw Error(ErrorKind::kSpec, "index: no indicators");
    std::vector<double> w;
    auto cols = values_of(o.indicators, &w);
    index = WeightedMean(cols, w, n, "the indicators");
  } else {
    std::vector<std::vector<double>> scores;
    std::vector<double> dim_w;
    for (const Dimension& d : o.dimensions) {
      if (d.indicators.empty()) {
        throw Error(ErrorKind::kSpec,
                    fmt::format("index: dimension '{}' has no indicators", d.name));
      }
      std::vector<double> w;
      auto cols = values_of(d.indicators, &w);
      scores.push_back(WeightedMean(cols, w, n, "dimension '" + d.name + "'"));
      dim_w.push_back(WeightOf(o, d.name, "dimension"));
      out = out->WithColumn(d.name, Float64Column(scores.back()));
    }
    index = WeightedMean(scores, dim_w, n, "the dimensions");
  }
  return out->WithColumn(o.output, Float64Column(index));
}

}  // namespace xf::model
