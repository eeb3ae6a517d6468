// The cleaning step kinds, configured from YAML as a scenario would.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::RunStep;

TablePtr Meters() {
  auto meter = Column::Make(TypeId::kString), unit = Column::Make(TypeId::kString),
       time = Column::Make(TypeId::kTimestamp), v = Column::Make(TypeId::kFloat64),
       name = Column::Make(TypeId::kString);
  const char* meters[] = {"M1", "M1", "M1", "M1", "M2", "M2", "M2", "M1"};
  const char* units[] = {"kWh", "MWh", "kWh", "千瓦时", "kWh", "kWh", "kWh", "kWh"};
  const int hours[] = {0, 1, 2, 3, 0, 1, 2, 0};
  const double vals[] = {10, 0.02, -1, 40, 5, 5, 500, 10};
  const char* names[] = {" 國家電網 ", "ＡＢ　Ｃ", "x", "y", "z", "z", "z", " 國家電網 "};
  for (int i = 0; i < 8; ++i) {
    meter->AppendString(meters[i]);
    unit->AppendString(units[i]);
    time->AppendTimestamp(int64_t{hours[i]} * 3'600'000'000LL);
    if (i == 2) {
      v->AppendNull();
    } else {
      v->AppendFloat64(vals[i]);
    }
    name->AppendString(names[i]);
  }
  return Table::Make(Schema({{"meter", TypeId::kString},
                             {"unit", TypeId::kString},
                             {"time", TypeId::kTimestamp},
                             {"kwh", TypeId::kFloat64},
                             {"name", TypeId::kString}}),
                     {meter, unit, time, v, name});
}

TEST(CleanSteps, DedupWithDroppedOutput) {
  auto out = RunStep(R"(
id: d
kind: dedup
in: m
out: [m_clean, m_dups]
by: [meter, time]
keep: last
)",
                     {Meters()});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]->num_rows(), 7);
  ASSERT_EQ(out[1]->num_rows(), 1);
  EXPECT_EQ(out[0]->num_rows() + out[1]->num_rows(), 8);
  EXPECT_EQ(out[1]->column("_reasons")->GetValue(0).string_value(),
            "duplicate of row 8 on meter, time");
  EXPECT_EQ(out[1]->column("_source_row")->GetValue(0).int_value(), 1);
  // Exact duplicates: rows 1 and 8 are equal in every column.
  auto exact = RunStep("{id: d, kind: dedup, in: m, out: m2}", {Meters()});
  EXPECT_EQ(exact[0]->num_rows(), 7);
  EXPECT_NE(ErrorOf("{id: d, kind: dedup, in: m, out: o, keep: newest}", {Meters()})
                .find("'newest' is not one of: first, last, most_complete"),
            std::string::npos);
}

TEST(CleanSteps, OutliersQuarantineKeepsEveryRow) {
  auto out = RunStep(R"(
id: o
kind: outliers
in: m
out: [ok, odd]
columns: [kwh]
by: [meter]
method: iqr
k: 1.5
action: quarantine
)",
                     {Meters()});
  // M2: 5, 5, 500 → Q1 5, Q3 252.5: nothing; M1: 10, 0.02, 40, 10 → Q1 7.505, Q3 17.5, IQR 9.995,
  // upper fence 32.49: 40 is out.
  ASSERT_EQ(out[1]->num_rows(), 1);
  EXPECT_EQ(out[1]->column("kwh")->GetValue(0).AsDouble(), 40);
  EXPECT_EQ(out[1]->column("_rules")->GetValue(0).string_value(), "outliers:iqr");
  EXPECT_EQ(out[0]->num_rows() + out[1]->num_rows(), 8);
  EXPECT_NE(ErrorOf("{id: o, kind: outliers, in: m, out: x, columns: [kwh], action: quarantine}",
                    {Meters()})
                .find("needs a second output"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf("{id: o, kind: outliers, in: m, out: x, columns: [kwh], method: hampel}", {Meters()})
          .find("needs 'order'"),
      std::string::npos);
  auto flagged = RunStep(
      "{id: o, kind: outliers, in: m, out: x, columns: [kwh], by: [meter], method: hampel, "
      "order: time, window: 2}",
      {Meters()});
  EXPECT_GE(flagged[0]->ColumnIndex("kwh_outlier"), 0);
  EXPECT_GE(flagged[0]->ColumnIndex("kwh_score"), 0);
}

