// Runs left 'running' by a process that died become 'aborted' when the workspace is next opened.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog/process_identity.h"
#include "io/sqlite_db.h"
#include "catalog/tests/workspace_test_util.h"
#include "catalog/workspace.h"

namespace xf::catalog {
namespace {

// Records a run as if `pid` (with `token`) had begun it, the way BeginRun does.
void InsertRunningRun(const std::string& catalog, const std::string& id, int64_t pid,
                      const std::string& token) {
  SqliteDb db(catalog);
  Statement st(db,
               "INSERT INTO runs (id, scenario, status, pid, host, process_token, started_at) "
               "VALUES (?1, 'test', 'running', ?2, ?3, ?4, '2026-01-01T00:00:00.000Z')");
  st.BindAll(id, pid, HostName(), token).Run();
}

TEST_F(WorkspaceTest, RunOfAKilledChildIsAbortedOnReopen) {
  Workspace::Open(WsDir()).reset();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Exec at once: only async-signal-safe calls are allowed after fork in a threaded program.
    ::execlp("sleep", "sleep", "600", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // The token is read after exec has replaced the image; start time does not change with exec.
  const std::string token = ProcessToken(child);
  EXPECT_FALSE(token.empty());
  InsertRunningRun(Path("ws/catalog.sqlite"), "child-run", child, token);

  {
    auto ws = Workspace::Open(WsDir());
    EXPECT_EQ(ws->GetRun("child-run")->status, RunStatus::kRunning) << "the child still runs";
  }
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto ws = Workspace::Open(WsDir());
  const auto run = ws->GetRun("child-run");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, RunStatus::kAborted);
  EXPECT_NE(run->error_message.find("pid " + std::to_string(child)), std::string::npos)
      << run->error_message;
  EXPECT_NE(run->finished_at, "");
}

TEST_F(WorkspaceTest, RunOfAnEarlierProcessWithOurPidIsAborted) {
  Workspace::Open(WsDir()).reset();
  // In a container, a restarted process often gets the pid of the one that crashed.
  InsertRunningRun(Path("ws/catalog.sqlite"), "earlier", ::getpid(), "another-boot:12345");
  auto ws = Workspace::Open(WsDir());
  const std::string mine = ws->BeginRun(Start());
  EXPECT_EQ(ws->GetRun("earlier")->status, RunStatus::kAborted);
  auto again = Workspace::Open(WsDir());
  EXPECT_EQ(again->GetRun(mine)->status, RunStatus::kRunning) << "this process's own run lives";
}

TEST_F(WorkspaceTest, RunsOnAnotherHostAreLeftAlone) {
  Workspace::Open(WsDir()).reset();
  {
    SqliteDb db(Path("ws/catalog.sqlite"));
    db.Exec(
        "INSERT INTO runs (id, scenario, status, pid, host, started_at) VALUES "
        "('remote', 't', 'running', 1, 'some-other-host.invalid', '2026-01-01T00:00:00Z')");
  }
  auto ws = Workspace::Open(WsDir());
  EXPECT_EQ(ws->GetRun("remote")->status, RunStatus::kRunning);
}

TEST(ProcessIdentity, OwnProcessIsAlive) {
  const std::string token = ProcessToken(::getpid());
  EXPECT_FALSE(token.empty());
  EXPECT_EQ(token, ProcessToken(::getpid()));
  EXPECT_EQ(RecordedProcessState(HostName(), ::getpid(), token), ProcessState::kAlive);
  EXPECT_EQ(RecordedProcessState(HostName(), ::getpid(), "x:1"), ProcessState::kGone);
  EXPECT_EQ(RecordedProcessState(HostName(), 0, ""), ProcessState::kGone);
}

}  // namespace
}  // namespace xf::catalog
