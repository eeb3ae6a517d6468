// green/power-carbon against the truth its synthetic data is built from: the yearbook regression
// recovers each industry's true energy factor, CO₂ totals match the CO₂ of the true factors, the
// factors table is read from the scenario's bundled CSV, the Tapio step classifies hand-computed
// cases exactly (all 8 states and the boundaries), the Holt-Winters forecast beats seasonal-naive
// on a 12-month backtest, and spec errors name file, line and step.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>
#include <tuple>

#include "pipeline/step.h"
#include "scenario_test_util.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("green/power-carbon");

// The energy per MWh of electricity (tce/MWh) the synthetic data is generated with.
const std::map<std::string, double> kTrueFactor = {{"钢铁", 1.10}, {"水泥", 1.60}, {"化工", 0.90},
                                                   {"造纸", 0.75}, {"纺织", 0.40}, {"机械", 0.25},
                                                   {"电子", 0.18}, {"食品", 0.45}};
// IPCC 2006 Vol.2 Table 1.4 (t CO₂/TJ) × 0.0293076 TJ/tce, and the national grid factor.
constexpr double kCoal = 94.6 * 0.0293076, kGas = 56.1 * 0.0293076, kOil = 74.1 * 0.0293076;
constexpr double kGrid = 0.5703;

class PowerCarbon : public ScenarioTest<DefaultRun<kScenario>> {
 protected:
  // CO₂ of one company-month with the TRUE energy factor of its industry.
  static double TrueCo2(const std::string& industry, double mwh) {
    const Table& mix = T("industry_fuel_mix");
    for (int64_t i = 0; i < mix.num_rows(); ++i) {
      if (Str(mix, "industry", i) != industry) continue;
      double per_tce = Num(mix, "coal_share", i) * kCoal + Num(mix, "gas_share", i) * kGas +
                       Num(mix, "oil_share", i) * kOil;
      return mwh * ((kTrueFactor.at(industry) - 0.1229) * per_tce + kGrid);
    }
    ADD_FAILURE() << "no fuel mix for " << industry;
    return 0;
  }
};

TEST_F(PowerCarbon, StandardsScoreSourcesAndLoseNoRows) {
  ASSERT_EQ(Run().quality.size(), 4u);
  ExpectStandardsLoseNoRows(Run());
}

// The factors table is the bundled CSV: IPCC defaults and the grid factor as published.
TEST_F(PowerCarbon, FactorsComeFromTheBundledTable) {
  const Table& f = T("emission_factors");
  ASSERT_EQ(f.num_rows(), 4);
  std::map<std::string, double> ef;
  for (int64_t i = 0; i < f.num_rows(); ++i) {
    std::string fuel = Str(f, "fuel", i);
    ef[fuel] = fuel == "electricity" ? Num(f, "ef_tco2_per_mwh", i) : Num(f, "ef_tco2_per_tj", i);
    EXPECT_FALSE(Str(f, "source", i).empty());
  }
  EXPECT_EQ(ef["coal"], 94.6);
  EXPECT_EQ(ef["natural_gas"], 56.1);
  EXPECT_EQ(ef["oil"], 74.1);
  EXPECT_EQ(ef["electricity"], 0.5703);
  // Hand check on every company-month: purchased electricity × 0.5703.
  const Table& c = T("company_month_carbon");
  ASSERT_EQ(c.num_rows(), 150 * 48);
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    ASSERT_NEAR(Num(c, "co2_electricity_t", i), Num(c, "kwh", i) / 1000 * 0.5703, 1e-9) << i;
  }
}

// 以电算能: the regression on the yearbook recovers each industry's true factor within 5 %.
TEST_F(PowerCarbon, FittedEnergyFactorsMatchTheTrueOnes) {
  const Table& f = T("energy_factors");
  ASSERT_EQ(f.num_rows(), 8);
  for (int64_t i = 0; i < f.num_rows(); ++i) {
    const std::string industry = Str(f, "industry", i);
    const double want = kTrueFactor.at(industry), got = Num(f, "tce_per_mwh", i);
    std::cout << industry << " fitted " << got << " true " << want << "\n";
    EXPECT_NEAR(got, want, 0.05 * want) << industry;
  }
}

