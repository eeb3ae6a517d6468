// alert: graded alert rules over a table (alert/alert_rules.h).
#include <fmt/format.h>

#include <set>

#include "alert/alert_rules.h"
#include "core/strings.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class AlertStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.entity = o.Get("entity").AsStringList();
    options_.time = o.GetString("time", "");
    options_.keep = o.Get("keep").AsStringList();
    options_.dedup = o.GetBool("dedup", true);
    SpecNode rules = o.Required("rules");
    if (!rules.IsSequence() || rules.Items().empty()) {
      rules.Fail("expected a list of rules: - {id, level, when, title_en, title_zh, message}");
    }
    std::set<std::string> ids;
    for (const SpecNode& r : rules.Items()) {
      if (!r.IsMap()) r.Fail("a rule is a map: {id, level, when, title_en, title_zh, message}");
      r.CheckKeys({"id", "level", "when", "title_en", "title_zh", "message"});
      AlertRule rule;
      rule.id = r.Required("id").AsString();
      if (!ids.insert(rule.id).second)
        r.Get("id").Fail(fmt::format("rule id '{}' is used twice", rule.id));
      SpecNode level = r.Required("level");
      std::optional<AlertLevel> parsed = ParseAlertLevel(level.AsString());
      if (!parsed) {
        level.Fail(
            fmt::format("unknown level '{}'; valid: red, orange, yellow, blue (or I-IV, "
                        "红/橙/黄/蓝)",
                        level.AsString()));
      }
      rule.level = *parsed;
      rule.when = r.Required("when").AsString();
      rule.title_en = r.GetString("title_en", rule.id);
      rule.title_zh = r.GetString("title_zh", rule.title_en);
      rule.message = r.GetString("message", "");
      options_.rules.push_back(rule);
    }
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& e : options_.entity) RequireColumn(node_.Get("entity"), in, e);
    if (!options_.time.empty()) RequireColumn(node_.Get("time"), in, options_.time);
    for (const std::string& k : options_.keep) RequireColumn(node_.Get("keep"), in, k);
    ctx.SetOutput(0, EvaluateAlerts(in, options_));
  }

 private:
  AlertOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind AlertStepKind() {
  return {.name = "alert",
          .summary =
              "Graded alerts (红/橙/黄/蓝 = I/II/III/IV) from rule expressions; the most "
              "severe alert per entity and time is kept.",
          .outputs_doc = "the alert table",
          .options = {{"entity", "columns", false, "Columns naming what an alert is about."},
                      {"time", "column", false, "Date or timestamp of the alert."},
                      {"keep", "columns", false, "Input columns copied into every alert."},
                      {"dedup", "bool", false,
                       "Keep only the most severe alert per (entity, time) (default true)."},
                      {"rules", "list", true,
                       "Rules: {id, level (red/orange/yellow/blue, I-IV or 红/橙/黄/蓝), when "
                       "(boolean expression), title_en, title_zh, message (template with "
                       "{column} or {column:.2f})}."}},
          .make = [] { return std::make_unique<AlertStep>(); }};
}

}  // namespace xf::pipeline
