#include "pipeline/report_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/content_hash.h"
#include "core/time.h"
#include "ops/aggregate.h"
#include "ops/project.h"
#include "ops/sort.h"
#include "pipeline/quality_json.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

using nlohmann::json;

namespace {

constexpr int64_t kMaxAlertRows = 200;
constexpr int64_t kDefaultTableRows = 20;
constexpr int kDefaultMaxSeries = 8;

struct IndustryName {
  const char* en;
  const char* zh;
};
constexpr IndustryName kIndustries[] = {
    {"Industrial manufacturing", "工业制造"}, {"Modern agriculture", "现代农业"},
    {"Commerce and circulation", "商贸流通"}, {"Transport", "交通运输"},
    {"Financial services", "金融服务"},        {"Science and technology", "科技创新"},
    {"Emergency management", "应急管理"},     {"Urban governance", "城市治理"},
    {"Green and low-carbon", "绿色低碳"},
};

double Round4(double v) { return std::round(v * 1e4) / 1e4; }

const std::vector<std::string>& PanelKeys(const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"line", {"x", "y", "series", "y_label", "max_series"}},
      {"bar", {"x", "y", "series", "horizontal", "max_series"}},
      {"heatmap", {"x", "y", "value"}},
      {"map", {"lat", "lon", "value", "label", "series"}},
      {"table", {"columns"}},
      {"timeline", {"entity", "start", "end", "level", "label"}},
  };
  static const std::vector<std::string> none;
  auto it = keys.find(type);
  return it == keys.end() ? none : it->second;
}

std::vector<std::string> CommonPanelKeys() {
  return {"id", "type", "title_en", "title_zh", "description_en", "description_zh", "table",
          "where", "sort", "limit"};
}

// The panel's table after its where/sort/limit.
TablePtr PanelTable(const SpecNode& panel, const RunResult& result) {
  const std::string name = panel.Required("table").AsString();
  auto it = result.tables.find(name);
  if (it == result.tables.end()) panel.Get("table").Fail(fmt::format("no table '{}' in this run", name));
  TablePtr t = it->second;
  if (panel.Has("where")) t = Filter(*t, panel.Get("where").AsString());
  if (panel.Has("limit") && panel.Get("limit").AsInt() < 0) panel.Get("limit").Fail("limit must be 0 or more");
  if (panel.Has("sort")) {
    SortOptions s;
    s.keys = ParseSortKeys(panel.Get("sort"));
    s.limit = panel.GetInt("limit", -1);
    t = Sort(*t, s);
  } else if (panel.Has("limit")) {
    t = t->Slice(0, std::min<int64_t>(t->num_rows(), panel.Get("limit").AsInt()));
  }
  return t;
}

const Column& PanelColumn(const SpecNode& panel, const char* key, const Table& t) {
  SpecNode opt = panel.Required(key);
  std::string name = opt.AsString();
  RequireColumn(opt, t, name);
  return *t.column(name);
}

// The distinct values of a column as a chart axis, in value order: numbers numerically (so hour
// 10 comes after hour 9), dates and timestamps in time, text as text.
struct Axis {
  json labels = json::array();
  std::map<std::string, size_t> index;  // display text → position
  size_t IndexOf(const Column& c, int64_t row) const { return index.at(c.GetValue(row).ToString()); }
};

Axis MakeAxis(const Column& c) {
  std::vector<int64_t> firsts;
  std::map<std::string, int64_t> seen;
  for (int64_t i = 0; i < c.size(); ++i) {
    if (seen.emplace(c.GetValue(i).ToString(), i).second) firsts.push_back(i);
  }
  const bool numeric = c.type() != TypeId::kString;
  std::stable_sort(firsts.begin(), firsts.end(), [&](int64_t a, int64_t b) {
    if (c.IsNull(a) != c.IsNull(b)) return c.IsNull(b);  // NULL last
    if (c.IsNull(a)) return false;
    if (numeric) return c.GetValue(a).AsDouble() < c.GetValue(b).AsDouble();
    return c.GetString(a) < c.GetString(b);
  });
  Axis axis;
  for (int64_t row : firsts) {
    axis.index[c.GetValue(row).ToString()] = axis.labels.size();
    axis.labels.push_back(CellToJson(c, row));
  }
  return axis;
}

json ColumnValues(const Column& c) {
  json out = json::array();
  for (int64_t i = 0; i < c.size(); ++i) out.push_back(CellToJson(c, i));
  return out;
}

