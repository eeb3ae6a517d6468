// Greedy dispatch: priority order, nearest capable resource, capacities, range.
#include "model/dispatch.h"

#include <gtest/gtest.h>

#include <cmath>

namespace xf::model {
namespace {

TEST(Dispatch, PriorityThenNearestWithCapacity) {
  // Two crews on a line of longitude; crew A (capacity 1) near the requests, crew B farther.
  std::vector<DispatchResource> crews = {{30.00, 120.0, 1, {"electric"}}, {30.10, 120.0, 2, {}}};
  std::vector<DispatchRequest> reqs = {
      {30.01, 120.0, 1, 1, ""},     // low priority, near A
      {30.02, 120.0, 5, 1, ""},     // urgent: served first, takes A
      {30.00, 120.0, 3, 1, "gas"},  // needs gas: A cannot, B can (no skill list = any)
      {30.00, 120.0, 2, 5, ""},     // demand 5 exceeds every capacity
  };
  DispatchResult r = Dispatch(reqs, crews);
  EXPECT_EQ(r.resource, (std::vector<int32_t>{1, 0, 1, -1}));
  EXPECT_EQ(r.rank, (std::vector<int32_t>{3, 0, 1, 2}));
  EXPECT_NEAR(r.distance_km[1], 2.2239, 1e-3);  // 0.02° of latitude
  EXPECT_TRUE(std::isnan(r.distance_km[3]));
}

TEST(Dispatch, MaxDistance) {
  std::vector<DispatchResource> crews = {{31.0, 120.0, 9, {}}};
  std::vector<DispatchRequest> reqs = {{30.0, 120.0, 0, 1, ""}};
  EXPECT_EQ(Dispatch(reqs, crews, 50).resource[0], -1);  // ~111 km away
  EXPECT_EQ(Dispatch(reqs, crews, 200).resource[0], 0);
}

}  // namespace
}  // namespace xf::model
