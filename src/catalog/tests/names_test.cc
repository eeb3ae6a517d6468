#include "catalog/names.h"

#include <gtest/gtest.h>

#include <regex>

#include "core/error.h"

namespace xf::catalog {
namespace {

constexpr int64_t kNov24 = 1795515300123456;  // 2026-11-24T10:15:00.123456Z

TEST(Names, IsoUtc) {
  EXPECT_EQ(IsoUtc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(IsoUtc(kNov24), "2026-11-24T10:15:00.123Z");
  EXPECT_LT(IsoUtc(kNov24), IsoUtc(kNov24 + 1000)) << "text order is time order";
}

TEST(Names, ScenarioSlug) {
  EXPECT_EQ(ScenarioSlug("green/power-production-status"), "power-production-status");
  EXPECT_EQ(ScenarioSlug("scenarios/green/Power_Production status/"), "power-production-status");
  EXPECT_EQ(ScenarioSlug("电力生产"), "run");
  EXPECT_EQ(ScenarioSlug(""), "run");
  EXPECT_EQ(ScenarioSlug(std::string(100, 'a')).size(), 48u);
}

TEST(Names, RunIdSortsByTimeAndCarriesTheSlug) {
  EXPECT_EQ(MakeRunId(kNov24, "green/power-production-status", 0x13f2a),
            "20261124T101500Z-power-production-status-3f2a");
  EXPECT_NE(MakeRunId(kNov24, "x", 1), MakeRunId(kNov24, "x", 2));
  EXPECT_LT(MakeRunId(kNov24, "zzz", 0xffff), MakeRunId(kNov24 + 1000000, "aaa", 0));
}

TEST(Names, DatasetRefs) {
  DatasetRef r = ParseDatasetRef("kwh_daily");
  EXPECT_EQ(r.name, "kwh_daily");
  EXPECT_EQ(r.version, 0);
  r = ParseDatasetRef("kwh_daily@v3");
  EXPECT_EQ(r.name, "kwh_daily");
  EXPECT_EQ(r.version, 3);
  EXPECT_EQ(ParseDatasetRef("用电量@12").version, 12);
  EXPECT_EQ(FormatDatasetRef({"a", 2}), "a@v2");
  EXPECT_EQ(FormatDatasetRef({"a", 0}), "a");
  for (const char* bad : {"x@", "x@v", "x@v0", "x@v-1", "x@vx", "x@v1.5", "@v1", "a/b@v1"}) {
    EXPECT_THROW(ParseDatasetRef(bad), Error) << bad;
  }
}

TEST(Names, DatasetNamesThatCannotNameAFolderAreRefused) {
  for (const char* bad : {"", ".", "..", ".hidden", "a/b", "a\\b", "a@b", "tab\there"}) {
    try {
      CheckDatasetName(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUsage);
      EXPECT_NE(std::string(e.what()).find("invalid dataset name"), std::string::npos);
    }
  }
  EXPECT_THROW(CheckDatasetName(std::string(129, 'a')), Error);
  EXPECT_THROW(CheckDatasetName("\xff\xfe"), Error);
  EXPECT_NO_THROW(CheckDatasetName("kwh_daily-2024.v2"));
  EXPECT_NO_THROW(CheckDatasetName("用电量"));
}

TEST(Names, RunStatus) {
  for (RunStatus s :
       {RunStatus::kRunning, RunStatus::kComplete, RunStatus::kFailed, RunStatus::kAborted}) {
    EXPECT_EQ(ParseRunStatus(RunStatusName(s)), s);
  }
  EXPECT_FALSE(ParseRunStatus("done").has_value());
}

}  // namespace
}  // namespace xf::catalog