// Line and bar panels: one series per `y` column, or, with `series: col`, one series per value
// of that column (long data pivoted on x; the largest series first, at most max_series).
void FillSeries(const SpecNode& panel, const Table& t, json* out) {
  const Column& x = PanelColumn(panel, "x", t);
  std::vector<std::string> ys = panel.Required("y").AsStringList();
  for (const std::string& y : ys) RequireColumn(panel.Get("y"), t, y);
  json series = json::array();
  if (!panel.Has("series")) {
    (*out)["x"] = ColumnValues(x);
    for (const std::string& y : ys) series.push_back({{"name", y}, {"values", ColumnValues(*t.column(y))}});
  } else {
    const Column& s = PanelColumn(panel, "series", t);
    const Column& y = *t.column(ys.at(0));
    const Axis axis = MakeAxis(x);
    std::map<std::string, std::vector<std::optional<double>>> cells;  // series → value per x
    std::map<std::string, double> totals;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      if (y.IsNull(i)) continue;
      std::string ss = s.GetValue(i).ToString();
      auto& row = cells[ss];
      row.resize(axis.labels.size());
      auto& cell = row[axis.IndexOf(x, i)];
      double v = y.GetValue(i).AsDouble();
      cell = cell.value_or(0) + v;
      totals[ss] += std::fabs(v);
    }
    (*out)["x"] = axis.labels;
    std::vector<std::pair<std::string, double>> order(totals.begin(), totals.end());
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    size_t max_series = static_cast<size_t>(panel.GetInt("max_series", kDefaultMaxSeries));
    if (order.size() > max_series) order.resize(max_series);
    for (const auto& [name, total] : order) {
      json values = json::array();
      for (const std::optional<double>& c : cells[name]) {
        values.push_back(c ? json(Round4(*c)) : json(nullptr));
      }
      series.push_back({{"name", name}, {"values", values}});
    }
  }
  (*out)["series"] = series;
  bool time_axis = x.type() == TypeId::kDate || x.type() == TypeId::kTimestamp;
  (*out)["x_type"] = time_axis ? "time" : "category";
}

void FillHeatmap(const SpecNode& panel, const Table& t, json* out) {
  const Column& x = PanelColumn(panel, "x", t);
  const Column& y = PanelColumn(panel, "y", t);
  const Column& v = PanelColumn(panel, "value", t);
  const Axis xa = MakeAxis(x), ya = MakeAxis(y);
  json values = json::array();
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    if (v.IsNull(i)) continue;
    values.push_back({xa.IndexOf(x, i), ya.IndexOf(y, i), CellToJson(v, i)});
  }
  (*out)["x"] = xa.labels;
  (*out)["y"] = ya.labels;
  (*out)["values"] = values;
}

void FillMap(const SpecNode& panel, const Table& t, json* out) {
  const Column& lat = PanelColumn(panel, "lat", t);
  const Column& lon = PanelColumn(panel, "lon", t);
  const Column* value = panel.Has("value") ? &PanelColumn(panel, "value", t) : nullptr;
  const Column* label = panel.Has("label") ? &PanelColumn(panel, "label", t) : nullptr;
  const Column* series = panel.Has("series") ? &PanelColumn(panel, "series", t) : nullptr;
  std::vector<std::string> order;
  std::map<std::string, json> points;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    if (lat.IsNull(i) || lon.IsNull(i)) continue;
    std::string s = series ? series->GetValue(i).ToString() : panel.GetString("title_en", "points");
    if (!points.count(s)) {
      order.push_back(s);
      points[s] = json::array();
    }
    points[s].push_back({Round4(lon.GetValue(i).AsDouble()), Round4(lat.GetValue(i).AsDouble()),
                         value ? CellToJson(*value, i) : json(nullptr),
                         label ? json(label->GetValue(i).ToString()) : json("")});
  }
  json arr = json::array();
  for (const std::string& s : order) arr.push_back({{"name", s}, {"points", points[s]}});
  (*out)["series"] = arr;
}

// Timeline panels (alert episodes): one lane per entity, a bar from start to end (an open end
// runs to the latest time in the panel), coloured by level.
void FillTimeline(const SpecNode& panel, const Table& t, json* out) {
  const Column& entity = PanelColumn(panel, "entity", t);
  const Column& start = PanelColumn(panel, "start", t);
  const Column* end = panel.Has("end") ? &PanelColumn(panel, "end", t) : nullptr;
  const Column* level = panel.Has("level") ? &PanelColumn(panel, "level", t) : nullptr;
  const Column* label = panel.Has("label") ? &PanelColumn(panel, "label", t) : nullptr;
  const Axis lanes = MakeAxis(entity);
  json items = json::array();
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    if (start.IsNull(i)) continue;
    items.push_back({lanes.IndexOf(entity, i), CellToJson(start, i),
                     end ? CellToJson(*end, i) : json(nullptr),
                     level ? CellToJson(*level, i) : json(nullptr),
                     label ? CellToJson(*label, i) : json(nullptr)});
  }
  (*out)["lanes"] = lanes.labels;
  (*out)["items"] = items;
}

