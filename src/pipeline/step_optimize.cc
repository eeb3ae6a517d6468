// optimize: an LP / MILP given as tables (variables, constraints, coefficients), solved by
// COIN-OR CBC (model/linear_program.h) — blending, charging and production plans.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "core/error.h"
#include "model/column_values.h"
#include "model/linear_program.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class OptimizeStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    const std::string sense = o.GetString("objective", "min");
    if (sense != "min" && sense != "max") o.Get("objective").Fail("must be min or max");
    maximize_ = sense == "max";
    variable_ = o.GetString("variable", "variable");
    cost_ = o.GetString("cost", "cost");
    lower_ = o.GetString("lower", "");
    upper_ = o.GetString("upper", "");
    integer_ = o.GetString("integer", "");
    constraint_ = o.GetString("constraint", "constraint");
    relation_ = o.GetString("relation", "relation");
    rhs_ = o.GetString("rhs", "rhs");
    coefficient_ = o.GetString("coefficient", "coefficient");
    time_limit_ = o.GetDouble("time_limit_s", 0);
    on_failure_ = o.GetString("on_failure", "error");
    if (on_failure_ != "error" && on_failure_ != "status")
      o.Get("on_failure").Fail("must be error or status");
  }

  void Run(StepContext& ctx) override {
    const Table& vars = *ctx.input(0);
    const Table& cons = *ctx.input(1);
    const Table& coef = *ctx.input(2);
    RequireColumns(node_, vars,
                   {{"variable", variable_},
                    {"cost", cost_},
                    {"lower", lower_},
                    {"upper", upper_},
                    {"integer", integer_}});
    RequireColumns(node_, cons,
                   {{"constraint", constraint_}, {"relation", relation_}, {"rhs", rhs_}});
    RequireColumns(
        node_, coef,
        {{"constraint", constraint_}, {"variable", variable_}, {"coefficient", coefficient_}});
    model::LinearProgram lp;
    lp.maximize = maximize_;
    RunNamed(node_, [&] { Build(vars, cons, coef, lp); });
    model::LpSolution s = model::SolveLinearProgram(lp, time_limit_);
    const bool solved = !s.values.empty();
    if (s.status != model::LpStatus::kOptimal && on_failure_ == "error") {
      RunNamed(node_, [&] {
        throw Error(
            ErrorKind::kData,
            fmt::format("the problem is {} ({} variables, {} constraints){}",
                        model::LpStatusName(s.status), lp.variables.size(), lp.constraints.size(),
                        " — set `on_failure: status` to report it instead of failing"));
      });
    }
    auto value = Column::Make(TypeId::kFloat64);
    for (size_t i = 0; i < lp.variables.size(); ++i) {
      if (solved) {
        // -0 and solver dust to clean zeros, so outputs are stable across CBC builds.
        double v = s.values[i];
        if (std::fabs(v) < 1e-9) v = 0;
        value->AppendFloat64(v);
      } else {
        value->AppendNull();
      }
    }
    ctx.SetOutput(0, vars.WithColumn("value", value));
    if (ctx.num_outputs() > 1) {
      auto status = Column::Make(TypeId::kString), obj = Column::Make(TypeId::kFloat64);
      status->AppendString(model::LpStatusName(s.status));
      if (solved) {
        obj->AppendFloat64(s.objective);
      } else {
        obj->AppendNull();
      }
      ctx.SetOutput(
          1, Table::Make(Schema({{"status", TypeId::kString}, {"objective", TypeId::kFloat64}}),
                         {status, obj}));
    }
  }

 private:
  void Build(const Table& vars, const Table& cons, const Table& coef, model::LinearProgram& lp) {
    const double inf = std::numeric_limits<double>::infinity();
    auto names = model::TextValues(vars, variable_);
    auto cost = model::NumericValues(vars, cost_);
    std::vector<double> lo, up, in;
    if (!lower_.empty()) lo = model::NumericValues(vars, lower_);
    if (!upper_.empty()) up = model::NumericValues(vars, upper_);
    if (!integer_.empty()) {
      const Column& c = *vars.column(integer_);
      for (int64_t i = 0; i < c.size(); ++i) {
        in.push_back(c.IsNull(i)                 ? 0
                     : c.type() == TypeId::kBool ? c.data<uint8_t>()[i]
                                                 : c.GetValue(i).AsDouble());
      }
    }
    std::map<std::string, int32_t> var_index;
    for (size_t i = 0; i < names.size(); ++i) {
      if (!names[i])
        model::ThrowRowError(variable_, static_cast<int64_t>(i), "variable name is NULL");
      if (!var_index.try_emplace(*names[i], static_cast<int32_t>(i)).second) {
        model::ThrowRowError(variable_, static_cast<int64_t>(i),
                             fmt::format("variable '{}' defined twice", *names[i]));
      }
      if (!std::isfinite(cost[i]))
        model::ThrowRowError(cost_, static_cast<int64_t>(i), "cost is NULL or not finite");
      model::LpVariable v{*names[i], cost[i], 0, inf, false};
      if (!lo.empty()) v.lower = std::isnan(lo[i]) ? 0 : lo[i];
      if (!up.empty()) v.upper = std::isnan(up[i]) ? inf : up[i];
      if (!in.empty()) v.integer = in[i] != 0;
      if (v.lower > v.upper)
        model::ThrowRowError(lower_, static_cast<int64_t>(i),
                             fmt::format("lower bound {} > upper bound {}", v.lower, v.upper));
      lp.variables.push_back(v);
    }
    auto cnames = model::TextValues(cons, constraint_), rel = model::TextValues(cons, relation_);
    auto rhs = model::NumericValues(cons, rhs_);
    std::map<std::string, size_t> con_index;
    for (size_t i = 0; i < cnames.size(); ++i) {
      if (!cnames[i])
        model::ThrowRowError(constraint_, static_cast<int64_t>(i), "constraint name is NULL");
      const std::string r = rel[i].value_or("");
      char sense = 0;
      if (r == "<=" || r == "le" || r == "≤") sense = 'L';
      if (r == ">=" || r == "ge" || r == "≥") sense = 'G';
      if (r == "=" || r == "==" || r == "eq") sense = 'E';
      if (!sense)
        model::ThrowRowError(relation_, static_cast<int64_t>(i),
                             fmt::format("relation '{}' is not <=, >= or =", r));
      if (!std::isfinite(rhs[i]))
        model::ThrowRowError(rhs_, static_cast<int64_t>(i), "rhs is NULL or not finite");
      if (!con_index.try_emplace(*cnames[i], lp.constraints.size()).second) {
        model::ThrowRowError(constraint_, static_cast<int64_t>(i),
                             fmt::format("constraint '{}' defined twice", *cnames[i]));
      }
      lp.constraints.push_back({*cnames[i], sense, rhs[i], {}});
    }
    auto cc = model::TextValues(coef, constraint_), cv = model::TextValues(coef, variable_);
    auto a = model::NumericValues(coef, coefficient_);
    for (size_t i = 0; i < cc.size(); ++i) {
      if (!cc[i])
        model::ThrowRowError(constraint_, static_cast<int64_t>(i),
                             "constraint name is NULL (coefficient table)");
      if (!cv[i])
        model::ThrowRowError(variable_, static_cast<int64_t>(i),
                             "variable name is NULL (coefficient table)");
      auto ci = con_index.find(*cc[i]);
      if (ci == con_index.end())
        model::ThrowRowError(constraint_, static_cast<int64_t>(i),
                             fmt::format("unknown constraint '{}' (coefficient table)", *cc[i]));
      auto vi = var_index.find(*cv[i]);
      if (vi == var_index.end())
        model::ThrowRowError(variable_, static_cast<int64_t>(i),
                             fmt::format("unknown variable '{}' (coefficient table)", *cv[i]));
      if (!std::isfinite(a[i]))
        model::ThrowRowError(coefficient_, static_cast<int64_t>(i),
                             "coefficient is NULL or not finite");
      lp.constraints[ci->second].terms.push_back({vi->second, a[i]});
    }
  }

  SpecNode node_;
  bool maximize_ = false;
  std::string variable_, cost_, lower_, upper_, integer_, constraint_, relation_, rhs_,
      coefficient_, on_failure_;
  double time_limit_ = 0;
};

}  // namespace

