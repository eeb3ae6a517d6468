// The table kinds of a `synthetic:` spec, each in its own file, and what they share.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/spec_node.h"
#include "core/table.h"

namespace xf::synth {

// Tables generated so far (with hidden columns), for `from:` and `entities:` references.
struct Context {
  uint64_t seed = 42;
  double scale = 1.0;
  std::vector<std::pair<std::string, TablePtr>> tables;

  // The table named by `ref` (a scalar node), or a spec error naming the closest earlier table.
  TablePtr Find(const SpecNode& ref) const;
};

struct Output {
  TablePtr table;                   // every column, hidden ones included
  std::vector<std::string> hidden;  // dropped from the published table
  TablePtr truth;                   // injected anomalies, or nullptr
};

Output GenerateEntities(const std::string& name, const SpecNode& spec, const Context& ctx);
Output GenerateDerived(const std::string& name, const SpecNode& spec, const Context& ctx);
Output GenerateTimeseries(const std::string& name, const SpecNode& spec, const Context& ctx);
Output GenerateEvents(const std::string& name, const SpecNode& spec, const Context& ctx);
Output GenerateGraph(const std::string& name, const SpecNode& spec, const Context& ctx);
Output GenerateDerivedSeries(const std::string& name, const SpecNode& spec, const Context& ctx);

// `truth: {where, select}`: the selected columns of the rows of `full` where the condition
// holds, published as `<name>__truth` (entities, derived and events tables).
TablePtr RowTruth(const SpecNode& spec, const Table& full);

// `select: [a, {new_name: column}]`: those columns of `full`, renamed (derived tables, truth).
TablePtr SelectColumns(const SpecNode& select, const Table& full);

// Key columns of an entity table (`keys:`, default its first column), checked to exist.
std::vector<std::string> ReadKeys(const SpecNode& spec, const Table& entities);
// Rows of `table` where the boolean expression at `node` is true (all rows when undefined).
std::vector<uint8_t> RowMask(const SpecNode& node, const Table& table);

}  // namespace xf::synth
