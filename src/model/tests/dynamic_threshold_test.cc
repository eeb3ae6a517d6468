#include "model/dynamic_threshold.h"

#include <gtest/gtest.h>

#include "core/thread_pool.h"
#include "model_test_data.h"
#include "ops/parallel.h"

namespace xf::model {
namespace {

using testing::Floats;
using testing::Strings;

// Rolling quantile bounds by hand: order 1..6, window 3 → training rows with t' in (t − 3, t).
TEST(DynamicThreshold, RollingQuantileHandComputed) {
  auto t = Column::Make(TypeId::kInt64);
  for (int i = 1; i <= 6; ++i) t->AppendInt64(i);
  TablePtr in = Table::Make(Schema({{"t", TypeId::kInt64}, {"x", TypeId::kFloat64}}),
                            {t, Floats({1, 2, 3, 4, 5, 100})});
  TablePtr out = DynamicThresholds(*in, {},
                                   {.value = "x",
                                    .method = ThresholdMethod::kQuantile,
                                    .lower_quantile = 0,
                                    .upper_quantile = 1,
                                    .order = "t",
                                    .window = 3,
                                    .min_count = 2});
  const Column& lo = *out->column("lower");
  const Column& hi = *out->column("upper");
  EXPECT_TRUE(lo.IsNull(0));
  EXPECT_TRUE(lo.IsNull(1));  // one value before t = 2
  EXPECT_EQ(lo.GetValue(2).float_value(), 1);
  EXPECT_EQ(hi.GetValue(2).float_value(), 2);
  EXPECT_EQ(lo.GetValue(5).float_value(), 4);  // t = 6: values at t = 4, 5 only
  EXPECT_EQ(hi.GetValue(5).float_value(), 5);
  EXPECT_EQ(testing::TrueRows(*out->column("breach")), (std::vector<int64_t>{2, 3, 4, 5}));
}

TEST(DynamicThreshold, SigmaHandComputedAndTrainingFilter) {
  // Training: 1, 2, 3 (the 50 is a known fault, not training) → mean 2, sd 1, k 2 → [0, 4].
  TablePtr in = Table::Make(Schema({{"x", TypeId::kFloat64}}), {Floats({1, 2, 3, 50, 4.5})});
  TablePtr out = DynamicThresholds(*in, {1, 1, 1, 0, 1}, {.value = "x", .k = 2, .min_count = 3});
  // 4.5 is training here too: mean 2.625, sd of 1 2 3 4.5.
  EXPECT_GT(out->column("upper")->GetValue(0).float_value(), 4.5);
  out = DynamicThresholds(*in, {1, 1, 1, 0, 0}, {.value = "x", .k = 2, .min_count = 3});
  EXPECT_DOUBLE_EQ(out->column("lower")->GetValue(0).float_value(), 0);
  EXPECT_DOUBLE_EQ(out->column("upper")->GetValue(0).float_value(), 4);
  EXPECT_EQ(testing::TrueRows(*out->column("breach")), (std::vector<int64_t>{3, 4}));
}

// Two pumps, each run at a low and a high load band. Planted: readings normal for the other band
// (a low-band reading at the high band's level and vice versa) and a fault period with a large
// drift that must not be learned. One global band per pump cannot see the misplaced readings; a
// band per (pump, load band) learned from normal periods finds them all.
TEST(DynamicThreshold, PerConditionFindsWhatAGlobalThresholdMisses) {
  Rng rng(7);
  std::vector<std::string> pump, band;
  std::vector<double> x;
  std::vector<uint8_t> normal;
  std::set<int64_t> planted, misplaced_rows;
  const double level[2][2] = {{10, 30}, {50, 80}}, sd[2][2] = {{1, 1.5}, {2, 2}};
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < 2000; ++i) {
      const int b = (i / 5) % 2;  // load band alternates every 5 readings
      double v = level[p][b] + sd[p][b] * testing::Normal(rng);
      const bool fault = i >= 1500 && i < 1600;  // a known fault period: excluded from training
      if (fault) v += 200;
      const bool misplaced = i % 97 == 13 && !fault;
      if (misplaced) {
        v = (level[p][0] + level[p][1]) / 2;  // between the bands: inside a pump-wide band
        planted.insert(static_cast<int64_t>(x.size()));
        misplaced_rows.insert(static_cast<int64_t>(x.size()));
      }
      if (fault) planted.insert(static_cast<int64_t>(x.size()));
      pump.push_back(p == 0 ? "P1" : "P2");
      band.push_back(b == 0 ? "low" : "high");
      x.push_back(v);
      normal.push_back(!fault);
    }
  }
  TablePtr in = Table::Make(
      Schema({{"pump", TypeId::kString}, {"band", TypeId::kString}, {"x", TypeId::kFloat64}}),
      {Strings(pump), Strings(band), Floats(x)});
  DynamicThresholdOptions o{.by = {"pump"}, .value = "x", .k = 4};
  const std::vector<int64_t> global =
      testing::TrueRows(*DynamicThresholds(*in, normal, o)->column("breach"));
  o.condition = {"band"};
  const std::vector<int64_t> per =
      testing::TrueRows(*DynamicThresholds(*in, normal, o)->column("breach"));
  ASSERT_GE(misplaced_rows.size(), 30u);
  const auto pc = testing::Score(per, planted);
  EXPECT_GE(pc.recall, 1.0);
  EXPECT_GE(pc.precision, 0.98);
  EXPECT_GE(testing::Score(global, planted).precision, 0.98);   // the fault period, yes ...
  EXPECT_EQ(testing::Score(global, misplaced_rows).recall, 0);  // ... the misplaced readings, no
  // Learning from every row (faults included) widens the band and loses the misplaced readings.
  const std::vector<int64_t> untrained =
      testing::TrueRows(*DynamicThresholds(*in, {}, o)->column("breach"));
  EXPECT_LT(testing::Score(untrained, misplaced_rows).recall, 0.5);

  // Same result on 1 and 4 threads.
  ThreadPool one(1), four(4);
  TablePtr a, b;
  {
    ScopedOpsThreadPool s(&one);
    a = DynamicThresholds(*in, normal, o);
  }
  {
    ScopedOpsThreadPool s(&four);
    b = DynamicThresholds(*in, normal, o);
  }
  for (int64_t r = 0; r < a->num_rows(); ++r) {
    ASSERT_EQ(a->column("upper")->GetValue(r).float_value(),
              b->column("upper")->GetValue(r).float_value());
  }
}

}  // namespace
}  // namespace xf::model
