// Small readers shared by the synthetic-data generators: dates, durations, number ranges and
// column type names from a SpecNode, each failing with the node's file:line.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/spec_node.h"
#include "core/table.h"

namespace xf::synth {

// "2024-01-05" (any form core/time.h accepts).
int32_t ReadDate(const SpecNode& node);
// "15m", "1h", "10min", "1d", "7d" → microseconds. A bare number is refused: units matter.
int64_t ReadDuration(const SpecNode& node);
// A number or a two-item list [lo, hi] → (lo, hi); lo <= hi is checked.
std::pair<double, double> ReadRange(const SpecNode& node);
// A count of points: a bare integer is that many points; a duration is converted with `step`
// (rounded, at least 1). Used for anomaly lengths ("3h" of an hourly series is 3 points).
int64_t ReadPoints(const SpecNode& node, int64_t step_micros);
std::pair<int64_t, int64_t> ReadPointRange(const SpecNode& node, int64_t step_micros);

// "int"/"float"/"string"/"bool"/"date" and aliases (core/types.h).
TypeId ReadType(const SpecNode& node);

// The full-table columns of `table` needed by an option, failing at `node` naming the closest
// column when one is missing.
const ColumnPtr& ColumnOf(const Table& table, const std::string& name, const SpecNode& node);

// Rethrows errors of expression text with the spec position filled in.
template <typename F>
auto WithSpecPosition(const SpecNode& node, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (Error& e) {
    e.WithFile(node.file()).WithLine(node.line()).WithStep(node.step());
    throw;
  }
}

// A number, or the name of a numeric column of an entity table (one value per entity).
struct Param {
  double constant = 0;
  ColumnPtr column;
  double At(int64_t row) const;  // NaN for a NULL cell
};
Param ReadParam(const SpecNode& node, const Table& entities, double fallback);

// Row i of a column of any type as text (lookup keys, name parts).
std::string CellText(const Column& column, int64_t i);

// Rows × scale, rounded, at least 1.
int64_t ScaledCount(double rows, double scale);

}  // namespace xf::synth