json TableJson(const Table& t, const std::vector<std::string>& columns, int64_t max_rows) {
  json cols = json::array(), rows = json::array();
  std::vector<const Column*> cs;
  for (const std::string& c : columns) {
    cols.push_back(c);
    cs.push_back(t.column(c).get());
  }
  for (int64_t r = 0; r < std::min(max_rows, t.num_rows()); ++r) {
    json row = json::array();
    for (const Column* c : cs) row.push_back(CellToJson(*c, r));
    rows.push_back(row);
  }
  return {{"columns", cols}, {"rows", rows}};
}

json BuildPanel(const SpecNode& panel, const RunResult& result) {
  std::string type = panel.Required("type").AsString();
  json out = {{"id", panel.GetString("id", "")},
              {"type", type},
              {"title_en", panel.GetString("title_en", "")},
              {"title_zh", panel.GetString("title_zh", "")}};
  if (panel.Has("description_en")) out["description_en"] = panel.Get("description_en").AsString();
  if (panel.Has("description_zh")) out["description_zh"] = panel.Get("description_zh").AsString();
  TablePtr t = PanelTable(panel, result);
  if (type == "line" || type == "bar") {
    FillSeries(panel, *t, &out);
    if (type == "line") out["y_label"] = panel.GetString("y_label", "");
    if (type == "bar") {
      out["categories"] = out["x"];  // a bar chart's x axis holds categories (docs/report.md)
      out.erase("x");
      out.erase("x_type");
      out["horizontal"] = panel.GetBool("horizontal", false);
    }
  } else if (type == "heatmap") {
    FillHeatmap(panel, *t, &out);
  } else if (type == "map") {
    FillMap(panel, *t, &out);
  } else if (type == "timeline") {
    FillTimeline(panel, *t, &out);
  } else if (type == "table") {
    std::vector<std::string> columns =
        panel.Has("columns") ? panel.Get("columns").AsStringList() : t->schema().names();
    for (const std::string& c : columns) RequireColumn(panel.Get("columns"), *t, c);
    int64_t limit = panel.Has("sort") || panel.Has("limit") ? t->num_rows() : kDefaultTableRows;
    json tj = TableJson(*t, columns, limit);
    out["columns"] = tj["columns"];
    out["rows"] = tj["rows"];
  }
  return out;
}

json MetricValue(const SpecNode& metric, const RunResult& result) {
  std::string name = metric.Required("table").AsString();
  auto it = result.tables.find(name);
  if (it == result.tables.end()) metric.Get("table").Fail(fmt::format("no table '{}' in this run", name));
  TablePtr t = it->second;
  if (metric.Has("where")) t = Filter(*t, metric.Get("where").AsString());
  AggregateOptions agg;
  agg.aggregates = {ParseAggregate(metric.Required("value"), "value")};
  TablePtr r = HashAggregate(*t, agg);
  const Column& c = *r->column(0);
  if (c.IsNull(0)) return nullptr;
  if (c.type() == TypeId::kFloat64 || c.type() == TypeId::kInt64) {
    double v = c.GetValue(0).AsDouble() * metric.GetDouble("multiply", 1.0);
    double p = std::pow(10.0, static_cast<double>(metric.GetInt("digits", 1)));
    return std::round(v * p) / p;
  }
  return CellToJson(c, 0);
}

