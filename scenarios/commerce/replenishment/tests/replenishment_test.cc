// commerce/replenishment against the ground truth its synthetic data injects: cleaning finds the
// injected outlier and missing days (precision and recall), the holiday-aware forecast beats
// seasonal-naive on the holdout, the dynamic reorder point cuts replayed stock-out days against
// the stores' fixed min/max, the plan, hot/slow and near-expiry rules exactly, the EAN-13 check
// of the SKU standard, and a spec error that names file, line and step.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "core/time.h"
#include "govern/validate.h"
#include "scenario_test_util.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("commerce/replenishment");

using Replenishment = ScenarioTest<DefaultRun<kScenario>>;

using DayKey = std::pair<std::string, std::string>;  // ("store|sku", date)

DayKey KeyOf(const Table& t, int64_t i) {
  return {Str(t, "store_id", i) + "|" + Str(t, "sku", i), Str(t, "date", i)};
}

bool Flag(const Table& t, const std::string& col, int64_t i) {
  return !t.column(col)->IsNull(i) && t.column(col)->GetValue(i).bool_value();
}

// The sources' data standards: nothing lost; the generated data meets every rule except the
// completeness of daily sales, which misses exactly the injected missing uploads.
TEST_F(Replenishment, StandardsScoreSourcesAndLoseNoRows) {
  ASSERT_EQ(Run().quality.size(), 4u);
  ExpectStandardsLoseNoRows(Run(), /*all_conform=*/false);
  int64_t missing = 0;
  const Table& truth = T("daily_sales__truth");
  for (int64_t i = 0; i < truth.num_rows(); ++i) missing += Str(truth, "kind", i) == "missing";
  int checked = 0;
  for (const govern::TableQuality& q : Run().quality) {
    EXPECT_EQ(q.rows_quarantined, 0) << q.table;
    for (const govern::RuleResult& r : q.rules) {
      ++checked;
      if (q.table == "daily_sales" && r.id == "qty_reported") {
        EXPECT_EQ(r.evaluated - r.conforming, missing);
      } else {
        EXPECT_EQ(r.conforming, r.evaluated) << q.table << " " << r.id;
      }
    }
  }
  EXPECT_GT(checked, 20);
}

// The EAN-13 check digit of every generated barcode, and the standard's custom rule quarantining
// exactly the barcodes whose last digit was changed.
TEST(ReplenishmentStandards, Ean13CheckDigitRuleFindsCorruptedBarcodes) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(kScenario);
  pipeline::RunResult loaded = pipeline::LoadInputs(spec, {.seed = 42, .scale = 1.0}, nullptr);
  const Table& skus = *loaded.tables.at("skus");
  ASSERT_EQ(skus.num_rows(), 40);
  auto barcode = Column::Make(TypeId::kString);
  std::set<int64_t> truth;
  for (int64_t i = 0; i < skus.num_rows(); ++i) {
    std::string b = Str(skus, "barcode", i);
    ASSERT_EQ(b.size(), 13u) << b;
    int sum = 0;
    for (int k = 0; k < 12; ++k) sum += (b[k] - '0') * (k % 2 == 0 ? 1 : 3);
    EXPECT_EQ((10 - sum % 10) % 10, b[12] - '0') << b;
    if (i % 5 == 2) {
      b[12] = static_cast<char>('0' + (b[12] - '0' + 1) % 10);
      truth.insert(i);
    }
    barcode->AppendString(b);
  }
  TablePtr dirty = skus.WithColumn("barcode", barcode);
  govern::TableLookup others = {{"suppliers", loaded.tables.at("suppliers")}};
  govern::Validation v =
      govern::Validate(spec.standards.at("skus"), dirty, {.table = "skus", .tables = &others});
  std::set<int64_t> found;
  const Table& q = *v.quarantine;
  for (int64_t i = 0; i < q.num_rows(); ++i) {
    found.insert(static_cast<int64_t>(Num(q, "_source_row", i)) - 1);
    EXPECT_NE(Str(q, "_rules", i).find("ean13_check_digit"), std::string::npos);
  }
  EXPECT_EQ(found, truth);
}

