// Point-in-polygon edge cases, WKT parsing, fence tables and planted track events.
#include "model/geofence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

#include "core/error.h"

namespace xf::model {
namespace {

Polygon Make(const std::string& wkt) {
  Polygon p{.id = "f", .rings = ParseWktPolygon(wkt)};
  p.ComputeBounds();
  return p;
}

TEST(Geofence, ConcavePolygon) {
  // A "U": the notch (x in (1, 2), y > 1) is outside.
  Polygon u = Make("POLYGON ((0 0, 3 0, 3 3, 2 3, 2 1, 1 1, 1 3, 0 3, 0 0))");
  EXPECT_TRUE(u.Contains(0.5, 0.5));   // (lat, lon) = (y, x)
  EXPECT_TRUE(u.Contains(2.5, 0.5));   // left arm
  EXPECT_TRUE(u.Contains(2.5, 2.5));   // right arm
  EXPECT_FALSE(u.Contains(2.0, 1.5));  // in the notch
  EXPECT_FALSE(u.Contains(4, 1.5));
  // A ray through the vertex (1, 1) / (2, 1) level must not double count.
  EXPECT_TRUE(u.Contains(1.0, 0.5));
  EXPECT_TRUE(u.Contains(1.0, 2.5));
}

TEST(Geofence, BoundaryCountsAsInside) {
  Polygon sq = Make("POLYGON((0 0, 2 0, 2 2, 0 2))");
  EXPECT_TRUE(sq.Contains(0, 1));  // bottom edge
  EXPECT_TRUE(sq.Contains(1, 2));  // right edge
  EXPECT_TRUE(sq.Contains(2, 2));  // a vertex
  EXPECT_TRUE(sq.Contains(1, 0));  // left edge
  EXPECT_FALSE(sq.Contains(1, 2.0000001));
  // A diagonal edge.
  Polygon tri = Make("POLYGON((0 0, 4 0, 0 4))");
  EXPECT_TRUE(tri.Contains(2, 2));
  EXPECT_FALSE(tri.Contains(2.001, 2.001));
}

TEST(Geofence, HolesAreOutsideTheirBoundaryInside) {
  Polygon ring = Make("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))");
  ASSERT_EQ(ring.rings.size(), 2u);
  EXPECT_TRUE(ring.Contains(2, 2));
  EXPECT_FALSE(ring.Contains(5, 5));  // in the hole
  EXPECT_TRUE(ring.Contains(4, 5));   // on the hole's edge: boundary counts as inside
}

TEST(Geofence, BadWktIsADataError) {
  EXPECT_THROW(ParseWktPolygon("MULTIPOLYGON (((0 0, 1 0, 1 1)))"), Error);
  EXPECT_THROW(ParseWktPolygon("POLYGON ((0 0, 1 0, 1 1)"), Error);
  EXPECT_THROW(ParseWktPolygon("POLYGON ((0 0, 1 x, 1 1))"), Error);
}

TablePtr VertexTable() {
  auto id = Column::Make(TypeId::kString), seq = Column::Make(TypeId::kInt64),
       lat = Column::Make(TypeId::kFloat64), lon = Column::Make(TypeId::kFloat64);
  // Fence "b" listed out of order, to be sorted by seq.
  const std::vector<std::tuple<std::string, int, double, double>> rows = {
      {"a", 0, 0, 0}, {"a", 1, 0, 1}, {"a", 2, 1, 1}, {"a", 3, 1, 0},
      {"b", 2, 3, 3}, {"b", 0, 2, 2}, {"b", 1, 2, 3}, {"b", 3, 3, 2}};
  for (const auto& [f, s, la, lo] : rows) {
    id->AppendString(f);
    seq->AppendInt64(s);
    lat->AppendFloat64(la);
    lon->AppendFloat64(lo);
  }
  return Table::Make(Schema({{"fence", TypeId::kString},
                             {"seq", TypeId::kInt64},
                             {"lat", TypeId::kFloat64},
                             {"lon", TypeId::kFloat64}}),
                     {id, seq, lat, lon});
}

TEST(Geofence, FencesFromVertexTableAndIndex) {
  FenceColumns c{.id = "fence", .wkt = "", .lat = "lat", .lon = "lon", .order = "seq", .ring = ""};
  auto fences = FencesFromTable(*VertexTable(), c);
  ASSERT_EQ(fences.size(), 2u);
  EXPECT_EQ(fences[1].id, "b");
  FenceIndex index(&fences);
  std::vector<int32_t> hit;
  index.Containing(0.5, 0.5, &hit);
  EXPECT_EQ(hit, (std::vector<int32_t>{0}));
  index.Containing(2.5, 2.5, &hit);  // would be outside if "b" were not sorted by seq
  EXPECT_EQ(hit, (std::vector<int32_t>{1}));
  index.Containing(1.5, 1.5, &hit);
  EXPECT_TRUE(hit.empty());
}

TEST(Geofence, PlantedTrackEvents) {
  std::vector<Polygon> fences = {Make("POLYGON((0 0, 1 0, 1 1, 0 1))")};
  fences[0].id = "yard";
  FenceIndex index(&fences);
  const int64_t min = 60'000'000;
  // Outside at 0, enters at 1 min, stays to 12 min (dwell at >= 10 min), leaves at 13 min,
  // re-enters briefly at 20 min, leaves at 21 min.
  std::vector<TrackPoint> track;
  auto at = [&](int64_t m, double lat, double lon) {
    track.push_back({static_cast<int64_t>(track.size()), m * min, lat, lon});
  };
  at(0, 2, 2);
  for (int m = 1; m <= 12; ++m) at(m, 0.5, 0.5);
  at(13, 2, 2);
  at(20, 0.5, 0.5);
  at(21, 2, 2);
  std::vector<FenceEvent> ev;
  TrackEvents(track, index, 10 * min, &ev);
  ASSERT_EQ(ev.size(), 5u);
  EXPECT_EQ(ev[0].event, "enter");
  EXPECT_EQ(ev[0].time, 1 * min);
  EXPECT_EQ(ev[1].event, "dwell");
  EXPECT_EQ(ev[1].time, 11 * min);
  EXPECT_EQ(ev[1].duration, 10 * min);
  EXPECT_EQ(ev[2].event, "exit");
  EXPECT_EQ(ev[2].time, 13 * min);
  EXPECT_EQ(ev[2].duration, 12 * min);
  EXPECT_EQ(ev[3].event, "enter");
  EXPECT_EQ(ev[4].event, "exit");
  EXPECT_EQ(ev[4].duration, 1 * min);
}

// Random star-shaped fences (some with a square hole) on a 0.5° grid, so many points fall on
// edges and vertices, and points on the same grid.
std::vector<Polygon> RandomFences(std::mt19937& rng, int n) {
  std::uniform_int_distribution<int> cell(0, 20), radius(2, 8), spokes(3, 9);
  std::vector<Polygon> fences;
  for (int f = 0; f < n; ++f) {
    Polygon p{.id = "f" + std::to_string(f)};
    const double cx = cell(rng) * 0.5, cy = cell(rng) * 0.5;
    const int k = spokes(rng);
    std::vector<LonLat> outer;
    for (int i = 0; i < k; ++i) {
      const double a = 2 * M_PI * i / k, r = radius(rng) * 0.5;
      outer.push_back(
          {std::round((cx + r * std::cos(a)) * 2) / 2, std::round((cy + r * std::sin(a)) * 2) / 2});
    }
    p.rings.push_back(outer);
    if (f % 3 == 0) {
      p.rings.push_back(
          {{cx - 0.5, cy - 0.5}, {cx + 0.5, cy - 0.5}, {cx + 0.5, cy + 0.5}, {cx - 0.5, cy + 0.5}});
    }
    p.ComputeBounds();
    fences.push_back(std::move(p));
  }
  return fences;
}

TEST(Geofence, AssignedFencesMapIdsAndRejectUnknownOnes) {
  std::vector<Polygon> fences = {Make("POLYGON((0 0, 1 0, 1 1))"),
                                 Make("POLYGON((0 0, 1 0, 1 1))")};
  fences[0].id = "a";
  fences[1].id = "b";
  EXPECT_EQ(AssignedFences(fences, {"b", std::nullopt, "a", "a", "b"}, "route"),
            (std::vector<int32_t>{1, -1, 0, 0, 1}));
  try {
    AssignedFences(fences, {"a", "a", "zz"}, "route");
    FAIL() << "no error for an unknown fence id";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    const std::string what = e.what();
    EXPECT_NE(what.find("row 3"), std::string::npos) << what;
    EXPECT_NE(what.find("'zz'"), std::string::npos) << what;
    EXPECT_NE(what.find("route"), std::string::npos) << what;
  }
  EXPECT_EQ(AssignedContaining(fences, -1, 0.1, 0.5), -1);
  EXPECT_EQ(AssignedContaining(fences, 1, 0.1, 0.5), 1);
  EXPECT_EQ(AssignedContaining(fences, 1, NAN, 0.5), -1);
}

TEST(Geofence, AssignedContainingEqualsTheIndexFilteredToTheFence) {
  std::mt19937 rng(7);
  auto fences = RandomFences(rng, 25);
  FenceIndex index(&fences);
  std::uniform_int_distribution<int> coord(-4, 28), pick(-1, 24);
  std::vector<int32_t> hit;
  int inside = 0, boundary_or_hole = 0;
  for (int i = 0; i < 20000; ++i) {
    const double lat = coord(rng) * 0.5, lon = coord(rng) * 0.5;
    const int32_t f = pick(rng);
    index.Containing(lat, lon, &hit);
    const bool want = f >= 0 && std::binary_search(hit.begin(), hit.end(), f);
    ASSERT_EQ(AssignedContaining(fences, f, lat, lon), want ? f : -1) << lat << " " << lon;
    inside += want;
    boundary_or_hole += !want && f >= 0 && fences[static_cast<size_t>(f)].min_lon <= lon &&
                        lon <= fences[static_cast<size_t>(f)].max_lon;
  }
  EXPECT_GT(inside, 1000);  // the comparison is not vacuous
  EXPECT_GT(boundary_or_hole, 1000);
}

std::vector<FenceEvent> OfFence(const std::vector<FenceEvent>& ev, int32_t f) {
  std::vector<FenceEvent> out;
  for (const FenceEvent& e : ev) {
    if (e.fence == f) out.push_back(e);
  }
  return out;
}

void ExpectSameEvents(const std::vector<FenceEvent>& a, const std::vector<FenceEvent>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(std::tie(a[i].object_row, a[i].fence, a[i].event, a[i].time, a[i].visit_start,
                       a[i].duration),
              std::tie(b[i].object_row, b[i].fence, b[i].event, b[i].time, b[i].visit_start,
                       b[i].duration))
        << "event " << i;
  }
}

TEST(Geofence, AssignedTrackEventsEqualTrackEventsOfTheNamedFence) {
  std::mt19937 rng(11);
  auto fences = RandomFences(rng, 12);
  FenceIndex index(&fences);
  std::uniform_int_distribution<int> step(-2, 2), gap(0, 19), pick(0, 11);
  const int64_t min = 60'000'000;
  size_t total = 0;
  for (int trial = 0; trial < 40; ++trial) {
    // A random walk on the grid, one fix a minute, with a few GPS gaps.
    std::vector<TrackPoint> track;
    double lat = 5, lon = 5;
    for (int i = 0; i < 300; ++i) {
      lat = std::clamp(lat + step(rng) * 0.5, -2.0, 14.0);
      lon = std::clamp(lon + step(rng) * 0.5, -2.0, 14.0);
      const bool lost = gap(rng) == 0;
      track.push_back({i, i * min, lost ? NAN : lat, lost ? NAN : lon});
    }
    std::vector<FenceEvent> all;
    TrackEvents(track, index, 10 * min, &all);
    // Every point names fence f: the events of f alone.
    const int32_t f = pick(rng);
    for (TrackPoint& p : track) p.fence = f;
    std::vector<FenceEvent> own;
    AssignedTrackEvents(track, fences, 10 * min, &own);
    ExpectSameEvents(own, OfFence(all, f));
    total += own.size();
    // Each fix repeated once per fence of a set, in shuffled order within the instant (what a
    // join of the fixes to the object's fences gives): the events of the whole set.
    const std::vector<int32_t> set = {f, (f + 3) % 12, (f + 7) % 12};
    std::vector<TrackPoint> joined;
    for (const TrackPoint& p : track) {
      std::vector<int32_t> order = set;
      std::shuffle(order.begin(), order.end(), rng);
      for (int32_t g : order) joined.push_back({p.row, p.time, p.lat, p.lon, g});
    }
    std::vector<FenceEvent> of_set, want;
    AssignedTrackEvents(joined, fences, 10 * min, &of_set);
    for (const FenceEvent& e : all) {
      if (std::count(set.begin(), set.end(), e.fence)) want.push_back(e);
    }
    ExpectSameEvents(of_set, want);
    // A point naming no fence changes no visit.
    for (TrackPoint& p : track) p.fence = gap(rng) < 3 ? -1 : f;
    std::vector<TrackPoint> named;
    for (const TrackPoint& p : track) {
      if (p.fence >= 0) named.push_back(p);
    }
    std::vector<FenceEvent> with_nulls, sub_all;
    AssignedTrackEvents(track, fences, 10 * min, &with_nulls);
    TrackEvents(named, index, 10 * min, &sub_all);
    ExpectSameEvents(with_nulls, OfFence(sub_all, f));
  }
  EXPECT_GT(total, 100u);  // the walks do cross fences
}

}  // namespace
}  // namespace xf::model
