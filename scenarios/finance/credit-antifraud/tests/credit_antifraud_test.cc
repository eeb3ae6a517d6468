// finance/credit-antifraud against the ground truth its synthetic data injects: the known
// logistic default model recovered, holdout AUC of the scorecard and the GBDT against the true
// model's own AUC, fraud rings found by precision and recall, the same-phone-and-IP rule exactly,
// scorecard points reproduced by hand from the bins table and by a second run, masked outputs, and
// spec errors that name file, line and step.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "model/binary_metrics.h"
#include "model/logistic.h"
#include "scenario_test_util.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("finance/credit-antifraud");

class CreditAntifraud : public ScenarioTest<DefaultRun<kScenario>> {
 protected:
  static std::map<std::string, int64_t> RowOf(const Table& t, const std::string& key) {
    std::map<std::string, int64_t> out;
    for (int64_t i = 0; i < t.num_rows(); ++i) out[Str(t, key, i)] = i;
    return out;
  }
};

TEST_F(CreditAntifraud, StandardsLoseNoRowsAndCleanDataConforms) {
  ASSERT_EQ(Run().quality.size(), 3u);
  ExpectStandardsLoseNoRows(Run());
  EXPECT_EQ(T("applications").num_rows(), 6000);
  EXPECT_EQ(T("decisions").num_rows(), 6000) << "every application gets exactly one decision";
}

// The synthetic defaults follow a known logistic model (synthetic.yaml); fitting that model's
// form to the ordinary (non-ring) loans must give back its coefficients within 3 standard errors.
TEST_F(CreditAntifraud, KnownDefaultModelIsRecovered) {
  const Table& loans = T("loans");
  const Table& truth = T("repayments__truth");
  std::map<std::string, int64_t> truth_row = RowOf(truth, "application_id");
  const std::vector<std::string> trades = {"餐饮", "农林牧渔", "交通运输", "制造加工"};
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < loans.num_rows(); ++i) {
    int64_t t = truth_row.at(Str(loans, "application_id", i));
    if (!truth.column("in_ring")->GetValue(t).bool_value()) rows.push_back(i);
  }
  ASSERT_GT(rows.size(), 5000u);
  const int k = 6 + static_cast<int>(trades.size());
  Eigen::MatrixXd x(rows.size(), k);
  Eigen::VectorXd y(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    int64_t i = rows[r];
    x(r, 0) = 1;
    x(r, 1) = (Num(loans, "credit_score", i) - 650) / 100;
    x(r, 2) = Num(loans, "debt_to_income", i);
    x(r, 3) = Num(loans, "multi_lender_30d", i);
    x(r, 4) = std::log(Num(loans, "phone_tenure_months", i));
    x(r, 5) = Num(loans, "social_insurance_months", i) / 12;
    for (size_t d = 0; d < trades.size(); ++d) x(r, 6 + d) = Str(loans, "industry", i) == trades[d];
    y(r) = Num(loans, "bad_int", i);
  }
  model::LogisticFit fit = model::FitLogisticDesign(x, y, 0, 0, 100, 1e-9);
  ASSERT_TRUE(fit.converged) << fit.error;
  const double want[] = {-2.2, -1.2, 1.5, 0.35, -0.35, -0.10, 0.4, 0.2, 0.3, -0.2};
  std::cout << "true-model fit:";
  for (int j = 0; j < k; ++j) std::cout << " " << fit.beta(j) << "±" << fit.std_error(j);
  std::cout << "\n";
  for (int j = 0; j < k; ++j) {
    EXPECT_NEAR(fit.beta(j), want[j], 3 * fit.std_error(j)) << "term " << j;
    EXPECT_LT(fit.std_error(j), 0.35) << "term " << j << ": too little data to check the model";
  }
}

