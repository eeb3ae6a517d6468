#include "ops/row_comparator.h"

namespace xf {

uint64_t OrderedKeyAt(const Column& c, int64_t row) {
  switch (c.type()) {
    case TypeId::kBool: return c.data<uint8_t>()[row];
    case TypeId::kDate: return OrderedBits(static_cast<int64_t>(c.data<int32_t>()[row]));
    case TypeId::kFloat64: return OrderedBits(c.data<double>()[row]);
    case TypeId::kInt64:
    case TypeId::kTimestamp: return OrderedBits(c.data<int64_t>()[row]);
    default: return 0;
  }
}

RowComparator::RowComparator(const Table& table, const std::vector<SortKey>& keys) {
  for (const SortKey& k : keys) {
    cols_.push_back(table.column(k.column).get());
    desc_.push_back(k.descending);
    nulls_first_.push_back(k.nulls == NullOrder::kDefault ? k.descending
                                                          : k.nulls == NullOrder::kFirst);
  }
}

int RowComparator::Compare(int64_t a, int64_t b) const {
  for (size_t k = 0; k < cols_.size(); ++k) {
    const Column& c = *cols_[k];
    const bool an = c.IsNull(a);
    const bool bn = c.IsNull(b);
    if (an || bn) {
      if (an && bn) continue;
      // NULL placement is independent of the direction.
      return (an == nulls_first_[k]) ? -1 : 1;
    }
    int r;
    if (c.type() == TypeId::kString) {
      const int cmp = c.GetString(a).compare(c.GetString(b));
      r = cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
    } else {
      const uint64_t x = OrderedKeyAt(c, a);
      const uint64_t y = OrderedKeyAt(c, b);
      r = x < y ? -1 : (x > y ? 1 : 0);
    }
    if (r != 0) return desc_[k] ? -r : r;
  }
  return 0;
}

}  // namespace xf
