// Accuracy of a forecast against actuals, and the seasonal-naive forecast every model must beat.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

struct ForecastMetrics {
  int64_t n = 0;       // rows where both actual and forecast are non-NULL and finite
  double mae = 0;      // mean absolute error
  double rmse = 0;     // root mean squared error
  double mape = 0;     // mean |error| / |actual|, as a fraction (0.05 = 5%), over mape_n rows
  int64_t mape_n = 0;  // rows of n with a non-zero actual (MAPE is undefined at zero)
};

// Over the rows where both columns are non-NULL; both numeric and of equal length. With n == 0
// (or mape_n == 0) the corresponding metrics are NaN.
ForecastMetrics ComputeForecastMetrics(const Column& actual, const Column& forecast);

// Seasonal-naive forecast: the value of the same key `season_days` days earlier (same day last
// week for 7), NULL when that day is missing or NULL. `date` must be a date column; when a key
// has several rows on one day, the last one in input order is the one looked up.
ColumnPtr SeasonalNaive(const Table& input, const std::vector<std::string>& keys,
                        const std::string& date, const std::string& value, int64_t season_days = 7);

}  // namespace xf
