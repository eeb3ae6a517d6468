#include "trust/signed_note.h"

#include <charconv>
#include <vector>

#include "core/error.h"

namespace xf::trust {

namespace {

const std::string kDash = "\xE2\x80\x94 ";  // U+2014 em dash, then a space

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace

std::string CheckpointText(const Checkpoint& c) {
  return c.origin + "\n" + std::to_string(c.size) + "\n" + Base64Encode(AsBytes(c.root)) + "\n";
}

Checkpoint ParseCheckpointText(std::string_view text) {
  std::vector<std::string_view> lines = Lines(text);
  if (lines.size() < 3 || text.empty() || text.back() != '\n') {
    throw Error(ErrorKind::kData, "checkpoint must have origin, size and root hash lines");
  }
  Checkpoint c;
  c.origin = std::string(lines[0]);
  if (c.origin.empty()) throw Error(ErrorKind::kData, "checkpoint line 1: empty origin");
  auto [p, ec] = std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), c.size);
  if (ec != std::errc() || p != lines[1].data() + lines[1].size() || lines[1].empty() ||
      (lines[1].size() > 1 && lines[1][0] == '0')) {
    throw Error(ErrorKind::kData, "checkpoint line 2: tree size '" + std::string(lines[1]) + "' is not a decimal number");
  }
  std::string root = Base64Decode(lines[2]);
  if (root.size() != 32) throw Error(ErrorKind::kData, "checkpoint line 3: root hash is not 32 bytes");
  std::copy(root.begin(), root.end(), c.root.begin());
  return c;
}

std::string SignNote(std::string_view text, const SigningKey& key) {
  XF_CHECK(!text.empty() && text.back() == '\n');
  const uint32_t h = key.verifier().key_hash();
  std::string blob{static_cast<char>(h >> 24), static_cast<char>(h >> 16), static_cast<char>(h >> 8),
                   static_cast<char>(h)};
  blob += key.Sign(text);
  return std::string(text) + "\n" + kDash + key.name() + " " + Base64Encode(blob) + "\n";
}

NoteVerdict VerifyNote(std::string_view note, const VerifierKey& key) {
  NoteVerdict v;
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos || note.empty() || note.back() != '\n') {
    v.error = "not a signed note (no blank line before the signatures)";
    return v;
  }
  for (unsigned char c : note) {
    if (c < 0x20 && c != '\n') {
      v.error = "note contains a control character";
      return v;
    }
  }
  v.text = std::string(note.substr(0, split + 1));
  bool seen = false;
  for (std::string_view line : Lines(note.substr(split + 2))) {
    if (line.substr(0, kDash.size()) != kDash) {
      v.error = "malformed signature line '" + std::string(line) + "'";
      return v;
    }
    line.remove_prefix(kDash.size());
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) {
      v.error = "malformed signature line (no signature)";
      return v;
    }
    if (line.substr(0, sp) != key.name()) continue;
    std::string blob;
    try {
      blob = Base64Decode(line.substr(sp + 1));
    } catch (const Error&) {
      v.error = "signature by '" + key.name() + "' is not base64";
      return v;
    }
    if (blob.size() < 5) continue;
    const uint32_t h = (uint32_t{static_cast<uint8_t>(blob[0])} << 24) | (uint32_t{static_cast<uint8_t>(blob[1])} << 16) |
                       (uint32_t{static_cast<uint8_t>(blob[2])} << 8) | static_cast<uint8_t>(blob[3]);
    if (h != key.key_hash()) continue;
    seen = true;
    if (key.Verify(v.text, std::string_view(blob).substr(4))) {
      v.ok = true;
      return v;
    }
  }
  v.error = seen ? "signature by '" + key.name() + "' does not verify (note text or signature changed)"
                 : "note carries no signature by key '" + key.name() + "'";
  return v;
}

}  // namespace xf::trust
