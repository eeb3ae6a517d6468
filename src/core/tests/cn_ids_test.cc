#include "core/cn_ids.h"

#include <gtest/gtest.h>

#include "core/region_cn.h"
#include "core/time.h"

namespace xf {
namespace {

TEST(CnIds, ResidentIdStandardExample) {
  // The example printed in GB 11643-1999 itself.
  EXPECT_TRUE(IsValidResidentId("11010519491231002X"));
  EXPECT_TRUE(IsValidResidentId("11010519491231002x"));
  EXPECT_EQ(ResidentIdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(ExplainResidentId("11010519491231002X"), "");
  int32_t born;
  ASSERT_TRUE(ResidentIdBirthDate("11010519491231002X", &born));
  EXPECT_EQ(born, DaysFromCivil(1949, 12, 31));
}

TEST(CnIds, ResidentIdInvalidSamples) {
  EXPECT_FALSE(IsValidResidentId("110105194912310021"));
  EXPECT_EQ(ExplainResidentId("110105194912310021"), "check digit is 1, expected X");
  EXPECT_FALSE(IsValidResidentId("110105194902300027"));  // 30 February
  EXPECT_EQ(ExplainResidentId("110105194902300027"), "birth date 19490230 is not a date");
  EXPECT_FALSE(IsValidResidentId("1101051949123100"));
  EXPECT_EQ(ExplainResidentId("1101051949123100"), "has 16 characters, expected 18");
  EXPECT_EQ(ExplainResidentId("11010519491231A02X"), "the first 17 characters must be digits");
  // Check digit right but province 99 does not exist.
  const std::string bad_region =
      std::string("99010519491231002") + ResidentIdCheckChar("99010519491231002");
  EXPECT_FALSE(IsValidResidentId(bad_region));
  EXPECT_NE(ExplainResidentId(bad_region).find("province 99"), std::string::npos);
  // Every single-digit substitution of the example is caught (MOD 11-2 detects them all).
  const std::string good = "11010519491231002X";
  for (size_t i = 0; i < 17; ++i) {
    std::string bad = good;
    bad[i] = bad[i] == '9' ? '0' : static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(IsValidResidentId(bad)) << bad;
  }
}

TEST(CnIds, CreditCodePublishedExamples) {
  // Codes printed on business licences of well-known companies.
  for (const char* c : {"91350100M000100Y43", "9144030071526726XG", "914403001922038216",
                        "91330100716105852F", "91110108551385082Q"}) {
    EXPECT_TRUE(IsValidCreditCode(c)) << c;
    EXPECT_EQ(ExplainCreditCode(c), "") << c;
  }
  EXPECT_FALSE(IsValidCreditCode("91350100M000100Y44"));
  EXPECT_EQ(ExplainCreditCode("91350100M000100Y44"), "check character is 4, expected 3");
  EXPECT_EQ(ExplainCreditCode("9135010OM000100Y43"),
            "character 8 'O' is not in the code alphabet (0-9, A-Z without I O S V Z)");
  EXPECT_EQ(ExplainCreditCode("91350100M000100Y4"), "has 17 characters, expected 18");
}

TEST(CnIds, MobileNumbers) {
  for (const char* m : {"13800138000", "+86 138 0013 8000", "86-13800138000", "008613912345678",
                        "138-0013-8000", "19912345678", "16612345678", "14712345678"}) {
    EXPECT_TRUE(IsValidMobileCn(m)) << m;
  }
  std::string d;
  ASSERT_TRUE(NormalizeMobileCn("+86 138-0013-8000", &d));
  EXPECT_EQ(d, "13800138000");
  EXPECT_FALSE(IsValidMobileCn("12800138000"));  // 12x is not a mobile prefix
  EXPECT_EQ(ExplainMobileCn("12800138000"), "prefix 128 is not a mainland mobile prefix");
  EXPECT_FALSE(IsValidMobileCn("15412345678"));  // 154 is unassigned
  EXPECT_FALSE(IsValidMobileCn("1380013800"));
  EXPECT_EQ(ExplainMobileCn("1380013800"), "has 10 digits, expected 11");
  EXPECT_FALSE(IsValidMobileCn("010-62345678"));  // a landline
  EXPECT_FALSE(IsValidMobileCn("1380013800a"));
  EXPECT_EQ(ExplainMobileCn("1380013800a"),
            "contains characters other than digits, spaces, hyphens and +86");
}

TEST(CnIds, BankCardsLuhn) {
  // Card networks' published test numbers and a UnionPay sandbox card.
  for (const char* c : {"4111111111111111", "5555555555554444", "6011111111111117",
                        "6250941006528599", "6222 0210 0111 6245 702"}) {
    EXPECT_TRUE(IsValidBankCard(c)) << c;
  }
  EXPECT_TRUE(LuhnValid("378282246310005"));
  EXPECT_FALSE(IsValidBankCard("378282246310005"));  // 15 digits: valid Luhn, too short
  EXPECT_EQ(ExplainBankCard("378282246310005"), "has 15 digits, expected 16 to 19");
  EXPECT_FALSE(IsValidBankCard("4111111111111112"));
  EXPECT_EQ(ExplainBankCard("4111111111111112"), "fails the Luhn check");
  // Luhn catches every single-digit error.
  const std::string good = "6250941006528599";
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = bad[i] == '9' ? '0' : static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(IsValidBankCard(bad)) << bad;
  }
}

TEST(CnIds, VehiclePlates) {
  for (const char* p : {"京A12345", "沪A·B1234", "粤B D12345", "粤BD12345", "苏E-AB123",
                        "京AF12345", "浙A12345D", "川A1234学", "鲁B1234挂", "粤Z1234港"}) {
    EXPECT_TRUE(IsValidPlateCn(p)) << p;
    EXPECT_EQ(ExplainPlateCn(p), "") << p;
  }
  EXPECT_FALSE(IsValidPlateCn("A12345"));
  EXPECT_NE(ExplainPlateCn("X京A12345").find("province abbreviation"), std::string::npos);
  EXPECT_FALSE(IsValidPlateCn("港A12345"));  // not a mainland province abbreviation
  EXPECT_FALSE(IsValidPlateCn("京I12345"));  // I is never used
  EXPECT_FALSE(IsValidPlateCn("京A1234O"));  // nor O
  EXPECT_FALSE(IsValidPlateCn("京A1234"));
  EXPECT_FALSE(IsValidPlateCn("京AABC12"));   // three letters in an ordinary serial
  EXPECT_FALSE(IsValidPlateCn("京AX12345"));  // 6-character serial that is not new energy
  EXPECT_EQ(ExplainPlateCn("京A1234"),
            "serial must have 5 characters (ordinary) or 6 (new energy)");
}

TEST(CnIds, DatesInChineseForms) {
  const int32_t may1 = DaysFromCivil(2024, 5, 1);
  for (const char* s :
       {"2024-05-01", "2024/5/1", "20240501", "2024年5月1日", "2024.05.01", "2024年05月01日"}) {
    int32_t d = 0;
    EXPECT_TRUE(ParseDateCn(s, &d)) << s;
    EXPECT_EQ(d, may1) << s;
  }
  int32_t d;
  EXPECT_FALSE(ParseDateCn("2023-02-29", &d));
  EXPECT_EQ(ExplainDateCn("2023-02-29"), "no such date: 2023-02-29");
  EXPECT_EQ(ExplainDateCn("20230231"), "no such date: 2023-02-31");
  EXPECT_TRUE(ParseDateCn("2024-02-29", &d));
  EXPECT_FALSE(ParseDateCn("2024-13-01", &d));
  EXPECT_FALSE(ParseDateCn("2024-05/01", &d));
  EXPECT_NE(ExplainDateCn("2024-05/01").find("not a date in a recognised form"), std::string::npos);
  EXPECT_FALSE(ParseDateCn("May 1 2024", &d));
}

// Found by fuzz/cn_ids_fuzz: the check-character helpers return '\0' for a bad character, which
// matched a NUL in the last place, so a code with a bad character and a NUL was "valid".
TEST(CnIds, NulCheckCharacterIsInvalid) {
  using namespace std::string_literals;
  const std::string uscc = "91350100M00010?Y4\0"s;  // '?' is outside the alphabet
  ASSERT_EQ(uscc.size(), 18u);
  EXPECT_FALSE(IsValidCreditCode(uscc));
  EXPECT_FALSE(ExplainCreditCode(uscc).empty());
  const std::string id18 = "1101051949123100a\0"s;  // 'a' is not a digit
  ASSERT_EQ(id18.size(), 18u);
  EXPECT_FALSE(IsValidResidentId(id18));
  EXPECT_FALSE(ExplainResidentId(id18).empty());
}

// Found by fuzz/cn_ids_fuzz: a long digit run overflowed the explainer's int (UB).
TEST(CnIds, ExplainDateCnLongDigitRuns) {
  EXPECT_NE(ExplainDateCn("2024-99999999999999999999-01").find("not a date in a recognised form"),
            std::string::npos);
  EXPECT_NE(ExplainDateCn("110105194912310021-1-1").find("not a date in a recognised form"),
            std::string::npos);
  EXPECT_EQ(ExplainDateCn("2024-123-01"), "no such date: 2024-123-01");
}

TEST(RegionCn, TableAndLookup) {
  EXPECT_GT(Regions().size(), 3000u);
  const Region* r = FindRegion("110105");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "朝阳区");
  EXPECT_EQ(r->level, RegionLevel::kCounty);
  EXPECT_EQ(r->parent, "110100");
  const Region* p = FindRegion("440000");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "广东省");
  EXPECT_EQ(p->level, RegionLevel::kProvince);
  EXPECT_EQ(FindRegion("440300")->name, "深圳市");
  EXPECT_EQ(RegionFullName("110105"), "北京市朝阳区");
  EXPECT_EQ(RegionFullName("440305"), "广东省深圳市南山区");
  EXPECT_EQ(RegionTruncate("440305", RegionLevel::kProvince), "440000");
  EXPECT_EQ(RegionTruncate("440305", RegionLevel::kCity), "440300");
  EXPECT_EQ(RegionTruncate("4403", RegionLevel::kCity), "");
  // Unknown codes, and why.
  EXPECT_FALSE(IsValidRegionCode("110199"));
  EXPECT_EQ(ExplainRegionCode("110199"), "no region 110199 in GB/T 2260 (province 北京市 exists)");
  EXPECT_EQ(ExplainRegionCode("990101"), "province 99 is unknown");
  EXPECT_EQ(ExplainRegionCode("11010"), "has 5 characters, expected 6");
  // Every row's parent exists and is one level up.
  for (const Region& x : Regions()) {
    if (x.level == RegionLevel::kProvince) {
      EXPECT_TRUE(x.parent.empty());
      continue;
    }
    const Region* up = FindRegion(x.parent);
    ASSERT_NE(up, nullptr) << x.code;
    EXPECT_EQ(static_cast<int>(up->level), static_cast<int>(x.level) - 1) << x.code;
  }
}

}  // namespace
}  // namespace xf
