// geofence, geofence_events and grid_bin configured from YAML.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/time.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;

TablePtr Fences() {
  return MakeTable({"fence_id", "wkt"}, "ss",
                   {{"park",
                     "POLYGON ((120 30, 120.1 30, 120.1 30.1, 120 30.1, 120 30), (120.04 30.04, "
                     "120.06 30.04, 120.06 30.06, 120.04 30.06))"},
                    {"east", "POLYGON ((120.08 30, 120.2 30, 120.2 30.1, 120.08 30.1))"}});
}

TEST(GeofenceSteps, TagsPointsIncludingOverlapsHolesAndOutside) {
  auto pts = MakeTable({"id", "lat", "lon"}, "sff",
                       {{"in_park", "30.02", "120.02"},
                        {"in_hole", "30.05", "120.05"},
                        {"overlap", "30.05", "120.09"},
                        {"outside", "31", "121"},
                        {"no_gps", "", ""}});
  auto out =
      RunStep("{id: tag, kind: geofence, in: [pts, fences], out: o, lat: lat, lon: lon, wkt: wkt}",
              {pts, Fences()});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 6);  // overlap twice
  EXPECT_EQ(t.column("fence")->GetValue(0).string_value(), "park");
  EXPECT_TRUE(t.column("fence")->IsNull(1));  // the hole is outside
  EXPECT_EQ(t.column("fence")->GetValue(2).string_value(), "park");
  EXPECT_EQ(t.column("fence")->GetValue(3).string_value(), "east");
  EXPECT_TRUE(t.column("fence")->IsNull(4));
  EXPECT_TRUE(t.column("fence")->IsNull(5));
  auto inner = RunStep(
      "{id: tag, kind: geofence, in: [pts, fences], out: o, lat: lat, lon: lon, wkt: wkt, "
      "keep_outside: false}",
      {pts, Fences()});
  EXPECT_EQ(inner[0]->num_rows(), 3);
}

TEST(GeofenceSteps, FencesFromVertexRows) {
  auto verts = MakeTable(
      {"zone", "seq", "vlat", "vlon"}, "sfff",
      {{"z", "0", "0", "0"}, {"z", "1", "0", "2"}, {"z", "2", "2", "2"}, {"z", "3", "2", "0"}});
  auto pts = MakeTable({"lat", "lon"}, "ff", {{"1", "1"}, {"0", "1"}, {"3", "1"}});
  auto out = RunStep(
      "{id: v, kind: geofence, in: [p, f], out: o, lat: lat, lon: lon, fence_id: zone, fence_lat: "
      "vlat, fence_lon: vlon, fence_order: seq, output: zone}",
      {pts, verts});
  const Table& t = *out[0];
  EXPECT_EQ(t.column("zone")->GetValue(0).string_value(), "z");
  EXPECT_EQ(t.column("zone")->GetValue(1).string_value(), "z");  // on the edge: inside
  EXPECT_TRUE(t.column("zone")->IsNull(2));
}

