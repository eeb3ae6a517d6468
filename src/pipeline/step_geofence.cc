// geofence: tags points with the polygons (fences) containing them (model/geofence.h).
#include "model/column_values.h"
#include "model/geofence.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GeofenceStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    fences_.Configure(o);
    lat_ = o.Required("lat").AsString();
    lon_ = o.Required("lon").AsString();
    output_ = o.GetString("output", "fence");
    keep_outside_ = o.GetBool("keep_outside", true);
  }

  void Run(StepContext& ctx) override {
    const Table& points = *ctx.input(0);
    RequireColumns(node_, points, {{"lat", lat_}, {"lon", lon_}});
    std::vector<model::Polygon> fences = fences_.Load(*ctx.input(1));
    model::FenceIndex index(&fences);
    std::vector<double> lat, lon;
    RunNamed(node_, [&] {
      lat = model::NumericValues(points, lat_);
      lon = model::NumericValues(points, lon_);
    });
    std::vector<int32_t> assigned;
    if (!fences_.fence_column.empty()) assigned = fences_.Assign(points, fences);
    std::vector<int64_t> rows;
    auto fence = Column::Make(TypeId::kString);
    std::vector<int32_t> hit;
    for (size_t i = 0; i < lat.size(); ++i) {
      if (assigned.empty()) {
        index.Containing(lat[i], lon[i], &hit);
      } else {
        hit.clear();
        const int32_t f = model::AssignedContaining(fences, assigned[i], lat[i], lon[i]);
        if (f >= 0) hit.push_back(f);
      }
      for (int32_t f : hit) {
        rows.push_back(static_cast<int64_t>(i));
        fence->AppendString(fences[static_cast<size_t>(f)].id);
      }
      if (hit.empty() && keep_outside_) {
        rows.push_back(static_cast<int64_t>(i));
        fence->AppendNull();
      }
    }
    ctx.SetOutput(0, points.Take(rows)->WithColumn(output_, fence));
  }

 private:
  SpecNode node_;
  FenceOptions fences_;
  std::string lat_, lon_, output_;
  bool keep_outside_ = true;
};

}  // namespace

StepKind GeofenceStepKind() {
  std::vector<OptionSpec> options = {
      {"lat", "column", true, "Point latitude column (degrees)."},
      {"lon", "column", true, "Point longitude column (degrees)."},
      {"output", "column", false, "Name of the output fence id column (fence)."},
      {"keep_outside", "bool", false,
       "Keep points in no fence, with a NULL fence (default true)."}};
  for (OptionSpec& s : FenceOptions::Docs()) options.push_back(std::move(s));
  return {.name = "geofence",
          .summary =
              "Tags each point with the fences (polygons, holes allowed) that contain it; "
              "one row per (point, fence), boundary points inside.",
          .min_inputs = 2,
          .max_inputs = 2,
          .inputs_doc = "points, fences",
          .outputs_doc = "the points with a fence id column",
          .options = std::move(options),
          .make = [] { return std::make_unique<GeofenceStep>(); }};
}

}  // namespace xf::pipeline
