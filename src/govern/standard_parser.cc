#include "govern/standard_parser.h"

#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/strings.h"
#include "core/time.h"
#include "govern/units.h"
#include "io/table_file.h"

namespace xf::govern {
namespace fs = std::filesystem;
namespace {

const std::vector<std::string> kCommonRuleKeys = {
    "id", "kind", "column", "columns", "severity", "threshold", "dimension", "indicator",
    "description"};

std::vector<std::string> KindKeys(RuleKind k) {
  switch (k) {
    case RuleKind::kRange: return {"min", "max", "min_inclusive", "max_inclusive", "unit"};
    case RuleKind::kRegex: return {"pattern"};
    case RuleKind::kInSet: return {"values"};
    case RuleKind::kReferences: return {"table", "key"};
    case RuleKind::kExpression:
    case RuleKind::kCustom: return {"expr"};
    case RuleKind::kRowCount: return {"min", "max", "baseline", "max_change_pct"};
    case RuleKind::kFreshness: return {"max_age", "reference", "scope"};
    case RuleKind::kMonotonic: return {"time", "by", "strict"};
    case RuleKind::kRegularity: return {"time", "by", "interval", "tolerance"};
    case RuleKind::kDomain: return {"domain"};
    default: return {};
  }
}

Severity ParseSeverity(const SpecNode& n) {
  std::string s = n.AsString();
  if (s == "block") return Severity::kBlock;
  if (s == "warn") return Severity::kWarn;
  n.Fail(fmt::format("severity is block or warn, not '{}'", s));
}

int64_t ParseTimestampNode(const SpecNode& n) {
  int64_t t = 0;
  if (!ParseTimestamp(n.AsString(), &t)) n.Fail("expected a timestamp such as 2024-07-01 00:00");
  return t;
}

const ColumnStandard* FindColumn(const TableStandard& s, const std::string& name) {
  for (const ColumnStandard& c : s.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void CheckUnit(const SpecNode& n, const std::string& unit) {
  if (UnitDimension(unit)) return;
  std::string hint = ClosestName(unit, KnownUnits());
  n.Fail(hint.empty() ? fmt::format("unknown unit '{}'", unit)
                      : fmt::format("unknown unit '{}'; did you mean '{}'?", unit, hint));
}

// Reads the kind-specific options of `r` from `n`; `table` supplies column units and codes.
void ParseKindOptions(const SpecNode& n, const TableStandard& table, RuleSpec* r) {
  const SpecNode& at = n;
  auto need_columns = [&](size_t count) {
    if (r->columns.size() < count) {
      at.Fail(fmt::format("a {} rule needs `column:`", RuleKindName(r->kind)));
    }
  };
  switch (r->kind) {
    case RuleKind::kNotNull:
    case RuleKind::kUnique:
    case RuleKind::kPrimaryKey: need_columns(1); break;
    case RuleKind::kRange: {
      need_columns(1);
      if (n.Has("min")) r->min = n.Get("min").AsDouble();
      if (n.Has("max")) r->max = n.Get("max").AsDouble();
      if (!r->min && !r->max) n.Fail("a range rule needs `min:`, `max:` or both");
      if (r->min && r->max && *r->min > *r->max) n.Get("max").Fail("max is below min");
      r->min_inclusive = n.GetBool("min_inclusive", true);
      r->max_inclusive = n.GetBool("max_inclusive", true);
      if (n.Has("unit")) {
        std::string unit = n.Get("unit").AsString();
        CheckUnit(n.Get("unit"), unit);
        const ColumnStandard* c = FindColumn(table, r->columns[0]);
        if (c == nullptr || c->unit.empty()) {
          n.Get("unit").Fail(fmt::format("column '{}' declares no unit to convert the bounds into",
                                         r->columns[0]));
        }
        auto conv = FindConversion(unit, c->unit);
        if (!conv) {
          n.Get("unit").Fail(fmt::format("cannot convert {} to the column's unit {}", unit, c->unit));
        }
        if (r->min) r->min = conv->Apply(*r->min);
        if (r->max) r->max = conv->Apply(*r->max);
      }
      break;
    }
    case RuleKind::kRegex: {
      need_columns(1);
      r->pattern = n.Required("pattern").AsString();
      RE2 re(r->pattern, RE2::Quiet);
      if (!re.ok()) n.Get("pattern").Fail(fmt::format("bad regular expression: {}", re.error()));
      break;
    }
    case RuleKind::kInSet: {
      need_columns(1);
      if (n.Has("values")) {
        r->values = n.Get("values").AsStringList();
      } else {
        const ColumnStandard* c = FindColumn(table, r->columns[0]);
        if (c == nullptr || c->codes.empty()) {
          n.Fail(fmt::format("an in_set rule needs `values:` or a code list on column '{}'",
                             r->columns[0]));
        }
        r->values = c->codes;
      }
      break;
    }
    case RuleKind::kReferences: {
      need_columns(1);
      r->ref_table = n.Required("table").AsString();
      r->ref_columns = n.Has("key") ? n.Get("key").AsStringList() : r->columns;
      if (r->ref_columns.size() != r->columns.size()) {
        n.Get("key").Fail("`key:` needs as many columns as `columns:`");
      }
      break;
    }
    case RuleKind::kExpression:
    case RuleKind::kCustom: r->expr = n.Required("expr").AsString(); break;
    case RuleKind::kRowCount: {
      if (n.Has("min")) r->min_rows = n.Get("min").AsInt();
      if (n.Has("max")) r->max_rows = n.Get("max").AsInt();
      if (n.Has("baseline")) r->baseline_rows = n.Get("baseline").AsInt();
      if (n.Has("max_change_pct")) r->max_change_pct = n.Get("max_change_pct").AsDouble();
      if (r->max_change_pct.has_value() != r->baseline_rows.has_value()) {
        n.Fail("`baseline:` and `max_change_pct:` go together");
      }
      if (!r->min_rows && !r->max_rows && !r->baseline_rows) {
        n.Fail("a row_count rule needs `min:`, `max:` or `baseline:` with `max_change_pct:`");
      }
      break;
    }
    case RuleKind::kFreshness: {
      need_columns(1);
      r->max_age = n.Required("max_age").AsDuration();
      if (n.Has("reference")) r->reference_time = ParseTimestampNode(n.Get("reference"));
      std::string scope = n.GetString("scope", "row");
      if (scope != "row" && scope != "table") n.Get("scope").Fail("scope is row or table");
      r->table_scope = scope == "table";
      break;
    }
    case RuleKind::kMonotonic:
    case RuleKind::kRegularity: {
      if (n.Has("time")) r->columns = {n.Get("time").AsString()};
      need_columns(1);
      if (n.Has("by")) r->by = n.Get("by").AsStringList();
      if (r->kind == RuleKind::kMonotonic) {
        r->strict = n.GetBool("strict", true);
      } else {
        r->interval = n.Required("interval").AsDuration();
        if (r->interval <= 0) n.Get("interval").Fail("interval must be positive");
        if (n.Has("tolerance")) r->tolerance = n.Get("tolerance").AsDuration();
      }
      break;
    }
    case RuleKind::kDomain: {
      need_columns(1);
      r->domain = n.Required("domain").AsString();
      break;
    }
    case RuleKind::kReadable: break;
  }
}

// Options every rule has; `kind` already set.
void ParseCommon(const SpecNode& n, RuleSpec* r, Severity default_severity) {
  r->node = n;
  r->severity = n.Has("severity") ? ParseSeverity(n.Get("severity")) : default_severity;
  if (n.Has("threshold")) {
    double t = n.Get("threshold").AsDouble();
    if (t < 0 || t > 100) n.Get("threshold").Fail("threshold is a percentage, 0 to 100");
    r->threshold = t;
  }
  r->dimension = DefaultDimension(r->kind);
  r->indicator = DefaultIndicator(r->kind);
  if (n.Has("dimension")) {
    auto d = ParseDimension(n.Get("dimension").AsString());
    if (!d) {
      n.Get("dimension").Fail(
          "dimension is one of normativeness, completeness, accuracy, consistency, timeliness, "
          "accessibility (or 规范性, 完整性, 准确性, 一致性, 时效性, 可访问性)");
    }
    r->dimension = *d;
  }
  r->indicator = n.GetString("indicator", r->indicator);
  r->description = n.GetString("description", "");
}

RuleSpec ParseRule(const SpecNode& n, const TableStandard& table) {
  if (!n.IsMap()) n.Fail("a rule is a map with `kind:` and its options");
  RuleSpec r;
  const SpecNode kind = n.Required("kind");
  auto k = ParseRuleKind(kind.AsString());
  if (!k) {
    std::vector<std::string> names;
    for (const char* s : {"not_null", "range", "regex", "in_set", "unique", "primary_key",
                          "references", "expression", "custom", "row_count", "freshness",
                          "monotonic", "regularity", "domain"}) {
      names.push_back(s);
    }
    std::string hint = ClosestName(kind.AsString(), names);
    kind.Fail(hint.empty() ? fmt::format("unknown rule kind '{}'", kind.AsString())
                           : fmt::format("unknown rule kind '{}'; did you mean '{}'?",
                                         kind.AsString(), hint));
  }
  r.kind = *k;
  std::vector<std::string> allowed = kCommonRuleKeys;
  for (std::string& s : KindKeys(r.kind)) allowed.push_back(std::move(s));
  n.CheckKeys(allowed);
  if (n.Has("column")) r.columns = {n.Get("column").AsString()};
  if (n.Has("columns")) r.columns = n.Get("columns").AsStringList();
  ParseCommon(n, &r, Severity::kBlock);
  ParseKindOptions(n, table, &r);
  r.id = n.GetString("id", "");
  return r;
}

std::vector<std::string> LoadCodes(const SpecNode& n, const std::string& base_dir) {
  if (n.IsSequence()) return n.AsStringList();
  if (n.IsMap() && n.Has("file")) {
    n.CheckKeys({"file", "column"});
    fs::path p = fs::path(base_dir) / n.Get("file").AsString();
    if (!fs::exists(p)) n.Get("file").Fail(fmt::format("no such file: {}", p.string()));
    ReadResult rr = ReadTableFile(p.string());
    const Table& t = *rr.table;
    int col = 0;
    if (n.Has("column")) {
      col = t.ColumnIndex(n.Get("column").AsString());
      if (col < 0) n.Get("column").ColumnOf(t, n.Get("column").AsString());
    }
    if (t.num_columns() == 0) n.Get("file").Fail("the code list file has no columns");
    std::vector<std::string> out;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      if (t.column(col)->IsValid(i)) out.push_back(t.column(col)->GetValue(i).ToString());
    }
    return out;
  }
  if (n.IsMap()) return n.Keys();  // code → label
  n.Fail("codes are a list, a map code → label, or {file: codes.csv, column: code}");
}

ColumnStandard ParseColumn(const std::string& name, const SpecNode& n, const std::string& base_dir) {
  ColumnStandard c;
  c.name = name;
  c.node = n;
  if (!n.IsDefined()) return c;
  if (!n.IsMap()) n.Fail("a column's standard is a map (type, unit, required, min, max, ...)");
  n.CheckKeys({"type", "unit", "description", "codes", "required", "unique", "min", "max",
               "min_inclusive", "max_inclusive", "pattern", "severity", "threshold"});
  if (n.Has("type")) {
    std::string t = n.Get("type").AsString();
    if (auto id = ParseTypeName(t)) {
      c.type = *id;
    } else {
      c.domain = t;  // a domain type; checked against govern/domain_types.h at evaluation
    }
  }
  if (n.Has("unit")) {
    c.unit = n.Get("unit").AsString();
    CheckUnit(n.Get("unit"), c.unit);
  }
  c.description = n.GetString("description", "");
  if (n.Has("codes")) c.codes = LoadCodes(n.Get("codes"), base_dir);
  return c;
}

// Rules a column's shorthand keys imply (required → not_null, min/max → range, ...).
void AddColumnRules(const ColumnStandard& c, const TableStandard& table,
                    std::vector<RuleSpec>* out) {
  const SpecNode& n = c.node;
  if (!n.IsDefined()) return;
  Severity sev = n.Has("severity") ? ParseSeverity(n.Get("severity")) : Severity::kBlock;
  auto add = [&](RuleKind kind, const SpecNode& at) {
    RuleSpec r;
    r.kind = kind;
    r.columns = {c.name};
    r.node = at;
    r.severity = sev;
    r.dimension = DefaultDimension(kind);
    r.indicator = DefaultIndicator(kind);
    if (n.Has("threshold")) r.threshold = n.Get("threshold").AsDouble();
    out->push_back(std::move(r));
    return &out->back();
  };
  if (n.Has("required") && n.Get("required").AsBool()) add(RuleKind::kNotNull, n.Get("required"));
  if (!c.domain.empty()) {
    add(RuleKind::kDomain, n.Get("type"))->domain = c.domain;
  }
  if (n.Has("min") || n.Has("max")) {
    RuleSpec* r = add(RuleKind::kRange, n.Has("min") ? n.Get("min") : n.Get("max"));
    if (n.Has("min")) r->min = n.Get("min").AsDouble();
    if (n.Has("max")) r->max = n.Get("max").AsDouble();
    if (r->min && r->max && *r->min > *r->max) n.Get("max").Fail("max is below min");
    r->min_inclusive = n.GetBool("min_inclusive", true);
    r->max_inclusive = n.GetBool("max_inclusive", true);
  }
  if (n.Has("pattern")) {
    RuleSpec* r = add(RuleKind::kRegex, n.Get("pattern"));
    r->pattern = n.Get("pattern").AsString();
    RE2 re(r->pattern, RE2::Quiet);
    if (!re.ok()) n.Get("pattern").Fail(fmt::format("bad regular expression: {}", re.error()));
  }
  if (!c.codes.empty()) add(RuleKind::kInSet, n.Get("codes"))->values = c.codes;
  if (n.Has("unique") && n.Get("unique").AsBool()) add(RuleKind::kUnique, n.Get("unique"));
  (void)table;
}

void AssignIds(std::vector<RuleSpec>* rules) {
  std::set<std::string> seen;
  for (RuleSpec& r : *rules) {
    if (!r.id.empty()) {
      if (!seen.insert(r.id).second) r.node.Fail(fmt::format("duplicate rule id '{}'", r.id));
    }
  }
  for (RuleSpec& r : *rules) {
    if (!r.id.empty()) continue;
    std::string base = r.columns.empty() || r.kind == RuleKind::kPrimaryKey
                           ? RuleKindName(r.kind)
                           : fmt::format("{}.{}", fmt::join(r.columns, "+"), RuleKindName(r.kind));
    std::string id = base;
    for (int k = 2; seen.count(id); ++k) id = fmt::format("{}#{}", base, k);
    seen.insert(id);
    r.id = id;
  }
}

}  // namespace

TableStandard ParseTableStandard(const SpecNode& node, const std::string& table,
                                 const std::string& base_dir) {
  if (!node.IsMap()) node.Fail("a standard is a map (columns, primary_key, references, rules)");
  node.CheckKeys({"table", "description", "columns", "primary_key", "references", "rules"});
  TableStandard s;
  s.table = table.empty() ? node.GetString("table", "") : table;
  s.file = node.file();
  s.node = node;
  s.description = node.GetString("description", "");
  SpecNode cols = node.Get("columns");
  if (cols.IsDefined() && !cols.IsMap()) cols.Fail("columns is a map column → its standard");
  for (const auto& [name, c] : cols.Entries()) s.columns.push_back(ParseColumn(name, c, base_dir));
  for (const ColumnStandard& c : s.columns) AddColumnRules(c, s, &s.rules);
  if (node.Has("primary_key")) {
    RuleSpec r;
    r.kind = RuleKind::kPrimaryKey;
    r.columns = node.Get("primary_key").AsStringList();
    r.node = node.Get("primary_key");
    r.dimension = DefaultDimension(r.kind);
    r.indicator = DefaultIndicator(r.kind);
    s.primary_key = r.columns;
    s.rules.push_back(std::move(r));
  }
  for (const SpecNode& ref : node.Get("references").Items()) {
    if (!ref.IsMap()) ref.Fail("a reference is a map {columns, table, key}");
    ref.CheckKeys({"id", "column", "columns", "table", "key", "severity", "threshold", "dimension",
                   "indicator", "description"});
    RuleSpec r;
    r.kind = RuleKind::kReferences;
    if (ref.Has("column")) r.columns = {ref.Get("column").AsString()};
    if (ref.Has("columns")) r.columns = ref.Get("columns").AsStringList();
    ParseCommon(ref, &r, Severity::kBlock);
    ParseKindOptions(ref, s, &r);
    r.id = ref.GetString("id", "");
    s.rules.push_back(std::move(r));
  }
  SpecNode rules = node.Get("rules");
  if (rules.IsDefined() && !rules.IsSequence()) rules.Fail("rules is a list of rules");
  for (const SpecNode& r : rules.Items()) s.rules.push_back(ParseRule(r, s));
  AssignIds(&s.rules);
  return s;
}

TableStandard LoadStandardFile(const std::string& path) {
  if (!fs::exists(path)) throw Error(ErrorKind::kUsage, "no such standard file", {.file = path});
  SpecNode root = SpecNode::LoadFile(path);
  std::string dir = fs::path(path).parent_path().string();
  return ParseTableStandard(root, "", dir.empty() ? "." : dir);
}

std::map<std::string, TableStandard> ParseStandards(const SpecNode& node,
                                                    const std::string& base_dir) {
  std::map<std::string, TableStandard> out;
  if (!node.IsDefined()) return out;
  if (!node.IsMap()) node.Fail("standards is a map table → standard (inline or {file: path})");
  for (const auto& [table, s] : node.Entries()) {
    if (s.IsMap() && s.Has("file") && s.Keys().size() == 1) {
      fs::path p = fs::path(base_dir) / s.Get("file").AsString();
      if (!fs::exists(p)) s.Get("file").Fail(fmt::format("no such file: {}", p.string()));
      SpecNode root = SpecNode::LoadFile(p.string());
      out[table] = ParseTableStandard(root, table, p.parent_path().string());
    } else {
      out[table] = ParseTableStandard(s, table, base_dir);
    }
  }
  return out;
}

}  // namespace xf::govern
