// agriculture/produce-traceability against the ground truth its synthetic data injects: the plots
// locked equal the overdose plots exactly, the recall list equals every sold unit of a
// contaminated lot exactly (both directions), the backward trace of each recalled item reaches its
// plot and the offending input, and every lock, recall and trace query is a ledger entry that
// verifies. The run writes to a real evidence ledger on a temporary SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "govern/validate.h"
#include "scenario_test_util.h"
#include "trust/evidence_log.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("agriculture/produce-traceability");

// One run for the whole binary, with the evidence ledger the `evidence` steps append to.
struct LedgerRun {
  std::string dir;
  std::unique_ptr<trust::EvidenceLog> log;
  pipeline::RunResult result;
};

std::unique_ptr<LedgerRun> RunWithLedger(const std::string& name) {
  auto r = std::make_unique<LedgerRun>();
  r->dir =
      ::testing::TempDir() + "/xf_produce_traceability_" + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(r->dir);
  std::filesystem::create_directories(r->dir);
  r->log = trust::EvidenceLog::Open(r->dir + "/catalog.sqlite", {.keys_dir = r->dir + "/keys"});
  pipeline::RunOptions options{.seed = 42, .scale = 1.0};
  options.services.evidence = r->log.get();
  options.services.run_id = "test-run";
  r->result = pipeline::Execute(pipeline::LoadScenario(kScenario), options, nullptr);
  return r;
}

const LedgerRun& Ledgered() {
  static std::unique_ptr<LedgerRun> run = RunWithLedger("a");
  return *run;
}

// Removes the temporary ledgers when the binary ends.
class LedgerCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const char* name : {"a", "b"}) {
      std::filesystem::remove_all(::testing::TempDir() + "/xf_produce_traceability_" + name + "_" +
                                  std::to_string(getpid()));
    }
  }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new LedgerCleanup);

const pipeline::RunResult& LedgeredRun() { return Ledgered().result; }

class ProduceTraceability : public ScenarioTest<LedgeredRun> {
 protected:
  static std::set<std::string> Where(const Table& t, const std::string& col,
                                     const std::string& filter_col, const std::string& value) {
    std::set<std::string> out;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      if (Str(t, filter_col, i) == value) out.insert(Str(t, col, i));
    }
    return out;
  }
};

TEST_F(ProduceTraceability, StandardsLoseNoRowsAndCleanDataConforms) {
  ASSERT_EQ(Run().quality.size(), 6u);
  ExpectStandardsLoseNoRows(Run());
}

// Dirty application records — an unknown plot, an unknown product, a negative dose, a repeated
// application id — each every 200 rows at a known position: the standard quarantines exactly
// those rows and keeps every other one, so a broken record never silently escapes the dose check.
TEST(ProduceTraceabilityStandards, QuarantineFindsInjectedDirtyApplications) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(kScenario);
  pipeline::RunResult loaded = pipeline::LoadInputs(spec, {.seed = 42, .scale = 1.0}, nullptr);
  const Table& clean = *loaded.tables.at("input_applications");
  std::vector<ColumnPtr> cols;
  for (int c = 0; c < clean.num_columns(); ++c)
    cols.push_back(Column::Make(clean.schema().field(c).type));
  const int id = clean.ColumnIndex("application_id"), plot = clean.ColumnIndex("plot_id"),
            product = clean.ColumnIndex("product_id"), dose = clean.ColumnIndex("dose_per_mu");
  std::set<int64_t> truth;  // 0-based rows of the dirty table
  for (int64_t i = 0; i < clean.num_rows(); ++i) {
    const int kind = i % 200 == 100 ? static_cast<int>(i / 200 % 4) : -1;
    for (int c = 0; c < clean.num_columns(); ++c) {
      if (c == plot && kind == 0) {
        cols[c]->AppendString("P9999");
      } else if (c == product && kind == 1) {
        cols[c]->AppendString("I99");
      } else if (c == dose && kind == 2) {
        cols[c]->AppendFloat64(-5);
      } else {
        cols[c]->AppendFrom(*clean.column(c), i);
      }
    }
    if (kind >= 0 && kind < 3) truth.insert(cols[0]->size() - 1);
    if (kind == 3) {  // the same application id recorded twice: the second record is the dirty one
      for (int c = 0; c < clean.num_columns(); ++c) cols[c]->AppendFrom(*clean.column(c), i);
      truth.insert(cols[0]->size() - 1);
    }
  }
  ASSERT_EQ(id, 0);
  TablePtr dirty = Table::Make(clean.schema(), cols);
  ASSERT_GE(truth.size(), 10u);
  govern::TableLookup others = {{"plots", loaded.tables.at("plots")},
                                {"input_catalogue", loaded.tables.at("input_catalogue")}};
  govern::Validation v = govern::Validate(spec.standards.at("input_applications"), dirty,
                                          {.table = "input_applications", .tables = &others});
  EXPECT_EQ(v.quality.rows_in, v.quality.rows_passed + v.quality.rows_quarantined);
  std::set<int64_t> found;
  const Column& pos = *v.quarantine->column("_source_row");
  for (int64_t i = 0; i < pos.size(); ++i) found.insert(pos.data<int64_t>()[i] - 1);
  EXPECT_EQ(found, truth);
  EXPECT_EQ(v.passed->num_rows(), dirty->num_rows() - static_cast<int64_t>(truth.size()));
}

