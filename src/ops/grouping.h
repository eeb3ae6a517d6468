// Rows grouped by a multi-column key, groups numbered 0.. in order of first appearance: the
// shared first step of aggregate, distinct, join (build side), as-of join, window and resample.
//
// Built in parallel and deterministically (see grouping.cc): the numbering depends only on the
// data, never on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "core/column.h"
#include "ops/hash_table.h"
#include "ops/key_hashing.h"
#include "ops/uninit_vector.h"

namespace xf {

class Grouping {
 public:
  // skip_null_keys: rows with a NULL in any key column get group -1 (SQL joins); otherwise NULL
  // keys form groups of their own like any value. Zero key columns make one group of all rows
  // (none for an empty table). `keys` must outlive the Grouping when Lookup() is used.
  static Grouping Build(const KeyColumns& keys, bool skip_null_keys);

  int64_t num_groups() const { return static_cast<int64_t>(first_rows_.size()); }
  // Group of every row (-1 for skipped rows).
  const UninitVector<int32_t>& row_groups() const { return row_groups_; }
  UninitVector<int32_t>& mutable_row_groups() { return row_groups_; }
  // First row of every group; ascending.
  const std::vector<int64_t>& first_rows() const { return first_rows_; }

  // out[i - begin] = group of row i of `probe` (same key types as the build keys) for i in
  // [begin, end); -1 when the key is absent or has a NULL.
  void Lookup(const KeyColumns& probe, int64_t begin, int64_t end, int32_t* out) const;

 private:
  // The two build strategies (see grouping.cc and grouping_partitioned.cc); both fill
  // row_groups_ and the per-partition tables, part_rows_ (each partition's groups by first row).
  // chunk_rows: rows per phase-1 chunk, a multiple of kMorselRows.
  void BuildByMorsels(bool skip_null_keys, int64_t chunk_rows);
  void BuildByPartitions(bool skip_null_keys);
  // Numbers groups by first appearance from part_rows_: fills part_global_ and first_rows_.
  void RankGroups();

  KeyColumns keys_;
  bool int64_path_ = false;
  int num_parts_ = 1;
  UninitVector<int32_t> row_groups_;
  std::vector<int64_t> first_rows_;
  // Per partition (by the top bits of the hash): table of the partition's groups, the first row
  // of each partition-local group, and its global group id.
  std::vector<HashIdTable> generic_tables_;
  std::vector<Int64IdTable> int64_tables_;
  std::vector<std::vector<int64_t>> part_rows_;
  std::vector<std::vector<int32_t>> part_global_;
};

// Partition of a hash among `parts` (a power of two ≤ 64): the top bits, so that hash tables,
// which index by the low bits, stay evenly filled within a partition.
inline int HashPartition(uint64_t hash, int parts) {
  return static_cast<int>((hash >> 58) & static_cast<uint64_t>(parts - 1));
}

}  // namespace xf
