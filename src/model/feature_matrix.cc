#include "model/feature_matrix.h"

#include <cmath>

#include "core/error.h"

namespace xf::model {

int64_t FeatureMatrix::num_usable() const {
  int64_t n = 0;
  for (uint8_t u : usable) n += u;
  return n;
}

bool NumericValue(const Column& c, int64_t i, double* out) {
  if (c.IsNull(i)) return false;
  *out = c.type() == TypeId::kFloat64 ? c.data<double>()[i]
                                      : static_cast<double>(c.data<int64_t>()[i]);
  return std::isfinite(*out);
}

void RequireNumericColumn(const Table& table, const std::string& column, const std::string& what) {
  const Column& c = *table.column(column);
  if (c.type() != TypeId::kFloat64 && c.type() != TypeId::kInt64) {
    throw Error(ErrorKind::kSpec,
                what + ": column '" + column + "' must be numeric, not " + TypeName(c.type()),
                SourceContext{.column_name = column});
  }
}

FeatureMatrix ReadFeatures(const Table& table, const std::vector<std::string>& columns,
                           bool standardise) {
  FeatureMatrix m;
  m.rows = table.num_rows();
  m.dims = static_cast<int64_t>(columns.size());
  m.values.assign(static_cast<size_t>(m.rows * m.dims), 0.0);
  m.usable.assign(static_cast<size_t>(m.rows), 1);
  for (int64_t j = 0; j < m.dims; ++j) {
    RequireNumericColumn(table, columns[j], "features");
    const Column& c = *table.column(columns[j]);
    for (int64_t r = 0; r < m.rows; ++r) {
      double v = 0;
      if (NumericValue(c, r, &v)) {
        m.values[r * m.dims + j] = v;
      } else {
        m.usable[r] = 0;
      }
    }
  }
  for (int64_t r = 0; r < m.rows; ++r) {
    if (!m.usable[r]) std::fill_n(m.values.begin() + r * m.dims, m.dims, 0.0);
  }
  m.shift.assign(m.dims, 0.0);
  m.scale.assign(m.dims, 1.0);
  if (!standardise) return m;
  const int64_t n = m.num_usable();
  for (int64_t j = 0; j < m.dims; ++j) {
    double sum = 0;
    for (int64_t r = 0; r < m.rows; ++r) sum += m.usable[r] ? m.values[r * m.dims + j] : 0;
    const double mean = n > 0 ? sum / static_cast<double>(n) : 0;
    double ss = 0;
    for (int64_t r = 0; r < m.rows; ++r) {
      if (m.usable[r]) ss += (m.values[r * m.dims + j] - mean) * (m.values[r * m.dims + j] - mean);
    }
    const double sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0;
    m.shift[j] = mean;
    m.scale[j] = sd > 0 ? sd : 1.0;
    for (int64_t r = 0; r < m.rows; ++r) {
      if (m.usable[r]) m.values[r * m.dims + j] = (m.values[r * m.dims + j] - mean) / m.scale[j];
    }
  }
  return m;
}

}  // namespace xf::model
