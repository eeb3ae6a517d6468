#include "ops/aggregate_functions.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>

#include "core/error.h"
#include "ops/parallel.h"
#include "ops/row_comparator.h"

namespace xf {

namespace {

using Gid = int32_t;

inline bool Valid(const uint8_t* v, int64_t i) { return v == nullptr || GetBit(v, i); }

// Chunk partial states live in one array per state: index chunk * groups + group.
class Accumulator {
 public:
  virtual ~Accumulator() = default;
  virtual void Init(int64_t chunks, int64_t groups) {
    chunks_ = chunks;
    groups_ = groups;
  }
  virtual void Update(int64_t chunk, const Gid* gid, int64_t begin, int64_t end) {}
  // Folds chunks 1.. into chunk 0, in chunk order, for groups [gb, ge).
  virtual void Merge(int64_t gb, int64_t ge) {}
  virtual ColumnPtr Finish(const Gid* gid, int64_t n) = 0;

 protected:
  size_t At(int64_t chunk, int64_t g) const { return static_cast<size_t>(chunk * groups_ + g); }
  int64_t chunks_ = 1;
  int64_t groups_ = 0;
};

class CountAcc : public Accumulator {
 public:
  explicit CountAcc(const Column* col) : col_(col) {}
  void Init(int64_t chunks, int64_t groups) override {
    Accumulator::Init(chunks, groups);
    cnt_.assign(static_cast<size_t>(chunks * groups), 0);
  }
  void Update(int64_t chunk, const Gid* gid, int64_t begin, int64_t end) override {
    int64_t* c = cnt_.data() + At(chunk, 0);
    const uint8_t* valid = col_ != nullptr ? col_->validity() : nullptr;
    for (int64_t i = begin; i < end; ++i) {
      const Gid g = gid[i];
      if (g >= 0 && Valid(valid, i)) ++c[g];
    }
  }
  void Merge(int64_t gb, int64_t ge) override {
    for (int64_t c = 1; c < chunks_; ++c) {
      for (int64_t g = gb; g < ge; ++g) cnt_[At(0, g)] += cnt_[At(c, g)];
    }
  }
  ColumnPtr Finish(const Gid*, int64_t) override {
    auto out = Column::Make(TypeId::kInt64);
    out->ResizeFixed(groups_);
    std::copy(cnt_.begin(), cnt_.begin() + groups_, out->mutable_data<int64_t>());
    return out;
  }

 private:
  const Column* col_;
  std::vector<int64_t> cnt_;
};

// sum and avg (and, shared, count(col)). In: int64_t or double values; Acc: int64_t (exact int
// sum) or double. Sum and count of a group sit side by side: with many groups every row costs
// one cache miss instead of two.
template <typename In, typename Acc>
class SumAcc : public Accumulator {
 public:
  SumAcc(const Column& col, bool avg) : col_(col), avg_(avg) {}
  void Init(int64_t chunks, int64_t groups) override {
    Accumulator::Init(chunks, groups);
    st_.assign(static_cast<size_t>(chunks * groups), State{});
  }
  void Update(int64_t chunk, const Gid* gid, int64_t begin, int64_t end) override {
    State* st = st_.data() + At(chunk, 0);
    const In* v = col_.data<In>();
    const uint8_t* valid = col_.validity();
    bool overflow = false;
    for (int64_t i = begin; i < end; ++i) {
      const Gid g = gid[i];
      if (g < 0 || !Valid(valid, i)) continue;
      Add(st[g].sum, static_cast<Acc>(v[i]), &overflow);
      ++st[g].cnt;
    }
    if (overflow) overflow_ = true;
  }
  void Merge(int64_t gb, int64_t ge) override {
    bool overflow = false;
    for (int64_t c = 1; c < chunks_; ++c) {
      for (int64_t g = gb; g < ge; ++g) {
        State& a = st_[At(0, g)];
        const State& b = st_[At(c, g)];
        Add(a.sum, b.sum, &overflow);
        a.cnt += b.cnt;
      }
    }
    if (overflow) overflow_ = true;
  }
  ColumnPtr Finish(const Gid*, int64_t) override { return FinishAs(avg_); }

