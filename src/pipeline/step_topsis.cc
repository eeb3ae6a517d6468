// topsis: closeness to the ideal solution (model/topsis.h).
#include "model/topsis.h"
#include "model/weights.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class TopsisStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    for (const std::string& c : o.Get("benefit").AsStringList()) {
      options_.indicators.push_back({c, model::Direction::kBenefit});
    }
    for (const std::string& c : o.Get("cost").AsStringList()) {
      options_.indicators.push_back({c, model::Direction::kCost});
    }
    if (options_.indicators.empty())
      o.Fail("give the indicator columns in 'benefit' and/or 'cost'");
    const SpecNode w = o.Get("weights");
    if (w.IsDefined()) {
      if (!w.IsMap()) w.Fail("expected a map indicator: weight");
      for (const auto& [name, value] : w.Entries()) option_weights_[name] = value.AsDouble();
    }
    options_.prefix = o.GetString("prefix", "");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const model::Indicator& i : options_.indicators) {
      RequireColumn(node_.Get(i.direction == model::Direction::kBenefit ? "benefit" : "cost"), in,
                    i.column);
    }
    try {
      std::map<std::string, double> w;
      if (ctx.num_inputs() > 1) w = model::WeightMap(*ctx.input(1));
      for (const auto& [name, weight] : option_weights_) w[name] = weight;
      model::TopsisOptions o = options_;
      if (!w.empty()) {
        for (const model::Indicator& i : o.indicators) {
          auto it = w.find(i.column);
          if (it == w.end()) {
            throw Error(ErrorKind::kSpec, "topsis: indicator '" + i.column + "' has no weight",
                        SourceContext{.column_name = i.column});
          }
          o.weights.push_back(it->second);
        }
      }
      ctx.SetOutput(0, model::Topsis(in, o));
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::TopsisOptions options_;
  std::map<std::string, double> option_weights_;
  SpecNode node_;
};

}  // namespace

StepKind TopsisStepKind() {
  return {.name = "topsis",
          .summary = "TOPSIS: ranks rows by closeness to the weighted ideal solution.",
          .min_inputs = 1,
          .max_inputs = 2,
          .inputs_doc = "table[, weights table (indicator, weight)]",
          .outputs_doc = "the input plus d_plus, d_minus, closeness, rank",
          .options = {{"benefit", "columns", false, "Indicators where higher is better."},
                      {"cost", "columns", false, "Indicators where lower is better."},
                      {"weights", "map", false,
                       "Indicator → weight (default: the weights table, else equal)."},
                      {"prefix", "text", false, "Prefix of the output column names."}},
          .make = [] { return std::make_unique<TopsisStep>(); }};
}

}  // namespace xf::pipeline
