// The assignment problem (Hungarian algorithm / Kuhn–Munkres with potentials, O(n²m)): which
// worker takes which task at least total cost. Written by hand because none of our libraries has
// it and CBC would be a heavy way to solve a problem this structured.
#pragma once

#include <cstdint>
#include <vector>

namespace xf::model {

struct Assignment {
  std::vector<int32_t> row_to_col;  // -1: row unassigned (more rows than columns, or forbidden)
  double total_cost = 0;
};

// cost[r][c] for an n×m matrix (rectangular allowed: min(n, m) pairs are made). A NaN or +inf
// cost forbids the pair; a row whose every optimal choice is forbidden stays unassigned.
// `maximize` maximises the total instead. Ties resolve the same way for the same matrix.
Assignment SolveAssignment(const std::vector<std::vector<double>>& cost, bool maximize = false);

}  // namespace xf::model
