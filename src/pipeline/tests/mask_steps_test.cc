// The `mask` and `classify_sensitive` steps, and the step-level `mask:` option the runner applies
// to a step's outputs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "govern/key_ring.h"
#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;

std::string Str(const Table& t, const std::string& col, int64_t row) {
  const Column& c = *t.column(col);
  return c.IsValid(row) ? c.GetValue(row).ToString() : "NULL";
}

TablePtr People() {
  return MakeTable({"姓名", "手机号", "id_card", "age", "region"}, "sssis",
                   {{"张三丰", "13800138000", "11010519491231002X", "37", "440305"},
                    {"李四", "13900139000", "440305198001010015", "52", "110105"}});
}

TEST(MaskStep, MasksNamedColumns) {
  ::setenv("XF_MASK_KEY_DEFAULT", "000102030405060708090a0b0c0d0e0f", 1);
  const auto out = RunStep(R"Y(id: m
kind: mask
in: people
out: masked
columns:
  姓名: {method: partial, keep_left: 1, keep_right: 0}
  手机号: {method: partial, keep_left: 3, keep_right: 4}
  id_card: {method: hash, algorithm: sm3, length: 32}
  age: {method: generalize, to: age_band, width: 10}
  region: {method: generalize, to: province}
)Y",
                           {People()});
  ::unsetenv("XF_MASK_KEY_DEFAULT");
  const Table& t = *out[0];
  EXPECT_EQ(Str(t, "姓名", 0), "张**");
  EXPECT_EQ(Str(t, "手机号", 1), "139****9000");
  EXPECT_EQ(Str(t, "id_card", 0).size(), 32u);
  EXPECT_EQ(Str(t, "age", 1), "50-59");
  EXPECT_EQ(Str(t, "region", 0), "440000");
  EXPECT_NE(ErrorOf("id: m\nkind: mask\nin: p\nout: q\ncolumns: {nope: partial}\n", {People()})
                .find("no column 'nope'"),
            std::string::npos);
}

TEST(ClassifySensitiveStep, OneRowPerColumn) {
  const auto out = RunStep(R"Y(id: c
kind: classify_sensitive
in: people
out: findings
levels: {mobile: 4}
)Y",
                           {People()});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 5);
  EXPECT_EQ(Str(t, "column", 0), "姓名");
  EXPECT_EQ(Str(t, "category", 0), "person_name");
  EXPECT_EQ(Str(t, "method", 0), "name+content");
  EXPECT_EQ(Str(t, "category", 1), "mobile");
  EXPECT_EQ(Str(t, "level", 1), "4");
  EXPECT_EQ(Str(t, "category", 2), "resident_id");
  EXPECT_EQ(Str(t, "level", 2), "3");
  EXPECT_EQ(Str(t, "category", 3), "none");
  EXPECT_NE(
      ErrorOf("id: c\nkind: classify_sensitive\nin: p\nout: q\nlevels: {mobile: 7}\n", {People()})
          .find("1 to 5"),
      std::string::npos);
}

// The step-level option masks what a step outputs, whatever the step computed: a derive that
// copies the phone into a new column cannot leak it when the copy is masked too, and the masked
// column reaches later steps only masked.
TEST(StepLevelMask, RunnerMasksFinalOutputs) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("xf_mask_run_" + std::to_string(getpid()));
  fs::create_directories(dir / "data");
  std::ofstream(dir / "data" / "people.csv") << "name,phone\n张三,13800138000\n李四,13900139000\n";
  std::ofstream(dir / "scenario.yaml") << R"Y(name: masked
guideline: {industry: 9, field: 3, title_zh: 测试}
data:
  sources:
    people: {path: people.csv, types: {phone: string}}
steps:
  - id: copy
    kind: derive
    in: people
    out: copied
    columns: {contact: "phone || ''"}
    mask:
      phone: {method: token}
      contact: {method: partial, keep_left: 3, keep_right: 4}
  - id: after
    kind: derive
    in: copied
    out: after
    columns: {again: "phone"}
)Y";
  govern::KeyRing keys;
  keys.Add("default", std::vector<uint8_t>(32, 5));
  RunOptions o{.data_dir = (dir / "data").string()};
  o.services.keys = &keys;
  const RunResult r = Execute(LoadScenario((dir / "scenario.yaml").string()), o, nullptr);
  const Table& copied = *r.tables.at("copied");
  EXPECT_EQ(Str(copied, "contact", 0), "138****8000");
  const std::string token = Str(copied, "phone", 0);
  EXPECT_EQ(token.size(), 11u);
  EXPECT_NE(token, "13800138000");
  EXPECT_EQ(govern::Tokenizer(std::vector<uint8_t>(32, 5)).Detokenize(token), "13800138000");
  EXPECT_EQ(Str(*r.tables.at("after"), "again", 0), token);
  // A masked column the step does not output is a spec error at the rule.
  std::ofstream(dir / "scenario.yaml", std::ios::app) << "    mask: {nope: null_out}\n";
  try {
    Execute(LoadScenario((dir / "scenario.yaml").string()), o, nullptr);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'nope' is in none of the step's outputs"),
              std::string::npos)
        << e.what();
  }
  fs::remove_all(dir);
}

// The runner masks outputs after a step ran; `evidence` has by then written the raw cells to the
// append-only ledger, so `mask:` on it is refused when the spec loads, naming the step.
TEST(StepLevelMask, RefusedOnEvidenceStep) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("xf_mask_evidence_" + std::to_string(getpid()));
  fs::create_directories(dir / "data");
  std::ofstream(dir / "data" / "people.csv") << "name,phone\n张三,13800138000\n";
  std::ofstream(dir / "scenario.yaml") << R"Y(name: masked
guideline: {industry: 9, field: 3, title_zh: 测试}
data:
  sources:
    people: {path: people.csv, types: {phone: string}}
steps:
  - id: anchor
    kind: evidence
    in: people
    out: anchored
    mask:
      phone: {method: token}
)Y";
  try {
    LoadScenario((dir / "scenario.yaml").string());
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("step 'anchor' of kind evidence cannot take `mask:`"), std::string::npos)
        << what;
    EXPECT_NE(what.find("mask the columns in an earlier step"), std::string::npos) << what;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xf::pipeline
