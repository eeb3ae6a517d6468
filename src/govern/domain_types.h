// Domain types: string formats with real validation rules, named in standards (`type:` of a
// column) and offered as expression functions. Each validator is pure and fast (no allocation on
// the common path): resident identity numbers (GB 11643), unified social credit codes (GB 32100),
// mainland mobile numbers, bank card numbers (Luhn), vehicle plates, GB/T 2260 region codes and
// dates written in common Chinese forms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xf::govern {

struct DomainType {
  std::string name;      // "resident_id", "uscc", "mobile_cn", "bank_card", "plate_cn",
                         // "region_code", "date_cn"
  std::string title_en;  // "resident identity number (GB 11643)"
  std::string title_zh;  // "居民身份号码"
  // True when `value` is a well-formed, check-digit-valid instance.
  bool (*valid)(std::string_view value);
  // Why `value` is not valid ("check digit is 3, expected X"), for quarantine reasons; empty when
  // it is valid.
  std::string (*explain)(std::string_view value);
};

// Null when `name` is not a domain type.
const DomainType* FindDomainType(std::string_view name);
const std::vector<DomainType>& DomainTypes();

}  // namespace xf::govern
