#include "model/logistic.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "model/binary_metrics.h"
#include "model/numeric_columns.h"
#include "model/series_groups.h"
#include "ops/parallel.h"

namespace xf::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Sigmoid(double t) {
  return t >= 0 ? 1 / (1 + std::exp(-t)) : std::exp(t) / (1 + std::exp(t));
}

// Penalised log-likelihood.
double Objective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& b,
                 const Eigen::VectorXd& penalty) {
  const Eigen::VectorXd eta = x * b;
  double ll = 0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    // log(1 + e^t) computed without overflow.
    const double t = eta(i);
    const double log1pexp = t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
    ll += y(i) * t - log1pexp;
  }
  return ll - 0.5 * (penalty.array() * b.array().square()).sum();
}

}  // namespace

LogisticFit FitLogisticDesign(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l2,
                              int intercept_column, int max_iterations, double tolerance) {
  LogisticFit fit;
  const Eigen::Index p = x.cols(), n = x.rows();
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(p, l2);
  if (intercept_column >= 0) penalty(intercept_column) = 0;
  if (l2 == 0) {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
    qr.setThreshold(1e-10);
    if (n < p || qr.rank() < p) {
      fit.error = fmt::format(
          "the design is singular (rank {} < {} terms with {} rows): an x column is constant or "
          "a linear combination of others, or there are too few rows",
          n < p ? n : qr.rank(), p, n);
      return fit;
    }
  }
  Eigen::VectorXd b = Eigen::VectorXd::Zero(p);
  double obj = Objective(x, y, b, penalty);
  Eigen::MatrixXd h(p, p);
  for (fit.iterations = 0; fit.iterations < max_iterations;) {
    ++fit.iterations;
    const Eigen::VectorXd eta = x * b;
    Eigen::VectorXd mu(n), w(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      mu(i) = Sigmoid(eta(i));
      w(i) = std::max(mu(i) * (1 - mu(i)), 1e-12);
    }
    const Eigen::VectorXd grad = x.transpose() * (y - mu) - penalty.cwiseProduct(b);
    h = x.transpose() * w.asDiagonal() * x;
    h.diagonal() += penalty;
    const Eigen::VectorXd step = h.ldlt().solve(grad);
    // Step halving keeps the penalised likelihood from decreasing.
    double scale = 1;
    Eigen::VectorXd next = b + step;
    double next_obj = Objective(x, y, next, penalty);
    while (next_obj < obj - 1e-12 * std::abs(obj) && scale > 1e-6) {
      scale /= 2;
      next = b + scale * step;
      next_obj = Objective(x, y, next, penalty);
    }
    const double change = ((next - b).cwiseAbs().array() / (1 + b.cwiseAbs().array())).maxCoeff();
    b = next;
    obj = next_obj;
    if (change < tolerance) {
      fit.converged = true;
      break;
    }
  }
  fit.beta = b;
  // Standard errors from the Hessian at the estimate.
  const Eigen::VectorXd eta = x * b;
  Eigen::VectorXd w(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double m = Sigmoid(eta(i));
    w(i) = m * (1 - m);
  }
  h = x.transpose() * w.asDiagonal() * x;
  h.diagonal() += penalty;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(h);
  fit.std_error = Eigen::VectorXd::Constant(p, kNaN);
  if (lu.isInvertible()) {
    const Eigen::MatrixXd cov = lu.inverse();
    for (Eigen::Index j = 0; j < p; ++j) {
      if (cov(j, j) > 0 && std::isfinite(cov(j, j))) fit.std_error(j) = std::sqrt(cov(j, j));
    }
  }
  return fit;
}

namespace {

struct GroupResult {
  LogisticFit fit;
  int64_t n = 0, skipped = 0, events = 0;
  double log_loss = kNaN, auc = kNaN;
};

GroupResult FitGroup(const int64_t* rows, int64_t count, const std::vector<double>& y,
                     const std::vector<std::vector<double>>& xs, const LogisticOptions& o) {
  GroupResult g;
  std::vector<int64_t> used;
  for (int64_t k = 0; k < count; ++k) {
    const auto r = static_cast<size_t>(rows[k]);
    bool ok = !std::isnan(y[r]);
    for (const auto& x : xs) ok = ok && !std::isnan(x[r]);
    if (ok) {
      used.push_back(rows[k]);
    } else {
      ++g.skipped;
    }
  }
  const auto n = static_cast<Eigen::Index>(used.size());
  const Eigen::Index p = static_cast<Eigen::Index>(xs.size()) + (o.intercept ? 1 : 0);
  g.n = n;
  Eigen::MatrixXd x(n, p);
  Eigen::VectorXd yv(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto r = static_cast<size_t>(used[static_cast<size_t>(i)]);
    yv(i) = y[r];
    g.events += y[r] > 0.5 ? 1 : 0;
    Eigen::Index c = 0;
    if (o.intercept) x(i, c++) = 1;
    for (const auto& col : xs) x(i, c++) = col[r];
  }
  if (p == 0) {
    g.fit.error = "no terms to fit (no x columns and no intercept)";
    return g;
  }
  g.fit = FitLogisticDesign(x, yv, o.l2, o.intercept ? 0 : -1, o.max_iterations, o.tolerance);
  if (!g.fit.error.empty()) return g;
  const Eigen::VectorXd eta = x * g.fit.beta;
  std::vector<double> prob(static_cast<size_t>(n)), target(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    prob[static_cast<size_t>(i)] = Sigmoid(eta(i));
    target[static_cast<size_t>(i)] = yv(i);
  }
  g.log_loss = LogLoss(prob, target);
  g.auc = Auc(prob, target);
  return g;
}

}  // namespace