TEST(GeofenceSteps, EventsFromPlantedTracks) {
  // Truck T1: outside, 3 points in the park 5 minutes apart (dwell >= 10m at the third), out.
  // Truck T2 never enters. Rows are shuffled in time to check the ordering.
  const int64_t t0 = int64_t{DaysFromCivil(2024, 5, 1)} * 86'400'000'000;
  const int64_t min = 60'000'000;
  std::vector<std::tuple<std::string, int64_t, double, double>> rows = {
      {"T1", t0 + 10 * min, 30.02, 120.02},
      {"T1", t0, 31, 121},
      {"T2", t0, 31, 121},
      {"T1", t0 + 5 * min, 30.02, 120.02},
      {"T1", t0 + 15 * min, 30.02, 120.02},
      {"T1", t0 + 20 * min, 31, 121}};
  auto obj = Column::Make(TypeId::kString), ts = Column::Make(TypeId::kTimestamp),
       lat = Column::Make(TypeId::kFloat64), lon = Column::Make(TypeId::kFloat64);
  for (const auto& [o, t, la, lo] : rows) {
    obj->AppendString(o);
    ts->AppendTimestamp(t);
    lat->AppendFloat64(la);
    lon->AppendFloat64(lo);
  }
  auto track = Table::Make(Schema({{"truck", TypeId::kString},
                                   {"ts", TypeId::kTimestamp},
                                   {"lat", TypeId::kFloat64},
                                   {"lon", TypeId::kFloat64}}),
                           {obj, ts, lat, lon});
  auto out = RunStep(
      "{id: ev, kind: geofence_events, in: [t, f], out: o, object: truck, time: ts, lat: lat, lon: "
      "lon, wkt: wkt, min_dwell: 10m}",
      {track, Fences()});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 3) << t.ToString();
  EXPECT_EQ(t.column("event")->GetValue(0).string_value(), "enter");
  EXPECT_EQ(t.column("time")->GetValue(0).int_value(), t0 + 5 * min);
  EXPECT_EQ(t.column("event")->GetValue(1).string_value(), "dwell");
  EXPECT_EQ(t.column("time")->GetValue(1).int_value(), t0 + 15 * min);
  EXPECT_EQ(t.column("event")->GetValue(2).string_value(), "exit");
  EXPECT_DOUBLE_EQ(t.column("duration_s")->GetValue(2).float_value(), 900);
  EXPECT_EQ(t.column("truck")->GetValue(2).string_value(), "T1");
  EXPECT_EQ(t.column("fence")->GetValue(2).string_value(), "park");
}

TEST(GeofenceSteps, GridBin) {
  auto pts = MakeTable({"lat", "lon", "kwh"}, "fff",
                       {{"30.01", "120.01", "1"},
                        {"30.02", "120.03", "2"},
                        {"30.06", "120.01", "4"},
                        {"", "120", "8"}});
  auto out = RunStep(
      "{id: heat, kind: grid_bin, in: p, out: o, lat: lat, lon: lon, cell_deg: 0.05, value: kwh}",
      {pts});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 3);
  EXPECT_EQ(t.column("count")->GetValue(0).int_value(), 2);
  EXPECT_DOUBLE_EQ(t.column("kwh_sum")->GetValue(0).float_value(), 3);
  EXPECT_NEAR(t.column("lat")->GetValue(0).float_value(), 30.025, 1e-9);
  EXPECT_EQ(t.column("count")->GetValue(1).int_value(), 1);
  EXPECT_TRUE(t.column("cell_row")->IsNull(2));  // the point without a latitude
  EXPECT_EQ(t.column("count")->GetValue(2).int_value(), 1);
}

TEST(GeofenceSteps, ErrorsNameTheStep) {
  auto pts = MakeTable({"lat", "lon"}, "ff", {{"1", "1"}});
  std::string e =
      ErrorOf("{id: gf, kind: geofence, in: [p, f], out: o, lat: latitude, lon: lon, wkt: wkt}",
              {pts, Fences()});
  EXPECT_NE(e.find("gf"), std::string::npos) << e;
  EXPECT_NE(e.find("latitude"), std::string::npos) << e;
  auto bad = MakeTable({"fence_id", "wkt"}, "ss", {{"x", "POLYGON ((0 0, 1 0))"}});
  e = ErrorOf("{id: gf2, kind: geofence, in: [p, f], out: o, lat: lat, lon: lon, wkt: wkt}",
              {pts, bad});
  EXPECT_NE(e.find("gf2"), std::string::npos) << e;
  EXPECT_NE(e.find("fewer than 3"), std::string::npos) << e;
  e = ErrorOf("{id: gb, kind: grid_bin, in: p, out: o, lat: lat, lon: lon}", {pts});
  EXPECT_NE(e.find("gb"), std::string::npos) << e;
}

