#include "govern/validate.h"

#include <algorithm>

#include <fmt/format.h>

#include "govern/quarantine_columns.h"
#include "ops/parallel.h"

namespace xf::govern {
namespace {

RuleResult MakeResult(const RuleSpec& r, const std::string& table) {
  RuleResult out;
  out.id = r.id;
  out.kind = r.kind;
  out.table = table;
  out.columns = r.columns;
  out.severity = r.severity;
  out.dimension = r.dimension;
  out.indicator = r.indicator;
  out.description = r.description;
  out.threshold = r.threshold;
  return out;
}

// Per row of `rows` (ascending), the ids and reasons of the rules in `rule_idx` it fails, joined.
struct RowFailures {
  std::vector<std::string> ids;
  std::vector<std::string> reasons;
};

RowFailures Explain(const Table& table, const std::vector<int64_t>& rows,
                    const std::vector<size_t>& rule_idx, const std::vector<RuleSpec>& specs,
                    const std::vector<RuleHits>& hits,
                    const std::vector<std::unique_ptr<RuleEvaluator>>& evals) {
  RowFailures out;
  out.ids.resize(rows.size());
  out.reasons.resize(rows.size());
  ParallelRanges(static_cast<int64_t>(rows.size()), 4096, [&](int64_t b, int64_t e) {
    if (b >= e) return;
    std::vector<size_t> cursor(rule_idx.size());
    for (size_t k = 0; k < rule_idx.size(); ++k) {
      const auto& f = hits[rule_idx[k]].failed;
      cursor[k] = static_cast<size_t>(std::lower_bound(f.begin(), f.end(), rows[static_cast<size_t>(b)]) - f.begin());
    }
    for (int64_t j = b; j < e; ++j) {
      const int64_t row = rows[static_cast<size_t>(j)];
      std::string& ids = out.ids[static_cast<size_t>(j)];
      std::string& reasons = out.reasons[static_cast<size_t>(j)];
      for (size_t k = 0; k < rule_idx.size(); ++k) {
        const RuleHits& h = hits[rule_idx[k]];
        size_t& c = cursor[k];
        while (c < h.failed.size() && h.failed[c] < row) ++c;
        if (c == h.failed.size() || h.failed[c] != row) continue;
        const int64_t aux = c < h.aux.size() ? h.aux[c] : 0;
        if (!ids.empty()) ids += ";";
        ids += specs[rule_idx[k]].id;
        if (!reasons.empty()) reasons += "; ";
        reasons += evals[rule_idx[k]]->Reason(table, row, aux);
      }
    }
  });
  return out;
}

// Sorted union of the failing rows of the given rules.
std::vector<int64_t> UnionRows(const std::vector<size_t>& rule_idx, const std::vector<RuleHits>& hits,
                               int64_t n) {
  std::vector<uint8_t> mark(static_cast<size_t>(n), 0);
  for (size_t k : rule_idx) {
    for (int64_t r : hits[k].failed) mark[static_cast<size_t>(r)] = 1;
  }
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < n; ++i) {
    if (mark[static_cast<size_t>(i)]) rows.push_back(i);
  }
  return rows;
}

ColumnPtr StringColumn(const std::vector<std::string>& values, bool empty_is_null) {
  ColumnPtr c = Column::Make(TypeId::kString);
  size_t bytes = 0;
  for (const std::string& v : values) bytes += v.size();
  c->Reserve(static_cast<int64_t>(values.size()), static_cast<int64_t>(bytes));
  for (const std::string& v : values) {
    if (empty_is_null && v.empty()) {
      c->AppendNull();
    } else {
      c->AppendString(v);
    }
  }
  return c;
}

// Every declared column exists with its declared storage type (int64 and float64 are
// interchangeable: CSV inference reads "5" as int64); a mismatch is an error at the column's line,
// since no rule can be judged on a column that is not there.
void CheckColumns(const TableStandard& standard, const Table& table) {
  for (const ColumnStandard& c : standard.columns) {
    const SpecNode& at = c.node.IsDefined() ? c.node : standard.node;
    const Column& col = *at.ColumnOf(table, c.name);
    if (!c.type || *c.type == col.type()) continue;
    if (IsNumeric(*c.type) && IsNumeric(col.type())) continue;
    (c.node.Has("type") ? c.node.Get("type") : at)
        .Fail(fmt::format("column '{}' is {} in the data; the standard says {}", c.name,
                          TypeName(col.type()), TypeName(*c.type)));
  }
}

}  // namespace

bool TableQuality::blocking_failed() const {
  for (const RuleResult& r : rules) {
    if (r.severity == Severity::kBlock && !r.passed) return true;
  }
  return false;
}

