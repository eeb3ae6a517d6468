#include "trust/note_keys.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "trust/tree_hash.h"

namespace xf::trust {

namespace {

const std::string kEd25519Type("\x01", 1);
const std::string kSm2Type("\xff" "SM2", 4);

const std::string& TypeId(SigAlg alg) { return alg == SigAlg::kEd25519 ? kEd25519Type : kSm2Type; }

void CheckName(const std::string& name) {
  if (name.empty() || name.find_first_of(" \t\n\r+") != std::string::npos) {
    throw Error(ErrorKind::kUsage, "bad signing key name '" + name + "' (no spaces, no '+')");
  }
}

uint32_t KeyHash(const std::string& name, SigAlg alg, const std::string& pub) {
  Hash h = Digest(HashAlg::kSha256, name + "\n", TypeId(alg), pub);
  return (uint32_t{h[0]} << 24) | (uint32_t{h[1]} << 16) | (uint32_t{h[2]} << 8) | h[3];
}

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

void InitSodium() {
  if (sodium_init() < 0) throw Error(ErrorKind::kInternal, "libsodium failed to initialise");
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

[[noreturn]] void OpenSslFail(const char* what) {
  throw Error(ErrorKind::kInternal, std::string("SM2 (OpenSSL): ") + what + " failed");
}

PkeyPtr Sm2FromSecret(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  PkeyPtr k(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
  if (!k) throw Error(ErrorKind::kData, "SM2 private key does not decode");
  // A plain EC (or other) key would sign with the wrong curve or scheme.
  if (!EVP_PKEY_is_a(k.get(), "SM2")) throw Error(ErrorKind::kData, "the private key is not an SM2 key");
  return k;
}

std::string Sm2PublicDer(EVP_PKEY* k) {
  unsigned char* buf = nullptr;
  int n = i2d_PUBKEY(k, &buf);
  if (n <= 0) OpenSslFail("i2d_PUBKEY");
  std::string out(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
  OPENSSL_free(buf);
  return out;
}

// SM2 sign or verify with SM3 and the explicit distinguishing ID (OpenSSL's documented recipe:
// the ID goes on a pkey context attached to the digest context before DigestSign/VerifyInit).
bool Sm2Op(EVP_PKEY* key, bool sign, std::string_view msg, std::string* sig) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> mctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> pctx(EVP_PKEY_CTX_new(key, nullptr),
                                                                     EVP_PKEY_CTX_free);
  if (!mctx || !pctx) OpenSslFail("context");
  if (EVP_PKEY_CTX_set1_id(pctx.get(), kSm2DistinguishingId.data(), kSm2DistinguishingId.size()) <= 0)
    OpenSslFail("set distinguishing id");
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), pctx.get());
  const EVP_MD* sm3 = EVP_sm3();
  const auto* m = reinterpret_cast<const unsigned char*>(msg.data());
  if (sign) {
    if (EVP_DigestSignInit(mctx.get(), nullptr, sm3, nullptr, key) != 1) OpenSslFail("sign init");
    size_t len = 0;
    if (EVP_DigestSign(mctx.get(), nullptr, &len, m, msg.size()) != 1) OpenSslFail("sign");
    sig->assign(len, '\0');
    if (EVP_DigestSign(mctx.get(), reinterpret_cast<unsigned char*>(sig->data()), &len, m, msg.size()) != 1)
      OpenSslFail("sign");
    sig->resize(len);
    return true;
  }
  if (EVP_DigestVerifyInit(mctx.get(), nullptr, sm3, nullptr, key) != 1) return false;
  return EVP_DigestVerify(mctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(), m,
                          msg.size()) == 1;
}

// Splits "a+b+c" at the last two '+' (names cannot hold '+', base64 can).
bool SplitKeyText(std::string_view text, std::string* name, std::string* hash, std::string* data) {
  size_t p1 = text.find('+');
  if (p1 == std::string_view::npos) return false;
  size_t p2 = text.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return false;
  *name = std::string(text.substr(0, p1));
  *hash = std::string(text.substr(p1 + 1, p2 - p1 - 1));
  *data = std::string(text.substr(p2 + 1));
  return true;
}

void DecodeTyped(const std::string& bytes, SigAlg* alg, std::string* key, const std::string& what) {
  if (bytes.size() > 1 && bytes.substr(0, 1) == kEd25519Type) {
    *alg = SigAlg::kEd25519;
    *key = bytes.substr(1);
  } else if (bytes.size() > 4 && bytes.substr(0, 4) == kSm2Type) {
    *alg = SigAlg::kSm2;
    *key = bytes.substr(4);
  } else {
    throw Error(ErrorKind::kData, what + ": unknown signature type");
  }
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  return std::string(s);
}

}  // namespace

const char* SigAlgName(SigAlg alg) { return alg == SigAlg::kEd25519 ? "ed25519" : "sm2"; }

SigAlg ParseSigAlg(std::string_view name) {
  if (name == "ed25519") return SigAlg::kEd25519;
  if (name == "sm2") return SigAlg::kSm2;
  throw Error(ErrorKind::kUsage, "unknown signature algorithm '" + std::string(name) + "' (expected ed25519 or sm2)");
}

VerifierKey VerifierKey::Parse(std::string_view vkey_text) {
  std::string text = Trim(vkey_text);
  std::string name, hash, data;
  if (!SplitKeyText(text, &name, &hash, &data) || name.empty() || hash.size() != 8) {
    throw Error(ErrorKind::kData, "malformed vkey '" + text + "' (expected name+hash+base64)");
  }
  VerifierKey k;
  k.name_ = name;
  DecodeTyped(Base64Decode(data), &k.alg_, &k.public_key_, "vkey '" + name + "'");
  if (k.alg_ == SigAlg::kEd25519 && k.public_key_.size() != crypto_sign_PUBLICKEYBYTES) {
    throw Error(ErrorKind::kData, "vkey '" + name + "': Ed25519 public key must be 32 bytes");
  }
  k.key_hash_ = KeyHash(name, k.alg_, k.public_key_);
  if (Hex8(k.key_hash_) != hash) {
    throw Error(ErrorKind::kData, "vkey '" + name + "': key hash " + hash + " does not match the key (" +
                                      Hex8(k.key_hash_) + ")");
  }
  return k;
}

std::string VerifierKey::vkey() const {
  return name_ + "+" + Hex8(key_hash_) + "+" + Base64Encode(TypeId(alg_) + public_key_);
}

bool VerifierKey::Verify(std::string_view message, std::string_view signature) const {
  if (alg_ == SigAlg::kEd25519) {
    InitSodium();
    if (signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(public_key_.data())) == 0;
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(public_key_.data());
  PkeyPtr k(d2i_PUBKEY(nullptr, &p, static_cast<long>(public_key_.size())));
  if (!k) return false;
  std::string sig(signature);
  return Sm2Op(k.get(), false, message, &sig);
}

SigningKey SigningKey::Generate(SigAlg alg, const std::string& name) {
  CheckName(name);
  SigningKey s;
  s.verifier_.name_ = name;
  s.verifier_.alg_ = alg;
  if (alg == SigAlg::kEd25519) {
    InitSodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    s.secret_.assign(reinterpret_cast<char*>(sk), crypto_sign_SEEDBYTES);  // sk = seed || pk
    s.verifier_.public_key_.assign(reinterpret_cast<char*>(pk), sizeof pk);
    sodium_memzero(sk, sizeof sk);
  } else {
    PkeyPtr k(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    if (!k) OpenSslFail("key generation");
    unsigned char* buf = nullptr;
    int n = i2d_PrivateKey(k.get(), &buf);
    if (n <= 0) OpenSslFail("i2d_PrivateKey");
    s.secret_.assign(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
    OPENSSL_clear_free(buf, static_cast<size_t>(n));
    s.verifier_.public_key_ = Sm2PublicDer(k.get());
  }
  s.verifier_.key_hash_ = KeyHash(name, alg, s.verifier_.public_key_);
  return s;
}

SigningKey SigningKey::FromPrivateText(std::string_view text_in) {
  std::string text = Trim(text_in);
  const std::string prefix = "PRIVATE+KEY+";
  std::string name, hash, data;
  if (text.rfind(prefix, 0) != 0 || !SplitKeyText(std::string_view(text).substr(prefix.size()), &name, &hash, &data)) {
    throw Error(ErrorKind::kData, "malformed private key text (expected PRIVATE+KEY+name+hash+base64)");
  }
  SigningKey s;
  s.verifier_.name_ = name;
  DecodeTyped(Base64Decode(data), &s.verifier_.alg_, &s.secret_, "private key '" + name + "'");
  if (s.verifier_.alg_ == SigAlg::kEd25519) {
    InitSodium();
    if (s.secret_.size() != crypto_sign_SEEDBYTES) throw Error(ErrorKind::kData, "Ed25519 seed must be 32 bytes");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(s.secret_.data()));
    s.verifier_.public_key_.assign(reinterpret_cast<char*>(pk), sizeof pk);
    sodium_memzero(sk, sizeof sk);
  } else {
    PkeyPtr k = Sm2FromSecret(s.secret_);
    s.verifier_.public_key_ = Sm2PublicDer(k.get());
  }
  s.verifier_.key_hash_ = KeyHash(name, s.verifier_.alg_, s.verifier_.public_key_);
  if (Hex8(s.verifier_.key_hash_) != hash) {
    throw Error(ErrorKind::kData, "private key '" + name + "': key hash does not match the key");
  }
  return s;
}

std::string SigningKey::PrivateText() const {
  return "PRIVATE+KEY+" + name() + "+" + Hex8(verifier_.key_hash()) + "+" +
         Base64Encode(TypeId(verifier_.alg()) + secret_);
}

std::string SigningKey::Sign(std::string_view message) const {
  if (verifier_.alg() == SigAlg::kEd25519) {
    InitSodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(secret_.data()));
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk);
    sodium_memzero(sk, sizeof sk);
    return std::string(reinterpret_cast<char*>(sig), sizeof sig);
  }
  PkeyPtr k = Sm2FromSecret(secret_);
  std::string sig;
  Sm2Op(k.get(), true, message, &sig);
  return sig;
}

namespace {

std::string UniqueTmp(const std::string& path) {
  InitSodium();
  return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(randombytes_random());
}

// A fresh, uniquely named file: O_EXCL|O_NOFOLLOW so neither a stale tmp (with its mode) nor a
// planted symlink is reused; fchmod because the umask may have narrowed `mode`.
std::string WriteTmp(const std::string& path, const std::string& text, mode_t mode) {
  const std::string tmp = UniqueTmp(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw Error(ErrorKind::kIo, "cannot create key file", SourceContext{.file = tmp});
  bool ok = ::fchmod(fd, mode) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(tmp.c_str());
    throw Error(ErrorKind::kIo, "cannot write key file", SourceContext{.file = tmp});
  }
  return tmp;
}

void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Publishes `text` at `path` only if nothing is there yet (link() never replaces): false when
// another process got there first.
bool CreateExclusive(const std::string& path, const std::string& text, mode_t mode) {
  const std::string tmp = WriteTmp(path, text, mode);
  const int rc = ::link(tmp.c_str(), path.c_str());
  const int err = errno;
  ::unlink(tmp.c_str());
  if (rc == 0) return true;
  if (err == EEXIST) return false;
  throw Error(ErrorKind::kIo, std::string("cannot create key file: ") + std::strerror(err),
              SourceContext{.file = path});
}

void Replace(const std::string& path, const std::string& text, mode_t mode) {
  const std::string tmp = WriteTmp(path, text, mode);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw Error(ErrorKind::kIo, "cannot write key file", SourceContext{.file = path});
  }
}

SigningKey LoadKeyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    throw Error(ErrorKind::kIo, std::string("cannot read the key file (a symlink is refused): ") + std::strerror(errno),
                SourceContext{.file = path});
  }
  std::string text;
  char buf[4096];
  ssize_t got;
  while ((got = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(got));
  ::close(fd);
  if (got < 0) throw Error(ErrorKind::kIo, "cannot read the key file", SourceContext{.file = path});
  try {
    return SigningKey::FromPrivateText(text);
  } catch (Error& e) {
    throw e.WithFile(path);
  }
}

}  // namespace

SigningKey SigningKey::LoadOrCreate(const std::string& dir, const std::string& file_stem, SigAlg alg,
                                    const std::string& name) {
  namespace fs = std::filesystem;
  const std::string key_path = (fs::path(dir) / (file_stem + ".key")).string();
  auto checked = [&](SigningKey k) {
    if (k.verifier().alg() != alg) {
      throw Error(ErrorKind::kData,
                  std::string("the key file holds an ") + SigAlgName(k.verifier().alg()) + " key but the ledger signs with " +
                      SigAlgName(alg),
                  SourceContext{.file = key_path});
    }
    return k;
  };
  std::error_code ec;
  if (fs::exists(fs::symlink_status(key_path, ec))) return checked(LoadKeyFile(key_path));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  SigningKey k = Generate(alg, name);
  // Two processes on a fresh workspace may both get here: the first link wins, the other loads it.
  if (!CreateExclusive(key_path, k.PrivateText() + "\n", 0600)) return checked(LoadKeyFile(key_path));
  Replace((fs::path(dir) / (file_stem + ".pub")).string(), k.verifier().vkey() + "\n", 0644);
  SyncDir(dir);
  return k;
}

}  // namespace xf::trust
