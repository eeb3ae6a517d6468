// kind: derived_series — a table computed row by row from a generated series joined with its
// entity columns, plus multiplicative noise: e.g. discharge m³ = kWh × the company's m³ per kWh
// × (1 + ε), for a subset of entities, so that a regression can later recover the slope.
#include <fmt/format.h>

#include <cmath>
#include <unordered_map>

#include "core/hash.h"
#include "ops/project.h"
#include "synth/kinds.h"
#include "synth/rng.h"
#include "synth/spec_util.h"

namespace xf::synth {
namespace {

std::string CompositeKey(const std::vector<ColumnPtr>& cols, int64_t i) {
  std::string k;
  for (const ColumnPtr& c : cols) {
    k += CellText(*c, i);
    k += '\x1f';
  }
  return k;
}

}  // namespace

Output GenerateDerivedSeries(const std::string& name, const SpecNode& spec, const Context& ctx) {
  spec.CheckKeys({"kind", "from", "entities", "keys", "where", "sample", "columns", "select"});
  const TablePtr series = ctx.Find(spec.Required("from"));
  const TablePtr entities = ctx.Find(spec.Required("entities"));
  const std::vector<std::string> keys = ReadKeys(spec, *entities);
  std::vector<ColumnPtr> ekeys, skeys;
  for (const std::string& k : keys) {
    ekeys.push_back(entities->column(k));
    skeys.push_back(ColumnOf(*series, k, spec.Has("keys") ? spec.Get("keys") : spec.Get("from")));
  }
  std::vector<uint8_t> chosen = RowMask(spec.Get("where"), *entities);
  const double sample = spec.GetDouble("sample", 1.0);
  if (sample < 0 || sample > 1) spec.Get("sample").Fail("a fraction is between 0 and 1");
  std::unordered_map<std::string, int64_t> index;
  for (int64_t e = 0; e < entities->num_rows(); ++e) {
    if (sample < 1.0 &&
        !Rng(ctx.seed, name, "#sample", static_cast<uint64_t>(e)).Bernoulli(sample)) {
      chosen[static_cast<size_t>(e)] = 0;
    }
    if (chosen[static_cast<size_t>(e)]) index.emplace(CompositeKey(ekeys, e), e);
  }
  std::vector<int64_t> srows, erows;
  for (int64_t i = 0; i < series->num_rows(); ++i) {
    auto it = index.find(CompositeKey(skeys, i));
    if (it == index.end()) continue;
    srows.push_back(i);
    erows.push_back(it->second);
  }
  // The series' columns, then the entity's columns it does not already have.
  TablePtr joined = series->Take(srows);
  for (int c = 0; c < entities->num_columns(); ++c) {
    const std::string& n = entities->schema().field(c).name;
    if (joined->ColumnIndex(n) < 0)
      joined = joined->WithColumn(n, entities->column(c)->Take(erows));
  }
  std::vector<std::string> added;
  const SpecNode columns = spec.Required("columns");
  if (!columns.IsMap()) columns.Fail("expected a map of column → {expr, noise, round, floor}");
  for (const auto& entry : columns.Entries()) {
    // Named copies, not structured bindings: clang 14 cannot capture a binding in a lambda.
    const std::string& col = entry.first;
    const SpecNode& c = entry.second;
    c.CheckKeys({"expr", "noise", "round", "floor", "ceiling"});
    const SpecNode e = c.Required("expr");
    joined = WithSpecPosition(e, [&] { return Derive(*joined, {{col, e.AsString()}}); });
    const ColumnPtr v = joined->column(col);
    const double noise = c.GetDouble("noise", 0);
    if (noise < 0) c.Get("noise").Fail("noise is a standard deviation, >= 0");
    const bool numeric = IsNumeric(v->type());
    if (!numeric && (c.Has("noise") || c.Has("round") || c.Has("floor") || c.Has("ceiling"))) {
      c.Fail(fmt::format("'{}' is {}: noise, round, floor and ceiling need a number", col,
                         TypeName(v->type())));
    }
    if (numeric) {
      const int digits = static_cast<int>(c.GetInt("round", -1));
      const double lo = c.GetDouble("floor", -INFINITY), hi = c.GetDouble("ceiling", INFINITY);
      auto out = Column::Make(TypeId::kFloat64);
      std::unordered_map<int64_t, uint64_t> nth;  // per entity: rows seen so far
      for (int64_t i = 0; i < joined->num_rows(); ++i) {
        const int64_t ent = erows[static_cast<size_t>(i)];
        const uint64_t ordinal = nth[ent]++;
        if (v->IsNull(i)) {
          out->AppendNull();
          continue;
        }
        double x = v->type() == TypeId::kInt64 ? static_cast<double>(v->data<int64_t>()[i])
                                               : v->data<double>()[i];
        if (noise > 0) {
          Rng rng(HashCombine(StreamKey(ctx.seed, name, col, static_cast<uint64_t>(ent)), ordinal));
          x *= std::max(0.0, 1 + noise * rng.Normal());
        }
        x = std::clamp(x, lo, hi);
        if (digits >= 0) x = std::round(x * std::pow(10.0, digits)) / std::pow(10.0, digits);
        out->AppendFloat64(x);
      }
      joined = joined->WithColumn(col, out);
    }
    added.push_back(col);
  }
  std::vector<int> keep;
  if (spec.Has("select")) {
    for (const SpecNode& s : spec.Get("select").Items()) {
      ColumnOf(*joined, s.AsString(), s);
      keep.push_back(joined->ColumnIndex(s.AsString()));
    }
  } else {
    for (int c = 0; c < series->num_columns(); ++c) keep.push_back(c);
    for (const std::string& a : added) {
      const int i = joined->ColumnIndex(a);
      if (std::find(keep.begin(), keep.end(), i) == keep.end()) keep.push_back(i);
    }
  }
  return {joined->SelectColumns(keep), {}, nullptr};
}

}  // namespace xf::synth
