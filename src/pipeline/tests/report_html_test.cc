#include "pipeline/report_html.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "web/assets.h"

namespace xf {
namespace {

using nlohmann::json;

constexpr std::string_view kDataOpen = R"(<script type="application/json" id="xf-report">)";

json MinimalReport() {
  return json{{"xfactor_report", 1},
              {"scenario", {{"name", "demo"}, {"title_en", "Demo"}, {"title_zh", "演示"}}},
              {"panels", json::array()}};
}

size_t CountCaseInsensitive(std::string_view text, std::string_view needle) {
  size_t n = 0;
  auto eq = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  for (auto it = text.begin();; ++it) {
    it = std::search(it, text.end(), needle.begin(), needle.end(), eq);
    if (it == text.end()) return n;
    ++n;
  }
}

// What a browser hands to JSON.parse: the element's text up to the first "</script".
json ExtractReport(const std::string& html) {
  const size_t open = html.find(kDataOpen);
  EXPECT_NE(open, std::string::npos);
  const size_t begin = open + kDataOpen.size();
  const size_t end = html.find("</script", begin);
  EXPECT_NE(end, std::string::npos);
  return json::parse(html.substr(begin, end - begin));
}

TEST(WebAssetsTest, AreEmbeddedWhole) {
  EXPECT_GT(web::EchartsJs().size(), 500'000u);  // the minified bundle is about 1 MB
  EXPECT_NE(web::EchartsJs().find("echarts"), std::string_view::npos);
  EXPECT_NE(web::ReportJs().find("window.__xfReport"), std::string_view::npos);
  EXPECT_NE(web::ReportCss().find(".xf-section"), std::string_view::npos);
  for (const char* name :
       {"{{XF_ECHARTS_JS}}", "{{XF_REPORT_JS}}", "{{XF_REPORT_CSS}}", "{{XF_REPORT_JSON}}"}) {
    EXPECT_NE(web::ReportTemplate().find(name), std::string_view::npos) << name;
  }
  EXPECT_EQ(web::ReportJs().back(), '\n');  // the whole file, not a prefix
}

TEST(ReportHtmlTest, IsSelfContained) {
  const std::string html = RenderReportHtml(MinimalReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find(web::EchartsJs()), std::string::npos);
  EXPECT_NE(html.find(web::ReportJs()), std::string::npos);
  EXPECT_NE(html.find(web::ReportCss()), std::string::npos);
  for (const char* name : {"{{XF_ECHARTS_JS}}", "{{XF_REPORT_JS}}", "{{XF_REPORT_CSS}}",
                           "{{XF_REPORT_JSON}}", "{{XF_TITLE}}"}) {
    EXPECT_EQ(html.find(name), std::string::npos) << name;
  }
  // Nothing is loaded from elsewhere: no external scripts, styles or links.
  EXPECT_EQ(CountCaseInsensitive(html, "<script src"), 0u);
  EXPECT_EQ(CountCaseInsensitive(html, "<link"), 0u);
  EXPECT_EQ(CountCaseInsensitive(html, "src=\"http"), 0u);
  EXPECT_EQ(CountCaseInsensitive(html, "@import"), 0u);
  EXPECT_NE(html.find("<title>演示 · xfactor</title>"), std::string::npos);
}

TEST(ReportHtmlTest, DataCannotCloseItsScriptElement) {
  json report = MinimalReport();
  const std::string hostile = "</script><script>alert(1)</script><!-- <SCRIPT> </ScRiPt >";
  report["summary"]["headline_en"] = hostile;
  report["alerts"]["rows"] = json::array({json::array({hostile, 1})});
  const std::string html = RenderReportHtml(report);
  // The template has exactly three script elements; the data adds no end tag.
  EXPECT_EQ(CountCaseInsensitive(html, "</script"), 3u);
  EXPECT_EQ(CountCaseInsensitive(html, "<!--"), 1u);  // the template's own comment
  const json back = ExtractReport(html);
  EXPECT_EQ(back, report);
  EXPECT_EQ(back["summary"]["headline_en"], hostile);
}

TEST(ReportHtmlTest, TitleIsHtmlEscaped) {
  json report = MinimalReport();
  report["scenario"]["title_zh"] = "A<b>&\"'";
  const std::string html = RenderReportHtml(report);
  EXPECT_NE(html.find("<title>A&lt;b&gt;&amp;&quot;&#39; · xfactor</title>"), std::string::npos);
}

TEST(ReportHtmlTest, TitleFallsBackToNameThenEngine) {
  json report = MinimalReport();
  report["scenario"] = {{"name", "only-name"}};
  EXPECT_NE(RenderReportHtml(report).find("<title>only-name · xfactor</title>"), std::string::npos);
  report.erase("scenario");
  EXPECT_NE(RenderReportHtml(report).find("<title>xfactor · xfactor</title>"), std::string::npos);
}

TEST(ReportHtmlTest, PlaceholderSyntaxInDataIsNotSubstituted) {
  json report = MinimalReport();
  report["summary"]["headline_en"] = "{{XF_REPORT_JS}} {{XF_TITLE}}";
  const json back = ExtractReport(RenderReportHtml(report));
  EXPECT_EQ(back["summary"]["headline_en"], "{{XF_REPORT_JS}} {{XF_TITLE}}");
}

TEST(ReportHtmlTest, InvalidUtf8BecomesReplacementCharacter) {
  json report = MinimalReport();
  report["summary"]["headline_zh"] = std::string("ok\xff\xfe") + "尾";
  const json back = ExtractReport(RenderReportHtml(report));
  EXPECT_EQ(back["summary"]["headline_zh"], "ok\xEF\xBF\xBD\xEF\xBF\xBD尾");
}

TEST(ReportHtmlTest, NumbersRoundTripExactly) {
  json report = MinimalReport();
  report["summary"]["metrics"] = json::array({{{"value", 0.1}},
                                              {{"value", 12345678901234LL}},
                                              {{"value", -1.5e-7}},
                                              {{"value", nullptr}}});
  EXPECT_EQ(ExtractReport(RenderReportHtml(report)), report);
}

TEST(ReportHtmlTest, RejectsWhatIsNotAReport) {
  auto kind_of = [](const json& j) {
    try {
      RenderReportHtml(j);
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::kInternal;
  };
  EXPECT_EQ(kind_of(json::array()), ErrorKind::kData);
  EXPECT_EQ(kind_of(json{{"panels", json::array()}}), ErrorKind::kData);
  EXPECT_EQ(kind_of(json{{"xfactor_report", 2}}), ErrorKind::kData);
  EXPECT_EQ(kind_of(json{{"xfactor_report", "1"}}), ErrorKind::kData);
  try {
    RenderReportHtml(json{{"xfactor_report", 2}});
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("version 2 is not supported"), std::string::npos);
  }
}

TEST(ReportHtmlTest, SampleFixtureRoundTrips) {
  std::ifstream in(std::string(XF_TESTDATA_DIR) + "/report_sample.json");
  ASSERT_TRUE(in) << "tests/data/report_sample.json";
  const json sample = json::parse(in);
  const std::string html = RenderReportHtml(sample);
  EXPECT_EQ(ExtractReport(html), sample);
  EXPECT_EQ(CountCaseInsensitive(html, "</script"), 3u);
}

}  // namespace
}  // namespace xf
