// distinct with `columns`: the representative row's other columns (keep row) versus only the
// listed columns (keep_only_columns), with hand-computed answers.
#include "ops/distinct.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/tests/test_util.h"

namespace xf {
namespace {

using Strings = std::vector<std::string>;

TablePtr Events() {  // machine_id, fault_code (NULL in row 4), severity
  auto m = Column::Make(TypeId::kString), f = Column::Make(TypeId::kString);
  auto s = Column::Make(TypeId::kInt64);
  const Strings machines = {"m1", "m2", "m3", "m4", "m5"};
  const Strings faults = {"F1", "F1", "F2", "", ""};
  for (size_t i = 0; i < machines.size(); ++i) {
    m->AppendString(machines[i]);
    if (faults[i].empty()) {
      f->AppendNull();
    } else {
      f->AppendString(faults[i]);
    }
    s->AppendInt64(static_cast<int64_t>(i) + 1);
  }
  return Table::Make(Schema({{"machine_id", TypeId::kString},
                             {"fault_code", TypeId::kString},
                             {"severity", TypeId::kInt64}}),
                     {m, f, s});
}

std::vector<std::string> Cells(const Table& t, const std::string& name) {
  std::vector<std::string> out;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    out.push_back(t.column(name)->IsNull(r) ? "NULL" : t.column(name)->GetValue(r).ToString());
  }
  return out;
}

TEST(DistinctColumns, DefaultKeepsEveryColumnOfTheFirstRow) {
  const auto out = testing::RunSingleAndMulti([] { return Distinct(*Events(), {{"fault_code"}}); });
  EXPECT_EQ(out->schema().names(), (Strings{"machine_id", "fault_code", "severity"}));
  EXPECT_EQ(Cells(*out, "fault_code"), (Strings{"F1", "F2", "NULL"}));  // NULL equals NULL
  EXPECT_EQ(Cells(*out, "machine_id"), (Strings{"m1", "m3", "m4"}));    // the first row's
  EXPECT_EQ(Cells(*out, "severity"), (Strings{"1", "3", "4"}));
}

TEST(DistinctColumns, KeepOnlyColumnsInListedOrder) {
  DistinctOptions o{{"severity", "fault_code"}, /*keep_only_columns=*/true};
  const auto pairs = Distinct(*Events(), o);
  EXPECT_EQ(pairs->schema().names(), (Strings{"severity", "fault_code"}));
  EXPECT_EQ(pairs->num_rows(), 5);  // all unique: the no-duplicate path still drops machine_id

  o.columns = {"fault_code", "fault_code"};  // a repeated name is one output column
  const auto codes = testing::RunSingleAndMulti([&] { return Distinct(*Events(), o); });
  EXPECT_EQ(codes->schema().names(), (Strings{"fault_code"}));
  EXPECT_EQ(Cells(*codes, "fault_code"), (Strings{"F1", "F2", "NULL"}));

  o.columns = {};  // all columns: the same as keeping the row
  EXPECT_EQ(Distinct(*Events(), o)->num_columns(), 3);
}

}  // namespace
}  // namespace xf
