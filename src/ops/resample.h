// Resampling time series to a fixed interval, per key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "core/time.h"
#include "ops/aggregate_functions.h"

namespace xf {

struct ResampleOptions {
  std::vector<std::string> keys;  // series keys (may be empty: one series)
  std::string time_column;        // timestamp
  int64_t interval_micros = 0;    // bucket width, e.g. 15 * kMicrosPerMinute
  // Buckets are aligned to the epoch in this zone, so day buckets start at local midnight.
  int32_t offset_seconds = kShanghaiOffsetSeconds;
  std::vector<AggSpec> aggregates;  // any aggregate function (see aggregate_functions.h)
  // Guard against a stray timestamp (1970 among 2024 data) exploding the output.
  int64_t max_buckets = 50'000'000;
};

// Output: the keys, the bucket start (a timestamp column named like time_column), then the
// aggregates; per key (in order of first appearance) every bucket from the key's first to its
// last, ascending. Empty buckets are kept so gaps stay visible: count 0, other aggregates NULL.
// Rows with a NULL time belong to no bucket (quality rules should flag them upstream).
TablePtr Resample(const Table& input, const ResampleOptions& options);

}  // namespace xf
