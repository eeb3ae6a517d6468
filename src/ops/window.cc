#include "ops/window.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/key_hashing.h"
#include "ops/parallel.h"

namespace xf {

namespace {

bool IsRolling(WindowFunc f) {
  return f == WindowFunc::kRollingMean || f == WindowFunc::kRollingSum ||
         f == WindowFunc::kRollingStd || f == WindowFunc::kRollingMin ||
         f == WindowFunc::kRollingMax || f == WindowFunc::kRollingCount;
}

double NumberAt(const Column& c, int64_t i) {
  switch (c.type()) {
    case TypeId::kFloat64:
      return c.data<double>()[i];
    case TypeId::kDate:
      return c.data<int32_t>()[i];
    default:
      return static_cast<double>(c.data<int64_t>()[i]);
  }
}

// Partition-ordered rows: segment s is order[seg[s] .. seg[s+1]).
struct Segments {
  std::vector<int64_t> order;
  std::vector<int64_t> seg;
};

Segments BuildSegments(const Table& input, const WindowOptions& o, const RowComparator& cmp) {
  const int64_t n = input.num_rows();
  Segments s;
  std::vector<int32_t> gid;
  int64_t ng = n > 0 ? 1 : 0;
  Grouping grouping;
  if (!o.partition_by.empty()) {
    grouping = Grouping::Build(KeyColumns::FromTable(input, o.partition_by), false);
    ng = grouping.num_groups();
  }
  s.seg.assign(static_cast<size_t>(ng) + 1, 0);
  s.order.resize(static_cast<size_t>(n));
  if (o.partition_by.empty()) {
    for (int64_t i = 0; i < n; ++i) s.order[static_cast<size_t>(i)] = i;
    if (ng) s.seg[1] = n;
  } else {
    const auto& g = grouping.row_groups();
    for (int64_t i = 0; i < n; ++i) ++s.seg[static_cast<size_t>(g[static_cast<size_t>(i)]) + 1];
    for (int64_t k = 0; k < ng; ++k)
      s.seg[static_cast<size_t>(k + 1)] += s.seg[static_cast<size_t>(k)];
    std::vector<int64_t> fill(s.seg.begin(), s.seg.end() - 1);
    for (int64_t i = 0; i < n; ++i)
      s.order[static_cast<size_t>(fill[static_cast<size_t>(g[static_cast<size_t>(i)])]++)] = i;
  }
  if (!o.order_by.empty()) {
    const int64_t ranges = std::min<int64_t>(ng, 64);
    ParallelTasks(ranges, [&](int64_t r) {
      for (int64_t k = ng * r / ranges; k < ng * (r + 1) / ranges; ++k) {
        std::stable_sort(s.order.begin() + s.seg[static_cast<size_t>(k)],
                         s.order.begin() + s.seg[static_cast<size_t>(k) + 1],
                         [&cmp](int64_t a, int64_t b) { return cmp.Less(a, b); });
      }
    });
  }
  return s;
}

// Runs fn(begin, end) over the positions of each segment, segments spread over threads.
void ForEachSegment(const Segments& s, const std::function<void(int64_t, int64_t)>& fn) {
  const int64_t ng = static_cast<int64_t>(s.seg.size()) - 1;
  const int64_t ranges = std::min<int64_t>(ng, 64);
  ParallelTasks(ranges, [&](int64_t r) {
    for (int64_t k = ng * r / ranges; k < ng * (r + 1) / ranges; ++k) {
      fn(s.seg[static_cast<size_t>(k)], s.seg[static_cast<size_t>(k) + 1]);
    }
  });
}

ColumnPtr FromDoubles(std::vector<double> v, const std::vector<uint8_t>& valid) {
  auto c = Column::Make(TypeId::kFloat64);
  const int64_t n = static_cast<int64_t>(v.size());
  c->ResizeFixed(n);
  std::copy(v.begin(), v.end(), c->mutable_data<double>());
  c->SetValidityFromFlags(valid);
  return c;
}

// Sum with Neumaier compensation, so removing values from a long rolling sum does not drift.
struct CompensatedSum {
  double sum = 0, comp = 0;
  void Add(double x) {
    const double t = sum + x;
    comp += std::fabs(sum) >= std::fabs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  double value() const { return sum + comp; }
};

ColumnPtr Rolling(const Table& input, const Segments& s, const WindowSpec& w, const Column* time) {
  const Column& col = *input.column(w.column);
  if (!IsNumeric(col.type())) {
    throw Error(ErrorKind::kSpec,
                "rolling functions need an int64 or float64 column; '" + w.column + "' is " +
                    TypeName(col.type()),
                SourceContext{.column_name = w.column});
  }
  const bool by_range = time != nullptr;
  const int64_t min_periods = w.min_periods >= 0 ? w.min_periods : (by_range ? 1 : w.rows);
  const int64_t n = input.num_rows();
  std::vector<double> out(static_cast<size_t>(n), 0.0);
  std::vector<uint8_t> valid(static_cast<size_t>(n), 0);
  std::vector<int64_t> counts(w.func == WindowFunc::kRollingCount ? static_cast<size_t>(n) : 0);
  ForEachSegment(s, [&](int64_t b, int64_t e) {
    // Positions in window order whose row takes part (range windows skip NULL times).
    std::vector<int64_t> rows;
    for (int64_t p = b; p < e; ++p) {
      const int64_t r = s.order[static_cast<size_t>(p)];
      if (by_range && (time->IsNull(r) || std::isnan(NumberAt(*time, r)))) continue;
      rows.push_back(r);
    }
    int64_t cnt = 0;
    CompensatedSum sum;
    double mean = 0, m2 = 0;
    std::deque<size_t> minq, maxq;  // indices into rows with non-NULL values
    size_t start = 0;
    auto value = [&](size_t k) { return NumberAt(col, rows[k]); };
    auto has = [&](size_t k) { return col.IsValid(rows[k]); };
    for (size_t k = 0; k < rows.size(); ++k) {
      if (has(k)) {  // add
        const double x = value(k);
        ++cnt;
        sum.Add(x);
        const double d = x - mean;
        mean += d / static_cast<double>(cnt);
        m2 += d * (x - mean);
        while (!minq.empty() && value(minq.back()) >= x) minq.pop_back();
        minq.push_back(k);
        while (!maxq.empty() && value(maxq.back()) <= x) maxq.pop_back();
        maxq.push_back(k);
      }
      // Shrink the window from the left.
      auto outside = [&](size_t j) {
        if (by_range) return NumberAt(*time, rows[j]) <= NumberAt(*time, rows[k]) - w.range;
        return static_cast<int64_t>(k - j) >= w.rows;
      };
      while (start < k && outside(start)) {
        if (has(start)) {
          const double x = value(start);
          --cnt;
          sum.Add(-x);
          if (cnt == 0) {
            mean = m2 = 0;
            sum = CompensatedSum{};
          } else {
            const double d = x - mean;
            mean -= d / static_cast<double>(cnt);
            m2 -= d * (x - mean);
          }
          if (!minq.empty() && minq.front() == start) minq.pop_front();
          if (!maxq.empty() && maxq.front() == start) maxq.pop_front();
        }
        ++start;
      }
      const auto r = static_cast<size_t>(rows[k]);
      if (w.func == WindowFunc::kRollingCount) {
        counts[r] = cnt;
        continue;
      }
      if (cnt < std::max<int64_t>(min_periods, 1)) continue;
      double v = 0;
      switch (w.func) {
        case WindowFunc::kRollingMean:
          v = sum.value() / static_cast<double>(cnt);
          break;
        case WindowFunc::kRollingSum:
          v = sum.value();
          break;
        case WindowFunc::kRollingStd:
          if (cnt < 2) continue;
          v = std::sqrt(std::max(0.0, m2) / static_cast<double>(cnt - 1));
          break;
        case WindowFunc::kRollingMin:
          v = value(minq.front());
          break;
        case WindowFunc::kRollingMax:
          v = value(maxq.front());
          break;
        default:
          break;
      }
      out[r] = v;
      valid[r] = 1;
    }
  });
  if (w.func == WindowFunc::kRollingCount) {
    auto c = Column::Make(TypeId::kInt64);
    c->ResizeFixed(n);
    std::copy(counts.begin(), counts.end(), c->mutable_data<int64_t>());
    return c;
  }
  return FromDoubles(std::move(out), valid);
}

ColumnPtr Ranking(const Segments& s, const WindowSpec& w, const RowComparator& cmp, int64_t n,
                  bool has_order) {
  auto c = Column::Make(TypeId::kInt64);
  c->ResizeFixed(n);
  int64_t* o = c->mutable_data<int64_t>();
  ForEachSegment(s, [&](int64_t b, int64_t e) {
    int64_t rank = 0, dense = 0;
    for (int64_t p = b; p < e; ++p) {
      const int64_t r = s.order[static_cast<size_t>(p)];
      const bool peer = p > b && (!has_order || cmp.Equal(s.order[static_cast<size_t>(p - 1)], r));
      if (!peer) {
        rank = p - b + 1;
        ++dense;
      }
      o[r] = w.func == WindowFunc::kRowNumber ? p - b + 1
             : w.func == WindowFunc::kRank    ? rank
                                              : dense;
    }
  });
  return c;
}

ColumnPtr LagLead(const Table& input, const Segments& s, const WindowSpec& w) {
  const Column& col = *input.column(w.column);
  if (w.offset < 0) {
    throw Error(ErrorKind::kSpec, "lag/lead offset must be >= 0",
                SourceContext{.column_name = w.column});
  }
  const Value& def = w.default_value;
  const bool use_default = !def.is_null();
  if (use_default && def.type() != col.type() &&
      !(col.type() == TypeId::kFloat64 && def.type() == TypeId::kInt64)) {
    throw Error(ErrorKind::kSpec,
                std::string("lag/lead default is ") + TypeName(def.type()) + " but column '" +
                    w.column + "' is " + TypeName(col.type()),
                SourceContext{.column_name = w.column});
  }
  const int64_t n = input.num_rows();
  std::vector<int64_t> src(static_cast<size_t>(n), -1);  // -1: past the edge
  const int64_t d = w.func == WindowFunc::kLag ? -w.offset : w.offset;
  ForEachSegment(s, [&](int64_t b, int64_t e) {
    for (int64_t p = b; p < e; ++p) {
      const int64_t q = p + d;
      if (q >= b && q < e)
        src[static_cast<size_t>(s.order[static_cast<size_t>(p)])] = s.order[static_cast<size_t>(q)];
    }
  });
  if (!use_default) return col.Take(src);
  auto c = Column::Make(col.type());
  for (int64_t i = 0; i < n; ++i) {
    const int64_t j = src[static_cast<size_t>(i)];
    j >= 0 ? c->AppendFrom(col, j) : c->AppendValue(def);
  }
  return c;
}

ColumnPtr CumSum(const Table& input, const Segments& s, const WindowSpec& w) {
  const Column& col = *input.column(w.column);
  if (!IsNumeric(col.type())) {
    throw Error(ErrorKind::kSpec,
                "cumulative sum needs an int64 or float64 column; '" + w.column + "' is " +
                    TypeName(col.type()),
                SourceContext{.column_name = w.column});
  }
  const int64_t n = input.num_rows();
  const bool is_int = col.type() == TypeId::kInt64;
  auto c = Column::Make(col.type());
  c->ResizeFixed(n);
  std::vector<uint8_t> valid(static_cast<size_t>(n), 0);
  std::atomic<bool> overflow{false};
  ForEachSegment(s, [&](int64_t b, int64_t e) {
    int64_t isum = 0;
    double fsum = 0;
    bool any = false;
    for (int64_t p = b; p < e; ++p) {
      const int64_t r = s.order[static_cast<size_t>(p)];
      if (col.IsValid(r)) {
        any = true;
        if (is_int) {
          if (__builtin_add_overflow(isum, col.data<int64_t>()[r], &isum)) overflow = true;
        } else {
          fsum += col.data<double>()[r];
        }
      }
      if (!any) continue;
      valid[static_cast<size_t>(r)] = 1;
      if (is_int) {
        c->mutable_data<int64_t>()[r] = isum;
      } else {
        c->mutable_data<double>()[r] = fsum;
      }
    }
  });
  if (overflow) {
    throw Error(ErrorKind::kData,
                "cumulative sum overflows int64; cast the column to float64 first",
                SourceContext{.column_name = w.column});
  }
  c->SetValidityFromFlags(valid);
  return c;
}

}  // namespace

TablePtr Window(const Table& input, const WindowOptions& options) {
  for (const auto& p : options.partition_by) input.column(p);
  const RowComparator cmp(input, options.order_by);
  const Column* time = nullptr;
  for (const WindowSpec& w : options.functions) {
    if (w.output.empty())
      throw Error(ErrorKind::kSpec, "every window function needs an output name");
    if (!IsRolling(w.func)) continue;
    if (w.range > 0) {
      if (options.order_by.size() != 1 || options.order_by[0].descending) {
        throw Error(ErrorKind::kSpec,
                    "a rolling time range needs exactly one ascending order column (the time)",
                    SourceContext{.column_name = w.output});
      }
      time = &cmp.column(0);
      if (!(IsNumeric(time->type()) || IsTemporal(time->type()))) {
        throw Error(ErrorKind::kSpec,
                    std::string("rolling time range needs a timestamp, date or number order "
                                "column; '") +
                        options.order_by[0].column + "' is " + TypeName(time->type()),
                    SourceContext{.column_name = options.order_by[0].column});
      }
    } else if (w.rows <= 0) {
      throw Error(ErrorKind::kSpec, "rolling '" + w.output + "' needs rows > 0 or range > 0",
                  SourceContext{.column_name = w.output});
    }
  }
  const Segments s = BuildSegments(input, options, cmp);
  TablePtr out = Table::Make(input.schema(), input.columns());
  for (const WindowSpec& w : options.functions) {
    ColumnPtr c;
    switch (w.func) {
      case WindowFunc::kRowNumber:
      case WindowFunc::kRank:
      case WindowFunc::kDenseRank:
        c = Ranking(s, w, cmp, input.num_rows(), !options.order_by.empty());
        break;
      case WindowFunc::kLag:
      case WindowFunc::kLead:
        c = LagLead(input, s, w);
        break;
      case WindowFunc::kCumSum:
        c = CumSum(input, s, w);
        break;
      default:
        c = Rolling(input, s, w, w.range > 0 ? time : nullptr);
        break;
    }
    if (out->ColumnIndex(w.output) >= 0) {
      throw Error(ErrorKind::kSpec, "window output '" + w.output + "' already exists",
                  SourceContext{.column_name = w.output});
    }
    out = out->WithColumn(w.output, std::move(c));
  }
  return out;
}

}  // namespace xf
