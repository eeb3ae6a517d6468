// Where quality results of a run collect: sources validated on load and `validate` steps add
// their TableQuality here (from several threads), the report reads them back in a fixed order.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "govern/validate.h"

namespace xf::govern {

class QualityLog {
 public:
  // `origin` names who validated (a step id): the reader orders entries by it, since the order
  // of Add calls depends on thread timing.
  void Add(std::string origin, TableQuality quality) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.emplace_back(std::move(origin), std::move(quality));
  }
  // The entries ordered by rank(origin), then table name.
  std::vector<TableQuality> Sorted(const std::function<int(const std::string&)>& rank) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, TableQuality>> entries_;
};

}  // namespace xf::govern