StepKind OptimizeStepKind() {
  return {
      .name = "optimize",
      .summary =
          "Solves a linear or mixed-integer program given as tables (variables, "
          "constraints, coefficients) with COIN-OR CBC.",
      .min_inputs = 3,
      .max_inputs = 3,
      .min_outputs = 1,
      .max_outputs = 2,
      .inputs_doc = "variables, constraints, coefficients",
      .outputs_doc = "the variables with their optimal value; optional status (status, objective)",
      .options =
          {{"objective", "text", false, "min (default) or max."},
           {"variable", "column", false,
            "Variable name column, in the variable and coefficient tables (variable)."},
           {"cost", "column", false, "Objective coefficient column of the variable table (cost)."},
           {"lower", "column", false, "Lower bound column (default 0; NULL: 0)."},
           {"upper", "column", false, "Upper bound column (default none; NULL: none)."},
           {"integer", "column", false, "Bool or 0/1 column: the variable must be integral."},
           {"constraint", "column", false,
            "Constraint name column, in the constraint and coefficient tables (constraint)."},
           {"relation", "column", false, "<=, >= or = column of the constraint table (relation)."},
           {"rhs", "column", false, "Right-hand side column of the constraint table (rhs)."},
           {"coefficient", "column", false,
            "Coefficient column of the coefficient table (coefficient)."},
           {"time_limit_s", "number", false, "Stop CBC after this many seconds (0: no limit)."},
           {"on_failure", "text", false,
            "error (default) or status: what an infeasible/unbounded problem gives."}},
      .make = [] { return std::make_unique<OptimizeStep>(); }};
}

}  // namespace xf::pipeline
