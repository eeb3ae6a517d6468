// Nearest-capable-resource dispatch with capacities: send each request (an alert, a work order, a
// breakdown) to the closest resource that has the skill and the spare capacity. Greedy by
// priority then distance — the rule a dispatcher applies by hand, easy to explain in a report;
// when the total distance matters more than the order of urgency, use the `assign` step instead.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xf::model {

struct DispatchRequest {
  double lat = 0, lon = 0;
  double priority = 0;  // higher first; ties in input order
  double demand = 1;    // capacity units the request uses
  std::string skill;    // required skill; empty: any resource
};

struct DispatchResource {
  double lat = 0, lon = 0;
  double capacity = 1;              // >= 0 (caller checks)
  std::vector<std::string> skills;  // empty: can serve any skill
};

struct DispatchResult {
  std::vector<int32_t> resource;    // per request; -1 when none is capable, free and in range
  std::vector<double> distance_km;  // NaN when unassigned
  std::vector<int32_t> rank;        // order in which requests were served (0 = first)
};

// Requests with a non-finite coordinate are never assigned. max_km <= 0: no distance limit.
// Distance ties go to the resource listed first.
DispatchResult Dispatch(const std::vector<DispatchRequest>& requests,
                        const std::vector<DispatchResource>& resources, double max_km = 0);

}  // namespace xf::model
