#include "alert/alert_events.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>

#include "alert/rule_eval.h"
#include "core/error.h"
#include "core/time.h"

namespace xf {

namespace {

using alert_internal::EntityText;

enum class EventState { kRaised, kEscalated, kCleared };

const char* StateName(EventState s) {
  switch (s) {
    case EventState::kRaised:
      return "raised";
    case EventState::kEscalated:
      return "escalated";
    case EventState::kCleared:
      return "cleared";
  }
  return "";
}

struct Event {
  int rule;
  int64_t row;   // the row the event happened on
  int64_t time;  // microseconds
  EventState state;
  AlertLevel level;
  int seq;       // 1, 2, … within the alert
  size_t alert;  // index into the alerts (episodes)
};

struct Episode {
  std::string id;
  int64_t start;
  std::optional<int64_t> end;
};

// The per-(rule, entity) state machine of alert_events.h.
class RuleTrack {
 public:
  RuleTrack(const AlertRule& rule, int index) : r_(rule), index_(index) {}

  void Row(int64_t row, int64_t t, bool cond, bool reset, const std::string& entity,
           const std::string& time_text, std::vector<Event>* events,
           std::vector<Episode>* episodes) {
    if (!cond)
      run_start_.reset();
    else if (!run_start_)
      run_start_ = t;
    if (r_.count > 0) {
      if (cond) window_.push_back(t);
      while (!window_.empty() && window_.front() <= t - r_.within) window_.pop_front();
    }
    const bool qualifies = cond && (r_.hold == 0 || t - *run_start_ >= r_.hold) &&
                           (r_.count == 0 || static_cast<int64_t>(window_.size()) >= r_.count);
    if (!active_) {
      if (!qualifies) return;
      if (cleared_at_ && r_.suppress > 0 && t < *cleared_at_ + r_.suppress) return;
      active_ = true;
      level_ = r_.level;
      level_since_ = t;
      repeats_ = 0;
      seq_ = 0;
      episode_ = episodes->size();
      episodes->push_back({fmt::format("{}:{}:{}", r_.id, entity, time_text), t, std::nullopt});
      Emit(row, t, EventState::kRaised, events);
      return;
    }
    const bool clear = r_.reset.empty() ? !qualifies : reset;
    if (clear) {
      active_ = false;
      cleared_at_ = t;
      (*episodes)[episode_].end = t;
      Emit(row, t, EventState::kCleared, events);
      return;
    }
    if (cond) ++repeats_;
    if (level_ <= r_.escalate_to) return;  // already as severe as escalation goes
    const bool by_time = r_.escalate_after > 0 && t - level_since_ >= r_.escalate_after;
    const bool by_repeats = r_.escalate_repeats > 0 && repeats_ >= r_.escalate_repeats;
    if (by_time || by_repeats) {
      level_ = static_cast<AlertLevel>(static_cast<int>(level_) - 1);
      level_since_ = t;
      repeats_ = 0;
      Emit(row, t, EventState::kEscalated, events);
    }
  }

 private:
  void Emit(int64_t row, int64_t t, EventState s, std::vector<Event>* events) {
    events->push_back({index_, row, t, s, level_, ++seq_, episode_});
  }

