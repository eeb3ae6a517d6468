// The graph step kind configured from YAML: traversal (recall lists), components, communities,
// degree, and errors naming the step.
#include <gtest/gtest.h>

#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;

TablePtr Edges() {
  return MakeTable({"from", "to", "kg"}, "ssf",
                   {{"farm", "mill", "10"},
                    {"mill", "bakery1", "4"},
                    {"mill", "bakery2", "6"},
                    {"bakery1", "shopA", "4"},
                    {"x", "y", "1"}});
}

TEST(GraphSteps, BackwardTraversalIsARecallList) {
  auto out = RunStep(R"(
id: trace
kind: graph
in: edges
out: sources
analysis: traverse
src: from
dst: to
direction: backward
seeds: [shopA, nowhere]
)",
                     {Edges()});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 5);  // shopA, bakery1, mill, farm + the unknown seed
  EXPECT_EQ(t.column("node")->GetValue(3).string_value(), "farm");
  EXPECT_EQ(t.column("depth")->GetValue(3).int_value(), 3);
  EXPECT_EQ(t.column("path")->GetValue(3).string_value(), "shopA>bakery1>mill>farm");
  EXPECT_EQ(t.column("parent")->GetValue(3).string_value(), "mill");
  EXPECT_FALSE(t.column("found")->GetValue(4).bool_value());
}

TEST(GraphSteps, SeedsFromASecondInputAndDepthLimit) {
  auto seeds = MakeTable({"batch"}, "s", {{"farm"}});
  auto out = RunStep(R"(
id: recall
kind: graph
in: [edges, batches]
out: reached
analysis: traverse
src: from
dst: to
seed_column: batch
max_depth: 1
)",
                     {Edges(), seeds});
  EXPECT_EQ(out[0]->num_rows(), 2);
}

TEST(GraphSteps, ComponentsCommunitiesDegree) {
  auto comp = RunStep(
      "{id: c, kind: graph, in: e, out: o, analysis: components, src: from, dst: to}", {Edges()});
  const Table& c = *comp[0];
  ASSERT_EQ(c.num_rows(), 7);
  EXPECT_EQ(c.column("component")->GetValue(0).int_value(), 0);
  EXPECT_EQ(c.column("component")->GetValue(5).int_value(), 1);  // x
  EXPECT_EQ(c.column("component_size")->GetValue(5).int_value(), 2);

  auto deg = RunStep(
      "{id: d, kind: graph, in: e, out: o, analysis: degree, src: from, dst: to, weight: kg}",
      {Edges()});
  const Table& d = *deg[0];
  EXPECT_EQ(d.column("node")->GetValue(1).string_value(), "mill");
  EXPECT_EQ(d.column("degree")->GetValue(1).int_value(), 3);
  EXPECT_DOUBLE_EQ(d.column("out_weight")->GetValue(1).float_value(), 10);
  EXPECT_DOUBLE_EQ(d.column("in_weight")->GetValue(1).float_value(), 10);
  EXPECT_DOUBLE_EQ(d.column("centrality")->GetValue(1).float_value(), 3.0 / 6);

  // Two triangles joined by one edge split into two communities.
  auto tri = MakeTable(
      {"src", "dst"}, "ss",
      {{"a", "b"}, {"b", "c"}, {"c", "a"}, {"d", "e"}, {"e", "f"}, {"f", "d"}, {"c", "d"}});
  auto com = RunStep("{id: l, kind: graph, in: e, out: o, analysis: communities}", {tri});
  const Table& l = *com[0];
  EXPECT_EQ(l.column("community")->GetValue(0).int_value(), 0);
  EXPECT_EQ(l.column("community")->GetValue(2).int_value(), 0);
  EXPECT_EQ(l.column("community")->GetValue(3).int_value(), 1);
  EXPECT_NEAR(l.column("modularity")->GetValue(0).float_value(), 2 * (6.0 / 14 - 0.25), 1e-12);
}

TEST(GraphSteps, ErrorsNameTheStep) {
  EXPECT_NE(ErrorOf("{id: g1, kind: graph, in: e, out: o, analysis: degree, src: frm, dst: to}",
                    {Edges()})
                .find("g1"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{id: g2, kind: graph, in: e, out: o, analysis: ranking, src: from, dst: to}",
                    {Edges()})
                .find("g2"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{id: g3, kind: graph, in: e, out: o, analysis: traverse, src: from, dst: to}",
                    {Edges()})
                .find("seeds"),
            std::string::npos);
  auto neg = MakeTable({"src", "dst", "w"}, "ssf", {{"a", "b", "-1"}});
  const std::string e =
      ErrorOf("{id: g4, kind: graph, in: e, out: o, analysis: communities, weight: w}", {neg});
  EXPECT_NE(e.find("g4"), std::string::npos) << e;
  EXPECT_NE(e.find("negative"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
