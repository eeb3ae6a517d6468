#include "govern/clean_fill.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/error.h"
#include "govern/clean_common.h"
#include "govern/clean_outliers.h"

namespace xf::govern {

namespace {

bool NeedsTime(FillMethod m) {
  return m == FillMethod::kForward || m == FillMethod::kLinear || m == FillMethod::kSeasonal;
}

// Series of one key in time order, rows with a NULL time left out (they cannot be placed).
std::vector<std::vector<int64_t>> Series(const Table& input, const FillOptions& o,
                                         const Column* time) {
  std::vector<std::vector<int64_t>> groups =
      GroupRows(input, o.by, time ? std::vector<SortKey>{{o.time}} : std::vector<SortKey>{});
  if (time) {
    for (auto& g : groups) {
      std::erase_if(g, [time](int64_t r) { return time->IsNull(r); });
    }
  }
  return groups;
}

}  // namespace

const char* FillMethodName(FillMethod method) {
  switch (method) {
    case FillMethod::kConstant:
      return "constant";
    case FillMethod::kForward:
      return "forward";
    case FillMethod::kLinear:
      return "linear";
    case FillMethod::kMean:
      return "mean";
    case FillMethod::kMedian:
      return "median";
    case FillMethod::kSeasonal:
      return "seasonal";
  }
  return "?";
}

FillResult FillMissing(const Table& input, const FillOptions& o) {
  const int64_t n = input.num_rows();
  const size_t un = static_cast<size_t>(n);
  const std::string what = fmt::format("fill method {}", FillMethodName(o.method));
  const Column* time = nullptr;
  if (NeedsTime(o.method)) {
    if (o.time.empty()) throw Error(ErrorKind::kSpec, what + " needs a time column ('time')");
    time = &TimeColumn(input, o.time, what);
  }
  if (o.method == FillMethod::kSeasonal && o.period_micros <= 0) {
    throw Error(ErrorKind::kSpec, "fill method seasonal needs a positive 'period'");
  }
  const std::vector<std::vector<int64_t>> groups = Series(input, o, time);
  FillResult result;
  TablePtr out = Table::Make(input.schema(), input.columns());
  for (const std::string& name : o.columns) {
    const Column& c = *input.column(name);
    std::vector<uint8_t> filled(un, 0);
    // Either a donor row per row (methods that copy a value) or computed doubles.
    std::vector<int64_t> donor(un);
    for (int64_t i = 0; i < n; ++i) donor[static_cast<size_t>(i)] = c.IsNull(i) ? -1 : i;
    const bool numeric_out = o.method == FillMethod::kLinear || o.method == FillMethod::kMean ||
                             o.method == FillMethod::kMedian;
    if (numeric_out) NumericColumn(input, name, what);
    std::vector<double> value(numeric_out ? un : 0, 0.0);
    for (int64_t i = 0; numeric_out && i < n; ++i) {
      if (c.IsValid(i)) value[static_cast<size_t>(i)] = NumericAt(c, i);
    }
    auto fill_with = [&](int64_t row, int64_t from) {
      donor[static_cast<size_t>(row)] = from;
      filled[static_cast<size_t>(row)] = 1;
    };
    auto fill_value = [&](int64_t row, double v) {
      value[static_cast<size_t>(row)] = v;
      filled[static_cast<size_t>(row)] = 1;
    };
    switch (o.method) {
      case FillMethod::kConstant:
        if (!o.constant.is_null() && o.constant.type() != c.type() &&
            !(o.constant.type() == TypeId::kInt64 && c.type() == TypeId::kFloat64)) {
          throw Error(ErrorKind::kSpec,
                      fmt::format("constant {} does not fit column '{}' of type {}",
                                  o.constant.ToString(), name, TypeName(c.type())),
                      {.column_name = name});
        }
        if (!o.constant.is_null()) {
          for (int64_t i = 0; i < n; ++i) filled[static_cast<size_t>(i)] = c.IsNull(i);
        }
        break;
      case FillMethod::kForward:
        for (const auto& g : groups) {
          int64_t last = -1;
          for (int64_t r : g) {
            if (c.IsValid(r)) {
              last = r;
            } else if (last >= 0 &&
                       (o.max_gap_micros <= 0 ||
                        TimeMicrosAt(*time, r) - TimeMicrosAt(*time, last) <= o.max_gap_micros)) {
              fill_with(r, last);
            }
          }
        }
        break;
      case FillMethod::kLinear:
        for (const auto& g : groups) {
          int64_t prev = -1;
          for (size_t j = 0; j < g.size(); ++j) {
            if (c.IsValid(g[j])) {
              prev = g[j];
              continue;
            }
            size_t next = j + 1;
            while (next < g.size() && c.IsNull(g[next])) ++next;
            if (prev < 0 || next == g.size()) continue;
            const int64_t t0 = TimeMicrosAt(*time, prev), t1 = TimeMicrosAt(*time, g[next]);
            if (o.max_gap_micros > 0 && t1 - t0 > o.max_gap_micros) continue;
            const double v0 = NumericAt(c, prev), v1 = NumericAt(c, g[next]);
            const double f = t1 == t0 ? 0.0
                                      : static_cast<double>(TimeMicrosAt(*time, g[j]) - t0) /
                                            static_cast<double>(t1 - t0);
            fill_value(g[j], v0 + (v1 - v0) * f);
          }
        }
        break;
      case FillMethod::kMean:
      case FillMethod::kMedian:
        for (const auto& g : groups) {
          std::vector<double> present;
          for (int64_t r : g) {
            if (c.IsValid(r)) present.push_back(NumericAt(c, r));
          }
          if (present.empty()) continue;
          double v = 0;
          if (o.method == FillMethod::kMean) {
            for (double x : present) v += x;
            v /= static_cast<double>(present.size());
          } else {
            std::sort(present.begin(), present.end());
            v = SortedQuantile(present, 0.5);
          }
          for (int64_t r : g) {
            if (c.IsNull(r)) fill_value(r, v);
          }
        }
        break;
      case FillMethod::kSeasonal:
        for (const auto& g : groups) {
          std::unordered_map<int64_t, int64_t> at;  // time → first row with a value then
          for (int64_t r : g) {
            if (c.IsValid(r)) at.emplace(TimeMicrosAt(*time, r), r);
          }
          for (int64_t r : g) {
            if (c.IsValid(r)) continue;
            for (int p = 1; p <= std::max(o.max_periods, 1); ++p) {
              auto it = at.find(TimeMicrosAt(*time, r) - p * o.period_micros);
              if (it != at.end()) {
                fill_with(r, it->second);
                break;
              }
            }
          }
        }
        break;
    }
    ColumnPtr column;
    if (o.method == FillMethod::kConstant) {
      auto col = Column::Make(c.type());
      for (int64_t i = 0; i < n; ++i) {
        if (filled[static_cast<size_t>(i)]) {
          col->AppendValue(o.constant);
        } else {
          col->AppendFrom(c, i);
        }
      }
      column = col;
    } else if (numeric_out) {
      auto col = Column::Make(TypeId::kFloat64);
      col->Reserve(n);
      for (int64_t i = 0; i < n; ++i) {
        if (c.IsValid(i) || filled[static_cast<size_t>(i)]) {
          col->AppendFloat64(value[static_cast<size_t>(i)]);
        } else {
          col->AppendNull();
        }
      }
      column = col;
    } else {
      column = c.Take(donor);
    }
    out = out->WithColumn(name, column);
    int64_t count = 0;
    for (uint8_t f : filled) count += f;
    result.filled += count;
    if (o.flag) {
      auto flag = Column::Make(TypeId::kBool);
      for (uint8_t f : filled) flag->AppendBool(f != 0);
      out = out->WithColumn(name + "_filled", flag);
    }
  }
  result.table = out;
  return result;
}

}  // namespace xf::govern
