#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace xf::cli {

ProgressPrinter::ProgressPrinter(std::string label, bool quiet)
    : label_(std::move(label)), quiet_(quiet), tty_(isatty(STDERR_FILENO) == 1) {}

ProgressPrinter::~ProgressPrinter() { Finish(); }

void ProgressPrinter::OnInput(const pipeline::InputInfo& info, const TablePtr& table) {
  if (quiet_ || tty_) return;
  std::string rejected = info.rows_rejected > 0 ? fmt::format(", {} rejected", info.rows_rejected) : "";
  std::fprintf(stderr, "%s: input %s: %lld rows (%s%s)\n", label_.c_str(), info.name.c_str(),
               static_cast<long long>(info.rows_loaded), info.source.c_str(), rejected.c_str());
}

void ProgressPrinter::OnStepStart(const pipeline::StepSpec& step, int index, int total) {
  if (quiet_ || !tty_) return;
  Bar(done_, total, step.id);  // `index` is the spec position; steps may finish out of order
}

void ProgressPrinter::OnStepDone(const pipeline::StepStats& stats, const std::vector<TablePtr>&,
                                 int done, int total) {
  if (quiet_) return;
  done_ = done;
  if (tty_) {
    Bar(done, total, stats.id);
    return;
  }
  std::fprintf(stderr, "%s: step %d/%d %s (%s): %lld rows in, %lld out, %.2f s\n", label_.c_str(),
               done, total, stats.id.c_str(), stats.kind.c_str(),
               static_cast<long long>(stats.rows_in), static_cast<long long>(stats.rows_out),
               stats.seconds);
}

void ProgressPrinter::Bar(int done, int total, const std::string& what) {
  constexpr int kWidth = 24;
  int filled = total > 0 ? done * kWidth / total : kWidth;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '-');
  std::fprintf(stderr, "\r\033[K%s [%s] %d/%d %s", label_.c_str(), bar.c_str(), done, total,
               what.c_str());
  std::fflush(stderr);
  bar_open_ = true;
}

void ProgressPrinter::Finish() {
  if (bar_open_) std::fprintf(stderr, "\r\033[K");
  bar_open_ = false;
}

}  // namespace xf::cli
