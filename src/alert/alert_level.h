// China's four warning levels (GB/T 27921-style emergency practice and every ministry's 预警分级):
// 红色 I (most severe) > 橙色 II > 黄色 III > 蓝色 IV.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xf {

// Ordered by severity: a smaller value is more severe.
enum class AlertLevel { kRed = 0, kOrange = 1, kYellow = 2, kBlue = 3 };

// Accepts red/orange/yellow/blue (any case), I/II/III/IV, 1-4, and 红/橙/黄/蓝 with or without
// 色 or 色预警.
std::optional<AlertLevel> ParseAlertLevel(std::string_view text);
// The spellings ParseAlertLevel accepts in English, for messages.
const std::vector<std::string>& AlertLevelNames();

const char* AlertLevelName(AlertLevel level);  // "red"
const char* AlertLevelCode(AlertLevel level);  // "I"
const char* AlertLevelZh(AlertLevel level);    // "红色"

}  // namespace xf
