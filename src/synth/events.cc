// kind: events — Poisson arrivals per entity (inspections, complaints, alarms), with attribute
// columns from the column generators.
#include <fmt/format.h>

#include <cmath>

#include "core/time.h"
#include "synth/columns.h"
#include "synth/kinds.h"
#include "synth/rng.h"
#include "synth/series_time.h"
#include "synth/spec_util.h"

namespace xf::synth {

Output GenerateEvents(const std::string& name, const SpecNode& spec, const Context& ctx) {
  spec.CheckKeys({"kind", "entities", "keys", "active", "start", "end", "days", "rate", "per",
                  "time_column", "time_type", "columns", "truth"});
  const TablePtr entities = ctx.Find(spec.Required("entities"));
  const std::vector<std::string> keys = ReadKeys(spec, *entities);
  const std::vector<uint8_t> active = RowMask(spec.Get("active"), *entities);
  if (spec.Has("freq")) spec.Get("freq").Fail("events have no freq; arrivals are continuous");
  const TimeAxis axis = TimeAxis::Read(spec);
  const Param rate = ReadParam(spec.Required("rate"), *entities, 0);
  const double per = spec.Has("per") ? static_cast<double>(ReadDuration(spec.Get("per")))
                                     : static_cast<double>(kMicrosPerDay);
  const std::string time_type = spec.GetString("time_type", "timestamp");
  if (time_type != "timestamp" && time_type != "date") {
    spec.Get("time_type").Fail("expected timestamp or date");
  }
  const bool as_date = time_type == "date";
  const int64_t begin = axis.start_micros;
  const int64_t end = axis.start_micros +
                      (static_cast<int64_t>(axis.last_day) - axis.first_day + 1) * kMicrosPerDay;

  std::vector<int64_t> row_of;
  auto time = Column::Make(as_date ? TypeId::kDate : TypeId::kTimestamp);
  for (int64_t e = 0; e < entities->num_rows(); ++e) {
    if (!active[static_cast<size_t>(e)]) continue;
    const double r = rate.At(e) / per;  // events per microsecond
    if (!(r > 0)) continue;
    Rng rng(ctx.seed, name, "#arrivals", static_cast<uint64_t>(e));
    double t = static_cast<double>(begin);
    while (true) {
      t += rng.Exponential(r);
      if (t >= static_cast<double>(end)) break;
      // Whole seconds, as event logs record them.
      const int64_t us = static_cast<int64_t>(t) / kMicrosPerSecond * kMicrosPerSecond;
      row_of.push_back(e);
      if (as_date) {
        time->AppendDate(
            static_cast<int32_t>((us + kShanghaiOffsetSeconds * kMicrosPerSecond) / kMicrosPerDay));
      } else {
        time->AppendTimestamp(us);
      }
    }
  }
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const std::string& k : keys) {
    fields.push_back({k, entities->column(k)->type()});
    cols.push_back(entities->column(k)->Take(row_of));
  }
  fields.push_back({spec.GetString("time_column", "time"), time->type()});
  cols.push_back(time);
  TableBuilder b(name, *Table::Make(Schema(fields), cols));
  GenerateColumns(spec.Get("columns"), ctx.seed, &b);
  return {b.Full(), b.hidden(), nullptr};
}

}  // namespace xf::synth
