#include "alert/alert_level.h"

#include <array>

#include "core/strings.h"

namespace xf {

namespace {

struct Names {
  const char* en;
  const char* code;
  const char* zh;
  const char* zh_short;
  const char* digit;
};

constexpr std::array<Names, 4> kNames = {{
    {"red", "I", "红色", "红", "1"},
    {"orange", "II", "橙色", "橙", "2"},
    {"yellow", "III", "黄色", "黄", "3"},
    {"blue", "IV", "蓝色", "蓝", "4"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<AlertLevel> ParseAlertLevel(std::string_view text) {
  std::string t = Lower(TrimAscii(text));
  if (t.ends_with("预警")) t.resize(t.size() - std::string_view("预警").size());
  for (size_t i = 0; i < kNames.size(); ++i) {
    const Names& n = kNames[i];
    if (t == n.en || t == Lower(n.code) || t == n.zh || t == n.zh_short || t == n.digit) {
      return static_cast<AlertLevel>(i);
    }
  }
  return std::nullopt;
}

const std::vector<std::string>& AlertLevelNames() {
  static const std::vector<std::string> names = {"red", "orange", "yellow", "blue"};
  return names;
}

const char* AlertLevelName(AlertLevel level) { return kNames[static_cast<size_t>(level)].en; }
const char* AlertLevelCode(AlertLevel level) { return kNames[static_cast<size_t>(level)].code; }
const char* AlertLevelZh(AlertLevel level) { return kNames[static_cast<size_t>(level)].zh; }

}  // namespace xf
