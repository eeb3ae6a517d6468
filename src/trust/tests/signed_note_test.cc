#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/error.h"
#include "trust/signed_note.h"
#include "trust/tree_hash.h"

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
  // vkey = name "+" key hash "+" base64: the base64 may itself contain '+'.
  const std::string vkey = k.verifier().vkey();
  std::string pub = Base64Decode(vkey.substr(vkey.find('+', vkey.find('+') + 1) + 1));
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
  // The ledger's algorithm is checked against the key's, and a symlinked key file is refused.
  EXPECT_THROW(SigningKey::LoadOrCreate(dir, "ledger", SigAlg::kEd25519, "o/x"), Error);
  std::filesystem::rename(dir + "/ledger.key", dir + "/real.key");
  std::filesystem::create_symlink("real.key", dir + "/ledger.key");
  EXPECT_THROW(SigningKey::LoadOrCreate(dir, "ledger", SigAlg::kSm2, "o/x"), Error);
  std::filesystem::remove_all(dir);
}

// Processes creating the key of a fresh folder at once all end up with one key.
TEST(NoteKeys, ConcurrentLoadOrCreateAgreesOnOneKey) {
  const std::string dir = ::testing::TempDir() + "/xf_note_keys_race_" + std::to_string(getpid());
  for (int round = 0; round < 5; ++round) {
    std::filesystem::remove_all(dir);
    std::vector<std::pair<pid_t, std::string>> kids;
    for (int i = 0; i < 4; ++i) {
      const std::string out = dir + ".out" + std::to_string(i);
      pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        int rc = 1;
        try {
          std::string v = SigningKey::LoadOrCreate(dir, "ledger", SigAlg::kEd25519, "o/x").verifier().vkey();
          FILE* f = std::fopen(out.c_str(), "w");
          if (f && std::fputs(v.c_str(), f) >= 0 && std::fclose(f) == 0) rc = 0;
        } catch (...) {
        }
        _exit(rc);
      }
      kids.emplace_back(pid, out);
    }
    std::set<std::string> keys;
    for (auto& [pid, out] : kids) {
      int status = 0;
      ASSERT_EQ(waitpid(pid, &status, 0), pid);
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
      std::ifstream in(out);
      std::string v;
      std::getline(in, v);
      keys.insert(v);
      std::filesystem::remove(out);
    }
    EXPECT_EQ(keys.size(), 1u);
    const SigningKey stored = SigningKey::LoadOrCreate(dir, "ledger", SigAlg::kEd25519, "o/x");
    EXPECT_EQ(*keys.begin(), stored.verifier().vkey());
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
      EXPECT_EQ(f.path().string().find(".tmp"), std::string::npos) << f.path();  // no tmp left behind
    }
  }
  std::filesystem::remove_all(dir);
}

// Known answer: key pair and signature made by the OpenSSL 3.0 CLI, independently of this code:
//   openssl genpkey -algorithm SM2 -out k.pem
//   openssl pkeyutl -sign -in msg.txt -inkey k.pem -rawin -digest sm3
//       -pkeyopt distid:1234567812345678 -out sig.bin
// with msg.txt = "xfactor SM2 known answer\n"; keys re-encoded as signed-note texts.
constexpr const char* kSm2KatVkey =
    "kat+f6533c08+/1NNMjBZMBMGByqGSM49AgEGCCqBHM9VAYItA0IABG9w6/+I03xR7q9wHj6Rj1E23ZljhV0ZOgTVYpPwMHuh2qnWlhtfo03Lk+"
    "CVmXQaYsxDFnVPk4cKUibKw0YY5cE=";
constexpr const char* kSm2KatPrivate =
    "PRIVATE+KEY+kat+f6533c08+/1NNMjB3AgEBBCDtSTzp6U+JvtOBEWDSDlt7R1dz1tFM9scnON/yHsvDm6AKBggqgRzPVQGCLaFEA0IABG9w6/"
    "+I03xR7q9wHj6Rj1E23ZljhV0ZOgTVYpPwMHuh2qnWlhtfo03Lk+CVmXQaYsxDFnVPk4cKUibKw0YY5cE=";
constexpr const char* kSm2KatSignature =
    "MEYCIQDAceWXZnELOdiM1bh0m3xVPgrDV/w+M6rwbCiwXpROrQIhAPKTm3XeKoHk3PK4CPFQKnrzShMex7+CqobSnD156ojg";
// A NIST P-256 key dressed up with the SM2 type bytes (same tool, -algorithm EC).
constexpr const char* kP256AsSm2Private =
    "PRIVATE+KEY+p256+742318a7+/1NNMjB3AgEBBCBhWC/D1mqQWkXxt/WMUtSE8GlFbXV/cz2107m/GsY6caAKBggqhkjOPQMBB6FEA0IABJNbajFf"
    "fsHzBfNqH+BzSXRoAF8JJic+Bm2M1j+thZzALmr/Dli7Ubm1K9dl355FdStLGqkSQMZHhsXkUqF/qIs=";

TEST(Sm2KnownAnswer, VerifiesAnOpenSslSignatureAndRefusesANonSm2Key) {
  const std::string msg = "xfactor SM2 known answer\n";
  const VerifierKey vk = VerifierKey::Parse(kSm2KatVkey);
  ASSERT_EQ(vk.alg(), SigAlg::kSm2);
  const std::string sig = Base64Decode(kSm2KatSignature);
  EXPECT_TRUE(vk.Verify(msg, sig));
  EXPECT_FALSE(vk.Verify("xfactor SM2 known answer!\n", sig));
  // The private key OpenSSL made loads as SM2, has the same public key and signs verifiably.
  const SigningKey sk = SigningKey::FromPrivateText(kSm2KatPrivate);
  EXPECT_EQ(sk.verifier().vkey(), vk.vkey());
  EXPECT_TRUE(vk.Verify(msg, sk.Sign(msg)));
  EXPECT_THROW(SigningKey::FromPrivateText(kP256AsSm2Private), Error);
}

}  // namespace
}  // namespace xf::trust
