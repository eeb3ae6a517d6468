#include "ops/asof_join.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/join_output.h"
#include "ops/key_hashing.h"
#include "ops/parallel.h"
#include "ops/row_comparator.h"

namespace xf {

namespace {

double NumericAt(const Column& c, int64_t i) {
  switch (c.type()) {
    case TypeId::kFloat64: return c.data<double>()[i];
    case TypeId::kDate: return c.data<int32_t>()[i];
    default: return static_cast<double>(c.data<int64_t>()[i]);
  }
}

bool Usable(const Column& c, int64_t i) {
  return c.IsValid(i) && !(c.type() == TypeId::kFloat64 && std::isnan(c.data<double>()[i]));
}

}  // namespace

TablePtr AsofJoin(const Table& left, const Table& right, const AsofJoinOptions& options) {
  const std::string& ron = options.right_on.empty() ? options.left_on : options.right_on;
  const Column& lt = *left.column(options.left_on);
  const Column& rt = *right.column(ron);
  const TypeId tt = lt.type();
  if (!(IsNumeric(tt) || IsTemporal(tt))) {
    throw Error(ErrorKind::kSpec,
                std::string("as-of join time column must be timestamp, date, int64 or float64; '") +
                    options.left_on + "' is " + TypeName(tt),
                SourceContext{.column_name = options.left_on});
  }
  if (rt.type() != tt) {
    throw Error(ErrorKind::kSpec,
                "as-of join time columns differ in type: '" + options.left_on + "' is " +
                    TypeName(tt) + ", '" + ron + "' is " + TypeName(rt.type()),
                SourceContext{.column_name = ron});
  }
  if (options.tolerance && !(*options.tolerance >= 0)) {
    throw Error(ErrorKind::kSpec, "as-of join tolerance must be >= 0");
  }
  const std::vector<std::string>& rby = options.right_by.empty() ? options.left_by : options.right_by;
  const KeyColumns lkeys = KeyColumns::FromTable(left, options.left_by);
  const KeyColumns rkeys = KeyColumns::FromTable(right, rby);
  CheckKeysCompatible(lkeys, options.left_by, rkeys, rby, "as-of join");

  // Right rows with a usable time, per key group, sorted by (time, row).
  const Grouping build = Grouping::Build(rkeys, /*skip_null_keys=*/true);
  const int64_t ng = build.num_groups();
  const int64_t nr = right.num_rows();
  const auto& rg = build.row_groups();
  std::vector<int64_t> offsets(static_cast<size_t>(ng) + 1, 0);
  for (int64_t r = 0; r < nr; ++r) {
    if (rg[static_cast<size_t>(r)] >= 0 && Usable(rt, r)) ++offsets[static_cast<size_t>(rg[static_cast<size_t>(r)]) + 1];
  }
  for (int64_t g = 0; g < ng; ++g) offsets[static_cast<size_t>(g + 1)] += offsets[static_cast<size_t>(g)];
  struct Entry {
    uint64_t key;
    int64_t row;
  };
  std::vector<Entry> entries(static_cast<size_t>(offsets.back()));
  {
    std::vector<int64_t> fill(offsets.begin(), offsets.end() - 1);
    for (int64_t r = 0; r < nr; ++r) {
      const int32_t g = rg[static_cast<size_t>(r)];
      if (g >= 0 && Usable(rt, r)) entries[static_cast<size_t>(fill[static_cast<size_t>(g)]++)] = {OrderedKeyAt(rt, r), r};
    }
  }
  const int64_t ranges = std::min<int64_t>(ng, 64);
  ParallelTasks(ranges, [&](int64_t k) {
    for (int64_t g = ng * k / ranges; g < ng * (k + 1) / ranges; ++g) {
      std::stable_sort(entries.begin() + offsets[static_cast<size_t>(g)],
                       entries.begin() + offsets[static_cast<size_t>(g) + 1],
                       [](const Entry& a, const Entry& b) { return a.key < b.key; });
    }
  });

  // Probe: binary search per left row.
  const int64_t nl = left.num_rows();
  std::vector<int64_t> ri(static_cast<size_t>(nl), -1);
  ForEachMorsel(nl, [&](int64_t, int64_t begin, int64_t end) {
    std::vector<int32_t> gid(static_cast<size_t>(end - begin));
    build.Lookup(lkeys, begin, end, gid.data());
    for (int64_t i = begin; i < end; ++i) {
      const int32_t g = gid[static_cast<size_t>(i - begin)];
      if (g < 0 || !Usable(lt, i)) continue;
      const uint64_t key = OrderedKeyAt(lt, i);
      auto first = entries.begin() + offsets[static_cast<size_t>(g)];
      auto last = entries.begin() + offsets[static_cast<size_t>(g) + 1];
      auto it = options.allow_exact_matches
                    ? std::upper_bound(first, last, key, [](uint64_t k, const Entry& e) { return k < e.key; })
                    : std::lower_bound(first, last, key, [](const Entry& e, uint64_t k) { return e.key < k; });
      if (it == first) continue;
      const int64_t r = std::prev(it)->row;
      if (options.tolerance && NumericAt(lt, i) - NumericAt(rt, r) > *options.tolerance) continue;
      ri[static_cast<size_t>(i)] = r;
    }
  });
  return AssembleJoinOutput(left, nullptr, right, ri, rby, options.suffix);
}

}  // namespace xf
