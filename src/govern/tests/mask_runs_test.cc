// Keyed masks on time-series keys: a run of equal values (one meter's readings) is masked once and
// reused, which must give exactly what masking each value on its own gives.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "govern/mask.h"
#include "govern/tests/mask_test_util.h"

namespace xf::govern {
namespace {

using testing::Rule;
using testing::Strings;

TEST(MaskRuns, RepeatedValuesMaskLikeSingleValues) {
  KeyRing ring;
  ring.Add("default", std::vector<uint8_t>(32, 5));
  const std::vector<std::string> values = {"EH00001", "EH00001", "<null>", "EH00001", "EH00002",
                                           "EH00002", "EH00001", "",       ""};
  for (const char* yaml : {"id: {method: hash, length: 16}", "id: {method: hash, algorithm: sm3}",
                           "id: {method: token}"}) {
    MaskRule rule = Rule(yaml);
    ColumnPtr all = MaskColumn(Strings(values), rule, &ring);
    ASSERT_EQ(all->size(), static_cast<int64_t>(values.size()));
    for (size_t i = 0; i < values.size(); ++i) {
      ColumnPtr one = MaskColumn(Strings({values[i]}), rule, &ring);
      const int64_t r = static_cast<int64_t>(i);
      ASSERT_EQ(all->IsValid(r), one->IsValid(0)) << yaml << " row " << i;
      if (one->IsValid(0)) {
        EXPECT_EQ(all->GetValue(r).ToString(), one->GetValue(0).ToString()) << yaml << " row " << i;
      }
    }
    EXPECT_EQ(all->GetValue(0).ToString(), all->GetValue(6).ToString()) << yaml;
    EXPECT_NE(all->GetValue(0).ToString(), all->GetValue(4).ToString()) << yaml;
  }
  // The hex digest: lower-case, the requested length.
  ColumnPtr h = MaskColumn(Strings({"EH00001"}), Rule("id: {method: hash, length: 16}"), &ring);
  const std::string hex = h->GetValue(0).ToString();
  EXPECT_EQ(hex.size(), 16u);
  EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos) << hex;
}

}  // namespace
}  // namespace xf::govern
