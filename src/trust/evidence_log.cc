#include "trust/evidence_log.h"

#include <sodium.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <ctime>
#include <map>

#include "core/error.h"
#include "io/sqlite_db.h"

namespace xf::trust {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_entries (
  idx INTEGER PRIMARY KEY, leaf_hash TEXT NOT NULL, type TEXT NOT NULL, run_id TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_nodes (
  level INTEGER NOT NULL, idx INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (level, idx))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_checkpoints (
  seq INTEGER PRIMARY KEY, tree_size INTEGER NOT NULL, root_hash TEXT NOT NULL, note TEXT NOT NULL,
  key_name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_keys (
  name TEXT PRIMARY KEY, alg TEXT NOT NULL, vkey TEXT NOT NULL, created_at TEXT NOT NULL);
)sql";

std::string NowIso() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string RandomHex(size_t bytes) {
  if (sodium_init() < 0) throw Error(ErrorKind::kInternal, "libsodium failed to initialise");
  std::string b(bytes, '\0');
  randombytes_buf(b.data(), b.size());
  return ToHex(b);
}

}  // namespace

std::string CanonicalEntry(const Event& e) {
  if (e.type.empty()) throw Error(ErrorKind::kData, "evidence event without a type");
  nlohmann::json j = {{"type", e.type}, {"run", e.run_id}, {"fields", e.fields}};
  try {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception& ex) {
    throw Error(ErrorKind::kData, "evidence event '" + e.type + "' cannot be stored: " + ex.what());
  }
}

std::unique_ptr<EvidenceLog> EvidenceLog::Open(const std::string& db_path, const LedgerOptions& options) {
  auto db = std::make_unique<SqliteDb>(db_path);
  return std::unique_ptr<EvidenceLog>(new EvidenceLog(std::move(db), options));
}

EvidenceLog::EvidenceLog(std::unique_ptr<SqliteDb> db, const LedgerOptions& options)
    : db_(std::move(db)), keys_dir_(options.keys_dir) {
  Init(options);
}

EvidenceLog::~EvidenceLog() = default;

void EvidenceLog::Init(const LedgerOptions& options) {
  // The catalog sets these too; a ledger opened on its own file must be just as durable.
  db_->QueryText("PRAGMA journal_mode=WAL");
  db_->Exec("PRAGMA synchronous=FULL");
  {
    Transaction tx(*db_);
    db_->Exec(kSchema);
    auto meta = [&](const char* key) {
      Statement s(*db_, "SELECT value FROM ledger_meta WHERE key = ?1");
      s.Bind(1, key);
      return s.Step() ? std::optional<std::string>(s.Text(0)) : std::nullopt;
    };
    if (!meta("origin")) {
      Statement ins(*db_, "INSERT INTO ledger_meta (key, value) VALUES (?1, ?2)");
      const std::pair<const char*, std::string> rows[] = {
          {"format", "1"},
          {"origin", "xfactor.ledger/" + RandomHex(8)},
          {"hash_alg", HashAlgName(options.hash)},
          {"sig_alg", SigAlgName(options.signature)},
          {"created_at", NowIso()}};
      for (const auto& [k, v] : rows) {
        ins.BindAll(k, v).Run();
        ins.Reset();
      }
    }
    origin_ = *meta("origin");
    hash_ = ParseHashAlg(*meta("hash_alg"));
    sig_ = ParseSigAlg(*meta("sig_alg"));
    tx.Commit();
  }
  get_leaf_ = std::make_unique<Statement>(*db_, "SELECT leaf_hash FROM ledger_entries WHERE idx = ?1");
  get_node_ = std::make_unique<Statement>(*db_, "SELECT hash FROM ledger_nodes WHERE level = ?1 AND idx = ?2");
  ins_entry_ = std::make_unique<Statement>(
      *db_, "INSERT INTO ledger_entries (idx, leaf_hash, type, run_id, data) VALUES (?1, ?2, ?3, ?4, ?5)");
  ins_node_ = std::make_unique<Statement>(*db_, "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?1, ?2, ?3)");
  get_size_ = std::make_unique<Statement>(*db_, "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries");
}

uint64_t EvidenceLog::SizeLocked() {
  get_size_->Reset();
  get_size_->Step();
  uint64_t n = static_cast<uint64_t>(get_size_->Int(0));
  get_size_->Reset();
  return n;
}

Hash EvidenceLog::PerfectLocked(int level, uint64_t index) {
  Statement& s = level == 0 ? *get_leaf_ : *get_node_;
  s.Reset();
  if (level == 0) {
    s.Bind(1, static_cast<int64_t>(index));
  } else {
    s.Bind(1, level).Bind(2, static_cast<int64_t>(index));
  }
  if (!s.Step()) {
    s.Reset();
    throw Error(ErrorKind::kData, "ledger is missing the hash of subtree (level " + std::to_string(level) +
                                      ", index " + std::to_string(index) + ")",
                SourceContext{.file = db_->path()});
  }
  Hash h = HashFromHex(s.Text(0));
  s.Reset();
  return h;
}

void EvidenceLog::LoadFrontierLocked(uint64_t size) {
  frontier_.clear();
  uint64_t offset = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t span = uint64_t{1} << level;
    if (size & span) {
      frontier_.emplace_back(level, PerfectLocked(level, offset >> level));
      offset += span;
    }
  }
  frontier_size_ = static_cast<int64_t>(size);
}

