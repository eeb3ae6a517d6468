#include "web/assets.h"

// Defined by the generated assets_blob.cc (web/embed_assets.cmake).
extern "C" {
extern const char xf_web_report_template_begin[], xf_web_report_template_end[];
extern const char xf_web_report_js_begin[], xf_web_report_js_end[];
extern const char xf_web_report_css_begin[], xf_web_report_css_end[];
extern const char xf_web_echarts_js_begin[], xf_web_echarts_js_end[];
}

namespace xf::web {

namespace {

std::string_view Between(const char* begin, const char* end) {
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

}  // namespace

std::string_view ReportTemplate() {
  return Between(xf_web_report_template_begin, xf_web_report_template_end);
}
std::string_view ReportJs() { return Between(xf_web_report_js_begin, xf_web_report_js_end); }
std::string_view ReportCss() { return Between(xf_web_report_css_begin, xf_web_report_css_end); }
std::string_view EchartsJs() { return Between(xf_web_echarts_js_begin, xf_web_echarts_js_end); }

}  // namespace xf::web
