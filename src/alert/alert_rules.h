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
// This is the stateless first stage. Later stages (durations — "for 3 consecutive days" —,
// hysteresis, escalation and work orders) take this table as their input events, which is why
// alerts carry a stable alert_id and the time as a typed column.
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
  std::string message;  // template; empty: the title
};

struct AlertOptions {
  std::vector<std::string> entity;  // entity key columns (may be empty)
  std::string time;                 // time column (date or timestamp; empty: no time)
  std::vector<std::string> keep;    // input columns copied into every alert
  std::vector<AlertRule> rules;
  bool dedup = true;  // keep only the most severe alert per (entity, time)
};

// Columns of the alert table, in this order: alert_id ("<rule>:<entity>:<time>"), rule, level
// (red/orange/yellow/blue), level_code (I..IV), level_zh (红色…), title_en, title_zh, entity (the
// entity values joined by '|'), time (the input time column's type; omitted without a time
// column), message, then the `keep` columns. Sorted by time (NULL last), then severity (red
// first), then entity, then rule order. Spec errors (bad expression, unknown column, duplicate
// rule id) name the rule.
TablePtr EvaluateAlerts(const Table& input, const AlertOptions& options);

// The alert table's fixed column names (everything but the `keep` columns; "time" included).
const std::vector<std::string>& AlertColumnNames();

}  // namespace xf
