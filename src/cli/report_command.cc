// `xfactor report REPORT.json [--out REPORT.html]`: renders a run's report.json again into the
// self-contained report.html, e.g. after the engine's report template improved, or for a
// report.json that another tool wrote to docs/report.md's schema.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "core/error.h"
#include "io/file_source.h"
#include "pipeline/report_html.h"

namespace xf::cli {

namespace {

struct ReportArgs {
  std::string in;
  std::string out;
};

// 1-based line and column of byte offset `byte` (1-based, as nlohmann reports it) in `text`.
SourceContext PositionOf(const std::string& path, const std::string& text, size_t byte) {
  SourceContext ctx{.file = path, .line = 1, .column = 1};
  const size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++ctx.line;
      ctx.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++ctx.column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return ctx;
}

void RunReport(const ReportArgs& a) {
  const std::string text = ReadFileBytes(a.in);
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() repeats the position as a byte offset; the context gives line and column instead.
    std::string why = e.what();
    if (const size_t colon = why.rfind(": "); colon != std::string::npos)
      why = why.substr(colon + 2);
    throw Error(ErrorKind::kData, "not valid JSON: " + why, PositionOf(a.in, text, e.byte));
  }
  std::string html;
  try {
    html = RenderReportHtml(report);
  } catch (Error& e) {
    e.WithFile(a.in);
    throw;
  }
  const std::string out =
      a.out.empty() ? std::filesystem::path(a.in).replace_extension(".html").string() : a.out;
  if (std::filesystem::weakly_canonical(out) == std::filesystem::weakly_canonical(a.in)) {
    throw Error(ErrorKind::kUsage, "--out would overwrite the input report", {.file = a.in});
  }
  WriteFileAtomically(out, html);
  std::printf("%s → %s (%zu KiB, opens offline in any browser)\n", a.in.c_str(), out.c_str(),
              html.size() / 1024);
}

}  // namespace

void AddReportCommand(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand(
      "report", "Render a run's report.json into a self-contained report.html (opens offline)");
  cmd->add_option("report", args->in, "report.json written by `xfactor run`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out,-o", args->out, "Output HTML file (default: the input with .html)");
  cmd->final_callback([args] { RunReport(*args); });
}

}  // namespace xf::cli
