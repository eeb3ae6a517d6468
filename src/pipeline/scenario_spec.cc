#include "pipeline/scenario_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/strings.h"
#include "core/types.h"
#include "govern/standard_parser.h"
#include "govern/validate.h"
#include "pipeline/report_json.h"
#include "pipeline/step_registry.h"

namespace xf::pipeline {

namespace fs = std::filesystem;

namespace {

GuidelineRef ParseGuideline(const SpecNode& node) {
  node.CheckKeys({"industry", "field", "title_zh", "title_en"});
  GuidelineRef g;
  g.industry = static_cast<int>(node.Required("industry").AsInt());
  if (g.industry < 1 || g.industry > 9) {
    node.Get("industry").Fail("the guideline has industries 1 to 9");
  }
  g.field = static_cast<int>(node.Required("field").AsInt());
  g.title_zh = node.Required("title_zh").AsString();
  g.title_en = node.GetString("title_en", "");
  return g;
}

std::map<std::string, double> ParseScales(const SpecNode& node) {
  std::map<std::string, double> scales = {{"default", 1.0}};
  if (!node.IsDefined()) return scales;
  if (!node.IsMap()) node.Fail("scales is a map of names to sizes, e.g. {large: 20}");
  for (const auto& [name, value] : node.Entries()) {
    const double scale = value.AsDouble();
    if (!IsValidScale(scale)) value.Fail("a scale is greater than 0 and at most 10000");
    if (name == "default" && scale != 1.0) value.Fail("the default scale is 1 by definition");
    scales[name] = scale;
  }
  return scales;
}

ReadFileOptions ParseReadOptions(const SpecNode& node) {
  ReadFileOptions read;
  if (node.Has("format")) {
    std::optional<FileFormat> f = ParseFileFormat(node.Get("format").AsString());
    if (!f) node.Get("format").Fail("unknown format; valid: csv, tsv, jsonl, native");
    read.format = f;
    if (IsTsvName(node.Get("format").AsString())) read.csv.delimiter = '\t';
  }
  read.csv.encoding = node.GetString("encoding", read.csv.encoding);
  if (node.Has("delimiter")) {
    std::string d = node.Get("delimiter").AsString();
    if (d == "\\t" || d == "tab") d = "\t";
    if (d.size() != 1) node.Get("delimiter").Fail("expected one character (or tab)");
    read.csv.delimiter = d[0];
  }
  if (node.Has("header")) read.csv.header = node.Get("header").AsBool();
  read.csv.fullwidth_to_halfwidth = node.GetBool("fullwidth", false);
  for (const auto& [column, type] : node.Get("types").Entries()) {
    std::optional<TypeId> t = ParseTypeName(type.AsString());
    if (!t) type.Fail(fmt::format("unknown type '{}'", type.AsString()));
    read.csv.column_types[column] = *t;
    read.jsonl.column_types[column] = *t;
  }
  return read;
}

std::vector<SourceSpec> ParseSources(const SpecNode& node) {
  std::vector<SourceSpec> sources;
  for (const auto& [name, src] : node.Entries()) {
    SourceSpec s;
    s.name = name;
    s.node = src;
    if (src.IsScalar()) {
      s.path = src.AsString();
    } else {
      src.CheckKeys({"path", "format", "encoding", "delimiter", "header", "fullwidth", "types",
                     "description", "bundled"});
      s.path = src.Required("path").AsString();
      s.bundled = src.GetBool("bundled", false);
      s.read = ParseReadOptions(src);
    }
    sources.push_back(std::move(s));
  }
  return sources;
}

StepSpec ParseStep(const SpecNode& raw, std::set<std::string>* ids) {
  if (!raw.IsMap()) raw.Fail("a step is a map with id, kind, in, out and the kind's options");
  std::string id = raw.Required("id").AsString();
  SpecNode node = raw.InStep(id);
  if (!ids->insert(id).second) node.Get("id").Fail(fmt::format("duplicate step id '{}'", id));
  StepSpec s;
  s.id = id;
  s.node = node;
  s.kind = node.Required("kind").AsString();
  const StepKind* kind = FindStepKind(s.kind);
  if (kind == nullptr) {
    std::string hint = ClosestName(s.kind, StepKindNames());
    node.Get("kind").Fail(hint.empty()
                              ? fmt::format("unknown step kind '{}'; valid: {}", s.kind,
                                            fmt::join(StepKindNames(), ", "))
                              : fmt::format("unknown step kind '{}'; did you mean '{}'?", s.kind, hint));
  }
  std::vector<std::string> allowed = CommonStepKeys();
  for (const OptionSpec& o : kind->options) allowed.push_back(o.name);
  node.CheckKeys(allowed);
  for (const OptionSpec& o : kind->options) {
    if (o.required) node.Required(o.name);
  }
  s.description = node.GetString("description", "");
  if (node.Has("mask")) {
    // The runner masks a step's outputs after the step ran, but `evidence` has by then appended
    // the raw cells to the append-only ledger, where they can never be masked.
    if (s.kind == "evidence") {
      node.Get("mask").Fail(fmt::format(
          "step '{}' of kind evidence cannot take `mask:`: the ledger would already hold the raw "
          "values when the runner masks the output; mask the columns in an earlier step (a `mask` "
          "step or `mask:` on the step that feeds it)",
          id));
    }
    s.mask = std::make_shared<const govern::MaskPlan>(govern::ParseMaskPlan(node.Get("mask")));
  }
  s.inputs = node.Required("in").AsStringList();
  s.outputs = node.Required("out").AsStringList();
  auto arity = [&](const char* key, size_t n, int lo, int hi) {
    if (static_cast<int>(n) < lo || static_cast<int>(n) > hi) {
      node.Get(key).Fail(lo == hi ? fmt::format("step kind '{}' takes {} table(s), got {}", s.kind, lo, n)
                                  : fmt::format("step kind '{}' takes {} to {} tables, got {}",
                                                s.kind, lo, hi, n));
    }
  };
  arity("in", s.inputs.size(), kind->min_inputs, kind->max_inputs);
  arity("out", s.outputs.size(), kind->min_outputs, kind->max_outputs);
  s.step = kind->make();
  s.step->Configure(node);
  return s;
}

// Orders steps so each runs after the steps that make its inputs; among ready steps the
// declaration order wins, so a spec written in order runs in that order.
std::vector<StepSpec> OrderSteps(std::vector<StepSpec> steps, const std::set<std::string>& sources) {
  std::map<std::string, size_t> producer;
  for (size_t i = 0; i < steps.size(); ++i) {
    for (const std::string& out : steps[i].outputs) {
      if (sources.count(out)) {
        steps[i].node.Get("out").Fail(fmt::format("table '{}' is already a data source", out));
      }
      if (!producer.emplace(out, i).second) {
        steps[i].node.Get("out").Fail(fmt::format("table '{}' is also written by step '{}'", out,
                                                  steps[producer[out]].id));
      }
    }
  }
  std::vector<std::string> known(sources.begin(), sources.end());
  for (const auto& [name, i] : producer) known.push_back(name);
  std::vector<std::vector<size_t>> deps(steps.size());
  for (size_t i = 0; i < steps.size(); ++i) {
    for (const std::string& in : steps[i].inputs) {
      if (sources.count(in)) continue;
      auto it = producer.find(in);
      if (it == producer.end()) {
        std::string hint = ClosestName(in, known);
        steps[i].node.Get("in").Fail(
            hint.empty() ? fmt::format("no source or step makes table '{}'", in)
                         : fmt::format("no source or step makes table '{}'; did you mean '{}'?", in, hint));
      }
      deps[i].push_back(it->second);
    }
  }
  std::vector<bool> done(steps.size(), false);
  std::vector<size_t> order;
  while (order.size() < steps.size()) {
    bool progressed = false;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (done[i]) continue;
      bool ready = std::all_of(deps[i].begin(), deps[i].end(), [&](size_t d) { return done[d]; });
      if (!ready) continue;
      done[i] = true;
      order.push_back(i);
      progressed = true;
      break;  // restart so the earliest declared ready step goes next
    }
    if (!progressed) {
      for (size_t i = 0; i < steps.size(); ++i) {
        if (!done[i]) steps[i].node.Get("in").Fail("steps read each other's outputs in a cycle");
      }
    }
  }
  std::vector<StepSpec> sorted;
  for (size_t i : order) sorted.push_back(std::move(steps[i]));
  return sorted;
}

}  // namespace