LogisticResult FitLogistic(const Table& input, const LogisticOptions& o) {
  if (!(o.l2 >= 0)) throw Error(ErrorKind::kSpec, "logistic: l2 must be >= 0");
  if (o.max_iterations < 1) throw Error(ErrorKind::kSpec, "logistic: max_iterations must be >= 1");
  const std::vector<double> y = BinaryTarget(input, o.y, "logistic");
  std::vector<std::vector<double>> xs;
  for (const std::string& name : o.x) {
    if (name == o.y) {
      throw Error(ErrorKind::kSpec, "logistic: '" + name + "' is both y and an x column",
                  SourceContext{.column_name = name});
    }
    xs.push_back(NumericValues(NumericColumnOf(input, name, "logistic")));
  }
  const RowGroups groups = GroupRows(input, o.by);
  const int64_t ng = groups.num_groups();
  std::vector<GroupResult> fits(static_cast<size_t>(ng));
  ParallelTasks(ng, [&](int64_t g) {
    const int64_t begin = groups.offsets[static_cast<size_t>(g)];
    const int64_t end = groups.offsets[static_cast<size_t>(g) + 1];
    fits[static_cast<size_t>(g)] = FitGroup(groups.rows.data() + begin, end - begin, y, xs, o);
  });
  for (int64_t g = 0; g < ng; ++g) {
    const GroupResult& f = fits[static_cast<size_t>(g)];
    if (f.fit.error.empty()) continue;
    const std::string where =
        o.by.empty()
            ? std::string()
            : " for group " + DescribeGroup(input, o.by, groups.first_rows[static_cast<size_t>(g)]);
    throw Error(ErrorKind::kData, fmt::format("logistic regression of {} on [{}]{}: {}", o.y,
                                              fmt::join(o.x, ", "), where, f.fit.error));
  }
  std::vector<std::string> terms;
  if (o.intercept) terms.push_back("intercept");
  terms.insert(terms.end(), o.x.begin(), o.x.end());

  std::vector<int64_t> coef_keys, stat_keys;
  auto term = Column::Make(TypeId::kString), iterations = Column::Make(TypeId::kInt64),
       n_col = Column::Make(TypeId::kInt64), skipped = Column::Make(TypeId::kInt64),
       events = Column::Make(TypeId::kInt64), converged = Column::Make(TypeId::kBool);
  std::vector<double> est, se, z, log_loss, auc;
  for (int64_t g = 0; g < ng; ++g) {
    const GroupResult& f = fits[static_cast<size_t>(g)];
    const int64_t first = groups.first_rows[static_cast<size_t>(g)];
    for (size_t j = 0; j < terms.size(); ++j) {
      const auto jj = static_cast<Eigen::Index>(j);
      coef_keys.push_back(first);
      term->AppendString(terms[j]);
      est.push_back(f.fit.beta(jj));
      se.push_back(f.fit.std_error(jj));
      z.push_back(f.fit.std_error(jj) > 0 ? f.fit.beta(jj) / f.fit.std_error(jj) : kNaN);
    }
    stat_keys.push_back(first);
    n_col->AppendInt64(f.n);
    skipped->AppendInt64(f.skipped);
    events->AppendInt64(f.events);
    iterations->AppendInt64(f.fit.iterations);
    converged->AppendBool(f.fit.converged);
    log_loss.push_back(f.log_loss);
    auc.push_back(f.auc);
  }
  LogisticResult r;
  r.coefficients = WithGroupKeys(input, o.by, coef_keys,
                                 {{{"term", TypeId::kString}, term},
                                  {{"estimate", TypeId::kFloat64}, Float64Column(est)},
                                  {{"std_error", TypeId::kFloat64}, Float64Column(se)},
                                  {{"z", TypeId::kFloat64}, Float64Column(z)}});
  r.fit_stats = WithGroupKeys(input, o.by, stat_keys,
                              {{{"n", TypeId::kInt64}, n_col},
                               {{"skipped", TypeId::kInt64}, skipped},
                               {{"events", TypeId::kInt64}, events},
                               {{"iterations", TypeId::kInt64}, iterations},
                               {{"converged", TypeId::kBool}, converged},
                               {{"log_loss", TypeId::kFloat64}, Float64Column(log_loss)},
                               {{"auc", TypeId::kFloat64}, Float64Column(auc)}});
  return r;
}

}  // namespace xf::model
