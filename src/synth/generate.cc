#include "synth/generate.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "expr/expr.h"
#include "synth/columns.h"
#include "synth/kinds.h"
#include "synth/rng.h"
#include "synth/spec_util.h"

namespace xf {
namespace synth {

TablePtr Context::Find(const SpecNode& ref) const {
  const std::string name = ref.AsString();
  std::vector<std::string> names;
  for (const auto& [n, t] : tables) {
    if (n == name) return t;
    names.push_back(n);
  }
  const std::string close = ClosestName(name, names);
  ref.Fail(fmt::format("no table '{}' before this one{}", name,
                       close.empty() ? " (tables are generated in spec order)"
                                     : fmt::format("; did you mean '{}'?", close)));
}

std::vector<std::string> ReadKeys(const SpecNode& spec, const Table& entities) {
  if (!spec.Has("keys")) return {entities.schema().field(0).name};
  std::vector<std::string> keys = spec.Get("keys").AsStringList();
  if (keys.empty()) spec.Get("keys").Fail("expected at least one key column");
  for (const std::string& k : keys) ColumnOf(entities, k, spec.Get("keys"));
  return keys;
}

std::vector<uint8_t> RowMask(const SpecNode& node, const Table& table) {
  std::vector<uint8_t> mask(static_cast<size_t>(table.num_rows()), 1);
  if (!node.IsDefined()) return mask;
  const ColumnPtr c = WithSpecPosition(node, [&] {
    BoundExpr e = Bind(node.AsString(), table.schema());
    if (e.type() != TypeId::kBool) {
      node.Fail(
          fmt::format("'{}' is {}, not a condition (bool)", node.AsString(), TypeName(e.type())));
    }
    return Evaluate(e, table);
  });
  for (int64_t i = 0; i < table.num_rows(); ++i) {
    mask[static_cast<size_t>(i)] = c->IsValid(i) && c->data<uint8_t>()[i];
  }
  return mask;
}

Output GenerateEntities(const std::string& name, const SpecNode& spec, const Context& ctx) {
  spec.CheckKeys({"kind", "rows", "fixed", "columns", "truth"});
  const SpecNode rows = spec.Required("rows");
  if (rows.AsDouble() < 1) rows.Fail("at least 1 row");
  // fixed: a reference list (regions, product codes) that must not grow with --scale.
  TableBuilder b(name, spec.GetBool("fixed", false) ? ScaledCount(rows.AsDouble(), 1.0)
                                                    : ScaledCount(rows.AsDouble(), ctx.scale));
  GenerateColumns(spec.Required("columns"), ctx.seed, &b);
  return {b.Full(), b.hidden(), nullptr};
}

Output GenerateDerived(const std::string& name, const SpecNode& spec, const Context& ctx) {
  spec.CheckKeys({"kind", "from", "where", "sample", "columns", "select", "truth"});
  const TablePtr base = ctx.Find(spec.Required("from"));
  const std::vector<uint8_t> mask = RowMask(spec.Get("where"), *base);
  const double sample = spec.GetDouble("sample", 1.0);
  if (sample < 0 || sample > 1) spec.Get("sample").Fail("a fraction is between 0 and 1");
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < base->num_rows(); ++i) {
    if (!mask[static_cast<size_t>(i)]) continue;
    // Keyed by the source row, so a row's fate does not depend on the rows around it.
    if (sample < 1.0 &&
        !Rng(ctx.seed, name, "#sample", static_cast<uint64_t>(i)).Bernoulli(sample)) {
      continue;
    }
    rows.push_back(i);
  }
  TableBuilder b(name, *base->Take(rows));
  GenerateColumns(spec.Get("columns"), ctx.seed, &b);
  TablePtr full = b.Full();
  if (!spec.Has("select")) return {full, b.hidden(), nullptr};
  TablePtr truth = spec.Has("truth") ? RowTruth(spec.Get("truth"), *full) : nullptr;
  return {SelectColumns(spec.Get("select"), *full), {}, truth};
}

TablePtr SelectColumns(const SpecNode& select, const Table& full) {
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const SpecNode& item : select.Items()) {
    std::string out, in;
    if (item.IsMap()) {
      const auto entries = item.Entries();
      if (entries.size() != 1) item.Fail("expected {new_name: column}");
      out = entries[0].first;
      in = entries[0].second.AsString();
    } else {
      out = in = item.AsString();
    }
    const ColumnPtr& c = ColumnOf(full, in, item);
    fields.push_back({out, c->type()});
    cols.push_back(c);
  }
  return Table::Make(Schema(fields), cols);
}

}  // namespace synth

std::vector<SynthTable> Generate(const SpecNode& root, const SynthOptions& options) {
  using namespace synth;
  // A scenario file (with `synthetic:` among other keys) or a file holding only the map.
  const SpecNode spec = root.IsMap() && root.Has("synthetic") && root.Get("synthetic").IsMap()
                            ? root.Get("synthetic")
                            : root;
  if (!spec.IsMap()) spec.Fail("expected a map of table name → table spec");
  if (!(options.scale > 0) || options.scale > 1e6) {
    throw Error(ErrorKind::kUsage, fmt::format("scale must be > 0 (got {})", options.scale));
  }
  static const std::vector<std::string> kKinds = {"entities", "derived", "timeseries",
                                                  "events",   "graph",   "derived_series"};
  Context ctx{options.seed, options.scale, {}};
  std::vector<SynthTable> out;
  for (const auto& [name, node] : spec.Entries()) {
    const SpecNode t = node.InStep(name);
    if (!t.IsMap()) t.Fail(fmt::format("table '{}': expected a map", name));
    if (name.size() > 7 && name.substr(name.size() - 7) == "__truth") {
      t.Fail(fmt::format("'{}': names ending in __truth are reserved for ground truth", name));
    }
    const std::string kind = t.GetString("kind", t.Has("from") ? "derived" : "entities");
    Output o;
    if (kind == "entities") {
      o = GenerateEntities(name, t, ctx);
    } else if (kind == "derived") {
      o = GenerateDerived(name, t, ctx);
    } else if (kind == "timeseries") {
      o = GenerateTimeseries(name, t, ctx);
    } else if (kind == "events") {
      o = GenerateEvents(name, t, ctx);
    } else if (kind == "graph") {
      o = GenerateGraph(name, t, ctx);
    } else if (kind == "derived_series") {
      o = GenerateDerivedSeries(name, t, ctx);
    } else {
      const std::string close = ClosestName(kind, kKinds);
      t.Get("kind").Fail(
          fmt::format("unknown kind '{}'{} (entities, derived, timeseries, events, "
                      "graph, derived_series)",
                      kind, close.empty() ? "" : fmt::format("; did you mean '{}'?", close)));
    }
    // Kinds that accept `truth:` (entities, derived, events) never inject anomalies; derived
    // labels its rows before `select:` drops the hidden columns.
    if (t.Has("truth") && !o.truth) o.truth = RowTruth(t.Get("truth"), *o.table);
    ctx.tables.emplace_back(name, o.table);
    out.push_back({name, WithoutHidden(o.table, o.hidden), false});
    if (o.truth) out.push_back({name + "__truth", o.truth, true});
  }
  return out;
}

}  // namespace xf
