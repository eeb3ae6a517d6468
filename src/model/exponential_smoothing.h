// Exponential smoothing: EWMA and Holt-Winters (additive and multiplicative seasonality), for
// load and demand forecasts beside the day-type baseline (daytype_forecast.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xf::model {

// EWMA: s1 = x1, st = alpha xt + (1 − alpha) s(t−1) (pandas ewm(adjust=False)). NaN inputs do
// not update and take the current smoothed value (NaN before the first finite value).
std::vector<double> Ewma(const std::vector<double>& x, double alpha);

enum class Seasonality { kAdditive, kMultiplicative };

struct HoltWintersParams {
  double alpha = 0, beta = 0, gamma = 0;
};

struct HoltWintersOptions {
  int64_t season_length = 7;
  Seasonality seasonality = Seasonality::kAdditive;
  bool trend = true;  // false: no trend component (beta unused)
  // Each parameter given, or fitted (with the others) by minimising the sum of squared one-step
  // errors: a 5-point grid per free parameter (0.1 … 0.9) then Nelder–Mead from the best grid
  // point, parameters kept in [0, 1].
  std::optional<double> alpha, beta, gamma;
};

struct HoltWintersFit {
  HoltWintersParams params;
  // One-step-ahead predictions, one per input value; NaN for the first season (used to
  // initialise the state).
  std::vector<double> fitted;
  std::vector<double> forecast;  // h steps after the last value
  double sse = 0;                // over the fitted values with a finite actual
  int64_t n = 0;                 // number of those
};

// Holt-Winters on a regular series. Initial state from the first two seasons: level = mean of
// season 1, trend = (mean of season 2 − mean of season 1) / m, seasonal indices = season-1 values
// − level (additive) or ÷ level (multiplicative). NaN values (gaps) are replaced by their
// prediction and do not count in the SSE. Throws a data error (message without context; the
// caller adds the series) when there are fewer than two seasons of values, a gap in the first
// two seasons, or a non-positive value with multiplicative seasonality.
HoltWintersFit FitHoltWinters(const std::vector<double>& x, const HoltWintersOptions& options,
                              int64_t horizon);

}  // namespace xf::model
