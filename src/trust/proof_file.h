// The self-contained proof an auditor checks offline with nothing but the log's public key:
// one entry (its exact leaf bytes), an inclusion proof, and the signed checkpoint it leads to.
//
//   {"xfactor_proof": 1, "hash_alg": "sha256", "origin": "...", "index": 7, "tree_size": 42,
//    "entry": "<leaf bytes>", "leaf_hash": "<hex>", "inclusion": ["<hex>", ...],
//    "checkpoint": "<signed note>", "key": "<vkey>"}
//
// The "key" field is informational: verification uses the key the auditor supplies.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "trust/evidence_log.h"

namespace xf::trust {

// For entry `index` under checkpoint `cp` (which must cover it).
nlohmann::json MakeProofFile(EvidenceLog& log, uint64_t index, const SignedCheckpoint& cp);

// Empty when the proof holds; otherwise one line per failed check (signature, checkpoint form,
// leaf hash, inclusion path), naming it.
std::vector<std::string> CheckProofFile(const nlohmann::json& proof, const VerifierKey& key);

}  // namespace xf::trust
