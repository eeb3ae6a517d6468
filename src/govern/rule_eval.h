// Evaluating one rule over a table (internal to govern): each kind is a RuleEvaluator that finds
// the failing rows, vectorised over the column buffers and in parallel by morsels, and explains a
// failing row on demand (reasons are only built for the rows that are reported or quarantined).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/table.h"
#include "govern/standard.h"

namespace xf::govern {

struct RuleHits {
  int64_t evaluated = 0;        // rows (or 1 for a table-level rule) the rule applied to
  std::vector<int64_t> failed;  // failing rows, ascending (row-level rules)
  std::vector<int64_t> aux;     // per failing row, kind-specific (e.g. the row it duplicates)
  bool table_failed = false;    // table-level rules
  std::string table_reason;
};

class RuleEvaluator {
 public:
  virtual ~RuleEvaluator() = default;
  virtual RuleHits Evaluate(const Table& table) const = 0;
  // "kwh=-3 below min 0": why `row` failed (aux as recorded in RuleHits).
  virtual std::string Reason(const Table& table, int64_t row, int64_t aux) const = 0;
};

// Other tables of the run, for references.
using TableLookup = std::map<std::string, TablePtr>;

// Resolves columns and binds expressions against `table`; a spec error at the rule's position
// when a column is missing, of the wrong type or a domain/reference cannot be resolved.
std::unique_ptr<RuleEvaluator> MakeEvaluator(const RuleSpec& rule, const Table& table,
                                             const TableLookup* tables);

// Kind families (rules_value.cc, rules_key.cc, rules_expr.cc, rules_table.cc, rules_time.cc).
std::unique_ptr<RuleEvaluator> MakeValueEvaluator(const RuleSpec& rule, const Table& table);
std::unique_ptr<RuleEvaluator> MakeKeyEvaluator(const RuleSpec& rule, const Table& table,
                                                const TableLookup* tables);
std::unique_ptr<RuleEvaluator> MakeExprEvaluator(const RuleSpec& rule, const Table& table);
std::unique_ptr<RuleEvaluator> MakeTableEvaluator(const RuleSpec& rule, const Table& table);
std::unique_ptr<RuleEvaluator> MakeTimeEvaluator(const RuleSpec& rule, const Table& table);

// --- helpers shared by the kinds ---

// fn(begin, end, &failed) appends failing rows of [begin, end) in order and returns how many rows
// of the range it evaluated. Runs by fixed morsels in parallel; merged in morsel order.
RuleHits CollectFailures(
    int64_t n, const std::function<int64_t(int64_t, int64_t, std::vector<int64_t>*)>& fn);

// The column `name` of `table` or a spec error at the rule's node naming the closest column.
const Column& RuleColumn(const RuleSpec& rule, const Table& table, const std::string& name);

// A cell as text for reasons: NULL, numbers without trailing zeros, strings quoted when they
// contain spaces.
std::string CellText(const Column& c, int64_t row);
std::string NumberText(double v);

}  // namespace xf::govern
