// The evidence ledger (存证): an append-only RFC 9162 Merkle log of canonical-JSON events, kept in
// the workspace's SQLite catalog (tables ledger_*; docs/ledger.md), with signed checkpoints.
//
// Every append is durable when it returns (one IMMEDIATE transaction, WAL, synchronous=FULL), so an
// index handed back is never lost, even to SIGKILL. Besides each leaf, the log stores the hash of
// every complete subtree, so the root of any prefix and any proof cost O(log n) lookups.
//
// Several EvidenceLog objects (threads, processes) may share one catalog: SQLite serialises the
// writers and each append re-reads the size inside its transaction. One object is thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "trust/merkle.h"
#include "trust/note_keys.h"
#include "trust/signed_note.h"

namespace xf {
class SqliteDb;
class Statement;
}  // namespace xf

namespace xf::trust {

// What happened: run_start, input, output, export, quality, run_end, or a scenario's own type.
struct Event {
  std::string type;
  std::string run_id;
  nlohmann::json fields = nlohmann::json::object();
};

// The leaf bytes: compact JSON {"fields":…,"run":…,"type":…}, object keys sorted bytewise at every
// level, UTF-8 unescaped. Error(kData) for a non-UTF-8 string or an empty type.
std::string CanonicalEntry(const Event& e);

struct LedgerEntry {
  uint64_t index = 0;
  std::string type;
  std::string run_id;
  std::string data;  // exactly the leaf bytes
  Hash leaf_hash{};
};

struct SignedCheckpoint {
  int64_t seq = 0;
  uint64_t size = 0;
  Hash root{};
  std::string note;  // the signed note text
  std::string key_name;
  std::string created_at;
};

struct LedgerOptions {
  // Used only when the log is created; an existing log keeps the algorithms it was created with.
  HashAlg hash = HashAlg::kSha256;
  SigAlg signature = SigAlg::kEd25519;
  // Where the signing key lives (<dir>/ledger.key, 0600, and ledger.pub); created on first use.
  std::string keys_dir;
};

class EvidenceLog {
 public:
  // Opens or creates the ledger tables in the SQLite file at `db_path` (its own connection).
  static std::unique_ptr<EvidenceLog> Open(const std::string& db_path, const LedgerOptions& options);
  ~EvidenceLog();
  EvidenceLog(const EvidenceLog&) = delete;
  EvidenceLog& operator=(const EvidenceLog&) = delete;

  HashAlg hash_alg() const { return hash_; }
  SigAlg sig_alg() const { return sig_; }
  // The checkpoint origin line, e.g. "xfactor.ledger/3f9a1c2e5b7d9f01"; also the key name.
  const std::string& origin() const { return origin_; }

  // Returns the entry's index once it is committed.
  uint64_t Append(const Event& event);
  // All or nothing, in one transaction; indices (consecutive) returned after the commit.
  std::vector<uint64_t> AppendBatch(const std::vector<Event>& events);

  uint64_t Size();
  Hash Root(uint64_t size);
  // Error(kUsage) for an index or size outside the log.
  std::vector<Hash> InclusionProof(uint64_t index, uint64_t size);
  std::vector<Hash> ConsistencyProof(uint64_t first, uint64_t second);
  LedgerEntry Entry(uint64_t index);
  // Entries [begin, end) in index order.
  std::vector<LedgerEntry> Entries(uint64_t begin, uint64_t end);

  // Signs a checkpoint for the tree of `size` entries (default: the whole log now) with the
  // workspace key (generated on first use), stores it and returns it.
  SignedCheckpoint SignCheckpoint(std::optional<uint64_t> size = std::nullopt);
  std::vector<SignedCheckpoint> Checkpoints();
  std::optional<SignedCheckpoint> LatestCheckpoint();
  // The log's public key (creating the key pair on first use).
  VerifierKey PublicKey();

  // Recomputes every leaf hash from the stored bytes, every stored subtree hash, and every
  // checkpoint's root and signature (with `key`, default the log's own). One line per mismatch,
  // naming the entry, node or checkpoint; empty when the log is intact. Also checks that the
  // type/run columns agree with the hashed bytes, that indices run 0..n-1 without holes, and that
  // checkpoint sizes never shrink. Reads one snapshot. `warnings` gets non-failures (entries not
  // yet covered by a signed checkpoint).
  std::vector<std::string> Verify(const std::optional<VerifierKey>& key = std::nullopt,
                                  std::vector<std::string>* warnings = nullptr);
  // Checks a checkpoint note kept outside the workspace: signed by `key`, for this ledger, and
  // the log still has at least its size and the same root for that prefix (detects a workspace
  // rolled back or rewritten together with its own checkpoints). Empty when it holds.
  std::vector<std::string> VerifyAgainst(const std::string& note, const VerifierKey& key);

 private:
  EvidenceLog(std::unique_ptr<SqliteDb> db, const LedgerOptions& options);
  void Init(const LedgerOptions& options);
  uint64_t SizeLocked();
  std::vector<LedgerEntry> EntriesLocked(uint64_t begin, uint64_t end);
  Hash PerfectLocked(int level, uint64_t index);
  void LoadFrontierLocked(uint64_t size);
  std::vector<uint64_t> AppendCanonical(const std::vector<std::pair<const Event*, std::string>>& items);
  const SigningKey& KeyLocked();

  std::unique_ptr<SqliteDb> db_;
  std::mutex mu_;
  HashAlg hash_ = HashAlg::kSha256;
  SigAlg sig_ = SigAlg::kEd25519;
  std::string origin_;
  std::string keys_dir_;
  std::unique_ptr<SigningKey> key_;
  // The right edge of the tree: hashes of the complete subtrees that make up frontier_size_
  // leaves, largest first, with their levels. Valid only when frontier_size_ equals the log size.
  std::vector<std::pair<int, Hash>> frontier_;
  int64_t frontier_size_ = -1;
  std::unique_ptr<Statement> get_leaf_, get_node_, ins_entry_, ins_node_, get_size_;
};

}  // namespace xf::trust
