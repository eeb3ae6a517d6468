#include "ops/single_key_sort.h"

#include <algorithm>

#include "ops/parallel.h"
#include "ops/row_comparator.h"

namespace xf {

SingleKeyOrder SortSingleKey(const Column& c, bool descending, bool nulls_first) {
  const int64_t n = c.size();
  SingleKeyOrder o;
  o.nulls_first = nulls_first;
  o.descending = descending;
  o.pairs.resize(static_cast<size_t>(n - c.null_count()));
  const uint64_t flip = descending ? ~uint64_t{0} : 0;
  if (c.HasNulls()) {
    size_t k = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (c.IsNull(i)) {
        o.nulls.push_back(i);
        continue;
      }
      o.pairs[k++] = KeyIdx{OrderedKeyAt(c, i) ^ flip, i};
    }
  } else {
    // Typed loops for the common key types: no per-row type switch or call.
    ForEachMorsel(n, [&](int64_t, int64_t begin, int64_t end) {
      KeyIdx* p = o.pairs.data();
      if (c.type() == TypeId::kInt64 || c.type() == TypeId::kTimestamp) {
        const int64_t* v = c.data<int64_t>();
        for (int64_t i = begin; i < end; ++i) p[i] = KeyIdx{OrderedBits(v[i]) ^ flip, i};
      } else if (c.type() == TypeId::kFloat64) {
        const double* v = c.data<double>();
        for (int64_t i = begin; i < end; ++i) p[i] = KeyIdx{OrderedBits(v[i]) ^ flip, i};
      } else {
        for (int64_t i = begin; i < end; ++i) p[i] = KeyIdx{OrderedKeyAt(c, i) ^ flip, i};
      }
    });
  }
  RadixSortPairs(o.pairs.data(), o.pairs.size());
  return o;
}

std::vector<int64_t> SingleKeyOrder::Indices() const {
  std::vector<int64_t> out(static_cast<size_t>(rows()));
  WriteIndices(out.data());
  return out;
}

void SingleKeyOrder::WriteIndices(int64_t* out) const {
  const size_t lead = nulls_first ? nulls.size() : 0;
  std::copy(nulls.begin(), nulls.end(), out + (nulls_first ? 0 : pairs.size()));
  ForEachMorsel(static_cast<int64_t>(pairs.size()), [&](int64_t, int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      out[lead + static_cast<size_t>(i)] = pairs[static_cast<size_t>(i)].idx;
    }
  });
}

ColumnPtr DecodeSortedKeys(const SingleKeyOrder& order, const Column& c) {
  const TypeId type = c.type();
  if (type == TypeId::kFloat64 || type == TypeId::kString || type == TypeId::kNull) return nullptr;
  const auto n = static_cast<int64_t>(order.pairs.size() + order.nulls.size());
  auto out = Column::Make(type);
  out->ResizeFixed(n);  // NULL slots stay zero
  const int64_t lead = order.nulls_first ? static_cast<int64_t>(order.nulls.size()) : 0;
  const uint64_t flip = order.descending ? ~uint64_t{0} : 0;
  const uint64_t sign = uint64_t{1} << 63;  // OrderedBits(int64) flips the sign bit
  ForEachMorsel(static_cast<int64_t>(order.pairs.size()), [&](int64_t, int64_t begin, int64_t end) {
    const KeyIdx* p = order.pairs.data();
    switch (type) {
      case TypeId::kBool: {
        uint8_t* o = out->mutable_data<uint8_t>() + lead;
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<uint8_t>(p[i].key ^ flip);
        break;
      }
      case TypeId::kDate: {
        int32_t* o = out->mutable_data<int32_t>() + lead;
        for (int64_t i = begin; i < end; ++i) {
          o[i] = static_cast<int32_t>(static_cast<int64_t>(p[i].key ^ flip ^ sign));
        }
        break;
      }
      default: {  // int64, timestamp
        int64_t* o = out->mutable_data<int64_t>() + lead;
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<int64_t>(p[i].key ^ flip ^ sign);
        break;
      }
    }
  });
  if (!order.nulls.empty()) {
    std::vector<uint8_t> bits(BitmapBytes(n), 0);
    for (int64_t i = 0; i < static_cast<int64_t>(order.pairs.size()); ++i)
      SetBit(bits.data(), lead + i);
    out->SetValidity(std::move(bits));
  }
  return out;
}

}  // namespace xf
