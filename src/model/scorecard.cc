#include "model/scorecard.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "core/error.h"
#include "model/binary_metrics.h"
#include "model/binning.h"
#include "model/logistic.h"
#include "model/numeric_columns.h"

namespace xf::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct VariableFit {
  std::vector<double> cuts;
  std::vector<int64_t> n, bad;  // per bin; the missing bin last when has_missing
  bool has_missing = false;
  std::vector<double> woe, iv_part, points;
  double iv = 0;
  std::string trend;
  bool in_model = false;
  double coefficient = kNaN, std_error = kNaN;
  std::vector<int> row_bin;  // per input row; -1 when the row is not used
};

std::string Bound(double v) { return fmt::format("{:g}", v); }

VariableFit BinVariable(const std::string& name, const std::vector<double>& x,
                        const std::vector<double>& y, const ScorecardOptions& o) {
  VariableFit v;
  std::vector<double> vals(x.size(), kNaN);
  int64_t present = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(y[i])) continue;
    vals[i] = x[i];
    if (!std::isnan(x[i])) {
      ++present;
    } else {
      v.has_missing = true;
    }
  }
  if (present < o.bins) {
    throw Error(ErrorKind::kData,
                fmt::format("scorecard: {} bins need at least {} non-NULL values of '{}' (with a "
                            "target), got {}",
                            o.bins, o.bins, name, present),
                SourceContext{.column_name = name});
  }
  v.cuts = QuantileCuts(vals, o.bins);
  if (o.binning == Binning::kMonotone) {
    bool up = true;
    v.cuts = MonotoneCuts(v.cuts, vals, y, &up);
    v.trend = v.cuts.empty() ? "" : (up ? "increasing" : "decreasing");
  }
  const BinCounts c = CountBins(v.cuts, vals, y);
  v.n = c.n;
  v.bad = c.events;
  if (v.has_missing) {
    v.n.push_back(0);
    v.bad.push_back(0);
  }
  const int missing_bin = static_cast<int>(v.n.size()) - 1;
  v.row_bin.assign(x.size(), -1);
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(y[i])) continue;
    if (std::isnan(x[i])) {
      v.row_bin[i] = missing_bin;
      ++v.n.back();
      v.bad.back() += y[i] > 0.5 ? 1 : 0;
    } else {
      v.row_bin[i] = BinOf(v.cuts, x[i]);
    }
  }
  return v;
}

void ComputeWoe(VariableFit* v, double total_good, double total_bad) {
  v->iv = 0;
  for (size_t b = 0; b < v->n.size(); ++b) {
    double bad = static_cast<double>(v->bad[b]);
    double good = static_cast<double>(v->n[b] - v->bad[b]);
    if (bad == 0 || good == 0) {
      bad += 0.5;
      good += 0.5;
    }
    const double dg = good / total_good, db = bad / total_bad;
    const double woe = std::log(dg / db);
    v->woe.push_back(woe);
    v->iv_part.push_back((dg - db) * woe);
    v->iv += v->iv_part.back();
  }
}

TablePtr BinsTable(const std::vector<std::string>& names, const std::vector<VariableFit>& fits) {
  auto var = Column::Make(TypeId::kString), bin = Column::Make(TypeId::kInt64),
       missing = Column::Make(TypeId::kBool), label = Column::Make(TypeId::kString),
       n = Column::Make(TypeId::kInt64), bad = Column::Make(TypeId::kInt64),
       good = Column::Make(TypeId::kInt64);
  std::vector<double> lower, upper, rate, woe, iv, points;
  for (size_t j = 0; j < fits.size(); ++j) {
    const VariableFit& f = fits[j];
    for (size_t b = 0; b < f.n.size(); ++b) {
      const bool is_missing = f.has_missing && b + 1 == f.n.size();
      var->AppendString(names[j]);
      bin->AppendInt64(static_cast<int64_t>(b + 1));
      missing->AppendBool(is_missing);
      const double lo = is_missing || b == 0 ? kNaN : f.cuts[b - 1];
      const double hi = is_missing || b >= f.cuts.size() ? kNaN : f.cuts[b];
      lower.push_back(lo);
      upper.push_back(hi);
      label->AppendString(is_missing ? "missing"
                                     : fmt::format("[{}, {})", std::isnan(lo) ? "-inf" : Bound(lo),
                                                   std::isnan(hi) ? "+inf" : Bound(hi)));
      n->AppendInt64(f.n[b]);
      bad->AppendInt64(f.bad[b]);
      good->AppendInt64(f.n[b] - f.bad[b]);
      rate.push_back(f.n[b] > 0 ? static_cast<double>(f.bad[b]) / static_cast<double>(f.n[b])
                                : kNaN);
      woe.push_back(f.woe[b]);
      iv.push_back(f.iv_part[b]);
      points.push_back(f.points[b]);
    }
  }
  return Table::Make(
      Schema({{"variable", TypeId::kString},
              {"bin", TypeId::kInt64},
              {"lower", TypeId::kFloat64},
              {"upper", TypeId::kFloat64},
              {"missing", TypeId::kBool},
              {"label", TypeId::kString},
              {"n", TypeId::kInt64},
              {"bad", TypeId::kInt64},
              {"good", TypeId::kInt64},
              {"bad_rate", TypeId::kFloat64},
              {"woe", TypeId::kFloat64},
              {"iv", TypeId::kFloat64},
              {"points", TypeId::kFloat64}}),
      {var, bin, Float64Column(lower), Float64Column(upper), missing, label, n, bad, good,
       Float64Column(rate), Float64Column(woe), Float64Column(iv), Float64Column(points)});
}

}  // namespace

