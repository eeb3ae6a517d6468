// Joins whose inputs share a non-key column name: both values must survive, the left under the
// plain name and the right under name + suffix, or the join must refuse (empty suffix).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "ops/asof_join.h"
#include "ops/join.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

// A table from rows of text; types per column 's' (string) or 'i' (int64); "" is NULL.
TablePtr Make(const std::vector<std::string>& names, const std::string& types,
              const std::vector<std::vector<std::string>>& rows) {
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (size_t c = 0; c < names.size(); ++c) {
    const TypeId t = types[c] == 's' ? TypeId::kString : TypeId::kInt64;
    fields.push_back({names[c], t});
    auto col = Column::Make(t);
    for (const auto& row : rows) {
      if (row[c].empty()) {
        col->AppendNull();
      } else if (t == TypeId::kString) {
        col->AppendString(row[c]);
      } else {
        col->AppendInt64(std::stoll(row[c]));
      }
    }
    cols.push_back(col);
  }
  return Table::Make(Schema(fields), cols);
}

// A column as text, "NULL" for NULLs.
std::vector<std::string> Cells(const Table& t, const std::string& name) {
  const ColumnPtr& c = t.column(name);
  std::vector<std::string> out;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    out.push_back(c->IsNull(r) ? "NULL" : c->GetValue(r).ToString());
  }
  return out;
}

using Strings = std::vector<std::string>;

// The reported case: the right table's machine_id must not replace (or be replaced by) the
// left's; both paths of the probe (unique int64 key, grouped string key).
TEST(JoinClash, NonKeyColumnOfSameNameKeepsBothValues) {
  const auto left = Make({"k", "machine_id", "v"}, "isi",
                         {{"1", "m1", "10"}, {"2", "m2", "20"}, {"1", "m3", "30"}});
  const auto right =
      Make({"k", "machine_id", "w"}, "isi", {{"1", "r1", "100"}, {"2", "r2", "200"}});
  const auto out = testing::RunSingleAndMulti([&] {
    return HashJoin(*left, *right, {JoinType::kInner, {"k"}, {}});
  });
  EXPECT_EQ(out->schema().names(), (Strings{"k", "machine_id", "v", "machine_id_right", "w"}));
  EXPECT_EQ(Cells(*out, "machine_id"), (Strings{"m1", "m2", "m3"}));
  EXPECT_EQ(Cells(*out, "machine_id_right"), (Strings{"r1", "r2", "r1"}));
  EXPECT_EQ(Cells(*out, "w"), (Strings{"100", "200", "100"}));

  const auto ls = Make({"k", "machine_id"}, "ss", {{"a", "m1"}, {"b", "m2"}, {"c", "m3"}});
  const auto rs = Make({"k", "machine_id"}, "ss", {{"a", "r1"}, {"a", "r2"}, {"b", "r3"}});
  const auto grouped = HashJoin(*ls, *rs, {JoinType::kLeft, {"k"}, {}, "_r"});
  EXPECT_EQ(grouped->schema().names(), (Strings{"k", "machine_id", "machine_id_r"}));
  EXPECT_EQ(Cells(*grouped, "k"), (Strings{"a", "a", "b", "c"}));
  EXPECT_EQ(Cells(*grouped, "machine_id"), (Strings{"m1", "m1", "m2", "m3"}));
  EXPECT_EQ(Cells(*grouped, "machine_id_r"), (Strings{"r1", "r2", "r3", "NULL"}));
}

// A left column already named like the suffixed name is not overwritten: the suffix repeats.
TEST(JoinClash, SuffixRepeatsUntilUnique) {
  const auto left = Make({"k", "a", "a_right"}, "iss", {{"1", "L", "LR"}, {"2", "L2", "LR2"}});
  const auto right = Make({"k", "a"}, "is", {{"2", "R2"}, {"1", "R"}});
  const auto out = HashJoin(*left, *right, {JoinType::kInner, {"k"}, {}});
  EXPECT_EQ(out->schema().names(), (Strings{"k", "a", "a_right", "a_right_right"}));
  EXPECT_EQ(Cells(*out, "a"), (Strings{"L", "L2"}));
  EXPECT_EQ(Cells(*out, "a_right"), (Strings{"LR", "LR2"}));
  EXPECT_EQ(Cells(*out, "a_right_right"), (Strings{"R", "R2"}));
}

// With different key names the right key is dropped, but a right non-key column named like the
// left key is data and is kept.
TEST(JoinClash, RightNonKeyNamedLikeLeftKey) {
  const auto left = Make({"id", "x"}, "is", {{"1", "a"}, {"2", "b"}});
  const auto right = Make({"rid", "id"}, "ii", {{"2", "77"}, {"1", "88"}});
  const auto out = HashJoin(*left, *right, {JoinType::kInner, {"id"}, {"rid"}});
  EXPECT_EQ(out->schema().names(), (Strings{"id", "x", "id_right"}));
  EXPECT_EQ(Cells(*out, "id"), (Strings{"1", "2"}));
  EXPECT_EQ(Cells(*out, "id_right"), (Strings{"88", "77"}));
}

// An empty suffix refuses the clash, naming the column and the fix; without a clash it joins.
TEST(JoinClash, EmptySuffixRefusesClash) {
  const auto left = Make({"k", "machine_id"}, "is", {{"1", "m1"}});
  const auto right = Make({"k", "machine_id"}, "is", {{"1", "r1"}});
  try {
    HashJoin(*left, *right, {JoinType::kInner, {"k"}, {}, ""});
    FAIL() << "expected a spec error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kSpec);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'machine_id'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("select"), std::string::npos) << msg;
    EXPECT_NE(msg.find("suffix"), std::string::npos) << msg;
  }
  const auto other = Make({"k", "w"}, "is", {{"1", "x"}});
  const auto out = HashJoin(*left, *other, {JoinType::kInner, {"k"}, {}, ""});
  EXPECT_EQ(out->schema().names(), (Strings{"k", "machine_id", "w"}));
  // Semi and anti joins output left columns only: no clash to refuse.
  EXPECT_EQ(HashJoin(*left, *right, {JoinType::kSemi, {"k"}, {}, ""})->num_rows(), 1);
}

TEST(JoinClash, AsofJoinKeepsBothValues) {
  const auto left = Make({"t", "machine_id"}, "is", {{"5", "m1"}, {"1", "m2"}});
  const auto right = Make({"t", "machine_id"}, "is", {{"4", "r4"}, {"0", "r0"}});
  AsofJoinOptions o;
  o.left_on = "t";
  const auto out = AsofJoin(*left, *right, o);
  EXPECT_EQ(out->schema().names(), (Strings{"t", "machine_id", "t_right", "machine_id_right"}));
  EXPECT_EQ(Cells(*out, "machine_id"), (Strings{"m1", "m2"}));
  EXPECT_EQ(Cells(*out, "machine_id_right"), (Strings{"r4", "r0"}));
}

}  // namespace
}  // namespace xf
