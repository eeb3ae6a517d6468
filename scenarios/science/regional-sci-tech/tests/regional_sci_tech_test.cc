// science/regional-sci-tech against the ground truth its synthetic data plants: location
// mismatches exactly, duplicate applications by precision and recall, talent-loss clusters
// exactly, the below-average flags of both levels and the stage-weighted index by hand
// computation from the sources, and spec errors that name file, line and step.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "scenario_test_util.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("science/regional-sci-tech");

using RegionalSciTech = ScenarioTest<DefaultRun<kScenario>>;

TEST_F(RegionalSciTech, StandardsLoseNoRowsAndCleanDataConforms) {
  ASSERT_EQ(Run().quality.size(), 5u);
  ExpectStandardsLoseNoRows(Run());
}

// 工商注册地 vs 纳税地: exactly the planted enterprises, ~5% of all.
TEST_F(RegionalSciTech, LocationMismatchesAreExactlyThePlantedOnes) {
  const std::set<std::string> truth = Keys(T("enterprises__truth"), "enterprise_id");
  const double share =
      static_cast<double>(truth.size()) / static_cast<double>(T("enterprises").num_rows());
  EXPECT_GT(share, 0.03);
  EXPECT_LT(share, 0.08);
  EXPECT_EQ(Keys(T("location_mismatches"), "enterprise_id"), truth);
  // Statistics follow the tax county.
  const Table& e = T("enterprise_places");
  for (int64_t i = 0; i < e.num_rows(); ++i)
    ASSERT_EQ(Str(e, "county_code", i), Str(e, "tax_county", i));
}

// 项目查重: the planted near-copies (title and abstract edited) are the pairs found.
TEST_F(RegionalSciTech, DuplicateApplicationsFoundWithPrecisionAndRecall) {
  std::set<std::pair<std::string, std::string>> truth, found;
  const Table& t = T("projects__truth");
  for (int64_t i = 0; i < t.num_rows(); ++i)
    truth.emplace(Str(t, "original_id", i), Str(t, "project_id", i));
  const Table& p = T("duplicate_pairs");
  for (int64_t i = 0; i < p.num_rows(); ++i) {
    found.emplace(Str(p, "project_id_a", i), Str(p, "project_id_b", i));
    ASSERT_GE(Num(p, "similarity", i), 0.6);
  }
  ASSERT_GE(truth.size(), 20u);
  Score s = Compare(found, truth);
  EXPECT_GE(s.precision, 0.9) << found.size() << " pairs found";
  EXPECT_GE(s.recall, 0.95) << truth.size() << " planted";
  // The copies are edited, not identical: similarity strictly below 1 for every planted pair.
  for (int64_t i = 0; i < p.num_rows(); ++i) EXPECT_LT(Num(p, "similarity", i), 1.0);
  EXPECT_EQ(T("duplicate_alerts").num_rows(), p.num_rows());
}

// 人才流失: the planted clusters, and only those, are warned about.
TEST_F(RegionalSciTech, TalentLossWarningsAreThePlantedClusters) {
  std::set<std::string> truth, warned;
  const Table& t = T("industry_clusters__truth");
  for (int64_t i = 0; i < t.num_rows(); ++i)
    truth.insert(Str(t, "city_code", i) + "|" + Str(t, "industry", i));
  ASSERT_EQ(truth.size(), 3u);
  const Table& a = T("talent_loss_alerts");
  for (int64_t i = 0; i < a.num_rows(); ++i) warned.insert(Str(a, "entity", i));
  EXPECT_EQ(warned, truth);
}

// 研发投入产出比, by hand from the sources: output points (invention 2, paper 1, utility 0.5) per
// 百万元 of project budget per tax county; a county is flagged below the plain mean of its city's
// county ratios, a city below the plain mean of the province's city ratios.
TEST_F(RegionalSciTech, BelowAverageFlagsMatchHandComputation) {
  std::map<std::string, std::string> county_of;  // enterprise → tax county
  const Table& e = T("enterprises");
  for (int64_t i = 0; i < e.num_rows(); ++i)
    county_of[Str(e, "enterprise_id", i)] = Str(e, "tax_county", i);
  std::map<std::string, double> budget, points;
  const Table& p = T("projects");
  for (int64_t i = 0; i < p.num_rows(); ++i)
    budget[county_of.at(Str(p, "enterprise_id", i))] += Num(p, "budget", i);
  const Table& o = T("outputs");
  for (int64_t i = 0; i < o.num_rows(); ++i) {
    const std::string type = Str(o, "type", i);
    points[county_of.at(Str(o, "enterprise_id", i))] += type == "发明专利" ? 2.0
                                                        : type == "论文"   ? 1.0
                                                                           : 0.5;
  }
  std::map<std::string, double> ratio;
  std::map<std::string, std::vector<double>> city_ratios;
  std::map<std::string, double> city_budget, city_points;
  for (const auto& [county, b] : budget) {
    ratio[county] = points[county] / (b / 100);
    const std::string city = county.substr(0, 4) + "00";
    city_ratios[city].push_back(ratio[county]);
    city_budget[city] += b;
    city_points[city] += points[county];
  }
  ASSERT_EQ(ratio.size(), 16u);
  const Table& c = T("county_level");
  ASSERT_EQ(c.num_rows(), 16);
  int flagged = 0;
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    const std::string county = Str(c, "county_code", i);
    const std::vector<double>& rs = city_ratios.at(county.substr(0, 4) + "00");
    double mean = 0;
    for (double r : rs) mean += r / static_cast<double>(rs.size());
    EXPECT_NEAR(Num(c, "io_ratio", i), ratio.at(county), 0.0006) << county;
    EXPECT_EQ(Str(c, "below_city_avg", i), ratio.at(county) < mean ? "true" : "false") << county;
    flagged += ratio.at(county) < mean;
  }
  EXPECT_GE(flagged, 4);
  // The four counties planted with low efficiency are all below their city's mean.
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    const std::string county = Str(c, "county_code", i);
    if (county == "390122" || county == "390222" || county == "390322" || county == "390403") {
      EXPECT_EQ(Str(c, "below_city_avg", i), "true") << county;
    }
  }
  double province_mean = 0;
  for (const auto& [city, b] : city_budget) province_mean += city_points[city] / (b / 100) / 4.0;
  const Table& l = T("city_level");
  ASSERT_EQ(l.num_rows(), 4);
  for (int64_t i = 0; i < l.num_rows(); ++i) {
    const std::string city = Str(l, "city_code", i);
    const double r = city_points.at(city) / (city_budget.at(city) / 100);
    EXPECT_NEAR(Num(l, "io_ratio", i), r, 0.0006) << city;
    EXPECT_EQ(Str(l, "below_province_avg", i), r < province_mean ? "true" : "false") << city;
  }
}

