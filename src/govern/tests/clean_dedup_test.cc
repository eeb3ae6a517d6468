#include "govern/clean_dedup.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "govern/tests/clean_test_util.h"

namespace xf::govern {
namespace {

using testing::Doubles;
using testing::MakeTable;
using testing::S;
using testing::Strings;

TablePtr Readings() {
  return MakeTable({{"meter", Strings({"A", "B", "A", "A", "B", "C"})},
                    {"day", Strings({"d1", "d1", "d1", "d2", "d1", "d1"})},
                    {"kwh", Doubles({5, 7, std::nullopt, 6, 7, 1})},
                    {"seq", Doubles({3, 1, 2, 0, 5, 4})}});
}

TEST(Dedup, ExactDuplicatesUseEveryColumn) {
  TablePtr t = MakeTable({{"a", Strings({"x", "x", "y", "x", std::nullopt, std::nullopt})},
                          {"b", Doubles({1, 1, 1, 2, std::nullopt, std::nullopt})}});
  DedupResult r = Deduplicate(*t, {});
  ASSERT_EQ(r.kept->num_rows(), 4);  // x1, y1, x2, NULL-NULL (NULL equals NULL here)
  ASSERT_EQ(r.dropped->num_rows(), 2);
  EXPECT_EQ(S(*r.dropped, "_rules", 0), "dedup");
  EXPECT_EQ(S(*r.dropped, "_reasons", 0), "duplicate of row 1 on all columns");
  EXPECT_EQ(S(*r.dropped, "_reasons", 1), "duplicate of row 5 on all columns");
  // The same quarantine columns as validate's, _source_row the dropped row's own 1-based number.
  EXPECT_EQ(r.dropped->column("_source_row")->GetValue(0).int_value(), 2);
  EXPECT_EQ(r.dropped->column("_source_row")->GetValue(1).int_value(), 6);
}

TEST(Dedup, ByKeyFirstLastMostComplete) {
  TablePtr t = Readings();
  DedupResult first = Deduplicate(*t, {.by = {"meter", "day"}});
  ASSERT_EQ(first.kept->num_rows(), 4);
  EXPECT_EQ(testing::D(*first.kept, "seq", 0), 3);  // A d1: row 1
  EXPECT_EQ(testing::D(*first.kept, "seq", 1), 1);  // B d1: row 2
  ASSERT_EQ(first.dropped->num_rows(), 2);
  EXPECT_EQ(S(*first.dropped, "_reasons", 0), "duplicate of row 1 on meter, day");

  DedupResult last = Deduplicate(*t, {.by = {"meter", "day"}, .keep = DedupKeep::kLast});
  // Kept rows 3, 4, 5, 6 (1-based) in input order: seq 2, 0, 5, 4.
  EXPECT_EQ(testing::D(*last.kept, "seq", 0), 2);
  EXPECT_EQ(testing::D(*last.kept, "seq", 1), 0);
  EXPECT_EQ(testing::D(*last.kept, "seq", 2), 5);

  // Ordered by seq, the first of A d1 is row 3 (seq 2); it has a NULL, so most_complete keeps
  // row 1 (seq 3) instead.
  DedupResult ordered =
      Deduplicate(*t, {.by = {"meter", "day"}, .keep = DedupKeep::kFirst, .order_by = {{"seq"}}});
  EXPECT_EQ(testing::D(*ordered.kept, "seq", 0),
            1);  // kept rows stay in input order: B(seq1) row 2
  EXPECT_EQ(testing::D(*ordered.kept, "seq", 1), 2);  // A d1 row 3
  DedupResult complete = Deduplicate(
      *t, {.by = {"meter", "day"}, .keep = DedupKeep::kMostComplete, .order_by = {{"seq"}}});
  EXPECT_EQ(testing::D(*complete.kept, "seq", 0), 3);  // A d1: row 1, no NULL
  EXPECT_EQ(testing::D(*complete.kept, "seq", 1), 1);  // B d1: tie → first by seq
}

// Reference: a map from key to the rows in order; every row accounted for.
TEST(Dedup, MatchesReferenceOnRandomData) {
  std::mt19937_64 rng(7);
  const int n = 3000;
  std::vector<std::optional<std::string>> key;
  std::vector<std::optional<double>> v, order;
  for (int i = 0; i < n; ++i) {
    key.push_back(rng() % 20 == 0 ? std::nullopt
                                  : std::optional<std::string>("k" + std::to_string(rng() % 300)));
    v.push_back(rng() % 4 == 0 ? std::nullopt : std::optional<double>(double(rng() % 10)));
    order.push_back(double(rng() % 100000));
  }
  TablePtr t = MakeTable({{"k", Strings(key)}, {"v", Doubles(v)}, {"o", Doubles(order)}});
  for (DedupKeep keep : {DedupKeep::kFirst, DedupKeep::kLast, DedupKeep::kMostComplete}) {
    DedupResult r = Deduplicate(*t, {.by = {"k"}, .keep = keep, .order_by = {{"o"}}});
    std::map<std::optional<std::string>, std::vector<int>> groups;
    std::vector<int> idx(n);
    for (int i = 0; i < n; ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return *order[a] < *order[b]; });
    for (int i : idx) groups[key[i]].push_back(i);
    std::vector<int> expect;
    for (auto& [k, rows] : groups) {
      int pick = rows.front();
      if (keep == DedupKeep::kLast) pick = rows.back();
      if (keep == DedupKeep::kMostComplete) {
        for (int row : rows) {
          if (v[row] && !v[pick]) {
            pick = row;
            break;
          }
        }
      }
      expect.push_back(pick);
    }
    std::sort(expect.begin(), expect.end());
    ASSERT_EQ(r.kept->num_rows(), static_cast<int64_t>(expect.size()));
    EXPECT_EQ(r.kept->num_rows() + r.dropped->num_rows(), n);
    for (size_t j = 0; j < expect.size(); ++j) {
      EXPECT_EQ(r.kept->column("o")->GetValue(j).AsDouble(), *order[expect[j]]);
    }
  }
}

}  // namespace
}  // namespace xf::govern