  // Results for another spec over the same column sharing this state (see SharedAcc).
  ColumnPtr FinishAs(bool avg) {
    if (overflow_ && !avg) {
      throw Error(ErrorKind::kData, "sum overflows int64; cast the column to float64 first",
                  SourceContext{.column_name = name_});
    }
    const TypeId type = avg || std::is_same_v<Acc, double> ? TypeId::kFloat64 : TypeId::kInt64;
    auto out = Column::Make(type);
    out->ResizeFixed(groups_);
    std::vector<uint8_t> bits(BitmapBytes(groups_), 0);
    bool any_null = false;
    for (int64_t g = 0; g < groups_; ++g) {
      const State& s = st_[static_cast<size_t>(g)];
      if (s.cnt == 0) {
        any_null = true;
        continue;
      }
      SetBit(bits.data(), g);
      if (avg) {
        out->mutable_data<double>()[g] = static_cast<double>(s.sum) / static_cast<double>(s.cnt);
      } else {
        out->mutable_data<Acc>()[g] = s.sum;
      }
    }
    if (any_null) out->SetValidity(std::move(bits));
    return out;
  }
  ColumnPtr FinishCount() {
    auto out = Column::Make(TypeId::kInt64);
    out->ResizeFixed(groups_);
    int64_t* o = out->mutable_data<int64_t>();
    for (int64_t g = 0; g < groups_; ++g) o[g] = st_[static_cast<size_t>(g)].cnt;
    return out;
  }
  std::string name_;

 private:
  struct State {
    Acc sum{0};
    int64_t cnt = 0;
  };
  static void Add(Acc& s, Acc x, bool* overflow) {
    if constexpr (std::is_same_v<Acc, int64_t>) {
      if (__builtin_add_overflow(s, x, &s)) *overflow = true;
    } else {
      s += x;
    }
  }
  const Column& col_;
  bool avg_;
  std::vector<State> st_;
  std::atomic<bool> overflow_{false};
};

// sum, avg or count(col) read from a SumAcc computed for another spec on the same column, so
// "sum(v), count(v), avg(v)" scans the rows and touches the per-group state once, not three times.
template <typename In, typename Acc>
class SharedAcc : public Accumulator {
 public:
  enum class As { kSum, kAvg, kCount };
  SharedAcc(SumAcc<In, Acc>* src, As as) : src_(src), as_(as) {}
  void Init(int64_t, int64_t) override {}
  ColumnPtr Finish(const Gid*, int64_t) override {
    return as_ == As::kCount ? src_->FinishCount() : src_->FinishAs(as_ == As::kAvg);
  }

 private:
  SumAcc<In, Acc>* src_;
  As as_;
};

// Sample variance / standard deviation: Welford per chunk, Chan et al. to merge chunks.
template <typename In>
class VarAcc : public Accumulator {
 public:
  VarAcc(const Column& col, bool stddev) : col_(col), stddev_(stddev) {}
  void Init(int64_t chunks, int64_t groups) override {
    Accumulator::Init(chunks, groups);
    n_.assign(static_cast<size_t>(chunks * groups), 0);
    mean_.assign(static_cast<size_t>(chunks * groups), 0.0);
    m2_.assign(static_cast<size_t>(chunks * groups), 0.0);
  }
  void Update(int64_t chunk, const Gid* gid, int64_t begin, int64_t end) override {
    int64_t* n = n_.data() + At(chunk, 0);
    double* mean = mean_.data() + At(chunk, 0);
    double* m2 = m2_.data() + At(chunk, 0);
    const In* v = col_.data<In>();
    const uint8_t* valid = col_.validity();
    for (int64_t i = begin; i < end; ++i) {
      const Gid g = gid[i];
      if (g < 0 || !Valid(valid, i)) continue;
      const double x = static_cast<double>(v[i]);
      const double delta = x - mean[g];
      mean[g] += delta / static_cast<double>(++n[g]);
      m2[g] += delta * (x - mean[g]);
    }
  }
  void Merge(int64_t gb, int64_t ge) override {
    for (int64_t c = 1; c < chunks_; ++c) {
      for (int64_t g = gb; g < ge; ++g) {
        const size_t a = At(0, g), b = At(c, g);
        if (n_[b] == 0) continue;
        const double na = static_cast<double>(n_[a]), nb = static_cast<double>(n_[b]);
        const double n = na + nb;
        const double delta = mean_[b] - mean_[a];
        mean_[a] += delta * nb / n;
        m2_[a] += m2_[b] + delta * delta * na * nb / n;
        n_[a] += n_[b];
      }
    }
  }
  ColumnPtr Finish(const Gid*, int64_t) override {
    auto out = Column::Make(TypeId::kFloat64);
    out->ResizeFixed(groups_);
    std::vector<uint8_t> bits(BitmapBytes(groups_), 0);
    bool any_null = false;
    for (int64_t g = 0; g < groups_; ++g) {
      const int64_t n = n_[static_cast<size_t>(g)];
      if (n < 2) {
        any_null = true;
        continue;
      }
      SetBit(bits.data(), g);
      const double var = std::max(0.0, m2_[static_cast<size_t>(g)]) / static_cast<double>(n - 1);
      out->mutable_data<double>()[g] = stddev_ ? std::sqrt(var) : var;
    }
    if (any_null) out->SetValidity(std::move(bits));
    return out;
  }