ScorecardResult FitScorecard(const Table& input, const ScorecardOptions& o) {
  if (o.variables.empty()) throw Error(ErrorKind::kSpec, "scorecard: no variables");
  if (o.bins < 2) throw Error(ErrorKind::kSpec, "scorecard: bins must be >= 2");
  if (!(o.pdo > 0) || !(o.base_odds > 0)) {
    throw Error(ErrorKind::kSpec, "scorecard: pdo and base_odds must be > 0");
  }
  const std::vector<double> y = BinaryTarget(input, o.target, "scorecard");
  double total_bad = 0, total_good = 0;
  for (double t : y) {
    if (std::isnan(t)) continue;
    (t > 0.5 ? total_bad : total_good) += 1;
  }
  if (total_bad == 0 || total_good == 0) {
    throw Error(ErrorKind::kData,
                fmt::format("scorecard: target '{}' has {} bad and {} good rows; both are needed",
                            o.target, total_bad, total_good),
                SourceContext{.column_name = o.target});
  }
  std::vector<VariableFit> fits;
  for (const std::string& name : o.variables) {
    if (name == o.target) {
      throw Error(ErrorKind::kSpec, "scorecard: '" + name + "' is both target and a variable",
                  SourceContext{.column_name = name});
    }
    const std::vector<double> x = NumericValues(NumericColumnOf(input, name, "scorecard"));
    fits.push_back(BinVariable(name, x, y, o));
    ComputeWoe(&fits.back(), total_good, total_bad);
  }
  std::vector<size_t> model_vars;
  for (size_t j = 0; j < fits.size(); ++j) {
    fits[j].in_model = fits[j].n.size() >= 2 && fits[j].iv >= o.min_iv;
    if (fits[j].in_model) model_vars.push_back(j);
  }
  if (model_vars.empty()) {
    throw Error(
        ErrorKind::kData,
        fmt::format("scorecard: no variable has two or more bins and an IV >= {}", o.min_iv));
  }
  // Logistic regression of bad on the WOEs of the model variables.
  std::vector<int64_t> rows;
  for (size_t i = 0; i < y.size(); ++i) {
    if (!std::isnan(y[i])) rows.push_back(static_cast<int64_t>(i));
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto k = static_cast<Eigen::Index>(model_vars.size());
  Eigen::MatrixXd x(n, k + 1);
  Eigen::VectorXd yv(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto r = static_cast<size_t>(rows[static_cast<size_t>(i)]);
    yv(i) = y[r];
    x(i, 0) = 1;
    for (Eigen::Index j = 0; j < k; ++j) {
      const VariableFit& f = fits[model_vars[static_cast<size_t>(j)]];
      x(i, j + 1) = f.woe[static_cast<size_t>(f.row_bin[r])];
    }
  }
  const LogisticFit lf = FitLogisticDesign(x, yv, o.l2, 0, o.max_iterations, 1e-9);
  if (!lf.error.empty()) {
    throw Error(ErrorKind::kData, "scorecard: logistic fit on the WOEs: " + lf.error);
  }
  const double factor = o.pdo / std::log(2.0);
  const double offset = o.base_score - factor * std::log(o.base_odds);
  const double intercept = lf.beta(0);
  const double base_share = (offset - factor * intercept) / static_cast<double>(k);
  for (size_t j = 0; j < fits.size(); ++j) fits[j].points.assign(fits[j].n.size(), 0);
  for (Eigen::Index j = 0; j < k; ++j) {
    VariableFit& f = fits[model_vars[static_cast<size_t>(j)]];
    f.coefficient = lf.beta(j + 1);
    f.std_error = lf.std_error(j + 1);
    for (size_t b = 0; b < f.n.size(); ++b) {
      f.points[b] = -factor * f.coefficient * f.woe[b] + base_share;
    }
  }
  // Training scores and their quality.
  std::vector<double> score, neg_score, prob, target;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto r = static_cast<size_t>(rows[static_cast<size_t>(i)]);
    double s = 0;
    for (size_t j : model_vars) s += fits[j].points[static_cast<size_t>(fits[j].row_bin[r])];
    score.push_back(s);
    neg_score.push_back(-s);
    const double eta = (x.row(i) * lf.beta)(0);
    prob.push_back(1 / (1 + std::exp(-eta)));
    target.push_back(yv(i));
  }
  const double auc = Auc(neg_score, target);

  ScorecardResult result;
  result.bins = BinsTable(o.variables, fits);
  {
    auto var = Column::Make(TypeId::kString), bins = Column::Make(TypeId::kInt64),
         in_model = Column::Make(TypeId::kBool), trend = Column::Make(TypeId::kString);
    std::vector<double> iv, coef, se;
    for (size_t j = 0; j < fits.size(); ++j) {
      var->AppendString(o.variables[j]);
      bins->AppendInt64(static_cast<int64_t>(fits[j].n.size()));
      iv.push_back(fits[j].iv);
      coef.push_back(fits[j].coefficient);
      se.push_back(fits[j].std_error);
      in_model->AppendBool(fits[j].in_model);
      trend->AppendString(fits[j].trend);
    }
    result.variables = Table::Make(
        Schema({{"variable", TypeId::kString},
                {"bins", TypeId::kInt64},
                {"iv", TypeId::kFloat64},
                {"coefficient", TypeId::kFloat64},
                {"std_error", TypeId::kFloat64},
                {"in_model", TypeId::kBool},
                {"trend", TypeId::kString}}),
        {var, bins, Float64Column(iv), Float64Column(coef), Float64Column(se), in_model, trend});
  }
  {
    std::vector<Field> fields;
    std::vector<ColumnPtr> cols;
    auto add_int = [&](const char* name, int64_t v) {
      auto c = Column::Make(TypeId::kInt64);
      c->AppendInt64(v);
      fields.push_back({name, TypeId::kInt64});
      cols.push_back(c);
    };
    auto add = [&](const char* name, double v) {
      fields.push_back({name, TypeId::kFloat64});
      cols.push_back(Float64Column({v}));
    };
    add_int("n", static_cast<int64_t>(n));
    add_int("bad", static_cast<int64_t>(total_bad));
    add_int("good", static_cast<int64_t>(total_good));
    add_int("variables", static_cast<int64_t>(k));
    add("auc", auc);
    add("ks", KsStatistic(score, target));
    add("gini", 2 * auc - 1);
    add("log_loss", LogLoss(prob, target));
    add("factor", factor);
    add("offset", offset);
    add("intercept", intercept);
    add("pdo", o.pdo);
    add("base_score", o.base_score);
    add("base_odds", o.base_odds);
    auto conv = Column::Make(TypeId::kBool);
    conv->AppendBool(lf.converged);
    fields.push_back({"converged", TypeId::kBool});
    cols.push_back(conv);
    result.metrics = Table::Make(Schema(fields), cols);
  }
  return result;
}

