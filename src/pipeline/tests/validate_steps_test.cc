// Data standards in pipelines: scenario `standards:` applied to sources on load, the `validate`
// step, and the quality section of report.json.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "govern/quality_log.h"
#include "pipeline/quality_json.h"
#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

namespace fs = std::filesystem;

TablePtr Readings() {
  auto meter = Column::Make(TypeId::kString), kwh = Column::Make(TypeId::kFloat64);
  const char* m[] = {"A", "A", "B", "C", "B"};
  const double k[] = {5, -2, 7, 3, 9000};
  for (int i = 0; i < 5; ++i) {
    meter->AppendString(m[i]);
    kwh->AppendFloat64(k[i]);
  }
  return Table::Make(Schema({{"meter", TypeId::kString}, {"kwh", TypeId::kFloat64}}), {meter, kwh});
}

TablePtr Meters() {
  auto meter = Column::Make(TypeId::kString);
  meter->AppendString("A");
  meter->AppendString("B");
  return Table::Make(Schema({{"meter", TypeId::kString}}), {meter});
}

struct StepRun {
  std::vector<TablePtr> outputs;
  std::vector<govern::TableQuality> quality;
};

StepRun RunValidateStep(const std::string& yaml, std::vector<TablePtr> inputs,
                        std::vector<std::string> in_names) {
  govern::QualityLog log;
  RunServices services;
  services.quality = &log;
  std::vector<TablePtr> outputs = testing::RunStep(
      yaml, std::move(inputs), {.in_names = std::move(in_names), .services = &services});
  return {outputs, log.Sorted([](const std::string&) { return 0; })};
}

constexpr const char* kStep = R"Y(
id: check
kind: validate
in: [readings, meters]
out: [ok, bad]
flag_column: _warn
standard:
  columns:
    kwh: {min: 0, max: 1000}
  references:
    - {column: meter, table: meters, severity: warn}
)Y";

TEST(ValidateStepTest, SplitsRowsAndLogsQuality) {
  StepRun r = RunValidateStep(kStep, {Readings(), Meters()}, {"readings", "meters"});
  ASSERT_EQ(r.outputs.size(), 2u);
  EXPECT_EQ(r.outputs[0]->num_rows(), 3);  // rows 2 (-2) and 5 (9000) quarantined
  EXPECT_EQ(r.outputs[1]->num_rows(), 2);
  EXPECT_EQ(r.outputs[0]->num_rows() + r.outputs[1]->num_rows(), Readings()->num_rows());
  EXPECT_EQ(r.outputs[1]->column("_reasons")->GetValue(0).ToString(), "kwh=-2 below min 0");
  EXPECT_EQ(r.outputs[1]->column("_source_row")->GetValue(1).ToString(), "5");
  // Meter C is unknown: a warn rule, so flagged, not quarantined.
  EXPECT_EQ(r.outputs[0]->column("_warn")->GetValue(2).ToString(), "meter.references");
  ASSERT_EQ(r.quality.size(), 1u);
  EXPECT_EQ(r.quality[0].table, "readings");
  EXPECT_EQ(r.quality[0].rows_quarantined, 2);
  EXPECT_EQ(r.quality[0].rows_flagged, 1);
}

TEST(ValidateStepTest, FailOnThresholdStopsWithTheRuleIds) {
  const std::string yaml = R"Y(
id: gate
kind: validate
in: readings
out: [ok, bad]
fail_on_threshold: true
standard:
  rules:
    - {id: kwh_ok, kind: range, column: kwh, min: 0, threshold: 90}
)Y";
  try {
    RunValidateStep(yaml, {Readings()}, {"readings"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("fails blocking rules below their threshold: kwh_ok"),
              std::string::npos)
        << e.what();
  }
}

