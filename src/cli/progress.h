// Progress of a run on stderr: a redrawn bar on a terminal, plain lines otherwise (logs, CI).
#pragma once

#include <chrono>
#include <string>

#include "pipeline/runner.h"

namespace xf::cli {

class ProgressPrinter : public pipeline::RunObserver {
 public:
  // `label` prefixes every line (the scenario name); quiet prints nothing.
  ProgressPrinter(std::string label, bool quiet);
  ~ProgressPrinter() override;

  void OnInput(const pipeline::InputInfo& info, const TablePtr& table) override;
  void OnStepStart(const pipeline::StepSpec& step, int index, int total) override;
  void OnStepDone(const pipeline::StepStats& stats, const std::vector<TablePtr>& outputs, int done,
                  int total) override;
  // Ends the bar line, if one is drawn.
  void Finish();

 private:
  void Bar(int done, int total, const std::string& what);

  std::string label_;
  bool quiet_;
  bool tty_;
  bool bar_open_ = false;
  int done_ = 0;
};

}  // namespace xf::cli
