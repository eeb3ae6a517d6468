#include <gtest/gtest.h>

#include "core/error.h"
#include "ops/project.h"

namespace xf {
namespace {

TablePtr Users() {
  return Table::Make(Schema({{"用户", TypeId::kString}, {"kva", TypeId::kInt64}, {"kwh", TypeId::kFloat64}}),
                     {Column::FromValues(TypeId::kString, {Value::String("甲"), Value::String("乙"),
                                                           Value::String("丙"), Value::String("丁")}),
                      Column::FromValues(TypeId::kInt64, {Value::Int64(10), Value::Int64(15),
                                                          Value::Int64(400), Value()}),
                      Column::FromValues(TypeId::kFloat64, {Value::Float64(2), Value::Float64(5.9),
                                                            Value::Float64(6), Value::Float64(1)})});
}

TEST(Project, FilterKeepsTrueRowsAndDropsNullAsFalse) {
  auto t = Filter(*Users(), "kva >= 15 AND kwh < 6");
  ASSERT_EQ(t->num_rows(), 1);
  EXPECT_EQ(t->column("用户")->GetString(0), "乙");
}

TEST(Project, FilterNeedsABooleanExpression) {
  try {
    Filter(*Users(), "kwh * 2");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kSpec);
    EXPECT_NE(std::string(e.what()).find("gives float64"), std::string::npos) << e.what();
  }
}

TEST(Project, DeriveSeesEarlierColumnsAndReplacesByName) {
  auto t = Derive(*Users(), {{"status", "CASE WHEN kwh < 6 THEN 'shutdown' ELSE 'producing' END"},
                             {"base", "kva >= 15 AND status = 'producing'"},
                             {"kwh", "kwh * 1000"}});
  ASSERT_EQ(t->num_columns(), 5);
  EXPECT_EQ(t->column("status")->GetString(1), "shutdown");
  EXPECT_EQ(t->column("status")->GetString(2), "producing");
  EXPECT_TRUE(t->column("base")->GetValue(2).bool_value());
  EXPECT_TRUE(t->column("base")->IsNull(3) || !t->column("base")->GetValue(3).bool_value());
  EXPECT_DOUBLE_EQ(t->column("kwh")->data<double>()[1], 5900);
}

TEST(Project, ProjectSelectsExactlyTheExpressionsAndNamesErrors) {
  auto t = Project(*Users(), {{"name", "用户"}, {"mwh", "kwh / 1000"}});
  ASSERT_EQ(t->schema().ToString(), "name:string, mwh:float64");
  try {
    Project(*Users(), {{"x", "kwhh + 1"}});
    FAIL();
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("column 'x'"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'kwh'"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace xf
