// classify_sensitive: one row per column of each input table with the personal-data category it
// holds, its JR/T 0197-style grading level, the share of values that matched and how it was found
// (govern/sensitive.h).
#include <fmt/format.h>

#include "govern/sensitive.h"
#include "pipeline/builtin_steps.h"

namespace xf::pipeline {

namespace {

class ClassifySensitiveStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.min_share = o.GetDouble("min_share", options_.min_share);
    if (!(options_.min_share > 0 && options_.min_share <= 1)) {
      o.Get("min_share").Fail("min_share must be in (0, 1]");
    }
    options_.sample = o.GetInt("sample", options_.sample);
    if (options_.sample < 1) o.Get("sample").Fail("sample must be at least 1");
    if (o.Has("levels")) {
      const SpecNode levels = o.Get("levels");
      if (!levels.IsMap()) levels.Fail("levels is a map of category → level 1..5");
      for (const auto& [category, v] : levels.Entries()) {
        const auto& known = govern::SensitiveCategories();
        if (category != "none" && std::find(known.begin(), known.end(), category) == known.end()) {
          v.Fail(fmt::format("unknown category '{}'; valid: none, {}", category,
                             fmt::join(known, ", ")));
        }
        const int64_t level = v.AsInt();
        if (level < 1 || level > 5) v.Fail("a level is 1 to 5");
        if (category == "none") {
          options_.none_level = static_cast<int>(level);
        } else {
          options_.levels[category] = static_cast<int>(level);
        }
      }
    }
  }
  void Run(StepContext& ctx) override {
    std::vector<ColumnPtr> cols;
    for (TypeId t : {TypeId::kString, TypeId::kString, TypeId::kString, TypeId::kInt64,
                     TypeId::kFloat64, TypeId::kInt64, TypeId::kString}) {
      cols.push_back(Column::Make(t));
    }
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      for (const govern::SensitiveFinding& f : govern::ClassifySensitive(*ctx.input(i), options_)) {
        cols[0]->AppendString(ctx.input_name(i));
        cols[1]->AppendString(f.column);
        cols[2]->AppendString(f.category);
        cols[3]->AppendInt64(f.level);
        cols[4]->AppendFloat64(f.share);
        cols[5]->AppendInt64(f.checked);
        cols[6]->AppendString(f.method);
      }
    }
    ctx.SetOutput(0, Table::Make(Schema({{"table", TypeId::kString},
                                         {"column", TypeId::kString},
                                         {"category", TypeId::kString},
                                         {"level", TypeId::kInt64},
                                         {"share", TypeId::kFloat64},
                                         {"checked", TypeId::kInt64},
                                         {"method", TypeId::kString}}),
                                 std::move(cols)));
  }

 private:
  govern::SensitiveOptions options_;
};

}  // namespace

StepKind ClassifySensitiveStepKind() {
  return {.name = "classify_sensitive",
          .summary =
              "Finds personal data (ID numbers, phones, bank cards, names, addresses, "
              "plates, e-mail) by content and column name and grades it (JR/T 0197 levels).",
          .min_inputs = 1,
          .max_inputs = 64,
          .inputs_doc = "one or more tables",
          .outputs_doc =
              "one row per input column: table, column, category, level, share, "
              "checked, method",
          .options = {{"min_share", "number", false,
                       "Share of checked values that must match a category (0.8)."},
                      {"sample", "number", false, "Values checked per column (10000)."},
                      {"levels", "map", false,
                       "Category → level 1..5, overriding the defaults (none → 1)."}},
          .make = [] { return std::make_unique<ClassifySensitiveStep>(); }};
}

}  // namespace xf::pipeline
