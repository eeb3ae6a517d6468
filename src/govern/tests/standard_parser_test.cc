// Reading standards: implied rules, ids, defaults, and errors that name file:line:col with a
// suggestion.
#include <gtest/gtest.h>

#include "core/error.h"
#include "govern/tests/test_tables.h"
#include "govern/validate.h"

namespace xf::govern {
namespace {

using testing::ParseStd;

std::string ErrorOf(const std::string& yaml) {
  try {
    ParseStd(yaml);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(StandardParserTest, ColumnKeysImplyRulesWithDefaultDimensions) {
  TableStandard s = ParseStd(R"(
columns:
  id: {required: true, unique: true}
  kwh: {type: float64, unit: kWh, min: 0, severity: warn, threshold: 95}
  level: {codes: [I, II]}
primary_key: [id]
rules:
  - {kind: range, column: kwh, max: 10}
)");
  std::vector<std::string> ids;
  for (const RuleSpec& r : s.rules) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"id.not_null", "id.unique", "kwh.range", "level.in_set",
                                           "primary_key", "kwh.range#2"}));
  EXPECT_EQ(s.rules[2].severity, Severity::kWarn);
  EXPECT_EQ(*s.rules[2].threshold, 95);
  EXPECT_EQ(s.rules[3].dimension, Dimension::kNormativeness);
  EXPECT_EQ(s.rules[3].indicator, "reference_data");
  EXPECT_EQ(s.rules[0].dimension, Dimension::kCompleteness);
  EXPECT_EQ(s.columns[1].unit, "kWh");
  EXPECT_EQ(*s.columns[1].type, TypeId::kFloat64);
}

TEST(StandardParserTest, ErrorsNamePositionAndSuggest) {
  EXPECT_NE(ErrorOf("rules:\n  - {kind: rnage, column: x, min: 0}\n")
                .find("std.yaml:2:12: option 'kind': unknown rule kind 'rnage'; did you mean 'range'?"),
            std::string::npos)
      << ErrorOf("rules:\n  - {kind: rnage, column: x, min: 0}\n");
  EXPECT_NE(ErrorOf("rules:\n  - {kind: range, column: x, mni: 0}\n").find("did you mean 'min'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("columns:\n  x: {requird: true}\n").find("std.yaml:2"), std::string::npos);
  EXPECT_NE(ErrorOf("rules:\n  - {kind: regex, column: x, pattern: \"a(\"}\n")
                .find("bad regular expression"),
            std::string::npos);
  EXPECT_NE(ErrorOf("columns:\n  x: {unit: kwH}\n").find("unknown unit 'kwH'; did you mean"),
            std::string::npos);
  EXPECT_NE(ErrorOf("rules:\n  - {kind: range, column: x, min: 0, threshold: 120}\n")
                .find("threshold is a percentage"),
            std::string::npos);
  EXPECT_NE(ErrorOf("rules:\n  - {kind: not_null, column: x, dimension: speed}\n")
                .find("dimension is one of"),
            std::string::npos);
  EXPECT_NE(ErrorOf("rules:\n  - {kind: regularity, time: t, interval: 15x}\n").find("std.yaml:2"),
            std::string::npos);
  EXPECT_NE(ErrorOf("rules:\n  - {id: a, kind: not_null, column: x}\n  - {id: a, kind: not_null, column: y}\n")
                .find("duplicate rule id 'a'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("columns:\n  kwh: {unit: kWh}\nrules:\n  - {kind: range, column: kwh, max: 1, unit: m}\n")
                .find("cannot convert m to the column's unit kWh"),
            std::string::npos);
}

TEST(StandardParserTest, MissingColumnAndWrongTypeFailAtValidation) {
  TablePtr t = Table::Make(Schema({{"kwh", TypeId::kString}}), {testing::Strings({"1"})});
  auto what = [&](const std::string& yaml) {
    try {
      Validate(ParseStd(yaml), t);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(what("rules:\n  - {kind: not_null, column: kwhh}\n").find("did you mean 'kwh'"),
            std::string::npos);
  EXPECT_NE(what("columns:\n  kwh: {type: float64}\n")
                .find("std.yaml:2:15: option 'type': column 'kwh' is string in the data; the standard says float64"),
            std::string::npos)
      << what("columns:\n  kwh: {type: float64}\n");
  EXPECT_NE(what("rules:\n  - {kind: range, column: kwh, min: 0}\n")
                .find("a range rule needs a numeric column"),
            std::string::npos);
  EXPECT_NE(what("columns:\n  kwh: {type: resident_idd}\n").find("did you mean 'resident_id'"),
            std::string::npos);
  EXPECT_NE(what("rules:\n  - {kind: expression, expr: \"kwh >\"}\n").find("in `expr`"),
            std::string::npos);
}

}  // namespace
}  // namespace xf::govern
