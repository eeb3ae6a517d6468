#include "expr/in_set.h"

namespace xf {

InSet::InSet(TypeId type, const std::vector<Value>& values) : type_(type) {
  storage_.reserve(values.size());
  for (const Value& v : values) {
    if (v.is_null()) {
      has_null_ = true;
    } else if (type == TypeId::kFloat64) {
      doubles_.insert(v.float_value());
    } else if (type == TypeId::kString) {
      storage_.push_back(v.string_value());
    } else {
      ints_.insert(v.int_value());
    }
  }
  for (const auto& s : storage_) strings_.insert(s);
}

ColumnPtr InSet::Evaluate(const Vec& x, int64_t n, bool negated) const {
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  uint8_t* o = out.data();
  for (int64_t i = 0; i < n; ++i) {
    if (!x.Valid(i)) {
      out.Null(i);
      continue;
    }
    bool found = false;
    switch (type_) {
      case TypeId::kFloat64:
        found = doubles_.count(x.Get<double>(i)) > 0;
        break;
      case TypeId::kString:
        found = strings_.count(x.Str(i)) > 0;
        break;
      case TypeId::kBool:
        found = ints_.count(x.Get<uint8_t>(i)) > 0;
        break;
      case TypeId::kDate:
        found = ints_.count(x.Get<int32_t>(i)) > 0;
        break;
      case TypeId::kInt64:
      case TypeId::kTimestamp:
        found = ints_.count(x.Get<int64_t>(i)) > 0;
        break;
      case TypeId::kNull:
        break;
    }
    if (!found && has_null_) {
      out.Null(i);
      continue;
    }
    o[i] = found != negated;
  }
  return out.Finish();
}

}  // namespace xf
