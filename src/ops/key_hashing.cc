#include "ops/key_hashing.h"

#include "core/error.h"

namespace xf {

namespace {

inline uint64_t FixedBits(const Column& c, int64_t i) {
  switch (c.type()) {
    case TypeId::kBool: return c.data<uint8_t>()[i];
    case TypeId::kDate: return static_cast<uint64_t>(static_cast<int64_t>(c.data<int32_t>()[i]));
    case TypeId::kFloat64: return NormalizedDoubleBits(c.data<double>()[i]);
    default: return static_cast<uint64_t>(c.data<int64_t>()[i]);
  }
}

inline uint64_t ValueHash(const Column& c, int64_t i) {
  if (c.IsNull(i)) return kNullHash;
  if (c.type() == TypeId::kString) return HashBytes(c.GetString(i));
  return HashInt64(FixedBits(c, i));
}

// Hash of one column over [begin, end), specialised per type so the loop has no type switch.
template <typename Get>
void HashLoop(const Column& c, int64_t begin, int64_t end, bool combine, uint64_t* out, Get get) {
  const uint8_t* valid = c.validity();
  for (int64_t i = begin; i < end; ++i) {
    const uint64_t h = (valid == nullptr || GetBit(valid, i)) ? get(i) : kNullHash;
    uint64_t& o = out[i - begin];
    o = combine ? HashCombine(o, h) : h;
  }
}

void HashColumn(const Column& c, int64_t begin, int64_t end, bool combine, uint64_t* out) {
  switch (c.type()) {
    case TypeId::kInt64:
    case TypeId::kTimestamp: {
      const int64_t* v = c.data<int64_t>();
      return HashLoop(c, begin, end, combine, out,
                      [v](int64_t i) { return HashInt64(static_cast<uint64_t>(v[i])); });
    }
    case TypeId::kFloat64: {
      const double* v = c.data<double>();
      return HashLoop(c, begin, end, combine, out,
                      [v](int64_t i) { return HashInt64(NormalizedDoubleBits(v[i])); });
    }
    case TypeId::kDate: {
      const int32_t* v = c.data<int32_t>();
      return HashLoop(c, begin, end, combine, out, [v](int64_t i) {
        return HashInt64(static_cast<uint64_t>(static_cast<int64_t>(v[i])));
      });
    }
    case TypeId::kBool: {
      const uint8_t* v = c.data<uint8_t>();
      return HashLoop(c, begin, end, combine, out, [v](int64_t i) { return HashInt64(v[i]); });
    }
    case TypeId::kString:
      return HashLoop(c, begin, end, combine, out, [&c](int64_t i) { return HashBytes(c.GetString(i)); });
    case TypeId::kNull:
      return HashLoop(c, begin, end, combine, out, [](int64_t) { return kNullHash; });
  }
}

}  // namespace

KeyColumns::KeyColumns(std::vector<const Column*> columns) : columns_(std::move(columns)) {
  num_rows_ = columns_.empty() ? 0 : columns_[0]->size();
  for (const Column* c : columns_) XF_CHECK(c->size() == num_rows_);
}

KeyColumns KeyColumns::FromTable(const Table& table, const std::vector<std::string>& names) {
  std::vector<const Column*> cols;
  for (const auto& n : names) cols.push_back(table.column(n).get());
  KeyColumns k(std::move(cols));
  k.num_rows_ = table.num_rows();
  return k;
}

bool KeyColumns::IsSingleInt64() const {
  return columns_.size() == 1 &&
         (columns_[0]->type() == TypeId::kInt64 || columns_[0]->type() == TypeId::kTimestamp);
}

void KeyColumns::Hash(int64_t begin, int64_t end, uint64_t* out) const {
  for (size_t k = 0; k < columns_.size(); ++k) HashColumn(*columns_[k], begin, end, k > 0, out);
  if (columns_.empty()) {
    for (int64_t i = begin; i < end; ++i) out[i - begin] = 0;
  }
}

uint64_t KeyColumns::HashRow(int64_t row) const {
  uint64_t h = 0;
  for (size_t k = 0; k < columns_.size(); ++k) {
    const uint64_t v = ValueHash(*columns_[k], row);
    h = k == 0 ? v : HashCombine(h, v);
  }
  return h;
}

bool KeyColumns::AnyNull(int64_t row) const {
  for (const Column* c : columns_) {
    if (c->IsNull(row)) return true;
  }
  return false;
}

bool KeyColumns::HasNulls() const {
  for (const Column* c : columns_) {
    if (c->HasNulls()) return true;
  }
  return false;
}

bool KeyColumns::Equal(int64_t a, const KeyColumns& other, int64_t b) const {
  for (size_t k = 0; k < columns_.size(); ++k) {
    const Column& x = *columns_[k];
    const Column& y = *other.columns_[k];
    const bool xn = x.IsNull(a);
    const bool yn = y.IsNull(b);
    if (xn || yn) {
      if (xn != yn) return false;
      continue;
    }
    if (x.type() == TypeId::kString) {
      if (x.GetString(a) != y.GetString(b)) return false;
    } else if (FixedBits(x, a) != FixedBits(y, b)) {
      return false;
    }
  }
  return true;
}

void CheckKeysCompatible(const KeyColumns& left, const std::vector<std::string>& left_names,
                         const KeyColumns& right, const std::vector<std::string>& right_names,
                         const char* what) {
  if (left.size() != right.size()) {
    throw Error(ErrorKind::kSpec, std::string(what) + ": " + std::to_string(left.size()) +
                                      " left key column(s) but " + std::to_string(right.size()) +
                                      " right key column(s)");
  }
  for (int k = 0; k < left.size(); ++k) {
    if (left.column(k).type() != right.column(k).type()) {
      const std::string& ln = left_names[static_cast<size_t>(k)];
      throw Error(ErrorKind::kSpec,
                  std::string(what) + ": key '" + ln + "' is " + TypeName(left.column(k).type()) +
                      " on the left but '" + right_names[static_cast<size_t>(k)] + "' is " +
                      TypeName(right.column(k).type()) + " on the right; cast one side first",
                  SourceContext{.column_name = ln});
    }
  }
}

}  // namespace xf
