#include "synth/columns.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/strings.h"
#include "core/time.h"
#include "ops/project.h"
#include "synth/identifiers.h"
#include "synth/names.h"
#include "synth/rng.h"
#include "synth/spec_util.h"

namespace xf::synth {

TableBuilder::TableBuilder(std::string stream, const Table& base)
    : stream_(std::move(stream)), rows_(base.num_rows()) {
  for (int i = 0; i < base.num_columns(); ++i) Set(base.schema().field(i).name, base.column(i));
}

void TableBuilder::Set(const std::string& name, ColumnPtr column) {
  XF_CHECK(column->size() == rows_);
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) {
      fields_[i].type = column->type();
      columns_[i] = std::move(column);
      return;
    }
  }
  fields_.push_back({name, column->type()});
  columns_.push_back(std::move(column));
}

TablePtr TableBuilder::Full() const {
  if (columns_.empty()) {
    // A table needs a column to have rows: expressions over an empty builder see this one.
    auto c = Column::Make(TypeId::kInt64);
    c->ResizeFixed(rows_);
    return Table::Make(Schema({{"__row", TypeId::kInt64}}), {c});
  }
  return Table::Make(Schema(fields_), columns_);
}

TablePtr WithoutHidden(const TablePtr& table, const std::vector<std::string>& hidden) {
  std::vector<int> keep;
  for (int i = 0; i < table->num_columns(); ++i) {
    const std::string& name = table->schema().field(i).name;
    if (name == "__row") continue;
    if (std::find(hidden.begin(), hidden.end(), name) == hidden.end()) keep.push_back(i);
  }
  return table->SelectColumns(keep);
}

