#include "catalog/run_anchor.h"

#include <filesystem>
#include <optional>
#include <set>

#include "core/content_hash.h"
#include "core/error.h"
#include "trust/evidence_log.h"

namespace xf::catalog {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Paths inside the workspace are stored relative to it, so a copied workspace still verifies.
std::string RelativeToWorkspace(const Workspace& ws, const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  fs::path rel = p.lexically_relative(ws.root());
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return p.generic_string();
}

std::string Resolve(const Workspace& ws, const std::string& stored) {
  fs::path p(stored);
  return p.is_absolute() ? p.string() : (fs::path(ws.root()) / p).string();
}

json DatasetFields(Workspace& ws, const std::string& table, const DatasetRef& ref) {
  std::optional<DatasetVersion> d = ws.FindDataset(ref.name, ref.version);
  if (!d) throw Error(ErrorKind::kInternal, "anchoring: dataset " + ref.name + " is not in the catalog");
  return {{"table", table},
          {"dataset", d->name},
          {"version", d->version},
          {"content_hash", d->content_hash},
          {"rows", d->rows},
          {"file", d->path},
          {"file_sha256", FileSha256(Resolve(ws, d->path))}};
}

// The quality section as scores and counts only: a rule's failing-row examples quote raw values
// (possibly personal data), and the ledger is append-only, so they stay in report.json.
json ScoresOnly(const json& j) {
  if (j.is_array()) {
    json out = json::array();
    for (const json& v : j) out.push_back(ScoresOnly(v));
    return out;
  }
  if (!j.is_object()) return j;
  json out = json::object();
  for (const auto& [k, v] : j.items()) {
    if (k != "examples") out[k] = ScoresOnly(v);
  }
  return out;
}

// Recorded paths are resolved only inside the workspace: a path outside it (absolute, or with
// `..`) would make verify read any file the ledger names.
std::optional<std::string> ResolveInside(const Workspace& ws, const std::string& stored) {
  const fs::path root = fs::path(ws.root()).lexically_normal();
  fs::path p(stored);
  if (p.is_absolute()) {
    fs::path rel = p.lexically_normal().lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") return std::nullopt;
    p = rel;
  }
  for (const fs::path& part : p) {
    if (part == "..") return std::nullopt;
  }
  if (p.empty()) return std::nullopt;
  return (root / p).string();
}

}  // namespace

json AnchorRun(Workspace& ws, const RunAnchor& a) {
  trust::EvidenceLog& log = ws.Ledger();
  std::vector<trust::Event> events;
  const RunStart& s = a.start;
  events.push_back({"run_start", a.run_id,
                    {{"scenario", s.scenario},
                     {"spec_path", s.spec_path},
                     {"spec_hash", s.spec_hash},
                     {"engine_version", s.engine_version},
                     {"seed", s.seed ? json(*s.seed) : json()},
                     {"scale", s.scale ? json(*s.scale) : json()},
                     {"data", a.data}}});
  for (const auto& [table, ref] : a.inputs) events.push_back({"input", a.run_id, DatasetFields(ws, table, ref)});
  for (const auto& [table, ref] : a.outputs) events.push_back({"output", a.run_id, DatasetFields(ws, table, ref)});
  for (const ExportRecord& e : ws.Exports(a.run_id)) {
    events.push_back({"export", a.run_id,
                      {{"dataset", e.dataset.name},
                       {"version", e.dataset.version},
                       {"path", RelativeToWorkspace(ws, e.file_path)},
                       {"sha256", e.sha256},
                       {"bytes", e.bytes}}});
  }
  events.push_back({"quality", a.run_id, {{"summary", ScoresOnly(a.quality)}}});
  events.push_back({"run_end", a.run_id, {{"status", a.status}}});
  std::vector<uint64_t> idx = log.AppendBatch(events);
  trust::SignedCheckpoint cp = log.SignCheckpoint();
  return {{"first_index", idx.front()},
          {"last_index", idx.back()},
          {"tree_size", cp.size},
          {"root_hash", trust::ToHex(cp.root)},
          {"hash_alg", trust::HashAlgName(log.hash_alg())},
          {"checkpoint", cp.note},
          {"key_name", cp.key_name},
          {"public_key", log.PublicKey().vkey()}};
}

std::vector<std::string> VerifyRecordedFiles(Workspace& ws) {
  std::vector<std::string> issues;
  trust::EvidenceLog& log = ws.Ledger();
  const uint64_t n = log.Size();
  constexpr uint64_t kChunk = 4096;
  std::set<std::string> checked;  // a dataset file reused by many runs is hashed once
  // Walk by the indices actually present: a planted row with a huge index (which Verify reports)
  // must not make this loop over empty ranges.
  for (uint64_t b = 0; b < n;) {
    const std::vector<trust::LedgerEntry> chunk = log.Entries(b, b + std::min(n - b, kChunk));
    if (chunk.empty()) break;
    b = chunk.back().index + 1;
    for (const trust::LedgerEntry& e : chunk) {
      // The type and fields come from the hashed bytes only: the type column is not hashed.
      json j = json::parse(e.data, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("fields") || !j["fields"].is_object() ||
          !j.contains("type") || !j["type"].is_string()) {
        continue;  // Verify() reports bytes that are not an event
      }
      const std::string type = j["type"].get<std::string>();
      if (type != "input" && type != "output" && type != "export") continue;
      const json& f = j["fields"];
      const bool is_export = type == "export";
      const std::string path = f.value(is_export ? "path" : "file", "");
      const std::string want = f.value(is_export ? "sha256" : "file_sha256", "");
      if (path.empty() || want.empty() || !checked.insert(path + "\n" + want).second) continue;
      const std::string what = std::string(is_export ? "exported file " : "dataset file ") + path + " (" +
                               f.value("dataset", "") + " v" + std::to_string(f.value("version", 0)) +
                               ", ledger entry " + std::to_string(e.index) + ", run " + j.value("run", std::string()) + ")";
      const std::optional<std::string> inside = ResolveInside(ws, path);
      if (!inside) {
        issues.push_back(what + ": path lies outside the workspace, not checked");
        continue;
      }
      const std::string& full = *inside;
      std::error_code ec;
      if (!fs::is_regular_file(full, ec)) {
        issues.push_back(what + ": file is missing");
        continue;
      }
      std::string got;
      try {
        got = FileSha256(full);
      } catch (const Error& err) {
        issues.push_back(what + ": " + err.what());
        continue;
      }
      if (got != want) issues.push_back(what + ": SHA-256 " + got + " differs from the recorded " + want);
    }
  }
  return issues;
}

}  // namespace xf::catalog
