// Planted-signal data for the anomaly, time-series and clustering tests: seeded, portable normal
// draws (xf::Rng and Box–Muller, not <random> distributions) so expectations hold everywhere.
#pragma once

#include <cmath>
#include <set>
#include <vector>

#include "core/table.h"
#include "core/rng.h"

namespace xf::model::testing {

inline double Normal(Rng& rng) {
  double u1 = rng.Uniform();
  if (u1 < 1e-300) u1 = 1e-300;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * rng.Uniform());
}

inline ColumnPtr Floats(const std::vector<double>& v) {
  auto c = Column::Make(TypeId::kFloat64);
  for (double x : v) {
    if (std::isnan(x)) {
      c->AppendNull();
    } else {
      c->AppendFloat64(x);
    }
  }
  return c;
}

inline ColumnPtr Strings(const std::vector<std::string>& v) {
  auto c = Column::Make(TypeId::kString);
  for (const std::string& s : v) c->AppendString(s);
  return c;
}

struct PrecisionRecall {
  double precision = 0, recall = 0;
};

// Flagged rows vs planted rows.
inline PrecisionRecall Score(const std::vector<int64_t>& flagged,
                             const std::set<int64_t>& planted) {
  int64_t hit = 0;
  for (int64_t r : flagged) hit += planted.count(r);
  return {flagged.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(flagged.size()),
          planted.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(planted.size())};
}

// Rows where the bool column is true.
inline std::vector<int64_t> TrueRows(const Column& flag) {
  std::vector<int64_t> out;
  for (int64_t r = 0; r < flag.size(); ++r) {
    if (flag.IsValid(r) && flag.data<uint8_t>()[r]) out.push_back(r);
  }
  return out;
}

}  // namespace xf::model::testing
