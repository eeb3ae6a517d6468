#include "pipeline/report_html.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

#include "core/error.h"
#include "web/assets.h"

namespace xf {

namespace {

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// True when `text` contains "</script" in any letter case: inlined into a <script> element, such
// text would end it early. The assets are checked rather than rewritten, as no rewrite of
// arbitrary JS is safe.
bool ContainsScriptEnd(std::string_view text) {
  static constexpr std::string_view kEnd = "</script";
  auto it = std::search(text.begin(), text.end(), kEnd.begin(), kEnd.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  return it != text.end();
}

std::string StringField(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string PageTitle(const nlohmann::json& report) {
  const nlohmann::json& scenario =
      report.contains("scenario") ? report.at("scenario") : nlohmann::json::object();
  std::string title = StringField(scenario, "title_zh");
  if (title.empty()) title = StringField(scenario, "title_en");
  if (title.empty()) title = StringField(scenario, "name");
  return (title.empty() ? std::string("xfactor") : title) + " · xfactor";
}

void CheckSchema(const nlohmann::json& report) {
  if (!report.is_object()) {
    throw Error(ErrorKind::kData,
                "a report must be a JSON object, not " + std::string(report.type_name()));
  }
  auto it = report.find("xfactor_report");
  if (it == report.end()) {
    throw Error(ErrorKind::kData,
                "not an xfactor report: the field \"xfactor_report\" (schema version) is missing");
  }
  if (!it->is_number_integer() || it->get<int64_t>() != kReportSchemaVersion) {
    throw Error(ErrorKind::kData, "report schema version " + it->dump() +
                                      " is not supported; this xfactor reads version " +
                                      std::to_string(kReportSchemaVersion));
  }
}

}  // namespace

std::string EmbedReportJson(const nlohmann::json& report) {
  const std::string json =
      report.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size() + 16);
  // '<' only occurs inside JSON strings, where both "\/" and "\u003c" are valid escapes.
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && json.compare(i, 4, "<!--") == 0) {
      out += "\\u003c";
    } else if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      out += "<\\";
    } else {
      out += json[i];
    }
  }
  return out;
}

std::string RenderReportHtml(const nlohmann::json& report) {
  CheckSchema(report);
  const std::string_view echarts = web::EchartsJs();
  const std::string_view js = web::ReportJs();
  const std::string_view css = web::ReportCss();
  XF_CHECK(!ContainsScriptEnd(echarts) && !ContainsScriptEnd(js));
  XF_CHECK(css.find("</style") == std::string_view::npos);

  const std::string json = EmbedReportJson(report);
  const std::string title = HtmlEscape(PageTitle(report));
  const std::string_view tmpl = web::ReportTemplate();

  // One pass over the template: text put in is never scanned again for placeholders.
  std::string out;
  out.reserve(tmpl.size() + echarts.size() + js.size() + css.size() + json.size() + 256);
  static constexpr std::string_view kOpen = "{{XF_";
  size_t pos = 0;
  int filled = 0;
  while (pos < tmpl.size()) {
    const size_t open = tmpl.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    const size_t close = tmpl.find("}}", open);
    const std::string_view name = close == std::string_view::npos
                                      ? std::string_view()
                                      : tmpl.substr(open + 2, close - open - 2);
    const std::pair<std::string_view, std::string_view> fills[] = {{"XF_ECHARTS_JS", echarts},
                                                                   {"XF_REPORT_JS", js},
                                                                   {"XF_REPORT_CSS", css},
                                                                   {"XF_REPORT_JSON", json},
                                                                   {"XF_TITLE", title}};
    const auto fill = std::find_if(std::begin(fills), std::end(fills),
                                   [&](const auto& f) { return f.first == name; });
    const bool known = fill != std::end(fills);
    if (!known) {  // not one of ours (a comment mentioning the syntax): copy it as it is
      out.append(tmpl.substr(pos, open + kOpen.size() - pos));
      pos = open + kOpen.size();
      continue;
    }
    out.append(tmpl.substr(pos, open - pos));
    out.append(fill->second);
    pos = close + 2;
    ++filled;
  }
  out.append(tmpl.substr(std::min(pos, tmpl.size())));
  XF_CHECK(filled == 5);
  return out;
}

}  // namespace xf