 private:
  const Column& col_;
  bool stddev_;
  std::vector<int64_t> n_;
  std::vector<double> mean_, m2_;
};

// min, max, first, last: the chosen row per group, gathered with Take at the end (so strings
// and every other type work alike).
template <typename KeyFn>
class PickAcc : public Accumulator {
 public:
  PickAcc(const Column& col, AggKind kind, KeyFn key) : col_(col), kind_(kind), key_(key) {}
  void Init(int64_t chunks, int64_t groups) override {
    Accumulator::Init(chunks, groups);
    best_.assign(static_cast<size_t>(chunks * groups), -1);
  }
  void Update(int64_t chunk, const Gid* gid, int64_t begin, int64_t end) override {
    int64_t* best = best_.data() + At(chunk, 0);
    const uint8_t* valid = col_.validity();
    for (int64_t i = begin; i < end; ++i) {
      const Gid g = gid[i];
      if (g < 0 || !Valid(valid, i)) continue;
      if (best[g] < 0 || Replaces(i, best[g])) best[g] = i;
    }
  }
  void Merge(int64_t gb, int64_t ge) override {
    for (int64_t c = 1; c < chunks_; ++c) {
      for (int64_t g = gb; g < ge; ++g) {
        const int64_t b = best_[At(c, g)];
        int64_t& cur = best_[At(0, g)];
        if (b >= 0 && (cur < 0 || Replaces(b, cur))) cur = b;
      }
    }
  }
  ColumnPtr Finish(const Gid*, int64_t) override { return col_.Take(best_.data(), groups_); }

 private:
  // Whether a later row `row` replaces the current choice `cur`. Ties keep the earlier row.
  bool Replaces(int64_t row, int64_t cur) const {
    switch (kind_) {
      case AggKind::kFirst:
        return false;
      case AggKind::kLast:
        return true;
      case AggKind::kMin:
        return key_(row) < key_(cur);
      default:
        return key_(cur) < key_(row);
    }
  }
  const Column& col_;
  AggKind kind_;
  KeyFn key_;
  std::vector<int64_t> best_;
};

// Non-NULL rows of each group, grouped by group (CSR), ascending within a group.
struct GroupRows {
  std::vector<int64_t> offsets;
  std::vector<int64_t> rows;
};

GroupRows CollectGroupRows(const Column& col, const Gid* gid, int64_t n, int64_t groups) {
  GroupRows gr;
  gr.offsets.assign(static_cast<size_t>(groups) + 1, 0);
  const uint8_t* valid = col.validity();
  for (int64_t i = 0; i < n; ++i) {
    if (gid[i] >= 0 && Valid(valid, i)) ++gr.offsets[static_cast<size_t>(gid[i]) + 1];
  }
  for (int64_t g = 0; g < groups; ++g)
    gr.offsets[static_cast<size_t>(g + 1)] += gr.offsets[static_cast<size_t>(g)];
  gr.rows.resize(static_cast<size_t>(gr.offsets.back()));
  std::vector<int64_t> fill(gr.offsets.begin(), gr.offsets.end() - 1);
  for (int64_t i = 0; i < n; ++i) {
    if (gid[i] >= 0 && Valid(valid, i))
      gr.rows[static_cast<size_t>(fill[static_cast<size_t>(gid[i])]++)] = i;
  }
  return gr;
}

// Runs fn(g) for every group, in parallel over group ranges.
void ForEachGroup(int64_t groups, const std::function<void(int64_t)>& fn) {
  const int64_t ranges = std::min<int64_t>(groups, 64);
  ParallelTasks(ranges, [&](int64_t r) {
    for (int64_t g = groups * r / ranges; g < groups * (r + 1) / ranges; ++g) fn(g);
  });
}

class QuantileAcc : public Accumulator {
 public:
  QuantileAcc(const Column& col, double q) : col_(col), q_(q) {}
  ColumnPtr Finish(const Gid* gid, int64_t n) override {
    const GroupRows gr = CollectGroupRows(col_, gid, n, groups_);
    auto out = Column::Make(TypeId::kFloat64);
    out->ResizeFixed(groups_);
    std::vector<uint8_t> valid(static_cast<size_t>(groups_), 0);
    double* o = out->mutable_data<double>();
    ForEachGroup(groups_, [&](int64_t g) {
      const int64_t b = gr.offsets[static_cast<size_t>(g)],
                    e = gr.offsets[static_cast<size_t>(g + 1)];
      if (b == e) return;
      std::vector<double> v;
      v.reserve(static_cast<size_t>(e - b));
      for (int64_t k = b; k < e; ++k) {
        const int64_t r = gr.rows[static_cast<size_t>(k)];
        v.push_back(col_.type() == TypeId::kInt64 ? static_cast<double>(col_.data<int64_t>()[r])
                                                  : col_.data<double>()[r]);
      }
      std::sort(v.begin(), v.end(),
                [](double a, double b) { return OrderedBits(a) < OrderedBits(b); });
      const double pos = q_ * static_cast<double>(v.size() - 1);
      const auto lo = static_cast<size_t>(std::floor(pos));
      const size_t hi = std::min(lo + 1, v.size() - 1);
      const double frac = pos - static_cast<double>(lo);
      o[g] = frac == 0.0 ? v[lo] : v[lo] + (v[hi] - v[lo]) * frac;
      valid[static_cast<size_t>(g)] = 1;
    });
    out->SetValidityFromFlags(valid);
    return out;
  }