std::vector<uint64_t> EvidenceLog::AppendCanonical(
    const std::vector<std::pair<const Event*, std::string>>& items) {
  std::vector<Hash> leaves;
  leaves.reserve(items.size());
  for (const auto& it : items) leaves.push_back(LeafHash(hash_, it.second));

  std::lock_guard lock(mu_);
  std::vector<uint64_t> indices;
  indices.reserve(items.size());
  try {
    Transaction tx(*db_);
    const uint64_t start = SizeLocked();
    if (frontier_size_ != static_cast<int64_t>(start)) LoadFrontierLocked(start);
    frontier_size_ = -1;  // until the commit succeeds
    for (size_t i = 0; i < items.size(); ++i) {
      const uint64_t idx = start + i;
      ins_entry_->Reset();
      ins_entry_->BindAll(static_cast<int64_t>(idx), ToHex(leaves[i]), items[i].first->type, items[i].first->run_id,
                          items[i].second);
      ins_entry_->Run();
      // Binary-counter carry: each completed pair of equal subtrees becomes a stored parent.
      int level = 0;
      Hash h = leaves[i];
      uint64_t pos = idx;
      while (!frontier_.empty() && frontier_.back().first == level) {
        h = NodeHash(hash_, frontier_.back().second, h);
        frontier_.pop_back();
        ++level;
        pos >>= 1;
        ins_node_->Reset();
        ins_node_->BindAll(level, static_cast<int64_t>(pos), ToHex(h));
        ins_node_->Run();
      }
      frontier_.emplace_back(level, h);
      indices.push_back(idx);
    }
    ins_entry_->Reset();
    ins_node_->Reset();
    tx.Commit();
    frontier_size_ = static_cast<int64_t>(start + items.size());
  } catch (...) {
    frontier_size_ = -1;
    ins_entry_->Reset();
    ins_node_->Reset();
    throw;
  }
  return indices;
}

uint64_t EvidenceLog::Append(const Event& event) { return AppendBatch({event}).front(); }

std::vector<uint64_t> EvidenceLog::AppendBatch(const std::vector<Event>& events) {
  if (events.empty()) return {};
  std::vector<std::pair<const Event*, std::string>> items;
  items.reserve(events.size());
  for (const Event& e : events) items.emplace_back(&e, CanonicalEntry(e));
  return AppendCanonical(items);
}

uint64_t EvidenceLog::Size() {
  std::lock_guard lock(mu_);
  return SizeLocked();
}

Hash EvidenceLog::Root(uint64_t size) {
  std::lock_guard lock(mu_);
  const uint64_t n = SizeLocked();
  if (size > n) {
    throw Error(ErrorKind::kUsage, "the ledger has " + std::to_string(n) + " entries, not " + std::to_string(size));
  }
  return TreeView(hash_, size, [this](int l, uint64_t i) { return PerfectLocked(l, i); }).Root();
}

std::vector<Hash> EvidenceLog::InclusionProof(uint64_t index, uint64_t size) {
  std::lock_guard lock(mu_);
  const uint64_t n = SizeLocked();
  if (size > n) {
    throw Error(ErrorKind::kUsage, "the ledger has " + std::to_string(n) + " entries, not " + std::to_string(size));
  }
  return TreeView(hash_, size, [this](int l, uint64_t i) { return PerfectLocked(l, i); }).InclusionProof(index);
}

std::vector<Hash> EvidenceLog::ConsistencyProof(uint64_t first, uint64_t second) {
  std::lock_guard lock(mu_);
  const uint64_t n = SizeLocked();
  if (second > n) {
    throw Error(ErrorKind::kUsage, "the ledger has " + std::to_string(n) + " entries, not " + std::to_string(second));
  }
  return TreeView(hash_, second, [this](int l, uint64_t i) { return PerfectLocked(l, i); }).ConsistencyProof(first);
}

