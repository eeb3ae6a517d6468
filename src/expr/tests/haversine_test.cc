#include <cmath>

#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

TEST(Functions, HaversineKm) {
  // Beijing Tiananmen (39.9087, 116.3975) to Shanghai People's Square (31.2304, 121.4737):
  // about 1068 km on the mean-radius sphere.
  const Value d = Scalar("haversine_km(39.9087, 116.3975, 31.2304, 121.4737)");
  ASSERT_EQ(d.type(), TypeId::kFloat64);
  EXPECT_NEAR(d.float_value(), 1068.14, 0.01);
  // One degree of latitude is 6371.0088 · π / 180 km.
  EXPECT_NEAR(Scalar("haversine_km(0, 0, 1, 0)").float_value(), 6371.0088 * M_PI / 180, 1e-9);
  // Integer arguments convert; across the antimeridian is short.
  EXPECT_NEAR(Scalar("haversine_km(0, 179, 0, -179)").float_value(), 2 * 6371.0088 * M_PI / 180,
              1e-9);
  EXPECT_EQ(S("haversine_km(30, 120, 30, 120)"), "0");
  EXPECT_EQ(S("haversine_km(NULL, 120, 30, 120)"), "NULL");
  EXPECT_EQ(S("haversine_km(91, 120, 30, 120)"), "NULL");
  EXPECT_EQ(Eval("haversine_km(f, 0, f, 0)"), (std::vector<std::string>{"0", "NULL", "0", "0"}));
  EXPECT_NE(ErrorOf("haversine_km(s, 0, 0, 0)").find("haversine_km"), std::string::npos);
}

}  // namespace
}  // namespace xf::test
