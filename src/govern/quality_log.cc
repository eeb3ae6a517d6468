#include "govern/quality_log.h"

#include <algorithm>

namespace xf::govern {

std::vector<TableQuality> QualityLog::Sorted(
    const std::function<int(const std::string&)>& rank) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const std::pair<std::string, TableQuality>*> order;
  for (const auto& e : entries_) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
    const int ra = rank(a->first), rb = rank(b->first);
    if (ra != rb) return ra < rb;
    return a->second.table < b->second.table;
  });
  std::vector<TableQuality> out;
  for (const auto* e : order) out.push_back(e->second);
  return out;
}

}  // namespace xf::govern
