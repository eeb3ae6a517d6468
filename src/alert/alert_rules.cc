#include "alert/alert_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "alert/alert_events.h"
#include "alert/message_template.h"
#include "alert/rule_eval.h"
#include "core/error.h"
#include "expr/expr.h"

namespace xf {

namespace alert_internal {

void RuleError(const AlertRule& rule, const Error& e) {
  throw Error(e.kind(), fmt::format("alert rule '{}': {}", rule.id, e.message()), e.context());
}

std::string EntityText(const std::vector<const Column*>& cols, int64_t row) {
  std::string out;
  for (size_t k = 0; k < cols.size(); ++k) {
    if (k > 0) out += '|';
    out += cols[k]->GetValue(row).ToString();
  }
  return out;
}

void CheckOptions(const Table& input, const AlertOptions& o, bool events) {
  std::set<std::string> ids;
  for (const AlertRule& r : o.rules) {
    if (r.id.empty()) throw Error(ErrorKind::kSpec, "alert rule without an id");
    if (!ids.insert(r.id).second) {
      throw Error(ErrorKind::kSpec, fmt::format("alert rule id '{}' is used twice", r.id));
    }
  }
  for (const std::string& e : o.entity) input.column(e);  // exists
  const Column* time_col = o.time.empty() ? nullptr : input.column(o.time).get();
  if (time_col != nullptr && !IsTemporal(time_col->type()) && time_col->type() != TypeId::kInt64) {
    throw Error(ErrorKind::kSpec,
                fmt::format("alert time column '{}' must be a date, timestamp or int64, not {}",
                            o.time, TypeName(time_col->type())),
                SourceContext{.column_name = o.time});
  }
  for (const std::string& k : o.keep) {
    input.column(k);  // exists
    const auto& fixed = events ? AlertEventColumnNames() : AlertColumnNames();
    if (std::find(fixed.begin(), fixed.end(), k) != fixed.end()) {
      throw Error(
          ErrorKind::kSpec,
          fmt::format("alert keep column '{}' clashes with an alert column; rename it first", k),
          SourceContext{.column_name = k});
    }
  }
}

std::vector<MessageTemplate> Templates(const Table& input, const AlertOptions& o, bool zh) {
  std::vector<MessageTemplate> templates;
  for (const AlertRule& r : o.rules) {
    try {
      const std::string& en = r.message.empty() ? r.title_en : r.message;
      const std::string& text = !zh ? en : r.message_zh.empty() ? en : r.message_zh;
      templates.push_back(MessageTemplate::Parse(text));
      templates.back().Check(input.schema());
    } catch (const Error& e) {
      RuleError(r, e);
    }
  }
  return templates;
}

std::vector<uint8_t> RuleFlags(const AlertRule& rule, const std::string& text,
                               const std::string& option, const Table& input) {
  ColumnPtr fired;
  try {
    BoundExpr e = Bind(text, input.schema());
    if (e.type() != TypeId::kBool) {
      throw Error(
          ErrorKind::kSpec,
          fmt::format("'{}' must be a boolean expression, not {}", option, TypeName(e.type())),
          SourceContext{.expression = text});
    }
    fired = Evaluate(e, input);
  } catch (const Error& e) {
    RuleError(rule, e);
  }
  std::vector<uint8_t> out(static_cast<size_t>(input.num_rows()));
  const uint8_t* v = fired->data<uint8_t>();
  for (int64_t i = 0; i < input.num_rows(); ++i) out[i] = fired->IsValid(i) && v[i] != 0;
  return out;
}

}  // namespace alert_internal

namespace {

using alert_internal::EntityText;

struct Candidate {
  int64_t row;
  int rule;
  AlertLevel level;
  std::string entity;
};

}  // namespace

bool AlertEventsMode(const AlertOptions& o) {
  return o.events || std::any_of(o.rules.begin(), o.rules.end(),
                                 [](const AlertRule& r) { return r.Stateful(); });
}

const std::vector<std::string>& AlertColumnNames() {
  static const std::vector<std::string> names = {"alert_id", "rule",     "level",    "level_code",
                                                 "level_zh", "title_en", "title_zh", "entity",
                                                 "time",     "message"};
  return names;
}

TablePtr EvaluateAlerts(const Table& input, const AlertOptions& o) {
  if (AlertEventsMode(o)) return EvaluateAlertEvents(input, o);
  alert_internal::CheckOptions(input, o, false);
  std::vector<MessageTemplate> templates = alert_internal::Templates(input, o, false);
  std::vector<const Column*> entity_cols;
  for (const std::string& e : o.entity) entity_cols.push_back(input.column(e).get());
  const Column* time_col = o.time.empty() ? nullptr : input.column(o.time).get();

  // Which rules fire where.
  std::vector<Candidate> candidates;
  for (size_t k = 0; k < o.rules.size(); ++k) {
    const AlertRule& r = o.rules[k];
    std::vector<uint8_t> fired = alert_internal::RuleFlags(r, r.when, "when", input);
    for (int64_t i = 0; i < input.num_rows(); ++i) {
      if (fired[i])
        candidates.push_back({i, static_cast<int>(k), r.level, EntityText(entity_cols, i)});
    }
  }

  // Time of a row as a sortable key; NULL times sort last.
  auto time_null = [&](int64_t row) { return time_col != nullptr && time_col->IsNull(row); };
  auto time_key = [&](int64_t row) -> int64_t {
    if (time_col == nullptr || time_col->IsNull(row)) return 0;
    return time_col->type() == TypeId::kDate ? time_col->data<int32_t>()[row]
                                             : time_col->data<int64_t>()[row];
  };
  // More severe first, then rule order, then row order: the winner of a (entity, time) group.
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.level != b.level) return a.level < b.level;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.row < b.row;
  };
  std::vector<Candidate> alerts;
  if (o.dedup) {
    std::map<std::tuple<std::string, bool, int64_t>, size_t> best;
    for (size_t c = 0; c < candidates.size(); ++c) {
      const Candidate& cand = candidates[c];
      auto key = std::make_tuple(cand.entity, time_null(cand.row), time_key(cand.row));
      auto [it, inserted] = best.emplace(std::move(key), c);
      if (!inserted && better(cand, candidates[it->second])) it->second = c;
    }
    std::vector<size_t> winners;
    for (const auto& [key, c] : best) winners.push_back(c);
    std::sort(winners.begin(), winners.end());
    for (size_t c : winners) alerts.push_back(std::move(candidates[c]));
  } else {
    alerts = std::move(candidates);
  }
  std::stable_sort(alerts.begin(), alerts.end(), [&](const Candidate& a, const Candidate& b) {
    const bool an = time_null(a.row), bn = time_null(b.row);
    if (an != bn) return bn;
    const int64_t at = time_key(a.row), bt = time_key(b.row);
    if (at != bt) return at < bt;
    if (a.level != b.level) return a.level < b.level;
    if (a.entity != b.entity) return a.entity < b.entity;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.row < b.row;
  });

  // The alert table.
  const auto n = static_cast<int64_t>(alerts.size());
  auto text = [n] {
    auto c = Column::Make(TypeId::kString);
    c->Reserve(n);
    return c;
  };
  ColumnPtr id = text(), rule = text(), level = text(), code = text(), zh = text(),
            title_en = text(), title_zh = text(), entity = text(), message = text();
  std::vector<int64_t> rows;
  for (const Candidate& a : alerts) {
    const AlertRule& r = o.rules[static_cast<size_t>(a.rule)];
    std::string time_text = time_col == nullptr ? "" : time_col->GetValue(a.row).ToString();
    id->AppendString(time_col == nullptr ? fmt::format("{}:{}", r.id, a.entity)
                                         : fmt::format("{}:{}:{}", r.id, a.entity, time_text));
    rule->AppendString(r.id);
    level->AppendString(AlertLevelName(a.level));
    code->AppendString(AlertLevelCode(a.level));
    zh->AppendString(AlertLevelZh(a.level));
    title_en->AppendString(r.title_en);
    title_zh->AppendString(r.title_zh);
    entity->AppendString(a.entity);
    message->AppendString(templates[static_cast<size_t>(a.rule)].Render(input, a.row));
    rows.push_back(a.row);
  }
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  auto add = [&](const std::string& name, TypeId type, ColumnPtr c) {
    fields.push_back({name, type});
    cols.push_back(std::move(c));
  };
  add("alert_id", TypeId::kString, id);
  add("rule", TypeId::kString, rule);
  add("level", TypeId::kString, level);
  add("level_code", TypeId::kString, code);
  add("level_zh", TypeId::kString, zh);
  add("title_en", TypeId::kString, title_en);
  add("title_zh", TypeId::kString, title_zh);
  add("entity", TypeId::kString, entity);
  if (time_col != nullptr) add("time", time_col->type(), time_col->Take(rows));
  add("message", TypeId::kString, message);
  for (const std::string& k : o.keep) {
    const ColumnPtr& c = input.column(k);
    add(k, c->type(), c->Take(rows));
  }
  return Table::Make(Schema(fields), cols);
}

}  // namespace xf
