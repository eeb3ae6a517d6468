#include "model/regression.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/error.h"
#include "model/numeric_columns.h"
#include "model/series_groups.h"
#include "ops/grouping.h"
#include "ops/key_hashing.h"
#include "ops/parallel.h"

namespace xf {

namespace {

// The value of row i, or nullopt when NULL or not finite.
std::optional<double> NumberAt(const Column& c, int64_t i) {
  if (c.IsNull(i)) return std::nullopt;
  const double v = c.type() == TypeId::kFloat64 ? c.data<double>()[i]
                                                : static_cast<double>(c.data<int64_t>()[i]);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

struct GroupFit {
  std::vector<double> estimate, std_error, t;
  std::vector<uint8_t> se_ok, t_ok;
  int64_t n = 0, skipped = 0;
  double r2 = 0, adj_r2 = 0, rmse = 0;
  bool r2_ok = false, adj_ok = false;
  std::string error;  // set when the fit failed
};

GroupFit FitGroup(const std::vector<int64_t>& rows, const Column& y,
                  const std::vector<const Column*>& xs, const RegressionOptions& o) {
  GroupFit fit;
  const int64_t k = static_cast<int64_t>(xs.size());
  const int64_t p = k + (o.intercept ? 1 : 0);
  std::vector<int64_t> used;
  std::vector<double> values;  // row-major: y, x1..xk per used row
  for (int64_t r : rows) {
    std::optional<double> yv = NumberAt(y, r);
    bool ok = yv.has_value();
    std::vector<double> row = {yv.value_or(0)};
    for (const Column* x : xs) {
      std::optional<double> xv = NumberAt(*x, r);
      ok = ok && xv.has_value();
      row.push_back(xv.value_or(0));
    }
    if (!ok) {
      ++fit.skipped;
      continue;
    }
    used.push_back(r);
    values.insert(values.end(), row.begin(), row.end());
  }
  const int64_t n = static_cast<int64_t>(used.size());
  fit.n = n;
  const int64_t extra = o.ridge_lambda > 0 ? k : 0;  // ridge: augmented rows sqrt(λ)·e_j
  if (p == 0) {
    fit.error = "no terms to fit (no x columns and no intercept)";
    return fit;
  }
  if (n < p && extra == 0) {
    fit.error = fmt::format("{} usable rows for {} terms; the design is singular", n, p);
    return fit;
  }
  Eigen::MatrixXd X(n, p);
  Eigen::VectorXd Y(n);
  for (int64_t i = 0; i < n; ++i) {
    const double* row = &values[static_cast<size_t>(i * (k + 1))];
    Y(i) = row[0];
    int64_t c = 0;
    if (o.intercept) X(i, c++) = 1.0;
    for (int64_t j = 0; j < k; ++j) X(i, c++) = row[j + 1];
  }
  Eigen::MatrixXd Xa(n + extra, p);
  Eigen::VectorXd Ya = Eigen::VectorXd::Zero(n + extra);
  Xa.topRows(n) = X;
  Ya.head(n) = Y;
  if (extra > 0) {
    Xa.bottomRows(extra).setZero();
    const int64_t first_slope = o.intercept ? 1 : 0;
    for (int64_t j = 0; j < k; ++j) Xa(n + j, first_slope + j) = std::sqrt(o.ridge_lambda);
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(Xa);
  qr.setThreshold(1e-10);
  if (qr.rank() < p) {
    fit.error = fmt::format(
        "the design is singular (rank {} < {} terms): an x column is constant or a linear "
        "combination of others, or there are too few distinct rows",
        qr.rank(), p);
    return fit;
  }
  const Eigen::VectorXd beta = qr.solve(Ya);
  const Eigen::VectorXd resid = Y - X * beta;
  const double rss = resid.squaredNorm();
  const int64_t df = n - p;

  // A⁻¹ = (XaᵀXa)⁻¹ = P R⁻¹ R⁻ᵀ Pᵀ from the QR factors.
  const Eigen::MatrixXd R = qr.matrixR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd Rinv =
      R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  const Eigen::MatrixXd P = qr.colsPermutation();
  const Eigen::MatrixXd Ainv = P * Rinv * Rinv.transpose() * P.transpose();
  Eigen::MatrixXd cov;
  const double sigma2 = df > 0 ? rss / static_cast<double>(df) : 0;
  if (extra > 0) {
    cov = sigma2 * Ainv * (X.transpose() * X) * Ainv;
  } else {
    cov = sigma2 * Ainv;
  }
  for (int64_t j = 0; j < p; ++j) {
    fit.estimate.push_back(beta(j));
    const double se = std::sqrt(std::max(0.0, cov(j, j)));
    const bool se_ok = df > 0 && std::isfinite(se);
    fit.std_error.push_back(se_ok ? se : 0);
    fit.se_ok.push_back(se_ok);
    const bool t_ok = se_ok && se > 0;
    fit.t.push_back(t_ok ? beta(j) / se : 0);
    fit.t_ok.push_back(t_ok);
  }
  const double tss = o.intercept ? (Y.array() - Y.mean()).matrix().squaredNorm() : Y.squaredNorm();
  fit.r2_ok = n > 0 && tss > 0;
  fit.r2 = fit.r2_ok ? 1 - rss / tss : 0;
  const double n_ref = static_cast<double>(o.intercept ? n - 1 : n);
  fit.adj_ok = fit.r2_ok && df > 0;
  fit.adj_r2 = fit.adj_ok ? 1 - (1 - fit.r2) * n_ref / static_cast<double>(df) : 0;
  fit.rmse = n > 0 ? std::sqrt(rss / static_cast<double>(n)) : 0;
  return fit;
}

void AppendMaybe(Column* c, bool ok, double v) {
  if (ok) {
    c->AppendFloat64(v);
  } else {
    c->AppendNull();
  }
}

}  // namespace

RegressionResult FitRegression(const Table& input, const RegressionOptions& o) {
  if (!(o.ridge_lambda >= 0)) {
    throw Error(ErrorKind::kSpec, "regression: ridge lambda must be >= 0");
  }
  const Column& y = model::NumericColumnOf(input, o.y, "regression");
  std::vector<const Column*> xs;
  for (const std::string& name : o.x) {
    if (name == o.y) {
      throw Error(ErrorKind::kSpec, "regression: '" + name + "' is both y and an x column",
                  SourceContext{.column_name = name});
    }
    xs.push_back(&model::NumericColumnOf(input, name, "regression"));
  }
  const RowGroups groups = GroupRows(input, o.by);
  const int64_t ng = groups.num_groups();
  std::vector<GroupFit> fits(static_cast<size_t>(ng));
  ParallelTasks(ng, [&](int64_t g) {
    std::vector<int64_t> rows(groups.rows.begin() + groups.offsets[static_cast<size_t>(g)],
                              groups.rows.begin() + groups.offsets[static_cast<size_t>(g) + 1]);
    fits[static_cast<size_t>(g)] = FitGroup(rows, y, xs, o);
  });
  // The first failing group in group order, so the message does not depend on the threads.
  for (int64_t g = 0; g < ng; ++g) {
    const GroupFit& f = fits[static_cast<size_t>(g)];
    if (f.error.empty()) continue;
    const std::string where =
        o.by.empty()
            ? std::string()
            : " for group " + DescribeGroup(input, o.by, groups.first_rows[static_cast<size_t>(g)]);
    throw Error(ErrorKind::kData, fmt::format("regression of {} on [{}]{}: {}", o.y,
                                              fmt::join(o.x, ", "), where, f.error));
  }

  std::vector<std::string> terms;
  if (o.intercept) terms.push_back("intercept");
  terms.insert(terms.end(), o.x.begin(), o.x.end());
  const int64_t p = static_cast<int64_t>(terms.size());

  std::vector<int64_t> coef_key_rows, stat_key_rows;
  auto term = Column::Make(TypeId::kString);
  auto est = Column::Make(TypeId::kFloat64), se = Column::Make(TypeId::kFloat64),
       tv = Column::Make(TypeId::kFloat64);
  auto n_col = Column::Make(TypeId::kInt64), skipped = Column::Make(TypeId::kInt64);
  auto r2 = Column::Make(TypeId::kFloat64), adj = Column::Make(TypeId::kFloat64),
       rmse = Column::Make(TypeId::kFloat64);
  for (int64_t g = 0; g < ng; ++g) {
    const GroupFit& f = fits[static_cast<size_t>(g)];
    const int64_t first = groups.first_rows[static_cast<size_t>(g)];
    for (int64_t j = 0; j < p; ++j) {
      const auto sj = static_cast<size_t>(j);
      coef_key_rows.push_back(first);
      term->AppendString(terms[sj]);
      est->AppendFloat64(f.estimate[sj]);
      AppendMaybe(se.get(), f.se_ok[sj], f.std_error[sj]);
      AppendMaybe(tv.get(), f.t_ok[sj], f.t[sj]);
    }
    stat_key_rows.push_back(first);
    n_col->AppendInt64(f.n);
    skipped->AppendInt64(f.skipped);
    AppendMaybe(r2.get(), f.r2_ok, f.r2);
    AppendMaybe(adj.get(), f.adj_ok, f.adj_r2);
    rmse->AppendFloat64(f.rmse);
  }
  RegressionResult result;
  result.coefficients = WithGroupKeys(input, o.by, coef_key_rows,
                                      {{{"term", TypeId::kString}, term},
                                       {{"estimate", TypeId::kFloat64}, est},
                                       {{"std_error", TypeId::kFloat64}, se},
                                       {{"t", TypeId::kFloat64}, tv}});
  result.fit_stats = WithGroupKeys(input, o.by, stat_key_rows,
                                   {{{"n", TypeId::kInt64}, n_col},
                                    {{"skipped", TypeId::kInt64}, skipped},
                                    {{"r2", TypeId::kFloat64}, r2},
                                    {{"adj_r2", TypeId::kFloat64}, adj},
                                    {{"rmse", TypeId::kFloat64}, rmse}});
  return result;
}

TablePtr Predict(const Table& data, const Table& coefficients, const PredictOptions& o) {
  const Column& term_col = *coefficients.column("term");
  if (term_col.type() != TypeId::kString) {
    throw Error(ErrorKind::kSpec, "predict: the coefficient table's 'term' column must be text",
                SourceContext{.column_name = "term"});
  }
  const Column& est_col = model::NumericColumnOf(coefficients, "estimate", "predict");

  // Distinct terms in first-appearance order; each non-intercept one is a numeric data column.
  std::vector<std::string> terms;
  std::map<std::string, int, std::less<>> term_index;
  std::vector<int> row_term(static_cast<size_t>(coefficients.num_rows()), -1);
  for (int64_t r = 0; r < coefficients.num_rows(); ++r) {
    if (term_col.IsNull(r)) continue;
    const std::string name(term_col.GetString(r));
    auto [it, inserted] = term_index.emplace(name, static_cast<int>(terms.size()));
    if (inserted) terms.push_back(name);
    row_term[static_cast<size_t>(r)] = it->second;
  }
  std::vector<const Column*> term_data(terms.size(), nullptr);
  for (size_t t = 0; t < terms.size(); ++t) {
    if (terms[t] != "intercept") term_data[t] = &model::NumericColumnOf(data, terms[t], "predict");
  }

  // Coefficient groups and each data row's group.
  const int64_t n = data.num_rows();
  std::vector<int32_t> data_group(static_cast<size_t>(n), 0);
  int64_t ng = 1;
  std::vector<int32_t> coef_group(static_cast<size_t>(coefficients.num_rows()), 0);
  if (!o.by.empty()) {
    const KeyColumns ckeys = KeyColumns::FromTable(coefficients, o.by);
    const KeyColumns dkeys = KeyColumns::FromTable(data, o.by);
    CheckKeysCompatible(dkeys, o.by, ckeys, o.by, "predict");
    const Grouping grouping = Grouping::Build(ckeys, /*skip_null_keys=*/true);
    ng = grouping.num_groups();
    std::copy(grouping.row_groups().begin(), grouping.row_groups().end(), coef_group.begin());
    if (n > 0) grouping.Lookup(dkeys, 0, n, data_group.data());
  }
  const size_t nt = terms.size();
  std::vector<double> coef(static_cast<size_t>(ng) * nt, 0);
  std::vector<uint8_t> has(static_cast<size_t>(ng) * nt, 0);
  for (int64_t r = 0; r < coefficients.num_rows(); ++r) {
    const int32_t g = coef_group[static_cast<size_t>(r)];
    const int t = row_term[static_cast<size_t>(r)];
    std::optional<double> v = NumberAt(est_col, r);
    if (g < 0 || t < 0 || !v) continue;
    coef[static_cast<size_t>(g) * nt + static_cast<size_t>(t)] = *v;  // last one wins
    has[static_cast<size_t>(g) * nt + static_cast<size_t>(t)] = 1;
  }
  if (coefficients.num_rows() == 0) std::fill(data_group.begin(), data_group.end(), -1);

  auto out = Column::Make(TypeId::kFloat64);
  out->ResizeFixed(n);
  double* pred = out->mutable_data<double>();
  std::vector<uint8_t> valid(static_cast<size_t>(n), 0);
  ForEachMorsel(n, [&](int64_t, int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const int32_t g = data_group[static_cast<size_t>(r)];
      if (g < 0) continue;
      double sum = 0;
      bool ok = false;
      for (size_t t = 0; t < nt; ++t) {
        if (!has[static_cast<size_t>(g) * nt + t]) continue;
        double x = 1;
        if (term_data[t] != nullptr) {
          std::optional<double> v = NumberAt(*term_data[t], r);
          if (!v) {
            ok = false;
            break;
          }
          x = *v;
        }
        sum += coef[static_cast<size_t>(g) * nt + t] * x;
        ok = true;
      }
      if (ok) {
        if (o.link == PredictLink::kLogit) {
          sum = sum >= 0 ? 1 / (1 + std::exp(-sum)) : std::exp(sum) / (1 + std::exp(sum));
        }
        pred[r] = sum;
        valid[static_cast<size_t>(r)] = 1;
      }
    }
  });
  out->SetValidityFromFlags(valid);
  return data.WithColumn(o.output, out);
}

}  // namespace xf
