#include "govern/quality_dimension.h"

namespace xf::govern {

const char* DimensionName(Dimension d) {
  switch (d) {
    case Dimension::kNormativeness: return "normativeness";
    case Dimension::kCompleteness: return "completeness";
    case Dimension::kAccuracy: return "accuracy";
    case Dimension::kConsistency: return "consistency";
    case Dimension::kTimeliness: return "timeliness";
    case Dimension::kAccessibility: return "accessibility";
  }
  return "?";
}

const char* DimensionNameZh(Dimension d) {
  switch (d) {
    case Dimension::kNormativeness: return "规范性";
    case Dimension::kCompleteness: return "完整性";
    case Dimension::kAccuracy: return "准确性";
    case Dimension::kConsistency: return "一致性";
    case Dimension::kTimeliness: return "时效性";
    case Dimension::kAccessibility: return "可访问性";
  }
  return "?";
}

std::optional<Dimension> ParseDimension(std::string_view name) {
  for (Dimension d : kAllDimensions) {
    if (name == DimensionName(d) || name == DimensionNameZh(d)) return d;
  }
  return std::nullopt;
}

}  // namespace xf::govern
