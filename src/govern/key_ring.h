// Named secret keys for keyed masking (HMAC hashes, format-preserving tokens). A key named `name`
// comes from the environment variable XF_MASK_KEY_<NAME> (hex, at least 16 bytes) when set, else
// from <dir>/mask-<name>.key (raw bytes), which is created with 32 random bytes from OpenSSL's
// RAND_bytes and mode 0600 on first use. The key never leaves the process: outputs carry only
// values derived from it.
//
// A KeyRing is shared by the steps of a run, possibly on several threads: Get is thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace xf::govern {

class KeyRing {
 public:
  // `dir` is where key files live (<workspace>/keys); empty: environment variables and keys added
  // with Add only.
  explicit KeyRing(std::string dir = "");

  // The key's bytes. Throws xf::Error (kUsage) when the name is not [a-z0-9_]{1,64}, the
  // environment value is not hex of at least 16 bytes, the file cannot be read or created, or
  // there is no directory and no environment variable.
  std::vector<uint8_t> Get(std::string_view name) const;
  // An in-memory key, for tests and embedders; takes precedence over the environment and files.
  void Add(std::string name, std::vector<uint8_t> key);

  const std::string& dir() const { return dir_; }
  // "XF_MASK_KEY_DEFAULT" for "default".
  static std::string EnvName(std::string_view name);

 private:
  std::string dir_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::vector<uint8_t>, std::less<>> cache_;
};

// HMAC with SHA-256 or SM3 (`algorithm` "sha256" or "sm3") via OpenSSL 3 EVP_MAC, keyed once and
// reused for many messages (one per row). Not thread-safe: one per thread. Throws xf::Error
// (kUsage) for another algorithm.
class Hmac {
 public:
  Hmac(std::string_view algorithm, const std::vector<uint8_t>& key);
  ~Hmac();
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;
  // 32 bytes.
  std::vector<uint8_t> Compute(std::string_view data);
  void Compute(std::string_view data, uint8_t out[32]);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace xf::govern
