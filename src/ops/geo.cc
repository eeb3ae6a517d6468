#include "ops/geo.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"
#include "ops/join_output.h"
#include "ops/parallel.h"

namespace xf {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// Coordinates as doubles with a usable flag per row.
struct Points {
  std::vector<double> lat, lon;
  std::vector<uint8_t> ok;
};

const Column& CoordinateColumn(const Table& t, const std::string& name) {
  const Column& c = *t.column(name);
  if (!IsNumeric(c.type())) {
    throw Error(ErrorKind::kSpec,
                fmt::format("geo join: coordinate column '{}' must be numeric, not {}", name,
                            TypeName(c.type())),
                SourceContext{.column_name = name});
  }
  return c;
}

double At(const Column& c, int64_t i) {
  return c.type() == TypeId::kFloat64 ? c.data<double>()[i]
                                      : static_cast<double>(c.data<int64_t>()[i]);
}

// Longitude folded into [-180, 180).
double NormalizeLon(double lon) { return lon - 360.0 * std::floor((lon + 180.0) / 360.0); }

Points ReadPoints(const Table& t, const std::string& lat_name, const std::string& lon_name) {
  const Column& lat = CoordinateColumn(t, lat_name);
  const Column& lon = CoordinateColumn(t, lon_name);
  const int64_t n = t.num_rows();
  Points p;
  p.lat.resize(static_cast<size_t>(n));
  p.lon.resize(static_cast<size_t>(n));
  p.ok.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const auto s = static_cast<size_t>(i);
    p.ok[s] = lat.IsValid(i) && lon.IsValid(i);
    if (!p.ok[s]) continue;
    p.lat[s] = At(lat, i);
    p.lon[s] = At(lon, i);
    p.ok[s] = std::isfinite(p.lat[s]) && std::isfinite(p.lon[s]) && std::fabs(p.lat[s]) <= 90.0;
    if (p.ok[s]) p.lon[s] = NormalizeLon(p.lon[s]);
  }
  return p;
}

struct Entry {
  int64_t band;
  double lon;
  int64_t row;
  bool operator<(const Entry& o) const {
    if (band != o.band) return band < o.band;
    if (lon != o.lon) return lon < o.lon;
    return row < o.row;
  }
};

struct Match {
  double distance;
  int64_t row;
};

}  // namespace

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
  const double dp = p2 - p1, dl = (lon2 - lon1) * kDegToRad;
  const double s1 = std::sin(dp / 2), s2 = std::sin(dl / 2);
  const double a = s1 * s1 + std::cos(p1) * std::cos(p2) * s2 * s2;
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

TablePtr GeoWithinJoin(const Table& left, const Table& right, const GeoJoinOptions& o) {
  if (!(o.radius_km > 0) || !std::isfinite(o.radius_km)) {
    throw Error(ErrorKind::kSpec,
                fmt::format("geo join: radius_km must be > 0, got {}", o.radius_km));
  }
  if (o.k_nearest < 0) throw Error(ErrorKind::kSpec, "geo join: nearest must be >= 0");
  const std::string& rlat = o.right_lat.empty() ? o.left_lat : o.right_lat;
  const std::string& rlon = o.right_lon.empty() ? o.left_lon : o.right_lon;
  const Points lp = ReadPoints(left, o.left_lat, o.left_lon);
  const Points rp = ReadPoints(right, rlat, rlon);

  const double delta = o.radius_km / kEarthRadiusKm;  // angular radius
  const double band_deg = delta / kDegToRad;
  auto band_of = [&](double lat) { return static_cast<int64_t>(std::floor(lat / band_deg)); };
  std::vector<Entry> entries;
  for (int64_t r = 0; r < right.num_rows(); ++r) {
    const auto s = static_cast<size_t>(r);
    if (rp.ok[s]) entries.push_back({band_of(rp.lat[s]), rp.lon[s], r});
  }
  std::sort(entries.begin(), entries.end());

  const int64_t nl = left.num_rows();
  const int64_t morsels = NumMorsels(nl);
  std::vector<std::vector<int64_t>> lidx(static_cast<size_t>(morsels)),
      ridx(static_cast<size_t>(morsels));
  std::vector<std::vector<double>> dist(static_cast<size_t>(morsels));
  ForEachMorsel(nl, [&](int64_t m, int64_t begin, int64_t end) {
    std::vector<Match> matches;
    auto& li = lidx[static_cast<size_t>(m)];
    auto& ri = ridx[static_cast<size_t>(m)];
    auto& di = dist[static_cast<size_t>(m)];
    for (int64_t l = begin; l < end; ++l) {
      const auto s = static_cast<size_t>(l);
      if (!lp.ok[s]) continue;
      const double lat = lp.lat[s], lon = lp.lon[s];
      // Longitude half-width of the circle; the whole band when a pole is within reach.
      double half = 180.0;
      const double lat_rad = lat * kDegToRad;
      if (std::fabs(lat_rad) + delta < std::numbers::pi / 2) {
        const double ratio = std::sin(delta) / std::cos(lat_rad);
        if (ratio < 1) half = std::asin(ratio) / kDegToRad + 1e-9;
      }
      // Longitude ranges to scan, split at the antimeridian.
      std::vector<std::pair<double, double>> ranges;
      if (half >= 180.0) {
        ranges.push_back({-180.0, 180.0});
      } else {
        const double lo = lon - half, hi = lon + half;
        if (lo < -180.0) {
          ranges.push_back({lo + 360.0, 180.0});
          ranges.push_back({-180.0, hi});
        } else if (hi >= 180.0) {
          ranges.push_back({lo, 180.0});
          ranges.push_back({-180.0, hi - 360.0});
        } else {
          ranges.push_back({lo, hi});
        }
      }
      matches.clear();
      for (int64_t b = band_of(lat - band_deg); b <= band_of(lat + band_deg); ++b) {
        for (const auto& [lo, hi] : ranges) {
          auto it = std::lower_bound(entries.begin(), entries.end(), Entry{b, lo, -1});
          for (; it != entries.end() && it->band == b && it->lon <= hi; ++it) {
            const auto rs = static_cast<size_t>(it->row);
            const double d = HaversineKm(lat, lon, rp.lat[rs], rp.lon[rs]);
            if (d <= o.radius_km) matches.push_back({d, it->row});
          }
        }
      }
      auto by_distance = [](const Match& a, const Match& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.row < b.row;
      };
      std::sort(matches.begin(), matches.end(), by_distance);
      // Overlapping antimeridian ranges cannot repeat a point: they are disjoint by construction.
      size_t keep = matches.size();
      if (o.k_nearest > 0) keep = std::min(keep, static_cast<size_t>(o.k_nearest));
      for (size_t k = 0; k < keep; ++k) {
        li.push_back(l);
        ri.push_back(matches[k].row);
        di.push_back(matches[k].distance);
      }
    }
  });
  std::vector<int64_t> all_l, all_r;
  auto dcol = Column::Make(TypeId::kFloat64);
  for (int64_t m = 0; m < morsels; ++m) {
    const auto s = static_cast<size_t>(m);
    all_l.insert(all_l.end(), lidx[s].begin(), lidx[s].end());
    all_r.insert(all_r.end(), ridx[s].begin(), ridx[s].end());
    for (double d : dist[s]) dcol->AppendFloat64(d);
  }
  TablePtr joined = AssembleJoinOutput(left, all_l.data(), right, all_r.data(),
                                       static_cast<int64_t>(all_l.size()), {}, o.suffix);
  return joined->WithColumn(o.distance, dcol);
}

}  // namespace xf