// Overlapping random rectangles and triangles on a 0.1° grid, as WKT.
TablePtr RandomFences(std::mt19937& rng, int n) {
  std::uniform_int_distribution<int> at(0, 30), size(2, 15);
  std::vector<std::vector<std::string>> rows;
  for (int f = 0; f < n; ++f) {
    const double x = at(rng) / 10.0, y = at(rng) / 10.0, w = size(rng) / 10.0, h = size(rng) / 10.0;
    const std::string wkt =
        f % 2 ? fmt::format("POLYGON (({} {}, {} {}, {} {}, {} {}))", x, y, x + w, y, x + w, y + h,
                            x, y + h)
              : fmt::format("POLYGON (({} {}, {} {}, {} {}))", x, y, x + w, y, x, y + h);
    rows.push_back({"r" + std::to_string(f), wkt});
  }
  return MakeTable({"route_id", "wkt"}, "ss", rows);
}

TEST(GeofenceSteps, FenceColumnEqualsAllFencesFilteredToTheNamedOne) {
  std::mt19937 rng(3);
  auto fences = RandomFences(rng, 30);
  std::uniform_int_distribution<int> at(-5, 50), pick(-1, 29);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 10000; ++i) {
    const int f = pick(rng);
    rows.push_back({std::to_string(i), fmt::format("{}", at(rng) / 10.0),
                    fmt::format("{}", at(rng) / 10.0), f < 0 ? "" : "r" + std::to_string(f)});
  }
  auto pts = MakeTable({"id", "lat", "lon", "route"}, "sffs", rows);
  const std::string base =
      "{id: tag, kind: geofence, in: [p, f], out: o, lat: lat, lon: lon, fence_id: route_id, "
      "wkt: wkt";
  const TablePtr all_out = RunStep(base + "}", {pts, fences})[0];
  const Table& all = *all_out;
  const TablePtr own_out = RunStep(base + ", fence_column: route}", {pts, fences})[0];
  const Table& own = *own_out;
  // Old path, filtered to the named fence: (point id, fence) in order.
  std::vector<std::pair<std::string, std::string>> want, got;
  std::set<std::string> inside;
  int64_t in_other = 0;  // rows the filter drops: in a fence, not the named one
  for (int64_t r = 0; r < all.num_rows(); ++r) {
    if (all.column("fence")->IsNull(r)) continue;
    const std::string fence = all.column("fence")->GetValue(r).string_value();
    if (all.column("route")->IsNull(r) ||
        fence != all.column("route")->GetValue(r).string_value()) {
      ++in_other;
      continue;
    }
    want.emplace_back(all.column("id")->GetValue(r).string_value(), fence);
    inside.insert(want.back().first);
  }
  ASSERT_EQ(own.num_rows(), pts->num_rows());  // one row per point with keep_outside
  for (int64_t r = 0; r < own.num_rows(); ++r) {
    const std::string id = own.column("id")->GetValue(r).string_value();
    EXPECT_EQ(id, std::to_string(r));
    if (own.column("fence")->IsNull(r)) {
      EXPECT_EQ(inside.count(id), 0u) << id;
    } else {
      got.emplace_back(id, own.column("fence")->GetValue(r).string_value());
    }
  }
  EXPECT_GT(want.size(), 100u);  // not vacuous
  EXPECT_GT(in_other, 1000);
  EXPECT_EQ(got, want);
  const TablePtr kept =
      RunStep(base + ", fence_column: route, keep_outside: false}", {pts, fences})[0];
  EXPECT_EQ(kept->num_rows(), static_cast<int64_t>(want.size()));
}

