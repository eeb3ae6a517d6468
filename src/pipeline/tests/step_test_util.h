// Running one step given as YAML, and small table builders, shared by every step test in
// src/pipeline/tests/.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "pipeline/step_registry.h"

namespace xf::pipeline::testing {

struct StepRunOptions {
  uint64_t seed = 1;
  std::vector<std::string> in_names;  // empty: every input is named "in"
  const RunServices* services = nullptr;
  // The YAML's path: steps resolve relative files (map_codes `file:`) next to it.
  std::string file = "scenario.yaml";
};

// Configures the step the way the runner does (keys checked against the kind's options) and runs
// it over `inputs`; returns its outputs.
inline std::vector<TablePtr> RunStep(const std::string& yaml, std::vector<TablePtr> inputs,
                                     StepRunOptions opts = {}) {
  SpecNode node = SpecNode::LoadString(yaml, opts.file);
  const StepKind* kind = FindStepKind(node.Required("kind").AsString());
  EXPECT_NE(kind, nullptr);
  node = node.InStep(node.Required("id").AsString());
  std::vector<std::string> allowed = CommonStepKeys();
  for (const OptionSpec& o : kind->options) allowed.push_back(o.name);
  node.CheckKeys(allowed);
  std::unique_ptr<Step> step = kind->make();
  step->Configure(node);
  if (opts.in_names.empty()) opts.in_names.assign(inputs.size(), "in");
  std::vector<std::string> out_names;
  for (const SpecNode& o : node.Get("out").Items()) out_names.push_back(o.AsString());
  StepContext ctx(node.step(), opts.in_names, std::move(inputs), out_names, opts.seed,
                  opts.services);
  step->Run(ctx);
  return ctx.outputs();
}

// The message of the xf::Error running the step throws, or "" when it succeeds.
inline std::string ErrorOf(const std::string& yaml, std::vector<TablePtr> inputs,
                           StepRunOptions opts = {}) {
  try {
    RunStep(yaml, std::move(inputs), std::move(opts));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A table of string and float64 columns from rows of text; "" is NULL. Types per column: 's', 'f'
// or 'i'.
inline TablePtr MakeTable(const std::vector<std::string>& names, const std::string& types,
                          const std::vector<std::vector<std::string>>& rows) {
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (size_t c = 0; c < names.size(); ++c) {
    const TypeId t = types[c] == 's'   ? TypeId::kString
                     : types[c] == 'i' ? TypeId::kInt64
                                       : TypeId::kFloat64;
    fields.push_back({names[c], t});
    auto col = Column::Make(t);
    for (const auto& row : rows) {
      const std::string& v = row[c];
      if (v.empty()) {
        col->AppendNull();
      } else if (t == TypeId::kString) {
        col->AppendString(v);
      } else if (t == TypeId::kInt64) {
        col->AppendInt64(std::stoll(v));
      } else {
        col->AppendFloat64(std::stod(v));
      }
    }
    cols.push_back(col);
  }
  return Table::Make(Schema(fields), cols);
}

inline ColumnPtr FloatColumn(const std::vector<double>& v) {
  auto c = Column::Make(TypeId::kFloat64);
  for (double x : v) c->AppendFloat64(x);
  return c;
}

inline ColumnPtr StringColumn(const std::vector<std::string>& v) {
  auto c = Column::Make(TypeId::kString);
  for (const std::string& s : v) c->AppendString(s);
  return c;
}

// A float64 cell.
inline double F(const Table& t, const char* col, int64_t r) {
  return t.column(col)->GetValue(r).float_value();
}

// A numeric cell of any numeric type, as double.
inline double At(const Table& t, const std::string& col, int64_t row) {
  return t.column(col)->GetValue(row).AsDouble();
}

}  // namespace xf::pipeline::testing
