// assign, dispatch, shortest_path, schedule and optimize configured from YAML.
#include <gtest/gtest.h>

#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;

TEST(OptimisationSteps, AssignFromCostTable) {
  auto costs = MakeTable({"worker", "task", "hours"}, "ssf",
                         {{"w1", "t1", "4"},
                          {"w1", "t2", "1"},
                          {"w1", "t3", "3"},
                          {"w2", "t1", "2"},
                          {"w2", "t2", "0"},
                          {"w2", "t3", "5"},
                          {"w3", "t1", "3"},
                          {"w3", "t2", "2"},
                          {"w3", "t3", "2"}});
  auto out =
      RunStep("{id: a, kind: assign, in: c, out: o, row: worker, col: task, cost: hours}", {costs});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 3);
  EXPECT_EQ(t.column("task")->GetValue(0).string_value(), "t2");
  EXPECT_EQ(t.column("task")->GetValue(1).string_value(), "t1");
  EXPECT_EQ(t.column("task")->GetValue(2).string_value(), "t3");
}

TEST(OptimisationSteps, AssignFromExpressionOverTwoTables) {
  auto crews = MakeTable({"crew", "x"}, "sf", {{"A", "0"}, {"B", "10"}});
  auto jobs = MakeTable({"job", "x"}, "sf", {{"j1", "9"}, {"j2", "1"}, {"j3", "50"}});
  auto out = RunStep(
      "{id: a, kind: assign, in: [crews, jobs], out: o, cost_expression: 'abs(x - x_right)'}",
      {crews, jobs});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 2);
  EXPECT_EQ(t.column("job")->GetValue(0).string_value(), "j2");
  EXPECT_EQ(t.column("job")->GetValue(1).string_value(), "j1");
  EXPECT_DOUBLE_EQ(t.column("cost")->GetValue(1).float_value(), 1);
}

TEST(OptimisationSteps, DispatchAndNegativeCapacity) {
  auto req = MakeTable({"id", "lat", "lon", "level"}, "sfff",
                       {{"r1", "30.01", "120", "1"}, {"r2", "30.02", "120", "4"}});
  auto crews = MakeTable({"crew", "lat", "lon", "cap"}, "sfff",
                         {{"A", "30.0", "120", "1"}, {"B", "30.3", "120", "1"}});
  auto out = RunStep(R"(
id: send
kind: dispatch
in: [req, crews]
out: o
lat: lat
lon: lon
resource_id: crew
priority: level
capacity: cap
)",
                     {req, crews});
  const Table& t = *out[0];
  EXPECT_EQ(t.column("resource")->GetValue(1).string_value(), "A");  // higher level served first
  EXPECT_EQ(t.column("resource")->GetValue(0).string_value(), "B");
  EXPECT_EQ(t.column("dispatch_order")->GetValue(1).int_value(), 1);
  auto bad = MakeTable({"crew", "lat", "lon", "cap"}, "sfff", {{"A", "30.0", "120", "-1"}});
  const std::string e = ErrorOf(
      "{id: send2, kind: dispatch, in: [r, c], out: o, lat: lat, lon: lon, resource_id: crew, "
      "capacity: cap}",
      {req, bad});
  EXPECT_NE(e.find("send2"), std::string::npos) << e;
  EXPECT_NE(e.find("capacity"), std::string::npos) << e;
}

