#include "trust/tree_hash.h"

#include <openssl/evp.h>

#include <memory>

#include "core/error.h"

namespace xf::trust {

namespace {

const EVP_MD* Md(HashAlg alg) {
  // Fetched once; EVP_MD objects are immutable and thread-safe after fetch.
  static const EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static const EVP_MD* sm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
  const EVP_MD* md = alg == HashAlg::kSha256 ? sha256 : sm3;
  if (md == nullptr) throw Error(ErrorKind::kInternal, std::string("OpenSSL lacks ") + HashAlgName(alg));
  return md;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

const char* HashAlgName(HashAlg alg) { return alg == HashAlg::kSha256 ? "sha256" : "sm3"; }

HashAlg ParseHashAlg(std::string_view name) {
  if (name == "sha256") return HashAlg::kSha256;
  if (name == "sm3") return HashAlg::kSm3;
  throw Error(ErrorKind::kUsage, "unknown ledger hash algorithm '" + std::string(name) + "' (expected sha256 or sm3)");
}

Hash Digest(HashAlg alg, std::string_view a, std::string_view b, std::string_view c) {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  Hash out{};
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), Md(alg), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 ||
      (!b.empty() && EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1) ||
      (!c.empty() && EVP_DigestUpdate(ctx.get(), c.data(), c.size()) != 1) ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    throw Error(ErrorKind::kInternal, std::string("digest failed: ") + HashAlgName(alg));
  }
  return out;
}

Hash LeafHash(HashAlg alg, std::string_view data) { return Digest(alg, std::string_view("\x00", 1), data); }

Hash NodeHash(HashAlg alg, const Hash& left, const Hash& right) {
  return Digest(alg, "\x01", AsBytes(left), AsBytes(right));
}

Hash EmptyRoot(HashAlg alg) { return Digest(alg, {}); }

std::string ToHex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    s.push_back(kDigits[c >> 4]);
    s.push_back(kDigits[c & 15]);
  }
  return s;
}

std::string ToHex(const Hash& h) { return ToHex(AsBytes(h)); }

Hash HashFromHex(std::string_view hex) {
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw Error(ErrorKind::kData, "not a hex hash: '" + std::string(hex) + "'");
  };
  if (hex.size() != 64) throw Error(ErrorKind::kData, "not a 32-byte hex hash: '" + std::string(hex) + "'");
  Hash h{};
  for (size_t i = 0; i < 32; ++i) h[i] = static_cast<uint8_t>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
  return h;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string Base64Decode(std::string_view text) {
  auto bad = [&] { return Error(ErrorKind::kData, "malformed base64: '" + std::string(text) + "'"); };
  if (text.size() % 4 != 0) throw bad();
  for (char c : text) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) throw bad();
  }
  std::string out(text.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) throw bad();
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  // Only the canonical encoding is accepted: a decoder that ignores the unused bits of the last
  // character (or stray '=' inside) would let a changed signature line still verify.
  if (Base64Encode(out) != text) throw bad();
  return out;
}

}  // namespace xf::trust