 private:
  const Column& col_;
  double q_;
};

class DistinctAcc : public Accumulator {
 public:
  explicit DistinctAcc(const Column& col) : col_(col) {}
  ColumnPtr Finish(const Gid* gid, int64_t n) override {
    const GroupRows gr = CollectGroupRows(col_, gid, n, groups_);
    auto out = Column::Make(TypeId::kInt64);
    out->ResizeFixed(groups_);
    int64_t* o = out->mutable_data<int64_t>();
    const bool is_string = col_.type() == TypeId::kString;
    ForEachGroup(groups_, [&](int64_t g) {
      const int64_t b = gr.offsets[static_cast<size_t>(g)],
                    e = gr.offsets[static_cast<size_t>(g + 1)];
      if (is_string) {
        std::vector<std::string_view> v;
        for (int64_t k = b; k < e; ++k)
          v.push_back(col_.GetString(gr.rows[static_cast<size_t>(k)]));
        std::sort(v.begin(), v.end());
        o[g] = std::unique(v.begin(), v.end()) - v.begin();
      } else {
        std::vector<uint64_t> v;
        for (int64_t k = b; k < e; ++k)
          v.push_back(OrderedKeyAt(col_, gr.rows[static_cast<size_t>(k)]));
        std::sort(v.begin(), v.end());
        o[g] = std::unique(v.begin(), v.end()) - v.begin();
      }
    });
    return out;
  }

