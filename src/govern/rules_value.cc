// Rules that judge one value at a time: not_null, range, regex, in_set (code lists), domain.
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/strings.h"
#include "govern/domain_types.h"
#include "govern/rule_eval.h"

namespace xf::govern {
namespace {

class NotNull : public RuleEvaluator {
 public:
  NotNull(const RuleSpec& r, const Table& t) : col_(RuleColumn(r, t, r.columns[0])), name_(r.columns[0]) {}
  RuleHits Evaluate(const Table& t) const override {
    const Column& c = col_;
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      if (c.HasNulls()) {
        for (int64_t i = b; i < e; ++i) {
          if (c.IsNull(i)) out->push_back(i);
        }
      }
      return e - b;
    });
  }
  std::string Reason(const Table&, int64_t, int64_t) const override {
    return fmt::format("{} is missing", name_);
  }

 private:
  const Column& col_;
  std::string name_;
};

class Range : public RuleEvaluator {
 public:
  Range(const RuleSpec& r, const Table& t) : rule_(r), col_(RuleColumn(r, t, r.columns[0])) {
    if (!IsNumeric(col_.type())) {
      r.node.Fail(fmt::format("a range rule needs a numeric column; '{}' is {}", r.columns[0],
                              TypeName(col_.type())));
    }
    lo_ = r.min.value_or(-INFINITY);
    hi_ = r.max.value_or(INFINITY);
  }
  bool Ok(double v) const {
    bool lo = rule_.min_inclusive ? v >= lo_ : v > lo_;
    bool hi = rule_.max_inclusive ? v <= hi_ : v < hi_;
    return lo && hi;  // NaN fails both
  }
  RuleHits Evaluate(const Table& t) const override {
    const Column& c = col_;
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      int64_t evaluated = 0;
      const bool nulls = c.HasNulls();
      if (c.type() == TypeId::kFloat64) {
        const double* v = c.data<double>();
        for (int64_t i = b; i < e; ++i) {
          if (nulls && c.IsNull(i)) continue;
          ++evaluated;
          if (!Ok(v[i])) out->push_back(i);
        }
      } else {
        const int64_t* v = c.data<int64_t>();
        for (int64_t i = b; i < e; ++i) {
          if (nulls && c.IsNull(i)) continue;
          ++evaluated;
          if (!Ok(static_cast<double>(v[i]))) out->push_back(i);
        }
      }
      return evaluated;
    });
  }
  std::string Reason(const Table&, int64_t row, int64_t) const override {
    double v = col_.type() == TypeId::kFloat64 ? col_.data<double>()[row]
                                               : static_cast<double>(col_.data<int64_t>()[row]);
    std::string cell = fmt::format("{}={}", rule_.columns[0], CellText(col_, row));
    if (std::isnan(v)) return cell + " is not a number";
    if (rule_.min && !(rule_.min_inclusive ? v >= lo_ : v > lo_)) {
      return fmt::format("{} below {}min {}", cell, rule_.min_inclusive ? "" : "exclusive ",
                         NumberText(lo_));
    }
    return fmt::format("{} above {}max {}", cell, rule_.max_inclusive ? "" : "exclusive ",
                       NumberText(hi_));
  }

 private:
  const RuleSpec& rule_;
  const Column& col_;
  double lo_, hi_;
};

// Text of a value for regex and domain checks: strings as they are, integers in decimal (IDs
// and phone numbers are often read as int64).
class TextView {
 public:
  TextView(const RuleSpec& r, const Column& c) : c_(c) {
    if (c.type() != TypeId::kString && c.type() != TypeId::kInt64) {
      r.node.Fail(fmt::format("a {} rule needs a string or integer column; '{}' is {}",
                              RuleKindName(r.kind), r.columns[0], TypeName(c.type())));
    }
  }
  std::string_view Get(int64_t i, std::string* buf) const {
    if (c_.type() == TypeId::kString) return c_.GetString(i);
    *buf = std::to_string(c_.data<int64_t>()[i]);
    return *buf;
  }

 private:
  const Column& c_;
};

