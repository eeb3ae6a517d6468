// Running one step from YAML in a test (as model_steps_test.cc does), shared by the anomaly,
// time-series and clustering step tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "pipeline/step_registry.h"

namespace xf::pipeline::testing {

inline std::vector<TablePtr> RunStep(const std::string& yaml, std::vector<TablePtr> inputs,
                                     uint64_t seed = 1) {
  SpecNode node = SpecNode::LoadString(yaml, "scenario.yaml");
  const StepKind* kind = FindStepKind(node.Required("kind").AsString());
  EXPECT_NE(kind, nullptr);
  node = node.InStep(node.Required("id").AsString());
  std::vector<std::string> allowed = CommonStepKeys();
  for (const OptionSpec& o : kind->options) allowed.push_back(o.name);
  node.CheckKeys(allowed);
  std::unique_ptr<Step> step = kind->make();
  step->Configure(node);
  std::vector<std::string> in_names(inputs.size(), "in"), out_names;
  for (const SpecNode& o : node.Get("out").Items()) out_names.push_back(o.AsString());
  StepContext ctx(node.step(), in_names, std::move(inputs), out_names, seed);
  step->Run(ctx);
  return ctx.outputs();
}

inline std::string ErrorOf(const std::string& yaml, std::vector<TablePtr> inputs) {
  try {
    RunStep(yaml, std::move(inputs));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
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

inline double F(const Table& t, const char* col, int64_t r) {
  return t.column(col)->GetValue(r).float_value();
}

}  // namespace xf::pipeline::testing
