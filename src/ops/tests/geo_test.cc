#include "ops/geo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

#include "core/error.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

// Points around a centre, a few with NULL coordinates; ids 0..n-1.
TablePtr RandomPoints(uint64_t seed, int64_t n, double lat0, double lon0, double spread_deg) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-spread_deg, spread_deg);
  auto id = Column::Make(TypeId::kInt64), lat = Column::Make(TypeId::kFloat64),
       lon = Column::Make(TypeId::kFloat64);
  for (int64_t i = 0; i < n; ++i) {
    id->AppendInt64(i);
    if (i % 17 == 3) {
      lat->AppendNull();
    } else {
      lat->AppendFloat64(std::clamp(lat0 + u(rng), -90.0, 90.0));
    }
    lon->AppendFloat64(lon0 + u(rng));
  }
  return Table::Make(
      Schema({{"id", TypeId::kInt64}, {"lat", TypeId::kFloat64}, {"lon", TypeId::kFloat64}}),
      {id, lat, lon});
}

using Triple = std::tuple<int64_t, int64_t, double>;

std::vector<Triple> BruteForce(const Table& l, const Table& r, double radius, int64_t k) {
  std::vector<Triple> out;
  for (int64_t i = 0; i < l.num_rows(); ++i) {
    if (l.column("lat")->IsNull(i)) continue;
    std::vector<std::pair<double, int64_t>> m;
    for (int64_t j = 0; j < r.num_rows(); ++j) {
      if (r.column("lat")->IsNull(j)) continue;
      const double d = HaversineKm(
          l.column("lat")->GetValue(i).float_value(), l.column("lon")->GetValue(i).float_value(),
          r.column("lat")->GetValue(j).float_value(), r.column("lon")->GetValue(j).float_value());
      if (d <= radius) m.push_back({d, j});
    }
    std::sort(m.begin(), m.end());
    if (k > 0 && static_cast<int64_t>(m.size()) > k) m.resize(static_cast<size_t>(k));
    for (const auto& [d, j] : m) out.push_back({i, j, d});
  }
  return out;
}

std::vector<Triple> FromJoin(const Table& t) {
  std::vector<Triple> out;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    out.push_back({t.column("id")->GetValue(i).int_value(),
                   t.column("id_right")->GetValue(i).int_value(),
                   t.column("distance_km")->GetValue(i).float_value()});
  }
  return out;
}

void ExpectSame(const std::vector<Triple>& got, const std::vector<Triple>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(std::get<0>(got[i]), std::get<0>(want[i])) << i;
    EXPECT_EQ(std::get<1>(got[i]), std::get<1>(want[i])) << i;
    EXPECT_NEAR(std::get<2>(got[i]), std::get<2>(want[i]), 1e-9) << i;
  }
}

TEST(Geo, HaversineKnownDistances) {
  EXPECT_NEAR(HaversineKm(39.9087, 116.3975, 31.2304, 121.4737), 1068.14, 0.01);
  EXPECT_NEAR(HaversineKm(0, 0, 0, 180), M_PI * kEarthRadiusKm, 1e-6);
  EXPECT_NEAR(HaversineKm(90, 0, -90, 0), M_PI * kEarthRadiusKm, 1e-6);
  EXPECT_DOUBLE_EQ(HaversineKm(30, 120, 30, 120), 0);
}

struct Case {
  double lat0, lon0, spread, radius;
  int64_t k;
};

TEST(Geo, WithinJoinMatchesBruteForce) {
  const std::vector<Case> cases = {
      {30.5, 114.3, 0.5, 5, 0},   // a city: many small neighbourhoods
      {30.5, 114.3, 0.5, 12, 3},  // k nearest within the radius
      {0, 179.8, 0.6, 20, 0},     // across the antimeridian
      {88.5, 10, 3, 150, 0},      // near the pole: full longitude bands
      {-45, -70, 20, 800, 2},     // wide area, large radius
      {10, 10, 5, 30000, 0},      // radius beyond half the globe: everything matches
  };
  uint64_t seed = 1;
  for (const Case& c : cases) {
    TablePtr l = RandomPoints(seed++, 300, c.lat0, c.lon0, c.spread);
    TablePtr r = RandomPoints(seed++, 400, c.lat0, c.lon0, c.spread);
    GeoJoinOptions o{.left_lat = "lat", .left_lon = "lon", .radius_km = c.radius, .k_nearest = c.k};
    TablePtr j = testing::RunSingleAndMulti([&] { return GeoWithinJoin(*l, *r, o); });
    EXPECT_EQ(j->schema().ToString(),
              "id:int64, lat:float64, lon:float64, id_right:int64, lat_right:float64, "
              "lon_right:float64, distance_km:float64");
    const auto want = BruteForce(*l, *r, c.radius, c.k);
    EXPECT_GT(want.size(), 0u);
    ExpectSame(FromJoin(*j), want);
  }
}

TEST(Geo, DifferentColumnNamesIntegersAndErrors) {
  auto l =
      Table::Make(Schema({{"name", TypeId::kString}, {"y", TypeId::kInt64}, {"x", TypeId::kInt64}}),
                  {Column::FromValues(TypeId::kString, {Value::String("a"), Value::String("b")}),
                   Column::FromValues(TypeId::kInt64, {Value::Int64(30), Value()}),
                   Column::FromValues(TypeId::kInt64, {Value::Int64(120), Value::Int64(120)})});
  auto r = Table::Make(
      Schema({{"site", TypeId::kString}, {"la", TypeId::kFloat64}, {"lo", TypeId::kFloat64}}),
      {Column::FromValues(TypeId::kString, {Value::String("s1"), Value::String("s2")}),
       Column::FromValues(TypeId::kFloat64, {Value::Float64(30.05), Value::Float64(31)}),
       Column::FromValues(TypeId::kFloat64, {Value::Float64(120), Value::Float64(120)})});
  GeoJoinOptions o{.left_lat = "y",
                   .left_lon = "x",
                   .right_lat = "la",
                   .right_lon = "lo",
                   .radius_km = 10,
                   .distance = "d"};
  TablePtr j = GeoWithinJoin(*l, *r, o);
  ASSERT_EQ(j->num_rows(), 1);
  EXPECT_EQ(j->column("site")->GetValue(0).ToString(), "s1");
  EXPECT_NEAR(j->column("d")->GetValue(0).float_value(), 0.05 * M_PI / 180 * kEarthRadiusKm, 1e-9);
  o.radius_km = 0;
  EXPECT_THROW(GeoWithinJoin(*l, *r, o), Error);
  o.radius_km = 1;
  o.left_lat = "name";
  EXPECT_THROW(GeoWithinJoin(*l, *r, o), Error);
}

}  // namespace
}  // namespace xf
