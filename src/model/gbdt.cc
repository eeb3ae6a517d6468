#include "model/gbdt.h"

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "core/error.h"

namespace xf::model {

namespace {

// Every xgboost call goes through here: a failure becomes an xf::Error with xgboost's message.
void Xgb(int rc, const char* call) {
  if (rc != 0) {
    throw Error(ErrorKind::kData, fmt::format("xgboost {} failed: {}", call, XGBGetLastError()));
  }
}

struct MatrixFree {
  void operator()(void* h) const { XGDMatrixFree(h); }
};
struct BoosterFree {
  void operator()(void* h) const { XGBoosterFree(h); }
};
using Matrix = std::unique_ptr<void, MatrixFree>;
using Booster = std::unique_ptr<void, BoosterFree>;

const Column& NumericColumn(const Table& t, const std::string& name, const char* what) {
  if (t.ColumnIndex(name) < 0) {
    throw Error(ErrorKind::kSpec,
                fmt::format("gbdt {} column '{}' is not in the table ({})", what, name,
                            t.schema().ToString()),
                SourceContext{.column_name = name});
  }
  const Column& c = *t.column(name);
  if (c.type() != TypeId::kInt64 && c.type() != TypeId::kFloat64 && c.type() != TypeId::kBool) {
    throw Error(ErrorKind::kSpec,
                fmt::format("gbdt {} column '{}' must be numeric or bool, not {}", what, name,
                            TypeName(c.type())),
                SourceContext{.column_name = name});
  }
  return c;
}

double ValueAt(const Column& c, int64_t i) {
  if (c.IsNull(i)) return std::numeric_limits<double>::quiet_NaN();
  switch (c.type()) {
    case TypeId::kInt64:
      return static_cast<double>(c.data<int64_t>()[i]);
    case TypeId::kBool:
      return c.data<uint8_t>()[i] != 0 ? 1.0 : 0.0;
    default:
      return c.data<double>()[i];
  }
}

// Row-major float features of the given rows, NaN for missing; feature names set.
Matrix MakeMatrix(const Table& t, const std::vector<std::string>& features,
                  const std::vector<int64_t>& rows) {
  std::vector<const Column*> cols;
  for (const std::string& f : features) cols.push_back(&NumericColumn(t, f, "feature"));
  std::vector<float> data(rows.size() * features.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t k = 0; k < cols.size(); ++k) {
      const double v = ValueAt(*cols[k], rows[r]);
      data[r * cols.size() + k] =
          std::isfinite(v) ? static_cast<float>(v) : std::numeric_limits<float>::quiet_NaN();
    }
  }
  DMatrixHandle h = nullptr;
  Xgb(XGDMatrixCreateFromMat(data.data(), rows.size(), features.size(),
                             std::numeric_limits<float>::quiet_NaN(), &h),
      "XGDMatrixCreateFromMat");
  Matrix m(h);
  std::vector<const char*> names;
  for (const std::string& f : features) names.push_back(f.c_str());
  Xgb(XGDMatrixSetStrFeatureInfo(h, "feature_name", names.data(), names.size()),
      "XGDMatrixSetStrFeatureInfo");
  return m;
}

void SetParam(void* b, const char* name, const std::string& value) {
  Xgb(XGBoosterSetParam(b, name, value.c_str()), "XGBoosterSetParam");
}

// The booster reports features as "f<index>" (it does not keep the matrix's names).
std::string FeatureName(const std::string& reported, const std::vector<std::string>& features) {
  if (reported.size() > 1 && reported[0] == 'f' &&
      reported.find_first_not_of("0123456789", 1) == std::string::npos) {
    const size_t k = std::stoul(reported.substr(1));
    if (k < features.size()) return features[k];
  }
  return reported;
}

}  // namespace

