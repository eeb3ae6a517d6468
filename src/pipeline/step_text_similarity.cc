// text_similarity: near-duplicate pairs of rows by the n-gram Jaccard similarity of text columns
// (model/text_similarity.h) — duplicate applications, copied reports, re-filed complaints.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "core/hash.h"
#include "model/text_similarity.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class TextSimilarityStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    key_ = o.Required("key").AsString();
    text_ = o.Required("text").AsStringList();
    if (text_.empty()) o.Get("text").Fail("no text columns");
    ngram_ = static_cast<int>(o.GetInt("ngram", 2));
    if (ngram_ < 1 || ngram_ > 10) o.Get("ngram").Fail("n-grams of 1 to 10 characters");
    options_.threshold = o.GetDouble("threshold", 0.6);
    if (!(options_.threshold > 0 && options_.threshold <= 1)) {
      o.Get("threshold").Fail("a Jaccard similarity in (0, 1]");
    }
    const std::string method = o.GetString("method", "minhash");
    if (method != "minhash" && method != "exact") o.Get("method").Fail("expected minhash or exact");
    options_.exhaustive = method == "exact";
    options_.bands = static_cast<int>(o.GetInt("bands", 32));
    options_.rows = static_cast<int>(o.GetInt("rows", 4));
    if (options_.bands < 1 || options_.bands > 512) o.Get("bands").Fail("1 to 512 bands");
    if (options_.rows < 1 || options_.rows > 32) o.Get("rows").Fail("1 to 32 rows per band");
    if (o.Has("block_by")) block_by_ = o.Get("block_by").AsStringList();
    if (o.Has("keep")) keep_ = o.Get("keep").AsStringList();
  }

  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    RequireColumn(node_.Get("key"), in, key_);
    for (const std::string& c : text_) {
      RequireColumn(node_.Get("text"), in, c);
      if (in.column(c)->type() != TypeId::kString) {
        node_.Get("text").Fail(
            fmt::format("column '{}' is {}, not text", c, TypeName(in.column(c)->type())));
      }
    }
    for (const std::string& c : block_by_) RequireColumn(node_.Get("block_by"), in, c);
    for (const std::string& c : keep_) RequireColumn(node_.Get("keep"), in, c);

    const int64_t n = in.num_rows();
    std::vector<model::ShingleSet> docs(static_cast<size_t>(n));
    std::vector<uint64_t> blocks;
    if (!block_by_.empty()) blocks.assign(static_cast<size_t>(n), 0);
    for (int64_t i = 0; i < n; ++i) {
      model::ShingleSet& d = docs[static_cast<size_t>(i)];
      // Each text column has its own salt: a title's words never match an abstract's.
      for (size_t c = 0; c < text_.size(); ++c) {
        const Column& col = *in.column(text_[c]);
        if (col.IsNull(i)) continue;
        model::ShingleSet s = model::Shingles(col.GetString(i), ngram_, c);
        model::ShingleSet merged;
        std::set_union(d.begin(), d.end(), s.begin(), s.end(), std::back_inserter(merged));
        d.swap(merged);
      }
      for (const std::string& b : block_by_) {
        const Column& col = *in.column(b);
        const uint64_t h = col.IsNull(i) ? kNullHash : HashBytes(col.GetValue(i).ToString());
        blocks[static_cast<size_t>(i)] = HashCombine(blocks[static_cast<size_t>(i)], h);
      }
    }
    options_.seed = ctx.seed();
    std::vector<model::SimilarPair> pairs;
    try {
      pairs = model::NearDuplicatePairs(docs, blocks, options_);
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }

    std::vector<int64_t> a, b;
    auto sim = Column::Make(TypeId::kFloat64);
    for (const model::SimilarPair& p : pairs) {
      a.push_back(p.a);
      b.push_back(p.b);
      sim->AppendFloat64(p.jaccard);
    }
    std::vector<Field> fields;
    std::vector<ColumnPtr> cols;
    const ColumnPtr& id = in.column(key_);
    fields.push_back({key_ + "_a", id->type()});
    cols.push_back(id->Take(a));
    fields.push_back({key_ + "_b", id->type()});
    cols.push_back(id->Take(b));
    fields.push_back({"similarity", TypeId::kFloat64});
    cols.push_back(sim);
    for (const std::string& k : keep_) {
      const ColumnPtr& c = in.column(k);
      fields.push_back({k + "_a", c->type()});
      cols.push_back(c->Take(a));
      fields.push_back({k + "_b", c->type()});
      cols.push_back(c->Take(b));
    }
    ctx.SetOutput(0, Table::Make(Schema(fields), cols));
  }

 private:
  SpecNode node_;
  std::string key_;
  std::vector<std::string> text_, block_by_, keep_;
  int ngram_ = 2;
  model::NearDuplicateOptions options_;
};

}  // namespace

StepKind TextSimilarityStepKind() {
  return {
      .name = "text_similarity",
      .summary = "Near-duplicate row pairs by n-gram Jaccard similarity of text (MinHash + LSH).",
      .inputs_doc = "a table with an id and text columns",
      .outputs_doc = "pairs: <key>_a, <key>_b, similarity, kept columns _a/_b",
      .options = {{"key", "column", true, "Row id, copied to <key>_a and <key>_b."},
                  {"text", "columns", true, "Text columns compared (each its own shingles)."},
                  {"ngram", "number", false, "Characters per shingle (2)."},
                  {"threshold", "number", false, "Least Jaccard similarity reported (0.6)."},
                  {"method", "text", false, "minhash (LSH candidates) or exact (every pair)."},
                  {"bands", "number", false, "LSH bands (32)."},
                  {"rows", "number", false, "MinHash values per band (4)."},
                  {"block_by", "columns", false, "Compare only rows with equal values here."},
                  {"keep", "columns", false, "Columns copied for both rows as <col>_a, <col>_b."}},
      .make = [] { return std::make_unique<TextSimilarityStep>(); }};
}

}  // namespace xf::pipeline
