// Signing keys for checkpoints, in the encodings of the C2SP signed-note spec:
//
//   key hash  = SHA-256(name || 0x0A || type || public key)[0:4], big-endian
//   vkey      = <name>+<8 hex key hash>+<base64(type || public key)>          (shareable)
//   private   = PRIVATE+KEY+<name>+<8 hex key hash>+<base64(type || secret)>  (mode 0600)
//
// Ed25519 (libsodium): type 0x01 as in the spec; public key 32 raw bytes; secret the 32-byte seed.
// SM2 (OpenSSL 3, GB/T 32918 with SM3): C2SP assigns no type, so we use the spec's 0xFF escape
// for types defined elsewhere followed by the ASCII label "SM2" — type = FF 53 4D 32. The public
// key is the DER SubjectPublicKeyInfo, the secret the DER PKCS#8 private key, the signature DER
// (r, s), computed over SM3 with the distinguishing ID set explicitly to "1234567812345678"
// (GB/T 35276's default, named here so other verifiers need not guess).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace xf::trust {

enum class SigAlg { kEd25519, kSm2 };

inline constexpr std::string_view kSm2DistinguishingId = "1234567812345678";

// "ed25519" / "sm2"; ParseSigAlg throws Error(kUsage) for anything else.
const char* SigAlgName(SigAlg alg);
SigAlg ParseSigAlg(std::string_view name);

class VerifierKey {
 public:
  // Parses a vkey line; Error(kData) naming what is wrong (name, hash, type, key length).
  static VerifierKey Parse(std::string_view vkey);

  const std::string& name() const { return name_; }
  uint32_t key_hash() const { return key_hash_; }
  SigAlg alg() const { return alg_; }
  std::string vkey() const;
  bool Verify(std::string_view message, std::string_view signature) const;

 private:
  friend class SigningKey;
  std::string name_;
  SigAlg alg_ = SigAlg::kEd25519;
  std::string public_key_;  // raw Ed25519 key or SM2 SPKI DER
  uint32_t key_hash_ = 0;
};

class SigningKey {
 public:
  // `name`: no whitespace, no '+'. Error(kUsage) otherwise.
  static SigningKey Generate(SigAlg alg, const std::string& name);
  // Parses the private-key text; Error(kData) when malformed or its key hash does not match.
  static SigningKey FromPrivateText(std::string_view text);
  // Loads <dir>/<file_stem>.key, or generates the key and writes .key (0600) and .pub (the vkey)
  // atomically on first use.
  static SigningKey LoadOrCreate(const std::string& dir, const std::string& file_stem, SigAlg alg,
                                 const std::string& name);

  const VerifierKey& verifier() const { return verifier_; }
  const std::string& name() const { return verifier_.name(); }
  std::string PrivateText() const;
  std::string Sign(std::string_view message) const;

 private:
  VerifierKey verifier_;
  std::string secret_;  // Ed25519 seed or SM2 PKCS#8 DER
};

}  // namespace xf::trust
