#include "alert/alert_rules.h"

#include <gtest/gtest.h>

#include "alert/alert_level.h"
#include "alert/message_template.h"
#include "core/error.h"
#include "core/time.h"

namespace xf {
namespace {

std::string Cell(const Table& t, const std::string& col, int64_t row) {
  return t.column(col)->GetValue(row).ToString();
}

// Daily kWh vs expected for three users over two days.
TablePtr Usage() {
  auto user = Column::Make(TypeId::kString), date = Column::Make(TypeId::kDate),
       kwh = Column::Make(TypeId::kFloat64), expected = Column::Make(TypeId::kFloat64),
       region = Column::Make(TypeId::kString);
  struct R {
    const char* u;
    int day;
    double kwh, exp;
  };
  const R rows[] = {
      {"U2", 2, 20, 100},   // -80%: orange and yellow fire → orange kept
      {"U1", 1, 100, 100},  // normal
      {"U1", 2, 150, 100},  // +50%: blue
      {"U3", 1, 5, 100},    // -95%: red (shutdown) and orange and yellow
      {"U3", 2, 99, 100},   // normal
  };
  const int32_t base = DaysFromCivil(2024, 5, 6);
  for (const R& r : rows) {
    user->AppendString(r.u);
    date->AppendDate(base + r.day);
    kwh->AppendFloat64(r.kwh);
    expected->AppendFloat64(r.exp);
    region->AppendString("east");
  }
  return Table::Make(Schema({{"user_id", TypeId::kString},
                             {"date", TypeId::kDate},
                             {"kwh", TypeId::kFloat64},
                             {"expected", TypeId::kFloat64},
                             {"region", TypeId::kString}}),
                     {user, date, kwh, expected, region});
}

AlertOptions Options() {
  AlertOptions o;
  o.entity = {"user_id"};
  o.time = "date";
  o.keep = {"kwh", "region"};
  o.rules = {
      {.id = "drop_30",
       .level = AlertLevel::kYellow,
       .when = "kwh < 0.7 * expected",
       .title_en = "Usage drop",
       .title_zh = "用电下降",
       .message = "{user_id}: {kwh} kWh vs expected {expected}"},
      {.id = "drop_60",
       .level = AlertLevel::kOrange,
       .when = "kwh < 0.4 * expected",
       .title_en = "Sharp usage drop",
       .title_zh = "用电骤降",
       .message = "{user_id}: {kwh:.0f} kWh, {{expected}} {expected}"},
      {.id = "surge",
       .level = AlertLevel::kBlue,
       .when = "kwh > 1.3 * expected",
       .title_en = "Usage surge",
       .title_zh = "用电激增"},
      {.id = "shutdown",
       .level = AlertLevel::kRed,
       .when = "kwh < 6",
       .title_en = "Shut down",
       .title_zh = "停产",
       .message = "{user_id} shut down on {date}"},
  };
  return o;
}

TEST(AlertLevel, ParsesEveryConvention) {
  EXPECT_EQ(ParseAlertLevel("red"), AlertLevel::kRed);
  EXPECT_EQ(ParseAlertLevel("Orange"), AlertLevel::kOrange);
  EXPECT_EQ(ParseAlertLevel("III"), AlertLevel::kYellow);
  EXPECT_EQ(ParseAlertLevel("iv"), AlertLevel::kBlue);
  EXPECT_EQ(ParseAlertLevel("红色"), AlertLevel::kRed);
  EXPECT_EQ(ParseAlertLevel("橙色预警"), AlertLevel::kOrange);
  EXPECT_EQ(ParseAlertLevel("蓝"), AlertLevel::kBlue);
  EXPECT_EQ(ParseAlertLevel("2"), AlertLevel::kOrange);
  EXPECT_EQ(ParseAlertLevel("green"), std::nullopt);
  EXPECT_STREQ(AlertLevelCode(AlertLevel::kYellow), "III");
  EXPECT_STREQ(AlertLevelZh(AlertLevel::kYellow), "黄色");
}

TEST(AlertRules, MostSevereWinsAndOrder) {
  TablePtr a = EvaluateAlerts(*Usage(), Options());
  EXPECT_EQ(a->schema().ToString(),
            "alert_id:string, rule:string, level:string, level_code:string, level_zh:string, "
            "title_en:string, title_zh:string, entity:string, time:date, message:string, "
            "kwh:float64, region:string");
  ASSERT_EQ(a->num_rows(), 3) << a->ToString();
  // Day 1: U3 red. Day 2: U2 orange, then U1 blue (severity before entity).
  EXPECT_EQ(Cell(*a, "alert_id", 0), "shutdown:U3:2024-05-07");
  EXPECT_EQ(Cell(*a, "level", 0), "red");
  EXPECT_EQ(Cell(*a, "level_code", 0), "I");
  EXPECT_EQ(Cell(*a, "level_zh", 0), "红色");
  EXPECT_EQ(Cell(*a, "message", 0), "U3 shut down on 2024-05-07");
  EXPECT_EQ(Cell(*a, "title_zh", 0), "停产");
  EXPECT_EQ(Cell(*a, "alert_id", 1), "drop_60:U2:2024-05-08");
  EXPECT_EQ(Cell(*a, "level_zh", 1), "橙色");
  EXPECT_EQ(Cell(*a, "message", 1), "U2: 20 kWh, {expected} 100.0");
  EXPECT_EQ(Cell(*a, "alert_id", 2), "surge:U1:2024-05-08");
  EXPECT_EQ(Cell(*a, "level_code", 2), "IV");
  EXPECT_EQ(Cell(*a, "message", 2), "Usage surge");  // no template: the title
  EXPECT_EQ(Cell(*a, "kwh", 2), "150");
  EXPECT_EQ(Cell(*a, "region", 2), "east");
}

TEST(AlertRules, WithoutDedupEveryFiringIsKept) {
  AlertOptions o = Options();
  o.dedup = false;
  TablePtr a = EvaluateAlerts(*Usage(), o);
  ASSERT_EQ(a->num_rows(), 6);
  // Day 1, U3: red, orange, yellow in severity order.
  EXPECT_EQ(Cell(*a, "rule", 0), "shutdown");
  EXPECT_EQ(Cell(*a, "rule", 1), "drop_60");
  EXPECT_EQ(Cell(*a, "rule", 2), "drop_30");
  EXPECT_EQ(Cell(*a, "message", 2), "U3: 5.0 kWh vs expected 100.0");
}

TEST(AlertRules, NoTimeColumnAndMultiColumnEntity) {
  AlertOptions o = Options();
  o.time.clear();
  o.entity = {"region", "user_id"};
  o.keep.clear();
  TablePtr a = EvaluateAlerts(*Usage(), o);
  EXPECT_EQ(a->ColumnIndex("time"), -1);
  // Per entity only: U3's red (day 1) beats nothing else of U3; U2 orange; U1 blue.
  ASSERT_EQ(a->num_rows(), 3);
  EXPECT_EQ(Cell(*a, "alert_id", 0), "shutdown:east|U3");
  EXPECT_EQ(Cell(*a, "entity", 1), "east|U2");
  EXPECT_EQ(Cell(*a, "entity", 2), "east|U1");
}

TEST(AlertRules, ErrorsNameTheRule) {
  auto expect_error = [](AlertOptions o, const std::string& needle) {
    try {
      EvaluateAlerts(*Usage(), o);
      ADD_FAILURE() << "expected an error with " << needle;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  AlertOptions o = Options();
  o.rules[1].when = "kwh < 0.4 * expeted";
  expect_error(o, "alert rule 'drop_60'");
  o = Options();
  o.rules[0].when = "kwh + 1";
  expect_error(o, "boolean");
  o = Options();
  o.rules[2].message = "{user_idd}";
  expect_error(o, "did you mean 'user_id'");
  o = Options();
  o.rules[2].message = "{kwh";
  expect_error(o, "unmatched '{'");
  o = Options();
  o.rules[3].id = "surge";
  expect_error(o, "used twice");
  o = Options();
  o.keep = {"kwh", "nope"};
  expect_error(o, "nope");
}

TEST(MessageTemplate, FormatsValues) {
  auto t = Table::Make(
      Schema({{"i", TypeId::kInt64}, {"f", TypeId::kFloat64}, {"s", TypeId::kString}}),
      {Column::FromValues(TypeId::kInt64, {Value::Int64(42), Value()}),
       Column::FromValues(TypeId::kFloat64, {Value::Float64(-0.04), Value::Float64(2.25)}),
       Column::FromValues(TypeId::kString, {Value::String("电"), Value()})});
  MessageTemplate m = MessageTemplate::Parse("{i}|{f}|{f:.3f}|{i:.1f}|{s}");
  EXPECT_EQ(m.Render(*t, 0), "42|0.0|-0.040|42.0|电");
  EXPECT_EQ(m.Render(*t, 1), "NULL|2.2|2.250|NULL|NULL");
  EXPECT_THROW(MessageTemplate::Parse("{x:3}"), Error);
  EXPECT_THROW(MessageTemplate::Parse("a } b"), Error);
  EXPECT_EQ(MessageTemplate::Parse("{{}}").Render(*t, 0), "{}");
}

}  // namespace
}  // namespace xf
