#include "ops/grouping.h"

#include <bit>
#include <functional>
#include <limits>

#include "core/error.h"
#include "ops/parallel.h"

// Two strategies number the groups, chosen from a sample of the first rows (both give the same
// numbering, which depends only on the data):
//
// Few distinct keys per morsel (BuildByMorsels, below), in four parallel-friendly phases:
//  1. per fixed morsel: a small local hash table (or, for int64 keys spanning a small range, a
//     direct array) numbers the morsel's distinct keys in order of first appearance; every row
//     gets its morsel-local id;
//  2. per hash partition (top hash bits): the morsels' local groups of that partition are merged
//     into one partition table, morsel by morsel in order, so each group's first insertion is its
//     first row in the whole input;
//  3. a bitmap of group first rows ranks every group: global id = number of first rows before it,
//     i.e. the order of first appearance (RankGroups);
//  4. per morsel: local ids are replaced by global ids.
// Many distinct keys would make phase 2 re-insert nearly every row a second time, so then rows
// are radix-partitioned by hash first and each partition grouped once (grouping_partitioned.cc).

namespace xf {

namespace {

struct MorselGroups {
  std::vector<int64_t> rep_rows;   // first row of each local group
  std::vector<uint64_t> hashes;    // hash of each local group
  std::vector<int32_t> part_offsets;  // local ids sorted by partition: CSR offsets, parts + 1
  std::vector<int32_t> by_part;
  std::vector<int32_t> part_local;  // partition-local id, then global id, of each local group
  // In by_part order, so that phase 2 reads them sequentially: first row, hash and (int64 path)
  // key value of each local group.
  std::vector<int64_t> sorted_rows;
  std::vector<uint64_t> sorted_hashes;
  std::vector<int64_t> sorted_keys;
  int32_t null_local = -1;  // int64 path: the local id of the NULL key
};

// An int64 morsel whose keys span fewer values than this is numbered through a direct array.
constexpr uint64_t kDirectRange = uint64_t{1} << 16;

// Rows sampled to choose the strategy; the distinct fraction above which partitioning wins
// (about 60k groups or more when keys are spread evenly); and the sampled distinct count above
// which phase 1 uses a few large chunks instead of morsels. With tens of thousands of groups,
// morsel tables would re-insert every group in every morsel and phase 2 would merge them all
// again; a large chunk inserts each group once while its table still fits in L2. With few
// groups, morsel-sized chunks keep phase 1's two passes over a chunk inside the cache.
constexpr int64_t kSampleRows = kMorselRows;
constexpr double kPartitionAbove = 0.6;
constexpr int64_t kLargeChunksAbove = 2048;
constexpr int64_t kLargeChunks = 16;

// Distinct keys among the first rows (NULL slots count as the value they hold; it is a sample).
int64_t SampleDistinct(const KeyColumns& keys, bool int64_path) {
  const int64_t n = std::min(keys.num_rows(), kSampleRows);
  int32_t next = 0;
  if (int64_path) {
    Int64IdTable t(n);
    const int64_t* v = keys.column(0).data<int64_t>();
    for (int64_t r = 0; r < n; ++r) {
      if (t.FindOrInsert(v[r], HashInt64(static_cast<uint64_t>(v[r])), next) == next) ++next;
    }
  } else {
    HashIdTable t(n);
    std::vector<int64_t> rows;
    for (int64_t r = 0; r < n; ++r) {
      if (t.FindOrInsert(keys.HashRow(r), next, [&](int32_t e) {
            return keys.Equal(r, rows[static_cast<size_t>(e)]);
          }) == next) {
        rows.push_back(r);
        ++next;
      }
    }
  }
  return next;
}

}  // namespace

Grouping Grouping::Build(const KeyColumns& keys, bool skip_null_keys) {
  Grouping g;
  g.keys_ = keys;
  const int64_t n = keys.num_rows();
  if (n > std::numeric_limits<int32_t>::max()) {
    throw Error(ErrorKind::kData, "grouping supports at most 2^31-1 rows per table; got " +
                                      std::to_string(n));
  }
  g.int64_path_ = keys.IsSingleInt64();
  const int parts = NumMorsels(n) <= 1 ? 1 : 64;
  g.num_parts_ = parts;
  if (g.int64_path_) {
    g.int64_tables_.resize(static_cast<size_t>(parts));
  } else {
    g.generic_tables_.resize(static_cast<size_t>(parts));
  }
  g.part_rows_.resize(static_cast<size_t>(parts));
  g.part_global_.resize(static_cast<size_t>(parts));
  if (n == 0) return g;
  if (keys.empty()) {  // one group of all rows
    g.row_groups_.assign(static_cast<size_t>(n), 0);
    g.first_rows_.push_back(0);
    g.part_rows_[0].push_back(0);
    g.part_global_[0].push_back(0);
    return g;
  }
  const int64_t sampled = std::min(n, kSampleRows);
  const int64_t distinct = parts > 1 ? SampleDistinct(keys, g.int64_path_) : 0;
  if (parts > 1 && static_cast<double>(distinct) > kPartitionAbove * static_cast<double>(sampled)) {
    g.BuildByPartitions(skip_null_keys);
  } else if (distinct > kLargeChunksAbove) {
    const int64_t morsels_per_chunk = (NumMorsels(n) + kLargeChunks - 1) / kLargeChunks;
    g.BuildByMorsels(skip_null_keys, morsels_per_chunk * kMorselRows);
  } else {
    g.BuildByMorsels(skip_null_keys, kMorselRows);
  }
  return g;
}

void Grouping::BuildByMorsels(bool skip_null_keys, int64_t chunk_rows) {
  const KeyColumns& keys = keys_;
  const int64_t n = keys.num_rows();
  const int parts = num_parts_;
  row_groups_.resize(static_cast<size_t>(n));
  const bool check_nulls = skip_null_keys && keys.HasNulls();
  const Column& col0 = keys.column(0);
  const int64_t* ivals = int64_path_ ? col0.data<int64_t>() : nullptr;
  const int64_t chunks = (n + chunk_rows - 1) / chunk_rows;
  std::vector<MorselGroups> ms(static_cast<size_t>(chunks));
  // fn(chunk, begin, end) for every chunk, in parallel.
  auto for_each_chunk = [&](const std::function<void(int64_t, int64_t, int64_t)>& fn) {
    ParallelTasks(chunks, [&](int64_t m) { fn(m, m * chunk_rows, std::min(n, (m + 1) * chunk_rows)); });
  };

  // Phase 1.
  for_each_chunk([&](int64_t m, int64_t begin, int64_t end) {
    MorselGroups& mg = ms[static_cast<size_t>(m)];
    int32_t* out = row_groups_.data();
    int32_t next = 0;
    auto add = [&](int64_t row, uint64_t h) {
      mg.rep_rows.push_back(row);
      mg.hashes.push_back(h);
      return next++;
    };
    if (int64_path_) {
      const uint8_t* valid = col0.validity();
      int32_t null_id = -1;
      auto number_null = [&](int64_t r) {
        if (skip_null_keys) {
          out[r] = -1;
        } else {
          if (null_id < 0) null_id = add(r, kNullHash);
          out[r] = null_id;
          mg.null_local = null_id;
        }
      };
      // NULL slots hold 0, so including them only widens the range a little.
      int64_t lo = ivals[begin], hi = ivals[begin];
      for (int64_t r = begin; r < end; ++r) {
        lo = std::min(lo, ivals[r]);
        hi = std::max(hi, ivals[r]);
      }
      if (static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) < kDirectRange) {
        // Keys such as codes, hours or small ids: no hashing per row.
        std::vector<int32_t> direct(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1, -1);
        for (int64_t r = begin; r < end; ++r) {
          if (valid != nullptr && !GetBit(valid, r)) {
            number_null(r);
            continue;
          }
          int32_t& id = direct[static_cast<uint64_t>(ivals[r]) - static_cast<uint64_t>(lo)];
          if (id < 0) id = add(r, HashInt64(static_cast<uint64_t>(ivals[r])));
          out[r] = id;
        }
      } else {
        Int64IdTable table(1024);
        for (int64_t r = begin; r < end; ++r) {
          if (valid != nullptr && !GetBit(valid, r)) {
            number_null(r);
            continue;
          }
          const uint64_t h = HashInt64(static_cast<uint64_t>(ivals[r]));
          const int32_t id = table.FindOrInsert(ivals[r], h, next);
          if (id == next) add(r, h);
          out[r] = id;
        }
      }
    } else {
      HashIdTable table(1024);
      std::vector<uint64_t> hashes(static_cast<size_t>(end - begin));
      keys.Hash(begin, end, hashes.data());
      for (int64_t r = begin; r < end; ++r) {
        if (check_nulls && keys.AnyNull(r)) {
          out[r] = -1;
          continue;
        }
        const uint64_t h = hashes[static_cast<size_t>(r - begin)];
        const int32_t id = table.FindOrInsert(
            h, next, [&](int32_t e) { return keys.Equal(r, mg.rep_rows[static_cast<size_t>(e)]); });
        if (id == next) add(r, h);
        out[r] = id;
      }
    }
    // Counting sort of local ids by partition.
    mg.part_offsets.assign(static_cast<size_t>(parts) + 1, 0);
    for (uint64_t h : mg.hashes) ++mg.part_offsets[static_cast<size_t>(HashPartition(h, parts)) + 1];
    for (int p = 0; p < parts; ++p) mg.part_offsets[p + 1] += mg.part_offsets[p];
    std::vector<int32_t> fill(mg.part_offsets.begin(), mg.part_offsets.end() - 1);
    mg.by_part.resize(mg.hashes.size());
    for (int32_t l = 0; l < next; ++l) {
      mg.by_part[static_cast<size_t>(fill[static_cast<size_t>(HashPartition(mg.hashes[l], parts))]++)] = l;
    }
    mg.part_local.assign(static_cast<size_t>(next), -1);
    mg.sorted_rows.resize(mg.by_part.size());
    mg.sorted_hashes.resize(mg.by_part.size());
    if (int64_path_) mg.sorted_keys.resize(mg.by_part.size());
    for (size_t k = 0; k < mg.by_part.size(); ++k) {
      const auto l = static_cast<size_t>(mg.by_part[k]);
      mg.sorted_rows[k] = mg.rep_rows[l];
      mg.sorted_hashes[k] = mg.hashes[l];
      if (int64_path_) mg.sorted_keys[k] = ivals[mg.rep_rows[l]];
    }
  });

