// Helpers shared by the cleaning step kinds (step_dedup.cc … step_map_codes.cc).
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/spec_node.h"
#include "pipeline/step.h"

namespace xf::pipeline {

// Runs a cleaning algorithm; an Error it throws gains the step id (errors from govern know the
// column and row but not the step).
template <typename Fn>
auto InCleaningStep(const StepContext& ctx, Fn&& fn) {
  try {
    return fn();
  } catch (Error& e) {
    e.WithStep(ctx.step_id());
    throw;
  }
}

// The value of an enumerated text option, or a spec error listing the choices.
inline int ChoiceOf(const SpecNode& o, const std::string& key,
                    const std::vector<std::string>& choices, int fallback) {
  if (!o.Has(key)) return fallback;
  const std::string v = o.Get(key).AsString();
  for (size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == v) return static_cast<int>(i);
  }
  std::string list;
  for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
  o.Get(key).Fail("'" + v + "' is not one of: " + list);
}

// Steps whose rows can be set aside need the second output for them, so no row is lost.
inline void RequireSetAsideOutput(const SpecNode& o, bool sets_aside, const std::string& why) {
  if (sets_aside && o.Get("out").Items().size() < 2) {
    o.Get("out").Fail(why + " needs a second output for the rows set aside");
  }
}

}  // namespace xf::pipeline