// 农药超量使用自动锁定地块: the rule by hand on every record, with the label maximum itself
// allowed.
TEST_F(ProduceTraceability, OverdoseRuleIsExactAtTheLabelMaximum) {
  const Table& a = T("applications_checked");
  ASSERT_EQ(a.num_rows(), T("input_applications").num_rows()) << "no record lost in the label join";
  int at_max = 0, over = 0;
  for (int64_t i = 0; i < a.num_rows(); ++i) {
    const bool pesticide = Str(a, "category", i) == "pesticide";
    const double dose = Num(a, "dose_per_mu", i), max = Num(a, "max_dose_per_mu", i);
    ASSERT_FALSE(a.column("unit_mismatch")->GetValue(i).bool_value()) << "the clean data uses label units";
    const bool want = pesticide && dose > max;
    ASSERT_EQ(a.column("overdose")->GetValue(i).bool_value(), want) << Str(a, "application_id", i);
    at_max += pesticide && dose == max;
    over += want;
  }
  EXPECT_GT(at_max, 5) << "the data must exercise the boundary: exactly the label dose is allowed";
  EXPECT_GT(over, 5);
}

TEST_F(ProduceTraceability, LockedPlotsEqualOverdoseTruthExactly) {
  const Table& truth = T("all_rounds__truth");
  ASSERT_GE(truth.num_rows(), 6);
  EXPECT_EQ(Keys(T("plot_locks"), "plot_id"), Keys(truth, "plot_id"));
  EXPECT_EQ(Keys(T("lock_triggers"), "application_id"), Keys(truth, "application_id"));
  EXPECT_EQ(T("plot_locks").num_rows(), static_cast<int64_t>(Keys(truth, "plot_id").size()));
  // Each lock names the overdose application that triggered it.
  std::map<std::string, std::string> trigger;
  for (int64_t i = 0; i < truth.num_rows(); ++i)
    trigger[Str(truth, "plot_id", i)] = Str(truth, "application_id", i);
  const Table& locks = T("plot_locks");
  for (int64_t i = 0; i < locks.num_rows(); ++i) {
    EXPECT_EQ(Str(locks, "first_application", i), trigger.at(Str(locks, "plot_id", i)));
    EXPECT_GT(Num(locks, "worst_ratio", i), 1.0);
  }
}

