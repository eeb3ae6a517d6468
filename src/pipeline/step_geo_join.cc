// geo_join: pairs of rows within a distance of each other (ops/geo.h).
#include "ops/geo.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GeoJoinStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.left_lat = o.Required("lat").AsString();
    options_.left_lon = o.Required("lon").AsString();
    options_.right_lat = o.GetString("right_lat", "");
    options_.right_lon = o.GetString("right_lon", "");
    options_.radius_km = o.Required("radius_km").AsDouble();
    if (!(options_.radius_km > 0)) o.Get("radius_km").Fail("must be > 0");
    options_.k_nearest = o.GetInt("nearest", 0);
    if (options_.k_nearest < 0) o.Get("nearest").Fail("must be >= 0 (0: all matches)");
    options_.distance = o.GetString("distance", options_.distance);
    options_.suffix = o.GetString("suffix", options_.suffix);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& l = *ctx.input(0);
    const Table& r = *ctx.input(1);
    RequireColumn(node_.Get("lat"), l, options_.left_lat);
    RequireColumn(node_.Get("lon"), l, options_.left_lon);
    RequireColumn(node_.Has("right_lat") ? node_.Get("right_lat") : node_.Get("lat"), r,
                  options_.right_lat.empty() ? options_.left_lat : options_.right_lat);
    RequireColumn(node_.Has("right_lon") ? node_.Get("right_lon") : node_.Get("lon"), r,
                  options_.right_lon.empty() ? options_.left_lon : options_.right_lon);
    ctx.SetOutput(0, GeoWithinJoin(l, r, options_));
  }

 private:
  GeoJoinOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind GeoJoinStepKind() {
  return {
      .name = "geo_join",
      .summary =
          "Joins each left row to the right rows within a great-circle radius "
          "(optionally only the k nearest), with the distance.",
      .min_inputs = 2,
      .max_inputs = 2,
      .inputs_doc = "left, right",
      .outputs_doc = "matching pairs: left columns, right columns, distance",
      .options = {{"lat", "column", true, "Latitude column of the left table (degrees)."},
                  {"lon", "column", true, "Longitude column of the left table (degrees)."},
                  {"right_lat", "column", false, "Latitude column of the right (default: lat)."},
                  {"right_lon", "column", false, "Longitude column of the right (default: lon)."},
                  {"radius_km", "number", true, "Largest distance in km (inclusive)."},
                  {"nearest", "number", false, "Keep only the k nearest matches per left row."},
                  {"distance", "column", false, "Name of the distance column (distance_km)."},
                  {"suffix", "text", false, "Appended to clashing right column names (_right)."}},
      .make = [] { return std::make_unique<GeoJoinStep>(); }};
}

}  // namespace xf::pipeline
