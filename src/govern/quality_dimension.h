// The six data-quality dimensions of GB/T 36344-2018 《信息技术 数据质量评价指标》 and their
// second-level indicators. Every rule of a standard scores into one dimension and one indicator,
// so a run's quality reads the way Chinese data-governance audits are written.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace xf::govern {

enum class Dimension {
  kNormativeness,  // 规范性: conforms to standards, models, metadata, business rules
  kCompleteness,   // 完整性: elements and records present
  kAccuracy,       // 准确性: content correct, formats valid, no duplicates
  kConsistency,    // 一致性: same and related data agree
  kTimeliness,     // 时效性: on time, in sequence, at the expected interval
  kAccessibility,  // 可访问性: the data can be read and used
};

constexpr std::array<Dimension, 6> kAllDimensions = {
    Dimension::kNormativeness, Dimension::kCompleteness, Dimension::kAccuracy,
    Dimension::kConsistency,   Dimension::kTimeliness,   Dimension::kAccessibility};

// "normativeness", "completeness", ... (the key used in specs and report.json).
const char* DimensionName(Dimension d);
// "规范性", "完整性", ...
const char* DimensionNameZh(Dimension d);
// Accepts the English key or the Chinese name; empty optional otherwise.
std::optional<Dimension> ParseDimension(std::string_view name);

}  // namespace xf::govern
