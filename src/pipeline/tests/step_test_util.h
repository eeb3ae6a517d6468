// Running one step given as YAML, for the step tests of the graph, optimisation and geofence
// kinds (the same harness model_steps_test.cc uses, shared by several files).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "pipeline/step_registry.h"

namespace xf::pipeline::testing {

inline std::vector<TablePtr> RunStepYaml(const std::string& yaml, std::vector<TablePtr> inputs,
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

inline std::string StepErrorOf(const std::string& yaml, std::vector<TablePtr> inputs) {
  try {
    RunStepYaml(yaml, std::move(inputs));
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

}  // namespace xf::pipeline::testing
