// Roll-ups (dimension, column, table, worst rules) on hand-made results, and validation of a
// table spanning many morsels giving identical results with 1 and 4 threads.
#include <gtest/gtest.h>

#include <random>

#include "core/content_hash.h"
#include "govern/quality_score.h"
#include "govern/tests/test_tables.h"
#include "govern/validate.h"
#include "ops/parallel.h"

namespace xf::govern {
namespace {

RuleResult R(const std::string& table, const std::string& id, Dimension d, int64_t eval,
             int64_t ok, const std::string& column = "") {
  RuleResult r;
  r.table = table;
  r.id = id;
  r.dimension = d;
  r.evaluated = eval;
  r.conforming = ok;
  if (!column.empty()) r.columns = {column};
  return r;
}

TEST(QualityScoreTest, DimensionScoresAreMeansOfRuleMetrics) {
  std::vector<RuleResult> rs = {R("a", "x", Dimension::kAccuracy, 4, 3, "kwh"),
                                R("a", "y", Dimension::kAccuracy, 1000, 1000, "kwh"),
                                R("b", "z", Dimension::kCompleteness, 10, 5, "id"),
                                R("b", "empty", Dimension::kTimeliness, 0, 0, "ts")};
  std::vector<const RuleResult*> p;
  for (const RuleResult& r : rs) p.push_back(&r);
  auto d = ScoreByDimension(p);
  ASSERT_EQ(d.size(), 6u);
  EXPECT_DOUBLE_EQ(*d[Dimension::kAccuracy].score, 87.5);  // (75 + 100) / 2, not 1003/1004
  EXPECT_EQ(d[Dimension::kAccuracy].rules, 2);
  EXPECT_DOUBLE_EQ(*d[Dimension::kCompleteness].score, 50);
  EXPECT_FALSE(d[Dimension::kTimeliness].score.has_value());  // evaluated nothing
  EXPECT_FALSE(d[Dimension::kAccessibility].score.has_value());
  auto t = ScoreByTable(p);
  EXPECT_DOUBLE_EQ(*t["a"].score, 87.5);
  EXPECT_DOUBLE_EQ(*t["b"].score, 50);
  auto c = ScoreByColumn(p);
  EXPECT_DOUBLE_EQ(*c["id"].score, 50);
  EXPECT_DOUBLE_EQ(*ScoreRules(p).score, 75);  // (75 + 100 + 50) / 3
  auto worst = WorstRules(p, 5);
  ASSERT_EQ(worst.size(), 2u);  // only rules with failures
  EXPECT_EQ(worst[0]->id, "z");
  EXPECT_EQ(worst[1]->id, "x");
}

TablePtr Big() {
  const int64_t n = 300000;  // several morsels
  std::mt19937_64 rng(3);
  auto key = Column::Make(TypeId::kString), ts = Column::Make(TypeId::kTimestamp),
       v = Column::Make(TypeId::kFloat64);
  for (int64_t i = 0; i < n; ++i) {
    key->AppendString("K" + std::to_string(i % 97));
    ts->AppendTimestamp((i / 97) * 60000000LL - static_cast<int64_t>(rng() % 1000 == 0) * 120000000LL);
    if (rng() % 500 == 0) {
      v->AppendNull();
    } else {
      v->AppendFloat64(static_cast<double>(rng() % 10000) / 10.0 - 5);
    }
  }
  return Table::Make(Schema({{"k", TypeId::kString}, {"ts", TypeId::kTimestamp},
                             {"v", TypeId::kFloat64}}),
                     {key, ts, v});
}

TEST(QualityScoreTest, ResultsDoNotDependOnThreadCount) {
  TableStandard s = testing::ParseStd(R"(
columns:
  v: {required: true, min: 0, max: 990}
primary_key: [k, ts]
rules:
  - {kind: monotonic, time: ts, by: k}
  - {kind: regularity, time: ts, by: k, interval: 1m, severity: warn}
  - {kind: expression, expr: "v < 900 OR k <> 'K5'"}
)");
  TablePtr t = Big();
  auto run = [&](int threads) {
    ThreadPool pool(threads);
    ScopedOpsThreadPool scope(&pool);
    return Validate(s, t, {.flag_column = "_warn"});
  };
  Validation one = run(1), four = run(4);
  EXPECT_EQ(TableContentHash(*one.quarantine), TableContentHash(*four.quarantine));
  EXPECT_EQ(TableContentHash(*one.passed), TableContentHash(*four.passed));
  ASSERT_EQ(one.quality.rules.size(), four.quality.rules.size());
  for (size_t i = 0; i < one.quality.rules.size(); ++i) {
    EXPECT_EQ(one.quality.rules[i].failed_rows, four.quality.rules[i].failed_rows);
  }
  EXPECT_GT(one.quality.rows_quarantined, 1000);
  EXPECT_EQ(one.quality.rows_in, one.quality.rows_passed + one.quality.rows_quarantined);
  // Every quarantined row names at least one rule, and the reasons match the rule count.
  const Column& rules = *one.quarantine->column("_rules");
  for (int64_t i = 0; i < rules.size(); ++i) ASSERT_FALSE(rules.GetString(i).empty());
}

}  // namespace
}  // namespace xf::govern
