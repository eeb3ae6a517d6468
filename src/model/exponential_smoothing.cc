#include "model/exponential_smoothing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace xf::model {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Runs the recursions with fixed parameters; fills fitted/forecast when asked, returns the SSE.
double Run(const std::vector<double>& x, const HoltWintersOptions& o, const HoltWintersParams& p,
           int64_t horizon, HoltWintersFit* out) {
  const int64_t m = o.season_length;
  const int64_t n = static_cast<int64_t>(x.size());
  const bool mult = o.seasonality == Seasonality::kMultiplicative;
  double mean1 = 0, mean2 = 0;
  for (int64_t i = 0; i < m; ++i) {
    mean1 += x[i];
    mean2 += x[m + i];
  }
  mean1 /= static_cast<double>(m);
  mean2 /= static_cast<double>(m);
  double level = mean1;
  double trend = o.trend ? (mean2 - mean1) / static_cast<double>(m) : 0;
  std::vector<double> season(m);
  for (int64_t i = 0; i < m; ++i) season[i] = mult ? x[i] / level : x[i] - level;
  // The state after season 1 is "level at time m − 1"; step forward from there.
  double sse = 0;
  int64_t count = 0;
  if (out) {
    out->fitted.assign(n, kNan);
  }
  for (int64_t t = m; t < n; ++t) {
    const double s = season[t % m];
    const double pred = mult ? (level + trend) * s : level + trend + s;
    double actual = x[t];
    if (std::isfinite(actual)) {
      sse += (actual - pred) * (actual - pred);
      ++count;
    } else {
      actual = pred;
    }
    if (out) out->fitted[t] = pred;
    const double prev_level = level;
    level = mult ? p.alpha * actual / s + (1 - p.alpha) * (prev_level + trend)
                 : p.alpha * (actual - s) + (1 - p.alpha) * (prev_level + trend);
    if (o.trend) trend = p.beta * (level - prev_level) + (1 - p.beta) * trend;
    season[t % m] = mult ? p.gamma * actual / level + (1 - p.gamma) * s
                         : p.gamma * (actual - level) + (1 - p.gamma) * s;
  }
  if (out) {
    out->params = p;
    out->sse = sse;
    out->n = count;
    out->forecast.resize(horizon);
    for (int64_t h = 1; h <= horizon; ++h) {
      const double s = season[(n + h - 1) % m];
      const double lt = level + static_cast<double>(h) * trend;
      out->forecast[h - 1] = mult ? lt * s : lt + s;
    }
  }
  return sse;
}

// Free parameters as a vector, clamped to [0, 1].
struct Objective {
  const std::vector<double>& x;
  const HoltWintersOptions& o;
  std::vector<int> free;  // 0 alpha, 1 beta, 2 gamma

  HoltWintersParams Params(const std::vector<double>& v) const {
    HoltWintersParams p{o.alpha.value_or(0), o.beta.value_or(0), o.gamma.value_or(0)};
    for (size_t i = 0; i < free.size(); ++i) {
      const double c = std::clamp(v[i], 0.0, 1.0);
      (free[i] == 0 ? p.alpha : free[i] == 1 ? p.beta : p.gamma) = c;
    }
    return p;
  }
  double operator()(const std::vector<double>& v) const {
    const double sse = Run(x, o, Params(v), 0, nullptr);
    return std::isfinite(sse) ? sse : std::numeric_limits<double>::max();
  }
};

