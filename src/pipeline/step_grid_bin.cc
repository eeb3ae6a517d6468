// grid_bin: counts (and sums) of points per latitude/longitude cell, for heat maps.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/error.h"
#include "model/column_values.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GridBinStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    lat_ = o.Required("lat").AsString();
    lon_ = o.Required("lon").AsString();
    const double cell = o.GetDouble("cell_deg", 0);
    cell_lat_ = o.GetDouble("cell_lat_deg", cell);
    cell_lon_ = o.GetDouble("cell_lon_deg", cell);
    if (!(cell_lat_ > 0) || !(cell_lon_ > 0)) {
      (o.Has("cell_deg") ? o.Get("cell_deg") : o)
          .Fail("needs a cell size > 0: `cell_deg`, or `cell_lat_deg` and `cell_lon_deg`");
    }
    value_ = o.GetString("value", "");
  }

  void Run(StepContext& ctx) override {
    const Table& t = *ctx.input(0);
    RequireColumns(node_, t, {{"lat", lat_}, {"lon", lon_}, {"value", value_}});
    std::vector<double> lat, lon, val;
    RunNamed(node_, [&] {
      lat = model::NumericValues(t, lat_);
      lon = model::NumericValues(t, lon_);
      if (!value_.empty()) val = model::NumericValues(t, value_);
    });
    struct Cell {
      int64_t count = 0, valued = 0;
      double sum = 0;
    };
    std::map<std::pair<int64_t, int64_t>, Cell> cells;
    Cell unlocated;
    for (size_t i = 0; i < lat.size(); ++i) {
      const bool ok = std::isfinite(lat[i]) && std::isfinite(lon[i]) && std::fabs(lat[i]) <= 90;
      Cell& c = ok ? cells[{static_cast<int64_t>(std::floor(lat[i] / cell_lat_)),
                            static_cast<int64_t>(std::floor(lon[i] / cell_lon_))}]
                   : unlocated;
      ++c.count;
      if (!val.empty() && !std::isnan(val[i])) {
        ++c.valued;
        c.sum += val[i];
      }
    }
    auto row = Column::Make(TypeId::kInt64), col = Column::Make(TypeId::kInt64),
         clat = Column::Make(TypeId::kFloat64), clon = Column::Make(TypeId::kFloat64),
         count = Column::Make(TypeId::kInt64), sum = Column::Make(TypeId::kFloat64),
         mean = Column::Make(TypeId::kFloat64);
    auto add = [&](const Cell& c) {
      count->AppendInt64(c.count);
      if (c.valued) {
        sum->AppendFloat64(c.sum);
        mean->AppendFloat64(c.sum / static_cast<double>(c.valued));
      } else {
        sum->AppendNull();
        mean->AppendNull();
      }
    };
    for (const auto& [key, c] : cells) {
      row->AppendInt64(key.first);
      col->AppendInt64(key.second);
      clat->AppendFloat64((static_cast<double>(key.first) + 0.5) * cell_lat_);
      clon->AppendFloat64((static_cast<double>(key.second) + 0.5) * cell_lon_);
      add(c);
    }
    if (unlocated.count) {  // rows without usable coordinates stay visible, in a NULL cell
      row->AppendNull();
      col->AppendNull();
      clat->AppendNull();
      clon->AppendNull();
      add(unlocated);
    }
    Schema schema({{"cell_row", TypeId::kInt64},
                   {"cell_col", TypeId::kInt64},
                   {"lat", TypeId::kFloat64},
                   {"lon", TypeId::kFloat64},
                   {"count", TypeId::kInt64}});
    std::vector<ColumnPtr> cols = {row, col, clat, clon, count};
    if (!value_.empty()) {
      schema.Add({value_ + "_sum", TypeId::kFloat64});
      schema.Add({value_ + "_mean", TypeId::kFloat64});
      cols.push_back(sum);
      cols.push_back(mean);
    }
    ctx.SetOutput(0, Table::Make(std::move(schema), std::move(cols)));
  }

 private:
  SpecNode node_;
  std::string lat_, lon_, value_;
  double cell_lat_ = 0, cell_lon_ = 0;
};

}  // namespace

StepKind GridBinStepKind() {
  return {
      .name = "grid_bin",
      .summary =
          "Counts points (and sums a value) per latitude/longitude grid cell, for heat maps.",
      .min_inputs = 1,
      .max_inputs = 1,
      .inputs_doc = "points",
      .outputs_doc =
          "one row per non-empty cell: cell_row, cell_col, centre lat/lon, count[, sum, mean]",
      .options = {{"lat", "column", true, "Latitude column (degrees)."},
                  {"lon", "column", true, "Longitude column (degrees)."},
                  {"cell_deg", "number", false, "Cell size in degrees, both directions."},
                  {"cell_lat_deg", "number", false, "Cell height in degrees (default cell_deg)."},
                  {"cell_lon_deg", "number", false, "Cell width in degrees (default cell_deg)."},
                  {"value", "column", false, "Numeric column to sum and average per cell."}},
      .make = [] { return std::make_unique<GridBinStep>(); }};
}

}  // namespace xf::pipeline
