// Near-duplicate texts: shingles of Chinese text by hand, Jaccard by hand, and planted near-copies
// found by LSH exactly as by comparing every pair.
#include "model/text_similarity.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "core/rng.h"

namespace xf::model {
namespace {

TEST(TextSimilarity, ShinglesAreCodePointNgramsWithoutPunctuation) {
  EXPECT_EQ(Shingles("重复申报检查", 2).size(), 5u);
  EXPECT_EQ(Shingles("重复申报检查", 3).size(), 4u);
  // Punctuation, spaces and ASCII case do not count.
  EXPECT_EQ(Shingles("重复，申报 检查。", 2), Shingles("重复申报检查", 2));
  EXPECT_EQ(Shingles("AI芯片（2024）", 2), Shingles("ai芯片2024", 2));
  // Repeated bigrams count once; a text shorter than n is one shingle; nothing gives nothing.
  EXPECT_EQ(Shingles("哈哈哈哈", 2).size(), 1u);
  EXPECT_EQ(Shingles("科", 2).size(), 1u);
  EXPECT_TRUE(Shingles("，。 ", 2).empty());
  // A salt keeps the same words in different fields apart.
  EXPECT_EQ(Jaccard(Shingles("锂电池", 2, 1), Shingles("锂电池", 2, 2)), 0.0);
  // Invalid UTF-8 is read byte by byte, never a crash.
  EXPECT_EQ(Shingles(std::string("\xff\xfe\xe4", 3), 2).size(), 2u);
}

TEST(TextSimilarity, JaccardByHand) {
  EXPECT_DOUBLE_EQ(Jaccard({1, 2, 3}, {2, 3, 4}), 0.5);
  EXPECT_DOUBLE_EQ(Jaccard({1, 2}, {1, 2}), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
  // "新型锂电池正极材料" vs "新型锂电池负极材料": 8 bigrams each, 6 shared → 6 / 10.
  EXPECT_DOUBLE_EQ(Jaccard(Shingles("新型锂电池正极材料", 2), Shingles("新型锂电池负极材料", 2)),
                   0.6);
}

// 400 documents of 60 characters drawn from 300 common characters, and 25 near-copies with 4
// characters changed: copies share ~80% of their bigrams with the original, unrelated documents
// almost none.
struct Corpus {
  std::vector<ShingleSet> docs;
  std::set<std::pair<int64_t, int64_t>> planted;
};

Corpus MakeCorpus() {
  Rng rng(7);
  auto ch = [&] {
    return std::u32string(1, static_cast<char32_t>(0x4E00 + rng.UniformInt(0, 299)));
  };
  auto utf8 = [](const std::u32string& s) {
    std::string out;
    for (char32_t c : s) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
  };
  std::vector<std::u32string> texts;
  Corpus c;
  for (int i = 0; i < 400; ++i) {
    std::u32string t;
    for (int k = 0; k < 60; ++k) t += ch();
    texts.push_back(t);
  }
  for (int i = 0; i < 25; ++i) {
    const int64_t orig = i * 13;
    std::u32string t = texts[static_cast<size_t>(orig)];
    for (int e = 0; e < 4; ++e) t[static_cast<size_t>(rng.UniformInt(0, 59))] = ch()[0];
    c.planted.emplace(orig, static_cast<int64_t>(texts.size()));
    texts.push_back(t);
  }
  for (const auto& t : texts) c.docs.push_back(Shingles(utf8(t), 2));
  return c;
}

TEST(TextSimilarity, LshFindsPlantedNearCopiesLikeExhaustiveSearch) {
  const Corpus c = MakeCorpus();
  std::vector<SimilarPair> lsh = NearDuplicatePairs(c.docs, {}, {.threshold = 0.5});
  std::vector<SimilarPair> all =
      NearDuplicatePairs(c.docs, {}, {.threshold = 0.5, .exhaustive = true});
  std::set<std::pair<int64_t, int64_t>> found, found_all;
  for (const SimilarPair& p : lsh) {
    EXPECT_LT(p.a, p.b);
    EXPECT_GE(p.jaccard, 0.5);
    found.emplace(p.a, p.b);
  }
  for (const SimilarPair& p : all) found_all.emplace(p.a, p.b);
  EXPECT_EQ(found_all, c.planted);
  EXPECT_EQ(found, c.planted);
  // Deterministic: the same pairs and similarities again; a different seed, the same pairs.
  std::vector<SimilarPair> again = NearDuplicatePairs(c.docs, {}, {.threshold = 0.5});
  ASSERT_EQ(again.size(), lsh.size());
  for (size_t i = 0; i < lsh.size(); ++i) EXPECT_EQ(again[i].jaccard, lsh[i].jaccard);
  EXPECT_EQ(NearDuplicatePairs(c.docs, {}, {.threshold = 0.5, .seed = 9}).size(), lsh.size());
}

TEST(TextSimilarity, BlocksKeepPairsApart) {
  const Corpus c = MakeCorpus();
  // Originals in block 0, copies in block 1: nothing pairs; all in one block: all pairs.
  std::vector<uint64_t> blocks(c.docs.size(), 0);
  for (size_t i = 400; i < blocks.size(); ++i) blocks[i] = 1;
  EXPECT_TRUE(NearDuplicatePairs(c.docs, blocks, {.threshold = 0.5}).empty());
  EXPECT_TRUE(NearDuplicatePairs(c.docs, blocks, {.threshold = 0.5, .exhaustive = true}).empty());
  std::vector<uint64_t> same(c.docs.size(), 3);
  EXPECT_EQ(NearDuplicatePairs(c.docs, same, {.threshold = 0.5}).size(), c.planted.size());
}

}  // namespace
}  // namespace xf::model
