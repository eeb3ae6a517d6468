// Geospatial helpers: great-circle distance and the "within radius / k nearest" spatial join that
// links, e.g., water-quality stations to the companies around them.
#pragma once

#include <cstdint>
#include <string>

#include "core/table.h"

namespace xf {

// Mean Earth radius (IUGG), the usual choice for haversine distances.
constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle distance between two WGS-84 points in degrees, on a sphere of kEarthRadiusKm.
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

struct GeoJoinOptions {
  std::string left_lat, left_lon;    // latitude / longitude columns of the left table (degrees)
  std::string right_lat, right_lon;  // of the right table; empty: same names as the left
  double radius_km = 0;              // pairs closer than or exactly at this distance (> 0)
  int64_t k_nearest = 0;             // > 0: only the k nearest right rows within the radius
  std::string distance = "distance_km";
  std::string suffix = "_right";  // appended to clashing right column names
};

// Inner join of every left row with the right rows within `radius_km`: left columns, right
// columns (clashing names suffixed), then the distance (float64, km). Rows come in left order,
// then by distance ascending (ties: right order). Rows with a NULL or non-finite coordinate, or a
// latitude outside [-90, 90], never match. Coordinates must be numeric (spec error otherwise).
//
// Index: the right points are bucketed into latitude bands one radius tall and sorted by longitude
// within a band; a query scans the three bands that can hold matches, each only over the exact
// longitude window asin(sin(r/R) / cos(lat)) (with wrap-around at ±180°), so the work is
// proportional to the candidates near each point. Parallel over left rows, deterministic.
TablePtr GeoWithinJoin(const Table& left, const Table& right, const GeoJoinOptions& options);

}  // namespace xf
