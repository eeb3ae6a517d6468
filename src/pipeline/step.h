// A pipeline step: one kind of work (filter, aggregate, forecast, alert …) that reads named
// tables and writes named tables. Each kind is a class registered by name with a declared option
// schema (step_registry.h), so a spec error names the file, line, step and option, and adding a
// kind touches this folder only, never the runner.
//
// In scenario.yaml a step is a map: `id`, `kind`, `in` (one table or a list), `out` (one or a
// list), optional `description`, and the kind's own options at the same level:
//
//   - id: base_users
//     kind: filter
//     in: users
//     out: base_users
//     where: "user_type <> 'resident' AND capacity_kva >= 15"
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/spec_node.h"
#include "core/table.h"
#include "pipeline/run_services.h"

namespace xf::pipeline {

// What a running step sees: its inputs by position and name, where to put outputs.
class StepContext {
 public:
  StepContext(std::string step_id, std::vector<std::string> input_names,
              std::vector<TablePtr> inputs, std::vector<std::string> output_names, uint64_t seed,
              const RunServices* services = nullptr)
      : step_id_(std::move(step_id)),
        input_names_(std::move(input_names)),
        inputs_(std::move(inputs)),
        output_names_(std::move(output_names)),
        outputs_(output_names_.size()),
        seed_(seed),
        services_(services ? *services : RunServices{}) {}

  const std::string& step_id() const { return step_id_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  const TablePtr& input(int i) const { return inputs_[static_cast<size_t>(i)]; }
  const std::string& input_name(int i) const { return input_names_[static_cast<size_t>(i)]; }
  int num_outputs() const { return static_cast<int>(output_names_.size()); }
  const std::string& output_name(int i) const { return output_names_[static_cast<size_t>(i)]; }
  void SetOutput(int i, TablePtr table) { outputs_[static_cast<size_t>(i)] = std::move(table); }
  // Seed of the run, for steps with randomness (k-means init, isolation forest …).
  uint64_t seed() const { return seed_; }
  // The evidence ledger and masking keys of the run (each may be null).
  const RunServices& services() const { return services_; }

  // Filled by SetOutput; every output must be set when Run returns.
  std::vector<TablePtr>& outputs() { return outputs_; }

 private:
  std::string step_id_;
  std::vector<std::string> input_names_;
  std::vector<TablePtr> inputs_;
  std::vector<std::string> output_names_;
  std::vector<TablePtr> outputs_;
  uint64_t seed_;
  RunServices services_;
};

class Step {
 public:
  virtual ~Step() = default;
  // Reads and validates the step's options before anything runs, so a misspelt column in the
  // last step fails in milliseconds, not after the first nine steps. Fail via SpecNode::Fail.
  // `options` is the whole step map (unknown keys were already rejected).
  virtual void Configure(const SpecNode& options) = 0;
  virtual void Run(StepContext& ctx) = 0;
};

// One option of a step kind, for validation (unknown keys, missing required ones) and for the
// generated reference in docs/pipeline-reference.md.
struct OptionSpec {
  std::string name;
  std::string type;  // "expression", "column", "columns", "number", "text", "map", "list", "bool"
  bool required = false;
  std::string doc;
};

struct StepKind {
  std::string name;
  std::string summary;
  // Input arity: min_inputs..max_inputs tables in `in:`; outputs likewise in `out:`.
  int min_inputs = 1;
  int max_inputs = 1;
  int min_outputs = 1;
  int max_outputs = 1;
  std::string inputs_doc;   // e.g. "left, right"
  std::string outputs_doc;  // e.g. "the joined table"
  std::vector<OptionSpec> options;
  std::function<std::unique_ptr<Step>()> make;
};

}  // namespace xf::pipeline
