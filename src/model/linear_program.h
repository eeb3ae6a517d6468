// LP / MILP through COIN-OR CBC (blending, charging and production plans). We use CBC's C API
// (Cbc_C_Interface.h): the problem is built column by column and row by row, which is all we
// need, and the C API keeps CBC's large C++ header tree (and its warnings) out of our build.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xf::model {

struct LpVariable {
  std::string name;
  double cost = 0;       // objective coefficient
  double lower = 0;      // -inf allowed
  double upper = 1e300;  // +inf: use std::numeric_limits<double>::infinity()
  bool integer = false;
};

struct LpConstraint {
  std::string name;
  char sense = 'L';  // 'L' (<=), 'G' (>=), 'E' (=)
  double rhs = 0;
  std::vector<std::pair<int32_t, double>> terms;  // (variable index, coefficient)
};

struct LinearProgram {
  std::vector<LpVariable> variables;
  std::vector<LpConstraint> constraints;
  bool maximize = false;
};

enum class LpStatus { kOptimal, kInfeasible, kUnbounded, kLimitReached, kFailed };
const char* LpStatusName(LpStatus status);  // "optimal", "infeasible", "unbounded", …

struct LpSolution {
  LpStatus status = LpStatus::kFailed;
  double objective = 0;
  std::vector<double> values;        // per variable (empty unless a solution exists)
  std::vector<double> row_activity;  // per constraint
};

// CBC's own logging is switched off (log level 0). time_limit_s <= 0: none. CBC runs single
// threaded here, so a problem gives one answer.
LpSolution SolveLinearProgram(const LinearProgram& lp, double time_limit_s = 0);

}  // namespace xf::model
