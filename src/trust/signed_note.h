// Checkpoints as C2SP signed notes (https://c2sp.org/signed-note, https://c2sp.org/tlog-checkpoint):
//
//   <origin>\n<tree size, decimal>\n<base64 root hash>\n
//   \n
//   — <key name> <base64(4-byte key hash || signature)>\n
//
// The signature covers the note text up to and including its last newline (not the blank line).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "trust/note_keys.h"
#include "trust/tree_hash.h"

namespace xf::trust {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
};

std::string CheckpointText(const Checkpoint& c);
// Error(kData) naming the line that is malformed.
Checkpoint ParseCheckpointText(std::string_view text);

// text (ending in '\n') + blank line + one signature line by `key`.
std::string SignNote(std::string_view text, const SigningKey& key);

struct NoteVerdict {
  bool ok = false;
  std::string text;   // the signed text, when the note is well formed
  std::string error;  // why not, when !ok
};
// Checks the note's form and that it carries a valid signature by `key` (lines by other keys are
// ignored, as the spec requires).
NoteVerdict VerifyNote(std::string_view note, const VerifierKey& key);

}  // namespace xf::trust