TEST_F(ProduceTraceability, FailedLotsAndUndeclaredUseEqualTruth) {
  const Table& truth = T("all_lots__truth");
  ASSERT_GE(truth.num_rows(), 10);
  EXPECT_EQ(Keys(T("failed_lots"), "lot_id"), Keys(truth, "lot_id"));
  std::set<std::string> undeclared = Where(truth, "lot_id", "fault", "undeclared");
  ASSERT_GE(undeclared.size(), 3u);
  EXPECT_EQ(Keys(T("undeclared_use"), "lot_id"), undeclared);
  EXPECT_EQ(Where(T("failed_lots"), "lot_id", "cause", "undeclared use 未申报用药"), undeclared);
  EXPECT_EQ(Where(T("failed_lots"), "lot_id", "cause", "overdose 超量用药"),
            Where(truth, "lot_id", "fault", "overdose"));
}

// 抽检不合格 → 追溯已售流向: set equality with the injected truth, both directions, no duplicates.
TEST_F(ProduceTraceability, RecallListEqualsInjectedTruthExactly) {
  const Table& truth = T("all_sold__truth");
  const Table& recall = T("recall_list");
  ASSERT_GT(truth.num_rows(), 100);
  std::set<std::string> want = Keys(truth, "item_code"), got = Keys(recall, "item_code");
  EXPECT_EQ(recall.num_rows(), static_cast<int64_t>(got.size())) << "an item recalled twice";
  std::vector<std::string> missed, extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missed));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  EXPECT_TRUE(missed.empty()) << missed.size() << " sold contaminated items not recalled, e.g. "
                              << missed[0];
  EXPECT_TRUE(extra.empty()) << extra.size() << " recalled items that are not contaminated, e.g. "
                             << extra[0];
  // The chain on each row is the item's own: retailer, batch, lot and plot as injected.
  std::map<std::string, int64_t> row;
  for (int64_t i = 0; i < truth.num_rows(); ++i) row[Str(truth, "item_code", i)] = i;
  for (int64_t i = 0; i < recall.num_rows(); ++i) {
    const int64_t t = row.at(Str(recall, "item_code", i));
    for (const char* col : {"retailer_id", "batch_id", "lot_id", "plot_id"}) {
      ASSERT_EQ(Str(recall, col, i), Str(truth, col, t))
          << Str(recall, "item_code", i) << " " << col;
    }
  }
}

// 锁定库存: the unsold units of failed lots, in the warehouse or on a shelf — disjoint from the
// recall.
TEST_F(ProduceTraceability, UnsoldUnitsOfFailedLotsAreLocked) {
  std::set<std::string> failed_batches;
  const Table& b = T("processing_batches");
  std::set<std::string> failed = Keys(T("all_lots__truth"), "lot_id");
  for (int64_t i = 0; i < b.num_rows(); ++i) {
    if (failed.count(Str(b, "lot_id", i))) failed_batches.insert(Str(b, "batch_id", i));
  }
  std::set<std::string> sold = Keys(T("sales"), "item_code"),
                        shipped = Keys(T("shipment_items"), "item_code");
  std::set<std::string> want, in_warehouse;
  const Table& items = T("packaged_items");
  for (int64_t i = 0; i < items.num_rows(); ++i) {
    const std::string code = Str(items, "item_code", i);
    if (!failed_batches.count(Str(items, "batch_id", i)) || sold.count(code)) continue;
    want.insert(code);
    if (!shipped.count(code)) in_warehouse.insert(code);
  }
  ASSERT_GT(in_warehouse.size(), 10u);
  ASSERT_GT(want.size(), in_warehouse.size());
  EXPECT_EQ(Keys(T("stock_locks"), "item_code"), want);
  EXPECT_EQ(Where(T("stock_locks"), "item_code", "location", "warehouse 仓库"), in_warehouse);
}

