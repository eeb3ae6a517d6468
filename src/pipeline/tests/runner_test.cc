// The scenario spec loader and the DAG runner on small hand-made scenarios read from files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "pipeline/report_json.h"
#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::pipeline {
namespace {

namespace fs = std::filesystem;

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("xf_runner_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "data");
    Write("data/readings.csv", "meter,day,kwh\nA,2024-01-01,5\nA,2024-01-02,7\nB,2024-01-01,12\n"
                               "B,2024-01-02,oops\nB,2024-01-03,3,extra\n");
    Write("data/meters.csv", "meter,region\nA,north\nB,south\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string Scenario(const std::string& steps, const std::string& extra = "") {
    Write("scenario.yaml", R"Y(name: tiny
guideline: {industry: 9, field: 3, title_zh: 测试}
data:
  sources:
    readings: {path: readings.csv, types: {kwh: float64}}
    meters: meters.csv
steps:
)Y" + steps + extra);
    return (dir_ / "scenario.yaml").string();
  }
  RunResult Run(const std::string& path) {
    return Execute(LoadScenario(path), {.data_dir = (dir_ / "data").string()}, nullptr);
  }
  fs::path dir_;
};

constexpr const char* kSteps = R"Y(  - id: status
    kind: derive
    in: joined
    out: status
    columns: {producing: "kwh >= 6"}
  - id: join
    kind: join
    in: [readings, meters]
    out: joined
    on: [meter]
  - id: per_region
    kind: aggregate
    in: status
    out: per_region
    by: [region]
    aggregates: {days: "count(*)", kwh: "sum(kwh)"}
)Y";

TEST_F(RunnerTest, RunsStepsInDependencyOrderAndCountsRejects) {
  RunResult r = Run(Scenario(kSteps, "outputs: [per_region]\n"));
  ASSERT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.steps[0].id, "join");  // declared second, but the others need its output
  const Table& agg = *r.tables.at("per_region");
  EXPECT_EQ(agg.num_rows(), 2);
  EXPECT_EQ(agg.column("kwh")->GetValue(0).AsDouble(), 12);  // A: 5 + 7
  // "oops" does not fit float64 and "3,extra" has a field too many: both rejected, none lost.
  ASSERT_EQ(r.inputs[0].name, "readings");
  EXPECT_EQ(r.inputs[0].rows_read, 5);
  EXPECT_EQ(r.inputs[0].rows_loaded, 3);
  EXPECT_EQ(r.inputs[0].rows_rejected, 2);
  EXPECT_EQ(r.steps[0].rows_in, 5);  // 3 readings + 2 meters
}

TEST_F(RunnerTest, ReportCarriesStepsInputsAndPanels) {
  std::string path = Scenario(kSteps, R"Y(outputs: [per_region]
report:
  headline_en: "{regions} regions"
  metrics:
    - {id: regions, table: per_region, value: "count(*)", digits: 0}
  panels:
    - {id: p, type: bar, table: per_region, x: region, y: [kwh]}
)Y");
  ScenarioSpec spec = LoadScenario(path);
  RunResult r = Execute(spec, {.data_dir = (dir_ / "data").string()}, nullptr);
  nlohmann::json j = BuildReport(spec, r, {.id = "x"}, {});
  EXPECT_EQ(j["summary"]["headline_en"], "2 regions");
  EXPECT_EQ(j["steps"].size(), 3u);
  EXPECT_EQ(j["inputs"][0]["rows_rejected"], 2);
  EXPECT_EQ(j["panels"][0]["categories"], nlohmann::json::array({"north", "south"}));
  EXPECT_EQ(j["panels"][0]["series"][0]["values"], nlohmann::json::array({12.0, 12.0}));
}

TEST_F(RunnerTest, StepErrorsNameFileLineAndStep) {
  std::string path = Scenario(R"Y(  - id: bad
    kind: filter
    in: readings
    out: x
    where: "kwhh > 1"
)Y");
  try {
    Run(path);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("step 'bad'"), std::string::npos) << what;
    EXPECT_NE(what.find("kwhh"), std::string::npos) << what;
  }
}

