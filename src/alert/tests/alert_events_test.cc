// Stateful alert rules on hand-built sequences with exactly known events.
#include "alert/alert_events.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/time.h"

namespace xf {
namespace {

constexpr int64_t kMin = kMicrosPerMinute;

struct Reading {
  const char* entity;
  int minute;
  double value;
};

const int64_t kBase = int64_t{DaysFromCivil(2024, 6, 3)} * kMicrosPerDay;  // 08:00 Shanghai

TablePtr Readings(const std::vector<Reading>& rs) {
  auto e = Column::Make(TypeId::kString), t = Column::Make(TypeId::kTimestamp),
       v = Column::Make(TypeId::kFloat64);
  for (const Reading& r : rs) {
    e->AppendString(r.entity);
    t->AppendTimestamp(kBase + r.minute * kMin);
    v->AppendFloat64(r.value);
  }
  return Table::Make(
      Schema({{"device", TypeId::kString}, {"ts", TypeId::kTimestamp}, {"v", TypeId::kFloat64}}),
      {e, t, v});
}

// Readings of one device at the given minutes.
TablePtr Series(const std::vector<std::pair<int, double>>& points) {
  std::vector<Reading> rs;
  for (auto [m, v] : points) rs.push_back({"D1", m, v});
  return Readings(rs);
}

AlertOptions Options(AlertRule rule) {
  AlertOptions o;
  o.entity = {"device"};
  o.time = "ts";
  o.keep = {"v"};
  if (rule.id.empty()) rule.id = "hot";
  if (rule.when.empty()) rule.when = "v > 80";
  rule.title_en = "Hot";
  rule.title_zh = "过热";
  rule.message = "{device}: {v}";
  rule.message_zh = "{device} 温度 {v}";
  o.rules = {rule};
  o.events = true;
  return o;
}

// "state@minute level" per event, in output order.
std::vector<std::string> Events(const Table& t) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    const int64_t us = t.column("time")->data<int64_t>()[i];
    out.push_back(fmt::format("{}@{} {}", t.column("state")->GetString(i), (us - kBase) / kMin,
                              t.column("level")->GetString(i)));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(AlertEvents, HeldForADuration) {
  AlertRule r;
  r.hold = 10 * kMin;
  TablePtr out = EvaluateAlertEvents(*Series({{0, 90},
                                              {5, 90},
                                              {10, 90},
                                              {15, 90},
                                              {20, 50},
                                              {25, 90},
                                              {30, 60},
                                              {35, 90},
                                              {40, 90},
                                              {45, 90}}),
                                     Options(r));
  // True since 0 → raised at 10; 15 is a repeat (no event); 20 breaks it; 25 alone is too short;
  // true again from 35 → raised at 45 and still open.
  EXPECT_EQ(Events(*out), (V{"raised@10 blue", "cleared@20 blue", "raised@45 blue"}));
  EXPECT_EQ(out->column("duration")->GetValue(1).float_value(), 600.0);
  EXPECT_EQ(out->column("duration")->GetValue(0).float_value(), 600.0);
  EXPECT_TRUE(out->column("end")->IsNull(2));
  EXPECT_TRUE(out->column("duration")->IsNull(2));
  EXPECT_EQ(out->column("alert_id")->GetString(0), "hot:D1:2024-06-03 08:10:00");
  EXPECT_EQ(out->column("event_id")->GetString(1), "hot:D1:2024-06-03 08:10:00#2");
  EXPECT_EQ(out->column("message")->GetString(0), "D1: 90.0");
  EXPECT_EQ(out->column("message_zh")->GetString(1), "D1 温度 50.0");
  EXPECT_EQ(out->column("v")->GetValue(1).float_value(), 50.0);
  EXPECT_EQ(out->schema().names().size(), AlertEventColumnNames().size() + 1);
}

TEST(AlertEvents, CountInASlidingWindow) {
  AlertRule r;
  r.count = 3;
  r.within = 60 * kMin;
  TablePtr out = EvaluateAlertEvents(
      *Series({{0, 90}, {20, 90}, {50, 90}, {65, 90}, {100, 90}, {200, 90}, {210, 90}, {220, 90}}),
      Options(r));
  // 3 in (−10, 50] → raised at 50; (5, 65] and (40, 100] still hold 3; (140, 200] holds 1 →
  // cleared; 200, 210, 220 make 3 again → raised at 220.
  EXPECT_EQ(Events(*out), (V{"raised@50 blue", "cleared@200 blue", "raised@220 blue"}));
  // The window is half-open: a reading exactly `within` ago no longer counts.
  out = EvaluateAlertEvents(*Series({{0, 90}, {30, 90}, {60, 90}}), Options(r));
  EXPECT_EQ(Events(*out), V{});
}

TEST(AlertEvents, ResetGivesHysteresis) {
  const std::vector<std::pair<int, double>> seq = {{0, 75}, {1, 85}, {2, 78}, {3, 72},
                                                   {4, 69}, {5, 75}, {6, 81}};
  AlertRule plain;
  plain.when = "v > 80";
  plain.escalate_after = 0;
  AlertOptions o = Options(plain);
  EXPECT_EQ(Events(*EvaluateAlertEvents(*Series(seq), o)),
            (V{"raised@1 blue", "cleared@2 blue", "raised@6 blue"}));
  AlertRule hyst;
  hyst.reset = "v < 70";
  EXPECT_EQ(Events(*EvaluateAlertEvents(*Series(seq), Options(hyst))),
            (V{"raised@1 blue", "cleared@4 blue", "raised@6 blue"}));
}

TEST(AlertEvents, EscalatesAfterADurationUpToALevel) {
  AlertRule r;
  r.level = AlertLevel::kBlue;
  r.reset = "v < 50";
  r.escalate_after = 30 * kMin;
  r.escalate_to = AlertLevel::kOrange;
  TablePtr out = EvaluateAlertEvents(
      *Series({{0, 90}, {10, 90}, {20, 90}, {30, 90}, {40, 90}, {60, 90}, {90, 90}, {100, 40}}),
      Options(r));
  EXPECT_EQ(Events(*out), (V{"raised@0 blue", "escalated@30 yellow", "escalated@60 orange",
                             "cleared@100 orange"}));
  EXPECT_EQ(out->column("level_code")->GetString(2), "II");
  EXPECT_EQ(out->column("level_zh")->GetString(2), "橙色");
  // Each level held until the next event.
  auto minute = [&](const char* col, int64_t row) {
    return (out->column(col)->data<int64_t>()[row] - kBase) / kMin;
  };
  EXPECT_EQ(minute("level_end", 0), 30);
  EXPECT_EQ(minute("level_end", 1), 60);
  EXPECT_EQ(minute("level_end", 2), 100);
  for (int64_t i = 0; i < 4; ++i) {
    EXPECT_EQ(minute("start", i), 0);
    EXPECT_EQ(minute("end", i), 100);
    EXPECT_EQ(out->column("duration")->GetValue(i).float_value(), 6000.0);
  }
}

TEST(AlertEvents, EscalatesAfterRepeats) {
  AlertRule r;
  r.level = AlertLevel::kYellow;
  r.reset = "v < 50";
  r.escalate_repeats = 2;
  TablePtr out = EvaluateAlertEvents(
      *Series({{0, 90}, {1, 90}, {2, 90}, {3, 70}, {4, 90}, {5, 90}, {6, 90}, {7, 90}, {8, 10}}),
      Options(r));
  // Repeats count true rows after the raise (1, 2 → orange) and after each escalation (4, 5 →
  // red); 70 is neither true nor a reset; red is the top.
  EXPECT_EQ(Events(*out),
            (V{"raised@0 yellow", "escalated@2 orange", "escalated@5 red", "cleared@8 red"}));
}

TEST(AlertEvents, SuppressionWindowAfterClearing) {
  AlertRule r;
  r.suppress = 30 * kMin;
  TablePtr out = EvaluateAlertEvents(
      *Series({{0, 90}, {10, 50}, {20, 90}, {30, 50}, {39, 90}, {40, 90}, {50, 50}}), Options(r));
  // Cleared at 10: the true rows at 20 and 39 fall inside [10, 40) and raise nothing.
  EXPECT_EQ(Events(*out),
            (V{"raised@0 blue", "cleared@10 blue", "raised@40 blue", "cleared@50 blue"}));
}

TEST(AlertEvents, StateChangesOnlyPerRuleAndEntityInTimeOrder) {
  AlertOptions o = Options(AlertRule{});
  AlertRule severe;
  severe.id = "very_hot";
  severe.level = AlertLevel::kRed;
  severe.when = "v > 95";
  severe.title_en = "Very hot";
  o.rules.push_back(severe);
  // Rows out of time order and interleaved; D2 stays hot for 5 readings.
  TablePtr in = Readings({{"D2", 3, 99},
                          {"D1", 0, 90},
                          {"D2", 0, 99},
                          {"D2", 1, 99},
                          {"D1", 1, 91},
                          {"D2", 2, 99},
                          {"D1", 2, 10},
                          {"D2", 4, 85}});
  TablePtr out = EvaluateAlertEvents(*in, o);
  std::vector<std::string> got;
  for (int64_t i = 0; i < out->num_rows(); ++i) {
    got.push_back(std::string(out->column("entity")->GetString(i)) + " " +
                  std::string(out->column("rule")->GetString(i)) + " " + Events(*out)[i]);
  }
  EXPECT_EQ(got, (V{"D1 hot raised@0 blue", "D2 hot raised@0 blue", "D2 very_hot raised@0 red",
                    "D1 hot cleared@2 blue", "D2 very_hot cleared@4 red"}));
  // Deterministic: the same input gives the same table.
  TablePtr again = EvaluateAlertEvents(*in, o);
  EXPECT_EQ(out->ToString(100), again->ToString(100));
  // EvaluateAlerts switches to events mode by itself for a stateful rule.
  AlertOptions implicit = o;
  implicit.events = false;
  implicit.rules[0].suppress = kMin;
  EXPECT_EQ(EvaluateAlerts(*in, implicit)->ColumnIndex("state"), 3);
}

TEST(AlertEvents, DatesCountWholeDays) {
  auto e = Column::Make(TypeId::kString), d = Column::Make(TypeId::kDate),
       v = Column::Make(TypeId::kFloat64);
  const int32_t day0 = DaysFromCivil(2024, 3, 1);
  for (int k = 0; k < 5; ++k) {
    e->AppendString("C1");
    d->AppendDate(day0 + k);
    v->AppendFloat64(k < 4 ? 90 : 10);
  }
  TablePtr in = Table::Make(
      Schema({{"device", TypeId::kString}, {"ts", TypeId::kDate}, {"v", TypeId::kFloat64}}),
      {e, d, v});
  AlertRule r;
  r.hold = 2 * kMicrosPerDay;  // "3 consecutive days"
  TablePtr out = EvaluateAlertEvents(*in, Options(r));
  ASSERT_EQ(out->num_rows(), 2);
  EXPECT_EQ(out->column("time")->type(), TypeId::kDate);
  EXPECT_EQ(out->column("time")->GetValue(0).ToString(), "2024-03-03");
  EXPECT_EQ(out->column("end")->GetValue(0).ToString(), "2024-03-05");
  EXPECT_EQ(out->column("duration")->GetValue(0).float_value(), 2 * 86400.0);
}

TEST(AlertEvents, ErrorsNameTheRule) {
  AlertRule r;
  r.count = 3;  // no window
  try {
    EvaluateAlertEvents(*Series({{0, 90}}), Options(r));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("alert rule 'hot'"), std::string::npos) << e.what();
  }
  AlertRule bad_reset;
  bad_reset.reset = "v + 1";
  try {
    EvaluateAlertEvents(*Series({{0, 90}}), Options(bad_reset));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'reset' must be a boolean"), std::string::npos)
        << e.what();
  }
  AlertOptions no_time = Options(AlertRule{});
  no_time.time = "";
  EXPECT_THROW(EvaluateAlertEvents(*Series({{0, 90}}), no_time), Error);
}

}  // namespace
}  // namespace xf