class Regex : public RuleEvaluator {
 public:
  Regex(const RuleSpec& r, const Table& t)
      : rule_(r), col_(RuleColumn(r, t, r.columns[0])), text_(r, col_), re_(r.pattern, RE2::Quiet) {}
  RuleHits Evaluate(const Table& t) const override {
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      int64_t evaluated = 0;
      std::string buf;
      for (int64_t i = b; i < e; ++i) {
        if (col_.IsNull(i)) continue;
        ++evaluated;
        if (!RE2::FullMatch(text_.Get(i, &buf), re_)) out->push_back(i);
      }
      return evaluated;
    });
  }
  std::string Reason(const Table&, int64_t row, int64_t) const override {
    return fmt::format("{}={} does not match {}", rule_.columns[0], CellText(col_, row),
                       rule_.pattern);
  }

 private:
  const RuleSpec& rule_;
  const Column& col_;
  TextView text_;
  RE2 re_;
};

class InSet : public RuleEvaluator {
 public:
  InSet(const RuleSpec& r, const Table& t) : rule_(r), col_(RuleColumn(r, t, r.columns[0])) {
    for (const std::string& v : r.values) {
      strings_.insert(v);
      double d = 0;
      if (ParseDouble(v, &d)) numbers_.insert(d);
    }
    if (col_.type() != TypeId::kString && !IsNumeric(col_.type())) {
      r.node.Fail(fmt::format("an in_set rule needs a string or numeric column; '{}' is {}",
                              r.columns[0], TypeName(col_.type())));
    }
  }
  bool Ok(int64_t i) const {
    switch (col_.type()) {
      case TypeId::kString: return strings_.count(col_.GetString(i)) > 0;
      case TypeId::kInt64: return numbers_.count(static_cast<double>(col_.data<int64_t>()[i])) > 0;
      default: return numbers_.count(col_.data<double>()[i]) > 0;
    }
  }
  RuleHits Evaluate(const Table& t) const override {
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      int64_t evaluated = 0;
      for (int64_t i = b; i < e; ++i) {
        if (col_.IsNull(i)) continue;
        ++evaluated;
        if (!Ok(i)) out->push_back(i);
      }
      return evaluated;
    });
  }
  std::string Reason(const Table&, int64_t row, int64_t) const override {
    return fmt::format("{}={} not in the code list ({} codes)", rule_.columns[0],
                       CellText(col_, row), rule_.values.size());
  }

 private:
  static bool ParseDouble(const std::string& s, double* out) {
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size();
  }
  const RuleSpec& rule_;
  const Column& col_;
  std::unordered_set<std::string_view> strings_;  // views of rule_.values
  std::unordered_set<double> numbers_;
};

class Domain : public RuleEvaluator {
 public:
  Domain(const RuleSpec& r, const Table& t)
      : rule_(r), col_(RuleColumn(r, t, r.columns[0])), text_(r, col_) {
    type_ = FindDomainType(r.domain);
    if (type_ == nullptr) {
      std::vector<std::string> names;
      for (const DomainType& d : DomainTypes()) names.push_back(d.name);
      std::string hint = ClosestName(r.domain, names);
      r.node.Fail(hint.empty()
                      ? fmt::format("'{}' is neither a column type nor a domain type", r.domain)
                      : fmt::format("'{}' is neither a column type nor a domain type; did you mean '{}'?",
                                    r.domain, hint));
    }
  }
  RuleHits Evaluate(const Table& t) const override {
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      int64_t evaluated = 0;
      std::string buf;
      for (int64_t i = b; i < e; ++i) {
        if (col_.IsNull(i)) continue;
        ++evaluated;
        if (!type_->valid(text_.Get(i, &buf))) out->push_back(i);
      }
      return evaluated;
    });
  }
  std::string Reason(const Table&, int64_t row, int64_t) const override {
    std::string buf;
    std::string why = type_->explain(text_.Get(row, &buf));
    return fmt::format("{}={} is not a valid {}{}{}", rule_.columns[0], CellText(col_, row),
                       type_->name, why.empty() ? "" : ": ", why);
  }

 private:
  const RuleSpec& rule_;
  const Column& col_;
  TextView text_;
  const DomainType* type_ = nullptr;
};

}  // namespace

std::unique_ptr<RuleEvaluator> MakeValueEvaluator(const RuleSpec& rule, const Table& table) {
  switch (rule.kind) {
    case RuleKind::kNotNull: return std::make_unique<NotNull>(rule, table);
    case RuleKind::kRange: return std::make_unique<Range>(rule, table);
    case RuleKind::kRegex: return std::make_unique<Regex>(rule, table);
    case RuleKind::kInSet: return std::make_unique<InSet>(rule, table);
    default: return std::make_unique<Domain>(rule, table);
  }
}

}  // namespace xf::govern
