#include "model/grading.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "model/numeric_columns.h"

namespace xf::model {

std::vector<double> GradeCuts(const Table& input, const GradeOptions& o) {
  const size_t ncuts = o.bands.empty() ? o.quantiles.size() : o.bands.size();
  if (o.bands.empty() == o.quantiles.empty()) {
    throw Error(ErrorKind::kSpec, "grade: give either bands or quantiles");
  }
  if (o.labels.size() != ncuts + 1) {
    throw Error(ErrorKind::kSpec, fmt::format("grade: {} cuts need {} labels, got {}", ncuts,
                                              ncuts + 1, o.labels.size()));
  }
  std::vector<double> cuts = o.bands;
  if (cuts.empty()) {
    std::vector<double> v = NumericValues(NumericColumnOf(input, o.column, "grade"));
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (v.size() < o.labels.size()) {
      throw Error(ErrorKind::kData,
                  fmt::format("grade: {} quantile levels need at least {} non-NULL values of "
                              "'{}', got {}",
                              o.labels.size(), o.labels.size(), o.column, v.size()),
                  SourceContext{.column_name = o.column});
    }
    std::sort(v.begin(), v.end());
    for (double p : o.quantiles) {
      if (!(p > 0 && p < 1)) {
        throw Error(ErrorKind::kSpec, fmt::format("grade: quantile {} is not in (0, 1)", p));
      }
      const double h = p * static_cast<double>(v.size() - 1);
      const auto lo = static_cast<size_t>(std::floor(h));
      const size_t hi = std::min(lo + 1, v.size() - 1);
      cuts.push_back(v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]));
    }
  }
  if (o.direction == Direction::kBenefit) {
    std::sort(cuts.begin(), cuts.end(), std::greater<>());
  } else {
    std::sort(cuts.begin(), cuts.end());
  }
  return cuts;
}

TablePtr Grade(const Table& input, const GradeOptions& o) {
  const std::vector<double> cuts = GradeCuts(input, o);
  const std::vector<double> v = NumericValues(NumericColumnOf(input, o.column, "grade"));
  auto label = Column::Make(TypeId::kString), level = Column::Make(TypeId::kInt64);
  const bool benefit = o.direction == Direction::kBenefit;
  for (double x : v) {
    if (std::isnan(x)) {
      label->AppendNull();
      level->AppendNull();
      continue;
    }
    size_t l = 0;
    while (l < cuts.size() && (benefit ? x < cuts[l] : x > cuts[l])) ++l;
    label->AppendString(o.labels[l]);
    level->AppendInt64(static_cast<int64_t>(l + 1));
  }
  return input.WithColumn(o.output, label)->WithColumn(o.output + "_level", level);
}

}  // namespace xf::model
