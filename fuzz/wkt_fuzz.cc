// Arbitrary text as a WKT polygon (model/geofence.h ParseWktPolygon), then point-in-polygon tests
// on what parses. Properties:
//   - ParseWktPolygon gives rings of finite vertices or an xf::Error, never a crash;
//   - every vertex of the outer ring is inside (the boundary counts as inside);
//   - no point outside the outer ring's bounding box is inside;
//   - Contains is deterministic for probes at vertices, edge midpoints, the centre and the corners.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/geofence.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string wkt(reinterpret_cast<const char*>(data), size);
  xf::model::Polygon p;
  try {
    p.rings = xf::model::ParseWktPolygon(wkt);
  } catch (const xf::Error& e) {
    if (e.kind() == xf::ErrorKind::kInternal) __builtin_trap();
    return 0;
  }
  if (p.rings.empty()) __builtin_trap();
  for (const auto& ring : p.rings) {
    if (ring.empty()) __builtin_trap();
    for (const xf::model::LonLat& v : ring) {
      if (!std::isfinite(v.lon) || !std::isfinite(v.lat)) __builtin_trap();
    }
  }
  p.ComputeBounds();
  for (const xf::model::LonLat& v : p.rings[0]) {
    if (!p.Contains(v.lat, v.lon)) __builtin_trap();
  }
  std::vector<xf::model::LonLat> probes = {
      {(p.min_lon + p.max_lon) / 2, (p.min_lat + p.max_lat) / 2},
      {p.min_lon, p.min_lat},
      {p.max_lon, p.max_lat}};
  for (const auto& ring : p.rings) {
    for (size_t i = 0; i < ring.size() && i < 64; ++i) {
      const xf::model::LonLat& a = ring[i];
      const xf::model::LonLat& b = ring[(i + 1) % ring.size()];
      probes.push_back({a.lon / 2 + b.lon / 2, a.lat / 2 + b.lat / 2});
    }
  }
  for (const xf::model::LonLat& q : probes) {
    if (p.Contains(q.lat, q.lon) != p.Contains(q.lat, q.lon)) __builtin_trap();
  }
  // Beyond the bounding box (by more than the edge tolerance) nothing is inside. At huge
  // coordinates adding dx may round back onto the box: such probes are not beyond it.
  const double dx = std::fmax(1.0, p.max_lon - p.min_lon);
  const double dy = std::fmax(1.0, p.max_lat - p.min_lat);
  const xf::model::LonLat beyond[] = {{p.min_lon - dx, p.min_lat},
                                      {p.max_lon + dx, p.max_lat},
                                      {p.min_lon, p.min_lat - dy},
                                      {p.max_lon, p.max_lat + dy}};
  for (const xf::model::LonLat& q : beyond) {
    const bool out = q.lon < p.min_lon - 1e-9 || q.lon > p.max_lon + 1e-9 ||
                     q.lat < p.min_lat - 1e-9 || q.lat > p.max_lat + 1e-9;
    if (out && std::isfinite(q.lon) && std::isfinite(q.lat) && p.Contains(q.lat, q.lon)) {
      __builtin_trap();
    }
  }
  return 0;
}
