// RFC 9162 proofs against an independent, deliberately naive reference: MTH, PATH and PROOF
// written straight from the RFC's recursive definitions over the list of leaf data.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "trust/merkle.h"

namespace xf::trust {
namespace {

// --- reference (independent of merkle.cc: its own split, its own recursion) ---
struct Ref {
  HashAlg alg;
  std::vector<std::string> data;
  std::map<std::pair<size_t, size_t>, Hash> memo;  // only to keep 300² proofs fast

  static size_t K(size_t n) {
    size_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }
  Hash Mth(size_t b, size_t e) {
    auto it = memo.find({b, e});
    if (it != memo.end()) return it->second;
    Hash h;
    if (e - b == 1) {
      h = Digest(alg, std::string("\0", 1) + data[b]);
    } else {
      size_t k = K(e - b);
      Hash l = Mth(b, b + k), r = Mth(b + k, e);
      h = Digest(alg, "\x01" + std::string(AsBytes(l)) + std::string(AsBytes(r)));
    }
    memo[{b, e}] = h;
    return h;
  }
  std::vector<Hash> Path(size_t m, size_t b, size_t e) {
    if (e - b == 1) return {};
    size_t k = K(e - b);
    std::vector<Hash> p;
    if (m < k) {
      p = Path(m, b, b + k);
      p.push_back(Mth(b + k, e));
    } else {
      p = Path(m - k, b + k, e);
      p.push_back(Mth(b, b + k));
    }
    return p;
  }
  std::vector<Hash> Sub(size_t m, size_t b, size_t e, bool flag) {
    size_t n = e - b;
    if (m == n) return flag ? std::vector<Hash>{} : std::vector<Hash>{Mth(b, e)};
    size_t k = K(n);
    std::vector<Hash> p;
    if (m <= k) {
      p = Sub(m, b, b + k, flag);
      p.push_back(Mth(b + k, e));
    } else {
      p = Sub(m - k, b + k, e, false);
      p.push_back(Mth(b, b + k));
    }
    return p;
  }
};

constexpr size_t kMax = 300;

class MerkleTest : public ::testing::TestWithParam<HashAlg> {};

TEST_P(MerkleTest, RootsAndInclusionProofsMatchReferenceForEverySizeAndIndex) {
  const HashAlg alg = GetParam();
  Ref ref{alg, {}, {}};
  std::vector<Hash> leaves;
  for (size_t i = 0; i < kMax; ++i) {
    ref.data.push_back("entry-" + std::to_string(i * 7919 % 1000));
    leaves.push_back(LeafHash(alg, ref.data.back()));
  }
  EXPECT_EQ(InMemoryTree(alg, {}).Root(), Digest(alg, ""));
  for (size_t n = 1; n <= kMax; ++n) {
    std::vector<Hash> prefix(leaves.begin(), leaves.begin() + static_cast<long>(n));
    TreeView t = InMemoryTree(alg, prefix);
    const Hash root = ref.Mth(0, n);
    ASSERT_EQ(t.Root(), root) << "size " << n;
    for (size_t i = 0; i < n; ++i) {
      std::vector<Hash> p = t.InclusionProof(i);
      ASSERT_EQ(p, ref.Path(i, 0, n)) << "index " << i << " size " << n;
      ASSERT_TRUE(VerifyInclusion(alg, i, n, leaves[i], p, root)) << i << "/" << n;
      // Wrong index, wrong leaf, wrong root, tampered or truncated path: all rejected.
      ASSERT_FALSE(VerifyInclusion(alg, i, n, leaves[(i + 1) % kMax], p, root));
      Hash bad_root = root;
      bad_root[i % 32] ^= 1;
      ASSERT_FALSE(VerifyInclusion(alg, i, n, leaves[i], p, bad_root));
      if (n > 1) {
        ASSERT_FALSE(VerifyInclusion(alg, (i + 1) % n, n, leaves[i], p, root)) << i << "/" << n;
      }
      if (!p.empty()) {
        std::vector<Hash> bad = p;
        bad[i % bad.size()][5] ^= 0x80;
        ASSERT_FALSE(VerifyInclusion(alg, i, n, leaves[i], bad, root));
        bad = p;
        bad.pop_back();
        ASSERT_FALSE(VerifyInclusion(alg, i, n, leaves[i], bad, root));
      }
    }
    ASSERT_FALSE(VerifyInclusion(alg, n, n, leaves[0], {}, root));
  }
}

TEST_P(MerkleTest, ConsistencyProofsMatchReferenceForAllPairs) {
  const HashAlg alg = GetParam();
  Ref ref{alg, {}, {}};
  std::vector<Hash> leaves;
  for (size_t i = 0; i < kMax; ++i) {
    ref.data.push_back(std::to_string(i));
    leaves.push_back(LeafHash(alg, ref.data.back()));
  }
  for (size_t n = 1; n <= kMax; ++n) {
    std::vector<Hash> prefix(leaves.begin(), leaves.begin() + static_cast<long>(n));
    TreeView t = InMemoryTree(alg, prefix);
    const Hash second = ref.Mth(0, n);
    for (size_t m = 1; m <= n; ++m) {
      const Hash first = ref.Mth(0, m);
      std::vector<Hash> p = t.ConsistencyProof(m);
      ASSERT_EQ(p, m == n ? std::vector<Hash>{} : ref.Sub(m, 0, n, true)) << m << "->" << n;
      ASSERT_TRUE(VerifyConsistency(alg, m, n, first, second, p)) << m << "->" << n;
      Hash bad = first;
      bad[0] ^= 1;
      ASSERT_FALSE(VerifyConsistency(alg, m, n, bad, second, p)) << m << "->" << n;
      ASSERT_FALSE(VerifyConsistency(alg, m, n, first, bad, p)) << m << "->" << n;
      if (!p.empty()) {
        std::vector<Hash> tampered = p;
        tampered.back()[31] ^= 4;
        ASSERT_FALSE(VerifyConsistency(alg, m, n, first, second, tampered)) << m << "->" << n;
        tampered = p;
        tampered.pop_back();
        ASSERT_FALSE(VerifyConsistency(alg, m, n, first, second, tampered)) << m << "->" << n;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Algs, MerkleTest, ::testing::Values(HashAlg::kSha256, HashAlg::kSm3),
                         [](const auto& info) { return std::string(HashAlgName(info.param)); });

TEST(TreeHash, KnownAnswers) {
  // SHA-256("") and SM3("abc") (GB/T 32905 example 1).
  EXPECT_EQ(ToHex(Digest(HashAlg::kSha256, "")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Digest(HashAlg::kSm3, "abc")), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  // RFC 6962/9162 leaf of the empty string: SHA-256(0x00).
  EXPECT_EQ(ToHex(LeafHash(HashAlg::kSha256, "")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(Base64Decode(Base64Encode(std::string("\x00\xff\x10xyz", 6))), std::string("\x00\xff\x10xyz", 6));
  EXPECT_THROW(Base64Decode("abc"), Error);
  // "QQ==" is "A"; "QR==" decodes to the same byte with nonzero unused bits: not canonical.
  EXPECT_EQ(Base64Decode("QQ=="), "A");
  EXPECT_THROW(Base64Decode("QR=="), Error);
}

}  // namespace
}  // namespace xf::trust
