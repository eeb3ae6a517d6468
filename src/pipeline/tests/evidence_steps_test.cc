// The `evidence` step: one ledger entry per row, in batches, through RunServices::evidence.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/error.h"
#include "core/time.h"
#include "pipeline/tests/step_test_util.h"
#include "trust/evidence_log.h"

namespace xf::pipeline {
namespace {

using testing::RunStep;

TablePtr Samples() {
  auto id = Column::Make(TypeId::kString), day = Column::Make(TypeId::kDate),
       ash = Column::Make(TypeId::kFloat64);
  for (int i = 0; i < 7; ++i) {
    id->AppendString("S" + std::to_string(i));
    day->AppendDate(DaysFromCivil(2026, 11, 1 + i));
    if (i == 3) {
      ash->AppendNull();
    } else {
      ash->AppendFloat64(10.5 + i);
    }
  }
  return Table::Make(
      Schema(
          {{"sample_id", TypeId::kString}, {"day", TypeId::kDate}, {"ash_pct", TypeId::kFloat64}}),
      {id, day, ash});
}

constexpr const char* kYaml = R"(
id: anchor_samples
kind: evidence
in: samples
out: anchored
type: coal_sampling
columns: [sample_id, ash_pct, day]
batch: 3
)";

TEST(EvidenceStep, AppendsOneEntryPerRowAndAddsTheIndex) {
  const std::string dir = ::testing::TempDir() + "/xf_evidence_step_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto log = trust::EvidenceLog::Open(dir + "/catalog.sqlite", {.keys_dir = dir + "/keys"});
  log->Append({.type = "run_start", .run_id = "r0"});  // the step's entries come after it
  RunServices services{.evidence = log.get(), .run_id = "run-42"};
  TablePtr out = RunStep(kYaml, {Samples()}, {.services = &services})[0];
  ASSERT_EQ(out->num_rows(), 7);
  ASSERT_EQ(out->num_columns(), 4);
  const Column& idx = *out->column("ledger_index");
  EXPECT_EQ(idx.type(), TypeId::kInt64);
  ASSERT_EQ(log->Size(), 8u);
  for (int64_t r = 0; r < 7; ++r) EXPECT_EQ(idx.GetValue(r).int_value(), r + 1);
  trust::LedgerEntry e = log->Entry(4);
  EXPECT_EQ(e.type, "coal_sampling");
  EXPECT_EQ(e.run_id, "run-42");
  EXPECT_EQ(
      e.data,
      R"({"fields":{"ash_pct":null,"day":"2026-11-04","sample_id":"S3"},"run":"run-42","type":"coal_sampling"})");
  EXPECT_EQ(
      log->Entry(1).data,
      R"({"fields":{"ash_pct":10.5,"day":"2026-11-01","sample_id":"S0"},"run":"run-42","type":"coal_sampling"})");
  EXPECT_TRUE(log->Verify().empty());
  std::filesystem::remove_all(dir);
}

TEST(EvidenceStep, WithoutALedgerFailsNamingTheStep) {
  try {
    RunStep(kYaml, {Samples()});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("anchor_samples"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("evidence ledger"), std::string::npos) << e.what();
  }
}

TEST(EvidenceStep, UnknownColumnIsASpecErrorAtTheOption) {
  auto log_dir = ::testing::TempDir() + "/xf_evidence_step2_" + std::to_string(getpid());
  std::filesystem::create_directories(log_dir);
  auto log = trust::EvidenceLog::Open(log_dir + "/c.sqlite", {});
  RunServices services{.evidence = log.get()};
  std::string yaml = kYaml;
  yaml.replace(yaml.find("ash_pct, day"), 12, "ash, day");
  try {
    RunStep(yaml, {Samples()}, {.services = &services});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("ash"), std::string::npos) << e.what();
  }
  EXPECT_EQ(log->Size(), 0u);  // nothing appended before the columns were checked
  std::filesystem::remove_all(log_dir);
}

TEST(EvidenceStep, EngineTypesAreRefusedNamingTheStep) {
  for (const char* reserved : {"run_start", "input", "output", "export", "quality", "run_end"}) {
    std::string yaml = kYaml;
    yaml.replace(yaml.find("coal_sampling"), 13, reserved);
    try {
      RunStep(yaml, {Samples()});
      FAIL() << "expected an error for " << reserved;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("anchor_samples"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("reserved"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace xf::pipeline
