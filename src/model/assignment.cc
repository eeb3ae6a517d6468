#include "model/assignment.h"

#include <cmath>
#include <limits>

namespace xf::model {

Assignment SolveAssignment(const std::vector<std::vector<double>>& cost_in, bool maximize) {
  Assignment out;
  const size_t rows = cost_in.size();
  const size_t cols = rows ? cost_in[0].size() : 0;
  out.row_to_col.assign(rows, -1);
  if (rows == 0 || cols == 0) return out;
  // The algorithm wants n <= m; transpose otherwise.
  const bool transpose = rows > cols;
  const size_t n = transpose ? cols : rows, m = transpose ? rows : cols;
  auto raw = [&](size_t i, size_t j) { return transpose ? cost_in[j][i] : cost_in[i][j]; };
  // Forbidden pairs get a cost larger than any assignment of allowed pairs can reach.
  double span = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < m; ++j) {
      const double c = raw(i, j);
      if (std::isfinite(c)) span += std::fabs(c);
    }
  }
  const double big = 2 * span + 1;
  auto cost = [&](size_t i, size_t j) {
    double c = raw(i, j);
    if (maximize && std::isfinite(c)) c = -c;
    return std::isfinite(c) ? c : big;
  };
  // 1-based potentials formulation (e-maxx): u rows, v cols, p[j] row matched to column j.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0);
  std::vector<size_t> p(m + 1, 0), way(m + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::vector<double> minv(m + 1, inf);
    std::vector<char> used(m + 1, 0);
    do {
      used[j0] = 1;
      const size_t i0 = p[j0];
      double delta = inf;
      size_t j1 = 0;
      for (size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  for (size_t j = 1; j <= m; ++j) {
    if (p[j] == 0) continue;
    const size_t i = p[j] - 1, jj = j - 1;
    const double c = raw(i, jj);
    if (!std::isfinite(c)) continue;  // only reachable through a forbidden pair
    const size_t r = transpose ? jj : i, col = transpose ? i : jj;
    out.row_to_col[r] = static_cast<int32_t>(col);
    out.total_cost += c;
  }
  return out;
}

}  // namespace xf::model