  // Phase 2.
  ParallelTasks(parts, [&](int64_t p) {
    std::vector<int64_t>& prow = part_rows_[static_cast<size_t>(p)];
    int32_t null_id = -1;
    for (MorselGroups& mg : ms) {
      for (int32_t k = mg.part_offsets[p]; k < mg.part_offsets[p + 1]; ++k) {
        const int32_t l = mg.by_part[static_cast<size_t>(k)];
        const int64_t row = mg.sorted_rows[static_cast<size_t>(k)];
        const uint64_t h = mg.sorted_hashes[static_cast<size_t>(k)];
        const int32_t next = static_cast<int32_t>(prow.size());
        int32_t id;
        if (int64_path_) {
          if (l == mg.null_local) {
            if (null_id < 0) null_id = next;
            id = null_id;
          } else {
            id = int64_tables_[static_cast<size_t>(p)].FindOrInsert(
                mg.sorted_keys[static_cast<size_t>(k)], h, next);
          }
        } else {
          id = generic_tables_[static_cast<size_t>(p)].FindOrInsert(
              h, next, [&](int32_t e) { return keys.Equal(row, prow[static_cast<size_t>(e)]); });
        }
        if (id == next) prow.push_back(row);
        mg.part_local[static_cast<size_t>(l)] = id;
      }
    }
  });

