// normalize_units, normalize_strings and map_codes.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "govern/clean_map_codes.h"
#include "govern/clean_strings.h"
#include "govern/clean_units.h"
#include "govern/tests/clean_test_util.h"

namespace xf::govern {
namespace {

using testing::D;
using testing::Doubles;
using testing::Ints;
using testing::MakeTable;
using testing::S;
using testing::Strings;
const auto N = std::nullopt;

TEST(NormalizeUnits, UnitColumnToTarget) {
  TablePtr t = MakeTable(
      {{"v", Doubles({1.5, 2000, 3, N, 7})}, {"u", Strings({"MWh", "kWh", "兆瓦时", N, "MJ"})}});
  UnitNormalizeResult r = NormalizeUnits(*t, {.columns = {"v"}, .unit_column = "u", .to = "kWh"});
  ASSERT_EQ(r.table->num_rows(), 5);
  EXPECT_DOUBLE_EQ(*D(*r.table, "v", 0), 1500);
  EXPECT_DOUBLE_EQ(*D(*r.table, "v", 1), 2000);
  EXPECT_DOUBLE_EQ(*D(*r.table, "v", 2), 3000);
  EXPECT_FALSE(D(*r.table, "v", 3).has_value());  // no value, no unit: nothing to convert
  EXPECT_NEAR(*D(*r.table, "v", 4), 7 / 3.6, 1e-12);
  EXPECT_EQ(S(*r.table, "u", 0), "kWh");
  EXPECT_EQ(r.quarantined->num_rows(), 0);
}

TEST(NormalizeUnits, DeclaredFromAndAffine) {
  TablePtr t = MakeTable({{"temp", Ints({32, 212})}});
  UnitNormalizeResult r = NormalizeUnits(*t, {.columns = {"temp"}, .from = "℉", .to = "℃"});
  EXPECT_NEAR(*D(*r.table, "temp", 0), 0, 1e-12);
  EXPECT_NEAR(*D(*r.table, "temp", 1), 100, 1e-12);
}

TEST(NormalizeUnits, UnknownUnitErrorsOrQuarantines) {
  TablePtr t = MakeTable({{"v", Doubles({1, 2, 3, 4})}, {"u", Strings({"kWh", "kwh", "kW", N})}});
  try {
    NormalizeUnits(*t, {.columns = {"v"}, .unit_column = "u", .to = "kWh"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("row 2: unknown unit 'kwh' (did you mean 'kWh'?)"),
              std::string::npos)
        << e.what();
  }
  UnitNormalizeResult r = NormalizeUnits(
      *t, {.columns = {"v"}, .unit_column = "u", .to = "kWh", .quarantine_unknown = true});
  EXPECT_EQ(r.table->num_rows(), 1);
  ASSERT_EQ(r.quarantined->num_rows(), 3);
  EXPECT_EQ(r.table->num_rows() + r.quarantined->num_rows(), t->num_rows());
  EXPECT_EQ(S(*r.quarantined, "_reasons", 1), "unit 'kW' (power) cannot convert to 'kWh' (energy)");
  EXPECT_EQ(S(*r.quarantined, "_reasons", 2), "no unit (NULL) for a value");
  EXPECT_THROW(NormalizeUnits(*t, {.columns = {"v"}, .from = "kWh", .to = "bogus"}), Error);
}

TEST(NormalizeStrings, EachOption) {
  EXPECT_EQ(NormalizeString("  a  b \t", {}), "a  b");
  EXPECT_EQ(NormalizeString("  a  b \t", {.collapse_spaces = true}), "a b");
  EXPECT_EQ(NormalizeString("\xE3\x80\x80中国\xE3\x80\x80", {}), "中国");  // U+3000 trimmed
  EXPECT_EQ(NormalizeString("ＡＢＣ１２３！", {.full_to_half = true}), "ABC123!");
  EXPECT_EQ(NormalizeString("Ａ\xE3\x80\x80Ｂ", {.full_to_half = true}), "A B");
  EXPECT_EQ(NormalizeString("MiXed", {.case_fold = CaseFold::kLower}), "mixed");
  EXPECT_EQ(NormalizeString("MiXed 中", {.case_fold = CaseFold::kUpper}), "MIXED 中");
  EXPECT_EQ(NormalizeString("  x ", {.trim = false}), "  x ");
}

TEST(NormalizeStrings, TraditionalToSimplified) {
  EXPECT_EQ(TraditionalToSimplified("電網負荷數據"), "电网负荷数据");
  EXPECT_EQ(TraditionalToSimplified("廣東省"), "广东省");
  EXPECT_EQ(TraditionalToSimplified("already 简体"), "already 简体");
  ColumnPtr c = NormalizeStrings(*Strings({"國家電網 ", N}), {.t2s = true});
  EXPECT_EQ(c->GetValue(0).string_value(), "国家电网");
  EXPECT_TRUE(c->IsNull(1));
}

TEST(MapCodes, InlineMapEachUnmappedAction) {
  TablePtr t = MakeTable({{"code", Strings({"01", "02", "99", N})}});
  CodeMapOptions o{.column = "code", .output = "name", .map = {{"01", "火电"}, {"02", "水电"}}};
  CodeMapResult keep = MapCodes(*t, o);
  EXPECT_EQ(keep.unmapped, 1);
  EXPECT_EQ(S(*keep.table, "name", 0), "火电");
  EXPECT_EQ(S(*keep.table, "name", 2), "99");
  EXPECT_EQ(S(*keep.table, "name", 3), "NULL");
  EXPECT_EQ(S(*keep.table, "code", 0), "01");
  o.unmapped = UnmappedAction::kNull;
  EXPECT_EQ(S(*MapCodes(*t, o).table, "name", 2), "NULL");
  o.unmapped = UnmappedAction::kError;
  EXPECT_THROW(MapCodes(*t, o), Error);
  o.unmapped = UnmappedAction::kQuarantine;
  CodeMapResult q = MapCodes(*t, o);
  EXPECT_EQ(q.table->num_rows(), 3);
  ASSERT_EQ(q.quarantined->num_rows(), 1);
  EXPECT_EQ(S(*q.quarantined, "_reasons", 0), "code='99' has no mapping");
}

TEST(MapCodes, IntegerCodesAndCsvFile) {
  const std::string path = ::testing::TempDir() + "/codes.csv";
  std::ofstream(path) << "from,to\n1,coal\n2,hydro\n01,coal-zero\n";
  auto map = LoadCodeMap(path);
  EXPECT_EQ(map.size(), 3u);
  EXPECT_EQ(map.at("01"), "coal-zero");  // codes are text: a leading zero matters
  TablePtr t = MakeTable({{"c", Ints({1, 2, 3})}});
  CodeMapResult r = MapCodes(*t, {.column = "c", .map = map});
  EXPECT_EQ(S(*r.table, "c", 0), "coal");
  EXPECT_EQ(S(*r.table, "c", 2), "3");
  std::ofstream(path) << "from,to\n1,coal\n1,gas\n";
  EXPECT_THROW(LoadCodeMap(path), Error);
}

}  // namespace
}  // namespace xf::govern