TablePtr ApplyScorecard(const Table& input, const Table& bins, const ScoreOptions& o) {
  for (const char* name : {"variable", "lower", "upper", "missing", "points"}) {
    if (bins.ColumnIndex(name) < 0) {
      throw Error(ErrorKind::kSpec,
                  fmt::format("scorecard_score: the bins table has no '{}' column (is it the "
                              "first output of scorecard_fit?)",
                              name),
                  SourceContext{.column_name = name});
    }
  }
  const Column& var = *bins.column("variable");
  const Column& missing = *bins.column("missing");
  if (var.type() != TypeId::kString || missing.type() != TypeId::kBool) {
    throw Error(ErrorKind::kSpec,
                "scorecard_score: the bins table's 'variable' must be text and 'missing' bool");
  }
  const std::vector<double> lower =
      NumericValues(NumericColumnOf(bins, "lower", "scorecard_score"));
  const std::vector<double> upper =
      NumericValues(NumericColumnOf(bins, "upper", "scorecard_score"));
  const std::vector<double> points =
      NumericValues(NumericColumnOf(bins, "points", "scorecard_score"));
  std::vector<std::string> names;
  std::map<std::string, std::vector<int64_t>> bin_rows;
  for (int64_t r = 0; r < bins.num_rows(); ++r) {
    if (var.IsNull(r)) continue;
    std::string name(var.GetString(r));
    auto [it, inserted] = bin_rows.try_emplace(name);
    if (inserted) names.push_back(name);
    it->second.push_back(r);
  }
  const auto n = static_cast<size_t>(input.num_rows());
  std::vector<double> total(n, 0);
  TablePtr out = std::make_shared<const Table>(input);
  for (const std::string& name : names) {
    const std::vector<double> x = NumericValues(NumericColumnOf(input, name, "scorecard_score"));
    const std::vector<int64_t>& rows = bin_rows[name];
    std::vector<double> p(n, kNaN);
    for (size_t i = 0; i < n; ++i) {
      for (int64_t r : rows) {
        const auto b = static_cast<size_t>(r);
        const bool is_missing = !missing.IsNull(r) && missing.data<uint8_t>()[r] != 0;
        const bool hit = std::isnan(x[i])
                             ? is_missing
                             : !is_missing && (std::isnan(lower[b]) || x[i] >= lower[b]) &&
                                   (std::isnan(upper[b]) || x[i] < upper[b]);
        if (hit) {
          p[i] = points[b];
          break;
        }
      }
      total[i] += p[i];  // NaN (no bin) makes the score NULL
    }
    out = out->WithColumn(name + o.points_suffix, Float64Column(p));
  }
  return out->WithColumn(o.score, Float64Column(total));
}

}  // namespace xf::model
