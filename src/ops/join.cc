#include "ops/join.h"

#include <optional>

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/join_output.h"
#include "ops/key_hashing.h"
#include "ops/parallel.h"
#include "ops/uninit_vector.h"
#include "ops/unique_key_index.h"

// The probe runs in two passes over fixed left morsels so the output index vectors are written
// once, in place: pass 1 looks every left row up (storing its hit) and counts each morsel's
// output rows; after a prefix sum, pass 2 writes each morsel's pairs at its offset. When every
// left row yields exactly one row (the usual fact-to-dimension join), the left columns are shared
// as they are and the right indices come straight from pass 1.

namespace xf {

namespace {

// The build side seen by the probe: hit(i) of a left row is a "match handle" h ≥ 0 or -1; its
// matches are build rows row(k) for k in [begin(h), end(h)).
struct GroupedBuild {  // general path: handle = group, CSR of each group's rows in right order
  const Grouping* grouping;
  std::vector<int64_t> offsets, rows;
  void Lookup(const KeyColumns& probe, int64_t b, int64_t e, int64_t* out) const {
    std::vector<int32_t> gid(static_cast<size_t>(e - b));
    grouping->Lookup(probe, b, e, gid.data());
    for (int64_t i = 0; i < e - b; ++i) out[i] = gid[static_cast<size_t>(i)];
  }
  int64_t begin(int64_t h) const { return offsets[static_cast<size_t>(h)]; }
  int64_t end(int64_t h) const { return offsets[static_cast<size_t>(h) + 1]; }
  int64_t row(int64_t k) const { return rows[static_cast<size_t>(k)]; }
};

struct UniqueBuild {  // unique int64 key: handle = the one matching right row
  const UniqueInt64Index* index;
  void Lookup(const KeyColumns& probe, int64_t b, int64_t e, int64_t* out) const {
    index->Lookup(probe.column(0), b, e, out);
  }
  static int64_t begin(int64_t h) { return h; }
  static int64_t end(int64_t h) { return h + 1; }
  static int64_t row(int64_t k) { return k; }
};

GroupedBuild MakeGroupedBuild(const Grouping& build, int64_t nr) {
  GroupedBuild gb{&build, std::vector<int64_t>(static_cast<size_t>(build.num_groups()) + 1, 0),
                  std::vector<int64_t>(static_cast<size_t>(nr))};
  const auto& rg = build.row_groups();
  for (int64_t r = 0; r < nr; ++r) {
    if (rg[static_cast<size_t>(r)] >= 0)
      ++gb.offsets[static_cast<size_t>(rg[static_cast<size_t>(r)]) + 1];
  }
  for (size_t g = 1; g < gb.offsets.size(); ++g) gb.offsets[g] += gb.offsets[g - 1];
  std::vector<int64_t> fill(gb.offsets.begin(), gb.offsets.end() - 1);
  for (int64_t r = 0; r < nr; ++r) {
    const int32_t g = rg[static_cast<size_t>(r)];
    if (g >= 0) gb.rows[static_cast<size_t>(fill[static_cast<size_t>(g)]++)] = r;
  }
  return gb;
}

template <typename Build>
TablePtr Probe(const Table& left, const KeyColumns& lkeys, const Build& build, const Table& right,
               const std::vector<std::string>& rnames, const JoinOptions& options) {
  const int64_t nl = left.num_rows();
  const JoinType type = options.type;
  const bool pairs = type == JoinType::kInner || type == JoinType::kLeft;
  const bool keep_unmatched = type == JoinType::kLeft || type == JoinType::kAnti;
  // Output rows of a left row with hit h.
  auto out_rows = [&](int64_t h) -> int64_t {
    if (!pairs) return (h >= 0) == (type == JoinType::kSemi) ? 1 : 0;
    if (h < 0) return keep_unmatched ? 1 : 0;
    return build.end(h) - build.begin(h);
  };

  // Pass 1.
  UninitVector<int64_t> hit(static_cast<size_t>(nl));
  const int64_t morsels = NumMorsels(nl);
  std::vector<int64_t> starts(static_cast<size_t>(morsels) + 1, 0);
  std::vector<char> identity(static_cast<size_t>(morsels), 1);  // one output row per left row
  ForEachMorsel(nl, [&](int64_t m, int64_t begin, int64_t end) {
    int64_t* h = hit.data() + begin;
    build.Lookup(lkeys, begin, end, h);
    int64_t count = 0;
    bool ident = true;
    for (int64_t i = 0; i < end - begin; ++i) {
      const int64_t c = out_rows(h[i]);
      count += c;
      ident = ident && c == 1;
    }
    starts[static_cast<size_t>(m) + 1] = count;
    identity[static_cast<size_t>(m)] = ident ? 1 : 0;
  });
  bool all_identity = true;
  for (int64_t m = 0; m < morsels; ++m) {
    starts[static_cast<size_t>(m) + 1] += starts[static_cast<size_t>(m)];
    all_identity = all_identity && identity[static_cast<size_t>(m)] != 0;
  }

  if (!pairs) {
    if (all_identity) return Table::Make(left.schema(), left.columns());
    std::vector<int64_t> li(static_cast<size_t>(starts.back()));
    ForEachMorsel(nl, [&](int64_t m, int64_t begin, int64_t end) {
      int64_t o = starts[static_cast<size_t>(m)];
      for (int64_t i = begin; i < end; ++i) {
        if (out_rows(hit[static_cast<size_t>(i)]) != 0) li[static_cast<size_t>(o++)] = i;
      }
    });
    return ParallelTake(left, li);
  }

  // Pass 2.
  if (all_identity) {  // right index of row i is its single match (or -1 for a left join)
    ForEachMorsel(nl, [&](int64_t, int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        int64_t& h = hit[static_cast<size_t>(i)];
        h = h < 0 ? -1 : build.row(build.begin(h));
      }
    });
    return AssembleJoinOutput(left, nullptr, right, hit.data(), nl, rnames, options.suffix);
  }
  UninitVector<int64_t> li(static_cast<size_t>(starts.back()));
  UninitVector<int64_t> ri(li.size());
  ForEachMorsel(nl, [&](int64_t m, int64_t begin, int64_t end) {
    auto o = static_cast<size_t>(starts[static_cast<size_t>(m)]);
    for (int64_t i = begin; i < end; ++i) {
      const int64_t h = hit[static_cast<size_t>(i)];
      if (h < 0) {
        if (keep_unmatched) {
          li[o] = i;
          ri[o++] = -1;
        }
        continue;
      }
      for (int64_t k = build.begin(h); k < build.end(h); ++k) {
        li[o] = i;
        ri[o++] = build.row(k);
      }
    }
  });
  hit = {};
  return AssembleJoinOutput(left, li.data(), right, ri.data(), static_cast<int64_t>(li.size()),
                            rnames, options.suffix);
}

}  // namespace

TablePtr HashJoin(const Table& left, const Table& right, const JoinOptions& options) {
  const std::vector<std::string>& lnames = options.left_keys;
  const std::vector<std::string>& rnames =
      options.right_keys.empty() ? options.left_keys : options.right_keys;
  if (lnames.empty()) throw Error(ErrorKind::kSpec, "join needs at least one key column");
  const KeyColumns lkeys = KeyColumns::FromTable(left, lnames);
  const KeyColumns rkeys = KeyColumns::FromTable(right, rnames);
  CheckKeysCompatible(lkeys, lnames, rkeys, rnames, "join");

  if (rkeys.IsSingleInt64()) {
    if (std::optional<UniqueInt64Index> index = UniqueInt64Index::Build(rkeys.column(0))) {
      return Probe(left, lkeys, UniqueBuild{&*index}, right, rnames, options);
    }
  }
  const Grouping grouping = Grouping::Build(rkeys, /*skip_null_keys=*/true);
  return Probe(left, lkeys, MakeGroupedBuild(grouping, right.num_rows()), right, rnames, options);
}

}  // namespace xf