TEST(ValidateStepTest, MissingColumnIsASpecErrorAtTheRule) {
  const std::string yaml = R"Y(
id: check
kind: validate
in: readings
out: [ok, bad]
standard:
  rules:
    - {kind: not_null, column: kwhh}
)Y";
  try {
    RunValidateStep(yaml, {Readings()}, {"readings"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("scenario.yaml:8"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'kwh'"), std::string::npos) << what;
  }
}

class StandardsScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("xf_standards_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "data");
    Write("data/readings.csv",
          "meter,day,kwh\nA,2024-01-01,5\nA,2024-01-02,-7\nB,2024-01-01,12\n"
          "B,2024-01-02,oops\nZ,2024-01-03,3\n");
    Write("data/meters.csv", "meter,region\nA,north\nB,south\n");
    Write("meters_std.yaml", "columns:\n  region: {codes: [north, south], required: true}\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string Scenario(const std::string& standards) {
    Write("scenario.yaml", R"Y(name: tiny
guideline: {industry: 9, field: 3, title_zh: 测试}
data:
  sources:
    readings: {path: readings.csv, types: {kwh: float64}}
    meters: meters.csv
standards:
)Y" + standards + R"Y(
steps:
  - id: total
    kind: aggregate
    in: readings
    out: total
    by: [meter]
    aggregates: {kwh: "sum(kwh)"}
  - id: bad_count
    kind: aggregate
    in: readings__quarantine
    out: bad_count
    aggregates: {n: "count(*)"}
)Y");
    return (dir_ / "scenario.yaml").string();
  }
  fs::path dir_;
};

TEST_F(StandardsScenarioTest, SourcesAreValidatedOnLoad) {
  std::string path = Scenario(R"Y(  readings:
    columns:
      kwh: {min: 0}
    references:
      - {column: meter, table: meters}
  meters: {file: meters_std.yaml}
)Y");
  ScenarioSpec spec = LoadScenario(path);
  RunResult r = Execute(spec, {.data_dir = (dir_ / "data").string()}, nullptr);
  // 5 records read, 1 rejected by the reader (oops), 4 loaded: -7 and Z quarantined.
  EXPECT_EQ(r.tables.at("readings")->num_rows(), 2);
  EXPECT_EQ(r.tables.at("readings__quarantine")->num_rows(), 2);
  EXPECT_EQ(r.tables.at("bad_count")->column("n")->GetValue(0).ToString(), "2");
  EXPECT_EQ(r.tables.at("meters__quarantine")->num_rows(), 0);
  ASSERT_EQ(r.quality.size(), 2u);
  const govern::TableQuality& q = r.quality[0];
  EXPECT_EQ(q.table, "readings");
  EXPECT_EQ(q.rows_in, q.rows_passed + q.rows_quarantined);
  EXPECT_EQ(r.tables.at("readings__quarantine")->column("_source")->GetValue(0).ToString(),
            (dir_ / "data" / "readings.csv").string());

  nlohmann::json j = QualityScoresJson(r.quality);
  ASSERT_EQ(j["dimensions"].size(), 6u);
  EXPECT_EQ(j["dimensions"][0]["key"], "normativeness");
  EXPECT_EQ(j["dimensions"][3]["key"], "consistency");
  // References: 3 of 4 readings have a known meter; one rule → 75.
  EXPECT_EQ(j["dimensions"][3]["score"], 75.0);
  // Accessibility: readings 4 of 5 loaded, meters 2 of 2 → (80 + 100) / 2.
  EXPECT_EQ(j["dimensions"][5]["score"], 90.0);
  EXPECT_TRUE(j["dimensions"][4]["score"].is_null());  // no timeliness rule
  EXPECT_EQ(j["worst_rules"][0]["id"], "kwh.range");
  EXPECT_EQ(j["worst_rules"][0]["examples"][0]["reason"], "kwh=-7 below min 0");
}

TEST_F(StandardsScenarioTest, StandardForAnUnknownSourceSuggestsOne) {
  std::string path = Scenario("  reading:\n    columns:\n      kwh: {min: 0}\n");
  try {
    LoadScenario(path);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("scenario.yaml:9"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'readings'?"), std::string::npos) << what;
  }
}

TEST_F(StandardsScenarioTest, BadRuleKindIsASpecErrorWithPosition) {
  std::string path = Scenario("  readings:\n    rules:\n      - {kind: not_nul, column: kwh}\n");
  try {
    LoadScenario(path);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("scenario.yaml:10"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'not_null'?"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace xf::pipeline
