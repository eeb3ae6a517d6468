// geofence_events: enter / dwell / exit events of moving objects against fences
// (model/geofence.h TrackEvents).
#include <algorithm>
#include <numeric>

#include "core/error.h"
#include "model/column_values.h"
#include "model/geofence.h"
#include "model/series_groups.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GeofenceEventsStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    fences_.Configure(o);
    object_ = o.Required("object").AsString();
    time_ = o.Required("time").AsString();
    lat_ = o.Required("lat").AsString();
    lon_ = o.Required("lon").AsString();
    if (o.Has("min_dwell")) {
      min_dwell_ = ParseDurationOption(o.Get("min_dwell"));
      if (min_dwell_ <= 0) o.Get("min_dwell").Fail("must be > 0");
    }
  }

  void Run(StepContext& ctx) override {
    const Table& tracks = *ctx.input(0);
    RequireColumns(node_, tracks,
                   {{"object", object_}, {"time", time_}, {"lat", lat_}, {"lon", lon_}});
    std::vector<model::Polygon> fences = fences_.Load(*ctx.input(1));
    model::FenceIndex index(&fences);
    std::vector<double> lat, lon;
    std::vector<std::optional<int64_t>> time;
    RunNamed(node_, [&] {
      lat = model::NumericValues(tracks, lat_);
      lon = model::NumericValues(tracks, lon_);
      time = model::TimeValues(tracks, time_);
    });
    const TypeId time_type = tracks.column(time_)->type();
    // Points with a NULL time cannot be ordered and are left out of the tracks; NULL coordinates
    // are GPS gaps (model::TrackEvents skips them). An int64 time is in seconds.
    const int64_t min_dwell = time_type == TypeId::kInt64 ? min_dwell_ / 1'000'000 : min_dwell_;
    std::vector<int32_t> assigned;
    if (!fences_.fence_column.empty()) assigned = fences_.Assign(tracks, fences);
    RowGroups groups = GroupRows(tracks, {object_});
    std::vector<model::FenceEvent> events;
    std::vector<model::TrackPoint> track;
    for (int64_t g = 0; g < groups.num_groups(); ++g) {
      track.clear();
      for (int64_t k = groups.offsets[static_cast<size_t>(g)];
           k < groups.offsets[static_cast<size_t>(g) + 1]; ++k) {
        const auto r = static_cast<size_t>(groups.rows[static_cast<size_t>(k)]);
        if (!time[r]) continue;
        track.push_back({static_cast<int64_t>(r), *time[r], lat[r], lon[r],
                         assigned.empty() ? -1 : assigned[r]});
      }
      std::stable_sort(track.begin(), track.end(),
                       [](const auto& a, const auto& b) { return a.time < b.time; });
      if (assigned.empty()) {
        model::TrackEvents(track, index, min_dwell, &events);
      } else {
        model::AssignedTrackEvents(track, fences, min_dwell, &events);
      }
    }
    std::vector<int64_t> rows;
    auto fence = Column::Make(TypeId::kString), event = Column::Make(TypeId::kString),
         at = Column::Make(time_type == TypeId::kInt64 ? TypeId::kInt64 : TypeId::kTimestamp),
         start = Column::Make(at->type()), seconds = Column::Make(TypeId::kFloat64);
    for (const model::FenceEvent& e : events) {
      rows.push_back(e.object_row);
      fence->AppendString(fences[static_cast<size_t>(e.fence)].id);
      event->AppendString(e.event);
      at->AppendFixed<int64_t>(e.time);
      start->AppendFixed<int64_t>(e.visit_start);
      // Timestamps are microseconds; an int64 time column is taken to be seconds already.
      seconds->AppendFloat64(time_type == TypeId::kInt64 ? static_cast<double>(e.duration)
                                                         : static_cast<double>(e.duration) / 1e6);
    }
    TablePtr obj = tracks.SelectColumns({tracks.ColumnIndex(object_)})->Take(rows);
    ctx.SetOutput(0, Table::Make(Schema({{object_, obj->schema().field(0).type},
                                         {"fence", TypeId::kString},
                                         {"event", TypeId::kString},
                                         {"time", at->type()},
                                         {"visit_start", at->type()},
                                         {"duration_s", TypeId::kFloat64}}),
                                 {obj->column(0), fence, event, at, start, seconds}));
  }

 private:
  SpecNode node_;
  FenceOptions fences_;
  std::string object_, time_, lat_, lon_;
  int64_t min_dwell_ = 0;
};

}  // namespace

StepKind GeofenceEventsStepKind() {
  std::vector<OptionSpec> options = {
      {"object", "column", true, "Moving object id column (vehicle, person, vessel)."},
      {"time", "column", true, "Timestamp (or date, or int64 seconds) column of the track points."},
      {"lat", "column", true, "Track latitude column (degrees)."},
      {"lon", "column", true, "Track longitude column (degrees)."},
      {"min_dwell", "text", false,
       "Emit a dwell event once a visit lasts this long (\"10m\", \"2h\")."}};
  for (OptionSpec& s : FenceOptions::Docs()) options.push_back(std::move(s));
  return {
      .name = "geofence_events",
      .summary = "Enter, dwell and exit events of each object's time-ordered track against fences.",
      .min_inputs = 2,
      .max_inputs = 2,
      .inputs_doc = "track points, fences",
      .outputs_doc = "events: object, fence, event, time, visit_start, duration_s",
      .options = std::move(options),
      .make = [] { return std::make_unique<GeofenceEventsStep>(); }};
}

}  // namespace xf::pipeline
