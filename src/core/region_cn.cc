#include "core/region_cn.h"

#include <fmt/format.h>

#include <algorithm>

// The CSV's bytes, placed by the generated region_csv_blob.cc (cmake/embed_regions.cmake).
extern "C" const char xf_region_csv_begin[];
extern "C" const char xf_region_csv_end[];

namespace xf {
namespace {

bool SixDigits(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Parsed once; the views point into the embedded bytes, which live as long as the program.
std::vector<Region> ParseTable() {
  const std::string_view csv(xf_region_csv_begin,
                             static_cast<size_t>(xf_region_csv_end - xf_region_csv_begin));
  std::vector<Region> out;
  size_t pos = csv.find('\n') + 1;  // skip the header
  while (pos < csv.size()) {
    size_t eol = csv.find('\n', pos);
    if (eol == std::string_view::npos) eol = csv.size();
    const std::string_view line = csv.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) continue;
    std::string_view f[4];
    size_t start = 0;
    for (int i = 0; i < 4; ++i) {
      const size_t comma = i == 3 ? line.size() : line.find(',', start);
      f[i] = line.substr(start, comma - start);
      start = comma + 1;
    }
    RegionLevel level;
    ParseRegionLevel(f[2], &level);
    out.push_back(Region{f[0], f[1], level, f[3]});
  }
  std::sort(out.begin(), out.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  return out;
}

bool Placeholder(std::string_view name) {
  return name == "市辖区" || name == "县" || name.ends_with("直辖县级行政区划");
}

}  // namespace

const std::vector<Region>& Regions() {
  static const std::vector<Region> table = ParseTable();
  return table;
}

const Region* FindRegion(std::string_view code) {
  const auto& t = Regions();
  const auto it = std::lower_bound(t.begin(), t.end(), code,
                                   [](const Region& r, std::string_view c) { return r.code < c; });
  return it != t.end() && it->code == code ? &*it : nullptr;
}

bool IsValidRegionCode(std::string_view code) { return FindRegion(code) != nullptr; }

std::string ExplainRegionCode(std::string_view code) {
  if (FindRegion(code) != nullptr) return {};
  if (code.size() != 6) return fmt::format("has {} characters, expected 6", code.size());
  if (!SixDigits(code)) return "must be 6 digits";
  const Region* province = FindRegion(RegionTruncate(code, RegionLevel::kProvince));
  if (province == nullptr) return fmt::format("province {} is unknown", code.substr(0, 2));
  return fmt::format("no region {} in GB/T 2260 (province {} exists)", code, province->name);
}

std::string RegionTruncate(std::string_view code, RegionLevel level) {
  if (!SixDigits(code)) return {};
  switch (level) {
    case RegionLevel::kProvince:
      return std::string(code.substr(0, 2)) + "0000";
    case RegionLevel::kCity:
      return std::string(code.substr(0, 4)) + "00";
    case RegionLevel::kCounty:
      break;
  }
  return std::string(code);
}

bool ParseRegionLevel(std::string_view text, RegionLevel* level) {
  if (text == "province" || text == "省") {
    *level = RegionLevel::kProvince;
  } else if (text == "city" || text == "prefecture" || text == "市") {
    *level = RegionLevel::kCity;
  } else if (text == "county" || text == "district" || text == "县") {
    *level = RegionLevel::kCounty;
  } else {
    return false;
  }
  return true;
}

std::string_view RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince:
      return "province";
    case RegionLevel::kCity:
      return "city";
    case RegionLevel::kCounty:
      return "county";
  }
  return "county";
}

std::string RegionFullName(std::string_view code) {
  const Region* r = FindRegion(code);
  if (r == nullptr) return {};
  std::string out;
  for (int guard = 0; r != nullptr && guard < 3; ++guard) {
    if (!Placeholder(r->name)) out.insert(0, r->name);
    r = r->parent.empty() ? nullptr : FindRegion(r->parent);
  }
  return out;
}

}  // namespace xf
