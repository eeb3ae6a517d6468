// The step kinds a scenario can use, by name. Built-in kinds are listed in builtin_steps.cc; a
// new kind is one file in this folder plus one line there.
#pragma once

#include <string>
#include <vector>

#include "pipeline/step.h"

namespace xf::pipeline {

// nullptr when unknown.
const StepKind* FindStepKind(const std::string& name);
// Sorted by name.
std::vector<const StepKind*> AllStepKinds();
// Names for did-you-mean suggestions.
std::vector<std::string> StepKindNames();

// The keys every step map may have besides its kind's options.
const std::vector<std::string>& CommonStepKeys();

}  // namespace xf::pipeline
