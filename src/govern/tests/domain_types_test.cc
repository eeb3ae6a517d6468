#include "govern/domain_types.h"

#include <gtest/gtest.h>

namespace xf::govern {
namespace {

TEST(DomainTypes, EveryTypeValidatesAndExplains) {
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> samples = {
      {"resident_id", {"11010519491231002X", "110105194912310021"}},
      {"uscc", {"91350100M000100Y43", "91350100M000100Y44"}},
      {"mobile_cn", {"13800138000", "12800138000"}},
      {"bank_card", {"4111111111111111", "4111111111111112"}},
      {"plate_cn", {"京A12345", "京I12345"}},
      {"region_code", {"110105", "110199"}},
      {"date_cn", {"2024年5月1日", "2023-02-29"}},
  };
  EXPECT_EQ(DomainTypes().size(), samples.size());
  for (const auto& [name, s] : samples) {
    const DomainType* t = FindDomainType(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_FALSE(t->title_en.empty());
    EXPECT_FALSE(t->title_zh.empty());
    EXPECT_TRUE(t->valid(s.first)) << name;
    EXPECT_EQ(t->explain(s.first), "") << name;
    EXPECT_FALSE(t->valid(s.second)) << name;
    EXPECT_NE(t->explain(s.second), "") << name;
  }
  EXPECT_EQ(FindDomainType("resident_id")->explain("110105194912310021"),
            "check digit is 1, expected X");
  EXPECT_EQ(FindDomainType("email"), nullptr);
}

}  // namespace
}  // namespace xf::govern
