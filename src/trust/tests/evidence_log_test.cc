#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <set>

#include "core/error.h"
#include "io/sqlite_db.h"
#include "trust/evidence_log.h"
#include "trust/proof_file.h"

namespace xf::trust {
namespace {

namespace fs = std::filesystem;

std::string FreshDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/xf_ledger_" + name + "_" + std::to_string(getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Event Ev(int i, const std::string& run = "r1") {
  return Event{.type = "sample", .run_id = run, .fields = {{"i", i}, {"zh", "煤样"}, {"b", {{"z", 1}, {"a", 2}}}}};
}

TEST(CanonicalEntry, SortedCompactUtf8) {
  EXPECT_EQ(CanonicalEntry(Ev(3)),
            "{\"fields\":{\"b\":{\"a\":2,\"z\":1},\"i\":3,\"zh\":\"煤样\"},\"run\":\"r1\",\"type\":\"sample\"}");
  EXPECT_THROW(CanonicalEntry(Event{.type = "x", .fields = {{"bad", std::string("\xff")}}}), Error);
}

TEST(EvidenceLog, PersistentRootsAndProofsMatchInMemoryTree) {
  const std::string dir = FreshDir("proofs");
  for (HashAlg alg : {HashAlg::kSha256, HashAlg::kSm3}) {
    const std::string db = dir + "/" + HashAlgName(alg) + ".sqlite";
    std::vector<Hash> leaves;
    {
      auto log = EvidenceLog::Open(db, {.hash = alg, .keys_dir = dir + "/keys"});
      EXPECT_EQ(log->Root(0), Digest(alg, ""));
      // Mixed single and batched appends, in several objects on the same file.
      for (int i = 0; i < 40; ++i) EXPECT_EQ(log->Append(Ev(i)), static_cast<uint64_t>(i));
      std::vector<Event> batch;
      for (int i = 40; i < 170; ++i) batch.push_back(Ev(i));
      auto idx = log->AppendBatch(batch);
      ASSERT_EQ(idx.size(), 130u);
      EXPECT_EQ(idx.front(), 40u);
      EXPECT_EQ(idx.back(), 169u);
    }
    auto log = EvidenceLog::Open(db, {.hash = HashAlg::kSha256});  // the stored algorithm wins
    EXPECT_EQ(log->hash_alg(), alg);
    auto other = EvidenceLog::Open(db, {});
    for (int i = 170; i < 200; ++i) (i % 2 ? log : other)->Append(Ev(i));
    ASSERT_EQ(log->Size(), 200u);
    for (int i = 0; i < 200; ++i) {
      LedgerEntry e = log->Entry(static_cast<uint64_t>(i));
      ASSERT_EQ(e.data, CanonicalEntry(Ev(i)));
      leaves.push_back(LeafHash(alg, e.data));
      ASSERT_EQ(e.leaf_hash, leaves.back());
    }
    for (uint64_t n = 1; n <= 200; ++n) {
      TreeView mem = InMemoryTree(alg, std::vector<Hash>(leaves.begin(), leaves.begin() + static_cast<long>(n)));
      ASSERT_EQ(log->Root(n), mem.Root()) << n;
      for (uint64_t i = 0; i < n; i += (n < 64 ? 1 : 7)) {
        ASSERT_EQ(log->InclusionProof(i, n), mem.InclusionProof(i)) << i << "/" << n;
      }
      for (uint64_t m = 1; m <= n; m += (n < 64 ? 1 : 5)) {
        ASSERT_EQ(log->ConsistencyProof(m, n), mem.ConsistencyProof(m)) << m << "->" << n;
      }
    }
    EXPECT_THROW(log->InclusionProof(5, 201), Error);
    EXPECT_TRUE(log->Verify().empty());
  }
  fs::remove_all(dir);
}

TEST(EvidenceLog, CheckpointsProofFilesAndTamperDetection) {
  for (SigAlg sig : {SigAlg::kEd25519, SigAlg::kSm2}) {
    const std::string dir = FreshDir(std::string("tamper_") + SigAlgName(sig));
    const std::string db = dir + "/catalog.sqlite";
    auto log = EvidenceLog::Open(db, {.signature = sig, .keys_dir = dir + "/keys"});
    std::vector<Event> batch;
    for (int i = 0; i < 50; ++i) batch.push_back(Ev(i));
    log->AppendBatch(batch);
    SignedCheckpoint cp = log->SignCheckpoint();
    EXPECT_EQ(cp.size, 50u);
    EXPECT_EQ(cp.key_name, log->origin());
    EXPECT_TRUE(fs::exists(dir + "/keys/ledger.key"));
    const VerifierKey key = log->PublicKey();
    ASSERT_TRUE(VerifyNote(cp.note, key).ok);
    EXPECT_TRUE(log->Verify().empty());

    // Offline proof: holds for the right key, fails for a changed entry or checkpoint.
    nlohmann::json proof = MakeProofFile(*log, 17, cp);
    EXPECT_TRUE(CheckProofFile(proof, key).empty());
    nlohmann::json bad = proof;
    std::string entry = bad["entry"];
    entry[entry.find("17")] = '9';
    bad["entry"] = entry;
    EXPECT_FALSE(CheckProofFile(bad, key).empty());
    bad = proof;
    std::string note = bad["checkpoint"];
    note[note.find('\n') + 1] = '4';  // the tree size line
    bad["checkpoint"] = note;
    ASSERT_FALSE(CheckProofFile(bad, key).empty());
    EXPECT_NE(CheckProofFile(bad, key)[0].find("checkpoint"), std::string::npos);
    EXPECT_FALSE(CheckProofFile(proof, SigningKey::Generate(sig, log->origin()).verifier()).empty());

    // Tampering with the database behind the log's back.
    SqliteDb raw(db);
    raw.Exec("UPDATE ledger_entries SET data = replace(data, '\"i\":7,', '\"i\":8,') WHERE idx = 7");
    std::vector<std::string> issues = log->Verify();
    // The entry, and the checkpoint whose root no longer matches.
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_NE(issues[0].find("ledger entry 7"), std::string::npos) << issues[0];
    EXPECT_NE(issues[1].find("checkpoint #1"), std::string::npos) << issues[1];
    raw.Exec("UPDATE ledger_entries SET data = replace(data, '\"i\":8,', '\"i\":7,') WHERE idx = 7");
    EXPECT_TRUE(log->Verify().empty());
    raw.Exec("UPDATE ledger_checkpoints SET note = replace(note, '\n50\n', '\n49\n')");
    issues = log->Verify();
    ASSERT_FALSE(issues.empty());
    EXPECT_NE(issues[0].find("checkpoint #1"), std::string::npos) << issues[0];
    fs::remove_all(dir);
  }
}

// Only `data` is hashed, so the type/run columns must be checked against it; a planted row with a
// huge index is reported, not allocated for.
TEST(EvidenceLog, VerifyNamesRelabelledRowsAndIndexHoles) {
  const std::string dir = FreshDir("relabel");
  const std::string db = dir + "/catalog.sqlite";
  auto log = EvidenceLog::Open(db, {.keys_dir = dir + "/keys"});
  for (int i = 0; i < 6; ++i) log->Append(Event{.type = i == 3 ? "output" : "sample", .run_id = "r1", .fields = {{"i", i}}});
  log->SignCheckpoint();
  ASSERT_TRUE(log->Verify().empty());
  SqliteDb raw(db);
  raw.Exec("UPDATE ledger_entries SET type = 'quality' WHERE idx = 3");
  std::vector<std::string> issues = log->Verify();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("ledger entry 3"), std::string::npos) << issues[0];
  EXPECT_NE(issues[0].find("type output"), std::string::npos) << issues[0];
  raw.Exec("UPDATE ledger_entries SET type = 'output', run_id = 'r2' WHERE idx = 3");
  issues = log->Verify();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("run r1"), std::string::npos) << issues[0];
  raw.Exec("UPDATE ledger_entries SET run_id = 'r1' WHERE idx = 3");
  ASSERT_TRUE(log->Verify().empty());

  raw.Exec("INSERT INTO ledger_entries (idx, leaf_hash, type, run_id, data) SELECT 4000000000000, leaf_hash, type, "
           "run_id, data FROM ledger_entries WHERE idx = 0");
  issues = log->Verify();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("7 rows"), std::string::npos) << issues[0];
  raw.Exec("DELETE FROM ledger_entries WHERE idx = 4000000000000");
  raw.Exec("DELETE FROM ledger_entries WHERE idx = 2");
  issues = log->Verify();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("5 rows"), std::string::npos) << issues[0];
  fs::remove_all(dir);
}