TEST(OptimisationSteps, ShortestPathDijkstraAStarAndDisconnected) {
  auto roads = MakeTable({"src", "dst", "km"}, "ssf",
                         {{"a", "b", "1.2"}, {"b", "c", "1.2"}, {"a", "c", "3"}, {"d", "e", "1"}});
  auto nodes = MakeTable({"node", "lat", "lon"}, "sff",
                         {{"a", "30", "120"},
                          {"b", "30.01", "120"},
                          {"c", "30.02", "120"},
                          {"d", "31", "121"},
                          {"e", "31.005", "121"}});
  auto od = MakeTable({"o", "d"}, "ss", {{"a", "c"}, {"c", "a"}});
  for (const char* algo : {"dijkstra", "astar"}) {
    auto out = RunStep(
        std::string("{id: sp, kind: shortest_path, in: [od, roads, nodes], out: o, origin: o, "
                    "destination: d, weight: km, undirected: true, algorithm: ") +
            algo + "}",
        {od, roads, nodes});
    const Table& t = *out[0];
    EXPECT_NEAR(t.column("distance")->GetValue(0).float_value(), 2.4, 1e-12) << algo;
    EXPECT_EQ(t.column("path")->GetValue(0).string_value(), "a>b>c") << algo;
    EXPECT_EQ(t.column("path")->GetValue(1).string_value(), "c>b>a") << algo;
    EXPECT_EQ(t.column("hops")->GetValue(0).int_value(), 2);
  }
  auto far = MakeTable({"o", "d"}, "ss", {{"a", "e"}});
  const std::string e = ErrorOf(
      "{id: route, kind: shortest_path, in: [od, roads], out: o, origin: o, destination: d, "
      "weight: km}",
      {far, roads});
  EXPECT_NE(e.find("route"), std::string::npos) << e;
  EXPECT_NE(e.find("no path"), std::string::npos) << e;
  auto kept = RunStep(
      "{id: r, kind: shortest_path, in: [od, roads], out: o, origin: o, destination: d, weight: "
      "km, unreachable: 'null'}",
      {far, roads});
  EXPECT_TRUE(kept[0]->column("distance")->IsNull(0));
}

TEST(OptimisationSteps, ScheduleTwoJobs) {
  // J1: M1 3 then M2 2; J2: M2 2 then M1 1. Optimum 5 (J2 on M2 first, J1 on M1 first).
  auto ops = MakeTable({"job", "step", "machine", "minutes"}, "sisf",
                       {{"J1", "1", "M1", "3"},
                        {"J1", "2", "M2", "2"},
                        {"J2", "1", "M2", "2"},
                        {"J2", "2", "M1", "1"}});
  auto out = RunStep(
      "{id: plan, kind: schedule, in: ops, out: [o, s], duration: minutes, sequence: step, "
      "generations: 20}",
      {ops});
  EXPECT_DOUBLE_EQ(out[1]->column("makespan")->GetValue(0).float_value(), 5);
  EXPECT_DOUBLE_EQ(out[0]->column("start")->GetValue(1).float_value(), 3);
  EXPECT_DOUBLE_EQ(out[0]->column("end")->GetValue(3).float_value(), 4);
}

TablePtr Vars() { return MakeTable({"variable", "cost"}, "sf", {{"a", "2"}, {"b", "3"}}); }
TablePtr Coefs() {
  return MakeTable(
      {"constraint", "variable", "coefficient"}, "ssf",
      {{"mass", "a", "1"}, {"mass", "b", "1"}, {"protein", "a", "0.1"}, {"protein", "b", "0.3"}});
}

TEST(OptimisationSteps, OptimizeBlendAndInfeasible) {
  auto cons = MakeTable({"constraint", "relation", "rhs"}, "ssf",
                        {{"mass", "=", "100"}, {"protein", ">=", "18"}});
  auto out = RunStep("{id: blend, kind: optimize, in: [v, c, k], out: [plan, status]}",
                     {Vars(), cons, Coefs()});
  EXPECT_NEAR(out[0]->column("value")->GetValue(0).float_value(), 60, 1e-6);
  EXPECT_NEAR(out[0]->column("value")->GetValue(1).float_value(), 40, 1e-6);
  EXPECT_EQ(out[1]->column("status")->GetValue(0).string_value(), "optimal");
  EXPECT_NEAR(out[1]->column("objective")->GetValue(0).float_value(), 240, 1e-6);

  auto impossible = MakeTable({"constraint", "relation", "rhs"}, "ssf",
                              {{"mass", "<=", "10"}, {"protein", ">=", "18"}});
  const std::string e = ErrorOf("{id: blend2, kind: optimize, in: [v, c, k], out: plan}",
                                {Vars(), impossible, Coefs()});
  EXPECT_NE(e.find("blend2"), std::string::npos) << e;
  EXPECT_NE(e.find("infeasible"), std::string::npos) << e;
  auto st =
      RunStep("{id: b3, kind: optimize, in: [v, c, k], out: [plan, status], on_failure: status}",
              {Vars(), impossible, Coefs()});
  EXPECT_EQ(st[1]->column("status")->GetValue(0).string_value(), "infeasible");
  EXPECT_TRUE(st[0]->column("value")->IsNull(0));
}

}  // namespace
}  // namespace xf::pipeline
