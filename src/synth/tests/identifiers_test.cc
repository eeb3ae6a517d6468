#include "synth/identifiers.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "synth/names.h"

namespace xf::synth {
namespace {

TEST(Identifiers, KnownCreditCodesValidate) {
  // Published codes of well-known companies (check characters per GB 32100).
  EXPECT_TRUE(IsValidCreditCode("91350100M000100Y43"));
  EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y4"), '3');
  EXPECT_FALSE(IsValidCreditCode("91350100M000100Y44"));
  EXPECT_FALSE(IsValidCreditCode("91350100M000100Y4"));       // too short
  EXPECT_EQ(CreditCodeCheckChar("9135010OM000100Y4"), '\0');  // 'O' is not in the alphabet
}

TEST(Identifiers, KnownResidentIdValidates) {
  // The GB 11643 standard's own example.
  EXPECT_TRUE(IsValidResidentId("11010519491231002X"));
  EXPECT_EQ(ResidentIdCheckChar("11010519491231002"), 'X');
  EXPECT_FALSE(IsValidResidentId("110105194912310021"));
  EXPECT_FALSE(IsValidResidentId("110105194902300027"));  // wrong check, and Feb 30
}

TEST(Identifiers, GeneratedCodesValidateAndDiffer) {
  std::string prev;
  for (uint64_t i = 0; i < 2000; ++i) {
    Rng rng(7, "t", "c", i);
    const std::string code = MakeCreditCode("339902", &rng);
    ASSERT_EQ(code.size(), 18u);
    EXPECT_TRUE(IsValidCreditCode(code)) << code;
    EXPECT_EQ(code.substr(2, 6), "339902");
    EXPECT_NE(code, prev);
    prev = code;
    // Corrupting any one character breaks the check (MOD 31 catches single substitutions).
    std::string bad = code;
    bad[5] = bad[5] == '1' ? '2' : '1';
    EXPECT_FALSE(IsValidCreditCode(bad)) << bad;

    const int32_t born = static_cast<int32_t>(
        rng.UniformInt(DaysFromCivil(1950, 1, 1), DaysFromCivil(2005, 12, 31)));
    const std::string id = MakeResidentId("339902", born, i % 2 == 0, &rng);
    ASSERT_EQ(id.size(), 18u);
    EXPECT_TRUE(IsValidResidentId(id)) << id;
    EXPECT_EQ((id[16] - '0') % 2 == 1, i % 2 == 0) << id;  // odd sequence digit = male
    EXPECT_EQ(id.substr(6, 8), FormatDate(born).substr(0, 4) + FormatDate(born).substr(5, 2) +
                                   FormatDate(born).substr(8, 2));
  }
}

TEST(Identifiers, Names) {
  Rng rng(1);
  const std::string n = MakeCompanyName("滨江区", "造纸", "有限公司", &rng);
  EXPECT_EQ(n.rfind("滨江", 0), 0u) << n;
  EXPECT_NE(n.find("纸业有限公司"), std::string::npos) << n;
  const std::string p = MakePersonName(&rng);
  EXPECT_GE(p.size(), 6u);  // two or three CJK characters
  EXPECT_LE(p.size(), 12u);
}

}  // namespace
}  // namespace xf::synth