  // Phase 3.
  RankGroups();

  // Phase 4.
  for_each_chunk([&](int64_t m, int64_t begin, int64_t end) {
    MorselGroups& mg = ms[static_cast<size_t>(m)];
    for (size_t l = 0; l < mg.part_local.size(); ++l) {
      const int p = HashPartition(mg.hashes[l], parts);
      mg.part_local[l] = part_global_[static_cast<size_t>(p)][static_cast<size_t>(mg.part_local[l])];
    }
    int32_t* out = row_groups_.data();
    for (int64_t r = begin; r < end; ++r) {
      if (out[r] >= 0) out[r] = mg.part_local[static_cast<size_t>(out[r])];
    }
  });
}

void Grouping::RankGroups() {
  const int64_t n = keys_.num_rows();
  std::vector<uint64_t> words(static_cast<size_t>((n + 63) / 64), 0);
  for (const auto& prow : part_rows_) {
    for (int64_t r : prow) words[static_cast<size_t>(r >> 6)] |= uint64_t{1} << (r & 63);
  }
  std::vector<int64_t> rank(words.size() + 1, 0);
  for (size_t w = 0; w < words.size(); ++w) rank[w + 1] = rank[w] + std::popcount(words[w]);
  first_rows_.resize(static_cast<size_t>(rank.back()));
  ParallelTasks(num_parts_, [&](int64_t p) {
    const auto& prow = part_rows_[static_cast<size_t>(p)];
    auto& pglob = part_global_[static_cast<size_t>(p)];
    pglob.resize(prow.size());
    for (size_t i = 0; i < prow.size(); ++i) {
      const int64_t r = prow[i];
      const uint64_t below = words[static_cast<size_t>(r >> 6)] & ((uint64_t{1} << (r & 63)) - 1);
      const int64_t gid = rank[static_cast<size_t>(r >> 6)] + std::popcount(below);
      pglob[i] = static_cast<int32_t>(gid);
      first_rows_[static_cast<size_t>(gid)] = r;  // distinct gids: no two tasks write one slot
    }
  });
}
void Grouping::Lookup(const KeyColumns& probe, int64_t begin, int64_t end, int32_t* out) const {
  if (keys_.empty()) {  // zero keys: everything matches the single group, if any
    for (int64_t i = begin; i < end; ++i) out[i - begin] = first_rows_.empty() ? -1 : 0;
    return;
  }
  if (int64_path_) {
    const Column& c = probe.column(0);
    const int64_t* v = c.data<int64_t>();
    for (int64_t i = begin; i < end; ++i) {
      if (c.IsNull(i)) {
        out[i - begin] = -1;
        continue;
      }
      const uint64_t h = HashInt64(static_cast<uint64_t>(v[i]));
      const int p = HashPartition(h, num_parts_);
      const int32_t id = int64_tables_[static_cast<size_t>(p)].Find(v[i], h);
      out[i - begin] = id < 0 ? -1 : part_global_[static_cast<size_t>(p)][static_cast<size_t>(id)];
    }
    return;
  }
  std::vector<uint64_t> hashes(static_cast<size_t>(end - begin));
  probe.Hash(begin, end, hashes.data());
  const bool check_nulls = probe.HasNulls();
  for (int64_t i = begin; i < end; ++i) {
    if (check_nulls && probe.AnyNull(i)) {
      out[i - begin] = -1;
      continue;
    }
    const uint64_t h = hashes[static_cast<size_t>(i - begin)];
    const int p = HashPartition(h, num_parts_);
    const auto& prow = part_rows_[static_cast<size_t>(p)];
    const int32_t id = generic_tables_[static_cast<size_t>(p)].Find(
        h, [&](int32_t e) { return probe.Equal(i, keys_, prow[static_cast<size_t>(e)]); });
    out[i - begin] = id < 0 ? -1 : part_global_[static_cast<size_t>(p)][static_cast<size_t>(id)];
  }
}

}  // namespace xf