Schema QuarantineSchema(const Schema& input) {
  Schema s = input;
  s.Add({kRulesColumn, TypeId::kString});
  s.Add({kReasonsColumn, TypeId::kString});
  s.Add({kSourceColumn, TypeId::kString});
  s.Add({kSourceRowColumn, TypeId::kInt64});
  return s;
}

Validation Validate(const TableStandard& standard, const TablePtr& table_ptr,
                    const ValidateOptions& options) {
  const Table& table = *table_ptr;
  const int64_t n = table.num_rows();
  const std::vector<RuleSpec>& specs = standard.rules;
  const std::string name = options.table.empty() ? standard.table : options.table;
  CheckColumns(standard, table);
  std::vector<std::unique_ptr<RuleEvaluator>> evals;
  for (const RuleSpec& r : specs) evals.push_back(MakeEvaluator(r, table, options.tables));

  std::vector<RuleHits> hits(specs.size());
  ParallelTasks(static_cast<int64_t>(specs.size()),
                [&](int64_t k) { hits[static_cast<size_t>(k)] = evals[static_cast<size_t>(k)]->Evaluate(table); });

  Validation v;
  TableQuality& q = v.quality;
  q.table = name;
  q.source = options.source.empty() ? name : options.source;
  q.rows_in = n;
  std::vector<size_t> block_rules, warn_rules;
  for (size_t k = 0; k < specs.size(); ++k) {
    const RuleSpec& spec = specs[k];
    RuleHits& h = hits[k];
    RuleResult r = MakeResult(spec, name);
    r.evaluated = h.evaluated;
    if (IsTableLevel(spec)) {
      r.conforming = h.table_failed ? 0 : 1;
      r.table_reason = h.table_reason;
      r.passed = !h.table_failed;
    } else {
      r.conforming = h.evaluated - static_cast<int64_t>(h.failed.size());
      if (r.threshold && r.evaluated > 0) {
        r.passed = 100.0 * static_cast<double>(r.conforming) / static_cast<double>(r.evaluated) >=
                   *r.threshold - 1e-9;
      }
      const size_t examples = std::min<size_t>(h.failed.size(), static_cast<size_t>(options.max_examples));
      for (size_t j = 0; j < examples; ++j) {
        r.examples.push_back({h.failed[j], evals[k]->Reason(table, h.failed[j], j < h.aux.size() ? h.aux[j] : 0)});
      }
      r.failed_rows = h.failed;
      (spec.severity == Severity::kBlock ? block_rules : warn_rules).push_back(k);
    }
    q.rules.push_back(std::move(r));
  }

  // Split: rows failing any blocking rule go to quarantine, with every failing blocking rule.
  const std::vector<int64_t> blocked = UnionRows(block_rules, hits, n);
  std::vector<int64_t> kept;
  kept.reserve(static_cast<size_t>(n) - blocked.size());
  {
    size_t b = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (b < blocked.size() && blocked[b] == i) {
        ++b;
      } else {
        kept.push_back(i);
      }
    }
  }
  RowFailures why = Explain(table, blocked, block_rules, specs, hits, evals);
  TablePtr quarantined = ParallelTake(table, blocked);
  std::vector<ColumnPtr> cols = quarantined->columns();
  cols.push_back(StringColumn(why.ids, false));
  cols.push_back(StringColumn(why.reasons, false));
  cols.push_back(Column::MakeConstant(Value::String(q.source), static_cast<int64_t>(blocked.size())));
  ColumnPtr pos = Column::Make(TypeId::kInt64);
  pos->Reserve(static_cast<int64_t>(blocked.size()));
  for (int64_t r : blocked) {
    pos->AppendInt64(options.source_rows ? (*options.source_rows)[static_cast<size_t>(r)] : r + 1);
  }
  cols.push_back(pos);
  v.quarantine = Table::Make(QuarantineSchema(table.schema()), std::move(cols));

  v.passed = blocked.empty() ? table_ptr : ParallelTake(table, kept);
  const std::vector<int64_t> warned = UnionRows(warn_rules, hits, n);
  {
    // Flagged rows: passed rows failing a warn rule.
    size_t b = 0;
    for (int64_t r : warned) {
      while (b < blocked.size() && blocked[b] < r) ++b;
      if (b == blocked.size() || blocked[b] != r) ++q.rows_flagged;
    }
  }
  if (!options.flag_column.empty()) {
    RowFailures flags = Explain(table, kept, warn_rules, specs, hits, evals);
    v.passed = v.passed->WithColumn(options.flag_column, StringColumn(flags.ids, true));
  }
  q.rows_passed = v.passed->num_rows();
  q.rows_quarantined = v.quarantine->num_rows();
  XF_CHECK(q.rows_in == q.rows_passed + q.rows_quarantined);
  return v;
}

}  // namespace xf::govern
