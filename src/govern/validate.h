// Applying a data standard to a table: every rule's conformance (metric X = conforming /
// evaluated, GB/T 36344), example failing rows, and the split of the table into the rows that
// pass and the rows quarantined by blocking rules. Nothing is lost:
//   rows in == passed->num_rows() + quarantine->num_rows().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"
#include "govern/rule_eval.h"
#include "govern/standard.h"

namespace xf::govern {

struct FailingRow {
  int64_t row = 0;  // 0-based row of the validated table
  std::string reason;
};

struct RuleResult {
  std::string id;
  RuleKind kind = RuleKind::kNotNull;
  std::string table;
  std::vector<std::string> columns;
  Severity severity = Severity::kBlock;
  Dimension dimension = Dimension::kCompleteness;
  std::string indicator;
  std::string description;
  std::optional<double> threshold;  // % of evaluated rows that must conform
  int64_t evaluated = 0;
  int64_t conforming = 0;
  // False when conformance is below the threshold (table-level rules: when the check failed).
  bool passed = true;
  std::vector<FailingRow> examples;  // the first failing rows in row order
  std::vector<int64_t> failed_rows;  // every failing row, ascending (row-level rules)
  std::string table_reason;          // table-level rules: why the check failed

  // Metric X of GB/T 36344: conforming / evaluated; nullopt when nothing was evaluated.
  std::optional<double> metric() const {
    if (evaluated == 0) return std::nullopt;
    return static_cast<double>(conforming) / static_cast<double>(evaluated);
  }
  int64_t failed() const { return evaluated - conforming; }
};

struct TableQuality {
  std::string table;
  std::string source;  // the file it was read from, or the table name
  int64_t rows_in = 0;
  int64_t rows_passed = 0;
  int64_t rows_quarantined = 0;
  int64_t rows_flagged = 0;  // passed rows failing a warn rule
  std::vector<RuleResult> rules;
  // A blocking rule fell below its threshold (or a blocking table-level check failed).
  bool blocking_failed() const;
};

struct ValidateOptions {
  std::string table;   // name used for the quarantine table and results; default standard.table
  std::string source;  // source file of the rows (quarantine `_source`); default the table name
  // 1-based position of each row in its source (e.g. data record number); empty = row + 1.
  const std::vector<int64_t>* source_rows = nullptr;
  const TableLookup* tables = nullptr;  // other tables, for references
  int max_examples = 5;
  // Non-empty: the passed table gains this string column listing the warn rules each row fails
  // (NULL when none).
  std::string flag_column;
};

struct Validation {
  TablePtr passed;
  TablePtr quarantine;  // QuarantineSchema(input schema)
  TableQuality quality;
};

// "<table>__quarantine": where a table's quarantined rows go in a pipeline.
inline std::string QuarantineTableName(const std::string& table) { return table + "__quarantine"; }

// Evaluates every rule (in parallel across rules; results do not depend on thread count).
// Spec errors (missing column, wrong type, bad expression) name the standard's file and line.
Validation Validate(const TableStandard& standard, const TablePtr& table,
                    const ValidateOptions& options = {});

// The input's columns followed by _rules (ids of the failing blocking rules, ';'-separated),
// _reasons (their readable reasons, '; '-separated), _source (file or table) and _source_row
// (1-based row in the source).
Schema QuarantineSchema(const Schema& input);

}  // namespace xf::govern
