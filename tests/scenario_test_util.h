// What every scenario test needs: the scenario run once per test binary and a fixture serving it,
// its tables by name, values as text, precision/recall against injected ground truth, the
// no-row-lost check of the source standards, and a copy of scenario.yaml with one line changed
// (for spec-error tests).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "core/error.h"
#include "govern/quality_score.h"
#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::scenario_test {

inline std::string ScenarioDir(const std::string& industry_slug) {
  return std::string(XF_SOURCE_DIR) + "/scenarios/" + industry_slug;
}

// One run of a scenario at (seed, scale), shared by every test of the binary that asks for the
// same arguments: the scenarios take seconds, the tests milliseconds.
inline const pipeline::RunResult& RunOnce(const std::string& dir, uint64_t seed = 42, double scale = 1.0) {
  static std::map<std::tuple<std::string, uint64_t, double>, pipeline::RunResult> runs;
  auto key = std::make_tuple(dir, seed, scale);
  auto it = runs.find(key);
  if (it == runs.end()) {
    pipeline::ScenarioSpec spec = pipeline::LoadScenario(dir);
    it = runs.emplace(key, pipeline::Execute(spec, {.seed = seed, .scale = scale}, nullptr)).first;
  }
  return it->second;
}

inline const Table& TableOf(const pipeline::RunResult& run, const std::string& name) {
  auto it = run.tables.find(name);
  if (it == run.tables.end()) throw std::runtime_error("the run has no table '" + name + "'");
  return *it->second;
}

// The plain run of the scenario in directory `kDir` (seed 42, scale 1), once per test binary.
template <const std::string& kDir>
const pipeline::RunResult& DefaultRun() {
  return RunOnce(kDir);
}

// The fixture of a scenario's tests: Run() is the scenario's one run per test binary, made by
// `kRun` (DefaultRun<kScenario>, or a run with a ledger or a masking key), and T(name) one of
// its tables.
template <const pipeline::RunResult& (*kRun)()>
class ScenarioTest : public ::testing::Test {
 protected:
  static const pipeline::RunResult& Run() { return kRun(); }
  static const Table& T(const std::string& name) { return TableOf(Run(), name); }
};

inline std::string Str(const Table& t, const std::string& col, int64_t i) {
  return t.column(col)->GetValue(i).ToString();
}

inline double Num(const Table& t, const std::string& col, int64_t i) {
  return t.column(col)->GetValue(i).AsDouble();
}

// The distinct values of a column, as text.
inline std::set<std::string> Keys(const Table& t, const std::string& col) {
  std::set<std::string> out;
  for (int64_t i = 0; i < t.num_rows(); ++i) out.insert(Str(t, col, i));
  return out;
}

// (key, date) pairs of a table, as text; `date_of_timestamp` keeps only the date of a timestamp.
inline std::set<std::pair<std::string, std::string>> Pairs(const Table& t, const std::string& key,
                                                           const std::string& date,
                                                           bool date_of_timestamp = false) {
  std::set<std::pair<std::string, std::string>> out;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    std::string d = Str(t, date, i);
    if (date_of_timestamp) d = d.substr(0, 10);
    out.emplace(Str(t, key, i), d);
  }
  return out;
}

struct Score {
  double precision;
  double recall;
};

template <typename Set>
Score Compare(const Set& found, const Set& truth) {
  size_t hit = 0;
  for (const auto& f : found) hit += truth.count(f);
  return {found.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(found.size()),
          truth.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(truth.size())};
}

// Every source with a standard: rows in = rows passed + rows quarantined, and the tables hold
// exactly those counts. With `all_conform`, the generated data (clean by construction) meets
// every rule.
inline void ExpectStandardsLoseNoRows(const pipeline::RunResult& run, bool all_conform = true) {
  ASSERT_FALSE(run.quality.empty()) << "the scenario declares no standards";
  for (const govern::TableQuality& q : run.quality) {
    EXPECT_EQ(q.rows_in, q.rows_passed + q.rows_quarantined) << q.table;
    auto passed = run.tables.find(q.table);
    if (passed != run.tables.end()) {
      EXPECT_EQ(passed->second->num_rows(), q.rows_passed) << q.table;
    }
    auto quarantined = run.tables.find(q.table + "__quarantine");
    if (quarantined != run.tables.end()) {
      EXPECT_EQ(quarantined->second->num_rows(), q.rows_quarantined) << q.table;
    }
    if (!all_conform) continue;
    for (const govern::RuleResult& r : q.rules) {
      EXPECT_EQ(r.conforming, r.evaluated)
          << q.table << " " << r.id << ": " << (r.examples.empty() ? r.table_reason : r.examples[0].reason);
    }
  }
}

// Loads a copy of the scenario with the first occurrence of `from` in scenario.yaml replaced by
// `to`, and returns the error message ("no error" when it loads).
inline std::string LoadError(const std::string& dir, const std::string& from, const std::string& to) {
  std::ifstream in(dir + "/scenario.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  size_t at = yaml.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return "pattern not found";
  yaml.replace(at, from.size(), to);
  static int n = 0;
  auto copy = std::filesystem::temp_directory_path() /
              ("xf_spec_error_" + std::to_string(getpid()) + "_" + std::to_string(n++));
  std::filesystem::remove_all(copy);
  std::filesystem::copy(dir, copy, std::filesystem::copy_options::recursive);
  std::ofstream(copy / "scenario.yaml") << yaml;
  std::string message = "no error";
  try {
    pipeline::LoadScenario(copy.string());
  } catch (const Error& e) {
    message = e.what();
  }
  std::filesystem::remove_all(copy);
  return message;
}

// Loads the scenario with the first `from` in scenario.yaml changed to `to` and expects the error
// to name the line where `from` stands, the step `step_id` ("": an error outside the steps, which
// names no step) and the suggestion: "did you mean '<suggestion>'".
inline void ExpectSpecError(const std::string& dir, const std::string& from, const std::string& to,
                            const std::string& step_id, const std::string& suggestion) {
  SCOPED_TRACE("scenario.yaml with '" + from + "' changed to '" + to + "'");
  std::ifstream in(dir + "/scenario.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string yaml = text.str();
  const size_t at = yaml.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  const size_t first_char = yaml.find_first_not_of('\n', at);
  const auto line =
      1 + std::count(yaml.begin(), yaml.begin() + static_cast<std::ptrdiff_t>(first_char), '\n');
  const std::string e = LoadError(dir, from, to);
  EXPECT_NE(e.find("scenario.yaml:" + std::to_string(line) + ":"), std::string::npos) << e;
  if (step_id.empty()) {
    EXPECT_EQ(e.find("step '"), std::string::npos) << e;
  } else {
    EXPECT_NE(e.find("step '" + step_id + "'"), std::string::npos) << e;
  }
  EXPECT_NE(e.find("did you mean '" + suggestion + "'"), std::string::npos) << e;
}

// The 1-based line of scenario.yaml holding `needle` (0 when absent).
inline int LineOf(const std::string& dir, const std::string& needle) {
  std::ifstream in(dir + "/scenario.yaml");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

}  // namespace xf::scenario_test
