#include "io/csv_dialect.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/types.h"
#include "io/csv_tokenizer.h"
#include "io/text_values.h"

namespace xf {

char SniffDelimiter(std::string_view text, char quote) {
  std::string_view sample = text.substr(0, kSniffBytes);
  if (text.size() > kSniffBytes) {
    // Drop the partial last line so it does not count as inconsistent.
    const size_t nl = sample.rfind('\n');
    if (nl != std::string_view::npos) sample = sample.substr(0, nl + 1);
  }
  static constexpr char kCandidates[] = {',', '\t', ';', '|'};
  char best = ',';
  double best_consistency = -1;
  int64_t best_fields = 0;
  std::vector<FieldSpan> spans;
  for (char d : kCandidates) {
    CsvTokenizer tok(CsvDialect{.delimiter = d, .quote = quote, .trim = true});
    std::map<int64_t, int64_t> counts;  // fields → records
    int64_t records = 0;
    size_t pos = 0;
    RecordScan rec;
    while (pos < sample.size() && records < 1000) {
      tok.Scan(sample, pos, 0, &spans, &rec);
      pos = rec.next;
      if (rec.blank || rec.problem != RecordProblem::kNone) continue;
      ++counts[rec.num_fields];
      ++records;
    }
    if (records == 0) continue;
    int64_t mode = 0, freq = 0;
    for (const auto& [fields, n] : counts) {
      if (n > freq || (n == freq && fields > mode)) {
        mode = fields;
        freq = n;
      }
    }
    if (mode < 2) continue;
    const double consistency = static_cast<double>(freq) / static_cast<double>(records);
    if (consistency > best_consistency || (consistency == best_consistency && mode > best_fields)) {
      best = d;
      best_consistency = consistency;
      best_fields = mode;
    }
  }
  return best;
}

namespace {

TypeId TypeOf(const std::optional<std::string>& v) { return v ? InferTextType(*v) : TypeId::kNull; }

bool NonEmptyAndDistinct(const SampleRecord& first) {
  std::set<std::string> seen;
  for (const auto& f : first) {
    if (!f || f->empty() || !seen.insert(*f).second) return false;
  }
  return true;
}

}  // namespace

bool LooksLikeHeader(const SampleRecord& first, const std::vector<SampleRecord>& rest) {
  if (first.empty()) return false;
  int score = 0;
  bool all_text = true;
  for (size_t c = 0; c < first.size(); ++c) {
    const TypeId t0 = TypeOf(first[c]);
    // Names like "no" or "f" read as bool words; as names they are text.
    const bool texty = t0 == TypeId::kString || t0 == TypeId::kBool;
    if (!texty && t0 != TypeId::kNull) all_text = false;
    TypeId tr = TypeId::kNull;
    for (const auto& r : rest) {
      if (c < r.size()) tr = JoinInferredTypes(tr, TypeOf(r[c]));
    }
    if (t0 == TypeId::kNull || tr == TypeId::kNull) continue;
    if (texty && tr != TypeId::kString && tr != t0) {
      ++score;
    } else if (!texty && JoinInferredTypes(t0, tr) == tr) {
      --score;
    }
  }
  if (score != 0) return score > 0;
  if (!all_text) return false;
  return NonEmptyAndDistinct(first);
}

}  // namespace xf
