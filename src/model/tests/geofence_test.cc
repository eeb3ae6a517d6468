// Point-in-polygon edge cases, WKT parsing, fence tables and planted track events.
#include "model/geofence.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace xf::model