  const AlertRule& r_;
  int index_;
  bool active_ = false;
  AlertLevel level_ = AlertLevel::kBlue;
  int64_t level_since_ = 0;
  int64_t repeats_ = 0;
  int seq_ = 0;
  size_t episode_ = 0;
  std::optional<int64_t> run_start_;
  std::optional<int64_t> cleared_at_;
  std::deque<int64_t> window_;
};

}  // namespace

const std::vector<std::string>& AlertEventColumnNames() {
  static const std::vector<std::string> names = {
      "event_id", "alert_id",  "rule",     "state",   "level",     "level_code",
      "level_zh", "title_en",  "title_zh", "entity",  "time",      "start",
      "end",      "level_end", "duration", "message", "message_zh"};
  return names;
}

TablePtr EvaluateAlertEvents(const Table& input, const AlertOptions& o) {
  alert_internal::CheckOptions(input, o, true);
  if (o.time.empty()) {
    throw Error(
        ErrorKind::kSpec,
        "stateful alert rules (for, count, reset, escalate, suppress) need a `time` column");
  }
  const Column& time_col = *input.column(o.time);
  if (time_col.type() != TypeId::kDate && time_col.type() != TypeId::kTimestamp) {
    throw Error(ErrorKind::kSpec,
                fmt::format("stateful alert rules need a date or timestamp time column; '{}' is {}",
                            o.time, TypeName(time_col.type())),
                SourceContext{.column_name = o.time});
  }
  for (const AlertRule& r : o.rules) {
    if ((r.count > 0) != (r.within > 0)) {
      alert_internal::RuleError(
          r, Error(ErrorKind::kSpec, "`count` and `within` go together (\"3 times in 1h\")"));
    }
  }
  const bool is_date = time_col.type() == TypeId::kDate;
  std::vector<MessageTemplate> en = alert_internal::Templates(input, o, false);
  std::vector<MessageTemplate> zh = alert_internal::Templates(input, o, true);
  std::vector<std::vector<uint8_t>> when, reset;
  for (const AlertRule& r : o.rules) {
    when.push_back(alert_internal::RuleFlags(r, r.when, "when", input));
    reset.push_back(r.reset.empty() ? std::vector<uint8_t>{}
                                    : alert_internal::RuleFlags(r, r.reset, "reset", input));
  }

  // Rows per entity, in time order (ties: input order).
  std::vector<const Column*> entity_cols;
  for (const std::string& e : o.entity) entity_cols.push_back(input.column(e).get());
  auto micros = [&](int64_t row) -> int64_t {
    return is_date ? int64_t{time_col.data<int32_t>()[row]} * kMicrosPerDay
                   : time_col.data<int64_t>()[row];
  };
  std::map<std::string, std::vector<int64_t>> by_entity;
  for (int64_t i = 0; i < input.num_rows(); ++i) {
    if (time_col.IsNull(i)) continue;
    by_entity[EntityText(entity_cols, i)].push_back(i);
  }
  std::vector<Event> events;
  std::vector<Episode> episodes;
  std::vector<std::string> episode_entity;
  for (auto& [entity, rows] : by_entity) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](int64_t a, int64_t b) { return micros(a) < micros(b); });
    for (size_t k = 0; k < o.rules.size(); ++k) {
      RuleTrack track(o.rules[k], static_cast<int>(k));
      for (int64_t row : rows) {
        const bool rs = !reset[k].empty() && reset[k][row] != 0;
        track.Row(row, micros(row), when[k][row] != 0, rs, entity,
                  time_col.GetValue(row).ToString(), &events, &episodes);
      }
      episode_entity.resize(episodes.size(), entity);
    }
  }

  // Until when each event's level held: the next event of the same alert.
  std::vector<std::optional<int64_t>> level_end(events.size());
  {
    std::map<size_t, size_t> last;                // alert → its latest event so far
    for (size_t e = 0; e < events.size(); ++e) {  // events of one alert are in order
      auto it = last.find(events[e].alert);
      if (it != last.end()) level_end[it->second] = events[e].time;
      last[events[e].alert] = e;
      if (events[e].state == EventState::kCleared) level_end[e] = events[e].time;
    }
  }
  std::vector<size_t> order(events.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Event &x = events[a], &y = events[b];
    if (x.time != y.time) return x.time < y.time;
    const std::string &ex = episode_entity[x.alert], &ey = episode_entity[y.alert];
    if (ex != ey) return ex < ey;
    if (x.rule != y.rule) return x.rule < y.rule;
    return x.seq < y.seq;
  });

  auto text = [] { return Column::Make(TypeId::kString); };
  const TypeId tt = time_col.type();
  ColumnPtr event_id = text(), alert_id = text(), rule = text(), state = text(), level = text(),
            code = text(), lzh = text(), title_en = text(), title_zh = text(), entity = text(),
            time = Column::Make(tt), start = Column::Make(tt), end = Column::Make(tt),
            lend = Column::Make(tt), duration = Column::Make(TypeId::kFloat64), message = text(),
            message_zh = text();
  auto append_time = [&](Column* c, std::optional<int64_t> us) {
    if (!us) return c->AppendNull();
    if (is_date)
      c->AppendDate(static_cast<int32_t>(*us / kMicrosPerDay));
    else
      c->AppendTimestamp(*us);
  };
  std::vector<int64_t> rows;
  for (size_t i : order) {
    const Event& e = events[i];
    const AlertRule& r = o.rules[static_cast<size_t>(e.rule)];
    const Episode& ep = episodes[e.alert];
    event_id->AppendString(fmt::format("{}#{}", ep.id, e.seq));
    alert_id->AppendString(ep.id);
    rule->AppendString(r.id);
    state->AppendString(StateName(e.state));
    level->AppendString(AlertLevelName(e.level));
    code->AppendString(AlertLevelCode(e.level));
    lzh->AppendString(AlertLevelZh(e.level));
    title_en->AppendString(r.title_en);
    title_zh->AppendString(r.title_zh);
    entity->AppendString(episode_entity[e.alert]);
    append_time(time.get(), e.time);
    append_time(start.get(), ep.start);
    append_time(end.get(), ep.end);
    append_time(lend.get(), level_end[i]);
    if (ep.end)
      duration->AppendFloat64(static_cast<double>(*ep.end - ep.start) / kMicrosPerSecond);
    else
      duration->AppendNull();
    message->AppendString(en[static_cast<size_t>(e.rule)].Render(input, e.row));
    message_zh->AppendString(zh[static_cast<size_t>(e.rule)].Render(input, e.row));
    rows.push_back(e.row);
  }
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  const std::vector<ColumnPtr> fixed = {event_id, alert_id, rule,     state,   level,     code,
                                        lzh,      title_en, title_zh, entity,  time,      start,
                                        end,      lend,     duration, message, message_zh};
  const auto& names = AlertEventColumnNames();
  for (size_t k = 0; k < names.size(); ++k) {
    fields.push_back({names[k], fixed[k]->type()});
    cols.push_back(fixed[k]);
  }
  for (const std::string& k : o.keep) {
    const ColumnPtr& c = input.column(k);
    fields.push_back({k, c->type()});
    cols.push_back(c->Take(rows));
  }
  return Table::Make(Schema(fields), cols);
}

}  // namespace xf
