// Anchoring a run and re-hashing the files its entries name: the entry's type comes from the hashed
// bytes, recorded paths stay inside the workspace, and the quality entry holds no example rows.
#include "catalog/run_anchor.h"

#include <gtest/gtest.h>

#include <fstream>

#include "catalog/tests/workspace_test_util.h"
#include "io/sqlite_db.h"
#include "trust/evidence_log.h"

namespace xf::catalog {
namespace {

using nlohmann::json;

TEST_F(WorkspaceTest, QualityIsAnchoredWithoutExampleRows) {
  auto ws = Workspace::Open(WsDir());
  RunAnchor a{.run_id = "r-q", .start = Start()};
  a.quality = {{"score", 87.5},
               {"rules", json::array({{{"id", "phone_format"},
                                       {"failed", 2},
                                       {"examples", json::array({{{"row", 3}, {"reason", "13800138000 is bad"}}})}}})}};
  json ledger = AnchorRun(*ws, a);
  trust::EvidenceLog& log = ws->Ledger();
  bool seen = false;
  for (const trust::LedgerEntry& e : log.Entries(0, log.Size())) {
    if (e.type != "quality") continue;
    seen = true;
    EXPECT_EQ(e.data.find("13800138000"), std::string::npos) << e.data;
    EXPECT_EQ(e.data.find("examples"), std::string::npos) << e.data;
    EXPECT_NE(e.data.find("\"failed\":2"), std::string::npos) << e.data;
    EXPECT_NE(e.data.find("87.5"), std::string::npos) << e.data;
  }
  EXPECT_TRUE(seen);
  EXPECT_TRUE(log.Verify().empty());
}

TEST_F(WorkspaceTest, RecordedFilesAreFoundByTheHashedTypeAndStayInsideTheWorkspace) {
  auto ws = Workspace::Open(WsDir());
  trust::EvidenceLog& log = ws->Ledger();
  {
    std::ofstream(Path("outside.txt")) << "x";
  }
  const std::string sha = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
  log.Append({"output", "r1", {{"dataset", "d"}, {"version", 1}, {"file", "data/d/v1.xfc"}, {"file_sha256", sha}}});
  log.Append({"export", "r1", {{"dataset", "d"}, {"version", 1}, {"path", "../outside.txt"}, {"sha256", sha}}});
  log.Append({"export", "r1", {{"dataset", "d"}, {"version", 1}, {"path", Path("outside.txt")}, {"sha256", sha}}});
  std::vector<std::string> issues = VerifyRecordedFiles(*ws);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_NE(issues[0].find("data/d/v1.xfc"), std::string::npos) << issues[0];
  EXPECT_NE(issues[0].find("file is missing"), std::string::npos) << issues[0];
  EXPECT_NE(issues[1].find("outside the workspace"), std::string::npos) << issues[1];
  EXPECT_NE(issues[2].find("outside the workspace"), std::string::npos) << issues[2];

  // Relabelling the row's (unhashed) type column does not skip its file check, and Verify names it.
  SqliteDb raw(Path("ws/catalog.sqlite"));
  raw.Exec("UPDATE ledger_entries SET type = 'quality' WHERE idx = 0");
  issues = VerifyRecordedFiles(*ws);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_NE(issues[0].find("data/d/v1.xfc"), std::string::npos) << issues[0];
  std::vector<std::string> bad = log.Verify();
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("ledger entry 0 (type quality"), std::string::npos) << bad[0];
}

}  // namespace
}  // namespace xf::catalog
