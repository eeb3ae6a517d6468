// inventory_sim configured from YAML: a hand-traced replay of a reorder-point policy.
#include <gtest/gtest.h>

#include "core/time.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::F;
using testing::FloatColumn;
using testing::RunStep;
using testing::StringColumn;

// Series A: 6 days of demand 3, reorder point 4, order up to 10, lead time 2 days, 6 in stock,
// case pack 4. Series B: no reorder point (never orders), 5 in stock. One row has no date.
TablePtr Plan() {
  auto date = Column::Make(TypeId::kDate), rop = Column::Make(TypeId::kFloat64);
  const int32_t d0 = DaysFromCivil(2025, 1, 1);
  std::vector<std::string> keys;
  for (int d = 0; d < 6; ++d) {
    keys.push_back("A");
    date->AppendDate(d0 + d);
    rop->AppendFloat64(4);
  }
  for (int d = 0; d < 2; ++d) {
    keys.push_back("B");
    date->AppendDate(d0 + d);
    rop->AppendNull();
  }
  keys.push_back("B");
  date->AppendNull();
  rop->AppendNull();
  const size_t n = keys.size();
  return Table::Make(
      Schema({{"sku", TypeId::kString},
              {"date", TypeId::kDate},
              {"demand", TypeId::kFloat64},
              {"rop", TypeId::kFloat64},
              {"upto", TypeId::kFloat64},
              {"lead", TypeId::kFloat64},
              {"stock", TypeId::kFloat64},
              {"pack", TypeId::kFloat64}}),
      {StringColumn(keys), date, FloatColumn(std::vector<double>(n, 3)), rop,
       FloatColumn(std::vector<double>(n, 10)), FloatColumn(std::vector<double>(n, 2)),
       FloatColumn({6, 6, 6, 6, 6, 6, 5, 5, 5}), FloatColumn(std::vector<double>(n, 4))});
}

constexpr const char* kSim = R"(
id: sim
kind: inventory_sim
in: plan
out: replay
by: [sku]
time: date
demand: demand
reorder_point: rop
order_up_to: upto
lead_time: lead
initial_stock: stock
case_pack: pack
)";

TEST(InventorySimSteps, ReplaysTheReorderPolicyDayByDay) {
  const auto out = RunStep(kSim, {Plan()});
  const Table& r = *out[0];
  ASSERT_EQ(r.num_rows(), 9);
  // Day 1: 6 − 3 = 3 ≤ 4 → order 10 − 3 = 7, rounded up to 8 (case pack 4), due on day 3.
  const double start[] = {6, 3, 8, 5, 2, 8};
  const double sold[] = {3, 3, 3, 3, 2, 3};
  const double ordered[] = {8, 0, 0, 8, 0, 0};
  const double received[] = {0, 0, 8, 0, 0, 8};
  const double end[] = {3, 0, 5, 2, 0, 5};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(F(r, "on_hand_start", i), start[i]) << i;
    EXPECT_EQ(F(r, "sold", i), sold[i]) << i;
    EXPECT_EQ(F(r, "order_qty", i), ordered[i]) << i;
    EXPECT_EQ(F(r, "received", i), received[i]) << i;
    EXPECT_EQ(F(r, "on_hand_end", i), end[i]) << i;
    EXPECT_EQ(r.column("stockout")->GetValue(i).ToString(), i == 4 ? "true" : "false") << i;
  }
  // Day 2: 0 on hand but 8 on order (> 4): no second order.
  EXPECT_EQ(F(r, "on_order", 1), 8);
  EXPECT_EQ(F(r, "lost", 4), 1);
  // B never orders: 5 → 2 → out on day 2 with 1 unit lost.
  EXPECT_EQ(F(r, "on_hand_end", 6), 2);
  EXPECT_EQ(F(r, "lost", 7), 1);
  EXPECT_EQ(F(r, "order_qty", 7), 0);
  // The undated row is kept, not simulated.
  EXPECT_TRUE(r.column("sold")->IsNull(8));
  EXPECT_TRUE(r.column("stockout")->IsNull(8));
}

TEST(InventorySimSteps, SpecErrorsNameTheStep) {
  std::string e = ErrorOf(std::string(kSim) + "prefix: x_\n", {Plan()});
  EXPECT_EQ(e, "");  // prefix is accepted
  std::string bad = kSim;
  bad.replace(bad.find("time: date"), 10, "time: rop");
  e = ErrorOf(bad, {Plan()});
  EXPECT_NE(e.find("step 'sim'"), std::string::npos) << e;
  EXPECT_NE(e.find("must be a date"), std::string::npos) << e;
  bad = kSim;
  bad.replace(bad.find("demand: demand"), 14, "demand: demnd");
  e = ErrorOf(bad, {Plan()});
  EXPECT_NE(e.find("demnd"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
