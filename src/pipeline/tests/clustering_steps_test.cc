// kmeans and dbscan configured from YAML.
#include <gtest/gtest.h>

#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::F;
using testing::FloatColumn;
using testing::RunStep;

// Two groups of customers: small kWh / many visits and large kWh / few visits (kWh in the
// thousands, visits in units: standardising lets both features count).
TablePtr Customers() {
  std::vector<double> kwh, visits;
  for (int i = 0; i < 20; ++i) {
    const bool big = i % 2 == 1;
    kwh.push_back((big ? 9000 : 1000) + 37 * (i % 5));
    visits.push_back((big ? 2 : 12) + 0.1 * (i % 3));
  }
  return Table::Make(Schema({{"kwh", TypeId::kFloat64}, {"visits", TypeId::kFloat64}}),
                     {FloatColumn(kwh), FloatColumn(visits)});
}

TEST(ClusteringSteps, KMeansClustersAndCentres) {
  const std::string yaml = R"(
id: segments
kind: kmeans
in: customers
out: [segmented, centres]
features: [kwh, visits]
k: 2
restarts: 3
)";
  auto out = RunStep(yaml, {Customers()}, {.seed = 5});
  const Table& t = *out[0];
  for (int64_t r = 0; r < 20; ++r)
    EXPECT_EQ(t.column("cluster")->GetValue(r).int_value(), r % 2) << r;
  const Table& c = *out[1];
  ASSERT_EQ(c.num_rows(), 2);
  // Centres in the original units: the small customers' mean.
  EXPECT_NEAR(F(c, "kwh", 0), 1000 + 37 * 2, 1e-6);
  EXPECT_NEAR(F(c, "visits", 1), 2 + 0.1 * 1.0, 1e-6);
  EXPECT_EQ(c.column("size")->GetValue(0).int_value(), 10);
  auto again = RunStep(yaml, {Customers()}, {.seed = 5});
  for (int64_t r = 0; r < 20; ++r) EXPECT_EQ(F(t, "distance", r), F(*again[0], "distance", r));
  std::string e =
      ErrorOf("{id: km, kind: kmeans, in: c, out: o, features: [kwh], k: 21}", {Customers()});
  EXPECT_NE(e.find("step 'km'"), std::string::npos) << e;
  EXPECT_NE(e.find("larger than the 20 rows"), std::string::npos) << e;
  e = ErrorOf("{id: km2, kind: kmeans, in: c, out: o, features: [kw], k: 2}", {Customers()});
  EXPECT_NE(e.find("step 'km2'"), std::string::npos) << e;
  e = ErrorOf("{id: km3, kind: kmeans, in: c, out: o, features: [kwh], k: 0}", {Customers()});
  EXPECT_NE(e.find("option 'k'"), std::string::npos) << e;
}

TEST(ClusteringSteps, DbscanHaversineWithNoise) {
  auto lat = FloatColumn({39.9042, 31.2304, 39.9080, 31.2340, 39.9000, 31.2280, 30.5928});
  auto lon = FloatColumn({116.4074, 121.4737, 116.4100, 121.4700, 116.4040, 121.4780, 114.3055});
  auto in = Table::Make(Schema({{"lat", TypeId::kFloat64}, {"lon", TypeId::kFloat64}}), {lat, lon});
  auto out = RunStep(R"(
id: hotspots
kind: dbscan
in: incidents
out: hotspots
metric: haversine
lat: lat
lon: lon
eps: 2
min_pts: 3
core: is_core
)",
                     {in});
  const Table& t = *out[0];
  const std::vector<int64_t> want = {0, 1, 0, 1, 0, 1, -1};
  for (int64_t r = 0; r < 7; ++r) EXPECT_EQ(t.column("cluster")->GetValue(r).int_value(), want[r]);
  EXPECT_FALSE(t.column("is_core")->GetValue(6).bool_value());
  std::string e = ErrorOf("{id: db, kind: dbscan, in: i, out: o, features: [lat], eps: 0}", {in});
  EXPECT_NE(e.find("step 'db'"), std::string::npos) << e;
  e = ErrorOf(
      "{id: db2, kind: dbscan, in: i, out: o, metric: haversine, lat: lat, lon: lng, eps: 1}",
      {in});
  EXPECT_NE(e.find("step 'db2'"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
