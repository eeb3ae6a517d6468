// `truth:` labels planted rows of entities, derived and events tables from hidden columns, and
// `fixed:` keeps a reference list's size under --scale.
#include <gtest/gtest.h>

#include <set>

#include "synth/tests/test_util.h"

namespace xf::synth::test {
namespace {

const char* kPlanted = R"yaml(
regions:
  rows: 3
  fixed: true
  columns:
    code: {choice: ["390102", "390202"]}
firms:
  rows: 400
  columns:
    id: {seq: "F{:04d}"}
    n: {seq: true}
    planted: {expr: "n % 10 = 0", hidden: true}
    twin: {expr: "'F' || right('0000' || CAST(n - 1 AS string), 4)", hidden: true}
  truth:
    where: planted
    select: [id, {original: twin}]
picked:
  from: firms
  where: "n <= 100"
  select: [id]
  truth: {where: planted, select: [id, twin]}
moves:
  kind: events
  entities: firms
  keys: [id]
  start: 2024-01-01
  days: 365
  rate: 2
  per: 365d
  columns:
    out: {bool: 0.3}
  truth: {where: out, select: [id, time]}
)yaml";

TEST(SynthRowTruth, LabelsPlantedRowsFromHiddenColumns) {
  const std::vector<SynthTable> tables = Gen(kPlanted);
  const TablePtr firms = Find(tables, "firms");
  EXPECT_LT(firms->ColumnIndex("planted"), 0);
  EXPECT_LT(firms->ColumnIndex("twin"), 0);
  const TablePtr truth = Find(tables, "firms__truth");
  ASSERT_EQ(truth->num_rows(), 40);
  EXPECT_EQ(truth->schema().ToString(), "id:string, original:string");
  EXPECT_EQ(Str(truth, "id", 0), "F0010");
  EXPECT_EQ(Str(truth, "original", 0), "F0009");
  for (const SynthTable& t : tables) {
    EXPECT_EQ(t.ground_truth, t.name.ends_with("__truth")) << t.name;
  }
  // Derived with select: labelled from the hidden columns that select drops.
  EXPECT_EQ(Find(tables, "picked")->schema().ToString(), "id:string");
  EXPECT_EQ(Find(tables, "picked__truth")->num_rows(), 10);
  // Events: exactly the rows where the generated flag is true.
  const TablePtr moves = Find(tables, "moves");
  int64_t out = 0;
  for (int64_t i = 0; i < moves->num_rows(); ++i)
    out += moves->column("out")->GetValue(i).bool_value();
  ASSERT_GT(out, 100);
  EXPECT_EQ(Find(tables, "moves__truth")->num_rows(), out);
}

TEST(SynthRowTruth, FixedRowsIgnoreScale) {
  const std::vector<SynthTable> tables = Gen(kPlanted, 42, 5);
  EXPECT_EQ(Find(tables, "regions")->num_rows(), 3);
  EXPECT_EQ(Find(tables, "firms")->num_rows(), 2000);
  EXPECT_EQ(Find(tables, "firms__truth")->num_rows(), 200);
}

TEST(SynthRowTruth, SpecErrorsNameTheOption) {
  std::string e =
      ErrorOf("t:\n  rows: 2\n  columns: {a: {seq: true}}\n  truth: {where: a > 1, selec: [a]}\n");
  EXPECT_NE(e.find("did you mean 'select'"), std::string::npos) << e;
  e = ErrorOf("t:\n  rows: 2\n  columns: {a: {seq: true}}\n  truth: {where: a > 1, select: [b]}\n");
  EXPECT_NE(e.find("test.yaml:4"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::synth::test
