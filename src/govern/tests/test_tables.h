// Small hand-made tables and standards for the govern tests.
#pragma once

#include <string>
#include <vector>

#include "core/column.h"
#include "core/spec_node.h"
#include "core/table.h"
#include "core/time.h"
#include "govern/standard_parser.h"

namespace xf::govern::testing {

inline ColumnPtr Strings(const std::vector<const char*>& v) {
  ColumnPtr c = Column::Make(TypeId::kString);
  for (const char* s : v) {
    if (s == nullptr) {
      c->AppendNull();
    } else {
      c->AppendString(s);
    }
  }
  return c;
}

inline ColumnPtr Doubles(const std::vector<double>& v, const std::vector<int>& null_rows = {}) {
  ColumnPtr c = Column::Make(TypeId::kFloat64);
  for (size_t i = 0; i < v.size(); ++i) {
    bool null = false;
    for (int r : null_rows) null = null || r == static_cast<int>(i);
    if (null) {
      c->AppendNull();
    } else {
      c->AppendFloat64(v[i]);
    }
  }
  return c;
}

inline ColumnPtr Ints(const std::vector<int64_t>& v) {
  ColumnPtr c = Column::Make(TypeId::kInt64);
  for (int64_t x : v) c->AppendInt64(x);
  return c;
}

// Timestamps "2024-07-01 00:00" + minutes.
inline ColumnPtr Minutes(const std::vector<int64_t>& m) {
  int64_t base = 0;
  ParseTimestamp("2024-07-01 00:00", &base);
  ColumnPtr c = Column::Make(TypeId::kTimestamp);
  for (int64_t x : m) c->AppendTimestamp(base + x * 60000000LL);
  return c;
}

inline TableStandard ParseStd(const std::string& yaml, const std::string& table = "t") {
  return ParseTableStandard(SpecNode::LoadString(yaml, "std.yaml"), table, ".");
}

}  // namespace xf::govern::testing
