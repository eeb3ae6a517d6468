// DBSCAN (Ester et al. 1996): density-based clusters of any shape plus explicit noise, e.g.
// hot spots of incidents on a map or unusual operating points.
//
// A row is a core point when at least `min_pts` rows (itself included) lie within `eps` of it.
// Clusters grow from core points in row order, so cluster ids (0, 1, …) follow the first core
// row of each cluster, and a border point reachable from two clusters joins the earlier one.
// Rows in no cluster are noise (−1). Distances are Euclidean over the feature matrix or, for
// geographic points, great-circle (haversine, 6371.0088 km) over two columns (lat, lon in
// degrees) with eps in km. Neighbours are found by sorting on the first coordinate (latitude for
// haversine) and scanning only rows within eps of it on that axis.
#pragma once

#include <cstdint>
#include <vector>

#include "model/feature_matrix.h"

namespace xf::model {

struct DbscanOptions {
  double eps = 0;
  int64_t min_pts = 5;
  bool haversine = false;  // x has two columns: latitude, longitude (degrees)
};

struct DbscanResult {
  std::vector<int64_t> cluster;  // −1 noise; −2 for unusable rows (the caller outputs NULL)
  std::vector<uint8_t> core;
  int64_t num_clusters = 0;
};

DbscanResult Dbscan(const FeatureMatrix& x, const DbscanOptions& options);

// Great-circle distance in km between two points given in degrees.
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace xf::model