// 以能算碳: CO₂ totals against the CO₂ of the true factors — the city each year within 2 %, every
// district-year within 3 %.
TEST_F(PowerCarbon, Co2TotalsMatchTheTruth) {
  const Table& c = T("company_month_carbon");
  std::map<std::pair<std::string, int64_t>, double> truth_region;
  std::map<int64_t, double> truth_city, got_city;
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    double t = TrueCo2(Str(c, "industry", i), Num(c, "kwh", i) / 1000);
    int64_t year = c.column("year")->GetValue(i).int_value();
    truth_region[{Str(c, "region", i), year}] += t;
    truth_city[year] += t;
  }
  const Table& r = T("region_year");
  ASSERT_EQ(r.num_rows(), 6 * 4);
  for (int64_t i = 0; i < r.num_rows(); ++i) {
    int64_t year = r.column("year")->GetValue(i).int_value();
    double want = truth_region.at({Str(r, "region", i), year}), got = Num(r, "co2_t", i);
    EXPECT_NEAR(got, want, 0.03 * want) << Str(r, "region", i) << " " << year;
    got_city[year] += got;
  }
  for (auto& [year, want] : truth_city) {
    std::cout << year << " CO2 " << got_city[year] << " t, truth " << want << " t, error "
              << 100 * (got_city[year] / want - 1) << " %\n";
    EXPECT_NEAR(got_city[year], want, 0.02 * want) << year;
  }
}

// Every company-month adds up: CO₂ = Σ fuel tce × fuel factor + MWh × grid factor, and the fuels
// sum to the energy not supplied as electricity.
TEST_F(PowerCarbon, CarbonChainAddsUp) {
  const Table& c = T("company_month_carbon");
  for (int64_t i = 0; i < c.num_rows(); i += 13) {
    double mwh = Num(c, "kwh", i) / 1000;
    double energy = mwh * Num(c, "tce_per_mwh", i);
    ASSERT_NEAR(Num(c, "energy_tce", i), energy, 1e-6 * energy);
    double fossil = energy - mwh * 0.1229;
    ASSERT_NEAR(Num(c, "coal_tce", i) + Num(c, "gas_tce", i) + Num(c, "oil_tce", i), fossil,
                1e-6 * energy);
    double co2 = Num(c, "coal_tce", i) * kCoal + Num(c, "gas_tce", i) * kGas +
                 Num(c, "oil_tce", i) * kOil + mwh * kGrid;
    ASSERT_NEAR(Num(c, "co2_t", i), co2, 1e-6 * co2) << i;
  }
}

// The Tapio step of the scenario on hand-computed cases: growths of output (G) and CO₂ (C) from a
// base of 100, elasticity e = %ΔC ÷ %ΔG, boundaries 0.8 and 1.2 on the coupling side.
TEST(PowerCarbonTapio, EightStatesOnHandComputedCases) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(kScenario);
  const pipeline::StepSpec* tapio = nullptr;
  for (const pipeline::StepSpec& s : spec.steps) {
    if (s.id == "tapio_state") tapio = &s;
  }
  ASSERT_NE(tapio, nullptr);
  struct Case {
    double g, c;
    const char* state;  // "" = no elasticity
    double e;
  };
  const std::vector<Case> cases = {
      {110, 95, "strong decoupling", -0.5},
      {110, 105, "weak decoupling", 0.5},
      {110, 100, "weak decoupling", 0},
      {110, 108, "expansive coupling", 0.8},
      {110, 110, "expansive coupling", 1.0},
      {110, 112, "expansive coupling", 1.2},
      {110, 113, "expansive negative decoupling", 1.3},
      {90, 105, "strong negative decoupling", -0.5},
      {90, 96, "weak negative decoupling", 0.4},
      {90, 92, "recessive coupling", 0.8},
      {90, 90, "recessive coupling", 1.0},
      {90, 88, "recessive coupling", 1.2},
      {90, 80, "recessive decoupling", 2.0},
      {100, 105, "", 0},
  };
  auto region = Column::Make(TypeId::kString), year = Column::Make(TypeId::kInt64);
  auto co2 = Column::Make(TypeId::kFloat64), out = Column::Make(TypeId::kFloat64),
       co2_prev = Column::Make(TypeId::kFloat64), out_prev = Column::Make(TypeId::kFloat64);
  for (const Case& k : cases) {
    region->AppendString("R");
    year->AppendInt64(2024);
    co2->AppendFloat64(k.c);
    out->AppendFloat64(k.g);
    co2_prev->AppendFloat64(100);
    out_prev->AppendFloat64(100);
  }
  TablePtr in = Table::Make(Schema({{"region", TypeId::kString},
                                    {"year", TypeId::kInt64},
                                    {"co2_t", TypeId::kFloat64},
                                    {"output_wan", TypeId::kFloat64},
                                    {"co2_prev", TypeId::kFloat64},
                                    {"output_prev", TypeId::kFloat64}}),
                            {region, year, co2, out, co2_prev, out_prev});
  pipeline::StepContext ctx(tapio->id, tapio->inputs, {in}, tapio->outputs, 42);
  tapio->step->Run(ctx);
  const Table& t = *ctx.outputs()[0];
  ASSERT_EQ(t.num_rows(), static_cast<int64_t>(cases.size()));
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& k = cases[i];
    const int64_t row = static_cast<int64_t>(i);
    if (std::string(k.state).empty()) {
      EXPECT_TRUE(t.column("state_en")->IsNull(row)) << "G " << k.g << " C " << k.c;
      EXPECT_TRUE(t.column("elasticity")->IsNull(row));
      continue;
    }
    EXPECT_EQ(Str(t, "state_en", row), k.state) << "G " << k.g << " C " << k.c;
    EXPECT_DOUBLE_EQ(Num(t, "elasticity", row), k.e) << "G " << k.g << " C " << k.c;
  }
}

