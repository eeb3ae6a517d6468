// Every rule kind on hand-computed tables: evaluated and conforming counts, which rows fail, and
// the readable reason.
#include <gtest/gtest.h>

#include "govern/domain_types.h"
#include "govern/tests/test_tables.h"
#include "govern/validate.h"

namespace xf::govern {
namespace {

using testing::Doubles;
using testing::Ints;
using testing::Minutes;
using testing::ParseStd;
using testing::Strings;

const RuleResult& Rule(const Validation& v, const std::string& id) {
  for (const RuleResult& r : v.quality.rules) {
    if (r.id == id) return r;
  }
  ADD_FAILURE() << "no rule " << id;
  static RuleResult none;
  return none;
}

TablePtr Meter() {
  // row: 0      1      2     3      4
  return Table::Make(Schema({{"station", TypeId::kString}, {"kwh", TypeId::kFloat64},
                             {"code", TypeId::kString}}),
                     {Strings({"ST001", "ST002", "ST02", nullptr, "ST003"}),
                      Doubles({12.5, -3, 0, 7000, 0}, {2}),
                      Strings({"A", "B", "Z9", "A", nullptr})});
}

TEST(RulesTest, NotNullRangeRegexInSet) {
  TableStandard s = ParseStd(R"(
columns:
  station: {required: true, pattern: "ST\\d{3}"}
  kwh: {min: 0, max: 5000}
  code: {codes: {A: 一类, B: 二类}}
)");
  Validation v = Validate(s, Meter());
  const RuleResult& nn = Rule(v, "station.not_null");
  EXPECT_EQ(nn.evaluated, 5);
  EXPECT_EQ(nn.conforming, 4);
  EXPECT_EQ(nn.failed_rows, (std::vector<int64_t>{3}));
  EXPECT_EQ(nn.dimension, Dimension::kCompleteness);

  const RuleResult& re = Rule(v, "station.regex");  // NULL is not evaluated
  EXPECT_EQ(re.evaluated, 4);
  EXPECT_EQ(re.failed_rows, (std::vector<int64_t>{2}));
  EXPECT_EQ(re.examples[0].reason, "station='ST02' does not match ST\\d{3}");

  const RuleResult& range = Rule(v, "kwh.range");
  EXPECT_EQ(range.evaluated, 4);
  EXPECT_EQ(range.failed_rows, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(range.examples[0].reason, "kwh=-3 below min 0");
  EXPECT_EQ(range.examples[1].reason, "kwh=7000 above max 5000");
  EXPECT_DOUBLE_EQ(*range.metric(), 0.5);

  const RuleResult& codes = Rule(v, "code.in_set");
  EXPECT_EQ(codes.evaluated, 4);
  EXPECT_EQ(codes.failed_rows, (std::vector<int64_t>{2}));
  EXPECT_EQ(codes.dimension, Dimension::kNormativeness);
  EXPECT_EQ(codes.examples[0].reason, "code='Z9' not in the code list (2 codes)");

  // Rows 1, 2 and 3 fail a blocking rule; row 2 fails two.
  EXPECT_EQ(v.quarantine->num_rows(), 3);
  EXPECT_EQ(v.passed->num_rows(), 2);
  EXPECT_EQ(v.quality.rows_in, v.quality.rows_passed + v.quality.rows_quarantined);
  EXPECT_EQ(v.quarantine->column("_rules")->GetValue(1).ToString(), "station.regex;code.in_set");
  EXPECT_EQ(v.quarantine->column("_source_row")->GetValue(0).ToString(), "2");
}

TEST(RulesTest, RangeExclusiveBoundsAndIntegers) {
  TablePtr t = Table::Make(Schema({{"n", TypeId::kInt64}}), {Ints({0, 1, 10, 11})});
  TableStandard s = ParseStd(R"(
rules:
  - {kind: range, column: n, min: 0, max: 10, min_inclusive: false}
)");
  Validation v = Validate(s, t);
  EXPECT_EQ(Rule(v, "n.range").failed_rows, (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(Rule(v, "n.range").examples[0].reason, "n=0 below exclusive min 0");
}

TEST(RulesTest, RangeBoundsInAnotherUnit) {
  TablePtr t = Table::Make(Schema({{"kwh", TypeId::kFloat64}}), {Doubles({500, 1500, 2500})});
  TableStandard s = ParseStd(R"(
columns:
  kwh: {type: float64, unit: kWh}
rules:
  - {kind: range, column: kwh, max: 2, unit: MWh}
)");
  Validation v = Validate(s, t);
  EXPECT_EQ(Rule(v, "kwh.range").failed_rows, (std::vector<int64_t>{2}));
  EXPECT_EQ(Rule(v, "kwh.range").examples[0].reason, "kwh=2500 above max 2000");
}

TEST(RulesTest, UniqueAndPrimaryKey) {
  TablePtr t = Table::Make(Schema({{"id", TypeId::kString}, {"day", TypeId::kInt64}}),
                           {Strings({"a", "b", "a", nullptr, "a", nullptr}),
                            Ints({1, 1, 1, 2, 2, 2})});
  TableStandard s = ParseStd(R"(
columns:
  id: {unique: true, severity: warn}
primary_key: [id, day]
)");
  Validation v = Validate(s, t);
  const RuleResult& u = Rule(v, "id.unique");
  EXPECT_EQ(u.evaluated, 4);  // NULLs are not compared
  EXPECT_EQ(u.failed_rows, (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(u.examples[0].reason, "duplicate key (id='a') of row 1");
  const RuleResult& pk = Rule(v, "primary_key");
  EXPECT_EQ(pk.evaluated, 6);
  EXPECT_EQ(pk.failed_rows, (std::vector<int64_t>{2, 3, 5}));
  EXPECT_EQ(pk.examples[1].reason, "primary key has NULL (id=NULL, day=2)");
  EXPECT_EQ(pk.dimension, Dimension::kAccuracy);
  // Warn failures flag but keep the row: row 4 passes (only the unique rule fails there).
  EXPECT_EQ(v.quality.rows_quarantined, 3);
  EXPECT_EQ(v.quality.rows_flagged, 1);
}

TEST(RulesTest, ReferencesAnotherTable) {
  TablePtr stations = Table::Make(Schema({{"sid", TypeId::kString}}), {Strings({"S1", "S2"})});
  TablePtr readings =
      Table::Make(Schema({{"station", TypeId::kString}}), {Strings({"S1", "S3", nullptr, "S2"})});
  TableStandard s = ParseStd(R"(
references:
  - {column: station, table: stations, key: sid}
)");
  TableLookup tables = {{"stations", stations}};
  Validation v = Validate(s, readings, {.tables = &tables});
  const RuleResult& r = Rule(v, "station.references");
  EXPECT_EQ(r.evaluated, 3);
  EXPECT_EQ(r.failed_rows, (std::vector<int64_t>{1}));
  EXPECT_EQ(r.examples[0].reason, "(station='S3') not found in stations");
  EXPECT_EQ(r.dimension, Dimension::kConsistency);
}

TEST(RulesTest, ExpressionAndCustom) {
  TablePtr t = Table::Make(Schema({{"a", TypeId::kFloat64}, {"b", TypeId::kFloat64}}),
                           {Doubles({1, 5, 3, 2}, {3}), Doubles({2, 4, 3, 1})});
  TableStandard s = ParseStd(R"(
rules:
  - {id: a_le_b, kind: expression, expr: "a <= b"}
  - {id: pos, kind: custom, expr: "a + b > 4", severity: warn, dimension: 准确性, indicator: sanity}
)");
  Validation v = Validate(s, t);
  const RuleResult& e = Rule(v, "a_le_b");
  EXPECT_EQ(e.evaluated, 3);  // NULL a: not evaluated
  EXPECT_EQ(e.failed_rows, (std::vector<int64_t>{1}));
  EXPECT_EQ(e.examples[0].reason, "not (a <= b) with a=5, b=4");
  const RuleResult& c = Rule(v, "pos");
  EXPECT_EQ(c.failed_rows, (std::vector<int64_t>{0}));
  EXPECT_EQ(c.dimension, Dimension::kAccuracy);
  EXPECT_EQ(c.indicator, "sanity");
}

TEST(RulesTest, RowCountAgainstLimitsAndBaseline) {
  TablePtr t = Table::Make(Schema({{"x", TypeId::kInt64}}), {Ints({1, 2, 3})});
  TableStandard s = ParseStd(R"(
rules:
  - {id: enough, kind: row_count, min: 5}
  - {id: stable, kind: volume, baseline: 4, max_change_pct: 30}
  - {id: drift, kind: row_count, baseline: 10, max_change_pct: 50}
)");
  Validation v = Validate(s, t);
  EXPECT_FALSE(Rule(v, "enough").passed);
  EXPECT_EQ(Rule(v, "enough").table_reason, "3 rows, fewer than min 5");
  EXPECT_TRUE(Rule(v, "stable").passed);  // 25% change
  EXPECT_FALSE(Rule(v, "drift").passed);  // 70% change
  EXPECT_EQ(Rule(v, "drift").table_reason, "3 rows, 70% from baseline 10 (max 50%)");
  // Table-level rules never quarantine rows, but fail the table.
  EXPECT_EQ(v.quality.rows_quarantined, 0);
  EXPECT_TRUE(v.quality.blocking_failed());
}

TEST(RulesTest, FreshnessAgainstDataMaxAndSpecReference) {
  TablePtr t = Table::Make(Schema({{"ts", TypeId::kTimestamp}}), {Minutes({0, 50, 100, 120})});
  TableStandard s = ParseStd(R"(
rules:
  - {id: recent, kind: freshness, column: ts, max_age: 1h}
  - {id: feed, kind: freshness, column: ts, max_age: 30m, scope: table,
     reference: "2024-07-01 03:00"}
)");
  Validation v = Validate(s, t);
  const RuleResult& r = Rule(v, "recent");  // reference = newest value, 02:00
  EXPECT_EQ(r.failed_rows, (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(r.examples[0].reason, "ts=2024-07-01 00:00:00 is more than 1h before 2024-07-01 02:00:00");
  EXPECT_EQ(r.dimension, Dimension::kTimeliness);
  const RuleResult& f = Rule(v, "feed");  // newest 02:00 is 1h before 03:00
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.evaluated, 1);
  EXPECT_EQ(f.conforming, 0);
}

TEST(RulesTest, MonotonicPerKey) {
  TablePtr t = Table::Make(Schema({{"k", TypeId::kString}, {"ts", TypeId::kTimestamp}}),
                           {Strings({"a", "b", "a", "a", "b", "a"}), Minutes({0, 5, 10, 5, 5, 20})});
  TableStandard s = ParseStd(R"(
rules:
  - {kind: monotonic, time: ts, by: k}
)");
  Validation v = Validate(s, t);
  const RuleResult& r = Rule(v, "ts.monotonic");
  EXPECT_EQ(r.evaluated, 6);
  EXPECT_EQ(r.failed_rows, (std::vector<int64_t>{3, 4}));  // a goes back; b repeats
  EXPECT_EQ(r.examples[0].reason,
            "ts=2024-07-01 00:05:00 goes back from 2024-07-01 00:10:00 of row 3 for k='a'");
  EXPECT_EQ(r.examples[1].reason,
            "ts=2024-07-01 00:05:00 repeats 2024-07-01 00:05:00 of row 2 for k='b'");
}

TEST(RulesTest, RegularityFindsGapsDuplicatesAndEarlySamples) {
  // Key a: 0, 15, 15 (duplicate), 60 (gap of 45m), 70 (early). Key b: 0, 15, 30 (regular).
  TablePtr t = Table::Make(
      Schema({{"k", TypeId::kString}, {"ts", TypeId::kTimestamp}}),
      {Strings({"a", "b", "a", "b", "a", "b", "a", "a"}), Minutes({0, 0, 15, 15, 15, 30, 60, 70})});
  TableStandard s = ParseStd(R"(
rules:
  - {kind: regularity, time: ts, by: k, interval: 15m, tolerance: 1m, threshold: 80}
)");
  Validation v = Validate(s, t);
  const RuleResult& r = Rule(v, "ts.regularity");
  EXPECT_EQ(r.evaluated, 8);
  EXPECT_EQ(r.failed_rows, (std::vector<int64_t>{4, 6, 7}));
  EXPECT_EQ(r.examples[0].reason, "duplicate ts=2024-07-01 00:15:00 (row 3) for k='a'");
  EXPECT_EQ(r.examples[1].reason,
            "gap: 2024-07-01 01:00:00 after 45m (row 5), expected every 15m for k='a'");
  EXPECT_EQ(r.examples[2].reason,
            "early: 2024-07-01 01:10:00 after 10m (row 7), expected every 15m for k='a'");
  EXPECT_FALSE(r.passed);  // 5/8 = 62.5% < 80%
}

TEST(RulesTest, DomainTypeFromColumnType) {
  ASSERT_NE(FindDomainType("resident_id"), nullptr);
  TablePtr t = Table::Make(
      Schema({{"pid", TypeId::kString}, {"org", TypeId::kString}}),
      {Strings({"11010519491231002X", "110105194912310021", nullptr}),
       Strings({"91350100M000100Y43", "91350100M000100Y44", "91350100M000100Y43"})});
  TableStandard s = ParseStd(R"(
columns:
  pid: {type: resident_id}
  org: {type: uscc, severity: warn}
)");
  Validation v = Validate(s, t);
  const RuleResult& p = Rule(v, "pid.domain");
  EXPECT_EQ(p.evaluated, 2);
  EXPECT_EQ(p.failed_rows, (std::vector<int64_t>{1}));
  EXPECT_NE(p.examples[0].reason.find("is not a valid resident_id"), std::string::npos);
  EXPECT_EQ(Rule(v, "org.domain").failed_rows, (std::vector<int64_t>{1}));
  EXPECT_EQ(v.quality.rows_quarantined, 1);
}

TEST(RulesTest, ThresholdDecidesWhetherTheRulePasses) {
  TablePtr t = Table::Make(Schema({{"x", TypeId::kFloat64}}), {Doubles({1, 2, 3, 4, -1})});
  TableStandard s = ParseStd(R"(
rules:
  - {id: loose, kind: range, column: x, min: 0, threshold: 80}
  - {id: tight, kind: range, column: x, min: 0, threshold: 81}
  - {id: none, kind: range, column: x, min: 0}
)");
  Validation v = Validate(s, t);
  EXPECT_TRUE(Rule(v, "loose").passed);
  EXPECT_FALSE(Rule(v, "tight").passed);
  EXPECT_TRUE(Rule(v, "none").passed);  // no threshold: failing rows are quarantined, that's all
}

TEST(RulesTest, WarnFlagColumnAndQuarantineSchema) {
  TablePtr t = Table::Make(Schema({{"x", TypeId::kFloat64}}), {Doubles({1, 200, -5})});
  TableStandard s = ParseStd(R"(
rules:
  - {id: pos, kind: range, column: x, min: 0}
  - {id: small, kind: range, column: x, max: 100, severity: warn}
)");
  Validation v = Validate(s, t, {.table = "m", .source = "m.csv", .flag_column = "_warn"});
  ASSERT_EQ(v.passed->num_rows(), 2);
  EXPECT_TRUE(v.passed->column("_warn")->IsNull(0));
  EXPECT_EQ(v.passed->column("_warn")->GetValue(1).ToString(), "small");
  EXPECT_EQ(v.quarantine->schema().ToString(),
            "x:float64, _rules:string, _reasons:string, _source:string, _source_row:int64");
  EXPECT_EQ(v.quarantine->column("_reasons")->GetValue(0).ToString(), "x=-5 below min 0");
  EXPECT_EQ(v.quarantine->column("_source")->GetValue(0).ToString(), "m.csv");
  EXPECT_EQ(v.quarantine->column("_source_row")->GetValue(0).ToString(), "3");
}

}  // namespace
}  // namespace xf::govern
