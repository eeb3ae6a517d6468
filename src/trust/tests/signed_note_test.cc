#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "core/error.h"
#include "trust/signed_note.h"

namespace xf::trust {
namespace {

class NoteTest : public ::testing::TestWithParam<SigAlg> {};

TEST_P(NoteTest, SignVerifyAndTamper) {
  SigningKey key = SigningKey::Generate(GetParam(), "example.com/log");
  Checkpoint cp{.origin = "example.com/log", .size = 12345, .root = Digest(HashAlg::kSha256, "x")};
  const std::string note = SignNote(CheckpointText(cp), key);
  // Form: text, blank line, "— name base64".
  ASSERT_NE(note.find("example.com/log\n12345\n"), std::string::npos);
  ASSERT_NE(note.find("\n\n\xE2\x80\x94 example.com/log "), std::string::npos);

  VerifierKey vk = VerifierKey::Parse(key.verifier().vkey());
  EXPECT_EQ(vk.vkey(), key.verifier().vkey());
  NoteVerdict v = VerifyNote(note, vk);
  ASSERT_TRUE(v.ok) << v.error;
  Checkpoint back = ParseCheckpointText(v.text);
  EXPECT_EQ(back.origin, cp.origin);
  EXPECT_EQ(back.size, cp.size);
  EXPECT_EQ(back.root, cp.root);

  // Any changed byte of the text or the signature fails.
  for (size_t i = 0; i < note.size(); ++i) {
    if (note[i] == '\n') continue;
    std::string bad = note;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(VerifyNote(bad, vk).ok) << "byte " << i;
  }
  // Another key of the same name does not verify; the private key round-trips.
  SigningKey other = SigningKey::Generate(GetParam(), "example.com/log");
  EXPECT_FALSE(VerifyNote(note, other.verifier()).ok);
  SigningKey again = SigningKey::FromPrivateText(key.PrivateText());
  EXPECT_EQ(again.verifier().vkey(), key.verifier().vkey());
  EXPECT_TRUE(VerifyNote(SignNote("hello\n", again), vk).ok);
  // A vkey with a wrong key hash is rejected.
  std::string vkey = key.verifier().vkey();
  vkey[vkey.find('+') + 1] = vkey[vkey.find('+') + 1] == '0' ? '1' : '0';
  EXPECT_THROW(VerifierKey::Parse(vkey), Error);
}

INSTANTIATE_TEST_SUITE_P(Algs, NoteTest, ::testing::Values(SigAlg::kEd25519, SigAlg::kSm2),
                         [](const auto& info) { return std::string(SigAlgName(info.param)); });

TEST(NoteKeys, Ed25519KeyHashFollowsSignedNoteSpec) {
  // The key hash is SHA-256(name || "\n" || 0x01 || public key)[0:4].
  SigningKey k = SigningKey::Generate(SigAlg::kEd25519, "n");
  std::string pub = Base64Decode(k.verifier().vkey().substr(k.verifier().vkey().rfind('+') + 1));
  ASSERT_EQ(pub.size(), 33u);
  ASSERT_EQ(pub[0], '\x01');
  Hash h = Digest(HashAlg::kSha256, "n\n", pub);
  EXPECT_EQ(k.verifier().key_hash(), (uint32_t{h[0]} << 24) | (uint32_t{h[1]} << 16) | (uint32_t{h[2]} << 8) | h[3]);
}

TEST(NoteKeys, LoadOrCreateWritesPrivateKey0600AndReloads) {
  const std::string dir = ::testing::TempDir() + "/xf_note_keys";
  std::filesystem::remove_all(dir);
  SigningKey a = SigningKey::LoadOrCreate(dir, "ledger", SigAlg::kSm2, "o/x");
  struct stat st {};
  ASSERT_EQ(stat((dir + "/ledger.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  SigningKey b = SigningKey::LoadOrCreate(dir, "ledger", SigAlg::kSm2, "o/x");
  EXPECT_EQ(a.verifier().vkey(), b.verifier().vkey());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xf::trust