// On the run itself: every district-year's state follows from its own growth figures, and the
// synthetic districts decouple differently (at least three states occur); the alerts are exactly
// the district-years in a negative state.
TEST_F(PowerCarbon, DecouplingStatesFollowTheGrowths) {
  const Table& d = T("decoupling");
  ASSERT_EQ(d.num_rows(), 7 * 3);  // 6 districts and the city, 2022–2024
  std::set<std::string> states;
  std::set<std::pair<std::string, std::string>> expected_alerts;
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    double dc = Num(d, "co2_t", i) / Num(d, "co2_prev", i) - 1;
    double dg = Num(d, "output_wan", i) / Num(d, "output_prev", i) - 1;
    double e = std::round(dc / dg * 1000) / 1000;
    std::string want = dg > 0 ? (dc < 0     ? "strong decoupling"
                                 : e < 0.8  ? "weak decoupling"
                                 : e <= 1.2 ? "expansive coupling"
                                            : "expansive negative decoupling")
                              : (dc > 0     ? "strong negative decoupling"
                                 : e < 0.8  ? "weak negative decoupling"
                                 : e <= 1.2 ? "recessive coupling"
                                            : "recessive decoupling");
    EXPECT_EQ(Str(d, "state_en", i), want) << Str(d, "region", i) << " " << Str(d, "year", i);
    states.insert(want);
    if (want.find("negative") != std::string::npos || want == "recessive coupling") {
      expected_alerts.emplace(Str(d, "region", i), Str(d, "year", i) + "-12-31");
    }
  }
  EXPECT_GE(states.size(), 3u);
  // Negative decoupling (and output falling without CO₂ falling faster) raises an alert, exactly.
  EXPECT_FALSE(expected_alerts.empty());
  EXPECT_EQ(Pairs(T("decoupling_alerts"), "entity", "time"), expected_alerts);
}

// Holt-Winters backtest: fitted on all but the last 12 months, it forecasts those 12 with a lower
// MAE than seasonal-naive (the same month a year earlier) — recomputed here from the rows.
TEST_F(PowerCarbon, ForecastBeatsSeasonalNaive) {
  const Table& b = T("forecast_backtest");
  ASSERT_EQ(b.num_rows(), 12);
  double model = 0, naive = 0;
  for (int64_t i = 0; i < b.num_rows(); ++i) {
    model += std::abs(Num(b, "forecast", i) - Num(b, "actual", i));
    naive += std::abs(Num(b, "naive", i) - Num(b, "actual", i));
  }
  std::cout << "backtest MAE " << model / 12 << " kt vs seasonal-naive " << naive / 12 << " kt\n";
  EXPECT_LT(model, 0.9 * naive);
  const Table& a = T("forecast_accuracy");
  EXPECT_NEAR(Num(a, "mae_ratio", 0), model / naive, 0.001);
  // The forward forecast: 12 months after the last one.
  const Table& f = T("city_forecast");
  int64_t ahead = 0;
  for (int64_t i = 0; i < f.num_rows(); ++i) ahead += Str(f, "kind", i) == "forecast";
  EXPECT_EQ(ahead, 12);
  EXPECT_EQ(Str(f, "month", f.num_rows() - 1), "2025-12-01");
}

TEST(PowerCarbonSpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    season_length: 12\n", "    season_lenght: 12\n", "backtest_fit",
                  "season_length");
}

TEST(PowerCarbonSpec, UnknownBundledOptionIsNamed) {
  // A source's option: the error names no step.
  ExpectSpecError(kScenario, "      bundled: true\n", "      bundle: true\n", "", "bundled");
}

}  // namespace
}  // namespace xf
