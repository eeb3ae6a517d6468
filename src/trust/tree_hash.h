// The hash function of a log, chosen when the log is created and stored with it: SHA-256 (RFC
// 9162's default) or SM3 (GB/T 32905, for deployments that must use national cryptography).
// Both give 32-byte digests, so everything above this file is algorithm-agnostic.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace xf::trust {

enum class HashAlg { kSha256, kSm3 };

using Hash = std::array<uint8_t, 32>;

// "sha256" / "sm3".
const char* HashAlgName(HashAlg alg);
// Throws Error(kUsage) naming the accepted values for anything else.
HashAlg ParseHashAlg(std::string_view name);

// Digest of the concatenation of `parts` (OpenSSL EVP; SM3 is fetched by name from OpenSSL 3).
Hash Digest(HashAlg alg, std::string_view a, std::string_view b = {}, std::string_view c = {});

// RFC 9162 §2.1.1: leaf = H(0x00 || data), interior node = H(0x01 || left || right).
Hash LeafHash(HashAlg alg, std::string_view data);
Hash NodeHash(HashAlg alg, const Hash& left, const Hash& right);
// H of the empty string: the root of the empty tree.
Hash EmptyRoot(HashAlg alg);

std::string ToHex(const Hash& h);
std::string ToHex(std::string_view bytes);
// Throws Error(kData) when `hex` is not 64 hex digits.
Hash HashFromHex(std::string_view hex);
std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding (RFC 4648 §4); throws Error(kData) on malformed or non-canonical
// input (nonzero unused bits in the last character).
std::string Base64Decode(std::string_view text);
inline std::string_view AsBytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

}  // namespace xf::trust
