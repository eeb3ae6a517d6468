#include "model/dispatch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ops/geo.h"

namespace xf::model {

DispatchResult Dispatch(const std::vector<DispatchRequest>& requests,
                        const std::vector<DispatchResource>& resources, double max_km) {
  DispatchResult out;
  const size_t n = requests.size();
  out.resource.assign(n, -1);
  out.distance_km.assign(n, std::numeric_limits<double>::quiet_NaN());
  out.rank.assign(n, 0);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return requests[a].priority > requests[b].priority; });
  std::vector<double> left(resources.size());
  for (size_t r = 0; r < resources.size(); ++r) left[r] = resources[r].capacity;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = order[k];
    const DispatchRequest& q = requests[i];
    out.rank[i] = static_cast<int32_t>(k);
    if (!std::isfinite(q.lat) || !std::isfinite(q.lon)) continue;
    int32_t best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (size_t r = 0; r < resources.size(); ++r) {
      const DispatchResource& s = resources[r];
      if (left[r] + 1e-12 < q.demand) continue;
      if (!q.skill.empty() && !s.skills.empty() &&
          std::find(s.skills.begin(), s.skills.end(), q.skill) == s.skills.end()) {
        continue;
      }
      if (!std::isfinite(s.lat) || !std::isfinite(s.lon)) continue;
      const double d = HaversineKm(q.lat, q.lon, s.lat, s.lon);
      if (max_km > 0 && d > max_km) continue;
      if (d < best_d) {
        best_d = d;
        best = static_cast<int32_t>(r);
      }
    }
    if (best < 0) continue;
    left[static_cast<size_t>(best)] -= q.demand;
    out.resource[i] = best;
    out.distance_km[i] = best_d;
  }
  return out;
}

}  // namespace xf::model
