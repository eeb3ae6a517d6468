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
    const std::string mode = o.GetString("mode", "");
    if (!mode.empty() && mode != "rows" && mode != "events") {
      o.Get("mode").Fail(fmt::format("unknown mode '{}'; valid: rows, events", mode));
    }
    options_.events = mode == "events";
    SpecNode rules = o.Required("rules");
    if (!rules.IsSequence() || rules.Items().empty()) {
      rules.Fail("expected a list of rules: - {id, level, when, title_en, title_zh, message}");
    }
    std::set<std::string> ids;
    for (const SpecNode& r : rules.Items()) {
      if (!r.IsMap()) r.Fail("a rule is a map: {id, level, when, title_en, title_zh, message}");
      r.CheckKeys({"id", "level", "when", "title_en", "title_zh", "message", "message_zh", "for",
                   "count", "within", "reset", "escalate", "suppress"});
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
      ConfigureStateful(r, &rule);
      if (mode == "rows" && rule.Stateful()) {
        r.Fail(
            fmt::format("rule '{}' is stateful (for/count/reset/escalate/suppress); it needs "
                        "mode: events",
                        rule.id));
      }
      rule.when = r.Required("when").AsString();
      rule.title_en = r.GetString("title_en", rule.id);
      rule.title_zh = r.GetString("title_zh", rule.title_en);
      rule.message = r.GetString("message", "");
      rule.message_zh = r.GetString("message_zh", "");
      options_.rules.push_back(rule);
    }
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& e : options_.entity) RequireColumn(node_.Get("entity"), in, e);
    if (!options_.time.empty()) RequireColumn(node_.Get("time"), in, options_.time);
    for (const std::string& k : options_.keep) RequireColumn(node_.Get("keep"), in, k);
    if (AlertEventsMode(options_) && options_.time.empty()) {
      node_.Fail("stateful alert rules (mode: events) need a `time` column");
    }
    ctx.SetOutput(0, EvaluateAlerts(in, options_));
  }

 private:
  static void ConfigureStateful(const SpecNode& r, AlertRule* rule) {
    auto positive = [&](const char* key) -> int64_t {
      if (!r.Has(key)) return 0;
      int64_t v = r.Get(key).AsDuration();
      if (v <= 0) r.Get(key).Fail(fmt::format("`{}` must be a positive duration", key));
      return v;
    };
    rule->hold = positive("for");
    rule->within = positive("within");
    rule->suppress = positive("suppress");
    if (r.Has("count")) {
      rule->count = r.Get("count").AsInt();
      if (rule->count < 1) r.Get("count").Fail("count must be 1 or more");
    }
    if ((rule->count > 0) != (rule->within > 0)) {
      r.Fail("`count` and `within` go together, e.g. count: 3, within: 1h");
    }
    rule->reset = r.GetString("reset", "");
    if (r.Has("escalate")) {
      SpecNode e = r.Get("escalate");
      if (!e.IsMap()) e.Fail("expected {after: <duration>, repeats: <n>, to: <level>}");
      e.CheckKeys({"after", "repeats", "to"});
      if (e.Has("after")) {
        rule->escalate_after = e.Get("after").AsDuration();
        if (rule->escalate_after <= 0) e.Get("after").Fail("`after` must be a positive duration");
      }
      if (e.Has("repeats")) {
        rule->escalate_repeats = e.Get("repeats").AsInt();
        if (rule->escalate_repeats < 1) e.Get("repeats").Fail("repeats must be 1 or more");
      }
      if (rule->escalate_after == 0 && rule->escalate_repeats == 0) {
        e.Fail("escalate needs `after` (a duration) or `repeats` (a count)");
      }
      if (e.Has("to")) {
        std::optional<AlertLevel> to = ParseAlertLevel(e.Get("to").AsString());
        if (!to)
          e.Get("to").Fail(
              "unknown level; valid: red, orange, yellow, blue (or I-IV, 红/橙/黄/蓝)");
        if (*to > rule->level) e.Get("to").Fail("`to` is less severe than the rule's level");
        rule->escalate_to = *to;
      }
    }
  }

  AlertOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind AlertStepKind() {
  return {.name = "alert",
          .summary =
              "Graded alerts (红/橙/黄/蓝 = I/II/III/IV) from rule expressions; the most "
              "severe alert per entity and time is kept.",
          .outputs_doc = "the alert table (rows mode) or the alert events table (events mode)",
          .options = {{"entity", "columns", false, "Columns naming what an alert is about."},
                      {"time", "column", false, "Date or timestamp of the alert."},
                      {"keep", "columns", false, "Input columns copied into every alert."},
                      {"dedup", "bool", false,
                       "Keep only the most severe alert per (entity, time) (default true)."},
                      {"mode", "text", false,
                       "rows (one alert per firing row) or events (state changes per rule and "
                       "entity); default events when a rule is stateful, else rows."},
                      {"rules", "list", true,
                       "Rules: {id, level (red/orange/yellow/blue, I-IV or 红/橙/黄/蓝), when "
                       "(boolean expression), title_en, title_zh, message (template with "
                       "{column} or {column:.2f}), message_zh; stateful: for, count + within, "
                       "reset, escalate {after, repeats, to}, suppress}."}},
          .make = [] { return std::make_unique<AlertStep>(); }};
}

}  // namespace xf::pipeline
