// The text_similarity step: near-duplicate applications by title and abstract, blocks, kept
// columns and option errors.
#include <gtest/gtest.h>

#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::MakeTable;
using testing::RunStep;

TablePtr Applications() {
  return MakeTable({"project_id", "program", "title", "abstract"}, "ssss",
                   {{"P1", "重点研发", "新型锂电池正极材料关键技术研究",
                     "本项目研究高镍正极材料的包覆改性工艺，提升循环寿命与安全性。"},
                    {"P2", "成果转化", "新型锂电池正极材料关键技术攻关",
                     "本项目研究高镍正极材料的包覆改性工艺，提升循环寿命和安全性能。"},
                    {"P3", "重点研发", "工业互联网边缘计算平台研发",
                     "面向离散制造车间，构建设备数据采集与边缘推理平台。"},
                    {"P4", "重点研发", "", ""}});
}

const char* kStep = R"(
id: duplicate_check
kind: text_similarity
in: projects
out: pairs
key: project_id
text: [title, abstract]
threshold: 0.5
keep: [program]
)";

TEST(TextSimilaritySteps, FindsTheEditedCopyOnly) {
  auto out = RunStep(kStep, {Applications()});
  const Table& t = *out[0];
  ASSERT_EQ(t.num_rows(), 1);
  EXPECT_EQ(t.schema().ToString(),
            "project_id_a:string, project_id_b:string, similarity:float64, program_a:string, "
            "program_b:string");
  EXPECT_EQ(t.column("project_id_a")->GetString(0), "P1");
  EXPECT_EQ(t.column("project_id_b")->GetString(0), "P2");
  EXPECT_EQ(t.column("program_b")->GetString(0), "成果转化");
  const double s = t.column("similarity")->GetValue(0).float_value();
  EXPECT_GT(s, 0.7);
  EXPECT_LT(s, 1.0);
  // The exhaustive method gives the same pair and the same similarity.
  std::string exact = kStep;
  exact += "method: exact\n";
  auto e = RunStep(exact, {Applications()});
  ASSERT_EQ(e[0]->num_rows(), 1);
  EXPECT_EQ(e[0]->column("similarity")->GetValue(0).float_value(), s);
}

TEST(TextSimilaritySteps, BlockByComparesWithinBlocksOnly) {
  std::string yaml = kStep;
  yaml += "block_by: [program]\n";
  EXPECT_EQ(RunStep(yaml, {Applications()})[0]->num_rows(), 0);
}

TEST(TextSimilaritySteps, OptionErrorsNameTheStep) {
  std::string e = ErrorOf(std::string(kStep) + "ngram: 0\n", {Applications()});
  EXPECT_NE(e.find("step 'duplicate_check'"), std::string::npos) << e;
  EXPECT_NE(e.find("ngram"), std::string::npos) << e;
  e = ErrorOf(std::string(kStep) + "method: fuzzy\n", {Applications()});
  EXPECT_NE(e.find("minhash or exact"), std::string::npos) << e;
  std::string yaml = kStep;
  yaml.replace(yaml.find("[title, abstract]"), 17, "[title, summary]");
  e = ErrorOf(yaml, {Applications()});
  EXPECT_NE(e.find("summary"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
