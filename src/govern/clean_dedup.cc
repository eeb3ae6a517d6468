#include "govern/clean_dedup.h"

#include <fmt/format.h>

#include <algorithm>

#include "govern/clean_common.h"

namespace xf::govern {

namespace {

int NullsInRow(const Table& t, int64_t row) {
  int nulls = 0;
  for (const ColumnPtr& c : t.columns()) nulls += c->IsNull(row) ? 1 : 0;
  return nulls;
}

}  // namespace

DedupResult Deduplicate(const Table& input, const DedupOptions& options) {
  const std::vector<std::string> by = options.by.empty() ? input.schema().names() : options.by;
  const std::vector<std::vector<int64_t>> groups = GroupRows(input, by, options.order_by);
  const std::string key_text =
      options.by.empty() ? "all columns" : fmt::format("{}", fmt::join(by, ", "));
  std::vector<int64_t> kept;
  std::vector<std::pair<int64_t, int64_t>> dropped;  // (row, kept row)
  for (const std::vector<int64_t>& g : groups) {
    int64_t keep = g.front();
    if (options.keep == DedupKeep::kLast) {
      keep = g.back();
    } else if (options.keep == DedupKeep::kMostComplete) {
      int best = NullsInRow(input, keep);
      for (int64_t row : g) {
        const int nulls = NullsInRow(input, row);
        if (nulls < best) best = nulls, keep = row;
      }
    }
    kept.push_back(keep);
    for (int64_t row : g) {
      if (row != keep) dropped.emplace_back(row, keep);
    }
  }
  std::sort(kept.begin(), kept.end());
  std::sort(dropped.begin(), dropped.end());
  std::vector<int64_t> rows;
  std::vector<std::string> rules, reasons;
  for (const auto& [row, keep] : dropped) {
    rows.push_back(row);
    rules.push_back("dedup");
    reasons.push_back(fmt::format("duplicate of row {} on {}", keep + 1, key_text));
  }
  return {input.Take(kept), SetAside(input, rows, rules, reasons)};
}

}  // namespace xf::govern
