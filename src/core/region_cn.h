// GB/T 2260 administrative division codes (province / city / county), from the table in
// data/gbt2260/regions.csv compiled into the binary (scripts/update-region-codes.sh regenerates
// it). Codes are 6 digits: province 110000, city (prefecture) 110100, county (district) 110105.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xf {

enum class RegionLevel { kProvince = 1, kCity = 2, kCounty = 3 };

struct Region {
  std::string_view code;  // 6 digits
  std::string_view name;  // "朝阳区"
  RegionLevel level;
  std::string_view parent;  // the enclosing region's code; empty for a province
};

// Null when `code` is not in the table.
const Region* FindRegion(std::string_view code);
const std::vector<Region>& Regions();  // sorted by code

bool IsValidRegionCode(std::string_view code);
// "" when valid, else why ("has 5 characters, expected 6", "province 99 is unknown",
// "no region 110199 in GB/T 2260 (province 北京市 exists)").
std::string ExplainRegionCode(std::string_view code);

// The code cut to a level: 110105 → 110000 (province) or 110100 (city). The county level returns
// the code itself. "" when the code is not 6 digits.
std::string RegionTruncate(std::string_view code, RegionLevel level);
// "province" / "city" / "county" (also 省 / 市 / 县, and "prefecture", "district").
bool ParseRegionLevel(std::string_view text, RegionLevel* level);
std::string_view RegionLevelName(RegionLevel level);

// The region's name with its parents as people write it, skipping placeholder city names
// (市辖区, 县, 省直辖县级行政区划 …): 110105 → "北京市朝阳区". Empty when the code is unknown.
std::string RegionFullName(std::string_view code);

}  // namespace xf