std::string FormatMetric(const json& v) {
  if (v.is_null()) return "–";
  if (v.is_number_float()) {
    std::string s = fmt::format("{}", v.get<double>());
    return s;
  }
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// "{base_users} users" with metric values substituted; unknown names stay as written.
std::string FillTemplate(const std::string& text, const std::map<std::string, json>& values) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string::npos) {
        auto it = values.find(text.substr(i + 1, close - i - 1));
        if (it != values.end()) {
          out += FormatMetric(it->second);
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

json InputsJson(const RunResult& result) {
  json inputs = json::array();
  for (const InputInfo& in : result.inputs) {
    const TablePtr& t = result.tables.at(in.name);
    json examples = json::array();
    if (in.rejects) {
      const Table& r = *in.rejects;
      int line = r.ColumnIndex("line"), col = r.ColumnIndex("column"), reason = r.ColumnIndex("reason"),
          raw = r.ColumnIndex("raw");
      for (int64_t i = 0; i < std::min<int64_t>(5, r.num_rows()); ++i) {
        json e;
        if (line >= 0) e["line"] = CellToJson(*r.column(line), i);
        if (col >= 0) e["column"] = CellToJson(*r.column(col), i);
        if (reason >= 0) e["reason"] = CellToJson(*r.column(reason), i);
        if (raw >= 0) e["raw"] = CellToJson(*r.column(raw), i);
        examples.push_back(e);
      }
    }
    inputs.push_back({{"name", in.name},
                      {"source", in.source},
                      {"rows_read", in.rows_read},
                      {"rows_loaded", in.rows_loaded},
                      {"rows_rejected", in.rows_rejected},
                      {"columns", t->num_columns()},
                      {"content_hash", TableContentHash(*t)},
                      {"reject_examples", examples}});
  }
  return inputs;
}

json QualityJson(const RunResult& result) {
  json tables = json::array();
  for (const InputInfo& in : result.inputs) {
    const Table& t = *result.tables.at(in.name);
    json cols = json::array();
    int64_t nulls = 0;
    for (int i = 0; i < t.num_columns(); ++i) {
      nulls += t.column(i)->null_count();
      cols.push_back({{"name", t.schema().field(i).name},
                      {"type", TypeName(t.schema().field(i).type)},
                      {"nulls", t.column(i)->null_count()}});
    }
    tables.push_back({{"name", in.name}, {"rows", t.num_rows()}, {"null_cells", nulls}, {"columns", cols}});
  }
  json out = QualityScoresJson(result.quality);  // standards and validate steps
  out["tables"] = tables;
  return out;
}

// Alert columns a reader of the report needs; the id and the coded forms stay in the output file.
bool ShownAlertColumn(const std::string& name) {
  return name != "alert_id" && name != "level_code" && name != "level_zh" && name != "title_en";
}

json AlertsJson(const ScenarioSpec& spec, const RunResult& result) {
  json by_level = {{"red", 0}, {"orange", 0}, {"yellow", 0}, {"blue", 0}};
  json columns = json::array(), rows = json::array();
  int64_t total = 0;
  bool truncated = false;
  for (const std::string& name : spec.alert_tables) {
    const Table& t = *result.tables.at(name);
    total += t.num_rows();
    int level = t.ColumnIndex("level");
    if (level >= 0) {
      for (int64_t i = 0; i < t.num_rows(); ++i) {
        std::string l = t.column(level)->GetValue(i).ToString();
        if (by_level.contains(l)) by_level[l] = by_level[l].get<int64_t>() + 1;
      }
    }
    std::vector<std::string> shown;
    for (const std::string& c : t.schema().names()) {
      if (ShownAlertColumn(c)) shown.push_back(c);
    }
    if (columns.empty()) columns = shown;
    int64_t room = kMaxAlertRows - static_cast<int64_t>(rows.size());
    if (t.num_rows() > room) truncated = true;
    if (shown != columns.get<std::vector<std::string>>()) continue;  // shown in its own output
    json tj = TableJson(t, shown, std::max<int64_t>(room, 0));
    for (auto& r : tj["rows"]) rows.push_back(r);
  }
  return {{"total", total}, {"by_level", by_level}, {"columns", columns}, {"rows", rows},
          {"truncated", truncated}};
}

}  // namespace

json CellToJson(const Column& c, int64_t row) {
  if (c.IsNull(row)) return nullptr;
  switch (c.type()) {
    case TypeId::kBool: return c.data<uint8_t>()[row] != 0;
    case TypeId::kInt64: return c.data<int64_t>()[row];
    case TypeId::kFloat64: {
      double v = c.data<double>()[row];
      return std::isfinite(v) ? json(Round4(v)) : json(nullptr);
    }
    case TypeId::kString: return std::string(c.GetString(row));
    case TypeId::kDate: return FormatDate(c.data<int32_t>()[row]);
    case TypeId::kTimestamp: return FormatTimestamp(c.data<int64_t>()[row]);
    default: return c.GetValue(row).ToString();
  }
}

void ValidateReportSpec(const ScenarioSpec& spec) {
  const SpecNode& report = spec.report;
  if (!report.IsDefined()) return;
  report.CheckKeys({"headline_en", "headline_zh", "metrics", "panels"});
  std::set<std::string> ids;
  for (const SpecNode& m : report.Get("metrics").Items()) {
    m.CheckKeys({"id", "label_en", "label_zh", "table", "where", "value", "unit", "digits", "multiply"});
    if (!ids.insert(m.Required("id").AsString()).second) m.Get("id").Fail("duplicate metric id");
    m.Required("table");
    ParseAggregate(m.Required("value"), "value");
  }
  std::set<std::string> tables;
  for (const SourceSpec& s : spec.sources) tables.insert(s.name);
  for (const StepSpec& s : spec.steps) tables.insert(s.outputs.begin(), s.outputs.end());
  for (const auto& [t, standard] : spec.standards) tables.insert(t + "__quarantine");
  auto check_table = [&](const SpecNode& n) {
    std::string t = n.Required("table").AsString();
    if (!tables.count(t)) n.Get("table").Fail(fmt::format("no source or step makes table '{}'", t));
  };
  for (const SpecNode& m : report.Get("metrics").Items()) check_table(m);
  for (const SpecNode& p : report.Get("panels").Items()) {
    std::string type = p.Required("type").AsString();
    if (PanelKeys(type).empty()) {
      p.Get("type").Fail(fmt::format("unknown panel type '{}'; valid: line, bar, heatmap, map, table, timeline", type));
    }
    std::vector<std::string> keys = CommonPanelKeys();
    for (const std::string& k : PanelKeys(type)) keys.push_back(k);
    p.CheckKeys(keys);
    check_table(p);
  }
}

json BuildReport(const ScenarioSpec& spec, const RunResult& result, const RunMeta& meta,
                 const std::vector<OutputInfo>& outputs) {
  const GuidelineRef& g = spec.guideline;
  const IndustryName& ind = kIndustries[std::clamp(g.industry, 1, 9) - 1];
  json report;
  report["xfactor_report"] = 1;
  report["scenario"] = {{"name", spec.name},
                        {"path", spec.dir},
                        {"title_en", spec.title_en},
                        {"title_zh", spec.title_zh},
                        {"guideline",
                         {{"industry", g.industry},
                          {"industry_en", ind.en},
                          {"industry_zh", ind.zh},
                          {"field", g.field},
                          {"title_zh", g.title_zh},
                          {"title_en", g.title_en}}}};
  report["run"] = {{"id", meta.id},
                   {"status", meta.status},
                   {"started_at", meta.started_at},
                   {"finished_at", meta.finished_at},
                   {"seconds", Round4(meta.seconds)},
                   {"seed", meta.seed},
                   {"scale", meta.scale},
                   {"engine_version", meta.engine_version},
                   {"workspace", meta.workspace},
                   {"data", meta.data}};

  const SpecNode& rs = spec.report;
  std::map<std::string, json> values;
  json metrics = json::array();
  for (const SpecNode& m : rs.Get("metrics").Items()) {
    json v = MetricValue(m, result);
    values[m.Required("id").AsString()] = v;
    metrics.push_back({{"id", m.Get("id").AsString()},
                       {"label_en", m.GetString("label_en", "")},
                       {"label_zh", m.GetString("label_zh", "")},
                       {"value", v},
                       {"unit", m.GetString("unit", "")}});
  }
  report["summary"] = {{"headline_en", FillTemplate(rs.GetString("headline_en", ""), values)},
                       {"headline_zh", FillTemplate(rs.GetString("headline_zh", ""), values)},
                       {"metrics", metrics}};
  report["inputs"] = InputsJson(result);
  report["quality"] = QualityJson(result);
  json steps = json::array();
  for (const StepStats& s : result.steps) {
    steps.push_back({{"id", s.id},
                     {"kind", s.kind},
                     {"inputs", s.inputs},
                     {"outputs", s.outputs},
                     {"rows_in", s.rows_in},
                     {"rows_out", s.rows_out},
                     {"seconds", Round4(s.seconds)},
                     {"peak_rss_mb", Round4(s.peak_rss_mb)}});
  }
  report["steps"] = steps;
  json panels = json::array();
  for (const SpecNode& p : rs.Get("panels").Items()) panels.push_back(BuildPanel(p, result));
  report["panels"] = panels;
  report["alerts"] = AlertsJson(spec, result);
  json outs = json::array();
  for (const OutputInfo& o : outputs) {
    outs.push_back({{"name", o.name}, {"rows", o.rows}, {"content_hash", o.content_hash}, {"files", o.files}});
  }
  report["outputs"] = outs;
  report["ledger"] = nullptr;  // the caller that anchors the run fills it in (catalog/run_anchor.h)
  return report;
}

}  // namespace xf::pipeline
