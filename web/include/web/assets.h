// The report's web assets, compiled into the binary (web/CMakeLists.txt): the HTML template with
// its {{XF_...}} placeholders, the report's JS and CSS, and ECharts' minified bundle.
// Each view is valid for the whole life of the program.
#pragma once

#include <string_view>

namespace xf::web {

std::string_view ReportTemplate();  // web/report.html
std::string_view ReportJs();        // web/report.js
std::string_view ReportCss();       // web/report.css
std::string_view EchartsJs();       // echarts/dist/echarts.min.js from npm

}  // namespace xf::web