// Holdout (out-of-time) AUC of each model, recomputed here from its scores, equals the report's
// figure; both models come within 0.05 of the true model's own AUC on the same loans and
// clear 0.72; the GBDT is reported beside the scorecard.
TEST_F(CreditAntifraud, HoldoutAucOfScorecardAndGbdtNearTheTrueModel) {
  const Table& h = T("loans_holdout");
  const Table& truth = T("repayments__truth");
  std::map<std::string, int64_t> truth_row = RowOf(truth, "application_id");
  std::vector<double> neg_score, p_gbdt, pd, oracle, bad;
  for (int64_t i = 0; i < h.num_rows(); ++i) {
    ASSERT_EQ(Str(h, "sample", i), "holdout");
    ASSERT_GE(Str(h, "apply_date", i), "2024-10-01");
    neg_score.push_back(-Num(h, "score", i));
    p_gbdt.push_back(Num(h, "p_gbdt", i));
    pd.push_back(Num(h, "pd", i));
    int64_t t = truth_row.at(Str(h, "application_id", i));
    // The true model, with ring members at their known 85% bust-out rate.
    oracle.push_back(truth.column("in_ring")->GetValue(t).bool_value() ? 0.85
                                                                       : Num(truth, "true_pd", t));
    bad.push_back(Num(h, "bad_int", i));
  }
  ASSERT_GT(h.num_rows(), 1200);
  const double auc_card = model::Auc(neg_score, bad), auc_gbdt = model::Auc(p_gbdt, bad),
               auc_pd = model::Auc(pd, bad), auc_true = model::Auc(oracle, bad);
  const Table& m = T("holdout_metrics");
  ASSERT_EQ(m.num_rows(), 3);
  std::map<std::string, double> reported;
  for (int64_t i = 0; i < m.num_rows(); ++i) reported[Str(m, "score", i)] = Num(m, "auc", i);
  EXPECT_NEAR(reported.at("score"), auc_card, 1e-9);
  EXPECT_NEAR(reported.at("p_gbdt"), auc_gbdt, 1e-9);
  EXPECT_NEAR(reported.at("pd"), auc_pd, 1e-9);
  EXPECT_GT(auc_card, 0.72);
  EXPECT_GT(auc_gbdt, 0.72);
  EXPECT_GT(auc_card, auc_true - 0.05) << "true model " << auc_true;
  EXPECT_GT(auc_gbdt, auc_true - 0.05) << "true model " << auc_true;
  EXPECT_LT(auc_card, auc_true + 0.03) << "a model cannot beat the truth by much on 1,500 loans";
  ASSERT_EQ(T("model_comparison").num_rows(), 3);
  RecordProperty("auc_scorecard", std::to_string(auc_card));
  RecordProperty("auc_gbdt", std::to_string(auc_gbdt));
  RecordProperty("auc_true", std::to_string(auc_true));
  std::cout << "holdout AUC scorecard " << auc_card << " gbdt " << auc_gbdt << " industry-pd "
            << auc_pd << " true " << auc_true << "\n";
}

// Fraud rings: the members of communities of 3+ applications against the planted rings.
TEST_F(CreditAntifraud, RingsFoundWithHighPrecisionAndRecall) {
  std::set<std::string> truth = Keys(T("applications__truth"), "application_id");
  std::set<std::string> found = Keys(T("ring_member_flags"), "application_id");
  ASSERT_GE(truth.size(), 200u);
  Score s = Compare(found, truth);
  std::cout << "ring members: found " << found.size() << " truth " << truth.size() << " precision "
            << s.precision << " recall " << s.recall << "\n";
  EXPECT_GE(s.precision, 0.9);
  EXPECT_GE(s.recall, 0.9);
  // Couples sharing a home and applicants behind carrier NAT are not rings: no detected ring is
  // mostly made of non-members.
  const Table& rings = T("ring_member_flags");
  std::map<std::string, std::pair<int, int>> per_ring;  // ring → (members, planted members)
  for (int64_t i = 0; i < rings.num_rows(); ++i) {
    auto& c = per_ring[Str(rings, "ring", i)];
    ++c.first;
    c.second += truth.count(Str(rings, "application_id", i));
  }
  for (const auto& [ring, c] : per_ring) EXPECT_GT(2 * c.second, c.first) << ring;
  // Every ring member is rejected with the ring reason unless an earlier rule already decided.
  const Table& d = T("decisions");
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    if (d.column("in_ring")->GetValue(i).bool_value() &&
        !d.column("same_phone_ip")->GetValue(i).bool_value()) {
      EXPECT_EQ(Str(d, "decision", i), "reject");
      EXPECT_EQ(Str(d, "reason", i).substr(0, 2), "R3");
    }
  }
}