// Backward from each recalled item: the plot at depth 3 and, for an overdose lot, the overdose
// application at depth 4 on the path item>batch>lot>plot>application.
TEST_F(ProduceTraceability, BackwardTraceReachesThePlotAndTheInput) {
  const Table& truth = T("all_sold__truth");
  std::map<std::string, std::string> overdose_app;  // plot → its overdose application
  const Table& od = T("all_rounds__truth");
  for (int64_t i = 0; i < od.num_rows(); ++i)
    overdose_app[Str(od, "plot_id", i)] = Str(od, "application_id", i);
  std::set<std::pair<std::string, std::string>> reached;  // (item, node)
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, std::string>> how;
  const Table& back = T("recall_backtrace");
  for (int64_t i = 0; i < back.num_rows(); ++i) {
    std::pair<std::string, std::string> k{Str(back, "seed", i), Str(back, "node", i)};
    reached.insert(k);
    how[k] = {static_cast<int64_t>(Num(back, "depth", i)), Str(back, "path", i)};
  }
  int overdose_items = 0;
  for (int64_t i = 0; i < truth.num_rows(); ++i) {
    const std::string item = Str(truth, "item_code", i), plot = Str(truth, "plot_id", i);
    const std::pair<std::string, std::string> to_plot{item, plot};
    ASSERT_TRUE(reached.count(to_plot)) << item << " does not reach plot " << plot;
    EXPECT_EQ(how[to_plot].first, 3);
    EXPECT_EQ(how[to_plot].second,
              item + ">" + Str(truth, "batch_id", i) + ">" + Str(truth, "lot_id", i) + ">" + plot);
    auto app = overdose_app.find(plot);
    if (app == overdose_app.end()) continue;
    ++overdose_items;
    const std::pair<std::string, std::string> to_app{item, app->second};
    ASSERT_TRUE(reached.count(to_app)) << item << " does not reach " << app->second;
    EXPECT_EQ(how[to_app].first, 4);
    EXPECT_EQ(how[to_app].second, how[to_plot].second + ">" + app->second);
  }
  EXPECT_GT(overdose_items, 50);
  // recall_inputs marks exactly the overdose applications among each item's inputs.
  const Table& inputs = T("recall_inputs");
  std::set<std::pair<std::string, std::string>> flagged;
  for (int64_t i = 0; i < inputs.num_rows(); ++i) {
    if (inputs.column("overdose")->GetValue(i).bool_value()) {
      flagged.emplace(Str(inputs, "item_code", i), Str(inputs, "application_id", i));
    }
  }
  std::set<std::pair<std::string, std::string>> want;
  for (int64_t i = 0; i < truth.num_rows(); ++i) {
    auto app = overdose_app.find(Str(truth, "plot_id", i));
    if (app != overdose_app.end()) want.emplace(Str(truth, "item_code", i), app->second);
  }
  EXPECT_EQ(flagged, want);
}

// 扫码查询: each requested code goes back to its plot (and inputs) and forward to its retailer.
TEST_F(ProduceTraceability, ItemCodeQueriesReturnTheWholeChain) {
  const Table& req = T("trace_requests");
  ASSERT_GE(req.num_rows(), 5);
  std::map<std::string, std::string> batch_of, lot_of, plot_of, shipment_of, retailer_of;
  const Table& items = T("packaged_items");
  for (int64_t i = 0; i < items.num_rows(); ++i)
    batch_of[Str(items, "item_code", i)] = Str(items, "batch_id", i);
  const Table& b = T("processing_batches");
  for (int64_t i = 0; i < b.num_rows(); ++i) lot_of[Str(b, "batch_id", i)] = Str(b, "lot_id", i);
  const Table& l = T("harvest_lots");
  for (int64_t i = 0; i < l.num_rows(); ++i) plot_of[Str(l, "lot_id", i)] = Str(l, "plot_id", i);
  const Table& si = T("shipment_items");
  for (int64_t i = 0; i < si.num_rows(); ++i)
    shipment_of[Str(si, "item_code", i)] = Str(si, "shipment_id", i);
  const Table& s = T("shipments");
  for (int64_t i = 0; i < s.num_rows(); ++i)
    retailer_of[Str(s, "shipment_id", i)] = Str(s, "retailer_id", i);
  std::set<std::tuple<std::string, std::string, std::string>> rows;  // (seed, direction, node)
  const Table& tr = T("trace_results");
  for (int64_t i = 0; i < tr.num_rows(); ++i)
    rows.emplace(Str(tr, "seed", i), Str(tr, "direction", i), Str(tr, "node", i));
  for (int64_t i = 0; i < req.num_rows(); ++i) {
    const std::string code = Str(req, "item_code", i);
    const std::string plot = plot_of.at(lot_of.at(batch_of.at(code)));
    EXPECT_TRUE(rows.count({code, "backward 溯源", plot})) << code << " → " << plot;
    auto ship = shipment_of.find(code);
    if (ship != shipment_of.end()) {
      EXPECT_TRUE(rows.count({code, "forward 去向", retailer_of.at(ship->second)})) << code;
    }
  }
}

