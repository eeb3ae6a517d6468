#include "model/psi.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "model/binning.h"
#include "model/numeric_columns.h"

namespace xf::model {

namespace {

constexpr double kMinShare = 1e-4;

// Counts per bin, the NULL bin last.
std::vector<double> Shares(const std::vector<double>& cuts, const std::vector<double>& v) {
  std::vector<double> counts(cuts.size() + 2, 0);
  for (double x : v)
    counts[std::isnan(x) ? cuts.size() + 1 : static_cast<size_t>(BinOf(cuts, x))] += 1;
  for (double& c : counts) c /= static_cast<double>(v.size());
  return counts;
}

}  // namespace

PsiResult Psi(const Table& expected, const Table& actual, const PsiOptions& o) {
  if (o.bins < 2) throw Error(ErrorKind::kSpec, "psi: bins must be >= 2");
  if (expected.num_rows() == 0 || actual.num_rows() == 0) {
    throw Error(ErrorKind::kData, fmt::format("psi: the {} table is empty",
                                              expected.num_rows() == 0 ? "expected" : "actual"));
  }
  auto col = Column::Make(TypeId::kString), nb = Column::Make(TypeId::kInt64),
       status = Column::Make(TypeId::kString);
  auto dcol = Column::Make(TypeId::kString), dbin = Column::Make(TypeId::kInt64),
       dlabel = Column::Make(TypeId::kString);
  std::vector<double> psi, de, da, dp;
  for (const std::string& name : o.columns) {
    const std::vector<double> e = NumericValues(NumericColumnOf(expected, name, "psi"));
    const std::vector<double> a = NumericValues(NumericColumnOf(actual, name, "psi"));
    const auto present = std::count_if(e.begin(), e.end(), [](double x) { return !std::isnan(x); });
    if (present < o.bins) {
      throw Error(ErrorKind::kData,
                  fmt::format("psi: {} bins need at least {} non-NULL expected values of '{}', "
                              "got {}",
                              o.bins, o.bins, name, present),
                  SourceContext{.column_name = name});
    }
    const std::vector<double> cuts = QuantileCuts(e, o.bins);
    const std::vector<double> se = Shares(cuts, e), sa = Shares(cuts, a);
    const bool null_bin = se.back() > 0 || sa.back() > 0;
    const size_t used = null_bin ? se.size() : se.size() - 1;
    double total = 0;
    for (size_t b = 0; b < used; ++b) {
      const double eb = std::max(se[b], kMinShare), ab = std::max(sa[b], kMinShare);
      const double part = (ab - eb) * std::log(ab / eb);
      total += part;
      dcol->AppendString(name);
      dbin->AppendInt64(static_cast<int64_t>(b + 1));
      if (b == cuts.size() + 1) {
        dlabel->AppendString("missing");
      } else {
        dlabel->AppendString(
            fmt::format("[{}, {})", b == 0 ? std::string("-inf") : fmt::format("{:g}", cuts[b - 1]),
                        b == cuts.size() ? std::string("+inf") : fmt::format("{:g}", cuts[b])));
      }
      de.push_back(se[b]);
      da.push_back(sa[b]);
      dp.push_back(part);
    }
    col->AppendString(name);
    psi.push_back(total);
    nb->AppendInt64(static_cast<int64_t>(used));
    status->AppendString(total < 0.1 ? "stable" : total <= 0.25 ? "watch" : "shift");
  }
  PsiResult r;
  r.summary = Table::Make(Schema({{"column", TypeId::kString},
                                  {"psi", TypeId::kFloat64},
                                  {"bins", TypeId::kInt64},
                                  {"status", TypeId::kString}}),
                          {col, Float64Column(psi), nb, status});
  r.detail =
      Table::Make(Schema({{"column", TypeId::kString},
                          {"bin", TypeId::kInt64},
                          {"label", TypeId::kString},
                          {"expected_share", TypeId::kFloat64},
                          {"actual_share", TypeId::kFloat64},
                          {"psi", TypeId::kFloat64}}),
                  {dcol, dbin, dlabel, Float64Column(de), Float64Column(da), Float64Column(dp)});
  return r;
}

}  // namespace xf::model
