// Reading table columns as plain C++ values for the graph, optimisation and geo models, with
// data errors that name the column (and the row, 1-based, when one value is at fault).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

// A numeric (int64/float64) column as doubles; NULL → NaN. A spec error for other types.
std::vector<double> NumericValues(const Table& table, const std::string& column);
// Any column as text ids (strings as they are, numbers in decimal); NULL → nullopt.
std::vector<std::optional<std::string>> TextValues(const Table& table, const std::string& column);
// A timestamp, date (midnight) or int64 column as microseconds / integers; NULL → nullopt.
std::vector<std::optional<int64_t>> TimeValues(const Table& table, const std::string& column);

[[noreturn]] void ThrowRowError(const std::string& column, int64_t row, const std::string& message);

}  // namespace xf::model
