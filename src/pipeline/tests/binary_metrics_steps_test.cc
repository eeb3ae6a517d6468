// The binary_metrics step from YAML: AUC, Gini, KS and log-loss computed by hand on small groups.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;

TablePtr Scored() {
  return MakeTable({"grp", "bad", "p", "points"}, "sfff",
                   {{"A", "1", "0.9", "500"},
                    {"A", "0", "0.8", "600"},
                    {"A", "1", "0.3", "550"},
                    {"A", "0", "0.2", "700"},
                    {"B", "1", "0.5", "600"},
                    {"B", "1", "", "600"},  // no score: skipped for p only
                    {"B", "0", "0.5", "600"},
                    {"B", "1", "0.5", "600"},
                    {"C", "1", "0.4", "610"}});
}

const char* kStep = R"(
id: holdout_auc
kind: binary_metrics
in: scored
out: metrics
target: bad
scores: [p, points]
reverse: [points]
by: [grp]
)";

TEST(BinaryMetricsSteps, HandComputedPerGroupAndScore) {
  auto out = RunStep(kStep, {Scored()});
  const Table& m = *out[0];
  ASSERT_EQ(m.num_rows(), 6);  // 3 groups × 2 scores, group order, then score order
  auto v = [&](const char* col, int64_t r) { return m.column(col)->GetValue(r); };
  EXPECT_EQ(v("grp", 0).ToString(), "A");
  EXPECT_EQ(v("score", 0).ToString(), "p");
  EXPECT_EQ(v("score", 1).ToString(), "points");
  // A, p: events {0.9, 0.3} vs non-events {0.8, 0.2}: 3 of 4 pairs ordered right.
  EXPECT_EQ(v("n", 0).int_value(), 4);
  EXPECT_EQ(v("events", 0).int_value(), 2);
  EXPECT_DOUBLE_EQ(v("event_rate", 0).float_value(), 0.5);
  EXPECT_DOUBLE_EQ(v("auc", 0).float_value(), 0.75);
  EXPECT_DOUBLE_EQ(v("gini", 0).float_value(), 0.5);
  EXPECT_DOUBLE_EQ(v("ks", 0).float_value(), 0.5);
  EXPECT_NEAR(v("log_loss", 0).float_value(),
              -(std::log(0.9) + std::log(0.2) + std::log(0.3) + std::log(0.8)) / 4, 1e-12);
  // A, points reversed: both events score lower than both non-events.
  EXPECT_DOUBLE_EQ(v("auc", 1).float_value(), 1.0);
  EXPECT_DOUBLE_EQ(v("ks", 1).float_value(), 1.0);
  EXPECT_TRUE(m.column("log_loss")->IsNull(1)) << "points are not probabilities";
  // B, p: the NULL score is skipped; all scores tie, so AUC is one half.
  EXPECT_EQ(v("n", 2).int_value(), 3);
  EXPECT_EQ(v("events", 2).int_value(), 2);
  EXPECT_DOUBLE_EQ(v("auc", 2).float_value(), 0.5);
  EXPECT_EQ(v("n", 3).int_value(), 4);
  // C: only events, so AUC, Gini and KS are undefined.
  EXPECT_TRUE(m.column("auc")->IsNull(4));
  EXPECT_TRUE(m.column("gini")->IsNull(4));
  EXPECT_TRUE(m.column("ks")->IsNull(4));
}

TEST(BinaryMetricsSteps, ErrorsNameTheOption) {
  std::string e = ErrorOf(R"(
id: holdout_auc
kind: binary_metrics
in: scored
out: metrics
target: bad
scores: [p]
reverse: [points]
)",
                          {Scored()});
  EXPECT_NE(e.find("'points' is not one of the scores"), std::string::npos) << e;
  EXPECT_NE(e.find("holdout_auc"), std::string::npos) << e;
  e = ErrorOf(R"(
id: holdout_auc
kind: binary_metrics
in: scored
out: metrics
target: bad
scores: [p, score]
)",
              {Scored()});
  EXPECT_NE(e.find("score"), std::string::npos) << e;
  e = ErrorOf(R"(
id: holdout_auc
kind: binary_metrics
in: scored
out: metrics
target: points
scores: [p]
)",
              {Scored()});
  EXPECT_FALSE(e.empty()) << "a target other than 0/1 is a data error";
}

}  // namespace
}  // namespace xf::pipeline
