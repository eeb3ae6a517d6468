// kind: graph — edges from each entity of one table to k entities of the same or another table,
// optionally only between entities that share a column value (same region, same industry).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "synth/columns.h"
#include "synth/kinds.h"
#include "synth/rng.h"
#include "synth/spec_util.h"

namespace xf::synth {

Output GenerateGraph(const std::string& name, const SpecNode& spec, const Context& ctx) {
  spec.CheckKeys({"kind", "from", "to", "key", "to_key", "k", "match", "self", "source_column",
                  "target_column", "columns"});
  const TablePtr from = ctx.Find(spec.Required("from"));
  const bool same = !spec.Has("to") || spec.Get("to").AsString() == spec.Get("from").AsString();
  const TablePtr to = same ? from : ctx.Find(spec.Get("to"));
  const std::string key = spec.GetString("key", from->schema().field(0).name);
  const std::string to_key = spec.GetString("to_key", to->schema().field(0).name);
  const ColumnPtr src_key = ColumnOf(*from, key, spec.Get("key"));
  const ColumnPtr dst_key = ColumnOf(*to, to_key, spec.Get("to_key"));
  const auto [k_lo, k_hi] = spec.Has("k") ? ReadRange(spec.Get("k")) : std::make_pair(3.0, 3.0);
  if (k_lo < 0) spec.Get("k").Fail("k is >= 0");
  const bool allow_self = spec.GetBool("self", false);

  // Candidate targets per match value ("" = everyone).
  std::unordered_map<std::string, std::vector<int64_t>> groups;
  ColumnPtr match_src, match_dst;
  if (spec.Has("match")) {
    const SpecNode m = spec.Get("match");
    match_src = ColumnOf(*from, m.AsString(), m);
    match_dst = ColumnOf(*to, m.AsString(), m);
  }
  for (int64_t j = 0; j < to->num_rows(); ++j) {
    groups[match_dst ? CellText(*match_dst, j) : ""].push_back(j);
  }

  std::vector<int64_t> src_rows, dst_rows;
  for (int64_t i = 0; i < from->num_rows(); ++i) {
    Rng rng(ctx.seed, name, "#edges", static_cast<uint64_t>(i));
    const int64_t k = rng.UniformInt(std::llround(k_lo), std::llround(k_hi));
    auto it = groups.find(match_src ? CellText(*match_src, i) : "");
    if (it == groups.end() || k == 0) continue;
    std::vector<int64_t> pool = it->second;
    if (same && !allow_self) pool.erase(std::remove(pool.begin(), pool.end(), i), pool.end());
    // Partial Fisher–Yates: the first k of a seeded shuffle, in draw order.
    const int64_t take = std::min<int64_t>(k, static_cast<int64_t>(pool.size()));
    for (int64_t t = 0; t < take; ++t) {
      const int64_t r = rng.UniformInt(t, static_cast<int64_t>(pool.size()) - 1);
      std::swap(pool[static_cast<size_t>(t)], pool[static_cast<size_t>(r)]);
      src_rows.push_back(i);
      dst_rows.push_back(pool[static_cast<size_t>(t)]);
    }
  }
  const std::string sname = spec.GetString("source_column", "source");
  const std::string tname = spec.GetString("target_column", "target");
  if (sname == tname) spec.Get("target_column").Fail("source and target columns need two names");
  TableBuilder b(name, *Table::Make(Schema({{sname, src_key->type()}, {tname, dst_key->type()}}),
                                    {src_key->Take(src_rows), dst_key->Take(dst_rows)}));
  GenerateColumns(spec.Get("columns"), ctx.seed, &b);
  return {b.Full(), b.hidden(), nullptr};
}

}  // namespace xf::synth
