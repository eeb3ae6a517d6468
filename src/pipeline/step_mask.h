// The step-level `mask:` option: the runner masks a step's outputs after the step ran, so no
// expression, join or aggregate inside the step can route around it.
#pragma once

#include "govern/mask.h"
#include "pipeline/step.h"

namespace xf::pipeline {

// Applies `plan` to every output of a finished step (columns an output lacks are skipped there).
// Throws at the rule's node when a masked column is in none of the outputs.
void MaskStepOutputs(const govern::MaskPlan& plan, StepContext* ctx);

}  // namespace xf::pipeline
