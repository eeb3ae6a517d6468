// The join and distinct steps on the reported case: a `distinct` by fault_code, joined back to
// the events, must not hand the representative row's machine_id to every row under the plain
// name; and the cross join must never replace a left column.
#include <gtest/gtest.h>

#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;
using Strings = std::vector<std::string>;

Strings Cells(const Table& t, const std::string& name) {
  Strings out;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    out.push_back(t.column(name)->IsNull(r) ? "NULL" : t.column(name)->GetValue(r).ToString());
  }
  return out;
}

TablePtr Events() {
  return MakeTable({"machine_id", "fault_code"}, "ss",
                   {{"m1", "F1"}, {"m2", "F1"}, {"m3", "F2"}, {"m4", "F1"}});
}

constexpr const char* kDistinctRow =
    "id: d\nkind: distinct\nin: events\nout: faults\ncolumns: [fault_code]\n";

TEST(DistinctStep, KeepRowVersusColumns) {
  const auto row = RunStep(kDistinctRow, {Events()})[0];
  EXPECT_EQ(row->schema().names(), (Strings{"machine_id", "fault_code"}));
  EXPECT_EQ(Cells(*row, "machine_id"), (Strings{"m1", "m3"}));

  const auto cols = RunStep(std::string(kDistinctRow) + "keep: columns\n", {Events()})[0];
  EXPECT_EQ(cols->schema().names(), (Strings{"fault_code"}));
  EXPECT_EQ(Cells(*cols, "fault_code"), (Strings{"F1", "F2"}));

  const std::string err = ErrorOf(std::string(kDistinctRow) + "keep: first\n", {Events()});
  EXPECT_NE(err.find("unknown keep 'first'"), std::string::npos) << err;
}

TEST(JoinStep, RepresentativeRowDoesNotReplaceMachineId) {
  const auto faults = RunStep(kDistinctRow, {Events()})[0];
  const std::string join = "id: j\nkind: join\nin: [events, faults]\nout: o\non: [fault_code]\n";
  const auto out = RunStep(join, {Events(), faults})[0];
  EXPECT_EQ(out->schema().names(), (Strings{"machine_id", "fault_code", "machine_id_right"}));
  EXPECT_EQ(Cells(*out, "machine_id"), (Strings{"m1", "m2", "m3", "m4"}));
  EXPECT_EQ(Cells(*out, "machine_id_right"), (Strings{"m1", "m1", "m3", "m1"}));

  // Representative table on the left: its machine_id keeps the plain name, the events' moves.
  const std::string flipped = "id: j\nkind: join\nin: [faults, events]\nout: o\non: [fault_code]\n";
  const auto back = RunStep(flipped, {faults, Events()})[0];
  EXPECT_EQ(Cells(*back, "machine_id"), (Strings{"m1", "m1", "m1", "m3"}));
  EXPECT_EQ(Cells(*back, "machine_id_right"), (Strings{"m1", "m2", "m4", "m3"}));

  // suffix: "" refuses the clash with the column named and the fix spelled out.
  const std::string err = ErrorOf(join + "suffix: \"\"\n", {Events(), faults});
  EXPECT_NE(err.find("'machine_id'"), std::string::npos) << err;
  EXPECT_NE(err.find("select"), std::string::npos) << err;

  // keep: columns removes the clash altogether.
  const auto codes = RunStep(std::string(kDistinctRow) + "keep: columns\n", {Events()})[0];
  const auto clean = RunStep(join + "suffix: \"\"\n", {Events(), codes})[0];
  EXPECT_EQ(clean->schema().names(), (Strings{"machine_id", "fault_code"}));
  EXPECT_EQ(Cells(*clean, "machine_id"), (Strings{"m1", "m2", "m3", "m4"}));
}

TEST(JoinStep, CrossJoinNeverReplacesALeftColumn) {
  const auto left = MakeTable({"a", "a_right"}, "ss", {{"L1", "LR1"}, {"L2", "LR2"}});
  const auto right = MakeTable({"a"}, "s", {{"R"}});
  const std::string cross = "id: c\nkind: join\nin: [l, r]\nout: o\ntype: cross\n";
  const auto out = RunStep(cross, {left, right})[0];
  EXPECT_EQ(out->schema().names(), (Strings{"a", "a_right", "a_right_right"}));
  EXPECT_EQ(Cells(*out, "a"), (Strings{"L1", "L2"}));
  EXPECT_EQ(Cells(*out, "a_right"), (Strings{"LR1", "LR2"}));  // was overwritten with R
  EXPECT_EQ(Cells(*out, "a_right_right"), (Strings{"R", "R"}));

  const std::string err = ErrorOf(cross + "suffix: \"\"\n", {left, right});  // was: a = R
  EXPECT_NE(err.find("'a'"), std::string::npos) << err;

  const auto pairs = RunStep(
      cross, {MakeTable({"x"}, "i", {{"1"}, {"2"}}), MakeTable({"y"}, "s", {{"p"}, {"q"}})})[0];
  EXPECT_EQ(Cells(*pairs, "x"), (Strings{"1", "1", "2", "2"}));
  EXPECT_EQ(Cells(*pairs, "y"), (Strings{"p", "q", "p", "q"}));
}

}  // namespace
}  // namespace xf::pipeline
