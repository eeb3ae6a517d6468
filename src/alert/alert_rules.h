// Graded alert rules evaluated over a table: China's four warning levels (alert_level.h).
//
// A rule fires on every row where its `when` expression is true (NULL counts as false) and makes
// one alert: which rule, which level, which entity (the entity columns' values), when (the time
// column) and a message rendered from the row (message_template.h).
//
// De-duplication: when several rules fire for the same entity and time (e.g. "deviation > 30%"
// yellow and "deviation > 60%" orange), only the most severe one is kept — a duty officer needs
// one alert per company and day, at the highest level that applies. Among equally severe rules,
// the one listed first wins; among rows with the same entity and time, the first row wins.
//
// That is the stateless mode ("rows"). A rule with any of the stateful options below (a hold
// duration, a count in a window, a reset expression, escalation, suppression) switches the
// evaluation to the "events" mode of alert_events.h: per (rule, entity) state over time, with
// only state changes (raised / escalated / cleared) as output. Work orders (work_orders.h) are
// created from either table, which is why alerts carry a stable alert_id and a typed time.
#pragma once

#include <string>
#include <vector>

#include "alert/alert_level.h"
#include "core/table.h"

namespace xf {

struct AlertRule {
  std::string id;  // unique among the rules, e.g. "abnormal_drop"
  AlertLevel level = AlertLevel::kBlue;
  std::string when;  // boolean expression over the input's columns
  std::string title_en;
  std::string title_zh;
  std::string message;     // template; empty: the title
  std::string message_zh;  // Chinese template (events mode); empty: `message`

  // Stateful options (events mode, alert_events.h). Durations are in microseconds.
  int64_t hold = 0;    // `for`: the condition has been true continuously for this long
  int64_t count = 0;   // at least `count` true rows ...
  int64_t within = 0;  // ... in the sliding window (t - within, t]
  std::string reset;   // hysteresis: once raised, active until this is true (default: until the
                       // raise condition no longer holds)
  int64_t escalate_after = 0;    // active this long at one level → one level more severe
  int64_t escalate_repeats = 0;  // this many more true rows at one level → one level more severe
  AlertLevel escalate_to = AlertLevel::kRed;  // the most severe level escalation reaches
  int64_t suppress = 0;                       // after clearing, no re-raise for this long

  bool Stateful() const {
    return hold > 0 || count > 0 || !reset.empty() || escalate_after > 0 || escalate_repeats > 0 ||
           suppress > 0;
  }
};

struct AlertOptions {
  std::vector<std::string> entity;  // entity key columns (may be empty)
  std::string time;                 // time column (date or timestamp; empty: no time)
  std::vector<std::string> keep;    // input columns copied into every alert
  std::vector<AlertRule> rules;
  bool dedup = true;    // keep only the most severe alert per (entity, time); rows mode only
  bool events = false;  // events mode (alert_events.h); implied by any stateful rule
};

// Columns of the alert table, in this order: alert_id ("<rule>:<entity>:<time>"), rule, level
// (red/orange/yellow/blue), level_code (I..IV), level_zh (红色…), title_en, title_zh, entity (the
// entity values joined by '|'), time (the input time column's type; omitted without a time
// column), message, then the `keep` columns. Sorted by time (NULL last), then severity (red
// first), then entity, then rule order. Spec errors (bad expression, unknown column, duplicate
// rule id) name the rule. In events mode (options.events or any stateful rule) the result is
// EvaluateAlertEvents's table instead.
TablePtr EvaluateAlerts(const Table& input, const AlertOptions& options);

// True when EvaluateAlerts runs in events mode for these options.
bool AlertEventsMode(const AlertOptions& options);

// The alert table's fixed column names (everything but the `keep` columns; "time" included).
const std::vector<std::string>& AlertColumnNames();

}  // namespace xf