GbdtTrainResult TrainGbdt(const Table& input, const GbdtOptions& o) {
  if (o.objective != "reg:squarederror" && o.objective != "binary:logistic") {
    throw Error(ErrorKind::kSpec,
                fmt::format("unknown gbdt objective '{}'; valid: reg:squarederror, binary:logistic",
                            o.objective));
  }
  if (o.features.empty()) throw Error(ErrorKind::kSpec, "gbdt needs at least one feature");
  if (o.rounds < 1) throw Error(ErrorKind::kSpec, "gbdt rounds must be 1 or more");
  if (o.max_depth < 1) throw Error(ErrorKind::kSpec, "gbdt max_depth must be 1 or more");
  if (!(o.eta > 0 && o.eta <= 1)) throw Error(ErrorKind::kSpec, "gbdt eta must be in (0, 1]");
  if (!(o.subsample > 0 && o.subsample <= 1)) {
    throw Error(ErrorKind::kSpec, "gbdt subsample must be in (0, 1]");
  }
  if (o.nthread < 1) throw Error(ErrorKind::kSpec, "gbdt nthread must be 1 or more");
  for (const std::string& f : o.features) NumericColumn(input, f, "feature");
  const Column& label = NumericColumn(input, o.label, "label");

  GbdtTrainResult result;
  std::vector<int64_t> rows;
  std::vector<float> y;
  const bool binary = o.objective == "binary:logistic";
  for (int64_t i = 0; i < input.num_rows(); ++i) {
    const double v = ValueAt(label, i);
    if (!std::isfinite(v)) {
      ++result.rows_skipped;
      continue;
    }
    if (binary && v != 0 && v != 1) {
      throw Error(ErrorKind::kData,
                  fmt::format("gbdt label '{}' must be 0 or 1 for binary:logistic; row {} has {}",
                              o.label, i + 1, v),
                  SourceContext{.line = i + 1, .column_name = o.label});
    }
    rows.push_back(i);
    y.push_back(static_cast<float>(v));
  }
  if (rows.empty()) {
    throw Error(ErrorKind::kData,
                fmt::format("gbdt has no row with a label '{}' to train on", o.label));
  }
  result.rows_used = static_cast<int64_t>(rows.size());

  Matrix dtrain = MakeMatrix(input, o.features, rows);
  Xgb(XGDMatrixSetFloatInfo(dtrain.get(), "label", y.data(), y.size()), "XGDMatrixSetFloatInfo");
  DMatrixHandle dm = dtrain.get();
  BoosterHandle bh = nullptr;
  Xgb(XGBoosterCreate(&dm, 1, &bh), "XGBoosterCreate");
  Booster booster(bh);
  SetParam(bh, "objective", o.objective);
  SetParam(bh, "max_depth", std::to_string(o.max_depth));
  SetParam(bh, "eta", fmt::format("{}", o.eta));
  SetParam(bh, "subsample", fmt::format("{}", o.subsample));
  SetParam(bh, "min_child_weight", fmt::format("{}", o.min_child_weight));
  SetParam(bh, "lambda", fmt::format("{}", o.lambda));
  SetParam(bh, "seed", std::to_string(o.seed));
  SetParam(bh, "nthread", std::to_string(o.nthread));
  SetParam(bh, "tree_method", "exact");  // no sketching: the same splits whatever the row order
  SetParam(bh, "verbosity", "0");
  for (int it = 0; it < o.rounds; ++it) {
    Xgb(XGBoosterUpdateOneIter(bh, it, dm), "XGBoosterUpdateOneIter");
  }

  bst_ulong len = 0;
  const char* buf = nullptr;
  Xgb(XGBoosterSaveModelToBuffer(bh, R"({"format": "json"})", &len, &buf),
      "XGBoosterSaveModelToBuffer");
  result.model = {o.objective, o.features, o.label, std::string(buf, len)};

  // Importance: gain, total gain and split counts per feature; unused features get 0.
  std::map<std::string, double> gain, total, weight;
  for (const char* type : {"gain", "total_gain", "weight"}) {
    bst_ulong n = 0, dim = 0;
    const char** names = nullptr;
    const bst_ulong* shape = nullptr;
    const float* scores = nullptr;
    const std::string config = fmt::format(R"({{"importance_type": "{}"}})", type);
    Xgb(XGBoosterFeatureScore(bh, config.c_str(), &n, &names, &dim, &shape, &scores),
        "XGBoosterFeatureScore");
    auto& into = std::string(type) == "gain"         ? gain
                 : std::string(type) == "total_gain" ? total
                                                     : weight;
    for (bst_ulong k = 0; k < n; ++k) into[FeatureName(names[k], o.features)] = scores[k];
  }
  double sum = 0;
  for (const auto& [f, v] : total) sum += v;
  std::vector<size_t> order(o.features.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return total[o.features[a]] > total[o.features[b]]; });
  auto fcol = Column::Make(TypeId::kString), gcol = Column::Make(TypeId::kFloat64),
       tcol = Column::Make(TypeId::kFloat64), wcol = Column::Make(TypeId::kInt64),
       scol = Column::Make(TypeId::kFloat64);
  for (size_t k : order) {
    const std::string& f = o.features[k];
    fcol->AppendString(f);
    gcol->AppendFloat64(gain[f]);
    tcol->AppendFloat64(total[f]);
    wcol->AppendInt64(static_cast<int64_t>(std::llround(weight[f])));
    scol->AppendFloat64(sum > 0 ? total[f] / sum : 0.0);
  }
  result.importance = Table::Make(Schema({{"feature", TypeId::kString},
                                          {"gain", TypeId::kFloat64},
                                          {"total_gain", TypeId::kFloat64},
                                          {"weight", TypeId::kInt64},
                                          {"share", TypeId::kFloat64}}),
                                  {fcol, gcol, tcol, wcol, scol});
  return result;
}