std::vector<LedgerEntry> EvidenceLog::Entries(uint64_t begin, uint64_t end) {
  std::lock_guard lock(mu_);
  return EntriesLocked(begin, end);
}

std::vector<LedgerEntry> EvidenceLog::EntriesLocked(uint64_t begin, uint64_t end) {
  Statement s(*db_, "SELECT idx, type, run_id, data, leaf_hash FROM ledger_entries WHERE idx >= ?1 AND idx < ?2 ORDER BY idx");
  s.BindAll(static_cast<int64_t>(begin), static_cast<int64_t>(end));
  std::vector<LedgerEntry> out;
  while (s.Step()) {
    LedgerEntry e{.index = static_cast<uint64_t>(s.Int(0)), .type = s.Text(1), .run_id = s.Text(2), .data = s.Text(3)};
    try {
      e.leaf_hash = HashFromHex(s.Text(4));
    } catch (const Error&) {
      e.leaf_hash = Hash{};  // reported by Verify
    }
    out.push_back(std::move(e));
  }
  return out;
}

LedgerEntry EvidenceLog::Entry(uint64_t index) {
  std::vector<LedgerEntry> e = Entries(index, index + 1);
  if (e.empty()) throw Error(ErrorKind::kUsage, "no ledger entry " + std::to_string(index));
  return e.front();
}

const SigningKey& EvidenceLog::KeyLocked() {
  if (!key_) {
    if (keys_dir_.empty()) throw Error(ErrorKind::kUsage, "the ledger has no keys folder to sign checkpoints with");
    key_ = std::make_unique<SigningKey>(SigningKey::LoadOrCreate(keys_dir_, "ledger", sig_, origin_));
    Statement s(*db_, "INSERT OR IGNORE INTO ledger_keys (name, alg, vkey, created_at) VALUES (?1, ?2, ?3, ?4)");
    s.BindAll(key_->name(), SigAlgName(key_->verifier().alg()), key_->verifier().vkey(), NowIso()).Run();
  }
  return *key_;
}

VerifierKey EvidenceLog::PublicKey() {
  std::lock_guard lock(mu_);
  return KeyLocked().verifier();
}

