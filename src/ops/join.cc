#include "ops/join.h"

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/join_output.h"
#include "ops/key_hashing.h"
#include "ops/parallel.h"

namespace xf {

TablePtr HashJoin(const Table& left, const Table& right, const JoinOptions& options) {
  const std::vector<std::string>& lnames = options.left_keys;
  const std::vector<std::string>& rnames =
      options.right_keys.empty() ? options.left_keys : options.right_keys;
  if (lnames.empty()) throw Error(ErrorKind::kSpec, "join needs at least one key column");
  const KeyColumns lkeys = KeyColumns::FromTable(left, lnames);
  const KeyColumns rkeys = KeyColumns::FromTable(right, rnames);
  CheckKeysCompatible(lkeys, lnames, rkeys, rnames, "join");

  // Build: right groups, and each group's rows in right order (CSR).
  const Grouping build = Grouping::Build(rkeys, /*skip_null_keys=*/true);
  const int64_t ng = build.num_groups();
  const int64_t nr = right.num_rows();
  std::vector<int64_t> offsets(static_cast<size_t>(ng) + 1, 0);
  std::vector<int64_t> rows(static_cast<size_t>(nr));
  {
    const auto& rg = build.row_groups();
    for (int64_t r = 0; r < nr; ++r) {
      if (rg[static_cast<size_t>(r)] >= 0) ++offsets[static_cast<size_t>(rg[static_cast<size_t>(r)]) + 1];
    }
    for (int64_t g = 0; g < ng; ++g) offsets[static_cast<size_t>(g + 1)] += offsets[static_cast<size_t>(g)];
    std::vector<int64_t> fill(offsets.begin(), offsets.end() - 1);
    for (int64_t r = 0; r < nr; ++r) {
      const int32_t g = rg[static_cast<size_t>(r)];
      if (g >= 0) rows[static_cast<size_t>(fill[static_cast<size_t>(g)]++)] = r;
    }
  }

  // Probe, per left morsel.
  const int64_t nl = left.num_rows();
  const JoinType type = options.type;
  const bool pairs = type == JoinType::kInner || type == JoinType::kLeft;
  struct Part {
    std::vector<int64_t> li, ri;
    bool identity = true;  // every left row of the morsel produced exactly one output row
  };
  std::vector<Part> parts(static_cast<size_t>(NumMorsels(nl)));
  ForEachMorsel(nl, [&](int64_t m, int64_t begin, int64_t end) {
    Part& p = parts[static_cast<size_t>(m)];
    std::vector<int32_t> gid(static_cast<size_t>(end - begin));
    build.Lookup(lkeys, begin, end, gid.data());
    p.li.reserve(static_cast<size_t>(end - begin));
    if (pairs) p.ri.reserve(static_cast<size_t>(end - begin));
    for (int64_t i = begin; i < end; ++i) {
      const int32_t g = gid[static_cast<size_t>(i - begin)];
      if (!pairs) {
        if ((g >= 0) == (type == JoinType::kSemi)) p.li.push_back(i);
        continue;
      }
      if (g < 0) {
        p.identity = false;
        if (type == JoinType::kLeft) {
          p.identity = true;  // still exactly one row, with NULLs
          p.li.push_back(i);
          p.ri.push_back(-1);
        }
        continue;
      }
      const int64_t b = offsets[static_cast<size_t>(g)], e = offsets[static_cast<size_t>(g) + 1];
      if (e - b != 1) p.identity = false;
      for (int64_t k = b; k < e; ++k) {
        p.li.push_back(i);
        p.ri.push_back(rows[static_cast<size_t>(k)]);
      }
    }
    if (type == JoinType::kInner && static_cast<int64_t>(p.li.size()) != end - begin) p.identity = false;
  });

  // Concatenate in morsel order.
  std::vector<int64_t> starts(parts.size() + 1, 0);
  bool identity = true;
  for (size_t m = 0; m < parts.size(); ++m) {
    starts[m + 1] = starts[m] + static_cast<int64_t>(parts[m].li.size());
    identity = identity && parts[m].identity;
  }
  std::vector<int64_t> li(static_cast<size_t>(starts.back()));
  std::vector<int64_t> ri(pairs ? li.size() : 0);
  ParallelTasks(static_cast<int64_t>(parts.size()), [&](int64_t m) {
    Part& p = parts[static_cast<size_t>(m)];
    std::copy(p.li.begin(), p.li.end(), li.begin() + starts[static_cast<size_t>(m)]);
    if (pairs) std::copy(p.ri.begin(), p.ri.end(), ri.begin() + starts[static_cast<size_t>(m)]);
    p = Part{};
  });

  if (!pairs) {
    if (static_cast<int64_t>(li.size()) == nl) return Table::Make(left.schema(), left.columns());
    return ParallelTake(left, li);
  }
  const bool left_identity = identity && static_cast<int64_t>(li.size()) == nl;
  return AssembleJoinOutput(left, left_identity ? nullptr : &li, right, ri, rnames, options.suffix);
}

}  // namespace xf
