// geofence, geofence_events and grid_bin configured from YAML.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace xf::pipeline
