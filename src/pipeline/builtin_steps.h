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

}  // namespace xf::pipeline
