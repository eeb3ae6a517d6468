// Filtering rows by a boolean mask (the vectorised kernel behind WHERE / filter steps).
#pragma once

#include "core/column.h"
#include "core/table.h"

namespace xf {

// Rows where `mask` is true, in input order; NULL counts as false (SQL WHERE). `mask` must be a
// bool column as long as the table (usage error otherwise).
TablePtr FilterByMask(const Table& table, const Column& mask);

}  // namespace xf
