// `xfactor scenarios [DIR] [--json]`: the scenario catalogue with the guideline field of each.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/error.h"
#include "core/strings.h"
#include "pipeline/scenario_spec.h"

namespace xf::cli {

namespace {

struct ScenariosArgs {
  std::string root = "scenarios";
  bool json = false;
};

void List(const ScenariosArgs& a) {
  std::vector<std::string> paths = pipeline::FindScenarios(a.root);
  if (paths.empty()) {
    throw Error(ErrorKind::kUsage, "no scenarios found (looked for */scenario.yaml)", {.file = a.root});
  }
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& p : paths) {
    pipeline::ScenarioSpec s = pipeline::LoadScenario(p);
    if (a.json) {
      out.push_back({{"path", p},
                     {"industry_slug", s.industry_slug},
                     {"name", s.name},
                     {"title_en", s.title_en},
                     {"title_zh", s.title_zh},
                     {"guideline",
                      {{"industry", s.guideline.industry},
                       {"field", s.guideline.field},
                       {"title_zh", s.guideline.title_zh},
                       {"title_en", s.guideline.title_en}}}});
    } else {
      std::printf("%-40s %d-%-3d %s · %s\n", (s.industry_slug + "/" + s.name).c_str(),
                  s.guideline.industry, s.guideline.field, s.guideline.title_zh.c_str(),
                  s.title_en.c_str());
    }
  }
  if (a.json) std::printf("%s\n", out.dump(2).c_str());
}

}  // namespace

void AddScenariosCommand(CLI::App& app) {
  auto args = std::make_shared<ScenariosArgs>();
  auto* cmd = app.add_subcommand("scenarios", "List scenarios with the guideline field each implements");
  cmd->add_option("dir", args->root, "Folder to search")->capture_default_str();
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->final_callback([args] { List(*args); });
}

}  // namespace xf::cli
