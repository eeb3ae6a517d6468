// Numeric feature columns as a dense row-major matrix, for the multivariate models (isolation
// forest, k-means, DBSCAN). Rows with a NULL or non-finite feature are marked unusable rather
// than dropped, so the models can give them a NULL result and no row is lost.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct FeatureMatrix {
  int64_t rows = 0;
  int64_t dims = 0;
  std::vector<double> values;   // rows × dims, row-major; 0 in unusable rows
  std::vector<uint8_t> usable;  // 1 when every feature of the row is finite
  // Standardisation applied (mean 0, sample sd 1 over usable rows): x' = (x − shift) / scale.
  std::vector<double> shift, scale;

  const double* row(int64_t r) const { return values.data() + r * dims; }
  int64_t num_usable() const;
};

// The named columns (each int64 or float64; a spec error naming the column otherwise). With
// `standardise`, each feature becomes a z-score; a constant feature gets scale 1 (all zeros).
FeatureMatrix ReadFeatures(const Table& table, const std::vector<std::string>& columns,
                           bool standardise);

// Value i of a numeric column as double; false when NULL or non-finite.
bool NumericValue(const Column& c, int64_t i, double* out);

// A spec error naming `column` unless it is int64 or float64; `what` says who asks.
void RequireNumericColumn(const Table& table, const std::string& column, const std::string& what);

}  // namespace xf::model
