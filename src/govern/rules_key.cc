// Rules on keys: unique, primary_key (unique and never NULL) and references (every key found in
// another table), on the shared grouping of ops/grouping.h.
#include <fmt/format.h>

#include "govern/rule_eval.h"
#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf::govern {
namespace {

std::string KeyText(const Table& t, const std::vector<std::string>& cols, int64_t row) {
  std::string out;
  for (const std::string& c : cols) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}={}", c, CellText(*t.column(c), row));
  }
  return out;
}

KeyColumns ResolveKeys(const RuleSpec& r, const Table& t, const std::vector<std::string>& names) {
  std::vector<const Column*> cols;
  for (const std::string& n : names) cols.push_back(&RuleColumn(r, t, n));
  return KeyColumns(std::move(cols));
}

// unique (NULL keys are not compared, as in SQL) and primary_key (a NULL in the key fails).
class Unique : public RuleEvaluator {
 public:
  Unique(const RuleSpec& r, const Table& t) : rule_(r), keys_(ResolveKeys(r, t, r.columns)) {}
  RuleHits Evaluate(const Table& t) const override {
    const bool pk = rule_.kind == RuleKind::kPrimaryKey;
    Grouping g = Grouping::Build(keys_, /*skip_null_keys=*/true);
    const auto& groups = g.row_groups();
    const auto& first = g.first_rows();
    RuleHits hits;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      int32_t grp = groups[static_cast<size_t>(i)];
      if (grp < 0) {  // a NULL in the key
        if (pk) {
          ++hits.evaluated;
          hits.failed.push_back(i);
          hits.aux.push_back(-1);
        }
        continue;
      }
      ++hits.evaluated;
      int64_t f = first[static_cast<size_t>(grp)];
      if (f != i) {
        hits.failed.push_back(i);
        hits.aux.push_back(f);
      }
    }
    return hits;
  }
  std::string Reason(const Table& t, int64_t row, int64_t aux) const override {
    if (aux < 0) return fmt::format("primary key has NULL ({})", KeyText(t, rule_.columns, row));
    return fmt::format("duplicate key ({}) of row {}", KeyText(t, rule_.columns, row), aux + 1);
  }

 private:
  const RuleSpec& rule_;
  KeyColumns keys_;
};

class References : public RuleEvaluator {
 public:
  References(const RuleSpec& r, const Table& t, const TableLookup* tables) : rule_(r) {
    auto it = tables ? tables->find(r.ref_table) : TableLookup::const_iterator{};
    if (tables == nullptr || it == tables->end()) {
      r.node.Fail(fmt::format("no table '{}' to check references against", r.ref_table));
    }
    other_ = it->second;
    keys_ = ResolveKeys(r, t, r.columns);
    other_keys_ = ResolveKeys(r, *other_, r.ref_columns);
    try {
      CheckKeysCompatible(keys_, r.columns, other_keys_, r.ref_columns, "references");
    } catch (const Error& e) {
      r.node.Fail(e.message());
    }
  }
  RuleHits Evaluate(const Table& t) const override {
    Grouping g = Grouping::Build(other_keys_, /*skip_null_keys=*/true);
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      std::vector<int32_t> found(static_cast<size_t>(e - b));
      g.Lookup(keys_, b, e, found.data());
      int64_t evaluated = 0;
      for (int64_t i = b; i < e; ++i) {
        if (keys_.AnyNull(i)) continue;
        ++evaluated;
        if (found[static_cast<size_t>(i - b)] < 0) out->push_back(i);
      }
      return evaluated;
    });
  }
  std::string Reason(const Table& t, int64_t row, int64_t) const override {
    return fmt::format("({}) not found in {}", KeyText(t, rule_.columns, row), rule_.ref_table);
  }

 private:
  const RuleSpec& rule_;
  TablePtr other_;
  KeyColumns keys_, other_keys_;
};

}  // namespace

std::unique_ptr<RuleEvaluator> MakeKeyEvaluator(const RuleSpec& rule, const Table& table,
                                                const TableLookup* tables) {
  if (rule.kind == RuleKind::kReferences) return std::make_unique<References>(rule, table, tables);
  return std::make_unique<Unique>(rule, table);
}

}  // namespace xf::govern
