#include "core/column.h"

#include <algorithm>

#include "core/error.h"

namespace xf {

Column::Column(TypeId type) : type_(type) {
  if (type_ == TypeId::kString) offsets_.push_back(0);
}

ColumnPtr Column::MakeNulls(TypeId type, int64_t n) {
  auto c = Make(type);
  c->AppendNulls(n);
  return c;
}

ColumnPtr Column::MakeConstant(const Value& value, int64_t n) {
  auto c = Make(value.type());
  c->Reserve(n, value.type() == TypeId::kString && !value.is_null()
                    ? n * static_cast<int64_t>(value.string_value().size())
                    : 0);
  for (int64_t i = 0; i < n; ++i) c->AppendValue(value);
  return c;
}

ColumnPtr Column::FromValues(TypeId type, const std::vector<Value>& values) {
  auto c = Make(type);
  for (const auto& v : values) c->AppendValue(v);
  return c;
}

Value Column::GetValue(int64_t i) const {
  if (IsNull(i)) return Value::Null(type_);
  switch (type_) {
    case TypeId::kBool:
      return Value::Bool(data<uint8_t>()[i] != 0);
    case TypeId::kInt64:
      return Value::Int64(data<int64_t>()[i]);
    case TypeId::kFloat64:
      return Value::Float64(data<double>()[i]);
    case TypeId::kString:
      return Value::String(std::string(GetString(i)));
    case TypeId::kDate:
      return Value::Date(data<int32_t>()[i]);
    case TypeId::kTimestamp:
      return Value::Timestamp(data<int64_t>()[i]);
    case TypeId::kNull:
      return Value();
  }
  return Value();
}

void Column::Reserve(int64_t n, int64_t string_bytes) {
  if (type_ == TypeId::kString) {
    offsets_.reserve(static_cast<size_t>(n + 1));
    chars_.reserve(static_cast<size_t>(string_bytes));
  } else {
    data_.reserve(static_cast<size_t>(n * FixedWidth(type_)));
  }
}

void Column::MaterializeValidity() {
  if (!validity_.empty()) return;
  validity_.assign(BitmapBytes(size_), 0xFF);
}

void Column::GrowValidity(int64_t new_size, bool valid) {
  validity_.resize(BitmapBytes(new_size), 0);
  SetBitTo(validity_.data(), new_size - 1, valid);
}

void Column::AppendNull() {
  MaterializeValidity();
  if (type_ == TypeId::kString) {
    offsets_.push_back(offsets_.back());
  } else {
    data_.resize(data_.size() + static_cast<size_t>(FixedWidth(type_)), 0);
  }
  ++size_;
  GrowValidity(size_, false);
  ++null_count_;
}

void Column::AppendNulls(int64_t n) {
  for (int64_t i = 0; i < n; ++i) AppendNull();
}

void Column::AppendString(std::string_view s) {
  XF_CHECK(type_ == TypeId::kString);
  chars_.append(s);
  offsets_.push_back(static_cast<int64_t>(chars_.size()));
  if (!validity_.empty()) GrowValidity(size_ + 1, true);
  ++size_;
}

void Column::AppendValue(const Value& v) {
  if (v.is_null()) return AppendNull();
  if (type_ == TypeId::kFloat64 && v.type() == TypeId::kInt64) {
    return AppendFloat64(static_cast<double>(v.int_value()));
  }
  if (v.type() != type_) {
    ThrowInternal(__FILE__, __LINE__,
                  std::string("appending a ") + TypeName(v.type()) + " value to a " +
                      TypeName(type_) + " column");
  }
  switch (type_) {
    case TypeId::kBool:
      return AppendBool(v.bool_value());
    case TypeId::kInt64:
      return AppendInt64(v.int_value());
    case TypeId::kFloat64:
      return AppendFloat64(v.float_value());
    case TypeId::kString:
      return AppendString(v.string_value());
    case TypeId::kDate:
      return AppendDate(static_cast<int32_t>(v.int_value()));
    case TypeId::kTimestamp:
      return AppendTimestamp(v.int_value());
    case TypeId::kNull:
      return AppendNull();
  }
}

void Column::AppendFrom(const Column& src, int64_t row) {
  XF_CHECK(src.type_ == type_);
  if (src.IsNull(row)) return AppendNull();
  if (type_ == TypeId::kString) return AppendString(src.GetString(row));
  const size_t w = static_cast<size_t>(FixedWidth(type_));
  const size_t at = data_.size();
  data_.resize(at + w);
  std::memcpy(data_.data() + at, src.data_.data() + static_cast<size_t>(row) * w, w);
  if (!validity_.empty()) GrowValidity(size_ + 1, true);
  ++size_;
}

void Column::AppendColumn(const Column& src) {
  XF_CHECK(src.type_ == type_);
  if (src.HasNulls() || !validity_.empty()) {
    for (int64_t i = 0; i < src.size_; ++i) AppendFrom(src, i);
    return;
  }
  if (type_ == TypeId::kString) {
    const int64_t base = static_cast<int64_t>(chars_.size());
    chars_.append(src.chars_);
    for (int64_t i = 1; i <= src.size_; ++i) offsets_.push_back(base + src.offsets_[i]);
  } else {
    data_.insert(data_.end(), src.data_.begin(), src.data_.end());
  }
  size_ += src.size_;
}

void Column::ResizeFixed(int64_t n) {
  XF_CHECK(type_ != TypeId::kString);
  data_.assign(static_cast<size_t>(n * FixedWidth(type_)), 0);
  validity_.clear();
  null_count_ = 0;
  size_ = n;
}

void Column::SetNull(int64_t i) {
  XF_CHECK(i >= 0 && i < size_);
  if (IsNull(i)) return;
  MaterializeValidity();
  ClearBit(validity_.data(), i);
  ++null_count_;
  if (type_ != TypeId::kString) {
    const size_t w = static_cast<size_t>(FixedWidth(type_));
    std::memset(data_.data() + static_cast<size_t>(i) * w, 0, w);
  }
}

void Column::SetValidity(std::vector<uint8_t> bits) {
  if (bits.empty()) {
    validity_.clear();
    null_count_ = 0;
    return;
  }
  XF_CHECK(bits.size() >= BitmapBytes(size_));
  bits.resize(BitmapBytes(size_));
  validity_ = std::move(bits);
  null_count_ = size_ - CountSetBits(validity_.data(), size_);
  if (type_ != TypeId::kString) {
    const size_t w = static_cast<size_t>(FixedWidth(type_));
    for (int64_t i = 0; i < size_; ++i) {
      if (!GetBit(validity_.data(), i))
        std::memset(data_.data() + static_cast<size_t>(i) * w, 0, w);
    }
  }
}

namespace {

// Copies values[indices[k]] into out[k] as T (a same-width stand-in for the column's type; NULL
// slots already hold zero). Returns whether any output slot is NULL.
template <typename T>
bool GatherFixed(const Column& c, const int64_t* indices, int64_t n, uint8_t* out_bytes) {
  const T* in = c.data<T>();
  T* out = reinterpret_cast<T*>(out_bytes);
  bool any_null = false;
  if (!c.HasNulls()) {
    for (int64_t k = 0; k < n; ++k) {
      const int64_t i = indices[k];
      any_null |= i < 0;
      out[k] = i < 0 ? T{} : in[i];
    }
  } else {
    for (int64_t k = 0; k < n; ++k) {
      const int64_t i = indices[k];
      const bool null = i < 0 || c.IsNull(i);
      any_null |= null;
      out[k] = null ? T{} : in[i];
    }
  }
  return any_null;
}

}  // namespace

void Column::SetValidityFromFlags(const std::vector<uint8_t>& flags) {
  XF_CHECK(static_cast<int64_t>(flags.size()) == size_);
  if (std::find(flags.begin(), flags.end(), 0) == flags.end()) return SetValidity({});
  std::vector<uint8_t> bits(BitmapBytes(size_), 0);
  for (int64_t i = 0; i < size_; ++i) {
    if (flags[static_cast<size_t>(i)]) SetBit(bits.data(), i);
  }
  SetValidity(std::move(bits));
}

ColumnPtr Column::Take(const int64_t* indices, int64_t n) const {
  auto out = Make(type_);
  if (type_ == TypeId::kNull) {  // no values to copy, and memcpy from an empty buffer is UB
    out->AppendNulls(n);
    return out;
  }
  if (type_ == TypeId::kString) {
    int64_t bytes = 0;
    for (int64_t k = 0; k < n; ++k) {
      if (indices[k] >= 0) bytes += offsets_[indices[k] + 1] - offsets_[indices[k]];
    }
    out->Reserve(n, bytes);
    for (int64_t k = 0; k < n; ++k) {
      if (indices[k] < 0) {
        out->AppendNull();
      } else {
        out->AppendFrom(*this, indices[k]);
      }
    }
    return out;
  }
  // Fixed width: gather values with a loop typed by width (a width-generic memcpy per value was
  // a third of sort time), then validity only when a NULL was seen.
  const size_t w = static_cast<size_t>(FixedWidth(type_));
  out->data_.resize(static_cast<size_t>(n) * w);
  out->size_ = n;
  bool any_null = false;
  switch (w) {
    case 1:
      any_null = GatherFixed<uint8_t>(*this, indices, n, out->data_.data());
      break;
    case 4:
      any_null = GatherFixed<int32_t>(*this, indices, n, out->data_.data());
      break;
    case 8:
      any_null = GatherFixed<int64_t>(*this, indices, n, out->data_.data());
      break;
    default:
      XF_CHECK(false);
  }
  if (any_null) {
    std::vector<uint8_t> bits(BitmapBytes(n), 0);
    for (int64_t k = 0; k < n; ++k) {
      if (indices[k] >= 0 && IsValid(indices[k])) SetBit(bits.data(), k);
    }
    out->SetValidity(std::move(bits));
  }
  return out;
}

ColumnPtr Column::Slice(int64_t offset, int64_t length) const {
  XF_CHECK(offset >= 0 && length >= 0 && offset + length <= size_);
  std::vector<int64_t> idx(static_cast<size_t>(length));
  for (int64_t k = 0; k < length; ++k) idx[static_cast<size_t>(k)] = offset + k;
  return Take(idx);
}

size_t Column::MemoryBytes() const {
  return validity_.capacity() + data_.capacity() + offsets_.capacity() * sizeof(int64_t) +
         chars_.capacity();
}

}  // namespace xf
