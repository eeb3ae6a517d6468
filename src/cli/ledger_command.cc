// `xfactor ledger …`: the workspace's evidence ledger (docs/ledger.md) — verify it end to end,
// show it, cut an offline proof for one entry, check such a proof with only the public key, and
// export everything an outside auditor needs.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "catalog/run_anchor.h"
#include "catalog/workspace.h"
#include "cli/commands.h"
#include "cli/read_options.h"
#include "core/error.h"
#include "trust/evidence_log.h"
#include "trust/proof_file.h"

namespace xf::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

struct LedgerArgs {
  std::string workspace = catalog::kDefaultWorkspaceDir;
  bool json = false;
  int64_t entries = 20;
  uint64_t index = 0;
  int64_t size = -1;
  std::string out;
  std::string file;
  std::string key;
  std::string checkpoint;
  std::string hash = "sha256";
  std::string sig = "ed25519";
};

std::string ReadText(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kUsage, std::string("cannot read ") + what, SourceContext{.file = path});
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error(ErrorKind::kIo, "cannot write", SourceContext{.file = path});
}

std::unique_ptr<catalog::Workspace> OpenExisting(const std::string& dir) {
  if (!catalog::Workspace::Exists(dir)) {
    throw Error(ErrorKind::kUsage, "no workspace at '" + dir + "' (run a scenario first, or pass --workspace)");
  }
  return catalog::Workspace::Open(dir);
}

trust::VerifierKey ReadKey(const std::string& path) {
  try {
    return trust::VerifierKey::Parse(ReadText(path, "public key file"));
  } catch (Error& e) {
    throw e.WithFile(path);
  }
}

void Verify(const LedgerArgs& a) {
  auto ws = OpenExisting(a.workspace);
  trust::EvidenceLog& log = ws->Ledger();
  std::optional<trust::VerifierKey> key;
  if (!a.key.empty()) key = ReadKey(a.key);
  std::vector<std::string> warnings;
  std::vector<std::string> issues = log.Verify(key, &warnings);
  if (!a.checkpoint.empty()) {
    // The workspace's own key cannot vouch for a workspace someone rewrote: prefer --key.
    const trust::VerifierKey k = key ? *key : log.PublicKey();
    std::vector<std::string> kept = log.VerifyAgainst(ReadText(a.checkpoint, "checkpoint file"), k);
    for (std::string& i : kept) i += " [" + a.checkpoint + "]";
    issues.insert(issues.end(), kept.begin(), kept.end());
  }
  std::vector<std::string> files = catalog::VerifyRecordedFiles(*ws);
  issues.insert(issues.end(), files.begin(), files.end());
  const uint64_t n = log.Size();
  const size_t checkpoints = log.Checkpoints().size();
  for (const std::string& w : warnings) std::printf("warning: %s\n", w.c_str());
  if (!key) {
    std::printf("note: signatures were checked with the workspace's own key; pass --key PUB to check them "
                "against a public key you hold\n");
  }
  for (const std::string& i : issues) std::printf("MISMATCH %s\n", i.c_str());
  if (!issues.empty()) {
    throw Error(ErrorKind::kData, "ledger verification failed: " + std::to_string(issues.size()) +
                                      " mismatch(es) in workspace '" + ws->root() + "'");
  }
  std::printf("ok: %llu entries, %zu checkpoints and every recorded file verify (%s, key %s)\n",
              static_cast<unsigned long long>(n), checkpoints, trust::HashAlgName(log.hash_alg()),
              checkpoints ? log.PublicKey().vkey().c_str() : "not yet created");
}

ordered_json Summary(trust::EvidenceLog& log) {
  const uint64_t n = log.Size();
  ordered_json j;
  j["origin"] = log.origin();
  j["hash_alg"] = trust::HashAlgName(log.hash_alg());
  j["signature_alg"] = trust::SigAlgName(log.sig_alg());
  j["size"] = n;
  j["root_hash"] = trust::ToHex(log.Root(n));
  auto cp = log.LatestCheckpoint();
  j["checkpoints"] = log.Checkpoints().size();
  j["latest_checkpoint"] = cp ? ordered_json(cp->note) : ordered_json();
  j["public_key"] = cp ? ordered_json(log.PublicKey().vkey()) : ordered_json();
  return j;
}

