// Numeric columns as plain doubles for the index, logistic and scorecard models.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

// The column `name` of `table`, which must be numeric (int64 or float64) — a spec error naming
// the column otherwise. `what` prefixes the message (e.g. "topsis").
const Column& NumericColumnOf(const Table& table, const std::string& name, const char* what);

// Values of a numeric column as doubles; NaN for NULL and non-finite values.
std::vector<double> NumericValues(const Column& column);

// A 0/1 target: bool, or numeric with only the values 0 and 1. NaN for NULL. A data error naming
// the column for any other value.
std::vector<double> BinaryTarget(const Table& table, const std::string& name, const char* what);

// Float64 column from doubles, NaN becoming NULL.
ColumnPtr Float64Column(const std::vector<double>& values);

}  // namespace xf::model
