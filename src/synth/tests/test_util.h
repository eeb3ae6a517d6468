// Helpers shared by the synthetic-data tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/spec_node.h"
#include "synth/generate.h"

namespace xf::synth::test {

inline std::vector<SynthTable> Gen(const std::string& yaml, uint64_t seed = 42, double scale = 1) {
  return Generate(SpecNode::LoadString(yaml, "test.yaml"), {seed, scale});
}

inline TablePtr Find(const std::vector<SynthTable>& tables, const std::string& name) {
  for (const SynthTable& t : tables) {
    if (t.name == name) return t.table;
  }
  ADD_FAILURE() << "no table " << name;
  return nullptr;
}

// The spec error text of generating `yaml`, or "" when it succeeds.
inline std::string ErrorOf(const std::string& yaml) {
  try {
    Gen(yaml);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

inline double F(const TablePtr& t, const std::string& col, int64_t row) {
  const ColumnPtr& c = t->column(col);
  return c->type() == TypeId::kInt64 ? static_cast<double>(c->data<int64_t>()[row])
                                     : c->data<double>()[row];
}

inline std::string Str(const TablePtr& t, const std::string& col, int64_t row) {
  return std::string(t->column(col)->GetString(row));
}

// Byte-level equality of two tables (schema, validity and every value's text).
inline bool SameTable(const Table& a, const Table& b) {
  if (!(a.schema() == b.schema()) || a.num_rows() != b.num_rows()) return false;
  for (int c = 0; c < a.num_columns(); ++c) {
    for (int64_t i = 0; i < a.num_rows(); ++i) {
      if (a.column(c)->GetValue(i).ToString() != b.column(c)->GetValue(i).ToString()) return false;
    }
  }
  return true;
}

}  // namespace xf::synth::test
