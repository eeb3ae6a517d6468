#include "model/anomaly.h"

#include <gtest/gtest.h>

#include "model/dynamic_threshold.h"
#include "model_test_data.h"

namespace xf::model {
namespace {

using testing::Floats;
using testing::Strings;

TablePtr OneColumn(const std::vector<double>& v) {
  return Table::Make(Schema({{"x", TypeId::kFloat64}}), {Floats(v)});
}

double At(const Table& t, const char* col, int64_t r) {
  return t.column(col)->GetValue(r).float_value();
}
bool Flag(const Table& t, int64_t r) { return t.column("anomaly")->GetValue(r).bool_value(); }

TEST(Anomaly, ZScoreHandComputed) {
  // mean 5, sample sd sqrt(32 / 7).
  TablePtr t = ScoreAnomalies(*OneColumn({2, 4, 4, 4, 5, 5, 7, 9}), {.value = "x"});
  const double sd = std::sqrt(32.0 / 7.0);
  EXPECT_NEAR(At(*t, "score", 7), 4 / sd, 1e-12);
  EXPECT_NEAR(At(*t, "score", 0), -3 / sd, 1e-12);
  for (int r = 0; r < 8; ++r) EXPECT_FALSE(Flag(*t, r));
}

TEST(Anomaly, MadIsRobustWhereTheZScoreIsMasked) {
  TablePtr in = OneColumn({1, 2, 3, 4, 100});
  // z: mean 22, sd sqrt(7610 / 4); the outlier inflates sd and hides itself.
  TablePtr z = ScoreAnomalies(*in, {.value = "x"});
  EXPECT_NEAR(At(*z, "score", 4), 78 / std::sqrt(7610.0 / 4), 1e-12);
  EXPECT_FALSE(Flag(*z, 4));
  // MAD: median 3, |x − 3| = 2 1 0 1 97 → MAD 1, scale 1.4826.
  TablePtr m = ScoreAnomalies(*in, {.method = AnomalyMethod::kMad, .value = "x", .k = 3.5});
  EXPECT_NEAR(At(*m, "score", 4), 97 / 1.4826, 1e-9);
  EXPECT_NEAR(At(*m, "score", 0), -2 / 1.4826, 1e-9);
  EXPECT_TRUE(Flag(*m, 4));
  EXPECT_FALSE(Flag(*m, 0));
}

TEST(Anomaly, MadFallsBackToMeanDeviationWhenMadIsZero) {
  // median 5, MAD 0, mean |x − 5| = 0.8 → scale 1.2533 × 0.8.
  TablePtr m =
      ScoreAnomalies(*OneColumn({5, 5, 5, 5, 9}), {.method = AnomalyMethod::kMad, .value = "x"});
  EXPECT_NEAR(At(*m, "score", 4), 4 / (1.2533 * 0.8), 1e-9);
  EXPECT_NEAR(At(*m, "score", 0), 0, 1e-12);
  TablePtr flat =
      ScoreAnomalies(*OneColumn({5, 5, 5}), {.method = AnomalyMethod::kMad, .value = "x"});
  EXPECT_EQ(At(*flat, "score", 1), 0);
}

TEST(Anomaly, NullsSmallGroupsAndDirection) {
  auto g = Strings({"a", "a", "a", "a", "b", "b"});
  TablePtr in = Table::Make(Schema({{"g", TypeId::kString}, {"x", TypeId::kFloat64}}),
                            {g, Floats({1, NAN, 2, 30, 1, 2})});
  TablePtr t = ScoreAnomalies(
      *in, {.by = {"g"}, .value = "x", .k = 1.0, .direction = AnomalyDirection::kLow});
  EXPECT_EQ(t->num_rows(), 6);
  EXPECT_TRUE(t->column("score")->IsNull(1));  // NULL value
  EXPECT_TRUE(t->column("score")->IsNull(4));  // group b has 2 < min_count 3 values
  EXPECT_FALSE(Flag(*t, 3));                   // high, but direction low
  EXPECT_FALSE(Flag(*t, 4));
}

// Three sensors with different levels and spreads; 10 spikes of ±8 sd planted in each.
TEST(Anomaly, PlantedSpikesPerGroup) {
  Rng rng(42);
  std::vector<std::string> sensor;
  std::vector<double> x;
  std::set<int64_t> planted;
  const double mean[] = {10, 500, -40}, sd[] = {1, 25, 4};
  for (int g = 0; g < 3; ++g) {
    for (int i = 0; i < 1000; ++i) {
      const bool spike = i % 100 == 50;
      double v = mean[g] + sd[g] * testing::Normal(rng);
      if (spike) {
        v = mean[g] + (i % 200 == 50 ? 8 : -8) * sd[g];
        planted.insert(static_cast<int64_t>(x.size()));
      }
      sensor.push_back("s" + std::to_string(g));
      x.push_back(v);
    }
  }
  TablePtr in = Table::Make(Schema({{"sensor", TypeId::kString}, {"x", TypeId::kFloat64}}),
                            {Strings(sensor), Floats(x)});
  for (AnomalyMethod m : {AnomalyMethod::kZScore, AnomalyMethod::kMad}) {
    TablePtr t = ScoreAnomalies(*in, {.method = m, .by = {"sensor"}, .value = "x", .k = 4});
    auto pr = testing::Score(testing::TrueRows(*t->column("anomaly")), planted);
    EXPECT_GE(pr.recall, 1.0) << static_cast<int>(m);
    EXPECT_GE(pr.precision, 0.9) << static_cast<int>(m);
  }
  // One distribution for all sensors: the spikes of the quiet sensors vanish in the spread.
  TablePtr global = ScoreAnomalies(*in, {.value = "x", .k = 4});
  EXPECT_LT(testing::Score(testing::TrueRows(*global->column("anomaly")), planted).recall, 0.5);
}

TEST(Anomaly, QuantileSortedIsPercentileCont) {
  EXPECT_DOUBLE_EQ(QuantileSorted({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(QuantileSorted({1, 2, 3, 4}, 0.9), 3.7);
  EXPECT_DOUBLE_EQ(QuantileSorted({7}, 0.1), 7);
}

}  // namespace
}  // namespace xf::model
