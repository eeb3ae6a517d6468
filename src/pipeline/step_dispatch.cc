// dispatch: each request to the nearest capable resource with spare capacity, most urgent first
// (model/dispatch.h).
#include <fmt/format.h>

#include <cmath>

#include "core/error.h"
#include "model/column_values.h"
#include "model/dispatch.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

std::vector<std::string> SplitSkills(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s + ",") {
    if (ch == ',' || ch == ';' || ch == '|') {
      while (!cur.empty() && cur.back() == ' ') cur.pop_back();
      size_t b = cur.find_first_not_of(' ');
      if (b != std::string::npos) out.push_back(cur.substr(b));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  return out;
}

class DispatchStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    lat_ = o.Required("lat").AsString();
    lon_ = o.Required("lon").AsString();
    rlat_ = o.GetString("resource_lat", lat_);
    rlon_ = o.GetString("resource_lon", lon_);
    id_ = o.Required("resource_id").AsString();
    priority_ = o.GetString("priority", "");
    demand_ = o.GetString("demand", "");
    skill_ = o.GetString("skill", "");
    skills_ = o.GetString("skills", "");
    capacity_ = o.GetString("capacity", "");
    max_km_ = o.GetDouble("max_km", 0);
    if (max_km_ < 0) o.Get("max_km").Fail("must be >= 0 (0: no limit)");
    resource_out_ = o.GetString("resource", "resource");
    distance_out_ = o.GetString("distance", "distance_km");
  }

  void Run(StepContext& ctx) override {
    const Table& q = *ctx.input(0);
    const Table& r = *ctx.input(1);
    RequireColumns(node_, q,
                   {{"lat", lat_},
                    {"lon", lon_},
                    {"priority", priority_},
                    {"demand", demand_},
                    {"skill", skill_}});
    RequireColumns(node_, r,
                   {{node_.Has("resource_lat") ? "resource_lat" : "lat", rlat_},
                    {node_.Has("resource_lon") ? "resource_lon" : "lon", rlon_},
                    {"resource_id", id_},
                    {"skills", skills_},
                    {"capacity", capacity_}});
    std::vector<model::DispatchRequest> reqs(static_cast<size_t>(q.num_rows()));
    std::vector<model::DispatchResource> res(static_cast<size_t>(r.num_rows()));
    std::vector<std::optional<std::string>> ids;
    RunNamed(node_, [&] {
      auto lat = model::NumericValues(q, lat_), lon = model::NumericValues(q, lon_);
      for (size_t i = 0; i < reqs.size(); ++i) {
        reqs[i].lat = lat[i];
        reqs[i].lon = lon[i];
      }
      if (!priority_.empty()) {
        auto p = model::NumericValues(q, priority_);
        for (size_t i = 0; i < reqs.size(); ++i)
          reqs[i].priority = std::isnan(p[i]) ? -HUGE_VAL : p[i];
      }
      if (!demand_.empty()) {
        auto d = model::NumericValues(q, demand_);
        for (size_t i = 0; i < reqs.size(); ++i) {
          if (!(d[i] >= 0))
            model::ThrowRowError(demand_, static_cast<int64_t>(i), "demand must be a number >= 0");
          reqs[i].demand = d[i];
        }
      }
      if (!skill_.empty()) {
        auto s = model::TextValues(q, skill_);
        for (size_t i = 0; i < reqs.size(); ++i) reqs[i].skill = s[i].value_or("");
      }
      auto rlat = model::NumericValues(r, rlat_), rlon = model::NumericValues(r, rlon_);
      ids = model::TextValues(r, id_);
      for (size_t i = 0; i < res.size(); ++i) {
        res[i].lat = rlat[i];
        res[i].lon = rlon[i];
      }
      if (!capacity_.empty()) {
        auto c = model::NumericValues(r, capacity_);
        for (size_t i = 0; i < res.size(); ++i) {
          if (!(c[i] >= 0))
            model::ThrowRowError(capacity_, static_cast<int64_t>(i),
                                 fmt::format("capacity must be a number >= 0, got {}", c[i]));
          res[i].capacity = c[i];
        }
      }
      if (!skills_.empty()) {
        auto s = model::TextValues(r, skills_);
        for (size_t i = 0; i < res.size(); ++i) res[i].skills = SplitSkills(s[i].value_or(""));
      }
    });
    model::DispatchResult d = model::Dispatch(reqs, res, max_km_);
    auto rid = Column::Make(TypeId::kString), dist = Column::Make(TypeId::kFloat64),
         rank = Column::Make(TypeId::kInt64);
    for (size_t i = 0; i < reqs.size(); ++i) {
      const int32_t k = d.resource[i];
      if (k < 0 || !ids[static_cast<size_t>(k)]) {
        rid->AppendNull();
        dist->AppendNull();
      } else {
        rid->AppendString(*ids[static_cast<size_t>(k)]);
        dist->AppendFloat64(d.distance_km[i]);
      }
      rank->AppendInt64(d.rank[i] + 1);
    }
    ctx.SetOutput(0, q.WithColumn(resource_out_, rid)
                         ->WithColumn(distance_out_, dist)
                         ->WithColumn("dispatch_order", rank));
  }

 private:
  SpecNode node_;
  std::string lat_, lon_, rlat_, rlon_, id_, priority_, demand_, skill_, skills_, capacity_;
  std::string resource_out_, distance_out_;
  double max_km_ = 0;
};

}  // namespace

StepKind DispatchStepKind() {
  return {
      .name = "dispatch",
      .summary =
          "Sends each request to the nearest capable resource with spare capacity, most "
          "urgent first (greedy by priority, then great-circle distance).",
      .min_inputs = 2,
      .max_inputs = 2,
      .inputs_doc = "requests, resources",
      .outputs_doc = "the requests with resource, distance_km and dispatch_order",
      .options =
          {{"lat", "column", true, "Request latitude column (degrees)."},
           {"lon", "column", true, "Request longitude column (degrees)."},
           {"resource_lat", "column", false, "Resource latitude column (default: lat)."},
           {"resource_lon", "column", false, "Resource longitude column (default: lon)."},
           {"resource_id", "column", true, "Resource id column, copied into the output."},
           {"priority", "column", false,
            "Numeric request priority; higher is served first (ties: input order)."},
           {"demand", "column", false, "Capacity units a request uses (default 1, must be >= 0)."},
           {"skill", "column", false, "Skill a request needs (NULL/empty: any)."},
           {"skills", "column", false, "Resource skills, separated by , ; or | (NULL/empty: all)."},
           {"capacity", "column", false,
            "Resource capacity (default 1 each; negative is an error)."},
           {"max_km", "number", false, "Farthest a resource may be sent, km (0: no limit)."},
           {"resource", "column", false, "Name of the output resource id column (resource)."},
           {"distance", "column", false, "Name of the output distance column (distance_km)."}},
      .make = [] { return std::make_unique<DispatchStep>(); }};
}

}  // namespace xf::pipeline