// Cutting entries and checkpoints together leaves a log that verifies on its own; a checkpoint kept
// outside the workspace (and shrinking checkpoint sizes) expose it.
TEST(EvidenceLog, KeptCheckpointDetectsRollback) {
  const std::string dir = FreshDir("rollback");
  const std::string db = dir + "/catalog.sqlite";
  auto log = EvidenceLog::Open(db, {.keys_dir = dir + "/keys"});
  for (int i = 0; i < 10; ++i) log->Append(Ev(i));
  SignedCheckpoint early = log->SignCheckpoint();
  for (int i = 10; i < 20; ++i) log->Append(Ev(i));
  SignedCheckpoint kept = log->SignCheckpoint();
  log->Append(Ev(20));
  const VerifierKey key = log->PublicKey();
  std::vector<std::string> warnings;
  EXPECT_TRUE(log->Verify(key, &warnings).empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "1 entries not yet covered by a signed checkpoint");
  EXPECT_TRUE(log->VerifyAgainst(kept.note, key).empty());
  EXPECT_TRUE(log->VerifyAgainst(early.note, key).empty());
  // A note signed by another key proves nothing.
  EXPECT_FALSE(log->VerifyAgainst(kept.note, SigningKey::Generate(SigAlg::kEd25519, log->origin()).verifier()).empty());

  // Roll back to 12 entries: drop later entries, their nodes and the checkpoint that covered them.
  {
    SqliteDb raw(db);
    raw.Exec("DELETE FROM ledger_entries WHERE idx >= 12");
    raw.Exec("DELETE FROM ledger_nodes WHERE (idx + 1) * (1 << level) > 12");
    raw.Exec("DELETE FROM ledger_checkpoints WHERE tree_size > 12");
  }
  auto reopened = EvidenceLog::Open(db, {.keys_dir = dir + "/keys"});
  warnings.clear();
  EXPECT_TRUE(reopened->Verify(key, &warnings).empty());  // consistent on its own
  std::vector<std::string> issues = reopened->VerifyAgainst(kept.note, key);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("tree size 20"), std::string::npos) << issues[0];
  EXPECT_NE(issues[0].find("12 entries"), std::string::npos) << issues[0];

  // Re-grown with other entries to the same size: the root differs.
  for (int i = 100; i < 108; ++i) reopened->Append(Ev(i));
  issues = reopened->VerifyAgainst(kept.note, key);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("rewritten"), std::string::npos) << issues[0];

  // A new checkpoint of a smaller tree after a bigger one is a rollback papered over.
  {
    SqliteDb raw(db);
    raw.Exec("UPDATE ledger_checkpoints SET seq = 99 WHERE seq = 1");
  }
  issues = reopened->Verify(key);
  ASSERT_EQ(issues.size(), 0u);  // the only checkpoint left is the early one
  SignedCheckpoint big = reopened->SignCheckpoint();
  ASSERT_EQ(big.size, 20u);
  {
    SqliteDb raw(db);
    raw.Exec("UPDATE ledger_checkpoints SET seq = 200 WHERE seq = 99");
  }
  issues = reopened->Verify(key);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find("rolled back"), std::string::npos) << issues[0];
  fs::remove_all(dir);
}

