#include "ops/resample.h"

#include <limits>
#include <set>

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf {

namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

TablePtr Resample(const Table& input, const ResampleOptions& options) {
  const Column& time = *input.column(options.time_column);
  if (time.type() != TypeId::kTimestamp) {
    throw Error(ErrorKind::kSpec,
                std::string("resample needs a timestamp column; '") + options.time_column +
                    "' is " + TypeName(time.type()),
                SourceContext{.column_name = options.time_column});
  }
  if (options.interval_micros <= 0) {
    throw Error(ErrorKind::kSpec, "resample interval must be positive");
  }
  std::set<std::string> names(options.keys.begin(), options.keys.end());
  names.insert(options.time_column);
  for (const AggSpec& a : options.aggregates) {
    if (!names.insert(AggOutputName(a)).second) {
      throw Error(ErrorKind::kSpec, "resample output '" + AggOutputName(a) + "' clashes with another column",
                  SourceContext{.column_name = AggOutputName(a)});
    }
  }
  const int64_t n = input.num_rows();
  const int64_t off = static_cast<int64_t>(options.offset_seconds) * kMicrosPerSecond;
  const int64_t iv = options.interval_micros;
  Grouping grouping;
  UninitVector<int32_t> gid;
  int64_t ng;
  std::vector<int64_t> first_rows;
  if (options.keys.empty()) {
    gid.assign(static_cast<size_t>(n), 0);
    ng = n > 0 ? 1 : 0;
    if (ng) first_rows.push_back(0);
  } else {
    grouping = Grouping::Build(KeyColumns::FromTable(input, options.keys), false);
    gid = std::move(grouping.mutable_row_groups());
    ng = grouping.num_groups();
    first_rows = grouping.first_rows();
  }
  // Bucket of every row, and each key's bucket range.
  const int64_t* t = time.data<int64_t>();
  std::vector<int64_t> bucket(static_cast<size_t>(n));
  std::vector<int64_t> lo(static_cast<size_t>(ng), std::numeric_limits<int64_t>::max());
  std::vector<int64_t> hi(static_cast<size_t>(ng), std::numeric_limits<int64_t>::min());
  for (int64_t i = 0; i < n; ++i) {
    if (time.IsNull(i)) continue;
    // Shifting by the zone offset cannot overflow for real timestamps (|t| < 2^62).
    const int64_t b = FloorDiv(t[i] + off, iv);
    bucket[static_cast<size_t>(i)] = b;
    const auto g = static_cast<size_t>(gid[static_cast<size_t>(i)]);
    lo[g] = std::min(lo[g], b);
    hi[g] = std::max(hi[g], b);
  }
  std::vector<int64_t> base(static_cast<size_t>(ng) + 1, 0);
  for (int64_t g = 0; g < ng; ++g) {
    const int64_t count = lo[static_cast<size_t>(g)] > hi[static_cast<size_t>(g)]
                              ? 0 : hi[static_cast<size_t>(g)] - lo[static_cast<size_t>(g)] + 1;
    base[static_cast<size_t>(g + 1)] = base[static_cast<size_t>(g)] + count;
    if (base[static_cast<size_t>(g + 1)] > options.max_buckets) {
      throw Error(ErrorKind::kData,
                  "resample would emit more than " + std::to_string(options.max_buckets) +
                      " buckets; check '" + options.time_column +
                      "' for stray timestamps or use a wider interval",
                  SourceContext{.column_name = options.time_column});
    }
  }
  const int64_t total = base.back();
  // Output row of every input row.
  for (int64_t i = 0; i < n; ++i) {
    int32_t& g = gid[static_cast<size_t>(i)];
    if (time.IsNull(i)) {
      g = -1;
      continue;
    }
    g = static_cast<int32_t>(base[static_cast<size_t>(g)] + bucket[static_cast<size_t>(i)] - lo[static_cast<size_t>(g)]);
  }
  std::vector<ColumnPtr> aggs = ComputeAggregates(input, options.aggregates, gid.data(), total);

  std::vector<int64_t> key_rows(static_cast<size_t>(total));
  auto times = Column::Make(TypeId::kTimestamp);
  times->ResizeFixed(total);
  for (int64_t g = 0; g < ng; ++g) {
    for (int64_t k = base[static_cast<size_t>(g)]; k < base[static_cast<size_t>(g) + 1]; ++k) {
      key_rows[static_cast<size_t>(k)] = first_rows[static_cast<size_t>(g)];
      times->mutable_data<int64_t>()[k] = (lo[static_cast<size_t>(g)] + k - base[static_cast<size_t>(g)]) * iv - off;
    }
  }
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const auto& k : options.keys) {
    fields.push_back({k, input.column(k)->type()});
    cols.push_back(input.column(k)->Take(key_rows));
  }
  fields.push_back({options.time_column, TypeId::kTimestamp});
  cols.push_back(times);
  for (size_t a = 0; a < aggs.size(); ++a) {
    fields.push_back({AggOutputName(options.aggregates[a]), aggs[a]->type()});
    cols.push_back(std::move(aggs[a]));
  }
  return Table::Make(Schema(std::move(fields)), std::move(cols));
}

}  // namespace xf