ScenarioSpec LoadScenario(const std::string& path, bool require_guideline) {
  // Absolute and normalised, so "." or "../x" still name the scenario and industry folders.
  fs::path p = fs::absolute(path).lexically_normal();
  if (fs::is_directory(p)) p /= "scenario.yaml";
  if (!fs::exists(p)) {
    throw Error(ErrorKind::kUsage, "no scenario here: expected a scenario folder or its scenario.yaml",
                {.file = p.string()});
  }
  ScenarioSpec spec;
  spec.file = p.string();
  spec.dir = p.parent_path().empty() ? "." : p.parent_path().string();
  spec.root = SpecNode::LoadFile(spec.file);
  const SpecNode& root = spec.root;
  if (!root.IsMap()) root.Fail("a scenario file is a map (name, guideline, data, steps, ...)");
  root.CheckKeys({"name", "title_en", "title_zh", "description_en", "description_zh", "guideline",
                  "data", "standards", "scales", "steps", "alerts", "outputs", "report"});
  spec.name = root.GetString("name", p.parent_path().filename().string());
  spec.industry_slug = p.parent_path().parent_path().filename().string();
  spec.title_en = root.GetString("title_en", spec.name);
  spec.title_zh = root.GetString("title_zh", "");
  if (require_guideline || root.Has("guideline")) spec.guideline = ParseGuideline(root.Required("guideline"));

  SpecNode data = root.Required("data");
  data.CheckKeys({"synthetic", "sources"});
  spec.sources = ParseSources(data.Required("sources"));
  if (data.Has("synthetic")) {
    SpecNode syn = data.Get("synthetic");
    if (syn.IsScalar()) {
      fs::path syn_path = fs::path(spec.dir) / syn.AsString();
      if (!fs::exists(syn_path)) syn.Fail(fmt::format("no such file: {}", syn_path.string()));
      spec.synthetic = SpecNode::LoadFile(syn_path.string());
    } else {
      spec.synthetic = syn;
    }
  }
  spec.scales = ParseScales(root.Get("scales"));
  std::set<std::string> source_names;
  for (const SourceSpec& s : spec.sources) source_names.insert(s.name);
  spec.standards = govern::ParseStandards(root.Get("standards"), spec.dir);
  for (const auto& [table, standard] : spec.standards) {
    if (source_names.count(table)) continue;
    std::string hint =
        ClosestName(table, std::vector<std::string>(source_names.begin(), source_names.end()));
    standard.node.Fail(fmt::format("standards apply to sources; there is no source '{}'{}", table,
                                   hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
  }
  for (const auto& [table, standard] : spec.standards) {
    source_names.insert(govern::QuarantineTableName(table));
  }

  std::set<std::string> ids;
  std::vector<StepSpec> steps;
  for (const SpecNode& item : root.Required("steps").Items()) steps.push_back(ParseStep(item, &ids));
  spec.steps = OrderSteps(std::move(steps), source_names);

  std::set<std::string> tables = source_names;
  for (const StepSpec& s : spec.steps) tables.insert(s.outputs.begin(), s.outputs.end());
  std::vector<std::string> table_list(tables.begin(), tables.end());
  auto require_table = [&](const SpecNode& at, const std::string& name) {
    if (tables.count(name)) return;
    std::string hint = ClosestName(name, table_list);
    at.Fail(hint.empty() ? fmt::format("no table '{}'", name)
                         : fmt::format("no table '{}'; did you mean '{}'?", name, hint));
  };
  for (const SpecNode& item : root.Get("outputs").Items()) {
    OutputSpec o;
    if (item.IsScalar()) {
      o.table = item.AsString();
      o.formats = {"csv"};
    } else {
      item.CheckKeys({"table", "formats"});
      o.table = item.Required("table").AsString();
      o.formats = item.Has("formats") ? item.Get("formats").AsStringList()
                                      : std::vector<std::string>{"csv"};
      for (const std::string& f : o.formats) {
        if (f != "csv" && f != "jsonl") item.Get("formats").Fail("formats are csv and jsonl");
      }
    }
    require_table(item, o.table);
    spec.outputs.push_back(std::move(o));
  }
  for (const SpecNode& item : root.Get("alerts").Items()) {
    require_table(item, item.AsString());
    spec.alert_tables.push_back(item.AsString());
  }
  spec.report = root.Get("report");
  ValidateReportSpec(spec);
  return spec;
}

std::vector<std::string> FindScenarios(const std::string& root) {
  std::vector<std::string> out;
  if (fs::is_regular_file(fs::path(root) / "scenario.yaml")) return {root};
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().filename() == "scenario.yaml") {
      out.push_back(entry.path().parent_path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace xf::pipeline
