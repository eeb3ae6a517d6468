#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "io/text_values.h"

namespace xf {
namespace {

TEST(TextValues, InferTypes) {
  EXPECT_EQ(InferTextType("42"), TypeId::kInt64);
  EXPECT_EQ(InferTextType("-7"), TypeId::kInt64);
  EXPECT_EQ(InferTextType("0"), TypeId::kInt64);
  EXPECT_EQ(InferTextType("1"), TypeId::kInt64) << "0/1 are numbers, not bools";
  EXPECT_EQ(InferTextType("007"), TypeId::kString) << "leading zero: a code";
  EXPECT_EQ(InferTextType("-007"), TypeId::kString);
  EXPECT_EQ(InferTextType("00.5"), TypeId::kString);
  EXPECT_EQ(InferTextType("0.5"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType("-0.5"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType(".5"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType("1e5"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType("1.5E-3"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType("nan"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType("-inf"), TypeId::kFloat64);
  EXPECT_EQ(InferTextType("+5"), TypeId::kString) << "phone-like numbers keep their sign";
  EXPECT_EQ(InferTextType("110101199003077777"), TypeId::kInt64) << "18 digits fit int64";
  EXPECT_EQ(InferTextType("6222021234567890123"), TypeId::kString) << "19+ digits: an ID";
  EXPECT_EQ(InferTextType("11010119900307777X"), TypeId::kString);
  EXPECT_EQ(InferTextType("1e999"), TypeId::kString) << "out of range is not a number";
  EXPECT_EQ(InferTextType("true"), TypeId::kBool);
  EXPECT_EQ(InferTextType("No"), TypeId::kBool);
  EXPECT_EQ(InferTextType("是"), TypeId::kBool);
  EXPECT_EQ(InferTextType("否"), TypeId::kBool);
  EXPECT_EQ(InferTextType("y"), TypeId::kString) << "single letters are not inferred as bool";
  EXPECT_EQ(InferTextType("2024-01-05"), TypeId::kDate);
  EXPECT_EQ(InferTextType("2024/1/5"), TypeId::kDate);
  EXPECT_EQ(InferTextType("2024年1月5日"), TypeId::kDate);
  EXPECT_EQ(InferTextType("2024.01.05"), TypeId::kDate);
  EXPECT_EQ(InferTextType("2024-02-30"), TypeId::kString);
  EXPECT_EQ(InferTextType("2024-01-05 08:30:00"), TypeId::kTimestamp);
  EXPECT_EQ(InferTextType("2024-01-05T08:30:00Z"), TypeId::kTimestamp);
  EXPECT_EQ(InferTextType("abc"), TypeId::kString);
  EXPECT_EQ(InferTextType("1,234"), TypeId::kString);
  EXPECT_EQ(InferTextType("12:30"), TypeId::kString);
}

TEST(TextValues, Join) {
  EXPECT_EQ(JoinInferredTypes(TypeId::kNull, TypeId::kBool), TypeId::kBool);
  EXPECT_EQ(JoinInferredTypes(TypeId::kInt64, TypeId::kFloat64), TypeId::kFloat64);
  EXPECT_EQ(JoinInferredTypes(TypeId::kDate, TypeId::kTimestamp), TypeId::kTimestamp);
  EXPECT_EQ(JoinInferredTypes(TypeId::kBool, TypeId::kInt64), TypeId::kString);
  EXPECT_EQ(JoinInferredTypes(TypeId::kInt64, TypeId::kDate), TypeId::kString);
  EXPECT_EQ(JoinInferredTypes(TypeId::kString, TypeId::kNull), TypeId::kString);
  // Commutative and associative over the lattice.
  const TypeId all[] = {TypeId::kNull,   TypeId::kBool, TypeId::kInt64,    TypeId::kFloat64,
                        TypeId::kString, TypeId::kDate, TypeId::kTimestamp};
  for (TypeId a : all) {
    for (TypeId b : all) {
      EXPECT_EQ(JoinInferredTypes(a, b), JoinInferredTypes(b, a));
      for (TypeId c : all) {
        EXPECT_EQ(JoinInferredTypes(JoinInferredTypes(a, b), c),
                  JoinInferredTypes(a, JoinInferredTypes(b, c)));
      }
    }
  }
}

TEST(TextValues, LenientParsers) {
  int64_t i;
  EXPECT_TRUE(ParseInt64("007", &i));
  EXPECT_EQ(i, 7);
  EXPECT_TRUE(ParseInt64("+5", &i));
  EXPECT_EQ(i, 5);
  EXPECT_TRUE(ParseInt64("-9223372036854775808", &i));
  EXPECT_EQ(i, INT64_MIN);
  EXPECT_FALSE(ParseInt64("9223372036854775808", &i));
  EXPECT_FALSE(ParseInt64("1.5", &i));
  EXPECT_FALSE(ParseInt64("", &i));
  EXPECT_FALSE(ParseInt64("+", &i));
  EXPECT_FALSE(ParseInt64("++5", &i));
  double d;
  EXPECT_TRUE(ParseFloat64("+1.5", &d));
  EXPECT_EQ(d, 1.5);
  EXPECT_TRUE(ParseFloat64("-.25", &d));
  EXPECT_EQ(d, -0.25);
  EXPECT_TRUE(ParseFloat64("Infinity", &d));
  EXPECT_TRUE(std::isinf(d));
  EXPECT_FALSE(ParseFloat64("1.5x", &d));
  EXPECT_FALSE(ParseFloat64("--1", &d));
  EXPECT_FALSE(ParseFloat64("0x10", &d));
  bool b;
  EXPECT_TRUE(ParseBool("1", &b));
  EXPECT_TRUE(b);
  EXPECT_TRUE(ParseBool("FALSE", &b));
  EXPECT_FALSE(b);
  EXPECT_TRUE(ParseBool("是", &b));
  EXPECT_TRUE(b);
  EXPECT_FALSE(ParseBool("2", &b));
}

// Inference accepts exactly what the fast per-type checks accept, and floats parse exactly.
TEST(TextValues, InferMatchesFastChecksOnRandomText) {
  std::mt19937_64 rng(7);
  const std::string alphabet = "0123456789-.eE+ai";
  for (int iter = 0; iter < 200000; ++iter) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
    const TypeId t = InferTextType(s);
    int64_t i;
    double d;
    EXPECT_EQ(InferInt64(s, &i), t == TypeId::kInt64) << s;
    EXPECT_EQ(InferFloat64(s, &d), t == TypeId::kInt64 || t == TypeId::kFloat64) << s;
    if (t == TypeId::kInt64) {
      EXPECT_EQ(static_cast<double>(i), d) << s;
      int64_t j;
      ASSERT_TRUE(ParseInt64(s, &j));
      EXPECT_EQ(i, j);
    }
    if (t == TypeId::kFloat64) {
      double e;
      ASSERT_TRUE(ParseFloat64(s, &e)) << s;
      EXPECT_TRUE(e == d || (std::isnan(e) && std::isnan(d))) << s;
    }
  }
}

}  // namespace
}  // namespace xf