SignedCheckpoint EvidenceLog::SignCheckpoint(std::optional<uint64_t> size) {
  std::lock_guard lock(mu_);
  const SigningKey& key = KeyLocked();
  Transaction tx(*db_);
  const uint64_t n = SizeLocked();
  const uint64_t sz = size.value_or(n);
  if (sz > n) throw Error(ErrorKind::kUsage, "the ledger has " + std::to_string(n) + " entries, not " + std::to_string(sz));
  SignedCheckpoint c;
  c.size = sz;
  c.root = TreeView(hash_, sz, [this](int l, uint64_t i) { return PerfectLocked(l, i); }).Root();
  c.note = SignNote(CheckpointText({.origin = origin_, .size = sz, .root = c.root}), key);
  c.key_name = key.name();
  c.created_at = NowIso();
  Statement s(*db_, "INSERT INTO ledger_checkpoints (tree_size, root_hash, note, key_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  s.BindAll(static_cast<int64_t>(sz), ToHex(c.root), c.note, c.key_name, c.created_at).Run();
  c.seq = std::stoll(db_->QueryText("SELECT MAX(seq) FROM ledger_checkpoints"));
  tx.Commit();
  return c;
}

namespace {

std::vector<SignedCheckpoint> ReadCheckpoints(SqliteDb& db, const char* where) {
  Statement s(db, std::string("SELECT seq, tree_size, root_hash, note, key_name, created_at FROM ledger_checkpoints ") + where);
  std::vector<SignedCheckpoint> out;
  while (s.Step()) {
    SignedCheckpoint c{.seq = s.Int(0), .size = static_cast<uint64_t>(s.Int(1)), .note = s.Text(3),
                       .key_name = s.Text(4), .created_at = s.Text(5)};
    try {
      c.root = HashFromHex(s.Text(2));
    } catch (const Error&) {
      c.root = Hash{};
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<SignedCheckpoint> EvidenceLog::Checkpoints() {
  std::lock_guard lock(mu_);
  return ReadCheckpoints(*db_, "ORDER BY seq");
}

std::optional<SignedCheckpoint> EvidenceLog::LatestCheckpoint() {
  std::lock_guard lock(mu_);
  auto v = ReadCheckpoints(*db_, "ORDER BY seq DESC LIMIT 1");
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<std::string> EvidenceLog::Verify(const std::optional<VerifierKey>& pinned,
                                             std::vector<std::string>* warnings) {
  std::vector<std::string> issues;
  std::lock_guard lock(mu_);
  std::optional<VerifierKey> key = pinned;
  // Loaded before the read transaction: creating the key pair writes ledger_keys.
  if (!key && std::stoll(db_->QueryText("SELECT COUNT(*) FROM ledger_checkpoints")) > 0) {
    // The key file when there is one, else the public key recorded when the first checkpoint
    // was signed (a copy obtained out of band is better: pass it in).
    try {
      if (!keys_dir_.empty()) {
        key = KeyLocked().verifier();
      } else {
        Statement s(*db_, "SELECT vkey FROM ledger_keys WHERE name = ?1");
        s.Bind(1, origin_);
        if (s.Step()) key = VerifierKey::Parse(s.Text(0));
      }
    } catch (const Error& e) {
      issues.push_back(std::string("cannot load the ledger's public key: ") + e.what());
    }
    if (!key) issues.push_back("no public key to check checkpoint signatures with");
  }
  // One snapshot for everything below, so a concurrent append cannot make an intact log look
  // inconsistent (entries of one size, nodes or checkpoints of another).
  db_->Exec("BEGIN");
  struct EndRead {
    SqliteDb& db;
    ~EndRead() {
      try {
        db.Exec("COMMIT");
      } catch (...) {  // a read-only transaction has nothing to lose
      }
    }
  } end_read{*db_};

  uint64_t n = 0;
  {
    // A planted row with a huge index must be reported, not used to size allocations.
    Statement s(*db_, "SELECT COUNT(*), COALESCE(MAX(idx) + 1, 0), COALESCE(MIN(idx), 0) FROM ledger_entries");
    s.Step();
    const int64_t count = s.Int(0), top = s.Int(1), low = s.Int(2);
    if (low < 0 || top != count) {
      issues.push_back("ledger entries are not numbered 0.." + std::to_string(count - 1) + ": " +
                       std::to_string(count) + " rows, indices " + std::to_string(low) + ".." +
                       std::to_string(top - 1) + " (entries were removed or inserted)");
      return issues;
    }
    n = static_cast<uint64_t>(count);
  }
  // Leaves: recompute from the stored bytes, in chunks to bound memory for the rows.
  std::vector<Hash> leaves;         // from the stored bytes: what checkpoints must match
  std::vector<Hash> stored_leaves;  // as stored: what the stored subtree hashes must match
  leaves.reserve(n);
  stored_leaves.reserve(n);
  constexpr uint64_t kChunk = 65536;
  for (uint64_t b = 0; b < n; b += kChunk) {
    for (LedgerEntry& e : EntriesLocked(b, std::min(n, b + kChunk))) {
      if (e.index != leaves.size()) {
        issues.push_back("ledger entry " + std::to_string(leaves.size()) + " is missing");
        return issues;
      }
      const std::string where = "ledger entry " + std::to_string(e.index) + " (type " + e.type + ", run " + e.run_id + ")";
      Hash h = LeafHash(hash_, e.data);
      if (h != e.leaf_hash) issues.push_back(where + ": stored bytes do not match its leaf hash");
      // Only `data` is hashed: the type and run columns are an index and must agree with it.
      nlohmann::json j = nlohmann::json::parse(e.data, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("type") || !j["type"].is_string() ||
          !j.contains("run") || !j["run"].is_string()) {
        issues.push_back(where + ": stored bytes are not a ledger event");
      } else if (j["type"].get<std::string>() != e.type || j["run"].get<std::string>() != e.run_id) {
        issues.push_back(where + ": type/run columns differ from the hashed entry (type " +
                         j["type"].get<std::string>() + ", run " + j["run"].get<std::string>() + ")");
      }
      leaves.push_back(h);
      stored_leaves.push_back(e.leaf_hash);
    }
  }
  if (leaves.size() != n) {
    issues.push_back("ledger entry " + std::to_string(leaves.size()) + " is missing");
    return issues;
  }
  // Complete subtrees, level by level from the stored leaf hashes, against the stored ones (so a
  // changed entry is reported once, as the entry, not again for every node above it).
  std::vector<std::vector<Hash>> levels{stored_leaves};
  while (levels.back().size() > 1) {
    const std::vector<Hash>& below = levels.back();
    std::vector<Hash> up(below.size() / 2);
    for (size_t i = 0; i < up.size(); ++i) up[i] = NodeHash(hash_, below[2 * i], below[2 * i + 1]);
    levels.push_back(std::move(up));
  }
  {
    Statement s(*db_, "SELECT level, idx, hash FROM ledger_nodes ORDER BY level, idx");
    uint64_t stored = 0;
    while (s.Step()) {
      const int64_t level = s.Int(0);
      const int64_t idx = s.Int(1);
      const std::string where = "ledger node (level " + std::to_string(level) + ", index " + std::to_string(idx) + ")";
      if (level < 1 || static_cast<size_t>(level) >= levels.size() || idx < 0 ||
          static_cast<size_t>(idx) >= levels[static_cast<size_t>(level)].size()) {
        issues.push_back(where + " lies outside a log of " + std::to_string(n) + " entries");
        continue;
      }
      ++stored;
      if (s.Text(2) != ToHex(levels[static_cast<size_t>(level)][static_cast<size_t>(idx)])) {
        issues.push_back(where + ": stored hash does not match the entries below it");
      }
    }
    uint64_t expected = 0;
    for (size_t l = 1; l < levels.size(); ++l) expected += levels[l].size();
    if (stored != expected) {
      issues.push_back("ledger holds " + std::to_string(stored) + " subtree hashes, " + std::to_string(expected) +
                       " expected");
    }
  }
  const TreeView truth = InMemoryTree(hash_, leaves);
  const std::vector<SignedCheckpoint> checkpoints = ReadCheckpoints(*db_, "ORDER BY seq");
  uint64_t previous_size = 0;
  for (const SignedCheckpoint& c : checkpoints) {
    const std::string where = "checkpoint #" + std::to_string(c.seq) + " (tree size " + std::to_string(c.size) + ")";
    // A log only grows: a later checkpoint of a smaller tree means a rollback was papered over.
    if (c.size < previous_size) {
      issues.push_back(where + ": smaller than an earlier checkpoint of " + std::to_string(previous_size) +
                       " entries (the log was rolled back)");
    }
    previous_size = std::max(previous_size, c.size);
    if (key) {
      NoteVerdict v = VerifyNote(c.note, *key);
      if (!v.ok) {
        issues.push_back(where + ": " + v.error);
        continue;
      }
      Checkpoint parsed;
      try {
        parsed = ParseCheckpointText(v.text);
      } catch (const Error& e) {
        issues.push_back(where + ": " + e.what());
        continue;
      }
      if (parsed.origin != origin_ || parsed.size != c.size || parsed.root != c.root) {
        issues.push_back(where + ": signed note disagrees with the stored size or root");
        continue;
      }
    }
    if (c.size > n) {
      issues.push_back(where + ": the log has only " + std::to_string(n) + " entries (entries were removed)");
      continue;
    }
    if ((c.size == 0 ? EmptyRoot(hash_) : truth.Range(0, c.size)) != c.root) {
      issues.push_back(where + ": root hash does not match the log's entries");
    }
  }
  const uint64_t covered = checkpoints.empty() ? 0 : checkpoints.back().size;
  if (warnings && n > covered) {
    warnings->push_back(std::to_string(n - covered) + " entries not yet covered by a signed checkpoint");
  }
  return issues;
}

std::vector<std::string> EvidenceLog::VerifyAgainst(const std::string& note, const VerifierKey& key) {
  NoteVerdict v = VerifyNote(note, key);
  if (!v.ok) return {"kept checkpoint: " + v.error};
  Checkpoint c;
  try {
    c = ParseCheckpointText(v.text);
  } catch (const Error& e) {
    return {std::string("kept checkpoint: ") + e.what()};
  }
  const std::string where = "kept checkpoint (tree size " + std::to_string(c.size) + ")";
  if (c.origin != origin_) return {where + ": it is for ledger " + c.origin + ", not " + origin_};
  std::lock_guard lock(mu_);
  const uint64_t n = SizeLocked();
  if (c.size > n) {
    return {where + ": the log now has only " + std::to_string(n) + " entries (it was rolled back or truncated)"};
  }
  Hash root{};
  try {
    root = TreeView(hash_, c.size, [this](int l, uint64_t i) { return PerfectLocked(l, i); }).Root();
  } catch (const Error& e) {
    return {where + ": " + e.what()};
  }
  if (root != c.root) return {where + ": the log's first " + std::to_string(c.size) + " entries have another root (they were rewritten)"};
  return {};
}

}  // namespace xf::trust
