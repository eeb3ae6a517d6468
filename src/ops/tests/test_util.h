// Helpers for the ops tests: random tables with NULLs, duplicate keys and Chinese strings, table
// comparison, and running an operator on 1 thread and on several.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/table.h"
#include "core/thread_pool.h"
#include "ops/parallel.h"

namespace xf::testing {

inline const std::vector<std::string>& StringPool() {
  static const std::vector<std::string> pool = {"北京", "上海", "广州", "深圳", "杭州",
                                                "a",    "b",    "",     "电量kwh", "Zürich"};
  return pool;
}

struct ColSpec {
  std::string name;
  TypeId type;
  int64_t cardinality = 100;  // values drawn from [0, cardinality)
  double null_fraction = 0.1;
};

inline TablePtr RandomTable(uint64_t seed, int64_t n, const std::vector<ColSpec>& specs) {
  std::mt19937_64 rng(seed);
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const ColSpec& s : specs) {
    auto c = Column::Make(s.type);
    std::uniform_int_distribution<int64_t> pick(0, std::max<int64_t>(0, s.cardinality - 1));
    std::uniform_real_distribution<double> unit(0, 1);
    for (int64_t i = 0; i < n; ++i) {
      if (unit(rng) < s.null_fraction) {
        c->AppendNull();
        continue;
      }
      const int64_t v = pick(rng);
      switch (s.type) {
        case TypeId::kBool: c->AppendBool(v % 2 == 1); break;
        case TypeId::kInt64: c->AppendInt64(v - s.cardinality / 3); break;
        case TypeId::kFloat64: c->AppendFloat64(static_cast<double>(v) * 0.25 - 3.0); break;
        case TypeId::kString: {
          const auto& pool = StringPool();
          std::string str = pool[static_cast<size_t>(v) % pool.size()];
          if (v >= static_cast<int64_t>(pool.size())) str += std::to_string(v);
          c->AppendString(str);
          break;
        }
        case TypeId::kDate: c->AppendDate(static_cast<int32_t>(19000 + v)); break;
        case TypeId::kTimestamp: c->AppendTimestamp(1'700'000'000'000'000 + v * 60'000'000); break;
        case TypeId::kNull: c->AppendNull(); break;
      }
    }
    fields.push_back({s.name, s.type});
    cols.push_back(c);
  }
  return Table::Make(Schema(fields), cols);
}

// A string that identifies a row's values on `cols` (NULL distinct from every value).
inline std::string RowKey(const Table& t, const std::vector<std::string>& cols, int64_t row) {
  std::string k;
  for (const auto& c : cols) {
    const Value v = t.column(c)->GetValue(row);
    k += v.is_null() ? std::string("\x01N") : v.ToString();
    k += '\x02';
  }
  return k;
}

inline bool ValuesClose(const Value& a, const Value& b, double rel) {
  if (a.type() == TypeId::kFloat64 && b.type() == TypeId::kFloat64 && !a.is_null() && !b.is_null()) {
    const double x = a.float_value(), y = b.float_value();
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    return std::fabs(x - y) <= rel * std::max({1.0, std::fabs(x), std::fabs(y)});
  }
  return a == b;
}

// Same schema, same values; floats within `rel` (0 = exact).
inline void ExpectTablesEqual(const Table& got, const Table& want, double rel = 0.0) {
  ASSERT_EQ(got.schema().ToString(), want.schema().ToString());
  ASSERT_EQ(got.num_rows(), want.num_rows()) << got.ToString(10) << want.ToString(10);
  for (int c = 0; c < got.num_columns(); ++c) {
    for (int64_t r = 0; r < got.num_rows(); ++r) {
      const Value a = got.column(c)->GetValue(r), b = want.column(c)->GetValue(r);
      ASSERT_TRUE(rel == 0.0 ? a == b : ValuesClose(a, b, rel))
          << "column " << got.schema().field(c).name << " row " << r << ": got " << a.ToString()
          << " want " << b.ToString();
    }
  }
}

// Runs fn with a 1-thread pool and with a 4-thread pool; the tables must be identical.
inline TablePtr RunSingleAndMulti(const std::function<TablePtr()>& fn) {
  ThreadPool one(1), four(4);
  TablePtr a, b;
  {
    ScopedOpsThreadPool s(&one);
    a = fn();
  }
  {
    ScopedOpsThreadPool s(&four);
    b = fn();
  }
  ExpectTablesEqual(*b, *a);
  return b;
}

}  // namespace xf::testing