namespace {

// Which options each generator accepts, besides the common ones.
const std::map<std::string, std::vector<std::string>>& GeneratorOptions() {
  static const std::map<std::string, std::vector<std::string>> kOptions = {
      {"seq", {"start"}},
      {"choice", {"weights"}},
      {"uniform", {"clamp", "round"}},
      {"normal", {"clamp", "round"}},
      {"lognormal", {"clamp", "round"}},
      {"date", {}},
      {"bool", {}},
      {"value", {}},
      {"company_name", {"place", "industry", "suffix"}},
      {"person_name", {}},
      {"uscc", {"division", "division_column"}},
      {"resident_id", {"division", "division_column", "born", "male"}},
      {"geo", {"by", "centres", "centre", "spread_km"}},
      {"expr", {"clamp", "round"}},
  };
  return kOptions;
}
const std::vector<std::string> kCommonOptions = {"type", "null_rate", "hidden"};

// A YAML scalar as the value of an inferred or requested type.
Value ScalarValue(const SpecNode& node, TypeId type) {
  switch (type) {
    case TypeId::kInt64:
      return Value::Int64(node.AsInt());
    case TypeId::kFloat64:
      return Value::Float64(node.AsDouble());
    case TypeId::kBool:
      return Value::Bool(node.AsBool());
    case TypeId::kDate:
      return Value::Date(ReadDate(node));
    default:
      return Value::String(node.AsString());
  }
}

bool LooksInt(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}
bool LooksFloat(const std::string& s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

// int64 when every scalar is an integer, float64 when every one is a number, else string.
TypeId InferType(const std::vector<SpecNode>& values) {
  bool all_int = true, all_num = true;
  for (const SpecNode& v : values) {
    // A quoted scalar ("330102", '007') is text: codes keep their leading zeros.
    if (v.yaml().Tag() == "!") return TypeId::kString;
    const std::string s = v.AsString();
    all_int = all_int && LooksInt(s);
    all_num = all_num && LooksFloat(s);
  }
  return all_int ? TypeId::kInt64 : all_num ? TypeId::kFloat64 : TypeId::kString;
}

struct NumberOptions {
  bool as_int = false;
  bool has_clamp = false;
  double lo = 0, hi = 0;
  int round = -1;  // digits; -1: none
};

NumberOptions ReadNumberOptions(const SpecNode& spec, bool default_int) {
  NumberOptions o;
  o.as_int = default_int;
  if (spec.Has("type")) {
    const TypeId t = ReadType(spec.Get("type"));
    if (t != TypeId::kInt64 && t != TypeId::kFloat64)
      spec.Get("type").Fail("expected int or float");
    o.as_int = t == TypeId::kInt64;
  }
  if (spec.Has("clamp")) {
    o.has_clamp = true;
    std::tie(o.lo, o.hi) = ReadRange(spec.Get("clamp"));
  }
  if (spec.Has("round")) {
    o.round = static_cast<int>(spec.Get("round").AsInt());
    if (o.round < 0 || o.round > 12) spec.Get("round").Fail("digits must be 0..12");
  }
  return o;
}

double RoundTo(double v, int digits) {
  if (digits < 0) return v;
  const double p = std::pow(10.0, digits);
  return std::round(v * p) / p;
}

ColumnPtr NumbersColumn(const std::vector<double>& v, const NumberOptions& o) {
  auto col = Column::Make(o.as_int ? TypeId::kInt64 : TypeId::kFloat64);
  col->Reserve(static_cast<int64_t>(v.size()));
  for (double x : v) {
    if (o.has_clamp) x = std::clamp(x, o.lo, o.hi);
    if (o.as_int) {
      col->AppendInt64(std::llround(x));
    } else {
      col->AppendFloat64(RoundTo(x, o.round));
    }
  }
  return col;
}

class ColumnGenerator {
 public:
  ColumnGenerator(const std::string& name, const SpecNode& spec, uint64_t seed, TableBuilder* b)
      : name_(name), spec_(spec), seed_(seed), b_(b), n_(b->rows()) {}

  ColumnPtr Run(const std::string& gen) {
    const SpecNode g = spec_.Get(gen);
    if (gen == "seq") return Seq(g);
    if (gen == "choice") return Choice(g);
    if (gen == "uniform" || gen == "normal" || gen == "lognormal") return Number(gen, g);
    if (gen == "date") return Dates(g);
    if (gen == "bool") return Bools(g);
    if (gen == "value") return Constant(g);
    if (gen == "company_name") return CompanyNames(g);
    if (gen == "person_name") return Strings([](Rng* r, int64_t) { return MakePersonName(r); });
    if (gen == "uscc") return CreditCodes(g);
    if (gen == "resident_id") return ResidentIds(g);
    if (gen == "geo") return Geo(g);
    return Expr(g);
  }

 private:
  Rng RowRng(int64_t i) const { return Rng(seed_, b_->stream(), name_, static_cast<uint64_t>(i)); }

  template <typename F>
  ColumnPtr Strings(F&& f) {
    auto col = Column::Make(TypeId::kString);
    col->Reserve(n_, n_ * 16);
    for (int64_t i = 0; i < n_; ++i) {
      Rng rng = RowRng(i);
      col->AppendString(f(&rng, i));
    }
    return col;
  }

  ColumnPtr Seq(const SpecNode& g) {
    const int64_t start = spec_.GetInt("start", 1);
    if (!g.IsDefined() || g.AsString() == "true") {
      auto col = Column::Make(TypeId::kInt64);
      for (int64_t i = 0; i < n_; ++i) col->AppendInt64(start + i);
      return col;
    }
    const std::string format = g.AsString();
    try {
      (void)fmt::format(fmt::runtime(format), int64_t{0});
    } catch (const fmt::format_error& e) {
      g.Fail(fmt::format("bad format '{}': {} (expected e.g. \"U{{:06d}}\")", format, e.what()));
    }
    return Strings([&](Rng*, int64_t i) { return fmt::format(fmt::runtime(format), start + i); });
  }

  ColumnPtr Choice(const SpecNode& g) {
    std::vector<SpecNode> values;
    std::vector<double> weights;
    if (g.IsMap()) {  // value: weight
      for (auto& [k, w] : g.Entries()) {
        values.push_back(SpecNode(YAML::Node(k), g.file(), g.key()));
        weights.push_back(w.AsDouble());
      }
    } else {
      values = g.Items();
      if (spec_.Has("weights")) {
        weights = spec_.Get("weights").AsDoubleList();
        if (weights.size() != values.size()) {
          spec_.Get("weights").Fail(
              fmt::format("{} weights for {} values", weights.size(), values.size()));
        }
      } else {
        weights.assign(values.size(), 1.0);
      }
    }
    if (values.empty()) g.Fail("no values to choose from");
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0)) g.Fail("weights must be >= 0");
      total += w;
    }
    if (total <= 0) g.Fail("weights sum to 0");
    const TypeId type = spec_.Has("type") ? ReadType(spec_.Get("type")) : InferType(values);
    std::vector<Value> typed;
    for (const SpecNode& v : values) typed.push_back(ScalarValue(v, type));
    auto col = Column::Make(type);
    col->Reserve(n_);
    for (int64_t i = 0; i < n_; ++i) {
      Rng rng = RowRng(i);
      double u = rng.Uniform() * total;
      size_t k = 0;
      while (k + 1 < weights.size() && u >= weights[k]) u -= weights[k++];
      col->AppendValue(typed[k]);
    }
    return col;
  }

  ColumnPtr Number(const std::string& gen, const SpecNode& g) {
    const std::vector<double> p = g.AsDoubleList();
    if (p.size() != 2) {
      g.Fail(gen == "uniform"  ? "expected [low, high]"
             : gen == "normal" ? "expected [mean, sd]"
                               : "expected [median, sigma]");
    }
    if (gen == "uniform" && p[0] > p[1]) g.Fail("low is above high");
    if (gen != "uniform" && p[1] < 0) g.Fail("the spread must be >= 0");
    const NumberOptions o = ReadNumberOptions(spec_, false);
    std::vector<double> v(static_cast<size_t>(n_));
    for (int64_t i = 0; i < n_; ++i) {
      Rng rng = RowRng(i);
      double x;
      if (gen == "uniform") {
        x = o.as_int ? static_cast<double>(rng.UniformInt(std::llround(std::ceil(p[0])),
                                                          std::llround(std::floor(p[1]))))
                     : rng.Uniform(p[0], p[1]);
      } else if (gen == "normal") {
        x = rng.Normal(p[0], p[1]);
      } else {
        x = rng.LogNormal(p[0], p[1]);
      }
      v[static_cast<size_t>(i)] = x;
    }
    return NumbersColumn(v, o);
  }

  ColumnPtr Dates(const SpecNode& g) {
    const std::vector<SpecNode> items = g.Items();
    if (items.size() != 2) g.Fail("expected [first, last]");
    const int32_t a = ReadDate(items[0]), z = ReadDate(items[1]);
    if (a > z) g.Fail("first is after last");
    auto col = Column::Make(TypeId::kDate);
    for (int64_t i = 0; i < n_; ++i) {
      Rng rng = RowRng(i);
      col->AppendDate(static_cast<int32_t>(rng.UniformInt(a, z)));
    }
    return col;
  }

  ColumnPtr Bools(const SpecNode& g) {
    const double p = g.AsDouble();
    if (p < 0 || p > 1) g.Fail("a probability is between 0 and 1");
    auto col = Column::Make(TypeId::kBool);
    for (int64_t i = 0; i < n_; ++i) {
      Rng rng = RowRng(i);
      col->AppendBool(rng.Bernoulli(p));
    }
    return col;
  }

  ColumnPtr Constant(const SpecNode& g) {
    const TypeId type = spec_.Has("type") ? ReadType(spec_.Get("type")) : InferType({g});
    return Column::MakeConstant(ScalarValue(g, type), n_);
  }

  // A column named by option `key` of the generator's map, or nullptr when absent.
  ColumnPtr OptionalColumn(const SpecNode& g, const char* key) {
    if (!g.IsMap() || !g.Has(key)) return nullptr;
    const SpecNode k = g.Get(key);
    return ColumnOf(*b_->Full(), k.AsString(), k);
  }

  ColumnPtr CompanyNames(const SpecNode& g) {
    if (g.IsMap()) g.CheckKeys({"place", "industry", "suffix"});
    const ColumnPtr place = OptionalColumn(g, "place");
    const ColumnPtr industry = OptionalColumn(g, "industry");
    const std::string suffix = g.IsMap() ? g.GetString("suffix", "有限公司") : "有限公司";
    return Strings([&](Rng* r, int64_t i) {
      return MakeCompanyName(place ? CellText(*place, i) : "",
                             industry ? CellText(*industry, i) : "", suffix, r);
    });
  }

  // 6-digit division codes: a constant (`division: 420102`) or a column (`division_column`).
  std::function<std::string(int64_t)> Divisions(const SpecNode& g) {
    const ColumnPtr col = OptionalColumn(g, "division_column");
    if (col) {
      return [col, g](int64_t i) {
        std::string d = CellText(*col, i);
        if (d.size() != 6 || d.find_first_not_of("0123456789") != std::string::npos) {
          g.Get("division_column")
              .Fail(fmt::format("row {}: '{}' is not a 6-digit division code", i + 1, d));
        }
        return d;
      };
    }
    const std::string d = g.IsMap() ? g.GetString("division", "110101") : "110101";
    if (d.size() != 6 || d.find_first_not_of("0123456789") != std::string::npos) {
      g.Get("division").Fail(fmt::format("'{}' is not a 6-digit division code", d));
    }
    return [d](int64_t) { return d; };
  }

  ColumnPtr CreditCodes(const SpecNode& g) {
    if (g.IsMap()) g.CheckKeys({"division", "division_column"});
    auto division = Divisions(g);
    return Strings([&](Rng* r, int64_t i) { return MakeCreditCode(division(i), r); });
  }

  ColumnPtr ResidentIds(const SpecNode& g) {
    if (g.IsMap()) g.CheckKeys({"division", "division_column", "born", "male"});
    auto division = Divisions(g);
    int32_t a = DaysFromCivil(1950, 1, 1), z = DaysFromCivil(2005, 12, 31);
    if (g.IsMap() && g.Has("born")) {
      const std::vector<SpecNode> items = g.Get("born").Items();
      if (items.size() != 2) g.Get("born").Fail("expected [earliest, latest]");
      a = ReadDate(items[0]);
      z = ReadDate(items[1]);
      if (a > z) g.Get("born").Fail("earliest is after latest");
    }
    const ColumnPtr male = OptionalColumn(g, "male");
    if (male && male->type() != TypeId::kBool) g.Get("male").Fail("expected a bool column");
    return Strings([&](Rng* r, int64_t i) {
      const int32_t born = static_cast<int32_t>(r->UniformInt(a, z));
      const bool is_male =
          male ? (male->IsValid(i) && male->data<uint8_t>()[i]) : r->Bernoulli(0.5);
      return MakeResidentId(division(i), born, is_male, r);
    });
  }

  ColumnPtr Geo(const SpecNode& g) {
    const std::string axis = g.AsString();
    if (axis != "lat" && axis != "lon") g.Fail("expected lat or lon");
    const double spread = spec_.GetDouble("spread_km", 3.0);
    std::unordered_map<std::string, std::pair<double, double>> centres;
    auto read_centre = [](const SpecNode& c) {
      const std::vector<double> v = c.AsDoubleList();
      if (v.size() != 2) c.Fail("expected [lat, lon]");
      if (v[0] < -90 || v[0] > 90 || v[1] < -180 || v[1] > 180) c.Fail("not a latitude/longitude");
      return std::make_pair(v[0], v[1]);
    };
    ColumnPtr by;
    std::pair<double, double> single{0, 0};
    if (spec_.Has("by")) {
      by = ColumnOf(*b_->Full(), spec_.Get("by").AsString(), spec_.Get("by"));
      const SpecNode cs = spec_.Required("centres");
      for (auto& [k, c] : cs.Entries()) centres[k] = read_centre(c);
    } else {
      single = read_centre(spec_.Required("centre"));
    }
    auto col = Column::Make(TypeId::kFloat64);
    for (int64_t i = 0; i < n_; ++i) {
      std::pair<double, double> c = single;
      if (by) {
        const std::string k = CellText(*by, i);
        auto it = centres.find(k);
        if (it == centres.end()) {
          spec_.Get("centres").Fail(fmt::format("no centre for '{}' (row {})", k, i + 1));
        }
        c = it->second;
      }
      Rng rng = RowRng(i);
      // Degrees per km: 1/111 in latitude, 1/(111 cos lat) in longitude.
      const double km = rng.Normal() * spread;
      const double v = axis == "lat" ? c.first + km / 111.0
                                     : c.second + km / (111.0 * std::cos(c.first * M_PI / 180.0));
      col->AppendFloat64(RoundTo(v, 6));
    }
    return col;
  }

  ColumnPtr Expr(const SpecNode& g) {
    std::string text = g.AsString();
    if (spec_.Has("type"))
      text = fmt::format("CAST(({}) AS {})", text, spec_.Get("type").AsString());
    TablePtr t = WithSpecPosition(g, [&] { return Derive(*b_->Full(), {{name_, text}}); });
    ColumnPtr col = t->column(t->ColumnIndex(name_));
    if (col->type() == TypeId::kFloat64 && (spec_.Has("round") || spec_.Has("clamp"))) {
      const NumberOptions o = ReadNumberOptions(spec_, false);
      auto out = Column::Make(TypeId::kFloat64);
      for (int64_t i = 0; i < n_; ++i) {
        if (col->IsNull(i)) {
          out->AppendNull();
          continue;
        }
        double x = col->data<double>()[i];
        if (o.has_clamp) x = std::clamp(x, o.lo, o.hi);
        out->AppendFloat64(RoundTo(x, o.round));
      }
      col = out;
    }
    return col;
  }

  std::string name_;
  SpecNode spec_;
  uint64_t seed_;
  TableBuilder* b_;
  int64_t n_;
};