TEST(GeofenceSteps, FenceColumnEventsEqualAllFencesFilteredToTheObjectsFence) {
  std::mt19937 rng(5);
  auto fences = RandomFences(rng, 20);
  std::uniform_int_distribution<int> step(-2, 2), pick(0, 19);
  // 30 vehicles, each on one route, a random walk of 200 fixes a minute apart (int64 seconds),
  // rows interleaved across vehicles.
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> route_of(30);
  std::vector<std::pair<int, int>> pos(30, {15, 15});
  for (int v = 0; v < 30; ++v) route_of[v] = "r" + std::to_string(pick(rng));
  for (int i = 0; i < 200; ++i) {
    for (int v = 0; v < 30; ++v) {
      pos[v].first = std::clamp(pos[v].first + step(rng), -5, 50);
      pos[v].second = std::clamp(pos[v].second + step(rng), -5, 50);
      rows.push_back({"v" + std::to_string(v), std::to_string(60 * i),
                      fmt::format("{}", pos[v].first / 10.0),
                      fmt::format("{}", pos[v].second / 10.0), route_of[v]});
    }
  }
  auto track = MakeTable({"truck", "t", "lat", "lon", "route"}, "siffs", rows);
  const std::string base =
      "{id: ev, kind: geofence_events, in: [t, f], out: o, object: truck, time: t, lat: lat, "
      "lon: lon, fence_id: route_id, wkt: wkt, min_dwell: 10m";
  const TablePtr all_out = RunStep(base + "}", {track, fences})[0];
  const Table& all = *all_out;
  const TablePtr own_out = RunStep(base + ", fence_column: route}", {track, fences})[0];
  const Table& own = *own_out;
  auto row_of = [](const Table& t, int64_t r) {
    std::string s;
    for (int c = 0; c < t.num_columns(); ++c) s += t.column(c)->GetValue(r).ToString() + "|";
    return s;
  };
  std::vector<std::string> want, got;
  for (int64_t r = 0; r < all.num_rows(); ++r) {
    const std::string truck = all.column("truck")->GetValue(r).string_value();
    if (all.column("fence")->GetValue(r).string_value() == route_of[std::stoi(truck.substr(1))]) {
      want.push_back(row_of(all, r));
    }
  }
  for (int64_t r = 0; r < own.num_rows(); ++r) got.push_back(row_of(own, r));
  EXPECT_GT(want.size(), 50u);
  EXPECT_LT(want.size(), static_cast<size_t>(all.num_rows()));  // other fences were crossed too
  EXPECT_EQ(got, want);
}

TEST(GeofenceSteps, FenceColumnUnknownIdIsAnErrorNullIsOutside) {
  auto pts = MakeTable({"lat", "lon", "route"}, "ffs",
                       {{"30.02", "120.02", "park"}, {"30.02", "120.02", ""}});
  auto out = RunStep(
      "{id: gf, kind: geofence, in: [p, f], out: o, lat: lat, lon: lon, wkt: wkt, fence_column: "
      "route}",
      {pts, Fences()});
  ASSERT_EQ(out[0]->num_rows(), 2);
  EXPECT_EQ(out[0]->column("fence")->GetValue(0).string_value(), "park");
  EXPECT_TRUE(out[0]->column("fence")->IsNull(1));  // inside "park", but it names no fence
  auto bad = MakeTable({"lat", "lon", "route", "t"}, "ffsi",
                       {{"30.02", "120.02", "park", "0"}, {"30.02", "120.02", "nowhere", "60"}});
  for (const std::string kind : {"geofence", "geofence_events"}) {
    const std::string e =
        ErrorOf("{id: gf, kind: " + kind + ", in: [p, f], out: o, lat: lat, lon: lon, wkt: wkt, " +
                    (kind == "geofence" ? "" : "object: route, time: t, ") + "fence_column: route}",
                {bad, Fences()});
    EXPECT_NE(e.find("gf"), std::string::npos) << e;
    EXPECT_NE(e.find("'nowhere'"), std::string::npos) << e;
    EXPECT_NE(e.find("route"), std::string::npos) << e;
    EXPECT_NE(e.find("row 2"), std::string::npos) << e;
  }
  std::string e = ErrorOf(
      "{id: gf, kind: geofence, in: [p, f], out: o, lat: lat, lon: lon, wkt: wkt, fence_column: "
      "route_no}",
      {bad, Fences()});
  EXPECT_NE(e.find("route_no"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
