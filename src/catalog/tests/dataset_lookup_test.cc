#include "catalog/dataset_lookup.h"

#include <gtest/gtest.h>

#include "catalog/names.h"
#include "catalog/tests/workspace_test_util.h"
#include "core/content_hash.h"
#include "core/error.h"

namespace xf::catalog {
namespace {

std::string ErrorOf(const std::string& dir, const std::string& ref) {
  try {
    FindWorkspaceDataset(dir, ref);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "found '" << ref << "'";
  return "";
}

TEST_F(WorkspaceTest, LookupByNameAndVersion) {
  {
    auto ws = Workspace::Open(WsDir());
    const std::string run = ws->BeginRun(Start());
    ws->SaveDataset(run, "readings", *Readings(30, 1.0), "ingest", {});
    ws->SaveDataset(run, "readings", *Readings(30, 2.0), "ingest", {});
    ws->SaveDataset(run, "daily", *Readings(5, 1.0), "aggregate", {{"readings", 1}});
    ws->FinishRun(run, RunStatus::kComplete);
  }
  const FoundDataset latest = FindWorkspaceDataset(WsDir(), "readings");
  EXPECT_EQ(latest.dataset.version, 2);
  EXPECT_EQ(latest.workspace, WsDir());
  EXPECT_EQ(TableContentHash(*latest.table), TableContentHash(*Readings(30, 2.0)));
  ASSERT_TRUE(latest.run);
  EXPECT_EQ(latest.run->status, RunStatus::kComplete);

  const FoundDataset v1 = FindWorkspaceDataset(WsDir(), "readings@v1");
  EXPECT_EQ(v1.dataset.version, 1);
  EXPECT_EQ(TableContentHash(*v1.table), TableContentHash(*Readings(30, 1.0)));

  const FoundDataset daily = FindWorkspaceDataset(WsDir(), "daily");
  ASSERT_EQ(daily.inputs.size(), 1u);
  EXPECT_EQ(FormatDatasetRef(daily.inputs[0].input), "readings@v1");
  EXPECT_EQ(daily.dataset.created_by_step, "aggregate");

  EXPECT_NE(ErrorOf(WsDir(), "readings@v3").find("the latest version of 'readings' is v2"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WsDir(), "reading").find("did you mean 'readings'?"), std::string::npos);
  EXPECT_NE(ErrorOf(WsDir(), "readings@vx").find("NAME@vN"), std::string::npos);
}

TEST_F(WorkspaceTest, LookupNeverCreatesAWorkspace) {
  const std::string msg = ErrorOf(Path("none"), "readings");
  EXPECT_NE(msg.find("no workspace at '" + Path("none") + "'"), std::string::npos) << msg;
  EXPECT_FALSE(std::filesystem::exists(Path("none")));
}

TEST(Names, LooksLikeDatasetRef) {
  EXPECT_TRUE(LooksLikeDatasetRef("kwh_daily"));
  EXPECT_TRUE(LooksLikeDatasetRef("kwh_daily@v2"));
  EXPECT_FALSE(LooksLikeDatasetRef("data/kwh.csv"));
  EXPECT_FALSE(LooksLikeDatasetRef("kwh@latest"));
}

}  // namespace
}  // namespace xf::catalog
