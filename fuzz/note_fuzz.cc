// Arbitrary bytes through the checkpoint and proof-file code of the evidence ledger, with one
// fixed Ed25519 key (the seeds in fuzz/corpus/note are a note and a proof file it signed). Each
// input is tried as:
//   - a signed note (VerifyNote): a verdict, never an exception; an accepted note's text is a
//     prefix of the note ending in '\n';
//   - checkpoint text (ParseCheckpointText): a checkpoint or xf::Error; a parsed checkpoint
//     prints and parses back to itself;
//   - note text to sign: whatever the text, SignNote then VerifyNote gives it back;
//   - a proof file (CheckProofFile): a list of issues, never an exception; a proof with no
//     issues names an entry inside its tree;
//   - a vkey and a private key (VerifierKey::Parse, SigningKey::FromPrivateText).
// Only xf::Error may escape a parser, and only where the API documents it.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"
#include "trust/note_keys.h"
#include "trust/proof_file.h"
#include "trust/signed_note.h"

namespace {

// Generated once (SigningKey::Generate(kEd25519, ...)); a test key, it signs nothing real.
constexpr std::string_view kPrivateKey =
    "PRIVATE+KEY+xfactor.ledger/6fafeb1534e2ee7b+40bc1a13+"
    "AVle1bQg0AkhKzkuc4dYYihpoqyT2pXQqf/Cs9AcIWip";
constexpr std::string_view kVkey =
    "xfactor.ledger/6fafeb1534e2ee7b+40bc1a13+ASmnLKYOsQ3KL4Zw48NLDeOzHmbH9ByHvmq8vcMMl0jr";

const xf::trust::SigningKey& Key() {
  static const xf::trust::SigningKey key = [] {
    xf::trust::SigningKey k = xf::trust::SigningKey::FromPrivateText(kPrivateKey);
    if (k.verifier().vkey() != kVkey) __builtin_trap();
    return k;
  }();
  return key;
}

bool Signable(std::string_view text) {
  if (text.empty() || text.back() != '\n') return false;
  for (const unsigned char c : text) {
    if (c < 0x20 && c != '\n') return false;
  }
  return true;
}

void TryNote(std::string_view bytes) {
  const xf::trust::NoteVerdict v = xf::trust::VerifyNote(bytes, Key().verifier());
  if (v.ok != v.error.empty()) __builtin_trap();
  if (!v.ok) return;
  if (v.text.empty() || v.text.back() != '\n' || !bytes.starts_with(v.text)) __builtin_trap();
  try {
    (void)xf::trust::ParseCheckpointText(v.text);
  } catch (const xf::Error&) {
  }
}

void TryCheckpoint(std::string_view bytes) {
  xf::trust::Checkpoint c;
  try {
    c = xf::trust::ParseCheckpointText(bytes);
  } catch (const xf::Error&) {
    return;
  }
  const std::string text = xf::trust::CheckpointText(c);
  const xf::trust::Checkpoint back = xf::trust::ParseCheckpointText(text);
  if (back.origin != c.origin || back.size != c.size || back.root != c.root) __builtin_trap();
}

void TrySign(std::string_view bytes) {
  if (!Signable(bytes)) return;
  const std::string note = xf::trust::SignNote(bytes, Key());
  const xf::trust::NoteVerdict v = xf::trust::VerifyNote(note, Key().verifier());
  if (!v.ok || v.text != bytes) __builtin_trap();
}

void TryProof(std::string_view bytes) {
  const nlohmann::json proof = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (proof.is_discarded()) return;
  const std::vector<std::string> issues = xf::trust::CheckProofFile(proof, Key().verifier());
  if (!issues.empty()) return;
  if (proof.at("index").get<uint64_t>() >= proof.at("tree_size").get<uint64_t>()) __builtin_trap();
}

void TryKeys(std::string_view bytes) {
  try {
    (void)xf::trust::VerifierKey::Parse(bytes);
  } catch (const xf::Error&) {
  }
  try {
    (void)xf::trust::SigningKey::FromPrivateText(bytes);
  } catch (const xf::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  TryNote(bytes);
  TryCheckpoint(bytes);
  TrySign(bytes);
  TryProof(bytes);
  TryKeys(bytes);
  return 0;
}
