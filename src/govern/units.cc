#include "govern/units.h"

#include <map>

namespace xf::govern {

namespace {

// A unit as an affine map to its dimension's base unit: base = value × scale + offset.
struct UnitDef {
  const char* dimension;
  double scale;
  double offset;
};

// Joule per tonne of standard coal equivalent (吨标准煤): 1 kgce = 29 307.6 kJ, the low heating
// value fixed by GB/T 2589-2020 《综合能耗计算通则》 §3.10.
constexpr double kJoulesPerTce = 29.3076e9;

const std::map<std::string, UnitDef, std::less<>>& Units() {
  static const std::map<std::string, UnitDef, std::less<>> units = [] {
    std::map<std::string, UnitDef, std::less<>> u;
    auto add = [&u](std::initializer_list<const char*> names, const char* dim, double scale,
                    double offset = 0.0) {
      for (const char* n : names) u.emplace(n, UnitDef{dim, scale, offset});
    };
    // Energy, base J.
    add({"J", "焦", "焦耳"}, "energy", 1.0);
    add({"kJ", "千焦", "千焦耳"}, "energy", 1e3);
    add({"MJ", "兆焦", "兆焦耳"}, "energy", 1e6);
    add({"GJ", "吉焦", "吉焦耳"}, "energy", 1e9);
    add({"Wh", "瓦时"}, "energy", 3.6e3);
    add({"kWh", "千瓦时"}, "energy", 3.6e6);
    add({"MWh", "兆瓦时"}, "energy", 3.6e9);
    add({"GWh", "吉瓦时"}, "energy", 3.6e12);
    add({"kgce", "千克标准煤", "千克标煤"}, "energy", kJoulesPerTce / 1e3);
    add({"tce", "吨标准煤", "吨标煤"}, "energy", kJoulesPerTce);
    // Power, base W.
    add({"W", "瓦", "瓦特"}, "power", 1.0);
    add({"kW", "千瓦"}, "power", 1e3);
    add({"MW", "兆瓦"}, "power", 1e6);
    add({"GW", "吉瓦"}, "power", 1e9);
    // Length, base m.
    add({"mm", "毫米"}, "length", 1e-3);
    add({"cm", "厘米"}, "length", 1e-2);
    add({"m", "米"}, "length", 1.0);
    add({"km", "千米", "公里"}, "length", 1e3);
    // Mass, base kg.
    add({"g", "克"}, "mass", 1e-3);
    add({"kg", "千克", "公斤"}, "mass", 1.0);
    add({"t", "吨"}, "mass", 1e3);
    // Volume, base m³.
    add({"mL", "ml", "毫升"}, "volume", 1e-6);
    add({"L", "l", "升"}, "volume", 1e-3);
    add({"m3", "m³", "立方米", "方"}, "volume", 1.0);
    // Temperature, base ℃ (so ℃ ↔ ℉ is exactly × 1.8 + 32).
    add({"℃", "°C", "C", "摄氏度"}, "temperature", 1.0);
    add({"℉", "°F", "F", "华氏度"}, "temperature", 5.0 / 9.0, -160.0 / 9.0);
    add({"K", "开尔文"}, "temperature", 1.0, -273.15);
    // Pressure, base Pa.
    add({"Pa", "帕", "帕斯卡"}, "pressure", 1.0);
    add({"kPa", "千帕"}, "pressure", 1e3);
    add({"MPa", "兆帕"}, "pressure", 1e6);
    // Volumetric flow, base m³/s.
    add({"m3/s", "m³/s", "立方米/秒"}, "flow", 1.0);
    add({"m3/h", "m³/h", "立方米/小时", "立方米每小时"}, "flow", 1.0 / 3600.0);
    add({"L/s", "l/s", "升/秒", "升每秒"}, "flow", 1e-3);
    // Time, base s.
    add({"s", "秒"}, "time", 1.0);
    add({"min", "分钟"}, "time", 60.0);
    add({"h", "小时", "时"}, "time", 3600.0);
    add({"d", "天", "日"}, "time", 86400.0);
    // Speed, base m/s.
    add({"m/s", "米/秒", "米每秒"}, "speed", 1.0);
    add({"km/h", "千米/小时", "公里/小时", "千米每小时", "公里每小时"}, "speed", 1.0 / 3.6);
    // Area, base m². 1 亩 = 10000/15 m² exactly (the 市制 mu).
    add({"m2", "m²", "平方米"}, "area", 1.0);
    add({"mu", "亩"}, "area", 10000.0 / 15.0);
    add({"ha", "公顷"}, "area", 1e4);
    add({"km2", "km²", "平方千米", "平方公里"}, "area", 1e6);
    return u;
  }();
  return units;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const UnitDef* Find(std::string_view unit) {
  const auto& units = Units();
  auto it = units.find(Trim(unit));
  return it == units.end() ? nullptr : &it->second;
}

}  // namespace

std::optional<std::string> UnitDimension(std::string_view unit) {
  const UnitDef* d = Find(unit);
  if (!d) return std::nullopt;
  return std::string(d->dimension);
}

std::optional<UnitConversion> FindConversion(std::string_view from, std::string_view to) {
  const UnitDef* a = Find(from);
  const UnitDef* b = Find(to);
  if (!a || !b || std::string_view(a->dimension) != b->dimension) return std::nullopt;
  if (a == b || (a->scale == b->scale && a->offset == b->offset)) return UnitConversion{};
  // to = (from × a.scale + a.offset − b.offset) / b.scale
  return UnitConversion{a->scale / b->scale, (a->offset - b->offset) / b->scale};
}

std::vector<std::string> KnownUnits() {
  std::vector<std::string> out;
  for (const auto& [name, def] : Units()) out.push_back(name);
  return out;
}

}  // namespace xf::govern
