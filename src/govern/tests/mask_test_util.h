// What the masking tests share: one rule from YAML and string columns from text.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/spec_node.h"
#include "govern/mask.h"

namespace xf::govern::testing {

// The single rule of a mask plan given as YAML.
inline MaskRule Rule(const std::string& yaml) {
  MaskPlan p = ParseMaskPlan(SpecNode::LoadString(yaml, "mask.yaml"));
  EXPECT_EQ(p.rules.size(), 1u);
  return p.rules.at(0);
}

// A string column; "<null>" stands for a null.
inline ColumnPtr Strings(const std::vector<std::string>& v) {
  ColumnPtr c = Column::Make(TypeId::kString);
  for (const auto& s : v) {
    if (s == "<null>") {
      c->AppendNull();
    } else {
      c->AppendString(s);
    }
  }
  return c;
}

}  // namespace xf::govern::testing
