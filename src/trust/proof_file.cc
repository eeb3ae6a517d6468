#include "trust/proof_file.h"

#include "core/error.h"

namespace xf::trust {

nlohmann::json MakeProofFile(EvidenceLog& log, uint64_t index, const SignedCheckpoint& cp) {
  if (index >= cp.size) {
    throw Error(ErrorKind::kUsage, "checkpoint of size " + std::to_string(cp.size) + " does not cover entry " +
                                       std::to_string(index));
  }
  LedgerEntry e = log.Entry(index);
  nlohmann::json path = nlohmann::json::array();
  for (const Hash& h : log.InclusionProof(index, cp.size)) path.push_back(ToHex(h));
  return {{"xfactor_proof", 1},
          {"hash_alg", HashAlgName(log.hash_alg())},
          {"origin", log.origin()},
          {"index", index},
          {"tree_size", cp.size},
          {"entry", e.data},
          {"leaf_hash", ToHex(e.leaf_hash)},
          {"inclusion", path},
          {"checkpoint", cp.note},
          {"key", log.PublicKey().vkey()}};
}

std::vector<std::string> CheckProofFile(const nlohmann::json& proof, const VerifierKey& key) {
  std::vector<std::string> issues;
  try {
    if (!proof.is_object() || proof.value("xfactor_proof", 0) != 1) {
      return {"not an xfactor proof file (missing \"xfactor_proof\": 1)"};
    }
    const HashAlg alg = ParseHashAlg(proof.at("hash_alg").get<std::string>());
    const uint64_t index = proof.at("index").get<uint64_t>();
    const uint64_t size = proof.at("tree_size").get<uint64_t>();
    const std::string entry = proof.at("entry").get<std::string>();
    NoteVerdict v = VerifyNote(proof.at("checkpoint").get<std::string>(), key);
    if (!v.ok) return {"checkpoint: " + v.error};
    Checkpoint cp = ParseCheckpointText(v.text);
    if (cp.size != size) {
      issues.push_back("tree_size " + std::to_string(size) + " differs from the signed checkpoint's " +
                       std::to_string(cp.size));
    }
    if (proof.contains("origin") && proof["origin"] != cp.origin) {
      issues.push_back("origin differs from the signed checkpoint's '" + cp.origin + "'");
    }
    const Hash leaf = LeafHash(alg, entry);
    if (proof.contains("leaf_hash") && proof["leaf_hash"].get<std::string>() != ToHex(leaf)) {
      issues.push_back("entry " + std::to_string(index) + ": bytes do not match leaf_hash");
    }
    std::vector<Hash> path;
    for (const auto& h : proof.at("inclusion")) path.push_back(HashFromHex(h.get<std::string>()));
    if (!VerifyInclusion(alg, index, cp.size, leaf, path, cp.root)) {
      issues.push_back("entry " + std::to_string(index) + ": inclusion proof does not lead to the checkpoint's root");
    }
  } catch (const nlohmann::json::exception& e) {
    issues.push_back(std::string("malformed proof file: ") + e.what());
  } catch (const Error& e) {
    issues.push_back(std::string("malformed proof file: ") + e.what());
  }
  return issues;
}

}  // namespace xf::trust
