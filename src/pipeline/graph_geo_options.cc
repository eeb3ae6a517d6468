#include "pipeline/graph_geo_options.h"

#include "core/error.h"
#include "model/column_values.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

void EdgeOptions::Configure(const SpecNode& o) {
  node = o;
  columns.src = o.GetString("src", "src");
  columns.dst = o.GetString("dst", "dst");
  columns.weight = o.GetString("weight", "");
}

model::Graph EdgeOptions::Build(const Table& edges, bool allow_negative, int64_t* skipped) const {
  RequireColumns(node, edges,
                 {{"src", columns.src}, {"dst", columns.dst}, {"weight", columns.weight}});
  model::Graph g;
  RunNamed(node, [&] { g = model::GraphFromTable(edges, columns, allow_negative, skipped); });
  return g;
}

std::vector<OptionSpec> EdgeOptions::Docs() {
  return {{"src", "column", false, "Edge source node id column of the edge table (src)."},
          {"dst", "column", false, "Edge target node id column (dst)."},
          {"weight", "column", false, "Numeric edge weight column; absent: every edge weighs 1."}};
}

void FenceOptions::Configure(const SpecNode& o) {
  node = o;
  columns.id = o.GetString("fence_id", "fence_id");
  columns.wkt = o.GetString("wkt", "");
  columns.lat = o.GetString("fence_lat", "");
  columns.lon = o.GetString("fence_lon", "");
  columns.order = o.GetString("fence_order", "");
  columns.ring = o.GetString("fence_ring", "");
  fence_column = o.GetString("fence_column", "");
  const bool vertices = !columns.lat.empty() || !columns.lon.empty();
  if (columns.wkt.empty() == !vertices) {
    o.Fail(
        "give either `wkt` (a WKT POLYGON column) or `fence_lat` and `fence_lon` (one vertex per "
        "row)");
  }
  if (vertices && (columns.lat.empty() || columns.lon.empty())) {
    o.Fail("`fence_lat` and `fence_lon` go together");
  }
}

std::vector<model::Polygon> FenceOptions::Load(const Table& fences) const {
  RequireColumns(node, fences,
                 {{"fence_id", columns.id},
                  {"wkt", columns.wkt},
                  {"fence_lat", columns.lat},
                  {"fence_lon", columns.lon},
                  {"fence_order", columns.order},
                  {"fence_ring", columns.ring}});
  std::vector<model::Polygon> out;
  RunNamed(node, [&] { out = model::FencesFromTable(fences, columns); });
  return out;
}

std::vector<int32_t> FenceOptions::Assign(const Table& points,
                                          const std::vector<model::Polygon>& fences) const {
  RequireColumns(node, points, {{"fence_column", fence_column}});
  std::vector<int32_t> out;
  RunNamed(node, [&] {
    out = model::AssignedFences(fences, model::TextValues(points, fence_column), fence_column);
  });
  return out;
}

std::vector<OptionSpec> FenceOptions::Docs() {
  return {
      {"fence_id", "column", false, "Fence id column of the fence table (fence_id)."},
      {"wkt", "column", false, "WKT `POLYGON ((lon lat, …), (hole …))` column, one fence per row."},
      {"fence_lat", "column", false,
       "Vertex latitude column (one vertex per row; instead of wkt)."},
      {"fence_lon", "column", false, "Vertex longitude column."},
      {"fence_order", "column", false, "Vertex order within a ring (default: table order)."},
      {"fence_ring", "column", false, "Ring number: 0 outer boundary, others holes (default 0)."},
      {"fence_column", "column", false,
       "Column of the point table with the id of the one fence each point is tested against "
       "(linear time); NULL: no fence; an id not among the fences is an error."}};
}

void RunNamed(const SpecNode& node, const std::function<void()>& fn) {
  try {
    fn();
  } catch (Error& e) {
    e.WithStep(node.step());
    if (!node.file().empty()) e.WithFile(node.file());
    throw;
  }
}

void RequireColumns(const SpecNode& step, const Table& table,
                    const std::vector<std::pair<std::string, std::string>>& option_and_column) {
  for (const auto& [option, column] : option_and_column) {
    if (column.empty()) continue;
    RequireColumn(step.Has(option) ? step.Get(option) : step, table, column);
  }
}

}  // namespace xf::pipeline
