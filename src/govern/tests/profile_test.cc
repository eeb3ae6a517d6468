#include "govern/profile.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/cn_ids.h"
#include "core/spec_node.h"

namespace xf::govern {
namespace {

TablePtr Sample(int n) {
  ColumnPtr id = Column::Make(TypeId::kString), phone = Column::Make(TypeId::kString),
            kwh = Column::Make(TypeId::kFloat64), grade = Column::Make(TypeId::kString),
            seq = Column::Make(TypeId::kInt64);
  for (int i = 0; i < n; ++i) {
    const std::string first17 = fmt::format("44030519800101{:03d}", i % 1000);
    id->AppendString(first17 + ResidentIdCheckChar(first17));
    phone->AppendString(fmt::format("139{:08d}", i));
    if (i % 10 == 0) {
      kwh->AppendNull();
    } else {
      kwh->AppendFloat64(i);
    }
    grade->AppendString(i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C");
    seq->AppendInt64(i);
  }
  return Table::Make(Schema({{"身份证号", TypeId::kString},
                             {"c2", TypeId::kString},
                             {"kwh", TypeId::kFloat64},
                             {"grade", TypeId::kString},
                             {"seq", TypeId::kInt64}}),
                     {id, phone, kwh, grade, seq});
}

TEST(Profile, PatternClasses) {
  EXPECT_EQ(PatternClass("13800138000"), "9{11}");
  EXPECT_EQ(PatternClass("11010519491231002X"), "9{17}A");
  EXPECT_EQ(PatternClass("粤B·D12345"), "汉A·A9{5}");
  EXPECT_EQ(PatternClass("Ab-12"), "Aa-9{2}");
  EXPECT_EQ(PatternClass(""), "");
}

TEST(Profile, ExactStatistics) {
  const TableProfile p = ProfileTable(*Sample(101));
  ASSERT_EQ(p.columns.size(), 5u);
  const ColumnProfile& id = p.columns[0];
  EXPECT_EQ(id.domain_type, "resident_id");
  EXPECT_EQ(id.sensitive.category, "resident_id");
  EXPECT_EQ(id.patterns[0].value, "9{18}");  // every check digit of this sample is a digit or X
  const ColumnProfile& phone = p.columns[1];
  EXPECT_EQ(phone.domain_type, "mobile_cn");
  EXPECT_EQ(phone.patterns.size(), 1u);
  EXPECT_EQ(phone.patterns[0].value, "9{11}");
  EXPECT_EQ(phone.patterns[0].count, 101);
  EXPECT_EQ(phone.patterns[0].hint, "mobile_cn");
  EXPECT_EQ(phone.sensitive.method, "content");
  const ColumnProfile& kwh = p.columns[2];
  EXPECT_EQ(kwh.nulls, 11);  // rows 0, 10, …, 100
  EXPECT_EQ(kwh.distinct, 90);
  EXPECT_TRUE(kwh.distinct_exact);
  EXPECT_EQ(*kwh.min, "1");
  EXPECT_EQ(*kwh.max, "99");
  // Median of the 90 values 1..99 without multiples of 10: the mean of the 45th and 46th.
  ASSERT_EQ(kwh.quantiles.size(), 5u);
  EXPECT_DOUBLE_EQ(kwh.quantiles[2].second, 50.0);
  const ColumnProfile& grade = p.columns[3];
  EXPECT_EQ(grade.distinct, 3);
  EXPECT_EQ(grade.top[0].value, "A");
  EXPECT_EQ(grade.top[0].count, 34);
  EXPECT_EQ(grade.values, (std::vector<std::string>{"A", "B", "C"}));
}

TEST(Profile, HyperLogLogBeyondTheLimit) {
  ProfileOptions o;
  o.exact_distinct_limit = 1000;
  const TableProfile p = ProfileTable(*Sample(50000), o);
  const ColumnProfile& seq = p.columns[4];
  EXPECT_FALSE(seq.distinct_exact);
  // 2^14 registers: standard error 0.8%; allow 4 standard errors.
  EXPECT_NEAR(static_cast<double>(seq.distinct), 50000.0, 50000 * 0.033);
  EXPECT_FALSE(seq.top_exact);
  EXPECT_TRUE(p.columns[3].distinct_exact);  // three grades stay exact
}

TEST(Profile, SuggestedStandardParses) {
  const TableProfile p = ProfileTable(*Sample(101));
  const std::string y = SuggestStandardYaml(p, "meters", "meters.csv");
  const SpecNode n = SpecNode::LoadString(y, "suggest.yaml");
  EXPECT_EQ(n.Get("table").AsString(), "meters");
  const SpecNode cols = n.Get("columns");
  EXPECT_EQ(cols.Get("身份证号").Get("type").AsString(), "resident_id");
  EXPECT_EQ(cols.Get("c2").Get("type").AsString(), "mobile_cn");
  EXPECT_FALSE(cols.Get("kwh").Has("required"));
  EXPECT_EQ(cols.Get("kwh").Get("min").AsDouble(), 1);
  EXPECT_EQ(cols.Get("grade").Get("codes").AsStringList(),
            (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_TRUE(cols.Get("seq").Get("unique").AsBool());
  EXPECT_NE(y.find("# personal data: resident_id, level 3"), std::string::npos);
}

}  // namespace
}  // namespace xf::govern
