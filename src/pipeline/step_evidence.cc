// evidence: appends one ledger entry per row (docs/ledger.md) — e.g. each coal sample taken or
// each sterilisation cycle — so that the scenario's own events become tamper-evident, and passes
// the rows on with the index of their entry.
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

#include "core/error.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"
#include "trust/evidence_log.h"

namespace xf::pipeline {

namespace {

nlohmann::json CellJson(const Column& c, int64_t row) {
  Value v = c.GetValue(row);
  if (v.is_null()) return nullptr;
  switch (c.type()) {
    case TypeId::kBool:
      return v.bool_value();
    case TypeId::kInt64:
      return v.int_value();
    case TypeId::kFloat64:
      // JSON has no NaN or infinity: keep them as text rather than lose them.
      return std::isfinite(v.float_value()) ? nlohmann::json(v.float_value()) : nlohmann::json(v.ToString());
    case TypeId::kString:
      return v.string_value();
    default:  // dates and timestamps as their display text
      return v.ToString();
  }
}

class EvidenceStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    type_ = o.GetString("type", "event");
    if (type_.empty()) o.Get("type").Fail("the evidence event type must not be empty");
    // The engine's own types: a scenario entry under one of them could pass for a run's record
    // (and an `output`/`export` one would send verify to hash a file of the scenario's choosing).
    static const std::set<std::string> kReserved = {"run_start", "input", "output", "export", "quality", "run_end"};
    if (kReserved.count(type_)) {
      o.Get("type").Fail("step '" + o.GetString("id", "") + "': evidence type '" + type_ +
                         "' is reserved for the engine's run records (run_start, input, output, export, "
                         "quality, run_end); choose another");
    }
    if (o.Has("columns")) columns_ = o.Get("columns").AsStringList();
    output_ = o.GetString("output", "ledger_index");
    batch_ = o.GetInt("batch", 10000);
    if (batch_ < 1) o.Get("batch").Fail("batch must be at least 1");
  }

  void Run(StepContext& ctx) override {
    trust::EvidenceLog* log = ctx.services().evidence;
    if (log == nullptr) {
      throw Error(ErrorKind::kUsage,
                  "step kind 'evidence' needs the workspace's evidence ledger, and this run has none "
                  "(run the scenario with `xfactor run`, which keeps a workspace)",
                  SourceContext{.step = ctx.step_id()});
    }
    const Table& in = *ctx.input(0);
    if (in.ColumnIndex(output_) >= 0) {
      node_.Get("output").Fail("the input already has a column '" + output_ + "'");
    }
    std::vector<int> cols;
    if (columns_.empty()) {
      for (int i = 0; i < in.num_columns(); ++i) cols.push_back(i);
    } else {
      for (const std::string& c : columns_) {
        RequireColumn(node_.Get("columns"), in, c);
        cols.push_back(in.ColumnIndex(c));
      }
    }
    ColumnPtr index = Column::Make(TypeId::kInt64);
    std::vector<trust::Event> events;
    for (int64_t start = 0; start < in.num_rows(); start += batch_) {
      const int64_t end = std::min(in.num_rows(), start + batch_);
      events.clear();
      for (int64_t r = start; r < end; ++r) {
        trust::Event e{.type = type_, .run_id = ctx.services().run_id};
        for (int c : cols) e.fields[in.schema().field(c).name] = CellJson(*in.column(c), r);
        events.push_back(std::move(e));
      }
      try {
        for (uint64_t i : log->AppendBatch(events)) index->AppendInt64(static_cast<int64_t>(i));
      } catch (Error& err) {
        throw err.WithStep(ctx.step_id());
      }
    }
    ctx.SetOutput(0, in.WithColumn(output_, index));
  }

 private:
  SpecNode node_;
  std::string type_;
  std::vector<std::string> columns_;
  std::string output_;
  int64_t batch_ = 10000;
};

}  // namespace

StepKind EvidenceStepKind() {
  return {.name = "evidence",
          .summary = "Appends one entry per row to the workspace's evidence ledger (存证).",
          .inputs_doc = "the table whose rows are the events",
          .outputs_doc = "the table plus the ledger index of each row's entry",
          .options = {{"type", "text", false,
                       "Event type stored with each entry (event), e.g. sampling or sterilisation_cycle."},
                      {"columns", "columns", false,
                       "Columns recorded in each entry's fields (default: every column)."},
                      {"output", "column", false, "Name of the added index column (ledger_index)."},
                      {"batch", "number", false,
                       "Rows appended per ledger transaction (10000); each batch is durable when it returns."}},
          .make = [] { return std::make_unique<EvidenceStep>(); }};
}

}  // namespace xf::pipeline
