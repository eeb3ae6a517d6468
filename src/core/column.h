// A typed column of values with a validity bitmap: the unit of vectorised work in xfactor.
//
// Fixed-width types keep their values in one contiguous buffer (see core/types.h for the
// physical types); strings keep n+1 int64 offsets into one UTF-8 character buffer. NULL slots of
// fixed-width columns hold zero, so kernels may read them without branching.
//
// A column is mutable while it is being built; once placed in a Table it is shared and treated as
// immutable (operators make new columns).
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitmap.h"
#include "core/types.h"
#include "core/value.h"

namespace xf {

class Column;
using ColumnPtr = std::shared_ptr<Column>;

class Column {
 public:
  explicit Column(TypeId type);

  static ColumnPtr Make(TypeId type) { return std::make_shared<Column>(type); }
  static ColumnPtr MakeNulls(TypeId type, int64_t n);
  static ColumnPtr MakeConstant(const Value& value, int64_t n);
  // Every value must be NULL or of `type`; for tests and small literals.
  static ColumnPtr FromValues(TypeId type, const std::vector<Value>& values);

  TypeId type() const { return type_; }
  int64_t size() const { return size_; }
  int64_t null_count() const { return null_count_; }
  bool HasNulls() const { return null_count_ > 0; }
  bool IsValid(int64_t i) const { return validity_.empty() || GetBit(validity_.data(), i); }
  bool IsNull(int64_t i) const { return !IsValid(i); }
  // nullptr when every value is valid.
  const uint8_t* validity() const { return validity_.empty() ? nullptr : validity_.data(); }

  // Fixed-width values; T must match the physical type (uint8_t for bool, int32_t for date,
  // int64_t for int64/timestamp, double for float64).
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(data_.data());
  }
  template <typename T>
  T* mutable_data() {
    return reinterpret_cast<T*>(data_.data());
  }

  std::string_view GetString(int64_t i) const {
    return std::string_view(chars_.data() + offsets_[i],
                            static_cast<size_t>(offsets_[i + 1] - offsets_[i]));
  }
  const int64_t* string_offsets() const { return offsets_.data(); }
  const char* string_chars() const { return chars_.data(); }
  int64_t string_bytes() const { return static_cast<int64_t>(chars_.size()); }

  Value GetValue(int64_t i) const;

  // --- building ---
  void Reserve(int64_t n, int64_t string_bytes = 0);
  void AppendNull();
  void AppendNulls(int64_t n);
  void AppendBool(bool v) { AppendFixed<uint8_t>(v ? 1 : 0); }
  void AppendInt64(int64_t v) { AppendFixed<int64_t>(v); }
  void AppendFloat64(double v) { AppendFixed<double>(v); }
  void AppendDate(int32_t days) { AppendFixed<int32_t>(days); }
  void AppendTimestamp(int64_t micros) { AppendFixed<int64_t>(micros); }
  void AppendString(std::string_view s);
  // Value must be NULL or of this column's type (an int64 Value into a float64 column is widened).
  void AppendValue(const Value& v);
  void AppendFrom(const Column& src, int64_t row);
  void AppendColumn(const Column& src);

  template <typename T>
  void AppendFixed(T v) {
    const size_t at = data_.size();
    data_.resize(at + sizeof(T));
    std::memcpy(data_.data() + at, &v, sizeof(T));
    if (!validity_.empty()) GrowValidity(size_ + 1, true);
    ++size_;
  }

  // Fixed-width only: makes the column n valid zero values, to be written via mutable_data().
  void ResizeFixed(int64_t n);
  // Marks value i NULL (and zeroes a fixed-width slot).
  void SetNull(int64_t i);
  // Replaces the validity bitmap (BitmapBytes(size()) bytes; empty = all valid).
  void SetValidity(std::vector<uint8_t> bits);
  // Same, from one flag per value (nonzero = valid), as kernels that decide validity row by row
  // collect it. No bitmap is made when every flag is set.
  void SetValidityFromFlags(const std::vector<uint8_t>& flags);

  // --- whole-column operations, each returning a new column ---
  // indices[k] < 0 yields NULL (outer joins).
  ColumnPtr Take(const int64_t* indices, int64_t n) const;
  ColumnPtr Take(const std::vector<int64_t>& indices) const {
    return Take(indices.data(), static_cast<int64_t>(indices.size()));
  }
  ColumnPtr Slice(int64_t offset, int64_t length) const;

  size_t MemoryBytes() const;

 private:
  void GrowValidity(int64_t new_size, bool valid);
  void MaterializeValidity();

  TypeId type_;
  int64_t size_ = 0;
  int64_t null_count_ = 0;
  std::vector<uint8_t> validity_;  // empty while every value is valid
  std::vector<uint8_t> data_;      // fixed-width values
  std::vector<int64_t> offsets_;   // strings: size_ + 1 entries
  std::string chars_;              // strings: UTF-8 bytes
};

}  // namespace xf