// A child appends and reports every acknowledged index; the parent SIGKILLs it at random moments.
// After each kill the log must verify and hold every acknowledged entry, exactly as appended.
TEST(EvidenceLog, NoAcknowledgedEntryIsLostToSigkill) {
  const std::string dir = FreshDir("sigkill");
  const std::string db = dir + "/catalog.sqlite";
  EvidenceLog::Open(db, {.keys_dir = dir + "/keys"});
  std::mt19937 rng(7);
  std::set<uint64_t> acked;
  std::map<uint64_t, std::string> expected;
  for (int round = 0; round < 6; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      auto log = EvidenceLog::Open(db, {});
      for (int i = 0;; ++i) {
        std::vector<Event> events;
        const int n = i % 3 == 0 ? 25 : 1;  // batches and single appends
        for (int j = 0; j < n; ++j) events.push_back(Ev(i * 100 + j, "round" + std::to_string(round)));
        for (uint64_t idx : log->AppendBatch(events)) {
          char line[32];
          int len = std::snprintf(line, sizeof line, "%llu\n", static_cast<unsigned long long>(idx));
          if (write(fds[1], line, static_cast<size_t>(len)) != len) _exit(3);
        }
      }
    }
    close(fds[1]);
    FILE* in = fdopen(fds[0], "r");
    const int target = std::uniform_int_distribution<int>(1, 120)(rng);
    unsigned long long idx = 0;
    int seen = 0;
    std::vector<uint64_t> this_round;
    while (seen < target && std::fscanf(in, "%llu", &idx) == 1) {
      this_round.push_back(idx);
      ++seen;
    }
    usleep(std::uniform_int_distribution<int>(0, 3000)(rng));
    kill(pid, SIGKILL);
    while (std::fscanf(in, "%llu", &idx) == 1) this_round.push_back(idx);  // acks already written
    fclose(in);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    acked.insert(this_round.begin(), this_round.end());

    auto log = EvidenceLog::Open(db, {.keys_dir = dir + "/keys"});
    ASSERT_TRUE(log->Verify().empty()) << log->Verify().front();
    const uint64_t size = log->Size();
    for (uint64_t a : acked) {
      ASSERT_LT(a, size) << "acknowledged entry " << a << " lost in round " << round;
      const std::string data = log->Entry(a).data;
      auto [it, fresh] = expected.emplace(a, data);
      ASSERT_EQ(it->second, data);
    }
    log->SignCheckpoint();  // checkpoints interleave with appends across restarts
  }
  EXPECT_GT(acked.size(), 6u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xf::trust