// The guideline's rule (同手机号且同IP): recomputed from the raw applications, exactly.
TEST_F(CreditAntifraud, SamePhoneAndIpRuleIsExact) {
  const Table& a = T("applications");
  std::map<std::pair<std::string, std::string>, std::set<std::string>> apps, persons;
  for (int64_t i = 0; i < a.num_rows(); ++i) {
    auto key = std::make_pair(Str(a, "phone", i), Str(a, "ip", i));
    apps[key].insert(Str(a, "application_id", i));
    persons[key].insert(Str(a, "resident_id", i));
  }
  std::map<std::string, std::string> want;  // application → expected decision
  for (const auto& [key, ids] : apps) {
    if (ids.size() < 2) continue;
    for (const std::string& id : ids) want[id] = persons[key].size() >= 2 ? "reject" : "review";
  }
  ASSERT_GE(want.size(), 10u) << "the data must exercise the rule";
  const Table& d = T("decisions");
  int64_t flagged = 0;
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    const std::string id = Str(d, "application_id", i);
    const bool rule = d.column("same_phone_ip")->GetValue(i).bool_value();
    ASSERT_EQ(rule, want.count(id) > 0) << id;
    if (!rule) continue;
    ++flagged;
    EXPECT_EQ(Str(d, "decision", i), want[id]) << id;
    EXPECT_EQ(Str(d, "reason", i).substr(0, 2), want[id] == "reject" ? "R1" : "R2") << id;
  }
  EXPECT_EQ(flagged, static_cast<int64_t>(want.size()));
}

// One applicant's score by hand: find each variable's bin in card_bins, add the points, and check
// each bin's points against the formula from the fitted coefficients.
TEST_F(CreditAntifraud, ScorecardPointsHandCheckedFromBinsTable) {
  const Table& bins = T("card_bins");
  const Table& m = T("card_metrics");
  const Table& vars = T("card_variables");
  const double factor = Num(m, "factor", 0), offset = Num(m, "offset", 0),
               b0 = Num(m, "intercept", 0);
  EXPECT_NEAR(factor, 20 / std::log(2.0), 1e-9);
  EXPECT_NEAR(offset, 600 - factor * std::log(50.0), 1e-9);
  std::map<std::string, double> beta;
  int in_model = 0;
  for (int64_t i = 0; i < vars.num_rows(); ++i) {
    if (!vars.column("in_model")->GetValue(i).bool_value()) continue;
    beta[Str(vars, "variable", i)] = Num(vars, "coefficient", i);
    ++in_model;
  }
  ASSERT_GE(in_model, 4);
  for (int64_t i = 0; i < bins.num_rows(); ++i) {
    auto it = beta.find(Str(bins, "variable", i));
    if (it == beta.end()) continue;
    double want = -factor * it->second * Num(bins, "woe", i) + (offset - factor * b0) / in_model;
    EXPECT_NEAR(Num(bins, "points", i), want, 1e-6) << Str(bins, "variable", i) << " bin " << i;
  }
  const Table& s = T("loans_scored");
  for (int64_t row : {int64_t{0}, s.num_rows() / 2, s.num_rows() - 1}) {
    double total = 0;
    for (const auto& [var, b] : beta) {
      const double v = Num(s, var, row);
      int hits = 0;
      for (int64_t i = 0; i < bins.num_rows(); ++i) {
        if (Str(bins, "variable", i) != var || bins.column("missing")->GetValue(i).bool_value())
          continue;
        const bool lo = bins.column("lower")->IsNull(i) || v >= Num(bins, "lower", i);
        const bool hi = bins.column("upper")->IsNull(i) || v < Num(bins, "upper", i);
        if (!lo || !hi) continue;
        ++hits;
        total += Num(bins, "points", i);
        EXPECT_NEAR(Num(s, var + "_points", row), Num(bins, "points", i), 1e-9) << var;
      }
      ASSERT_EQ(hits, 1) << var << " = " << v << " must fall in exactly one bin";
    }
    EXPECT_NEAR(Num(s, "score", row), total, 1e-6) << "row " << row;
  }
}