ColumnPtr ApplyNulls(const ColumnPtr& col, double rate, uint64_t seed, const std::string& stream,
                     const std::string& name) {
  std::vector<uint8_t> flags(static_cast<size_t>(col->size()), 1);
  bool any = false;
  for (int64_t i = 0; i < col->size(); ++i) {
    Rng rng(seed, stream, name + "#null", static_cast<uint64_t>(i));
    if (rng.Bernoulli(rate)) {
      flags[static_cast<size_t>(i)] = 0;
      any = true;
    }
  }
  if (!any) return col;
  std::vector<int64_t> idx(static_cast<size_t>(col->size()));
  for (int64_t i = 0; i < col->size(); ++i)
    idx[static_cast<size_t>(i)] = flags[static_cast<size_t>(i)] ? i : -1;
  return col->Take(idx);
}

}  // namespace

void GenerateColumns(const SpecNode& columns, uint64_t seed, TableBuilder* builder) {
  if (!columns.IsDefined()) return;
  if (!columns.IsMap()) columns.Fail("expected a map of column name → generator");
  const auto& options = GeneratorOptions();
  std::vector<std::string> all = kCommonOptions;
  for (const auto& [gen, extra] : options) {
    all.push_back(gen);
    all.insert(all.end(), extra.begin(), extra.end());
  }
  for (const auto& [name, spec] : columns.Entries()) {
    if (!spec.IsMap()) {
      spec.Fail(fmt::format("column '{}': expected a map with one generator ({})", name,
                            "seq, choice, uniform, normal, lognormal, date, bool, value, "
                            "company_name, person_name, uscc, resident_id, geo, expr"));
    }
    spec.CheckKeys(all);
    std::string gen;
    for (const std::string& k : spec.Keys()) {
      if (options.count(k) == 0) continue;
      if (!gen.empty())
        spec.Fail(fmt::format("column '{}': two generators, '{}' and '{}'", name, gen, k));
      gen = k;
    }
    if (gen.empty()) {
      spec.Fail(
          fmt::format("column '{}': no generator (seq, choice, uniform, normal, lognormal, "
                      "date, bool, value, company_name, person_name, uscc, resident_id, "
                      "geo, expr)",
                      name));
    }
    std::vector<std::string> allowed = kCommonOptions;
    allowed.push_back(gen);
    const auto& extra = options.at(gen);
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    if (gen == "seq") allowed.push_back("type");
    spec.CheckKeys(allowed);
    ColumnGenerator g(name, spec, seed, builder);
    ColumnPtr col = g.Run(gen);
    if (spec.Has("null_rate")) {
      const double rate = spec.Get("null_rate").AsDouble();
      if (rate < 0 || rate > 1) spec.Get("null_rate").Fail("a rate is between 0 and 1");
      col = ApplyNulls(col, rate, seed, builder->stream(), name);
    }
    builder->Set(name, col);
    if (spec.GetBool("hidden", false)) builder->Hide(name);
  }
}

}  // namespace xf::synth
