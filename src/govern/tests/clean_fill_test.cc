#include "govern/clean_fill.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "core/error.h"
#include "govern/tests/clean_test_util.h"

namespace xf::govern {
namespace {

using testing::D;
using testing::Doubles;
using testing::MakeTable;
using testing::S;
using testing::Strings;
using testing::Times;

constexpr int64_t kHour = 3'600'000'000LL;
const auto N = std::nullopt;

// Two meters, rows shuffled in time; hours are the time axis.
TablePtr Series() {
  return MakeTable({{"m", Strings({"A", "A", "B", "A", "A", "B", "A", "B"})},
                    {"t", Times({0, 3, 0, 1, 4, 1, 8, 2})},
                    {"v", Doubles({10, N, 5, N, 40, N, N, 7})}});
}

TEST(Fill, Constant) {
  FillResult r =
      FillMissing(*Series(), {.columns = {"v"}, .constant = Value::Int64(0), .flag = true});
  EXPECT_EQ(r.filled, 4);
  EXPECT_EQ(D(*r.table, "v", 1), 0);
  EXPECT_EQ(S(*r.table, "v_filled", 1), "true");
  EXPECT_EQ(S(*r.table, "v_filled", 0), "false");
  EXPECT_THROW(FillMissing(*Series(), {.columns = {"v"}, .constant = Value::String("x")}), Error);
}

TEST(Fill, ForwardPerKeyInTimeOrderWithMaxGap) {
  FillOptions o{.columns = {"v"}, .method = FillMethod::kForward, .by = {"m"}, .time = "t"};
  FillResult r = FillMissing(*Series(), o);
  // A: t0=10, t1=N→10, t3=N→10, t4=40, t8=N→40. B: t0=5, t1=N→5, t2=7.
  EXPECT_EQ(D(*r.table, "v", 3), 10);
  EXPECT_EQ(D(*r.table, "v", 1), 10);
  EXPECT_EQ(D(*r.table, "v", 6), 40);
  EXPECT_EQ(D(*r.table, "v", 5), 5);
  EXPECT_EQ(r.filled, 4);
  o.max_gap_micros = 2 * kHour;  // t3 is 3 h after t0, t8 4 h after t4: not bridged
  r = FillMissing(*Series(), o);
  EXPECT_EQ(D(*r.table, "v", 3), 10);
  EXPECT_FALSE(D(*r.table, "v", 1).has_value());
  EXPECT_FALSE(D(*r.table, "v", 6).has_value());
  EXPECT_EQ(r.filled, 2);
}

TEST(Fill, LinearByTimeDistance) {
  FillResult r = FillMissing(
      *Series(), {.columns = {"v"}, .method = FillMethod::kLinear, .by = {"m"}, .time = "t"});
  EXPECT_DOUBLE_EQ(*D(*r.table, "v", 3), 17.5);   // A t1 between (0,10) and (4,40)
  EXPECT_DOUBLE_EQ(*D(*r.table, "v", 1), 32.5);   // A t3
  EXPECT_FALSE(D(*r.table, "v", 6).has_value());  // trailing: no extrapolation
  EXPECT_DOUBLE_EQ(*D(*r.table, "v", 5), 6);      // B t1 between (0,5) and (2,7)
}

TEST(Fill, GroupMeanAndMedian) {
  TablePtr t = MakeTable(
      {{"g", Strings({"a", "a", "a", "a", "b", "b"})}, {"v", Doubles({1, 2, 9, N, N, N})}});
  FillResult mean = FillMissing(*t, {.columns = {"v"}, .method = FillMethod::kMean, .by = {"g"}});
  EXPECT_DOUBLE_EQ(*D(*mean.table, "v", 3), 4);
  EXPECT_FALSE(D(*mean.table, "v", 4).has_value());  // a group with no values stays NULL
  FillResult med = FillMissing(*t, {.columns = {"v"}, .method = FillMethod::kMedian, .by = {"g"}});
  EXPECT_DOUBLE_EQ(*D(*med.table, "v", 3), 2);
}

TEST(Fill, SeasonalSameHourYesterday) {
  std::vector<int64_t> hours = {0, 1, 24, 25, 48, 49};
  TablePtr t = MakeTable({{"t", Times(hours)}, {"v", Strings({"x0", "x1", N, "y1", N, N})}});
  FillOptions o{
      .columns = {"v"}, .method = FillMethod::kSeasonal, .time = "t", .period_micros = 24 * kHour};
  FillResult r = FillMissing(*t, o);
  EXPECT_EQ(S(*r.table, "v", 2), "x0");
  EXPECT_EQ(S(*r.table, "v", 5), "y1");
  EXPECT_EQ(S(*r.table, "v", 4), "NULL");  // yesterday was missing too
  o.max_periods = 2;
  r = FillMissing(*t, o);
  EXPECT_EQ(S(*r.table, "v", 4), "x0");  // two days back
}

// Reference: per key, sort by time, then the textbook rule.
TEST(Fill, ForwardAndLinearMatchReferenceOnRandomData) {
  std::mt19937_64 rng(3);
  const int n = 3000;
  std::vector<std::optional<std::string>> key;
  std::vector<int64_t> hours;
  std::vector<std::optional<double>> v;
  for (int i = 0; i < n; ++i) {
    key.push_back("k" + std::to_string(rng() % 9));
    hours.push_back(static_cast<int64_t>(i * 3 + rng() % 3));  // unique per row
    v.push_back(rng() % 3 == 0 ? std::nullopt : std::optional<double>(double(rng() % 1000)));
  }
  std::vector<int> perm(n);
  for (int i = 0; i < n; ++i) perm[i] = i;
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<std::optional<std::string>> key_s;
  std::vector<int64_t> hours_s;
  std::vector<std::optional<double>> v_s;
  for (int i : perm) key_s.push_back(key[i]), hours_s.push_back(hours[i]), v_s.push_back(v[i]);
  TablePtr t = MakeTable({{"k", Strings(key_s)}, {"t", Times(hours_s)}, {"v", Doubles(v_s)}});
  FillResult ff = FillMissing(*t, {.columns = {"v"},
                                   .method = FillMethod::kForward,
                                   .by = {"k"},
                                   .time = "t",
                                   .max_gap_micros = 20 * kHour});
  FillResult li =
      FillMissing(*t, {.columns = {"v"}, .method = FillMethod::kLinear, .by = {"k"}, .time = "t"});
  std::map<std::string, std::vector<int>> series;
  for (int i = 0; i < n; ++i) series[*key_s[i]].push_back(i);
  for (auto& [k, rows] : series) {
    std::sort(rows.begin(), rows.end(), [&](int a, int b) { return hours_s[a] < hours_s[b]; });
    for (size_t j = 0; j < rows.size(); ++j) {
      const int r = rows[j];
      if (v_s[r]) {
        EXPECT_EQ(D(*ff.table, "v", r), v_s[r]);
        EXPECT_EQ(D(*li.table, "v", r), v_s[r]);
        continue;
      }
      std::optional<double> expect_ff, expect_li;
      int p = static_cast<int>(j) - 1, q = static_cast<int>(j) + 1;
      while (p >= 0 && !v_s[rows[p]]) --p;
      while (q < static_cast<int>(rows.size()) && !v_s[rows[q]]) ++q;
      if (p >= 0 && hours_s[r] - hours_s[rows[p]] <= 20) expect_ff = v_s[rows[p]];
      if (p >= 0 && q < static_cast<int>(rows.size())) {
        const double h0 = hours_s[rows[p]], h1 = hours_s[rows[q]];
        expect_li = *v_s[rows[p]] + (*v_s[rows[q]] - *v_s[rows[p]]) * (hours_s[r] - h0) / (h1 - h0);
      }
      EXPECT_EQ(D(*ff.table, "v", r), expect_ff) << "row " << r;
      ASSERT_EQ(D(*li.table, "v", r).has_value(), expect_li.has_value()) << "row " << r;
      if (expect_li) {
        EXPECT_NEAR(*D(*li.table, "v", r), *expect_li, 1e-9);
      }
    }
  }
  EXPECT_EQ(ff.table->num_rows(), n);
}

}  // namespace
}  // namespace xf::govern
