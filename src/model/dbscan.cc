#include "model/dbscan.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ops/parallel.h"

namespace xf::model {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kDegToRad = M_PI / 180.0;

}  // namespace

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
  const double dp = p2 - p1, dl = (lon2 - lon1) * kDegToRad;
  const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

DbscanResult Dbscan(const FeatureMatrix& x, const DbscanOptions& o) {
  const int64_t d = x.dims;
  std::vector<int64_t> rows;
  for (int64_t r = 0; r < x.rows; ++r) {
    if (x.usable[r]) rows.push_back(r);
  }
  // Sort on the first coordinate; a neighbour differs there by at most `axis_eps` (for
  // haversine: eps in degrees of latitude, since a latitude degree is the same everywhere).
  std::stable_sort(rows.begin(), rows.end(),
                   [&](int64_t a, int64_t b) { return x.row(a)[0] < x.row(b)[0]; });
  const double axis_eps = o.haversine ? o.eps / (kEarthRadiusKm * kDegToRad) : o.eps;
  auto within = [&](int64_t a, int64_t b) {
    const double* p = x.row(a);
    const double* q = x.row(b);
    if (o.haversine) return HaversineKm(p[0], p[1], q[0], q[1]) <= o.eps;
    double s = 0;
    for (int64_t j = 0; j < d; ++j) s += (p[j] - q[j]) * (p[j] - q[j]);
    return s <= o.eps * o.eps;
  };
  // Neighbour lists (as table rows, ascending), computed in parallel; each list is written by
  // one task only.
  const int64_t n = static_cast<int64_t>(rows.size());
  std::vector<std::vector<int64_t>> neighbours(x.rows);
  ForEachMorsel(n, [&](int64_t, int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const double a0 = x.row(rows[i])[0];
      std::vector<int64_t>& nb = neighbours[rows[i]];
      for (int64_t j = i; j >= 0 && a0 - x.row(rows[j])[0] <= axis_eps * (1 + 1e-12); --j) {
        if (within(rows[i], rows[j])) nb.push_back(rows[j]);
      }
      for (int64_t j = i + 1; j < n && x.row(rows[j])[0] - a0 <= axis_eps * (1 + 1e-12); ++j) {
        if (within(rows[i], rows[j])) nb.push_back(rows[j]);
      }
      std::sort(nb.begin(), nb.end());
    }
  });
  DbscanResult out;
  out.cluster.assign(x.rows, -2);
  out.core.assign(x.rows, 0);
  for (int64_t r : rows) {
    out.cluster[r] = -1;
    out.core[r] = static_cast<int64_t>(neighbours[r].size()) >= o.min_pts;
  }
  std::vector<uint8_t> assigned(x.rows, 0);
  std::vector<int64_t> queue;
  for (int64_t r = 0; r < x.rows; ++r) {
    if (!out.core[r] || assigned[r]) continue;
    const int64_t id = out.num_clusters++;
    queue.assign(1, r);
    assigned[r] = 1;
    out.cluster[r] = id;
    for (size_t q = 0; q < queue.size(); ++q) {
      const int64_t p = queue[q];
      if (!out.core[p]) continue;  // border points do not expand the cluster
      for (int64_t nb : neighbours[p]) {
        if (assigned[nb]) continue;
        assigned[nb] = 1;
        out.cluster[nb] = id;
        queue.push_back(nb);
      }
    }
  }
  return out;
}

}  // namespace xf::model
