// Sources marked `bundled: true` ship in the scenario's folder (factors, code tables): synthetic
// runs read them from there, --data runs prefer the user's copy in DIR and fall back to the
// scenario's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::pipeline {
namespace {

namespace fs = std::filesystem;

class BundledSource : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("xf_bundled_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "scenario" / "factors");
    fs::create_directories(dir_ / "data" / "factors");
    Write("scenario/factors/ef.csv", "fuel,ef\ncoal,94.6\ngas,56.1\n");
    Write("scenario/scenario.yaml", R"Y(name: tiny
guideline: {industry: 9, field: 13, title_zh: 测试}
data:
  synthetic:
    meters:
      rows: 2
      columns: {meter: {seq: "M{:d}"}, fuel: {choice: [coal]}}
  sources:
    meters: meters.csv
    ef: {path: factors/ef.csv, bundled: true, types: {ef: float64}}
steps:
  - id: j
    kind: join
    in: [meters, ef]
    out: joined
    on: [fuel]
)Y");
    Write("data/meters.csv", "meter,fuel\nA,gas\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  RunResult Run(bool files) {
    RunOptions o;
    if (files) o.data_dir = (dir_ / "data").string();
    return Execute(LoadScenario((dir_ / "scenario").string()), o, nullptr);
  }
  fs::path dir_;
};

TEST_F(BundledSource, SyntheticRunReadsTheScenarioCopy) {
  RunResult r = Run(false);
  ASSERT_EQ(r.tables.at("ef")->num_rows(), 2);
  const Table& j = *r.tables.at("joined");
  ASSERT_EQ(j.num_rows(), 2);
  EXPECT_EQ(j.column("ef")->GetValue(0).AsDouble(), 94.6);
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[1].source, (dir_ / "scenario" / "factors" / "ef.csv").string());
}

TEST_F(BundledSource, DataRunPrefersTheUsersCopyThenFallsBack) {
  RunResult fallback = Run(true);
  EXPECT_EQ(fallback.tables.at("joined")->column("ef")->GetValue(0).AsDouble(), 56.1);
  Write("data/factors/ef.csv", "fuel,ef\ngas,50\n");
  RunResult own = Run(true);
  EXPECT_EQ(own.tables.at("ef")->num_rows(), 1);
  EXPECT_EQ(own.tables.at("joined")->column("ef")->GetValue(0).AsDouble(), 50);
}

TEST_F(BundledSource, MissingBundledFileIsNamed) {
  fs::remove(dir_ / "scenario" / "factors" / "ef.csv");
  try {
    Run(false);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("source 'ef'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("ef.csv"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace xf::pipeline
