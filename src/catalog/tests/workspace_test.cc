#include "catalog/workspace.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "io/sqlite_db.h"
#include "catalog/tests/workspace_test_util.h"
#include "core/content_hash.h"
#include "core/error.h"
#include "io/native_writer.h"
#include "io/table_file.h"

namespace xf::catalog {
namespace {

namespace fs = std::filesystem;

int CountFiles(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

TEST_F(WorkspaceTest, OpenCreatesTheLayoutInWalModeWithAVersionedSchema) {
  auto ws = Workspace::Open(WsDir());
  EXPECT_TRUE(fs::is_directory(Path("ws/data")));
  EXPECT_TRUE(fs::is_directory(Path("ws/runs")));
  EXPECT_EQ(ws->catalog_path(), Path("ws/catalog.sqlite"));
  SqliteDb db(ws->catalog_path());
  EXPECT_EQ(db.QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.QueryText("SELECT value FROM meta WHERE key = 'schema_version'"), "1");
  EXPECT_EQ(db.QueryText("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                         "('runs', 'datasets', 'lineage', 'run_datasets', 'run_outputs')"),
            "5");
  ws.reset();
  EXPECT_NO_THROW(Workspace::Open(WsDir())) << "reopening migrates nothing and succeeds";
}

TEST_F(WorkspaceTest, RunLifecycle) {
  auto ws = Workspace::Open(WsDir());
  const std::string id = ws->BeginRun(Start());
  EXPECT_TRUE(
      std::regex_match(id, std::regex(R"(\d{8}T\d{6}Z-power-production-status-[0-9a-f]{4})")))
      << id;
  EXPECT_TRUE(fs::is_directory(ws->RunDir(id)));
  EXPECT_EQ(ws->RunDir(id), Path("ws/runs/" + id));
  auto run = ws->GetRun(id);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, RunStatus::kRunning);
  EXPECT_EQ(run->pid, ::getpid());
  EXPECT_EQ(run->scenario, "green/power-production-status");
  EXPECT_EQ(run->seed, 42);
  EXPECT_EQ(run->scale, 0.5);
  EXPECT_EQ(run->params_json, R"({"days":7})");
  EXPECT_TRUE(
      std::regex_match(run->started_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_EQ(run->finished_at, "");

  const std::string id2 = ws->BeginRun(Start());
  EXPECT_NE(id, id2) << "two runs in the same second get different ids";
  RunStart no_seed = Start("电力");
  no_seed.seed.reset();
  no_seed.scale.reset();
  const std::string id3 = ws->BeginRun(no_seed);
  EXPECT_NE(id3.find("-run-"), std::string::npos) << id3;
  EXPECT_FALSE(ws->GetRun(id3)->seed.has_value());

  ws->FinishRun(id, RunStatus::kComplete);
  ws->FinishRun(id2, RunStatus::kFailed, "step 'clean': bad data");
  ws->MarkAborted(id3, "interrupted (SIGINT)");
  ws->MarkAborted(id, "too late");  // already complete: no change
  const auto runs = ws->ListRuns();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(ws->GetRun(id)->status, RunStatus::kComplete);
  EXPECT_EQ(ws->GetRun(id)->error_message, "");
  EXPECT_NE(ws->GetRun(id)->finished_at, "");
  EXPECT_EQ(ws->GetRun(id2)->status, RunStatus::kFailed);
  EXPECT_EQ(ws->GetRun(id2)->error_message, "step 'clean': bad data");
  EXPECT_EQ(ws->GetRun(id3)->status, RunStatus::kAborted);
  EXPECT_EQ(ws->GetRun(id3)->error_message, "interrupted (SIGINT)");

  EXPECT_THROW(ws->FinishRun(id, RunStatus::kFailed), Error) << "already ended";
  EXPECT_THROW(ws->FinishRun("nope", RunStatus::kComplete), Error);
  EXPECT_THROW(ws->FinishRun(id, RunStatus::kRunning), Error);
  EXPECT_FALSE(ws->GetRun("nope"));
  EXPECT_THROW(ws->RunDir("../etc"), Error);
}

TEST_F(WorkspaceTest, DatasetRoundTrip) {
  auto ws = Workspace::Open(WsDir());
  const std::string run = ws->BeginRun(Start());
  // More rows than one native row group, so the file has several chunks.
  const TablePtr t = Readings(150000, 0.25);
  const DatasetVersion v = ws->SaveDataset(run, "readings", *t, "ingest", {});
  EXPECT_EQ(v.name, "readings");
  EXPECT_EQ(v.version, 1);
  EXPECT_FALSE(v.reused);
  EXPECT_EQ(v.rows, 150000);
  EXPECT_EQ(v.path, "data/readings/v1.xfc");
  EXPECT_EQ(v.content_hash, TableContentHash(*t));
  EXPECT_EQ(v.bytes, static_cast<int64_t>(fs::file_size(Path("ws/data/readings/v1.xfc"))));
  EXPECT_EQ(v.created_by_run, run);
  EXPECT_EQ(v.created_by_step, "ingest");
  EXPECT_EQ(CountFiles(Path("ws/data/readings")), 1) << "no temporary file left behind";

  const auto found = ws->FindDataset("readings");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->schema, t->schema());
  EXPECT_EQ(found->content_hash, v.content_hash);
  EXPECT_EQ(found->created_at, v.created_at);
  const TablePtr back = ws->LoadDataset(*found);
  EXPECT_EQ(back->num_rows(), t->num_rows());
  EXPECT_EQ(TableContentHash(*back), v.content_hash);
  EXPECT_EQ(back->ToString(30), t->ToString(30));
  EXPECT_TRUE(back->column(1)->IsNull(3));

  EXPECT_FALSE(ws->FindDataset("nope"));
  EXPECT_FALSE(ws->FindDataset("readings", 2));
  EXPECT_TRUE(ws->FindDataset("readings", 1));
}

TEST_F(WorkspaceTest, VersionsAndDedupByContentHash) {
  auto ws = Workspace::Open(WsDir());
  const std::string r1 = ws->BeginRun(Start());
  const std::string r2 = ws->BeginRun(Start());
  const TablePtr a = Readings(100, 1.0);
  const TablePtr b = Readings(100, 2.0);
  EXPECT_EQ(ws->SaveDataset(r1, "src", *a, "ingest", {}).version, 1);

  // The same values built again (a different Table object) are the same version.
  const DatasetVersion again = ws->SaveDataset(r2, "src", *Readings(100, 1.0), "ingest", {});
  EXPECT_EQ(again.version, 1);
  EXPECT_TRUE(again.reused);
  EXPECT_EQ(again.created_by_run, r1) << "the version keeps its creator";
  EXPECT_EQ(CountFiles(Path("ws/data/src")), 1) << "no new file for an unchanged table";

  EXPECT_EQ(ws->SaveDataset(r2, "src", *b, "ingest", {}).version, 2);
  // Dedup compares with the latest version only: going back to `a` is a new version.
  EXPECT_EQ(ws->SaveDataset(r2, "src", *a, "ingest", {}).version, 3);
  EXPECT_EQ(CountFiles(Path("ws/data/src")), 3);
  const auto all = ws->ListDatasets();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].content_hash, all[2].content_hash);
  EXPECT_NE(all[0].content_hash, all[1].content_hash);
  EXPECT_EQ(ws->FindDataset("src")->version, 3);
  EXPECT_EQ(TableContentHash(*ws->LoadDataset(*ws->FindDataset("src", 2))), TableContentHash(*b));

  // Each run's use of each version is on record, reused or not.
  SqliteDb db(ws->catalog_path());
  Statement st(db, "SELECT run_id || ':' || version || ':' || reused FROM run_datasets");
  std::set<std::string> uses;
  while (st.Step()) uses.insert(st.Text(0));
  EXPECT_EQ(uses, (std::set<std::string>{r1 + ":1:0", r2 + ":1:1", r2 + ":2:0", r2 + ":3:0"}));
}

TEST_F(WorkspaceTest, LineageRecordsDirectInputsPerRun) {
  auto ws = Workspace::Open(WsDir());
  const std::string r1 = ws->BeginRun(Start());
  ws->SaveDataset(r1, "raw", *Readings(50, 1.0), "ingest", {});
  ws->SaveDataset(r1, "users", *Readings(5, 3.0), "ingest", {});
  ws->SaveDataset(r1, "clean", *Readings(40, 1.0), "clean", {{"raw", 0}});
  const DatasetVersion daily =
      ws->SaveDataset(r1, "daily", *Readings(10, 1.0), "aggregate", {{"clean", 1}, {"users", 0}});
  ws->FinishRun(r1, RunStatus::kComplete);

  auto edges = ws->Lineage("daily", daily.version);
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].input.name, "clean");
  EXPECT_EQ(edges[0].input.version, 1);
  EXPECT_EQ(edges[0].step, "aggregate");
  EXPECT_EQ(edges[0].run_id, r1);
  EXPECT_EQ(edges[1].input.name, "users");
  EXPECT_EQ(edges[1].input.version, 1) << "version 0 resolves to the latest at save time";
  EXPECT_EQ(ws->Lineage("clean", 1).size(), 1u);
  EXPECT_TRUE(ws->Lineage("raw", 1).empty());
  const auto consumers = ws->Consumers("clean", 1);
  ASSERT_EQ(consumers.size(), 1u);
  EXPECT_EQ(consumers[0].output.name, "daily");

