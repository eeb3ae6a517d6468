// weights: indicator weights — given, AHP or entropy (model/weights.h).
#include <fmt/format.h>

#include <charconv>

#include "model/weights.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

// A comparison entry: a number, or a fraction such as "1/3".
double MatrixEntry(const SpecNode& item) {
  const std::string s = item.AsString();
  const size_t slash = s.find('/');
  if (slash == std::string::npos) return item.AsDouble();
  double num = 0, den = 0;
  const char* b = s.data();
  auto r1 = std::from_chars(b, b + slash, num);
  auto r2 = std::from_chars(b + slash + 1, b + s.size(), den);
  if (r1.ec != std::errc() || r1.ptr != b + slash || r2.ec != std::errc() ||
      r2.ptr != b + s.size() || !(den > 0)) {
    item.Fail(fmt::format("'{}' is not a number or a fraction like 1/3", s));
  }
  return num / den;
}

class WeightsStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    method_ = o.GetString("method", "given");
    if (method_ == "given") {
      if (!o.Get("weights").IsMap()) o.Required("weights").Fail("expected a map indicator: weight");
      std::vector<double> w;
      for (const auto& [name, value] : o.Get("weights").Entries()) {
        indicators_.push_back(name);
        w.push_back(value.AsDouble());
      }
      try {
        weights_ = model::ScaleWeights(w);
      } catch (const Error& e) {
        o.Get("weights").Fail(e.message());
      }
    } else if (method_ == "ahp") {
      indicators_ = o.Required("indicators").AsStringList();
      std::vector<std::vector<double>> m;
      for (const SpecNode& row : o.Required("matrix").Items()) {
        if (!row.IsSequence()) row.Fail("each matrix row must be a list of numbers");
        m.emplace_back();
        for (const SpecNode& item : row.Items()) m.back().push_back(MatrixEntry(item));
      }
      if (m.size() != indicators_.size()) {
        o.Get("matrix").Fail(
            fmt::format("a {0}×{0} matrix is needed for {0} indicators, got {1} rows",
                        indicators_.size(), m.size()));
      }
      try {
        ahp_ = model::Ahp(m);
      } catch (const Error& e) {
        o.Get("matrix").Fail(e.message());
      }
      weights_ = ahp_->weights;
    } else if (method_ == "entropy") {
      indicators_ = o.Required("indicators").AsStringList();
    } else {
      o.Get("method").Fail("expected given, ahp or entropy, got '" + method_ + "'");
    }
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    if (method_ == "entropy") {
      if (ctx.num_inputs() != 1) node_.Get("in").Fail("the entropy method needs one input table");
      for (const std::string& c : indicators_) {
        RequireColumn(node_.Get("indicators"), *ctx.input(0), c);
      }
      try {
        weights_ = model::EntropyWeights(*ctx.input(0), indicators_);
      } catch (Error& e) {
        e.WithStep(ctx.step_id());
        throw;
      }
    }
    ctx.SetOutput(0, model::WeightsTable(indicators_, weights_, method_, ahp_));
  }

 private:
  std::string method_;
  std::vector<std::string> indicators_;
  std::vector<double> weights_;
  std::optional<model::AhpResult> ahp_;
  SpecNode node_;
};

}  // namespace

StepKind WeightsStepKind() {
  return {.name = "weights",
          .summary = "Indicator weights: given, AHP (with consistency ratio) or entropy.",
          .min_inputs = 0,
          .max_inputs = 1,
          .inputs_doc = "none (given, ahp: `in: []`) or the indicator table (entropy)",
          .outputs_doc = "weights table: indicator, weight, method, lambda_max, ci, cr, warning",
          .options = {{"method", "text", false, "given (default), ahp or entropy."},
                      {"weights", "map", false, "given: indicator → weight (scaled to sum 1)."},
                      {"indicators", "columns", false,
                       "ahp: the matrix's rows in order; entropy: the indicator columns."},
                      {"matrix", "list", false,
                       "ahp: the pairwise comparison matrix, rows of numbers or fractions."}},
          .make = [] { return std::make_unique<WeightsStep>(); }};
}

}  // namespace xf::pipeline
