#include "model/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/rng.h"
#include "ops/parallel.h"

namespace xf::model {

namespace {

double Dist2(const double* a, const double* b, int64_t d) {
  double s = 0;
  for (int64_t j = 0; j < d; ++j) s += (a[j] - b[j]) * (a[j] - b[j]);
  return s;
}

std::vector<double> PlusPlusSeeds(const FeatureMatrix& x, const std::vector<int64_t>& rows,
                                  int64_t k, Rng& rng) {
  const int64_t d = x.dims;
  std::vector<double> centres;
  auto add = [&](int64_t r) { centres.insert(centres.end(), x.row(r), x.row(r) + d); };
  add(rows[rng.Below(static_cast<int64_t>(rows.size()))]);
  std::vector<double> d2(rows.size(), std::numeric_limits<double>::infinity());
  for (int64_t c = 1; c < k; ++c) {
    double total = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      d2[i] = std::min(d2[i], Dist2(x.row(rows[i]), centres.data() + (c - 1) * d, d));
      total += d2[i];
    }
    size_t pick = 0;
    if (total > 0) {
      double u = rng.Uniform() * total;
      pick = rows.size() - 1;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (d2[i] > 0 && u < d2[i]) {
          pick = i;
          break;
        }
        u -= d2[i];
      }
      while (d2[pick] == 0 && pick > 0) --pick;  // rounding at the end: never a repeated point
    } else {
      pick = static_cast<size_t>(rng.Below(static_cast<int64_t>(rows.size())));
    }
    add(rows[pick]);
  }
  return centres;
}

KMeansResult Lloyd(const FeatureMatrix& x, const std::vector<int64_t>& rows,
                   std::vector<double> centres, const KMeansOptions& o) {
  const int64_t d = x.dims, k = o.k;
  const int64_t n = static_cast<int64_t>(rows.size());
  std::vector<int64_t> assign(n, -1);
  std::vector<double> dist2(n, 0);
  KMeansResult r;
  for (int64_t iter = 1; iter <= o.max_iterations; ++iter) {
    r.iterations = iter;
    std::vector<uint8_t> changed_in(NumMorsels(n), 0);
    ForEachMorsel(n, [&](int64_t morsel, int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        int64_t best = 0;
        double bd = Dist2(x.row(rows[i]), centres.data(), d);
        for (int64_t c = 1; c < k; ++c) {
          const double dc = Dist2(x.row(rows[i]), centres.data() + c * d, d);
          if (dc < bd) {
            bd = dc;
            best = c;
          }
        }
        if (assign[i] != best) changed_in[morsel] = 1;
        assign[i] = best;
        dist2[i] = bd;
      }
    });
    bool changed = false;
    for (uint8_t c : changed_in) changed |= c != 0;
    if (!changed) break;
    std::vector<double> sums(k * d, 0);
    std::vector<int64_t> counts(k, 0);
    for (int64_t i = 0; i < n; ++i) {
      ++counts[assign[i]];
      for (int64_t j = 0; j < d; ++j) sums[assign[i] * d + j] += x.row(rows[i])[j];
    }
    for (int64_t c = 0; c < k; ++c) {
      if (counts[c] == 0) continue;
      for (int64_t j = 0; j < d; ++j)
        centres[c * d + j] = sums[c * d + j] / static_cast<double>(counts[c]);
    }
  }
  r.cluster = std::move(assign);
  r.distance = std::move(dist2);  // squared here; the caller takes roots
  r.centres = std::move(centres);
  for (double v : r.distance) r.inertia += v;
  return r;
}

}  // namespace

KMeansResult KMeans(const FeatureMatrix& x, const KMeansOptions& o) {
  std::vector<int64_t> rows;
  for (int64_t r = 0; r < x.rows; ++r) {
    if (x.usable[r]) rows.push_back(r);
  }
  if (o.k < 1 || o.k > static_cast<int64_t>(rows.size())) {
    throw Error(ErrorKind::kData, "k-means: k = " + std::to_string(o.k) + " but there are " +
                                      std::to_string(rows.size()) +
                                      " rows with all features set (need 1 <= k <= rows)");
  }
  KMeansResult best;
  bool have = false;
  for (int64_t run = 0; run < std::max<int64_t>(o.restarts, 1); ++run) {
    Rng rng(o.seed, static_cast<uint64_t>(run));
    KMeansResult r = Lloyd(x, rows, PlusPlusSeeds(x, rows, o.k, rng), o);
    if (!have || r.inertia < best.inertia) {
      best = std::move(r);
      have = true;
    }
  }
  // Renumber clusters by first row; map back to table rows.
  const int64_t d = x.dims;
  std::vector<int64_t> label(o.k, -1);
  int64_t next = 0;
  for (int64_t c : best.cluster) {
    if (label[c] < 0) label[c] = next++;
  }
  for (int64_t c = 0; c < o.k; ++c) {
    if (label[c] < 0) label[c] = next++;  // a cluster that lost all its rows
  }
  KMeansResult out;
  out.inertia = best.inertia;
  out.iterations = best.iterations;
  out.cluster.assign(x.rows, -1);
  out.distance.assign(x.rows, std::numeric_limits<double>::quiet_NaN());
  out.centres.assign(o.k * d, 0);
  out.sizes.assign(o.k, 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t c = label[best.cluster[i]];
    out.cluster[rows[i]] = c;
    out.distance[rows[i]] = std::sqrt(best.distance[i]);
    ++out.sizes[c];
  }
  for (int64_t c = 0; c < o.k; ++c) {
    std::copy_n(best.centres.begin() + c * d, d, out.centres.begin() + label[c] * d);
  }
  return out;
}

}  // namespace xf::model
