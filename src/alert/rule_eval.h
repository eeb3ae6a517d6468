// Pieces of rule evaluation shared by the rows mode (alert_rules.cc) and the events mode
// (alert_events.cc). Internal to src/alert.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alert/alert_rules.h"
#include "alert/message_template.h"
#include "core/error.h"

namespace xf::alert_internal {

// Rethrows `e` with "alert rule '<id>': " in front, keeping its context.
[[noreturn]] void RuleError(const AlertRule& rule, const Error& e);

// The entity values of a row joined by '|'.
std::string EntityText(const std::vector<const Column*>& cols, int64_t row);

// Checks what both modes share: rule ids, columns, the time column's type, keep columns that
// would clash with the output columns of the mode.
void CheckOptions(const Table& input, const AlertOptions& o, bool events);

// Each rule's message template (`zh`: its Chinese one, falling back to the English one), checked
// against the input.
std::vector<MessageTemplate> Templates(const Table& input, const AlertOptions& o, bool zh);

// A boolean expression of a rule per row: 1 where true, 0 where false or NULL. `option` names
// the rule option ("when", "reset") in errors.
std::vector<uint8_t> RuleFlags(const AlertRule& rule, const std::string& text,
                               const std::string& option, const Table& input);

}  // namespace xf::alert_internal