void Show(const LedgerArgs& a) {
  auto ws = OpenExisting(a.workspace);
  trust::EvidenceLog& log = ws->Ledger();
  ordered_json j = Summary(log);
  const uint64_t n = log.Size();
  const uint64_t from = a.entries < 0 || static_cast<uint64_t>(a.entries) >= n ? 0 : n - static_cast<uint64_t>(a.entries);
  std::vector<trust::LedgerEntry> entries = log.Entries(from, n);
  if (a.json) {
    ordered_json list = ordered_json::array();
    for (const auto& e : entries) {
      list.push_back({{"index", e.index}, {"type", e.type}, {"run", e.run_id}, {"leaf_hash", trust::ToHex(e.leaf_hash)},
                      {"entry", ordered_json::parse(e.data, nullptr, false)}});
    }
    j["entries"] = list;
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("ledger      %s\nalgorithms  %s, %s\nentries     %llu\nroot        %s\ncheckpoints %zu\n",
              log.origin().c_str(), j["hash_alg"].get<std::string>().c_str(),
              j["signature_alg"].get<std::string>().c_str(), static_cast<unsigned long long>(n),
              j["root_hash"].get<std::string>().c_str(), j["checkpoints"].get<size_t>());
  if (!j["public_key"].is_null()) std::printf("public key  %s\n", j["public_key"].get<std::string>().c_str());
  if (!j["latest_checkpoint"].is_null()) {
    std::printf("\nlatest checkpoint:\n%s", j["latest_checkpoint"].get<std::string>().c_str());
  }
  if (!entries.empty()) std::printf("\n%-8s %-12s %-44s %s\n", "INDEX", "TYPE", "RUN", "ENTRY");
  for (const auto& e : entries) {
    std::string data = e.data.size() > 120 ? e.data.substr(0, 117) + "..." : e.data;
    std::printf("%-8llu %-12s %-44s %s\n", static_cast<unsigned long long>(e.index), e.type.c_str(),
                e.run_id.c_str(), data.c_str());
  }
}

void Proof(const LedgerArgs& a) {
  auto ws = OpenExisting(a.workspace);
  trust::EvidenceLog& log = ws->Ledger();
  const uint64_t n = log.Size();
  if (a.index >= n) {
    throw Error(ErrorKind::kUsage, "no ledger entry " + std::to_string(a.index) + " (the ledger has " +
                                       std::to_string(n) + " entries)");
  }
  std::optional<trust::SignedCheckpoint> cp;
  if (a.size >= 0) {
    // Checked before anything is signed or stored: no checkpoint for a request that fails.
    if (a.index >= static_cast<uint64_t>(a.size)) {
      throw Error(ErrorKind::kUsage, "entry " + std::to_string(a.index) + " is not in the tree of " +
                                         std::to_string(a.size) + " entries (--size must exceed the index)");
    }
    if (static_cast<uint64_t>(a.size) > n) {
      throw Error(ErrorKind::kUsage, "--size " + std::to_string(a.size) + " exceeds the ledger's " +
                                         std::to_string(n) + " entries");
    }
    for (const auto& c : log.Checkpoints()) {
      if (c.size == static_cast<uint64_t>(a.size)) cp = c;
    }
    if (!cp) cp = log.SignCheckpoint(static_cast<uint64_t>(a.size));
  } else {
    cp = log.LatestCheckpoint();
    if (!cp || cp->size <= a.index) cp = log.SignCheckpoint();
  }
  nlohmann::json proof = trust::MakeProofFile(log, a.index, *cp);
  WriteText(a.out, proof.dump(2) + "\n");
  std::printf("wrote the proof of entry %llu in the tree of %llu entries to %s\n",
              static_cast<unsigned long long>(a.index), static_cast<unsigned long long>(cp->size), a.out.c_str());
}

void CheckProof(const LedgerArgs& a) {
  trust::VerifierKey key = ReadKey(a.key);
  nlohmann::json proof = nlohmann::json::parse(ReadText(a.file, "proof file"), nullptr, false);
  if (proof.is_discarded()) throw Error(ErrorKind::kData, "proof file is not JSON", SourceContext{.file = a.file});
  std::vector<std::string> issues = trust::CheckProofFile(proof, key);
  for (const std::string& i : issues) std::printf("MISMATCH %s\n", i.c_str());
  if (!issues.empty()) {
    throw Error(ErrorKind::kData, "the proof does not hold", SourceContext{.file = a.file});
  }
  std::printf("ok: entry %llu is in the log '%s' of %llu entries, checkpoint signed by %s\n%s\n",
              static_cast<unsigned long long>(proof["index"].get<uint64_t>()), key.name().c_str(),
              static_cast<unsigned long long>(proof["tree_size"].get<uint64_t>()), key.name().c_str(),
              proof["entry"].get<std::string>().c_str());
}

void Export(const LedgerArgs& a) {
  auto ws = OpenExisting(a.workspace);
  trust::EvidenceLog& log = ws->Ledger();
  const fs::path out(a.out);
  fs::create_directories(out / "checkpoints");
  const uint64_t n = log.Size();
  {
    std::ofstream f(out / "entries.jsonl", std::ios::binary | std::ios::trunc);
    for (uint64_t b = 0; b < n; b += 65536) {
      for (const auto& e : log.Entries(b, std::min(n, b + 65536))) {
        // "data" is the exact leaf text: hash 0x00 || data to get leaf_hash.
        f << nlohmann::json{{"index", e.index}, {"leaf_hash", trust::ToHex(e.leaf_hash)}, {"data", e.data}}.dump()
          << "\n";
      }
    }
    if (!f) throw Error(ErrorKind::kIo, "cannot write entries.jsonl", SourceContext{.file = out.string()});
  }
  size_t count = 0;
  for (const auto& c : log.Checkpoints()) {
    WriteText((out / "checkpoints" / (std::to_string(c.seq) + ".note")).string(), c.note);
    ++count;
  }
  WriteText((out / "ledger.pub").string(), log.PublicKey().vkey() + "\n");
  ordered_json j = Summary(log);
  WriteText((out / "ledger.json").string(), j.dump(2) + "\n");
  std::printf("exported %llu entries, %zu checkpoints and the public key to %s\n",
              static_cast<unsigned long long>(n), count, out.string().c_str());
}

void Init(const LedgerArgs& a) {
  auto ws = catalog::Workspace::Open(a.workspace);
  const trust::HashAlg hash = trust::ParseHashAlg(a.hash);
  const trust::SigAlg sig = trust::ParseSigAlg(a.sig);
  trust::EvidenceLog& log = ws->Ledger(hash, sig);
  if (log.hash_alg() != hash || log.sig_alg() != sig) {
    throw Error(ErrorKind::kUsage, std::string("the ledger already exists with ") + trust::HashAlgName(log.hash_alg()) +
                                       " and " + trust::SigAlgName(log.sig_alg()) + "; algorithms are fixed at creation");
  }
  std::printf("ledger %s: %s, %s; public key %s\n", log.origin().c_str(), trust::HashAlgName(log.hash_alg()),
              trust::SigAlgName(log.sig_alg()), log.PublicKey().vkey().c_str());
}

}  // namespace

void AddLedgerCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("ledger", "The workspace's tamper-evident evidence ledger (存证)");
  cmd->require_subcommand(1);

  auto v = std::make_shared<LedgerArgs>();
  auto* verify = cmd->add_subcommand(
      "verify", "Recompute the whole log, check every checkpoint signature and re-hash every recorded file");
  AddWorkspaceOption(*verify, &v->workspace);
  verify->add_option("--key", v->key, "Public key file (vkey) to check signatures with instead of the workspace's");
  verify->add_option("--checkpoint", v->checkpoint,
                     "Signed checkpoint note kept outside the workspace (from report.html or `ledger show`): "
                     "the log must still extend it");
  verify->final_callback([v] { Verify(*v); });

  auto s = std::make_shared<LedgerArgs>();
  auto* show = cmd->add_subcommand("show", "Summary, latest checkpoint and the last entries");
  AddWorkspaceOption(*show, &s->workspace);
  show->add_flag("--json", s->json, "Print JSON");
  show->add_option("--entries", s->entries, "How many of the last entries to list (default 20; -1: all)");
  show->final_callback([s] { Show(*s); });

  auto p = std::make_shared<LedgerArgs>();
  auto* proof = cmd->add_subcommand("proof", "Write an offline-checkable inclusion proof of one entry");
  AddWorkspaceOption(*proof, &p->workspace);
  proof->add_option("index", p->index, "Ledger index of the entry")->required();
  proof->add_option("--size", p->size, "Tree size of the checkpoint to prove against (default: latest)");
  proof->add_option("--out", p->out, "Proof file to write (JSON)")->required();
  proof->final_callback([p] { Proof(*p); });

  auto c = std::make_shared<LedgerArgs>();
  auto* check = cmd->add_subcommand("check-proof", "Check a proof file offline with only the public key");
  check->add_option("file", c->file, "Proof file from `ledger proof`")->required();
  check->add_option("--key", c->key, "Public key file (the vkey line from `ledger export`)")->required();
  check->final_callback([c] { CheckProof(*c); });

  auto e = std::make_shared<LedgerArgs>();
  auto* exp = cmd->add_subcommand("export", "Write entries, checkpoints and the public key to a folder");
  AddWorkspaceOption(*exp, &e->workspace);
  exp->add_option("--out", e->out, "Folder to write")->required();
  exp->final_callback([e] { Export(*e); });

  auto i = std::make_shared<LedgerArgs>();
  auto* init = cmd->add_subcommand("init", "Create the ledger with chosen algorithms (before the first run)");
  AddWorkspaceOption(*init, &i->workspace);
  init->add_option("--hash", i->hash, "sha256 (default) or sm3");
  init->add_option("--sig", i->sig, "ed25519 (default) or sm2");
  init->final_callback([i] { Init(*i); });
}

}  // namespace xf::cli
