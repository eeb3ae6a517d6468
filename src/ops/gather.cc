#include "ops/gather.h"

#include <atomic>

#include "ops/parallel.h"

namespace xf {

namespace {

// Rows per task: a multiple of 8, so tasks write disjoint validity bytes.
constexpr int64_t kRangeRows = int64_t{1} << 16;
constexpr int64_t kPrefetchAhead = 16;

// Gathers rows [b, e) of the output; returns whether any of them is NULL (validity bits of the
// range are set in `bits` for valid rows).
template <typename T>
bool GatherRange(const Column& src, const int64_t* idx, int64_t b, int64_t e, T* out,
                 uint8_t* bits) {
  const T* v = src.data<T>();
  const uint8_t* valid = src.validity();
  bool any_null = false;
  for (int64_t k = b; k < e; ++k) {
    // Random reads: ask for a later row's value early so that many misses overlap.
    if (k + kPrefetchAhead < e && idx[k + kPrefetchAhead] >= 0)
      __builtin_prefetch(v + idx[k + kPrefetchAhead]);
    const int64_t i = idx[k];
    if (i < 0) {
      out[k] = T{};
      any_null = true;
      continue;
    }
    out[k] = v[i];  // a NULL source slot holds zero already
    if (valid != nullptr && !GetBit(valid, i)) {
      any_null = true;
      continue;
    }
    SetBit(bits, k);
  }
  return any_null;
}

}  // namespace

std::vector<ColumnPtr> GatherColumns(const std::vector<const Column*>& columns,
                                     const int64_t* indices, int64_t n) {
  const int64_t ranges = std::max<int64_t>(1, (n + kRangeRows - 1) / kRangeRows);
  struct Task {
    size_t column;
    int64_t range;  // -1: the whole column through Column::Take
  };
  std::vector<Task> tasks;
  std::vector<ColumnPtr> out(columns.size());
  std::vector<std::vector<uint8_t>> bits(columns.size());
  std::vector<std::atomic<bool>> any_null(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    const TypeId t = columns[c]->type();
    if (t == TypeId::kString || t == TypeId::kNull) {
      tasks.push_back({c, -1});
      continue;
    }
    out[c] = Column::Make(t);
    out[c]->ResizeFixed(n);
    bits[c].assign(BitmapBytes(n), 0);
    any_null[c] = false;
    for (int64_t r = 0; r < ranges; ++r) tasks.push_back({c, r});
  }
  ParallelTasks(static_cast<int64_t>(tasks.size()), [&](int64_t k) {
    const Task& task = tasks[static_cast<size_t>(k)];
    const Column& src = *columns[task.column];
    if (task.range < 0) {
      out[task.column] = src.Take(indices, n);
      return;
    }
    const int64_t b = task.range * kRangeRows, e = std::min(n, b + kRangeRows);
    Column& dst = *out[task.column];
    uint8_t* bm = bits[task.column].data();
    bool nulls = false;
    switch (FixedWidth(src.type())) {
      case 1:
        nulls = GatherRange(src, indices, b, e, dst.mutable_data<uint8_t>(), bm);
        break;
      case 4:
        nulls = GatherRange(src, indices, b, e, dst.mutable_data<int32_t>(), bm);
        break;
      default:
        nulls = GatherRange(src, indices, b, e, dst.mutable_data<int64_t>(), bm);
        break;
    }
    if (nulls) any_null[task.column] = true;
  });
  for (size_t c = 0; c < columns.size(); ++c) {
    if (any_null[c]) out[c]->SetValidity(std::move(bits[c]));
  }
  return out;
}

}  // namespace xf
