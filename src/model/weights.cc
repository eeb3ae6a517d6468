#include "model/weights.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <cmath>

#include "core/error.h"
#include "model/numeric_columns.h"

namespace xf::model {

double SaatyRandomIndex(int n) {
  // Saaty (1980), The Analytic Hierarchy Process, Table 1.7 (n = 1..15).
  static constexpr double kRi[] = {0,    0,    0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                   1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  if (n < 1 || n > 15) throw Error(ErrorKind::kSpec, "AHP supports 1 to 15 indicators");
  return kRi[n - 1];
}

AhpResult Ahp(const std::vector<std::vector<double>>& a) {
  const int n = static_cast<int>(a.size());
  if (n < 1 || n > 15) {
    throw Error(ErrorKind::kSpec,
                fmt::format("AHP needs a 1×1 to 15×15 comparison matrix, got {} rows", n));
  }
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i) {
    if (static_cast<int>(a[static_cast<size_t>(i)].size()) != n) {
      throw Error(ErrorKind::kSpec,
                  fmt::format("AHP comparison matrix is not square: row {} has {} entries, not {}",
                              i + 1, a[static_cast<size_t>(i)].size(), n));
    }
    for (int j = 0; j < n; ++j) {
      const double v = a[static_cast<size_t>(i)][static_cast<size_t>(j)];
      if (!(v > 0) || !std::isfinite(v)) {
        throw Error(ErrorKind::kSpec,
                    fmt::format("AHP comparison matrix entry ({}, {}) = {} is not a positive "
                                "number",
                                i + 1, j + 1, v));
      }
      m(i, j) = v;
    }
  }
  for (int i = 0; i < n; ++i) {
    if (std::abs(m(i, i) - 1) > 1e-9) {
      throw Error(ErrorKind::kSpec,
                  fmt::format("AHP comparison matrix diagonal entry ({}, {}) is {}, not 1", i + 1,
                              i + 1, m(i, i)));
    }
    for (int j = i + 1; j < n; ++j) {
      if (std::abs(m(i, j) * m(j, i) - 1) > 0.01) {
        throw Error(ErrorKind::kSpec,
                    fmt::format("AHP comparison matrix is not reciprocal: entry ({}, {}) = {} but "
                                "({}, {}) = {}, expected {:.4g}",
                                i + 1, j + 1, m(i, j), j + 1, i + 1, m(j, i), 1 / m(i, j)));
      }
    }
  }
  AhpResult r;
  r.ri = SaatyRandomIndex(n);
  // Perron–Frobenius: a positive matrix has a simple dominant eigenvalue with a positive
  // eigenvector, to which power iteration from the uniform vector converges (deterministically,
  // unlike picking among a general eigensolver's complex vectors).
  Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / n);
  for (int iter = 0; iter < 10000; ++iter) {
    Eigen::VectorXd next = m * w;
    next /= next.sum();
    const double change = (next - w).cwiseAbs().maxCoeff();
    w = next;
    if (change < 1e-15) break;
  }
  r.lambda_max = (m * w).sum();  // Σ_i (A w)_i = λ Σ_i w_i with Σ_i w_i = 1
  r.weights.assign(w.data(), w.data() + n);
  r.ci = n > 1 ? std::max(0.0, (r.lambda_max - n) / (n - 1)) : 0;
  r.cr = r.ri > 0 ? r.ci / r.ri : 0;
  return r;
}

