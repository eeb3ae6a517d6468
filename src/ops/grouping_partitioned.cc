// Grouping for many distinct keys: radix-partition the rows by hash, then group each partition
// once, in parallel.
//
// With ~1 distinct key per few rows, the morsel-wise strategy (grouping.cc) inserts nearly every
// row twice, into a morsel table and again into a partition table, and its morsel tables
// outgrow the cache. Here the keys are first scattered into per-partition runs (stable: each
// run keeps row order, so the first insertion of a key is its first row), and each partition's
// table is then built from one contiguous run while it still fits in the cache.
#include <algorithm>

#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf {

namespace {
constexpr uint8_t kSkipped = 0xFF;  // partition byte of a row with a skipped NULL key
}  // namespace

void Grouping::BuildByPartitions(bool skip_null_keys) {
  const KeyColumns& keys = keys_;
  const int64_t n = keys.num_rows();
  const int parts = num_parts_;
  const int64_t morsels = NumMorsels(n);
  row_groups_.resize(static_cast<size_t>(n));
  const Column& col0 = keys.column(0);
  const int64_t* ivals = int64_path_ ? col0.data<int64_t>() : nullptr;
  const uint8_t* valid0 = int64_path_ ? col0.validity() : nullptr;
  const bool check_nulls = skip_null_keys && keys.HasNulls();

  // Pass 1, per morsel: partition of every row, and rows per (morsel, partition).
  UninitVector<uint8_t> part_of(static_cast<size_t>(n));
  UninitVector<uint64_t> hashes(int64_path_ ? 0 : static_cast<size_t>(n));
  std::vector<int64_t> cursor(static_cast<size_t>(morsels * parts), 0);
  ForEachMorsel(n, [&](int64_t m, int64_t begin, int64_t end) {
    int64_t* count = cursor.data() + m * parts;
    if (!int64_path_) keys.Hash(begin, end, hashes.data() + begin);
    for (int64_t r = begin; r < end; ++r) {
      const bool null =
          int64_path_ ? valid0 != nullptr && !GetBit(valid0, r) : check_nulls && keys.AnyNull(r);
      if (null && skip_null_keys) {
        part_of[static_cast<size_t>(r)] = kSkipped;
        row_groups_[static_cast<size_t>(r)] = -1;
        continue;
      }
      uint64_t h;  // generic keys hash NULL components as kNullHash already
      if (int64_path_) {
        h = null ? kNullHash : HashInt64(static_cast<uint64_t>(ivals[r]));
      } else {
        h = hashes[static_cast<size_t>(r)];
      }
      const int p = HashPartition(h, parts);
      part_of[static_cast<size_t>(r)] = static_cast<uint8_t>(p);
      ++count[p];
    }
  });
  // Partition-major layout: partition p's run holds morsel 0's rows of p, then morsel 1's...
  std::vector<int64_t> part_begin(static_cast<size_t>(parts) + 1, 0);
  {
    int64_t sum = 0;
    for (int p = 0; p < parts; ++p) {
      part_begin[static_cast<size_t>(p)] = sum;
      for (int64_t m = 0; m < morsels; ++m) {
        int64_t& c = cursor[static_cast<size_t>(m * parts + p)];
        const int64_t t = c;
        c = sum;
        sum += t;
      }
    }
    part_begin[static_cast<size_t>(parts)] = sum;
  }

  // Pass 2, per morsel: scatter row numbers and keys (int64) or hashes (generic) into the runs.
  const int64_t total = part_begin.back();
  UninitVector<int32_t> run_rows(static_cast<size_t>(total));
  UninitVector<uint64_t> run_vals(static_cast<size_t>(total));  // key bits or hash
  ForEachMorsel(n, [&](int64_t m, int64_t begin, int64_t end) {
    std::vector<int64_t> at(cursor.begin() + m * parts, cursor.begin() + (m + 1) * parts);
    for (int64_t r = begin; r < end; ++r) {
      const uint8_t p = part_of[static_cast<size_t>(r)];
      if (p == kSkipped) continue;
      const auto pos = static_cast<size_t>(at[p]++);
      run_rows[pos] = static_cast<int32_t>(r);
      run_vals[pos] =
          int64_path_ ? static_cast<uint64_t>(ivals[r]) : hashes[static_cast<size_t>(r)];
    }
  });

  // Pass 3, per partition: number its groups in row order. Each run entry's row number is
  // overwritten by its partition-local group id once read (saves another n-sized array).
  UninitVector<int32_t>& run_local = run_rows;
  ParallelTasks(parts, [&](int64_t p) {
    const int64_t b = part_begin[static_cast<size_t>(p)],
                  e = part_begin[static_cast<size_t>(p) + 1];
    std::vector<int64_t>& prow = part_rows_[static_cast<size_t>(p)];
    // Start small and let the table grow with the groups: sizing it by the run length would
    // zero megabytes per partition when keys repeat (20k groups over 10M rows, say).
    const int64_t expected = 1024;
    int32_t null_id = -1;
    if (int64_path_) {
      Int64IdTable& table = int64_tables_[static_cast<size_t>(p)];
      table.Reset(expected);
      for (int64_t k = b; k < e; ++k) {
        const int32_t r = run_rows[static_cast<size_t>(k)];
        const int32_t next = static_cast<int32_t>(prow.size());
        int32_t id;
        if (valid0 != nullptr && !GetBit(valid0, r)) {
          if (null_id < 0) null_id = next;
          id = null_id;
        } else {
          const auto key = static_cast<int64_t>(run_vals[static_cast<size_t>(k)]);
          id = table.FindOrInsert(key, HashInt64(static_cast<uint64_t>(key)), next);
        }
        if (id == next) prow.push_back(r);
        run_local[static_cast<size_t>(k)] = id;
      }
    } else {
      HashIdTable& table = generic_tables_[static_cast<size_t>(p)];
      table.Reset(expected);
      for (int64_t k = b; k < e; ++k) {
        const int32_t r = run_rows[static_cast<size_t>(k)];
        const int32_t next = static_cast<int32_t>(prow.size());
        const int32_t id = table.FindOrInsert(
            run_vals[static_cast<size_t>(k)], next,
            [&](int32_t g) { return keys.Equal(r, prow[static_cast<size_t>(g)]); });
        if (id == next) prow.push_back(r);
        run_local[static_cast<size_t>(k)] = id;
      }
    }
  });

  RankGroups();
  // Local → global ids while each partition's map is hot in the cache, so pass 4 reads one array.
  ParallelTasks(parts, [&](int64_t p) {
    const std::vector<int32_t>& global = part_global_[static_cast<size_t>(p)];
    for (int64_t k = part_begin[static_cast<size_t>(p)]; k < part_begin[static_cast<size_t>(p) + 1];
         ++k) {
      int32_t& id = run_local[static_cast<size_t>(k)];
      id = global[static_cast<size_t>(id)];
    }
  });

  // Pass 4, per morsel: walk the runs in the order pass 2 filled them to label every row.
  ForEachMorsel(n, [&](int64_t m, int64_t begin, int64_t end) {
    std::vector<int64_t> at(cursor.begin() + m * parts, cursor.begin() + (m + 1) * parts);
    for (int64_t r = begin; r < end; ++r) {
      const uint8_t p = part_of[static_cast<size_t>(r)];
      if (p == kSkipped) continue;
      row_groups_[static_cast<size_t>(r)] = run_local[static_cast<size_t>(at[p]++)];
    }
  });
}

}  // namespace xf