// Cleaning: every injected entry-error day is flagged (few false alarms), every missing upload is
// found and filled, and nothing is left empty.
TEST_F(Replenishment, CleaningFindsInjectedOutliersAndMissingDays) {
  const Table& truth = T("daily_sales__truth");
  std::set<DayKey> spikes, missing;
  for (int64_t i = 0; i < truth.num_rows(); ++i) {
    (Str(truth, "kind", i) == "missing" ? missing : spikes).insert(KeyOf(truth, i));
  }
  ASSERT_GE(spikes.size(), 55u);
  ASSERT_GE(missing.size(), 100u);
  const Table& c = T("sales_clean");
  std::set<DayKey> flagged, empty, filled;
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    if (Flag(c, "qty_outlier", i)) flagged.insert(KeyOf(c, i));
    if (c.column("qty")->IsNull(i)) empty.insert(KeyOf(c, i));
    if (Flag(c, "qty_clean_filled", i)) filled.insert(KeyOf(c, i));
    EXPECT_FALSE(c.column("qty_clean")->IsNull(i))
        << KeyOf(c, i).first << " " << KeyOf(c, i).second;
  }
  Score s = Compare(flagged, spikes);
  EXPECT_GE(s.precision, 0.9) << flagged.size();
  EXPECT_GE(s.recall, 0.98);
  Score m = Compare(empty, missing);
  EXPECT_EQ(m.precision, 1.0);
  EXPECT_EQ(m.recall, 1.0);
  // Filled = missing + flagged days.
  std::set<DayKey> expect = missing;
  expect.insert(flagged.begin(), flagged.end());
  EXPECT_EQ(filled, expect);
}

// The holiday-aware forecast against seasonal-naive (same weekday a week earlier) over the 42-day
// holdout, which holds the 2025 Spring Festival: MAE below 0.8× the naive MAE overall (pooled
// over all SKU × store series), below 1× in every category and in at least 90% of the series,
// and below 0.6× on the holiday days themselves.
TEST_F(Replenishment, HolidayAwareForecastBeatsSeasonalNaive) {
  const Table& a = T("accuracy_daytype");
  ASSERT_EQ(a.num_rows(), 1);
  EXPECT_EQ(Num(a, "n", 0), 240 * 42);
  EXPECT_LT(Num(a, "mae_ratio", 0), 0.8) << Num(a, "mae", 0) << " vs " << Num(a, "naive_mae", 0);
  EXPECT_GE(Num(a, "series_beating_naive", 0), 0.9 * 240);
  const Table& c = T("accuracy_by_category");
  ASSERT_EQ(c.num_rows(), 5);
  for (int64_t i = 0; i < c.num_rows(); ++i)
    EXPECT_LT(Num(c, "mae_ratio", i), 1.0) << Str(c, "category", i);
  // On the holdout's statutory holidays, recomputed from the rows.
  const Table& h = T("holdout");
  double model = 0, naive = 0;
  int n = 0;
  for (int64_t i = 0; i < h.num_rows(); ++i) {
    if (Str(h, "day_type", i) != "holiday") continue;
    const double y = Num(h, "qty_clean", i);
    model += std::abs(y - Num(h, "fc_expected", i));
    naive += std::abs(y - Num(h, "naive_qty", i));
    ++n;
  }
  EXPECT_EQ(n, 240 * 8);  // 2025-01-28 … 2025-02-04
  EXPECT_LT(model, 0.6 * naive) << model / naive;
}

// The holdout replay: the dynamic reorder point has at most half the fixed min/max's stock-out
// days, and does not buy that with a much larger stock.
TEST_F(Replenishment, DynamicReorderPointCutsStockOuts) {
  auto count = [](const Table& r) {
    int64_t days = 0;
    double stock = 0;
    for (int64_t i = 0; i < r.num_rows(); ++i) {
      days += Flag(r, "stockout", i);
      stock += Num(r, "on_hand_end", i);
    }
    return std::make_pair(days, stock / static_cast<double>(r.num_rows()));
  };
  auto [dyn_days, dyn_stock] = count(T("replay_dynamic"));
  auto [fix_days, fix_stock] = count(T("replay_fixed"));
  ASSERT_EQ(T("replay_dynamic").num_rows(), 240 * 42);
  EXPECT_GT(fix_days, 100);
  EXPECT_LT(dyn_days, fix_days / 2) << dyn_days << " vs " << fix_days;
  EXPECT_LT(dyn_stock, 1.5 * fix_stock) << dyn_stock << " vs " << fix_stock;
  const Table& p = T("policy_summary");
  ASSERT_EQ(p.num_rows(), 2);
  EXPECT_EQ(Num(p, "stockout_days", 0), dyn_days);
  EXPECT_EQ(Num(p, "stockout_days", 1), fix_days);
}

