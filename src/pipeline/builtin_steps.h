// Every built-in step kind, one factory function per kind, each defined in its own step_*.cc.
#pragma once

#include "pipeline/step.h"

namespace xf::pipeline {

// Relational steps (step_relational.cc).
StepKind FilterStepKind();
StepKind DeriveStepKind();
StepKind SelectStepKind();
StepKind AggregateStepKind();
StepKind JoinStepKind();
StepKind AsofJoinStepKind();
StepKind SortStepKind();
StepKind WindowStepKind();
StepKind UnionStepKind();
StepKind DistinctStepKind();
StepKind ResampleStepKind();

// Model, geo and alert steps, one file each.
StepKind ForecastDayTypeStepKind();  // step_forecast_daytype.cc
StepKind RegressionStepKind();       // step_regression.cc
StepKind PredictStepKind();          // step_predict.cc
StepKind GeoJoinStepKind();          // step_geo_join.cc
StepKind AlertStepKind();            // step_alert.cc
// Alert follow-up and GBDT steps, one file each: step_<kind>.cc.
StepKind WorkOrdersStepKind();
StepKind GbdtTrainStepKind();
StepKind GbdtPredictStepKind();
StepKind ValidateStepKind();         // step_validate.cc (a data standard mid-pipeline)
// Cleaning steps, one file each: step_<kind>.cc.
StepKind DedupStepKind();
StepKind OutliersStepKind();
StepKind FillMissingStepKind();
StepKind NormalizeUnitsStepKind();
StepKind NormalizeStringsStepKind();
StepKind MapCodesStepKind();
// Graph, optimisation and geofence steps, one file each: step_<kind>.cc.
StepKind GraphStepKind();
StepKind AssignStepKind();
StepKind DispatchStepKind();
StepKind ShortestPathStepKind();
StepKind ScheduleStepKind();
StepKind OptimizeStepKind();
StepKind GeofenceStepKind();
StepKind GeofenceEventsStepKind();
StepKind GridBinStepKind();
// Anomaly, time-series and clustering steps, one file each: step_<kind>.cc.
StepKind AnomalyStepKind();
StepKind IsolationForestStepKind();
StepKind DynamicThresholdStepKind();
StepKind EwmaStepKind();
StepKind HoltWintersStepKind();
StepKind ForecastMetricsStepKind();
StepKind InventorySimStepKind();
StepKind KMeansStepKind();
StepKind DbscanStepKind();
// Trusted circulation (T): step_evidence.cc appends rows to the evidence ledger.
StepKind EvidenceStepKind();
// Sensitive data: step_mask.cc masks columns; step_classify_sensitive.cc grades them.
StepKind MaskStepKind();
StepKind ClassifySensitiveStepKind();
// Indices, logistic regression and scorecards, one file each: step_<kind>.cc.
StepKind NormalizeStepKind();
StepKind WeightsStepKind();
StepKind IndexStepKind();
StepKind TopsisStepKind();
StepKind GradeStepKind();
StepKind LogisticStepKind();
StepKind ScorecardFitStepKind();
StepKind ScorecardScoreStepKind();
StepKind PsiStepKind();
StepKind BinaryMetricsStepKind();
// Near-duplicate texts: step_text_similarity.cc.
StepKind TextSimilarityStepKind();

}  // namespace xf::pipeline
