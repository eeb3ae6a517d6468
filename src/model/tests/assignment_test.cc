// Hungarian algorithm against brute force over every permutation, on random matrices n, m <= 7.
#include "model/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace xf::model {
namespace {

// Best total over all ways to pair min(n, m) rows with distinct columns.
double BruteForce(const std::vector<std::vector<double>>& c, bool maximize) {
  const size_t n = c.size(), m = c[0].size();
  const size_t k = std::min(n, m);
  double best = maximize ? -1e300 : 1e300;
  // Permute the longer side; the first k entries pair with the shorter side.
  std::vector<size_t> perm(std::max(n, m));
  std::iota(perm.begin(), perm.end(), 0);
  do {
    double total = 0;
    for (size_t i = 0; i < k; ++i) total += n <= m ? c[i][perm[i]] : c[perm[i]][i];
    best = maximize ? std::max(best, total) : std::min(best, total);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

TEST(Assignment, MatchesBruteForceOnRandomMatrices) {
  std::mt19937_64 rng(42);
  int cases = 0;
  for (size_t n = 1; n <= 7; ++n) {
    for (size_t m = 1; m <= 7; ++m) {
      for (int rep = 0; rep < 6; ++rep) {
        std::vector<std::vector<double>> c(n, std::vector<double>(m));
        for (auto& row : c) {
          // Integer costs (many ties) in half the cases, reals otherwise.
          for (double& v : row)
            v = rep % 2 ? static_cast<double>(rng() % 10)
                        : static_cast<double>(rng() % 100000) / 997.0;
        }
        for (bool maximize : {false, true}) {
          Assignment a = SolveAssignment(c, maximize);
          const double expected = BruteForce(c, maximize);
          EXPECT_NEAR(a.total_cost, expected, 1e-9) << n << "x" << m;
          // The pairs are a valid matching of size min(n, m) summing to total_cost.
          std::vector<char> used(m, 0);
          double sum = 0;
          size_t pairs = 0;
          for (size_t r = 0; r < n; ++r) {
            const int32_t col = a.row_to_col[r];
            if (col < 0) continue;
            ASSERT_LT(static_cast<size_t>(col), m);
            EXPECT_FALSE(used[static_cast<size_t>(col)]);
            used[static_cast<size_t>(col)] = 1;
            sum += c[r][static_cast<size_t>(col)];
            ++pairs;
          }
          EXPECT_EQ(pairs, std::min(n, m));
          EXPECT_NEAR(sum, a.total_cost, 1e-9);
          ++cases;
        }
      }
    }
  }
  EXPECT_EQ(cases, 7 * 7 * 6 * 2);
}

TEST(Assignment, ClassicThreeByThree) {
  // Rows: workers, columns: jobs. By hand the unique optimum is 0→1 (1), 1→0 (2), 2→2 (2) = 5.
  Assignment a = SolveAssignment({{4, 1, 3}, {2, 0, 5}, {3, 2, 2}});
  EXPECT_DOUBLE_EQ(a.total_cost, 5);
  EXPECT_EQ(a.row_to_col, (std::vector<int32_t>{1, 0, 2}));
}

TEST(Assignment, ForbiddenPairsAreNeverUsed) {
  const double no = std::numeric_limits<double>::quiet_NaN();
  // Row 0 can only take column 0; row 1 only column 0 too: one of them stays unassigned.
  Assignment a = SolveAssignment({{5, no}, {1, no}});
  EXPECT_EQ(a.row_to_col, (std::vector<int32_t>{-1, 0}));
  EXPECT_DOUBLE_EQ(a.total_cost, 1);
}

}  // namespace
}  // namespace xf::model
