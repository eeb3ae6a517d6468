// The report's alert timeline panel, end to end: alert events from a scenario drawn as lanes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "pipeline/report_json.h"
#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::pipeline {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScenario = R"Y(name: timeline
guideline: {industry: 7, field: 1, title_zh: 测试}
data:
  sources:
    readings: {path: readings.csv, types: {ts: timestamp, bar: float64}}
steps:
  - id: pressure
    kind: alert
    in: readings
    out: events
    entity: [pump]
    time: ts
    rules:
      - id: high
        level: yellow
        when: "bar > 8"
        reset: "bar < 5"
        escalate: {repeats: 1}
alerts: [events]
report:
  panels:
    - id: lanes
      type: timeline
      table: events
      where: "state <> 'cleared'"
      entity: entity
      start: time
      end: level_end
      level: level
      label: rule
)Y";

TEST(ReportTimeline, LanesAndBarsFromAlertEvents) {
  const fs::path dir = fs::temp_directory_path() / ("xf_timeline_" + std::to_string(getpid()));
  fs::create_directories(dir / "data");
  std::ofstream(dir / "data" / "readings.csv")
      << "pump,ts,bar\nP2,2024-06-03 08:00:00,9\nP2,2024-06-03 08:05:00,9\n"
         "P2,2024-06-03 08:10:00,4\nP1,2024-06-03 08:00:00,9\nP1,2024-06-03 08:05:00,7\n";
  std::ofstream(dir / "scenario.yaml") << kScenario;
  ScenarioSpec spec = LoadScenario((dir / "scenario.yaml").string());
  ValidateReportSpec(spec);
  RunResult r = Execute(spec, {.data_dir = (dir / "data").string()}, nullptr);
  nlohmann::json j = BuildReport(spec, r, {.id = "x"}, {});
  fs::remove_all(dir);
  const nlohmann::json& p = j["panels"][0];
  EXPECT_EQ(p["type"], "timeline");
  EXPECT_EQ(p["lanes"], nlohmann::json::array({"P1", "P2"}));
  // P1: raised yellow at 08:00, still open. P2: yellow 08:00–08:05, then orange 08:05–08:10.
  ASSERT_EQ(p["items"].size(), 3u);
  EXPECT_EQ(p["items"][0][0], 0);
  EXPECT_TRUE(p["items"][0][2].is_null());
  EXPECT_EQ(p["items"][0][3], "yellow");
  EXPECT_EQ(p["items"][1][0], 1);
  EXPECT_EQ(p["items"][1][3], "yellow");
  EXPECT_EQ(p["items"][2][3], "orange");
  EXPECT_EQ(p["items"][2][4], "high");
  EXPECT_EQ(p["items"][1][2], p["items"][2][1]);  // the yellow bar ends where orange begins
  EXPECT_EQ(j["alerts"]["total"], 4);             // raised + raised + escalated + cleared
}

TEST(ReportTimeline, UnknownColumnIsASpecError) {
  const fs::path dir = fs::temp_directory_path() / ("xf_timeline_bad_" + std::to_string(getpid()));
  fs::create_directories(dir / "data");
  std::ofstream(dir / "data" / "readings.csv") << "pump,ts,bar\nP1,2024-06-03 08:00:00,9\n";
  std::string text = kScenario;
  text.replace(text.find("entity: entity"), 14, "entity: pumpp");
  std::ofstream(dir / "scenario.yaml") << text;
  ScenarioSpec spec = LoadScenario((dir / "scenario.yaml").string());
  RunResult r = Execute(spec, {.data_dir = (dir / "data").string()}, nullptr);
  EXPECT_THROW(BuildReport(spec, r, {.id = "x"}, {}), Error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xf::pipeline
