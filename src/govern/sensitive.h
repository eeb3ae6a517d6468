// Detection and grading of personal data in a table: each column is matched by content (the share
// of sampled values that pass a validator or pattern) and by name (English and Chinese column
// names such as id_card, 身份证号, phone, 手机号, 姓名, 地址), then labelled with a grading level
// in the style of JR/T 0197-2020 (金融数据安全 数据安全分级指南, levels 1 to 5, 5 the most
// sensitive). docs/sensitive-data.md lists the categories and default levels.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace xf::govern {

// Categories: "resident_id", "mobile", "bank_card", "person_name", "address", "plate", "email";
// "none" for a column with no personal data found.
struct SensitiveOptions {
  double min_share = 0.8;  // share of non-null sampled values that must match
  int64_t sample = 10000;  // values checked per column (evenly spaced rows; all when fewer)
  // Level per category; unset categories take the defaults (DefaultSensitiveLevels).
  std::map<std::string, int> levels;
  int none_level = 1;  // level of columns with no personal data
};

struct SensitiveFinding {
  std::string column;
  std::string category = "none";
  int level = 1;
  double share = 0;     // share of checked values matching the category's pattern
  int64_t checked = 0;  // non-null values checked
  std::string method;   // "content", "name", "name+content", or "" for none
};

// resident_id 3, bank_card 3, mobile 3, person_name 2, address 2, plate 2, email 2: personal
// identity and account information is JR/T 0197 level 3 (C2), other personal details level 2.
const std::map<std::string, int>& DefaultSensitiveLevels();
const std::vector<std::string>& SensitiveCategories();

// One finding per column of `table`, in column order.
std::vector<SensitiveFinding> ClassifySensitive(const Table& table,
                                                const SensitiveOptions& options);
SensitiveFinding ClassifyColumn(std::string_view name, const Column& column,
                                const SensitiveOptions& options);

// The category a column name suggests ("" when none): "手机号" → mobile, "id_card_no" →
// resident_id, "customer_name" → person_name.
std::string CategoryFromName(std::string_view name);
// True when `value` looks like the category (validators for ids, phones, cards and plates;
// patterns for names, addresses and e-mail).
bool MatchesCategory(std::string_view category, std::string_view value);

}  // namespace xf::govern
