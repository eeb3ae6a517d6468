#include "govern/key_ring.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

#include "core/error.h"

namespace xf::govern {
namespace {

constexpr size_t kNewKeyBytes = 32;
constexpr size_t kMinKeyBytes = 16;

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool ParseHex(std::string_view hex, std::vector<uint8_t>* out) {
  if (hex.size() % 2 != 0) return false;
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
  return true;
}

std::vector<uint8_t> ReadKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(ErrorKind::kUsage,
                fmt::format("cannot read mask key {}: {}", path, std::strerror(errno)));
  }
  std::vector<uint8_t> key(256);
  const ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n < static_cast<ssize_t>(kMinKeyBytes)) {
    throw Error(ErrorKind::kUsage,
                fmt::format("mask key {} is shorter than {} bytes", path, kMinKeyBytes));
  }
  key.resize(static_cast<size_t>(n));
  return key;
}

// Writes the key to a private temporary file, syncs it, then link()s it to the final name, so the
// final name only ever appears with a complete key. link fails with EEXIST when another process
// or thread won the race; the loser then reads the winner's (complete) key.
std::vector<uint8_t> CreateKeyFile(const std::string& dir, const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  std::vector<uint8_t> key(kNewKeyBytes);
  uint8_t nonce[8];
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1 ||
      RAND_bytes(nonce, sizeof(nonce)) != 1) {
    throw Error(ErrorKind::kInternal, "OpenSSL RAND_bytes failed to make a mask key");
  }
  std::string tmp = fmt::format("{}.tmp.{}.", path, ::getpid());
  for (uint8_t b : nonce) tmp += fmt::format("{:02x}", b);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw Error(ErrorKind::kUsage,
                fmt::format("cannot create mask key {}: {}", tmp, std::strerror(errno)));
  }
  size_t done = 0;
  while (done < key.size()) {
    const ssize_t n = ::write(fd, key.data() + done, key.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  const bool synced = done == key.size() && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed) {
    ::unlink(tmp.c_str());
    throw Error(ErrorKind::kUsage, fmt::format("cannot write mask key {}", tmp));
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return ReadKeyFile(path);
    throw Error(ErrorKind::kUsage,
                fmt::format("cannot create mask key {}: {}", path, std::strerror(link_errno)));
  }
  // Make the new name durable too.
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return key;
}

}  // namespace

KeyRing::KeyRing(std::string dir) : dir_(std::move(dir)) {}

std::string KeyRing::EnvName(std::string_view name) {
  std::string env = "XF_MASK_KEY_";
  for (char c : name) env += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return env;
}

void KeyRing::Add(std::string name, std::vector<uint8_t> key) {
  std::lock_guard<std::mutex> lock(mu_);
  cache_[std::move(name)] = std::move(key);
}

std::vector<uint8_t> KeyRing::Get(std::string_view name) const {
  if (!ValidName(name)) {
    throw Error(ErrorKind::kUsage,
                fmt::format("mask key name '{}' must be 1 to 64 of a-z, 0-9 and _", name));
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  std::vector<uint8_t> key;
  const std::string env = EnvName(name);
  if (const char* hex = std::getenv(env.c_str()); hex != nullptr && *hex != '\0') {
    if (!ParseHex(hex, &key) || key.size() < kMinKeyBytes) {
      throw Error(ErrorKind::kUsage,
                  fmt::format("{} must be hex of at least {} bytes", env, kMinKeyBytes));
    }
  } else if (dir_.empty()) {
    throw Error(ErrorKind::kUsage,
                fmt::format("no mask key '{}': set {} (hex) or run in a workspace, which keeps "
                            "keys in <workspace>/keys",
                            name, env));
  } else {
    const std::string path =
        (std::filesystem::path(dir_) / fmt::format("mask-{}.key", name)).string();
    key = std::filesystem::exists(path) ? ReadKeyFile(path) : CreateKeyFile(dir_, path);
  }
  cache_.emplace(std::string(name), key);
  return key;
}

struct Hmac::Impl {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* ctx = nullptr;
  const char* digest = nullptr;
};

Hmac::Hmac(std::string_view algorithm, const std::vector<uint8_t>& key) : impl_(new Impl) {
  impl_->digest = algorithm == "sha256" ? "SHA256" : algorithm == "sm3" ? "SM3" : nullptr;
  if (impl_->digest == nullptr) {
    delete impl_;
    throw Error(ErrorKind::kUsage,
                fmt::format("hash algorithm '{}' is not supported; use sha256 or sm3", algorithm));
  }
  impl_->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  impl_->ctx = impl_->mac ? EVP_MAC_CTX_new(impl_->mac) : nullptr;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(impl_->digest), 0),
      OSSL_PARAM_construct_end()};
  if (impl_->ctx == nullptr || EVP_MAC_init(impl_->ctx, key.data(), key.size(), params) != 1) {
    const std::string digest = impl_->digest;
    EVP_MAC_CTX_free(impl_->ctx);
    EVP_MAC_free(impl_->mac);
    delete impl_;
    throw Error(ErrorKind::kInternal, fmt::format("OpenSSL cannot make HMAC-{}", digest));
  }
}

Hmac::~Hmac() {
  EVP_MAC_CTX_free(impl_->ctx);
  EVP_MAC_free(impl_->mac);
  delete impl_;
}

void Hmac::Compute(std::string_view data, uint8_t out[32]) {
  // A null key re-initialises with the key given at construction.
  uint8_t buf[EVP_MAX_MD_SIZE];
  size_t len = 0;
  if (EVP_MAC_init(impl_->ctx, nullptr, 0, nullptr) != 1 ||
      EVP_MAC_update(impl_->ctx, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1 ||
      EVP_MAC_final(impl_->ctx, buf, &len, sizeof(buf)) != 1 || len != 32) {
    throw Error(ErrorKind::kInternal, fmt::format("OpenSSL HMAC-{} failed", impl_->digest));
  }
  std::memcpy(out, buf, 32);
}

std::vector<uint8_t> Hmac::Compute(std::string_view data) {
  std::vector<uint8_t> out(32);
  Compute(data, out.data());
  return out;
}

}  // namespace xf::govern