// The reorder point and the plan, recomputed by hand from each line's own columns.
TEST_F(Replenishment, PlanFollowsTheReorderRule) {
  const Table& s = T("stock_status");
  ASSERT_EQ(s.num_rows(), 240);
  int64_t reorder = 0;
  for (int64_t i = 0; i < s.num_rows(); ++i) {
    const double rop = Num(s, "reorder_point", i), on_hand = Num(s, "on_hand", i);
    EXPECT_NEAR(rop, Num(s, "lead_time_demand", i) + Num(s, "safety_stock", i), 0.051);
    const bool now = on_hand <= rop;
    EXPECT_EQ(Flag(s, "reorder_now", i), now);
    if (now) {
      ++reorder;
      const double pack = Num(s, "order_qty", i) / Num(s, "order_cases", i);
      EXPECT_GE(on_hand + Num(s, "order_qty", i), Num(s, "order_up_to", i));
      EXPECT_LT(on_hand + Num(s, "order_qty", i) - pack, Num(s, "order_up_to", i));
    } else {
      EXPECT_EQ(Num(s, "order_qty", i), 0);
    }
  }
  EXPECT_EQ(T("replenishment_plan").num_rows(), reorder);
  EXPECT_GT(reorder, 0);
  // Safety stock = 1.645 · σ · √L on the last day.
  const Table& today = T("today");
  for (int64_t i = 0; i < today.num_rows(); ++i) {
    if (today.column("sigma")->IsNull(i)) continue;
    EXPECT_NEAR(Num(today, "safety_stock", i),
                1.645 * Num(today, "sigma", i) * std::sqrt(Num(today, "lead_time_days", i)), 0.051);
  }
}

TEST_F(Replenishment, HotAndSlowSellersAreTheTopAndBottomFifth) {
  const Table& c = T("seller_classes");
  ASSERT_EQ(c.num_rows(), 40);
  std::map<std::string, int> n;
  double min_hot = 1e18, max_other = 0, max_slow = 0, min_other = 1e18;
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    const std::string k = Str(c, "seller_class", i);
    const double v = Num(c, "sales_value_28d", i);
    ++n[k];
    if (k == "hot") min_hot = std::min(min_hot, v);
    if (k != "hot") max_other = std::max(max_other, v);
    if (k == "slow") max_slow = std::max(max_slow, v);
    if (k != "slow") min_other = std::min(min_other, v);
  }
  EXPECT_EQ(n["hot"], 8);
  EXPECT_EQ(n["slow"], 8);
  EXPECT_GE(min_hot, max_other);
  EXPECT_LE(max_slow, min_other);
}

// Near-expiry by the shelf-life tiers, recomputed from the batches and the SKU master.
TEST_F(Replenishment, NearExpiryListFollowsTheShelfLifeTiers) {
  const Table& skus = T("skus");
  std::map<std::string, int64_t> shelf;
  for (int64_t i = 0; i < skus.num_rows(); ++i)
    shelf[Str(skus, "sku", i)] = static_cast<int64_t>(Num(skus, "shelf_life_days", i));
  const Table& b = T("stock_batches");
  const int32_t today = DaysFromCivil(2025, 2, 28);
  std::set<std::string> expect;
  for (int64_t i = 0; i < b.num_rows(); ++i) {
    const int64_t life = shelf.at(Str(b, "sku", i));
    const int32_t produced = b.column("production_date")->data<int32_t>()[i];
    const int64_t left = produced + life - today;
    const int64_t tier = life >= 365   ? 45
                         : life >= 180 ? 20
                         : life >= 90  ? 15
                         : life >= 30  ? 10
                         : life >= 16  ? 5
                                       : 2;
    if (left <= tier) expect.insert(Str(b, "batch_id", i));
  }
  EXPECT_GT(expect.size(), 5u);
  EXPECT_EQ(Keys(T("near_expiry_list"), "batch_id"), expect);
}

TEST(ReplenishmentSpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    reorder_point: min_qty\n", "    reorder_pont: min_qty\n",
                  "replay_fixed", "reorder_point");
}

}  // namespace
}  // namespace xf
