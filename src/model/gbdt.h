// Gradient-boosted decision trees through xgboost's C API (Debian libxgboost): the guideline's
// GBDT for credit risk, failure prediction and yield models, trained from a table.
//
// Determinism: xgboost is run single-threaded by default (`nthread` 1) with a fixed `seed`, so the
// same table and options give the same trees and byte-identical predictions; more threads may
// change float summation order, so nthread is an explicit option, never the machine's core count.
// NULL feature values are passed as missing (xgboost learns a default direction per split); rows
// with a NULL or non-finite label are not used for training and are counted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct GbdtOptions {
  std::vector<std::string> features;           // int64, float64 or bool columns
  std::string label;                           // numeric; 0/1 for binary:logistic
  std::string objective = "reg:squarederror";  // or "binary:logistic"
  int rounds = 100;
  int max_depth = 4;
  double eta = 0.1;
  double subsample = 1.0;
  double min_child_weight = 1.0;
  double lambda = 1.0;  // L2 regularisation of leaf weights
  uint64_t seed = 0;
  int nthread = 1;
};

struct GbdtModel {
  std::string objective;
  std::vector<std::string> features;
  std::string label;
  std::string json;  // xgboost's model in its JSON format
};

struct GbdtTrainResult {
  GbdtModel model;
  // feature, gain (average gain of its splits), total_gain, weight (number of splits), share
  // (total_gain / the sum over features); every feature, unused ones with 0, largest first.
  TablePtr importance;
  int64_t rows_used = 0;
  int64_t rows_skipped = 0;  // NULL or non-finite label
};

// Spec errors for options (unknown objective, rounds < 1, a non-numeric column); data errors for
// a label that is not 0/1 under binary:logistic, no usable rows, and any xgboost failure (with
// xgboost's own message).
GbdtTrainResult TrainGbdt(const Table& input, const GbdtOptions& options);

// Predictions for every row of `data` (float64: the value, or the probability of 1 under
// binary:logistic). The model's features must be numeric columns of `data`.
ColumnPtr PredictGbdt(const GbdtModel& model, const Table& data, int nthread = 1);

// The model as a one-row table (objective, label, features joined by ',', model_json) and back;
// the way a trained model travels between pipeline steps and into outputs.
TablePtr GbdtModelTable(const GbdtModel& model);
GbdtModel GbdtModelFromTable(const Table& table);

}  // namespace xf::model
