// RFC 9162 (Certificate Transparency v2) Merkle tree algorithms: the tree head of any prefix of
// the log, inclusion proofs (§2.1.3) and consistency proofs (§2.1.4), and their verification.
//
// Generation works on any store that can return the hash of a complete, aligned subtree (level
// L, index i: the 2^L leaves starting at i·2^L). Those never change once written, so a store
// that keeps them (EvidenceLog) answers roots and proofs for every size in O(log n) lookups.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "trust/tree_hash.h"

namespace xf::trust {

// Hash of the complete subtree at (level, index); called only for subtrees inside the tree.
using PerfectSubtreeFn = std::function<Hash(int level, uint64_t index)>;

class TreeView {
 public:
  TreeView(HashAlg alg, uint64_t size, PerfectSubtreeFn perfect)
      : alg_(alg), size_(size), perfect_(std::move(perfect)) {}

  uint64_t size() const { return size_; }
  // MTH(D[0:size]); the hash of the empty string for an empty tree.
  Hash Root() const;
  // MTH(D[begin:end]), end <= size.
  Hash Range(uint64_t begin, uint64_t end) const;
  // PATH(index, D[size]); Error(kUsage) unless index < size.
  std::vector<Hash> InclusionProof(uint64_t index) const;
  // PROOF(first, D[size]); empty when first == size. Error(kUsage) unless 0 < first <= size.
  std::vector<Hash> ConsistencyProof(uint64_t first) const;

 private:
  void Path(uint64_t m, uint64_t begin, uint64_t end, std::vector<Hash>& out) const;
  void SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole, std::vector<Hash>& out) const;

  HashAlg alg_;
  uint64_t size_;
  PerfectSubtreeFn perfect_;
};

// A view over leaf hashes held in memory (tests, the offline verifier, small logs).
TreeView InMemoryTree(HashAlg alg, const std::vector<Hash>& leaves);

// RFC 9162 §2.1.3.2.
bool VerifyInclusion(HashAlg alg, uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                     const std::vector<Hash>& proof, const Hash& root);
// RFC 9162 §2.1.4.2, plus the trivial case first == second (empty proof, equal roots).
bool VerifyConsistency(HashAlg alg, uint64_t first, uint64_t second, const Hash& first_root,
                       const Hash& second_root, const std::vector<Hash>& proof);

// Largest power of two strictly below n (n >= 2).
uint64_t SplitPoint(uint64_t n);

}  // namespace xf::trust
