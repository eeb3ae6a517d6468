#include "model/linear_program.h"

#include <coin/Cbc_C_Interface.h>

#include <cmath>
#include <limits>
#include <memory>

namespace xf::model {

const char* LpStatusName(LpStatus status) {
  switch (status) {
    case LpStatus::kOptimal:
      return "optimal";
    case LpStatus::kInfeasible:
      return "infeasible";
    case LpStatus::kUnbounded:
      return "unbounded";
    case LpStatus::kLimitReached:
      return "limit_reached";
    case LpStatus::kFailed:
      return "failed";
  }
  return "failed";
}

namespace {

// One CBC solve; with zero_objective every cost is 0 (a pure feasibility check).
LpSolution SolveOnce(const LinearProgram& lp, double time_limit_s, bool zero_objective) {
  std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> model(Cbc_newModel(), Cbc_deleteModel);
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  Cbc_setParameter(m, "log", "0");
  Cbc_setParameter(m, "slog", "0");
  if (time_limit_s > 0) Cbc_setMaximumSeconds(m, time_limit_s);
  const double big = std::numeric_limits<double>::max();  // COIN_DBL_MAX: CBC's infinity
  auto clamp = [&](double v) { return std::isinf(v) ? (v > 0 ? big : -big) : v; };
  for (const LpVariable& v : lp.variables) {
    Cbc_addCol(m, v.name.c_str(), clamp(v.lower), clamp(v.upper), zero_objective ? 0.0 : v.cost,
               v.integer ? 1 : 0, 0, nullptr, nullptr);
  }
  for (const LpConstraint& c : lp.constraints) {
    std::vector<int> cols;
    std::vector<double> coefs;
    for (const auto& [var, coef] : c.terms) {
      cols.push_back(var);
      coefs.push_back(coef);
    }
    Cbc_addRow(m, c.name.c_str(), static_cast<int>(cols.size()), cols.data(), coefs.data(), c.sense,
               c.rhs);
  }
  Cbc_setObjSense(m, lp.maximize ? -1 : 1);
  Cbc_solve(m);
  LpSolution s;
  if (Cbc_isProvenOptimal(m)) {
    s.status = LpStatus::kOptimal;
  } else if (Cbc_isContinuousUnbounded(m) || Cbc_secondaryStatus(m) == 7) {
    s.status = LpStatus::kUnbounded;
  } else if (Cbc_isProvenInfeasible(m) || Cbc_secondaryStatus(m) == 1) {
    s.status = LpStatus::kInfeasible;
  } else if (Cbc_isSecondsLimitReached(m) || Cbc_status(m) == 1) {
    s.status = LpStatus::kLimitReached;
  }
  const bool has_solution =
      s.status == LpStatus::kOptimal ||
      (s.status == LpStatus::kLimitReached && Cbc_numberSavedSolutions(m) > 0);
  if (has_solution) {
    const double* x = Cbc_getColSolution(m);
    s.values.assign(x, x + lp.variables.size());
    const double* act = Cbc_getRowActivity(m);
    if (act) s.row_activity.assign(act, act + lp.constraints.size());
    s.objective = Cbc_getObjValue(m);
  }
  return s;
}

}  // namespace

LpSolution SolveLinearProgram(const LinearProgram& lp, double time_limit_s) {
  LpSolution s = SolveOnce(lp, time_limit_s, false);
  // CBC 2.10's C API reports an unbounded LP as "proven infeasible" (its primal/dual status is
  // folded together). A feasibility check with a zero objective tells the two apart.
  if (s.status == LpStatus::kInfeasible &&
      SolveOnce(lp, time_limit_s, true).status == LpStatus::kOptimal) {
    s.status = LpStatus::kUnbounded;
  }
  return s;
}

}  // namespace xf::model
