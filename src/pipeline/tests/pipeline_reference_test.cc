// docs/pipeline-reference.md against the step registry: every step kind a scenario can use has a
// `### <kind>` section naming each of its options, so the reference cannot fall behind the code.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/step_registry.h"

namespace xf::pipeline {
namespace {

const char kReferencePath[] = XF_TESTDATA_DIR "/../../docs/pipeline-reference.md";

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool IsHeading(const std::string& line) {
  return line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0;
}

// The text under `### <kind>` up to the next heading of level 2 or 3; empty when absent.
std::string Section(const std::vector<std::string>& lines, const std::string& kind, bool* found) {
  *found = false;
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (line != "### " + kind) continue;
    *found = true;
    for (size_t j = i + 1; j < lines.size() && !IsHeading(lines[j]); ++j) text += lines[j] + "\n";
    break;
  }
  return text;
}

TEST(PipelineReference, EveryStepKindHasASectionNamingEachOption) {
  std::vector<std::string> lines = ReadLines(kReferencePath);
  ASSERT_GT(lines.size(), 100u) << "cannot read " << kReferencePath;
  std::vector<const StepKind*> kinds = AllStepKinds();
  ASSERT_GE(kinds.size(), 16u);
  for (const StepKind* kind : kinds) {
    bool found = false;
    std::string section = Section(lines, kind->name, &found);
    EXPECT_TRUE(found) << "no '### " << kind->name << "' heading in " << kReferencePath;
    if (!found) continue;
    for (const OptionSpec& option : kind->options) {
      EXPECT_NE(section.find("`" + option.name + "`"), std::string::npos)
          << "section '### " << kind->name << "' does not mention option `" << option.name << "`";
    }
  }
}

// The check above would pass vacuously if sections were cut wrongly; pin it to known content.
TEST(PipelineReference, SectionsEndAtTheNextHeading) {
  std::vector<std::string> lines = ReadLines(kReferencePath);
  bool found = false;
  std::string filter = Section(lines, "filter", &found);
  ASSERT_TRUE(found);
  EXPECT_NE(filter.find("`where`"), std::string::npos);
  EXPECT_EQ(filter.find("`aggregates`"), std::string::npos)
      << "the filter section runs into the next one";
  Section(lines, "no_such_kind", &found);
  EXPECT_FALSE(found);
}

}  // namespace
}  // namespace xf::pipeline