TEST(CleanSteps, FillMissingMethods) {
  auto lin = RunStep(R"(
id: f
kind: fill_missing
in: m
out: filled
columns: [kwh]
method: linear
by: [meter]
time: time
flag: true
)",
                     {Meters()});
  // M1 at 1 h: 0.02, at 3 h: 40 → at 2 h: 20.01.
  EXPECT_NEAR(lin[0]->column("kwh")->GetValue(2).AsDouble(), 20.01, 1e-12);
  EXPECT_TRUE(lin[0]->column("kwh_filled")->GetValue(2).bool_value());
  auto c =
      RunStep("{id: f, kind: fill_missing, in: m, out: x, columns: [kwh], value: 0}", {Meters()});
  EXPECT_EQ(c[0]->column("kwh")->GetValue(2).AsDouble(), 0);
  EXPECT_NE(ErrorOf("{id: f, kind: fill_missing, in: m, out: x, columns: [kwh], method: forward}",
                    {Meters()})
                .find("needs 'time'"),
            std::string::npos);
  auto seasonal = RunStep(
      "{id: f, kind: fill_missing, in: m, out: x, columns: [kwh], method: seasonal, by: [meter], "
      "time: time, period: 1h}",
      {Meters()});
  EXPECT_EQ(seasonal[0]->column("kwh")->GetValue(2).AsDouble(), 0.02);
}

TEST(CleanSteps, NormalizeUnitsErrorNamesStepAndValue) {
  auto out =
      RunStep("{id: u, kind: normalize_units, in: m, out: x, columns: [kwh], unit: unit, to: kWh}",
              {Meters()});
  EXPECT_DOUBLE_EQ(out[0]->column("kwh")->GetValue(1).AsDouble(), 20);
  TablePtr bad = Meters()->WithColumn(
      "unit", Column::FromValues(TypeId::kString,
                                 {Value::String("kWh"), Value::String("kwh"), Value::String("kWh"),
                                  Value::String("kWh"), Value::String("kWh"), Value::String("kWh"),
                                  Value::String("kWh"), Value::String("kWh")}));
  const std::string e = ErrorOf(
      "{id: u, kind: normalize_units, in: m, out: x, columns: [kwh], unit: unit, to: kWh}", {bad});
  EXPECT_NE(e.find("step 'u'"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown unit 'kwh'"), std::string::npos) << e;
  auto q = RunStep(
      "{id: u, kind: normalize_units, in: m, out: [x, q], columns: [kwh], unit: unit, to: kWh, "
      "on_unknown: quarantine}",
      {bad});
  EXPECT_EQ(q[0]->num_rows(), 7);
  EXPECT_EQ(q[1]->num_rows(), 1);
  EXPECT_NE(ErrorOf("{id: u, kind: normalize_units, in: m, out: x, columns: [kwh], from: kW, "
                    "to: kWh}",
                    {Meters()})
                .find("cannot convert"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{id: u, kind: normalize_units, in: m, out: x, columns: [kwh], from: kWh, "
                    "to: KWh}",
                    {Meters()})
                .find("did you mean 'kWh'"),
            std::string::npos);
}

TEST(CleanSteps, NormalizeStrings) {
  auto out = RunStep(
      "{id: s, kind: normalize_strings, in: m, out: x, columns: [name], full_to_half: true, "
      "t2s: true, collapse_spaces: true, case: lower}",
      {Meters()});
  EXPECT_EQ(out[0]->column("name")->GetValue(0).string_value(), "国家电网");
  EXPECT_EQ(out[0]->column("name")->GetValue(1).string_value(), "ab c");
  EXPECT_NE(ErrorOf("{id: s, kind: normalize_strings, in: m, out: x, columns: [kwh]}", {Meters()})
                .find("not string"),
            std::string::npos);
}

TEST(CleanSteps, MapCodesInlineAndFile) {
  auto out = RunStep(
      "{id: c, kind: map_codes, in: m, out: [x, q], column: meter, output: site, "
      "map: {M1: 北区}, unmapped: quarantine}",
      {Meters()});
  EXPECT_EQ(out[0]->num_rows(), 5);
  EXPECT_EQ(out[1]->num_rows(), 3);
  EXPECT_EQ(out[0]->column("site")->GetValue(0).string_value(), "北区");
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "map_codes";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "codes.csv") << "from,to\nM1,north\nM2,south\n";
  auto f = RunStep("{id: c, kind: map_codes, in: m, out: x, column: meter, file: codes.csv}",
                   {Meters()}, {.file = (dir / "scenario.yaml").string()});
  EXPECT_EQ(f[0]->column("meter")->GetValue(6).string_value(), "south");
  EXPECT_NE(ErrorOf("{id: c, kind: map_codes, in: m, out: x, column: meter, map: {M1: a}, "
                    "unmapped: error}",
                    {Meters()})
                .find("code 'M2' has no mapping"),
            std::string::npos);
}

}  // namespace
}  // namespace xf::pipeline