std::vector<double> NelderMead(const Objective& f, std::vector<double> start) {
  const size_t d = start.size();
  std::vector<std::vector<double>> simplex(d + 1, start);
  for (size_t i = 0; i < d; ++i) simplex[i + 1][i] += start[i] < 0.5 ? 0.1 : -0.1;
  std::vector<double> fx(d + 1);
  for (size_t i = 0; i <= d; ++i) fx[i] = f(simplex[i]);
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<size_t> idx(d + 1);
    for (size_t i = 0; i <= d; ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return fx[a] < fx[b]; });
    std::vector<std::vector<double>> s2;
    std::vector<double> f2;
    for (size_t i : idx) {
      s2.push_back(simplex[i]);
      f2.push_back(fx[i]);
    }
    simplex = std::move(s2);
    fx = std::move(f2);
    if (std::fabs(fx[d] - fx[0]) <= 1e-10 * (std::fabs(fx[0]) + 1e-12)) break;
    std::vector<double> centroid(d, 0);
    for (size_t i = 0; i < d; ++i) {
      for (size_t j = 0; j < d; ++j) centroid[j] += simplex[i][j] / static_cast<double>(d);
    }
    auto along = [&](double t) {
      std::vector<double> p(d);
      for (size_t j = 0; j < d; ++j)
        p[j] = std::clamp(centroid[j] + t * (simplex[d][j] - centroid[j]), 0.0, 1.0);
      return p;
    };
    const std::vector<double> r = along(-1);
    const double fr = f(r);
    if (fr < fx[0]) {
      const std::vector<double> e = along(-2);
      const double fe = f(e);
      simplex[d] = fe < fr ? e : r;
      fx[d] = std::min(fe, fr);
    } else if (fr < fx[d - 1]) {
      simplex[d] = r;
      fx[d] = fr;
    } else {
      const std::vector<double> c = fr < fx[d] ? along(-0.5) : along(0.5);
      const double fc = f(c);
      if (fc < std::min(fr, fx[d])) {
        simplex[d] = c;
        fx[d] = fc;
      } else {
        for (size_t i = 1; i <= d; ++i) {
          for (size_t j = 0; j < d; ++j)
            simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
          fx[i] = f(simplex[i]);
        }
      }
    }
  }
  size_t best = 0;
  for (size_t i = 1; i <= d; ++i) {
    if (fx[i] < fx[best]) best = i;
  }
  return simplex[best];
}

}  // namespace

std::vector<double> Ewma(const std::vector<double>& x, double alpha) {
  std::vector<double> out(x.size(), kNan);
  double s = kNan;
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isfinite(x[i])) s = std::isfinite(s) ? alpha * x[i] + (1 - alpha) * s : x[i];
    out[i] = s;
  }
  return out;
}

HoltWintersFit FitHoltWinters(const std::vector<double>& x, const HoltWintersOptions& o,
                              int64_t horizon) {
  const int64_t m = o.season_length;
  const int64_t n = static_cast<int64_t>(x.size());
  if (m < 1 || n < 2 * m) {
    throw Error(ErrorKind::kData, "Holt-Winters needs at least two seasons (" +
                                      std::to_string(2 * m) + " values), got " + std::to_string(n));
  }
  for (int64_t i = 0; i < 2 * m; ++i) {
    if (!std::isfinite(x[i])) {
      throw Error(ErrorKind::kData, "Holt-Winters: value " + std::to_string(i + 1) +
                                        " of the first two seasons is missing");
    }
  }
  if (o.seasonality == Seasonality::kMultiplicative) {
    for (double v : x) {
      if (std::isfinite(v) && v <= 0) {
        throw Error(ErrorKind::kData, "multiplicative Holt-Winters needs positive values, found " +
                                          std::to_string(v));
      }
    }
  }
  Objective f{x, o, {}};
  if (!o.alpha) f.free.push_back(0);
  if (o.trend && !o.beta) f.free.push_back(1);
  if (!o.gamma) f.free.push_back(2);
  std::vector<double> best(f.free.size(), 0.5);
  if (!f.free.empty()) {
    static constexpr std::array<double, 5> kGrid = {0.1, 0.3, 0.5, 0.7, 0.9};
    double best_sse = std::numeric_limits<double>::infinity();
    std::vector<size_t> at(f.free.size(), 0);
    while (true) {
      std::vector<double> v(f.free.size());
      for (size_t i = 0; i < at.size(); ++i) v[i] = kGrid[at[i]];
      const double sse = f(v);
      if (sse < best_sse) {
        best_sse = sse;
        best = v;
      }
      size_t i = 0;
      while (i < at.size() && ++at[i] == kGrid.size()) at[i++] = 0;
      if (i == at.size()) break;
    }
    best = NelderMead(f, best);
  }
  HoltWintersFit fit;
  Run(x, o, f.Params(best), horizon, &fit);
  return fit;
}

}  // namespace xf::model