TEST_F(RunnerTest, SpecErrorsAreFoundBeforeAnyData) {
  auto error_of = [&](const std::string& steps) -> std::string {
    try {
      LoadScenario(Scenario(steps));
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(error_of("  - {id: a, kind: fliter, in: readings, out: x, where: 'true'}\n")
                .find("did you mean 'filter'"),
            std::string::npos);
  std::string e = error_of("  - id: a\n    kind: filter\n    in: readings\n    out: x\n    were: 'true'\n");
  EXPECT_NE(e.find("scenario.yaml:12"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'where'"), std::string::npos) << e;
  e = error_of("  - {id: a, kind: filter, in: x, out: y, where: 'true'}\n"
               "  - {id: b, kind: filter, in: y, out: x, where: 'true'}\n");
  EXPECT_NE(e.find("cycle"), std::string::npos) << e;
  e = error_of("  - {id: a, kind: filter, in: reading, out: y, where: 'true'}\n");
  EXPECT_NE(e.find("did you mean 'readings'"), std::string::npos) << e;
  e = error_of("  - {id: a, kind: join, in: readings, out: y, on: [meter]}\n");
  EXPECT_NE(e.find("takes 2 table(s), got 1"), std::string::npos) << e;
  e = error_of("  - {id: a, kind: filter, in: readings, out: meters, where: 'true'}\n");
  EXPECT_NE(e.find("already a data source"), std::string::npos) << e;
}

TEST_F(RunnerTest, CancelStopsBeforeTheNextStep) {
  std::atomic<bool> cancel{true};
  ScenarioSpec spec = LoadScenario(Scenario(kSteps));
  EXPECT_THROW(Execute(spec, {.data_dir = (dir_ / "data").string(), .cancel = &cancel}, nullptr),
               Cancelled);
}

TEST_F(RunnerTest, MissingSourceFileIsAUsageErrorNamingIt) {
  fs::remove(dir_ / "data" / "meters.csv");
  try {
    Run(Scenario(kSteps));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("meters.csv"), std::string::npos) << e.what();
  }
}

TEST_F(RunnerTest, ParallelAndSerialRunsAgree) {
  std::string path = Scenario(kSteps);
  ScenarioSpec spec = LoadScenario(path);
  RunResult a = Execute(spec, {.data_dir = (dir_ / "data").string(), .max_parallel_steps = 1}, nullptr);
  RunResult b = Execute(spec, {.data_dir = (dir_ / "data").string(), .max_parallel_steps = 4}, nullptr);
  for (const auto& [name, t] : a.tables) {
    EXPECT_EQ(t->ToString(100), b.tables.at(name)->ToString(100)) << name;
  }
}

}  // namespace
}  // namespace xf::pipeline

namespace xf::pipeline {
namespace {

TEST_F(RunnerTest, PivotedAxesAreInValueOrder) {
  std::string path = Scenario(std::string(kSteps) + R"Y(  - id: hours
    kind: derive
    in: status
    out: hours
    columns: {hour: "CASE WHEN meter = 'A' THEN 10 ELSE 9 END"}
)Y", R"Y(report:
  panels:
    - {id: p, type: line, table: hours, x: hour, y: [kwh], series: meter}
    - {id: h, type: heatmap, table: hours, x: hour, y: meter, value: kwh}
)Y");
  ScenarioSpec spec = LoadScenario(path);
  RunResult r = Execute(spec, {.data_dir = (dir_ / "data").string()}, nullptr);
  nlohmann::json j = BuildReport(spec, r, {.id = "x"}, {});
  EXPECT_EQ(j["panels"][0]["x"], nlohmann::json::array({9, 10}));  // not "10" < "9" as text
  EXPECT_EQ(j["panels"][1]["x"], nlohmann::json::array({9, 10}));
}

// An observer that fails (a full disk while storing a dataset) fails the run; it must not
// escape a scheduler thread and terminate the process.
class FailingObserver : public RunObserver {
 public:
  void OnStepDone(const StepStats&, const std::vector<TablePtr>&, int, int) override {
    throw Error(ErrorKind::kIo, "disk full");
  }
};

TEST_F(RunnerTest, ObserverErrorsFailTheRun) {
  ScenarioSpec spec = LoadScenario(Scenario(kSteps));
  FailingObserver observer;
  for (int parallel : {1, 4}) {
    try {
      Execute(spec, {.data_dir = (dir_ / "data").string(), .max_parallel_steps = parallel}, &observer);
      FAIL();
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("disk full"), std::string::npos);
    }
  }
}

TEST_F(RunnerTest, StepsAreReportedInSpecOrder) {
  RunResult r = Run(Scenario(kSteps));
  ASSERT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.steps[0].id, "join");
  EXPECT_EQ(r.steps[1].id, "status");
  EXPECT_EQ(r.steps[2].id, "per_region");
}

}  // namespace
}  // namespace xf::pipeline