// 存证: every lock, recall and trace row is a ledger entry of its type holding its fields, and
// the whole ledger verifies.
TEST_F(ProduceTraceability, EveryTraceEventIsAnchoredInTheLedger) {
  trust::EvidenceLog& log = *Ledgered().log;
  const std::vector<std::pair<std::string, std::string>> anchored = {
      {"plot_locks", "plot_lock"},          {"failed_lots", "lot_lock"},
      {"undeclared_use", "undeclared_use"}, {"recall_list", "recall_item"},
      {"stock_locks", "stock_lock"},        {"trace_results", "trace_query"}};
  uint64_t total = 0;
  for (const auto& [table, type] : anchored) {
    const Table& t = T(table);
    ASSERT_GT(t.num_rows(), 0) << table;
    const std::string key = t.schema().field(0).name;
    std::set<int64_t> indices;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      const int64_t idx = t.column("ledger_index")->GetValue(i).int_value();
      indices.insert(idx);
      trust::LedgerEntry e = log.Entry(static_cast<uint64_t>(idx));
      ASSERT_EQ(e.type, type) << table << " row " << i;
      ASSERT_EQ(e.run_id, "test-run");
      ASSERT_NE(e.data.find("\"" + key + "\":\"" + Str(t, key, i) + "\""), std::string::npos)
          << e.data;
    }
    EXPECT_EQ(indices.size(), static_cast<size_t>(t.num_rows())) << table << ": one entry per row";
    total += static_cast<uint64_t>(t.num_rows());
  }
  EXPECT_EQ(log.Size(), total) << "the run appends exactly these entries";
  log.SignCheckpoint();
  EXPECT_TRUE(log.Verify().empty());
}

// The evidence steps run in a fixed order (each needs the previous one's table), so a second run
// on a fresh ledger writes byte-identical entries at the same indices, whatever steps ran at once.
TEST_F(ProduceTraceability, SameSeedWritesTheSameLedger) {
  std::unique_ptr<LedgerRun> again = RunWithLedger("b");
  trust::EvidenceLog& first = *Ledgered().log;
  ASSERT_EQ(again->log->Size(), first.Size());
  std::vector<trust::LedgerEntry> a = first.Entries(0, first.Size()),
                                  b = again->log->Entries(0, first.Size());
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i].data, b[i].data) << "entry " << i;
  for (const char* table : {"recall_list", "stock_locks", "trace_results"}) {
    const Table& x = T(table);
    const Table& y = TableOf(again->result, table);
    ASSERT_EQ(x.num_rows(), y.num_rows());
    for (int64_t i = 0; i < x.num_rows(); ++i)
      ASSERT_EQ(Str(x, "ledger_index", i), Str(y, "ledger_index", i));
  }
}

TEST(ProduceTraceabilitySpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    seed_column: lot_id\n", "    seed_colum: lot_id\n",
                  "forward_trace", "seed_column");
}

TEST(ProduceTraceabilitySpec, UnknownTableIsNamed) {
  ExpectSpecError(kScenario, "    in: [trace_edges, failed_lots]\n",
                  "    in: [trace_edges, failed_lot]\n", "forward_trace", "failed_lots");
}

}  // namespace
}  // namespace xf
