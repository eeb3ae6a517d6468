// Near-duplicate texts (查重): character n-gram shingles, MinHash signatures with LSH banding to
// find candidate pairs, and the exact Jaccard similarity of every candidate. Works on any UTF-8
// text, Chinese included (n-grams of code points, so no word segmentation is needed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xf::model {

// A document's set of shingle hashes, sorted and unique.
using ShingleSet = std::vector<uint64_t>;

// The n-code-point windows of `text` after dropping whitespace and punctuation (ASCII and the
// common CJK marks) and lower-casing ASCII letters, hashed with `salt` (so the same words in a
// title and an abstract can be kept apart). A text shorter than n is one shingle; an empty one
// has none.
ShingleSet Shingles(std::string_view text, int n, uint64_t salt = 0);

// |a ∩ b| / |a ∪ b| of two sorted, unique sets; 0 when both are empty.
double Jaccard(const ShingleSet& a, const ShingleSet& b);

struct NearDuplicateOptions {
  double threshold = 0.6;   // pairs with Jaccard ≥ threshold are reported
  bool exhaustive = false;  // compare every pair within a block instead of LSH candidates
  int bands = 32;           // LSH bands; bands × rows MinHash functions
  int rows = 4;             // MinHash values per band
  uint64_t seed = 42;       // picks the MinHash functions
};

struct SimilarPair {
  int64_t a;  // document index, a < b
  int64_t b;
  double jaccard;
};

// Pairs of documents (indices into `docs`) in the same block (`blocks`, one key per document, or
// empty for one block) with Jaccard ≥ threshold, sorted by (a, b). With LSH a pair of similarity
// s is a candidate with probability 1 − (1 − s^rows)^bands (0.9996 at s = 0.6 with the defaults),
// and every reported pair's similarity is exact. Deterministic for a given seed.
std::vector<SimilarPair> NearDuplicatePairs(const std::vector<ShingleSet>& docs,
                                            const std::vector<uint64_t>& blocks,
                                            const NearDuplicateOptions& options);

}  // namespace xf::model