// Same seed → the same bins, points and scores; a different seed → different data and points.
TEST_F(CreditAntifraud, ScorecardReproducibleForTheSameSeed) {
  const pipeline::RunResult again =
      pipeline::Execute(pipeline::LoadScenario(kScenario), {.seed = 42, .scale = 1.0}, nullptr);
  for (const char* name : {"card_bins", "decisions"}) {
    const Table& a = T(name);
    const Table& b = TableOf(again, name);
    ASSERT_EQ(a.num_rows(), b.num_rows()) << name;
    for (const char* col : {"points", "score"}) {
      if (a.ColumnIndex(col) < 0) continue;
      for (int64_t i = 0; i < a.num_rows(); ++i)
        ASSERT_EQ(Str(a, col, i), Str(b, col, i)) << name << " " << i;
    }
  }
  const pipeline::RunResult& other = RunOnce(kScenario, 7);
  EXPECT_NE(Str(TableOf(other, "card_bins"), "points", 0) +
                Str(TableOf(other, "applications"), "phone", 0),
            Str(T("card_bins"), "points", 0) + Str(T("applications"), "phone", 0));
}

// Personal data never leaves unmasked; the raw sources hold valid identifiers.
TEST_F(CreditAntifraud, OutputsMaskPersonalData) {
  const Table& d = T("decisions");
  const std::regex phone(R"(\d{3}\*{4}\d{4})"), id(R"(\d{6}\*{8}[\dX]{4})");
  std::set<std::string> raw = Keys(T("applications"), "resident_id");
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    ASSERT_TRUE(std::regex_match(Str(d, "phone", i), phone)) << Str(d, "phone", i);
    ASSERT_TRUE(std::regex_match(Str(d, "resident_id", i), id)) << Str(d, "resident_id", i);
    ASSERT_EQ(raw.count(Str(d, "resident_id", i)), 0u);
  }
}

// Decisions follow the configured thresholds: an approved loan is under its scheme's review PD.
TEST_F(CreditAntifraud, ApprovalsRespectSchemeThresholds) {
  const Table& d = T("decisions");
  const std::map<std::string, double> review = {{"信用贷", 10}, {"税务贷", 12}, {"抵押贷", 15}};
  int64_t approved = 0;
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    if (Str(d, "decision", i) != "approve") continue;
    ++approved;
    EXPECT_LT(Num(d, "pd_pct", i), review.at(Str(d, "scheme", i)) + 1e-9);
  }
  EXPECT_GT(approved, 3000);
  // The back-test: on the holdout, approved loans default far less than rejected ones.
  const Table& b = T("policy_backtest");
  std::map<std::string, double> rate;
  for (int64_t i = 0; i < b.num_rows(); ++i) {
    if (Str(b, "sample", i) == "holdout") rate[Str(b, "decision", i)] = Num(b, "bad_rate", i);
  }
  EXPECT_LT(3 * rate.at("approve"), rate.at("reject"));
}

TEST(CreditAntifraudSpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    base_odds: 50", "    base_odd: 50", "scorecard", "base_odds");
}

TEST(CreditAntifraudSpec, UnknownTableIsNamed) {
  ExpectSpecError(kScenario, "    in: [loans_pd, phone_ip_shared]\n",
                  "    in: [loans_pd, phone_ip_share]\n", "with_phone_ip", "phone_ip_shared");
}

}  // namespace
}  // namespace xf
