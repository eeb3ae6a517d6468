// assign: minimum-cost one-to-one assignment (Hungarian algorithm, model/assignment.h), from a
// long cost table (row id, column id, cost) or from a cost expression over every pair of rows of
// two tables (workers × tasks, crews × incidents).
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "core/error.h"
#include "model/assignment.h"
#include "model/column_values.h"
#include "ops/project.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class AssignStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    expression_ = o.GetString("cost_expression", "");
    row_ = o.GetString("row", "");
    col_ = o.GetString("col", "");
    cost_ = o.GetString("cost", "");
    maximize_ = o.GetString("objective", "min") == "max";
    if (o.Has("objective") && o.Get("objective").AsString() != "min" && !maximize_) {
      o.Get("objective").Fail("must be min or max");
    }
    suffix_ = o.GetString("suffix", "_right");
    output_ = o.GetString("output", "cost");
    if (expression_.empty() == (row_.empty() && col_.empty() && cost_.empty())) {
      o.Fail(
          "give either `cost_expression` (two inputs) or `row`, `col` and `cost` (one long cost "
          "table)");
    }
    if (expression_.empty() && (row_.empty() || col_.empty() || cost_.empty())) {
      o.Fail("a cost table needs all of `row`, `col` and `cost`");
    }
  }

  void Run(StepContext& ctx) override {
    if (expression_.empty()) {
      RunTable(ctx);
    } else {
      RunCross(ctx);
    }
  }

 private:
  void RunTable(StepContext& ctx) {
    const Table& t = *ctx.input(0);
    RequireColumns(node_, t, {{"row", row_}, {"col", col_}, {"cost", cost_}});
    std::vector<std::optional<std::string>> r, c;
    std::vector<double> v;
    RunNamed(node_, [&] {
      r = model::TextValues(t, row_);
      c = model::TextValues(t, col_);
      v = model::NumericValues(t, cost_);
    });
    std::map<std::string, size_t> ri, ci;
    std::vector<std::string> rn, cn;
    for (size_t i = 0; i < r.size(); ++i) {
      if (!r[i] || !c[i]) {
        RunNamed(node_, [&] {
          model::ThrowRowError(r[i] ? col_ : row_, static_cast<int64_t>(i), "item id is NULL");
        });
      }
      if (ri.try_emplace(*r[i], rn.size()).second) rn.push_back(*r[i]);
      if (ci.try_emplace(*c[i], cn.size()).second) cn.push_back(*c[i]);
    }
    const double missing = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::vector<double>> m(rn.size(), std::vector<double>(cn.size(), missing));
    for (size_t i = 0; i < r.size(); ++i) {
      double& cell = m[ri[*r[i]]][ci[*c[i]]];
      if (!std::isnan(cell)) {
        RunNamed(node_, [&] {
          model::ThrowRowError(cost_, static_cast<int64_t>(i),
                               fmt::format("second cost for the pair ({}, {})", *r[i], *c[i]));
        });
      }
      cell = v[i];
    }
    model::Assignment a = model::SolveAssignment(m, maximize_);
    auto rc = Column::Make(TypeId::kString), cc = Column::Make(TypeId::kString),
         vc = Column::Make(TypeId::kFloat64);
    for (size_t i = 0; i < rn.size(); ++i) {
      rc->AppendString(rn[i]);
      const int32_t j = a.row_to_col[i];
      if (j < 0) {
        cc->AppendNull();
        vc->AppendNull();
      } else {
        cc->AppendString(cn[static_cast<size_t>(j)]);
        vc->AppendFloat64(m[i][static_cast<size_t>(j)]);
      }
    }
    ctx.SetOutput(
        0,
        Table::Make(
            Schema({{row_, TypeId::kString}, {col_, TypeId::kString}, {output_, TypeId::kFloat64}}),
            {rc, cc, vc}));
  }

  void RunCross(StepContext& ctx) {
    if (ctx.num_inputs() != 2)
      node_.Get("cost_expression").Fail("needs two inputs (rows, columns)");
    const Table& l = *ctx.input(0);
    const Table& r = *ctx.input(1);
    const auto n = l.num_rows(), m = r.num_rows();
    if (n * m > 25'000'000)
      node_.Get("cost_expression")
          .Fail(fmt::format("{} × {} pairs are too many for an assignment", n, m));
    std::vector<int64_t> li, rj;
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < m; ++j) {
        li.push_back(i);
        rj.push_back(j);
      }
    }
    TablePtr cross = Pair(l, r, li, rj);
    TablePtr costs;
    RunNamed(node_, [&] { costs = Project(*cross, {{"__cost", expression_}}); });
    std::vector<double> v;
    RunNamed(node_, [&] { v = model::NumericValues(*costs, "__cost"); });
    std::vector<std::vector<double>> mat(static_cast<size_t>(n),
                                         std::vector<double>(static_cast<size_t>(m)));
    for (size_t k = 0; k < v.size(); ++k)
      mat[k / static_cast<size_t>(m)][k % static_cast<size_t>(m)] = v[k];
    model::Assignment a = model::SolveAssignment(mat, maximize_);
    std::vector<int64_t> outl, outr;
    auto vc = Column::Make(TypeId::kFloat64);
    for (int64_t i = 0; i < n; ++i) {
      const int32_t j = a.row_to_col[static_cast<size_t>(i)];
      outl.push_back(i);
      outr.push_back(j);
      if (j < 0) {
        vc->AppendNull();
      } else {
        vc->AppendFloat64(mat[static_cast<size_t>(i)][static_cast<size_t>(j)]);
      }
    }
    TablePtr out = Pair(l, r, outl, outr);
    ctx.SetOutput(0, out->WithColumn(output_, vc));
  }

  // Left rows li[k] beside right rows rj[k] (-1: NULLs), clashing right names suffixed.
  TablePtr Pair(const Table& l, const Table& r, const std::vector<int64_t>& li,
                const std::vector<int64_t>& rj) {
    Schema schema = l.schema();
    std::vector<ColumnPtr> cols;
    for (const ColumnPtr& c : l.columns()) cols.push_back(c->Take(li));
    for (int k = 0; k < r.num_columns(); ++k) {
      std::string name = r.schema().field(k).name;
      while (schema.IndexOf(name) >= 0) name += suffix_;
      schema.Add({name, r.schema().field(k).type});
      cols.push_back(r.column(k)->Take(rj));
    }
    return Table::Make(std::move(schema), std::move(cols));
  }

  SpecNode node_;
  std::string expression_, row_, col_, cost_, suffix_, output_;
  bool maximize_ = false;
};

}  // namespace

StepKind AssignStepKind() {
  return {.name = "assign",
          .summary =
              "Minimum-cost one-to-one assignment (Hungarian algorithm) from a cost table or a "
              "cost expression over every pair of rows of two tables.",
          .min_inputs = 1,
          .max_inputs = 2,
          .inputs_doc = "cost table, or rows and columns (two tables)",
          .outputs_doc = "one row per row item with its assigned column item and cost",
          .options =
              {{"cost_expression", "expression", false,
                "Cost of pairing a row of the first input with a row of the second (two inputs)."},
               {"row", "column", false, "Cost table: row item id column."},
               {"col", "column", false, "Cost table: column item id column."},
               {"cost", "column", false,
                "Cost table: numeric cost column (missing pairs are forbidden)."},
               {"objective", "text", false, "min (default) or max."},
               {"suffix", "text", false,
                "Appended to clashing column names of the second input (_right)."},
               {"output", "column", false, "Name of the output cost column (cost)."}},
          .make = [] { return std::make_unique<AssignStep>(); }};
}

}  // namespace xf::pipeline
