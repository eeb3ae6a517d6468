// What a run provides to its steps beyond tables: where scenario-level evidence goes and where
// masking keys come from. The caller (the workspace, a test) owns both; either may be absent.
#pragma once

#include <string>

namespace xf::trust {
class EvidenceLog;
}  // namespace xf::trust

namespace xf::govern {
class KeyRing;
class QualityLog;
}  // namespace xf::govern

namespace xf::pipeline {

struct RunServices {
  // The run's evidence ledger, for the `evidence` step; null when the run keeps no ledger.
  trust::EvidenceLog* evidence = nullptr;
  // The run's id, stored with each evidence entry a step appends; empty outside a workspace.
  std::string run_id;
  // Keys for keyed masking (HMAC-SHA256 / SM3, tokenisation) by name; null: none are available.
  const govern::KeyRing* keys = nullptr;
  // Where `validate` steps put their quality results; the runner provides one per run.
  govern::QualityLog* quality = nullptr;
};

}  // namespace xf::pipeline
