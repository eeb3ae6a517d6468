#include "trust/merkle.h"

#include <bit>
#include <memory>

#include "core/error.h"

namespace xf::trust {

uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

Hash TreeView::Root() const { return size_ == 0 ? EmptyRoot(alg_) : Range(0, size_); }

Hash TreeView::Range(uint64_t begin, uint64_t end) const {
  const uint64_t n = end - begin;
  XF_CHECK(end <= size_ && n > 0);
  if (std::has_single_bit(n) && begin % n == 0) return perfect_(std::countr_zero(n), begin / n);
  const uint64_t k = SplitPoint(n);
  return NodeHash(alg_, Range(begin, begin + k), Range(begin + k, end));
}

void TreeView::Path(uint64_t m, uint64_t begin, uint64_t end, std::vector<Hash>& out) const {
  const uint64_t n = end - begin;
  if (n == 1) return;
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    Path(m, begin, begin + k, out);
    out.push_back(Range(begin + k, end));
  } else {
    Path(m - k, begin + k, end, out);
    out.push_back(Range(begin, begin + k));
  }
}

void TreeView::SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole,
                        std::vector<Hash>& out) const {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!whole) out.push_back(Range(begin, end));
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(m, begin, begin + k, whole, out);
    out.push_back(Range(begin + k, end));
  } else {
    SubProof(m - k, begin + k, end, false, out);
    out.push_back(Range(begin, begin + k));
  }
}

std::vector<Hash> TreeView::InclusionProof(uint64_t index) const {
  if (index >= size_) {
    throw Error(ErrorKind::kUsage, "leaf index " + std::to_string(index) + " is not in a tree of size " +
                                       std::to_string(size_));
  }
  std::vector<Hash> out;
  Path(index, 0, size_, out);
  return out;
}

std::vector<Hash> TreeView::ConsistencyProof(uint64_t first) const {
  if (first == 0 || first > size_) {
    throw Error(ErrorKind::kUsage, "no consistency proof from size " + std::to_string(first) + " to size " +
                                       std::to_string(size_) + " (need 0 < first <= second)");
  }
  std::vector<Hash> out;
  if (first < size_) SubProof(first, 0, size_, true, out);
  return out;
}

TreeView InMemoryTree(HashAlg alg, const std::vector<Hash>& leaves) {
  // Every complete subtree, level by level, computed once and owned by the view.
  auto levels = std::make_shared<std::vector<std::vector<Hash>>>(1, leaves);
  while (levels->back().size() > 1) {
    const std::vector<Hash>& below = levels->back();
    std::vector<Hash> up(below.size() / 2);
    for (size_t i = 0; i < up.size(); ++i) up[i] = NodeHash(alg, below[2 * i], below[2 * i + 1]);
    levels->push_back(std::move(up));
  }
  return TreeView(alg, leaves.size(),
                  [levels](int level, uint64_t index) { return (*levels)[static_cast<size_t>(level)][index]; });
}

bool VerifyInclusion(HashAlg alg, uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                     const std::vector<Hash>& proof, const Hash& root) {
  if (index >= tree_size) return false;
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(alg, p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(alg, r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(HashAlg alg, uint64_t first, uint64_t second, const Hash& first_root,
                       const Hash& second_root, const std::vector<Hash>& proof) {
  if (first == 0 || first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (proof.empty()) return false;
  std::vector<Hash> c;
  if (std::has_single_bit(first)) c.push_back(first_root);
  c.insert(c.end(), proof.begin(), proof.end());
  uint64_t fn = first - 1;
  uint64_t sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = c[0];
  Hash sr = c[0];
  for (size_t i = 1; i < c.size(); ++i) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(alg, c[i], fr);
      sr = NodeHash(alg, c[i], sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(alg, sr, c[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

}  // namespace xf::trust
