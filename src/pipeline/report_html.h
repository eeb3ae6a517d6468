// report.html: one self-contained page (ECharts, the report's JS and CSS and the report's JSON all
// inlined) that opens offline from disk. The page itself is drawn by web/report.js from the JSON,
// whose schema is docs/report.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace xf {

// The version of docs/report.md's schema that this engine writes and reads ("xfactor_report").
inline constexpr int kReportSchemaVersion = 1;

// Renders `report` (a report.json document) into the web template. Throws xf::Error (kData) when
// `report` is not an object of schema version kReportSchemaVersion.
std::string RenderReportHtml(const nlohmann::json& report);

// `report` serialised for a <script type="application/json"> element: "</" becomes "<\/" and
// "<!--" becomes "\u003c!--", so no string in the data can close or confuse the element, and
// JSON.parse of the element's text gives back `report`. Invalid UTF-8 becomes U+FFFD.
std::string EmbedReportJson(const nlohmann::json& report);

}  // namespace xf