 private:
  const Column& col_;
};

template <typename KeyFn>
std::unique_ptr<Accumulator> MakePick(const Column& col, AggKind kind, KeyFn key) {
  return std::make_unique<PickAcc<KeyFn>>(col, kind, key);
}

std::unique_ptr<Accumulator> MakePickFor(const Column& col, AggKind kind) {
  switch (col.type()) {
    case TypeId::kString:
      return MakePick(col, kind, [&col](int64_t i) { return col.GetString(i); });
    case TypeId::kFloat64: {
      const double* v = col.data<double>();
      return MakePick(col, kind, [v](int64_t i) { return OrderedBits(v[i]); });
    }
    case TypeId::kInt64:
    case TypeId::kTimestamp: {
      const int64_t* v = col.data<int64_t>();
      return MakePick(col, kind, [v](int64_t i) { return v[i]; });
    }
    case TypeId::kDate: {
      const int32_t* v = col.data<int32_t>();
      return MakePick(col, kind, [v](int64_t i) { return v[i]; });
    }
    case TypeId::kBool: {
      const uint8_t* v = col.data<uint8_t>();
      return MakePick(col, kind, [v](int64_t i) { return v[i]; });
    }
    case TypeId::kNull:
      break;
  }
  return MakePick(col, kind, [](int64_t) { return 0; });
}

std::unique_ptr<Accumulator> MakeAccumulator(const AggSpec& spec, const Column* col) {
  const bool is_int = col != nullptr && col->type() == TypeId::kInt64;
  switch (spec.kind) {
    case AggKind::kCountStar:
      return std::make_unique<CountAcc>(nullptr);
    case AggKind::kCount:
      return std::make_unique<CountAcc>(col);
    case AggKind::kCountDistinct:
      return std::make_unique<DistinctAcc>(*col);
    case AggKind::kSum:
    case AggKind::kAvg: {
      const bool avg = spec.kind == AggKind::kAvg;
      if (is_int && !avg) {
        auto acc = std::make_unique<SumAcc<int64_t, int64_t>>(*col, false);
        acc->name_ = spec.column;
        return acc;
      }
      if (is_int) return std::make_unique<SumAcc<int64_t, double>>(*col, true);
      return std::make_unique<SumAcc<double, double>>(*col, avg);
    }
    case AggKind::kVar:
    case AggKind::kStddev: {
      const bool sd = spec.kind == AggKind::kStddev;
      if (is_int) return std::make_unique<VarAcc<int64_t>>(*col, sd);
      return std::make_unique<VarAcc<double>>(*col, sd);
    }
    case AggKind::kMedian:
      return std::make_unique<QuantileAcc>(*col, 0.5);
    case AggKind::kQuantile:
      return std::make_unique<QuantileAcc>(*col, spec.quantile);
    case AggKind::kMin:
    case AggKind::kMax:
    case AggKind::kFirst:
    case AggKind::kLast:
      return MakePickFor(*col, spec.kind);
  }
  return nullptr;
}

// Replaces sum/avg/count(col) accumulators that can read another one's sum-and-count state by
// views of it. Float64 columns share one SumAcc<double, double> for all three; int64 columns
// share between equal accumulator types only (an exact int64 sum and a float avg differ).
template <typename In, typename Acc>
void ShareSumStatesOf(const std::vector<AggSpec>& specs, const Table& input,
                      std::vector<std::unique_ptr<Accumulator>>& accs) {
  using Shared = SharedAcc<In, Acc>;
  std::vector<std::pair<const Column*, SumAcc<In, Acc>*>> owners;
  for (size_t i = 0; i < accs.size(); ++i) {
    auto* s = dynamic_cast<SumAcc<In, Acc>*>(accs[i].get());
    if (s == nullptr) continue;
    const Column* col = input.column(specs[i].column).get();
    auto owner =
        std::find_if(owners.begin(), owners.end(), [col](const auto& o) { return o.first == col; });
    if (owner == owners.end()) {
      owners.emplace_back(col, s);
    } else {
      const bool avg = specs[i].kind == AggKind::kAvg;
      accs[i] = std::make_unique<Shared>(owner->second, avg ? Shared::As::kAvg : Shared::As::kSum);
    }
  }
  for (size_t i = 0; i < accs.size(); ++i) {
    if (specs[i].kind != AggKind::kCount || specs[i].column.empty()) continue;
    const Column* col = input.column(specs[i].column).get();
    for (auto& [c, owner] : owners) {
      if (c == col) {
        accs[i] = std::make_unique<Shared>(owner, Shared::As::kCount);
        break;
      }
    }
  }
}

void ShareSumStates(const std::vector<AggSpec>& specs, const Table& input,
                    std::vector<std::unique_ptr<Accumulator>>& accs) {
  ShareSumStatesOf<double, double>(specs, input, accs);
  ShareSumStatesOf<int64_t, int64_t>(specs, input, accs);
  ShareSumStatesOf<int64_t, double>(specs, input, accs);
}

}  // namespace

const char* AggKindName(AggKind kind) {
  switch (kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      return "count";
    case AggKind::kCountDistinct:
      return "count_distinct";
    case AggKind::kSum:
      return "sum";
    case AggKind::kAvg:
      return "avg";
    case AggKind::kMin:
      return "min";
    case AggKind::kMax:
      return "max";
    case AggKind::kStddev:
      return "stddev";
    case AggKind::kVar:
      return "var";
    case AggKind::kMedian:
      return "median";
    case AggKind::kQuantile:
      return "quantile";
    case AggKind::kFirst:
      return "first";
    case AggKind::kLast:
      return "last";
  }
  return "?";
}

std::optional<AggKind> ParseAggKind(std::string_view name) {
  std::string s(name);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, AggKind> kNames[] = {
      {"count", AggKind::kCount},
      {"count_distinct", AggKind::kCountDistinct},
      {"nunique", AggKind::kCountDistinct},
      {"sum", AggKind::kSum},
      {"avg", AggKind::kAvg},
      {"mean", AggKind::kAvg},
      {"min", AggKind::kMin},
      {"max", AggKind::kMax},
      {"stddev", AggKind::kStddev},
      {"std", AggKind::kStddev},
      {"var", AggKind::kVar},
      {"variance", AggKind::kVar},
      {"median", AggKind::kMedian},
      {"quantile", AggKind::kQuantile},
      {"first", AggKind::kFirst},
      {"last", AggKind::kLast},
  };
  for (const auto& [n, k] : kNames) {
    if (s == n) return k;
  }
  return std::nullopt;
}

std::string AggOutputName(const AggSpec& spec) {
  if (!spec.output.empty()) return spec.output;
  if (spec.kind == AggKind::kCountStar || spec.column.empty()) return AggKindName(spec.kind);
  return std::string(AggKindName(spec.kind)) + "_" + spec.column;
}

TypeId AggOutputType(const AggSpec& spec, TypeId input) {
  switch (spec.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
    case AggKind::kCountDistinct:
      return TypeId::kInt64;
    case AggKind::kMin:
    case AggKind::kMax:
    case AggKind::kFirst:
    case AggKind::kLast:
      return input;
    default:
      break;
  }
  if (!IsNumeric(input)) {
    throw Error(ErrorKind::kSpec,
                std::string(AggKindName(spec.kind)) + " needs an int64 or float64 column; '" +
                    spec.column + "' is " + TypeName(input),
                SourceContext{.column_name = spec.column});
  }
  if (spec.kind == AggKind::kQuantile && !(spec.quantile >= 0.0 && spec.quantile <= 1.0)) {
    throw Error(ErrorKind::kSpec,
                "quantile must be between 0 and 1, got " + std::to_string(spec.quantile),
                SourceContext{.column_name = spec.column});
  }
  if (spec.kind == AggKind::kSum) return input;
  return TypeId::kFloat64;
}

std::vector<ColumnPtr> ComputeAggregates(const Table& input, const std::vector<AggSpec>& specs,
                                         const int32_t* group_of_row, int64_t num_groups) {
  const int64_t n = input.num_rows();
  std::vector<std::unique_ptr<Accumulator>> accs;
  for (const AggSpec& spec : specs) {
    const Column* col = nullptr;
    if (spec.kind != AggKind::kCountStar &&
        !(spec.kind == AggKind::kCount && spec.column.empty())) {
      if (spec.column.empty()) {
        throw Error(ErrorKind::kSpec,
                    std::string(AggKindName(spec.kind)) + " needs a column to aggregate");
      }
      col = input.column(spec.column).get();
    }
    AggOutputType(spec, col != nullptr ? col->type() : TypeId::kInt64);  // validates
    accs.push_back(MakeAccumulator(spec, col));
  }
  ShareSumStates(specs, input, accs);
  // Partial states cost chunks * groups entries; about 2M entries per state keeps memory sane
  // and still gives every thread work when groups are few. More than kMaxChunks chunks would
  // only add states to zero and merge: 32 keep 2-16 threads busy.
  constexpr int64_t kMaxChunks = 32;
  const int64_t g1 = std::max<int64_t>(1, num_groups);
  const int64_t chunks =
      std::max<int64_t>(1, std::min({NumMorsels(n), (int64_t{1} << 21) / g1, kMaxChunks}));
  for (auto& a : accs) a->Init(chunks, num_groups);
  ParallelTasks(chunks, [&](int64_t c) {
    for (auto& a : accs) a->Update(c, group_of_row, n * c / chunks, n * (c + 1) / chunks);
  });
  if (chunks > 1 && num_groups > 0) {
    const int64_t ranges = std::min<int64_t>(num_groups, 64);
    ParallelTasks(ranges, [&](int64_t r) {
      for (auto& a : accs) a->Merge(num_groups * r / ranges, num_groups * (r + 1) / ranges);
    });
  }
  std::vector<ColumnPtr> out;
  for (auto& a : accs) out.push_back(a->Finish(group_of_row, n));
  return out;
}

}  // namespace xf