ColumnPtr PredictGbdt(const GbdtModel& model, const Table& data, int nthread) {
  std::vector<int64_t> rows(static_cast<size_t>(data.num_rows()));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int64_t>(i);
  Matrix dm = MakeMatrix(data, model.features, rows);
  BoosterHandle bh = nullptr;
  Xgb(XGBoosterCreate(nullptr, 0, &bh), "XGBoosterCreate");
  Booster booster(bh);
  Xgb(XGBoosterLoadModelFromBuffer(bh, model.json.data(), model.json.size()),
      "XGBoosterLoadModelFromBuffer");
  SetParam(bh, "nthread", std::to_string(std::max(1, nthread)));
  auto out = Column::Make(TypeId::kFloat64);
  if (rows.empty()) return out;
  bst_ulong len = 0;
  const float* pred = nullptr;
  Xgb(XGBoosterPredict(bh, dm.get(), 0, 0, 0, &len, &pred), "XGBoosterPredict");
  if (len != rows.size()) {
    throw Error(ErrorKind::kInternal,
                fmt::format("xgboost returned {} predictions for {} rows", len, rows.size()));
  }
  out->Reserve(static_cast<int64_t>(len));
  for (bst_ulong i = 0; i < len; ++i) out->AppendFloat64(static_cast<double>(pred[i]));
  return out;
}

TablePtr GbdtModelTable(const GbdtModel& m) {
  auto text = [](const std::string& s) {
    auto c = Column::Make(TypeId::kString);
    c->AppendString(s);
    return c;
  };
  std::string features;
  for (size_t k = 0; k < m.features.size(); ++k) features += (k ? "," : "") + m.features[k];
  return Table::Make(Schema({{"objective", TypeId::kString},
                             {"label", TypeId::kString},
                             {"features", TypeId::kString},
                             {"model_json", TypeId::kString}}),
                     {text(m.objective), text(m.label), text(features), text(m.json)});
}

GbdtModel GbdtModelFromTable(const Table& t) {
  for (const char* c : {"objective", "label", "features", "model_json"}) {
    if (t.ColumnIndex(c) < 0 || t.column(c)->type() != TypeId::kString) {
      throw Error(ErrorKind::kSpec,
                  fmt::format("not a gbdt model table: no string column '{}' (make one with "
                              "gbdt_train)",
                              c));
    }
  }
  if (t.num_rows() != 1) {
    throw Error(
        ErrorKind::kSpec,
        fmt::format("a gbdt model table has exactly one row, this one has {}", t.num_rows()));
  }
  GbdtModel m;
  m.objective = std::string(t.column("objective")->GetString(0));
  m.label = std::string(t.column("label")->GetString(0));
  m.json = std::string(t.column("model_json")->GetString(0));
  const std::string_view features = t.column("features")->GetString(0);
  size_t from = 0;
  while (from <= features.size()) {
    const size_t comma = std::min(features.find(',', from), features.size());
    if (comma > from) m.features.emplace_back(features.substr(from, comma - from));
    from = comma + 1;
  }
  return m;
}

}  // namespace xf::model
