#include "pipeline/step_registry.h"

#include <algorithm>
#include <map>

#include "pipeline/builtin_steps.h"

namespace xf::pipeline {

namespace {

const std::map<std::string, StepKind>& Registry() {
  static const std::map<std::string, StepKind> registry = [] {
    std::map<std::string, StepKind> r;
    for (StepKind k : {
             FilterStepKind(), DeriveStepKind(), SelectStepKind(), AggregateStepKind(),
             JoinStepKind(), AsofJoinStepKind(), SortStepKind(), WindowStepKind(),
             UnionStepKind(), DistinctStepKind(), ResampleStepKind(),
             ForecastDayTypeStepKind(), RegressionStepKind(), PredictStepKind(),
             GeoJoinStepKind(), AlertStepKind(),
             WorkOrdersStepKind(), GbdtTrainStepKind(), GbdtPredictStepKind(),
             ValidateStepKind(),
             DedupStepKind(), OutliersStepKind(), FillMissingStepKind(), NormalizeUnitsStepKind(), NormalizeStringsStepKind(), MapCodesStepKind(),
             GraphStepKind(), AssignStepKind(), DispatchStepKind(), ShortestPathStepKind(), ScheduleStepKind(), OptimizeStepKind(), GeofenceStepKind(), GeofenceEventsStepKind(), GridBinStepKind(),
             AnomalyStepKind(), IsolationForestStepKind(), DynamicThresholdStepKind(), EwmaStepKind(), HoltWintersStepKind(), ForecastMetricsStepKind(), InventorySimStepKind(), KMeansStepKind(), DbscanStepKind(),
             EvidenceStepKind(),
             MaskStepKind(), ClassifySensitiveStepKind(),
             NormalizeStepKind(), WeightsStepKind(), IndexStepKind(), TopsisStepKind(), GradeStepKind(), LogisticStepKind(), ScorecardFitStepKind(), ScorecardScoreStepKind(), PsiStepKind(),
             BinaryMetricsStepKind(),
             TextSimilarityStepKind(),
         }) {
      std::string name = k.name;
      r.emplace(name, std::move(k));
    }
    return r;
  }();
  return registry;
}

}  // namespace

const StepKind* FindStepKind(const std::string& name) {
  auto it = Registry().find(name);
  return it == Registry().end() ? nullptr : &it->second;
}

std::vector<const StepKind*> AllStepKinds() {
  std::vector<const StepKind*> out;
  for (const auto& [name, kind] : Registry()) out.push_back(&kind);
  return out;
}

std::vector<std::string> StepKindNames() {
  std::vector<std::string> out;
  for (const auto& [name, kind] : Registry()) out.push_back(name);
  return out;
}

const std::vector<std::string>& CommonStepKeys() {
  // `mask` (govern/mask.h) is applied by the runner to every output of the step.
  static const std::vector<std::string> keys = {"id", "kind", "in", "out", "description", "mask"};
  return keys;
}

}  // namespace xf::pipeline
