#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

using V = std::vector<std::string>;

TablePtr People() {
  Schema schema({{"id", TypeId::kString}, {"phone", TypeId::kInt64}, {"region", TypeId::kInt64}});
  const Value n;
  return Table::Make(
      schema,
      {Column::FromValues(TypeId::kString, {Value::String("11010519491231002X"),
                                            Value::String("110105194912310021"), n}),
       Column::FromValues(TypeId::kInt64,
                          {Value::Int64(13800138000), Value::Int64(12800138000), n}),
       Column::FromValues(TypeId::kInt64, {Value::Int64(440305), Value::Int64(110199), n})});
}

TEST(CnFunctions, Validators) {
  EXPECT_EQ(S("is_resident_id('11010519491231002X')"), "true");
  EXPECT_EQ(S("is_resident_id('110105194912310021')"), "false");
  EXPECT_EQ(S("is_uscc('91350100M000100Y43')"), "true");
  EXPECT_EQ(S("is_uscc('91350100M000100Y44')"), "false");
  EXPECT_EQ(S("is_mobile_cn('+86 138 0013 8000')"), "true");
  EXPECT_EQ(S("is_bank_card('6250941006528599')"), "true");
  EXPECT_EQ(S("is_bank_card('6250941006528598')"), "false");
  EXPECT_EQ(S("is_plate_cn('粤BD12345')"), "true");
  EXPECT_EQ(S("is_plate_cn('粤BI2345')"), "false");
  EXPECT_EQ(S("is_region_code('110105')"), "true");
  EXPECT_EQ(S("is_region_code(110105)"), "true");  // integers are read as their digits
  EXPECT_EQ(S("is_region_code('110199')"), "false");
  EXPECT_EQ(S("is_resident_id(NULL)"), "NULL");
  // Column forms, with NULLs passed through.
  const TablePtr t = People();
  EXPECT_EQ(Eval("is_resident_id(id)", t), (V{"true", "false", "NULL"}));
  EXPECT_EQ(Eval("is_mobile_cn(phone)", t), (V{"true", "false", "NULL"}));
  EXPECT_EQ(Eval("is_region_code(region)", t), (V{"true", "false", "NULL"}));
}

TEST(CnFunctions, RegionsAndDates) {
  EXPECT_EQ(S("region_name('110105')"), "北京市朝阳区");
  EXPECT_EQ(S("region_name('110199')"), "NULL");
  EXPECT_EQ(S("region_province(440305)"), "广东省");
  EXPECT_EQ(S("region_truncate('440305', 'city')"), "440300");
  EXPECT_EQ(S("region_truncate(440305, 'province')"), "440000");
  EXPECT_NE(ErrorOf("region_truncate('440305', 'town')").find("'province', 'city' or 'county'"),
            std::string::npos);
  EXPECT_EQ(S("parse_date_cn('2024年5月1日')"), "2024-05-01");
  EXPECT_EQ(S("parse_date_cn(20240501)"), "2024-05-01");
  EXPECT_EQ(S("parse_date_cn('2024.05.01') = DATE '2024-05-01'"), "true");
  EXPECT_EQ(S("parse_date_cn('2023-02-29')"), "NULL");
  EXPECT_EQ(S("birth_year('11010519491231002X')"), "1949");
  EXPECT_EQ(S("birth_year('110105194912310021')"), "NULL");  // not a valid id: no year
}

TEST(CnFunctions, UnkeyedMasks) {
  EXPECT_EQ(S("mask_partial('13800138000', 3, 4)"), "138****8000");
  EXPECT_EQ(S("mask_partial(13800138000, 3, 4, '#')"), "138####8000");
  EXPECT_EQ(S("mask_partial('张三丰', 1, 0)"), "张**");
  EXPECT_EQ(S("mask_partial('张三', 1, 1)"), "张*");  // never returned unmasked
  EXPECT_EQ(S("mask_partial('', 1, 1)"), "");
  EXPECT_EQ(S("mask_null('x')"), "NULL");
  EXPECT_EQ(Eval("mask_null(i)"), (V{"NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(S("age_band(37, 10)"), "30-39");
  EXPECT_EQ(S("age_band(37.9, 5)"), "35-39");
  EXPECT_EQ(S("age_band(-1, 10)"), "NULL");
  EXPECT_EQ(S("age_band(37, 0)"), "NULL");
}

}  // namespace
}  // namespace xf::test
