#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <random>

#include "core/column.h"
#include "core/error.h"
#include "core/mask_text.h"
#include "core/spec_node.h"
#include "core/strings.h"
#include "core/table.h"
#include "core/thread_pool.h"
#include "core/time.h"

namespace xf {
namespace {

TEST(Column, AppendAndNulls) {
  auto c = Column::Make(TypeId::kInt64);
  c->AppendInt64(1);
  c->AppendNull();
  c->AppendInt64(3);
  ASSERT_EQ(c->size(), 3);
  EXPECT_EQ(c->null_count(), 1);
  EXPECT_TRUE(c->IsValid(0));
  EXPECT_TRUE(c->IsNull(1));
  EXPECT_EQ(c->data<int64_t>()[1], 0) << "NULL slots hold zero";
  EXPECT_EQ(c->GetValue(2), Value::Int64(3));
  EXPECT_EQ(c->GetValue(1), Value::Null(TypeId::kInt64));
}

TEST(Column, StringsTakeAndSlice) {
  auto c = Column::FromValues(TypeId::kString, {Value::String("电量"), Value(), Value::String("kwh")});
  auto t = c->Take({2, -1, 0, 1});
  ASSERT_EQ(t->size(), 4);
  EXPECT_EQ(t->GetString(0), "kwh");
  EXPECT_TRUE(t->IsNull(1));
  EXPECT_EQ(t->GetString(2), "电量");
  EXPECT_TRUE(t->IsNull(3));
  auto s = c->Slice(1, 2);
  EXPECT_TRUE(s->IsNull(0));
  EXPECT_EQ(s->GetString(1), "kwh");
}

TEST(Column, TakeMatchesReferenceOnRandomData) {
  std::mt19937_64 rng(7);
  auto c = Column::Make(TypeId::kFloat64);
  std::vector<std::optional<double>> ref;
  for (int i = 0; i < 1000; ++i) {
    if (rng() % 5 == 0) {
      c->AppendNull();
      ref.push_back(std::nullopt);
    } else {
      double v = static_cast<double>(rng() % 1000) / 7;
      c->AppendFloat64(v);
      ref.push_back(v);
    }
  }
  std::vector<int64_t> idx;
  for (int i = 0; i < 500; ++i) idx.push_back(static_cast<int64_t>(rng() % 1001) - 1);
  auto t = c->Take(idx);
  for (size_t k = 0; k < idx.size(); ++k) {
    if (idx[k] < 0 || !ref[static_cast<size_t>(idx[k])]) {
      EXPECT_TRUE(t->IsNull(static_cast<int64_t>(k)));
    } else {
      EXPECT_EQ(t->data<double>()[k], *ref[static_cast<size_t>(idx[k])]);
    }
  }
}

TEST(Table, ColumnLookupSuggestsClosestName) {
  auto t = Table::Make(Schema({{"kwh", TypeId::kFloat64}}),
                       {Column::FromValues(TypeId::kFloat64, {Value::Float64(1)})});
  try {
    t->column("kw");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'kwh'"), std::string::npos) << e.what();
    EXPECT_EQ(e.exit_code(), 2);
  }
}

TEST(Time, CivilRoundTripEveryDayFrom1900To2100) {
  for (int32_t d = DaysFromCivil(1900, 1, 1); d <= DaysFromCivil(2100, 12, 31); ++d) {
    CivilDate c = CivilFromDays(d);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DayOfWeek(DaysFromCivil(2024, 1, 1)), 0);  // a Monday
}

// Found by fuzz/cn_ids_fuzz (through DateToMonth): days near the int32 limits overflowed (UB).
TEST(Time, CivilFromDaysAtTheInt32Limits) {
  const int32_t lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
  // 2^31 days is 5,879,489 years and a fraction: hand-checked against the proleptic calendar.
  const CivilDate top = CivilFromDays(hi);
  EXPECT_EQ(top.year, 5881580);
  EXPECT_EQ(DaysFromCivil(top.year, top.month, top.day), hi);
  const CivilDate bottom = CivilFromDays(lo);
  EXPECT_EQ(bottom.year, -5877641);
  EXPECT_EQ(DateToMonth(hi), hi - (top.day - 1));
  // The first of the lowest month is below the range: the earliest day stands for it.
  EXPECT_EQ(DateToMonth(lo), lo);
  EXPECT_EQ(DateToMonth(DaysFromCivil(2024, 5, 17)), DaysFromCivil(2024, 5, 1));
}

TEST(Time, ParseDatesInCommonFormats) {
  int32_t d;
  const int32_t want = DaysFromCivil(2024, 1, 5);
  for (const char* s : {"2024-01-05", "2024/1/5", "2024.01.05", "2024年1月5日", "2024年01月05"}) {
    ASSERT_TRUE(ParseDate(s, &d)) << s;
    EXPECT_EQ(d, want) << s;
  }
  for (const char* s : {"2023-02-29", "2024-13-01", "2024-01", "20240105", "2024-01-05x", "", "2024-1/5"}) {
    EXPECT_FALSE(ParseDate(s, &d)) << s;
  }
}

TEST(Time, TimestampsDefaultToShanghaiAndHonourOffsets) {
  int64_t t;
  ASSERT_TRUE(ParseTimestamp("2024-01-05 08:00:00", &t));
  EXPECT_EQ(t, int64_t{DaysFromCivil(2024, 1, 5)} * kMicrosPerDay);  // 08:00 +08:00 = 00:00Z
  ASSERT_TRUE(ParseTimestamp("2024-01-05T00:00:00Z", &t));
  EXPECT_EQ(t, int64_t{DaysFromCivil(2024, 1, 5)} * kMicrosPerDay);
  ASSERT_TRUE(ParseTimestamp("2024-01-05T01:30:00+01:30", &t));
  EXPECT_EQ(t, int64_t{DaysFromCivil(2024, 1, 5)} * kMicrosPerDay);
  ASSERT_TRUE(ParseTimestamp("2024-01-05 08:00:00.25", &t));
  EXPECT_EQ(FormatTimestamp(t), "2024-01-05 08:00:00.250000");
  EXPECT_FALSE(ParseTimestamp("2024-01-05 25:00", &t));
  EXPECT_FALSE(ParseTimestamp("2024-01-05 08:00+", &t));
}

TEST(Strings, Utf8AndWidth) {
  EXPECT_TRUE(IsValidUtf8("水质 TN/TP"));
  size_t bad;
  EXPECT_FALSE(IsValidUtf8(std::string("ab\xC3", 3), &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_EQ(Utf8Length("用电量kWh"), 6);
  EXPECT_EQ(DisplayWidth("用电a"), 5);
  EXPECT_EQ(FullWidthToHalfWidth("１２３，ＡＢＣ　x"), "123,ABC x");
}

TEST(ThreadPool, RunsEveryIndexOnceAndPropagatesErrors) {
  std::vector<std::atomic<int>> hits(10000);
  ThreadPool::Global().ParallelFor(10000, [&](int64_t i) { hits[static_cast<size_t>(i)]++; });
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
  EXPECT_THROW(ThreadPool::Global().ParallelFor(100,
                                                [](int64_t i) {
                                                  if (i == 42) throw Error(ErrorKind::kData, "boom");
                                                }),
               Error);
  // Nested use runs inline instead of deadlocking.
  std::atomic<int> total{0};
  ThreadPool::Global().ParallelFor(8, [&](int64_t) {
    ThreadPool::Global().ParallelFor(8, [&](int64_t) { total++; });
  });
  EXPECT_EQ(total.load(), 64);
}

TEST(Error, FormatsContextAndCaret) {
  SourceContext ctx;
  ctx.expression = "kwh < 'abc'";
  ctx.column = 7;
  Error e(ErrorKind::kSpec, "cannot compare float64 with string", ctx);
  EXPECT_EQ(std::string(e.what()),
            "cannot compare float64 with string\n  kwh < 'abc'\n        ^");
  Error f(ErrorKind::kData, "bad value", {.file = "a.csv", .line = 3, .column = 2});
  f.WithStep("load");
  EXPECT_EQ(std::string(f.what()), "a.csv:3:2: step 'load': bad value");
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

TEST(Column, NullTypedColumnsTakeAndSlice) {
  auto c = Column::MakeNulls(TypeId::kNull, 5);
  auto t = c->Take({4, -1, 0});
  EXPECT_EQ(t->size(), 3);
  EXPECT_EQ(t->null_count(), 3);
  EXPECT_EQ(c->Slice(1, 3)->null_count(), 3);
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

TEST(Strings, SuggestionsCountCharactersNotBytes) {
  EXPECT_EQ(EditDistance("用户", "用户名"), 1);
  EXPECT_EQ(ClosestName("用户", {"用户名", "电量"}), "用户名");
  EXPECT_EQ(ClosestName("水质", {"用户名", "电量"}), "");
  EXPECT_EQ(ClosestName("kw", {"kwh", "kva_total"}), "kwh");
  EXPECT_EQ(ClosestName("region", {"kwh"}), "");
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

TEST(Table, ToStringCutsLongCells) {
  auto t = Table::Make(Schema({{"s", TypeId::kString}}),
                       {Column::FromValues(TypeId::kString, {Value::String(std::string(10000, 'x')),
                                                             Value::String("水")})});
  const std::string text = t->ToString();
  EXPECT_LT(text.size(), 300u);
  EXPECT_NE(text.find(std::string(60, 'x') + "…"), std::string::npos);
  EXPECT_NE(text.find("水"), std::string::npos);
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

TEST(Column, ValidityFromFlags) {
  auto c = Column::Make(TypeId::kInt64);
  c->ResizeFixed(10);
  for (int64_t i = 0; i < 10; ++i) c->mutable_data<int64_t>()[i] = i + 1;
  c->SetValidityFromFlags(std::vector<uint8_t>(10, 1));
  EXPECT_EQ(c->validity(), nullptr) << "all valid: no bitmap";
  std::vector<uint8_t> flags(10, 1);
  flags[3] = 0;
  flags[9] = 0;
  c->SetValidityFromFlags(flags);
  EXPECT_EQ(c->null_count(), 2);
  EXPECT_TRUE(c->IsNull(3) && c->IsNull(9) && c->IsValid(4));
  EXPECT_EQ(c->data<int64_t>()[3], 0) << "NULL slots hold zero";
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

TEST(SpecNode, AssignmentRebindsInsteadOfWritingThrough) {
  SpecNode root = SpecNode::LoadString("a: 1\nb: {c: 2}\n", "t.yaml");
  SpecNode x;
  x = root.Get("a");  // a default SpecNode holds no node: yaml-cpp's operator= would throw here
  EXPECT_EQ(x.AsInt(), 1);
  x = root.Get("b").Get("c");
  EXPECT_EQ(x.AsInt(), 2);
  EXPECT_EQ(root.Get("a").AsInt(), 1);  // the document is untouched
  EXPECT_EQ(x.line(), 2);
  x = root.Get("missing");  // absent keys rebind too
  EXPECT_FALSE(x.IsDefined());
}

TEST(SpecNode, ErrorsNameFileLineAndSuggest) {
  SpecNode root = SpecNode::LoadString("step:\n  id: s\n  wher: x\n", "spec.yaml");
  try {
    root.Get("step").InStep("s").CheckKeys({"id", "where"});
    FAIL();
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("spec.yaml:3:3"), std::string::npos) << what;
    EXPECT_NE(what.find("step 's'"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'where'"), std::string::npos) << what;
  }
  EXPECT_THROW(root.Get("step").Required("missing"), Error);
  EXPECT_THROW(SpecNode::LoadString("a: [1, 2\n", "bad.yaml"), Error);
  EXPECT_THROW(root.Get("step").Get("id").AsInt(), Error);
}

// Found by fuzz/standard_fuzz: a non-text map key escaped as a yaml-cpp exception.
TEST(SpecNode, NonTextKeysAreSpecErrors) {
  for (const char* yaml : {"a: 1\n[x, y]: 2\n", "a: 1\n{x: 1}: 2\n", "a: 1\n~: 2\n"}) {
    const SpecNode root = SpecNode::LoadString(yaml, "keys.yaml");
    for (int call = 0; call < 3; ++call) {
      try {
        if (call == 0) (void)root.Keys();
        if (call == 1) (void)root.Entries();
        if (call == 2) root.CheckKeys({"a"});
        ADD_FAILURE() << yaml << " call " << call;
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kSpec);
        const std::string what = e.what();
        EXPECT_NE(what.find("keys.yaml:2:1"), std::string::npos) << what;
        EXPECT_NE(what.find("a map key must be text"), std::string::npos) << what;
      }
    }
  }
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

TEST(Time, ParseDuration) {
  int64_t us = 0;
  ASSERT_TRUE(ParseDuration("15m", &us));
  EXPECT_EQ(us, 15 * kMicrosPerMinute);
  ASSERT_TRUE(ParseDuration("10min", &us));
  EXPECT_EQ(us, 10 * kMicrosPerMinute);
  ASSERT_TRUE(ParseDuration("1.5h", &us));
  EXPECT_EQ(us, 90 * kMicrosPerMinute);
  ASSERT_TRUE(ParseDuration("2w", &us));
  EXPECT_EQ(us, 14 * kMicrosPerDay);
  for (const char* bad : {"", "h", "5", "0h", "-1h", "1x", "1.h.", "1e3h"}) {
    EXPECT_FALSE(ParseDuration(bad, &us)) << bad;
  }
}

}  // namespace
}  // namespace xf
