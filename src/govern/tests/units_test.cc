#include "govern/units.h"

#include <gtest/gtest.h>

#include <cmath>

namespace xf::govern {
namespace {

double Convert(const char* from, const char* to, double v) {
  std::optional<UnitConversion> c = FindConversion(from, to);
  EXPECT_TRUE(c.has_value()) << from << " -> " << to;
  return c ? c->Apply(v) : NAN;
}

TEST(Units, Dimensions) {
  EXPECT_EQ(UnitDimension("kWh"), "energy");
  EXPECT_EQ(UnitDimension("千瓦时"), "energy");
  EXPECT_EQ(UnitDimension("吨标准煤"), "energy");
  EXPECT_EQ(UnitDimension("MW"), "power");
  EXPECT_EQ(UnitDimension("℃"), "temperature");
  EXPECT_EQ(UnitDimension("亩"), "area");
  EXPECT_EQ(UnitDimension("m³/h"), "flow");
  EXPECT_EQ(UnitDimension(" kg "), "mass");
  EXPECT_FALSE(UnitDimension("mWh").has_value());  // case matters: milli-Wh is not MWh
  EXPECT_FALSE(UnitDimension("furlong").has_value());
  EXPECT_FALSE(UnitDimension("").has_value());
}

TEST(Units, HandComputed) {
  EXPECT_DOUBLE_EQ(Convert("MWh", "kWh", 1.5), 1500);
  EXPECT_DOUBLE_EQ(Convert("kWh", "MJ", 1), 3.6);
  EXPECT_DOUBLE_EQ(Convert("GWh", "MWh", 2), 2000);
  EXPECT_DOUBLE_EQ(Convert("mm", "m", 2500), 2.5);
  EXPECT_DOUBLE_EQ(Convert("公里", "米", 3), 3000);
  EXPECT_DOUBLE_EQ(Convert("t", "kg", 1.25), 1250);
  EXPECT_DOUBLE_EQ(Convert("m3", "L", 2), 2000);
  EXPECT_DOUBLE_EQ(Convert("kPa", "Pa", 101.325), 101325);
  EXPECT_DOUBLE_EQ(Convert("MPa", "kPa", 1), 1000);
  EXPECT_NEAR(Convert("m3/h", "L/s", 36), 10, 1e-12);
  EXPECT_DOUBLE_EQ(Convert("h", "min", 1.5), 90);
  EXPECT_DOUBLE_EQ(Convert("d", "s", 1), 86400);
  EXPECT_NEAR(Convert("km/h", "m/s", 36), 10, 1e-12);
  EXPECT_NEAR(Convert("亩", "m2", 15), 10000, 1e-9);
  EXPECT_NEAR(Convert("km2", "mu", 1), 1500, 1e-9);
  EXPECT_DOUBLE_EQ(Convert("kW", "W", 2), 2000);
  // GB/T 2589-2020: 1 kgce = 29.3076 MJ, so 1 MWh = 3600 MJ ≈ 0.12283 tce.
  EXPECT_NEAR(Convert("tce", "GJ", 1), 29.3076, 1e-9);
  EXPECT_NEAR(Convert("MWh", "tce", 1), 3600.0 / 29307.6, 1e-12);
}

TEST(Units, AffineTemperature) {
  EXPECT_NEAR(Convert("℃", "℉", 100), 212, 1e-9);
  EXPECT_NEAR(Convert("°C", "°F", -40), -40, 1e-9);
  EXPECT_NEAR(Convert("F", "C", 32), 0, 1e-9);
  EXPECT_NEAR(Convert("K", "℃", 0), -273.15, 1e-9);
  EXPECT_NEAR(Convert("℃", "K", 25), 298.15, 1e-9);
  EXPECT_NEAR(Convert("℉", "K", 212), 373.15, 1e-9);
  EXPECT_NEAR(Convert("摄氏度", "华氏度", 37), 98.6, 1e-9);
  std::optional<UnitConversion> c = FindConversion("℃", "℉");
  ASSERT_TRUE(c);
  EXPECT_NEAR(c->scale, 1.8, 1e-15);
  EXPECT_NEAR(c->offset, 32, 1e-12);
}

TEST(Units, RoundTripsEveryPairWithinADimension) {
  const std::vector<std::string> units = KnownUnits();
  ASSERT_GT(units.size(), 60u);
  int pairs = 0;
  for (const std::string& a : units) {
    for (const std::string& b : units) {
      if (UnitDimension(a) != UnitDimension(b)) continue;
      std::optional<UnitConversion> there = FindConversion(a, b), back = FindConversion(b, a);
      ASSERT_TRUE(there && back) << a << " " << b;
      for (double v : {-12.5, 0.0, 1.0, 123456.789}) {
        EXPECT_NEAR(back->Apply(there->Apply(v)), v, 1e-9 * (1 + std::abs(v))) << a << " " << b;
      }
      ++pairs;
    }
  }
  EXPECT_GT(pairs, 200);
}

TEST(Units, DimensionMismatchOrUnknownIsEmpty) {
  EXPECT_FALSE(FindConversion("kWh", "kW").has_value());
  EXPECT_FALSE(FindConversion("m", "kg").has_value());
  EXPECT_FALSE(FindConversion("℃", "Pa").has_value());
  EXPECT_FALSE(FindConversion("kWh", "bogus").has_value());
  EXPECT_FALSE(FindConversion("bogus", "kWh").has_value());
  std::optional<UnitConversion> same = FindConversion("kWh", "千瓦时");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->scale, 1.0);
  EXPECT_EQ(same->offset, 0.0);
}

}  // namespace
}  // namespace xf::govern
