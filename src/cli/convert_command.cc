// `xfactor convert IN OUT`: reads a file as `inspect` does and writes its table in the format of
// OUT's name. Rejected records are never dropped: they go to OUT.rejects.csv and are counted.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.h"
#include "cli/read_options.h"
#include "core/error.h"
#include "io/table_file.h"

namespace xf::cli {

namespace {

struct ConvertArgs {
  std::string in;
  std::string out;
  FileOptionArgs file;
  std::string out_encoding = "utf-8";
  bool bom = false;
};

void RunConvert(const ConvertArgs& a) {
  const ReadResult r = ReadTableFile(a.in, a.file.ToReadOptions());
  CsvWriteOptions csv;
  csv.encoding = a.out_encoding;
  csv.utf8_bom = a.bom;
  WriteTableFile(*r.table, a.out, std::nullopt, csv);
  const std::string rejects_path = a.out + ".rejects.csv";
  if (r.rejects->num_rows() > 0) {
    WriteTableFile(*r.rejects, rejects_path, FileFormat::kCsv);
  } else {
    std::filesystem::remove(rejects_path);  // a stale file from an earlier run would mislead
  }
  std::printf("%s → %s: %lld read = %lld written + %lld rejected%s\n", a.in.c_str(), a.out.c_str(),
              static_cast<long long>(r.rows_read), static_cast<long long>(r.table->num_rows()),
              static_cast<long long>(r.rejects->num_rows()),
              r.rejects->num_rows() > 0 ? (" (see " + rejects_path + ")").c_str() : "");
}

}  // namespace

void AddConvertCommand(CLI::App& app) {
  auto args = std::make_shared<ConvertArgs>();
  auto* cmd = app.add_subcommand(
      "convert", "Convert between CSV, JSON Lines and native (.xfc); rejects go to OUT.rejects.csv");
  cmd->add_option("in", args->in, "Input file")->required();
  cmd->add_option("out", args->out, "Output file; its extension names the format")->required();
  AddFileOptions(*cmd, &args->file);
  cmd->add_option("--out-encoding", args->out_encoding, "CSV output encoding: utf-8, gb18030 or gbk")
      ->capture_default_str();
  cmd->add_flag("--bom", args->bom, "Write a UTF-8 byte order mark (helps Excel)");
  cmd->final_callback([args] { RunConvert(*args); });
}

}  // namespace xf::cli
