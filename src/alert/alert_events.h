// Stateful alert rules: per-(rule, entity) state over time, with only state changes as output.
//
// Rows are taken per entity in time order (ties in input order; rows with a NULL time are not
// placed in time and are skipped). For each rule and entity:
//   - qualifies: the `when` condition is true on this row (NULL counts as false) and, when set,
//     it has been true on every row since at least `hold` ago ("held for 10 minutes": the run of
//     true rows started at or before t - hold) and there are at least `count` true rows in the
//     window (t - within, t] ("3 times in an hour").
//   - raised: an inactive alert raises on the first qualifying row, unless it cleared less than
//     `suppress` ago (suppression window; the row is then ignored, counting goes on).
//   - while active, repeated qualifying rows make no new alert (deduplication per rule and
//     entity); they count as repeats. The alert escalates one level (blue → yellow → orange →
//     red, never past `escalate_to`) when it has been at its level for `escalate_after`, or
//     after `escalate_repeats` more true rows at that level: one escalation per row at most.
//   - cleared: with a `reset` expression, on the first row where reset is true (hysteresis:
//     raise above 80, reset below 70); without one, on the first row that no longer qualifies.
//     Reset is checked before escalation. An alert still active at the end of the data stays
//     open (end NULL).
//
// Durations are microseconds; the time column is a date (a day is 86 400 s) or a timestamp.
#pragma once

#include <string>
#include <vector>

#include "alert/alert_rules.h"
#include "core/table.h"

namespace xf {

// One row per state change, columns in this order:
//   event_id    "<alert_id>#<n>" (n = 1, 2, … within the alert)
//   alert_id    "<rule>:<entity>:<start>", the same on every event of one raised alert
//   rule, state ("raised" / "escalated" / "cleared"), level, level_code, level_zh (the level
//   after the event; a cleared event carries the level it cleared at), title_en, title_zh, entity
//   time        when the event happened (the input time column's type)
//   start, end  when the alert was raised and cleared (end NULL while still active)
//   level_end   until when this event's level held (the next event's time; NULL while active)
//   duration    end - start in seconds (NULL while active)
//   message, message_zh   rendered from the event's row
//   then the `keep` columns of the event's row.
// Sorted by time, entity, rule order, then event number. Deterministic.
TablePtr EvaluateAlertEvents(const Table& input, const AlertOptions& options);

const std::vector<std::string>& AlertEventColumnNames();

}  // namespace xf