std::vector<double> EntropyWeights(const Table& table, const std::vector<std::string>& indicators) {
  std::vector<std::vector<double>> cols;
  for (const std::string& name : indicators) {
    cols.push_back(NumericValues(NumericColumnOf(table, name, "entropy weights")));
  }
  const size_t k = cols.size();
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < table.num_rows(); ++i) {
    bool ok = true;
    for (const auto& c : cols) ok = ok && !std::isnan(c[static_cast<size_t>(i)]);
    if (ok) rows.push_back(i);
  }
  const auto m = static_cast<double>(rows.size());
  if (rows.size() < 2) {
    throw Error(ErrorKind::kData,
                fmt::format("entropy weights need at least 2 rows with all indicators, got {}",
                            rows.size()));
  }
  std::vector<double> d(k, 0);
  double total = 0;
  for (size_t j = 0; j < k; ++j) {
    double sum = 0;
    for (int64_t r : rows) {
      const double v = cols[j][static_cast<size_t>(r)];
      if (v < 0) {
        throw Error(ErrorKind::kData,
                    fmt::format("entropy weights: column '{}' has the negative value {} in row "
                                "{}; normalise it to [0, 1] first",
                                indicators[j], v, r + 1),
                    SourceContext{.line = r + 1, .column_name = indicators[j]});
      }
      sum += v;
    }
    double e = 1;  // an all-zero column carries no information
    if (sum > 0) {
      double h = 0;
      for (int64_t r : rows) {
        const double p = cols[j][static_cast<size_t>(r)] / sum;
        if (p > 0) h -= p * std::log(p);
      }
      e = h / std::log(m);
    }
    d[j] = std::max(0.0, 1 - e);
    total += d[j];
  }
  std::vector<double> w(k, 1.0 / static_cast<double>(k));
  if (total > 1e-12) {
    for (size_t j = 0; j < k; ++j) w[j] = d[j] / total;
  }
  return w;
}

std::vector<double> ScaleWeights(const std::vector<double>& weights) {
  double sum = 0;
  for (double w : weights) {
    if (!(w >= 0) || !std::isfinite(w)) {
      throw Error(ErrorKind::kSpec, fmt::format("weight {} is not a number >= 0", w));
    }
    sum += w;
  }
  if (!(sum > 0)) throw Error(ErrorKind::kSpec, "the weights sum to 0");
  std::vector<double> out;
  for (double w : weights) out.push_back(w / sum);
  return out;
}

std::map<std::string, double> WeightMap(const Table& t) {
  if (t.ColumnIndex("indicator") < 0 || t.ColumnIndex("weight") < 0 ||
      t.column("indicator")->type() != TypeId::kString) {
    throw Error(ErrorKind::kSpec,
                "a weights table needs a text 'indicator' and a numeric 'weight' column (the "
                "output of a weights step)");
  }
  const Column& ind = *t.column("indicator");
  const std::vector<double> w = NumericValues(NumericColumnOf(t, "weight", "weights table"));
  std::map<std::string, double> out;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    if (!ind.IsNull(r)) out[std::string(ind.GetString(r))] = w[static_cast<size_t>(r)];
  }
  return out;
}

TablePtr WeightsTable(const std::vector<std::string>& indicators,
                      const std::vector<double>& weights, const std::string& method,
                      const std::optional<AhpResult>& ahp) {
  auto ind = Column::Make(TypeId::kString), w = Column::Make(TypeId::kFloat64),
       meth = Column::Make(TypeId::kString), lam = Column::Make(TypeId::kFloat64),
       ci = Column::Make(TypeId::kFloat64), cr = Column::Make(TypeId::kFloat64),
       warn = Column::Make(TypeId::kString);
  for (size_t i = 0; i < indicators.size(); ++i) {
    ind->AppendString(indicators[i]);
    w->AppendFloat64(weights[i]);
    meth->AppendString(method);
    if (ahp) {
      lam->AppendFloat64(ahp->lambda_max);
      ci->AppendFloat64(ahp->ci);
      cr->AppendFloat64(ahp->cr);
    } else {
      lam->AppendNull();
      ci->AppendNull();
      cr->AppendNull();
    }
    if (ahp && !ahp->consistent()) {
      warn->AppendString(
          fmt::format("AHP consistency ratio {:.3f} exceeds {}: revise the pairwise judgements",
                      ahp->cr, kAhpMaxConsistencyRatio));
    } else {
      warn->AppendNull();
    }
  }
  return Table::Make(Schema({{"indicator", TypeId::kString},
                             {"weight", TypeId::kFloat64},
                             {"method", TypeId::kString},
                             {"lambda_max", TypeId::kFloat64},
                             {"ci", TypeId::kFloat64},
                             {"cr", TypeId::kFloat64},
                             {"warning", TypeId::kString}}),
                     {ind, w, meth, lam, ci, cr, warn});
}

}  // namespace xf::model
