// A fresh directory per test, and small tables to store.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "catalog/workspace.h"
#include "core/column.h"
#include "core/table.h"

namespace xf::catalog {

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() / ("xf_ws_" + std::to_string(::getpid()) + "_" +
                                                     info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(dir_, ec);
  }
  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }
  std::string WsDir() const { return Path("ws"); }

  // Readings: (meter, kwh) with meter i and kwh = i * factor; a NULL every 7th reading.
  static TablePtr Readings(int64_t n, double factor) {
    auto meter = Column::Make(TypeId::kString);
    auto kwh = Column::Make(TypeId::kFloat64);
    for (int64_t i = 0; i < n; ++i) {
      meter->AppendString("m" + std::to_string(i));
      if (i % 7 == 3) {
        kwh->AppendNull();
      } else {
        kwh->AppendFloat64(static_cast<double>(i) * factor);
      }
    }
    return Table::Make(Schema({{"meter", TypeId::kString}, {"kwh", TypeId::kFloat64}}),
                       {meter, kwh});
  }

  static RunStart Start(const std::string& scenario = "green/power-production-status") {
    RunStart s;
    s.scenario = scenario;
    s.spec_path = "scenarios/" + scenario + "/scenario.yaml";
    s.spec_hash = "sha256:00";
    s.engine_version = "0.1.0";
    s.seed = 42;
    s.scale = 0.5;
    s.params_json = R"({"days":7})";
    return s;
  }

  std::filesystem::path dir_;
};

}  // namespace xf::catalog