  // A second run reproduces `daily` unchanged from unchanged inputs: same version, its own edges.
  const std::string r2 = ws->BeginRun(Start());
  const DatasetVersion daily2 =
      ws->SaveDataset(r2, "daily", *Readings(10, 1.0), "aggregate", {{"clean", 0}, {"users", 1}});
  EXPECT_TRUE(daily2.reused);
  edges = ws->Lineage("daily", 1);
  ASSERT_EQ(edges.size(), 4u);
  EXPECT_EQ(std::count_if(edges.begin(), edges.end(),
                          [&](const LineageEdge& e) { return e.run_id == r2; }),
            2);

  // An input that is not in the workspace is refused before anything is written.
  try {
    ws->SaveDataset(r2, "out", *Readings(3, 1.0), "join", {{"clean", 7}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("clean@v7"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(Path("ws/data/out")));
  EXPECT_FALSE(ws->FindDataset("out"));
  // So is a run that has ended, or one that never began.
  EXPECT_THROW(ws->SaveDataset(r1, "out", *Readings(3, 1.0), "s", {}), Error);
  EXPECT_THROW(ws->SaveDataset("no-such-run", "out", *Readings(3, 1.0), "s", {}), Error);
  EXPECT_THROW(ws->SaveDataset(r2, "../escape", *Readings(3, 1.0), "s", {}), Error);
}

TEST_F(WorkspaceTest, ExportsCarryTheirSha256) {
  auto ws = Workspace::Open(WsDir());
  const std::string run = ws->BeginRun(Start());
  const TablePtr t = Readings(20, 1.0);
  ws->SaveDataset(run, "daily", *t, "aggregate", {});
  const std::string csv = ws->RunDir(run) + "/daily.csv";
  WriteTableFile(*t, csv);
  ws->RecordExport(run, "daily", 1, csv);
  ws->RecordExport(run, "daily", 0, csv);  // recorded again: replaces, not duplicates
  const auto exports = ws->Exports(run);
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_EQ(exports[0].file_path, csv);
  EXPECT_EQ(exports[0].sha256, FileSha256(csv));
  EXPECT_EQ(exports[0].bytes, static_cast<int64_t>(fs::file_size(csv)));
  EXPECT_EQ(exports[0].dataset.name, "daily");
  EXPECT_EQ(exports[0].dataset.version, 1);
  EXPECT_THROW(ws->RecordExport(run, "daily", 2, csv), Error) << "no such version";
  EXPECT_THROW(ws->RecordExport(run, "daily", 1, csv + ".missing"), Error);
}

TEST_F(WorkspaceTest, LoadRefusesAFileChangedBehindTheCatalog) {
  auto ws = Workspace::Open(WsDir());
  const std::string run = ws->BeginRun(Start());
  const DatasetVersion v = ws->SaveDataset(run, "daily", *Readings(20, 1.0), "s", {});
  WriteNative(*Readings(20, 1.5), Path("ws/" + v.path));
  try {
    ws->LoadDataset(v);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    EXPECT_NE(std::string(e.what()).find("daily@v1 does not match the catalog"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("v1.xfc"), std::string::npos) << e.what();
  }
}

TEST_F(WorkspaceTest, TwoWorkspaceObjectsOnOneDirectory) {
  auto ws1 = Workspace::Open(WsDir());
  auto ws2 = Workspace::Open(WsDir());
  const std::string run = ws1->BeginRun(Start());
  ASSERT_TRUE(ws2->GetRun(run)) << "a run begun by one is seen by the other";
  EXPECT_EQ(ws1->SaveDataset(run, "d", *Readings(10, 1.0), "s", {}).version, 1);
  EXPECT_EQ(ws2->SaveDataset(run, "d", *Readings(10, 2.0), "s", {}).version, 2);
  EXPECT_TRUE(ws1->SaveDataset(run, "d", *Readings(10, 2.0), "s", {}).reused);
  // Opening while this process's run is in progress must not abort it.
  auto ws3 = Workspace::Open(WsDir());
  EXPECT_EQ(ws3->GetRun(run)->status, RunStatus::kRunning);

  // Writers on separate connections, racing: every save gets its own version, none is lost.
  constexpr int kPerThread = 8;
  auto writer = [&](int which) {
    auto ws = Workspace::Open(WsDir());
    for (int i = 0; i < kPerThread; ++i) {
      ws->SaveDataset(run, "race", *Readings(10 + i, 1.0 + which), "s", {{"d", 0}});
    }
  };
  std::thread t1(writer, 1);
  std::thread t2(writer, 2);
  t1.join();
  t2.join();
  std::set<int64_t> versions;
  std::set<std::string> hashes;
  for (const auto& d : ws1->ListDatasets()) {
    if (d.name != "race") continue;
    versions.insert(d.version);
    hashes.insert(d.content_hash);
    EXPECT_EQ(ws1->LoadDataset(d)->num_rows(), d.rows);
  }
  EXPECT_EQ(versions.size(), 2u * kPerThread);
  EXPECT_EQ(*versions.rbegin(), 2 * kPerThread);
  EXPECT_EQ(hashes.size(), 2u * kPerThread);
  EXPECT_EQ(CountFiles(Path("ws/data/race")), 2 * kPerThread);
}

TEST_F(WorkspaceTest, ErrorsNameTheDirectoryOrCatalog) {
  // The workspace's parent is a regular file: no directory can be made there.
  std::ofstream(Path("file")) << "x";
  try {
    Workspace::Open(Path("file/ws"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find(Path("file/ws")), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cannot create the workspace directory"),
              std::string::npos)
        << e.what();
  }
  // A catalog that is not a SQLite database.
  fs::create_directories(Path("junk"));
  std::ofstream(Path("junk/catalog.sqlite")) << std::string(4096, 'j');
  try {
    Workspace::Open(Path("junk"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find(Path("junk/catalog.sqlite")), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("not a database"), std::string::npos) << e.what();
  }
}

TEST_F(WorkspaceTest, ReadOnlyDirectory) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  fs::create_directories(Path("ro"));
  fs::permissions(Path("ro"), fs::perms::owner_read | fs::perms::owner_exec);
  try {
    Workspace::Open(Path("ro"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find(Path("ro")), std::string::npos) << e.what();
  }
}

TEST_F(WorkspaceTest, RefusesACatalogFromANewerXfactor) {
  Workspace::Open(WsDir()).reset();
  {
    SqliteDb db(Path("ws/catalog.sqlite"));
    db.Exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    Workspace::Open(WsDir());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace xf::catalog
