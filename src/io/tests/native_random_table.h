// Random tables with every column type and NULLs, for the native and JSON Lines tests.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/table.h"
#include "core/time.h"

namespace xf::testing {

struct RandomTableOptions {
  double null_probability = 0.2;
  bool with_null_type = true;   // a column of TypeId::kNull
  bool with_non_finite = true;  // inf / NaN / -0.0 in float columns
  bool plain_strings = false;   // strings never look like dates or numbers
};

inline std::string RandomString(std::mt19937_64& rng, bool plain) {
  static const char* kPieces[] = {"a",        "电量", "kwh", " ", "\"", "\\", "\n", "\t", "é",
                                  "数据要素", "x",    "😀",   "/", "{",  "}",  ",",  "0"};
  std::string s = plain ? "s" : "";
  const int n = static_cast<int>(rng() % 8);
  for (int i = 0; i < n; ++i) s += kPieces[rng() % (sizeof kPieces / sizeof kPieces[0])];
  if (!plain && rng() % 10 == 0) s = "2024-01-0" + std::to_string(1 + rng() % 9);
  return s;
}

inline double RandomDouble(std::mt19937_64& rng, bool non_finite) {
  switch (rng() % 8) {
    case 0:
      return static_cast<double>(static_cast<int64_t>(rng() % 2000) - 1000);
    case 1:
      return std::ldexp(static_cast<double>(rng() % 1000000), static_cast<int>(rng() % 200) - 100);
    case 2:
      return non_finite ? std::numeric_limits<double>::infinity() : 1e308;
    case 3:
      return non_finite ? -0.0 : 5e-324;
    case 4:
      return 0.1 * static_cast<double>(rng() % 100);
    default: {
      double d;
      uint64_t bits = rng();
      std::memcpy(&d, &bits, sizeof d);
      return std::isfinite(d) || non_finite ? d : 1.5;
    }
  }
}

inline TablePtr RandomTable(uint64_t seed, int64_t rows, const RandomTableOptions& o = {}) {
  std::mt19937_64 rng(seed);
  std::vector<Field> fields = {{"b", TypeId::kBool},         {"i", TypeId::kInt64},
                               {"f", TypeId::kFloat64},      {"s", TypeId::kString},
                               {"d", TypeId::kDate},         {"t", TypeId::kTimestamp},
                               {"电量 kwh", TypeId::kString}};
  if (o.with_null_type) fields.push_back({"n", TypeId::kNull});
  std::vector<ColumnPtr> cols;
  for (const Field& f : fields) {
    auto c = Column::Make(f.type);
    for (int64_t r = 0; r < rows; ++r) {
      if (f.type == TypeId::kNull ||
          std::uniform_real_distribution<double>(0, 1)(rng) < o.null_probability) {
        c->AppendNull();
        continue;
      }
      switch (f.type) {
        case TypeId::kBool:
          c->AppendBool(rng() % 2 == 0);
          break;
        case TypeId::kInt64: {
          const int64_t edge[] = {0, -1, std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max()};
          c->AppendInt64(rng() % 10 == 0 ? edge[rng() % 4]
                                         : static_cast<int64_t>(rng() % 100000) - 50000);
          break;
        }
        case TypeId::kFloat64:
          c->AppendFloat64(RandomDouble(rng, o.with_non_finite));
          break;
        case TypeId::kString:
          c->AppendString(RandomString(rng, o.plain_strings));
          break;
        case TypeId::kDate:
          // Years 1..9999 round-trip through text; keep inside with margin.
          c->AppendDate(static_cast<int32_t>(rng() % 2900000) - 700000);
          break;
        case TypeId::kTimestamp: {
          const int64_t span = int64_t{200} * 365 * kMicrosPerDay;
          int64_t v = static_cast<int64_t>(rng() % static_cast<uint64_t>(span)) - span / 4;
          if (rng() % 3 == 0) v -= v % kMicrosPerSecond;  // whole seconds, as most data
          c->AppendTimestamp(v);
          break;
        }
        default:
          break;
      }
    }
    cols.push_back(std::move(c));
  }
  return Table::Make(Schema(fields), std::move(cols));
}

// Value-wise equality that treats doubles bit for bit (NaN == NaN, -0.0 != 0.0).
inline void ExpectTablesEqual(const Table& a, const Table& b) {
  ASSERT_EQ(a.schema(), b.schema());
  ASSERT_EQ(a.num_rows(), b.num_rows());
  for (int c = 0; c < a.num_columns(); ++c) {
    const Column& x = *a.column(c);
    const Column& y = *b.column(c);
    EXPECT_EQ(x.null_count(), y.null_count()) << "column " << a.schema().field(c).name;
    for (int64_t r = 0; r < a.num_rows(); ++r) {
      ASSERT_EQ(x.IsNull(r), y.IsNull(r)) << "column " << a.schema().field(c).name << " row " << r;
      if (x.IsNull(r)) continue;
      if (x.type() == TypeId::kFloat64) {
        uint64_t bx, by;
        std::memcpy(&bx, x.data<double>() + r, 8);
        std::memcpy(&by, y.data<double>() + r, 8);
        ASSERT_EQ(bx, by) << "column " << a.schema().field(c).name << " row " << r;
      } else {
        ASSERT_EQ(x.GetValue(r), y.GetValue(r))
            << "column " << a.schema().field(c).name << " row " << r;
      }
    }
  }
}

}  // namespace xf::testing