// 动态权重: each county's index uses the weights of its development stage, and the stage follows
// the enterprise-count thresholds.
TEST_F(RegionalSciTech, AllocationIndexUsesTheStageWeights) {
  const std::map<std::string, std::pair<double, double>> w = {
      {"起步", {0.3, 0.4}}, {"成长", {0.4, 0.3}}, {"成熟", {0.5, 0.2}}};
  const Table& n = T("county_norm");
  std::map<std::string, double> index;
  std::set<std::string> stages;
  for (int64_t i = 0; i < n.num_rows(); ++i) {
    const std::string stage = Str(n, "stage", i);
    const double ent = Num(n, "enterprises", i);
    EXPECT_EQ(stage, ent >= 100 ? "成熟" : ent >= 40 ? "成长" : "起步");
    stages.insert(stage);
    const auto [we, wt] = w.at(stage);
    index[Str(n, "county_code", i)] =
        100 * (we * Num(n, "io_ratio_n", i) + wt * Num(n, "talent_net_in_pct_n", i) +
               0.3 * Num(n, "on_time_rate_n", i));
  }
  EXPECT_EQ(stages.size(), 3u) << "the data must exercise every stage";
  const Table& a = T("county_allocation");
  ASSERT_EQ(a.num_rows(), 16);
  for (int64_t i = 0; i < a.num_rows(); ++i) {
    EXPECT_NEAR(Num(a, "allocation_index", i), index.at(Str(a, "county_code", i)), 0.051);
    if (i > 0) {
      EXPECT_LE(Num(a, "allocation_index", i - 1), Num(a, "allocation_index", i));
    }
  }
}

// 项目节点: a project is behind when fewer milestones are done than are due by 2024-12-31, with
// milestones planned evenly over 24 months.
TEST_F(RegionalSciTech, MilestonesBehindPlanMatchHandComputation) {
  const Table& p = T("project_progress");
  ASSERT_EQ(p.num_rows(), T("projects").num_rows());
  int64_t behind = 0;
  for (int64_t i = 0; i < p.num_rows(); ++i) {
    const std::string d = Str(p, "apply_date", i);
    const int64_t months =
        (2024 - std::stoi(d.substr(0, 4))) * 12 + (12 - std::stoi(d.substr(5, 2)));
    const int64_t total = static_cast<int64_t>(Num(p, "milestones_total", i));
    const int64_t due = std::min(total, total * months / 24);
    const bool late = static_cast<int64_t>(Num(p, "milestones_done", i)) < due;
    ASSERT_EQ(Str(p, "behind", i), late ? "true" : "false") << Str(p, "project_id", i);
    behind += late;
  }
  // ~12% of the projects with a milestone due are planted late.
  EXPECT_GT(behind, 50);
  EXPECT_LT(behind, 200);
}

// The graph links every project to its applicant and every output to its project.
TEST_F(RegionalSciTech, GraphDegreesCountProjectsAndTalent) {
  std::map<std::string, int64_t> expected;
  const Table& p = T("projects");
  for (int64_t i = 0; i < p.num_rows(); ++i) ++expected[Str(p, "enterprise_id", i)];
  const Table& m = T("talent_movements");
  for (int64_t i = 0; i < m.num_rows(); ++i) ++expected[Str(m, "enterprise_id", i)];
  const Table& g = T("enterprise_graph");
  ASSERT_GT(g.num_rows(), 1000);
  for (int64_t i = 0; i < g.num_rows(); ++i) {
    ASSERT_EQ(static_cast<int64_t>(Num(g, "degree", i)), expected[Str(g, "node", i)])
        << Str(g, "node", i);
  }
}

TEST(RegionalSciTechSpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    threshold: 0.6 ", "    treshold: 0.6 ", "duplicate_check",
                  "threshold");
}

TEST(RegionalSciTechSpec, UnknownTableIsNamed) {
  ExpectSpecError(kScenario, "    in: [projects, enterprise_places]\n",
                  "    in: [projects, enterprise_place]\n", "project_places", "enterprise_places");
}

}  // namespace
}  // namespace xf
