#include "govern/sensitive.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/cn_ids.h"
#include "core/strings.h"

namespace xf::govern {
namespace {

// The most common Chinese surnames (over 85% of the population) and compound surnames.
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
constexpr std::array<std::string_view, 8> kCompoundSurnames = {"欧阳", "司马", "上官", "诸葛",
                                                               "东方", "皇甫", "尉迟", "慕容"};

bool IsCjk(std::string_view cp) {
  if (cp.size() != 3) return false;
  const auto b0 = static_cast<unsigned char>(cp[0]);
  return b0 >= 0xE4 && b0 <= 0xE9;  // U+4E00..U+9FFF
}

std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    const size_t next = Utf8Offset(s.substr(i), 1);
    out.push_back(s.substr(i, std::max<size_t>(next, 1)));
    i += std::max<size_t>(next, 1);
  }
  return out;
}

bool LooksLikePersonName(std::string_view s) {
  const auto cps = CodePoints(s);
  if (cps.size() < 2 || cps.size() > 4) return false;
  for (std::string_view cp : cps) {
    if (!IsCjk(cp)) return false;
  }
  for (std::string_view c : kCompoundSurnames) {
    if (s.starts_with(c)) return cps.size() >= 3;
  }
  return kSurnames.find(cps[0]) != std::string_view::npos && kSurnames.find(cps[0]) % 3 == 0;
}

bool LooksLikeAddress(std::string_view s) {
  if (Utf8Length(s) < 6) return false;
  int markers = 0;
  for (std::string_view m : {"省", "市", "区", "县", "镇", "乡", "路", "街", "道", "号", "村", "栋",
                             "室", "弄", "巷", "单元"}) {
    if (s.find(m) != std::string_view::npos) ++markers;
  }
  return markers >= 2;
}

bool LooksLikeEmail(std::string_view s) {
  const size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const size_t dot = s.rfind('.');
  return dot != std::string_view::npos && dot > at + 1 && dot + 2 <= s.size() &&
         s.find(' ') == std::string_view::npos;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Name keywords: Chinese ones match as substrings, English ones as whole `_`-separated tokens
// (or token pairs) so that "station_name" is not a person's name and "telemetry" is no phone.
struct NameRule {
  const char* category;
  std::vector<std::string_view> zh;
  std::vector<std::string_view> en;
};

const std::vector<NameRule>& NameRules() {
  static const std::vector<NameRule> rules = {
      {"resident_id",
       {"身份证", "证件号", "公民身份号码"},
       {"id_card", "idcard", "id_no", "id_number", "idno", "sfz", "sfzh", "identity_no",
        "resident_id", "citizen_id", "national_id"}},
      {"bank_card",
       {"银行卡", "卡号", "银行账号", "账户号"},
       {"bank_card", "card_no", "card_number", "cardno", "bank_account", "account_no", "iban"}},
      {"mobile",
       {"手机", "电话", "联系方式"},
       {"phone", "mobile", "tel", "telephone", "cellphone", "phone_no", "mobile_no", "msisdn"}},
      {"person_name",
       {"姓名", "联系人", "法人代表", "法定代表人", "户主"},
       {"person_name", "real_name", "full_name", "customer_name", "user_name", "contact_name",
        "patient_name", "holder_name", "owner_name", "contact"}},
      {"address", {"地址", "住址", "住所"}, {"address", "addr", "home_address", "street_address"}},
      {"plate", {"车牌", "号牌"}, {"plate", "plate_no", "license_plate", "plate_number", "car_no"}},
      {"email", {"邮箱", "电子邮件"}, {"email", "e_mail", "mail"}},
  };
  return rules;
}

std::vector<std::string> Tokens(std::string_view lower) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : lower) {
    if (c == '_' || c == '-' || c == ' ' || c == '.') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string ValueText(const Column& c, int64_t i) {
  if (c.type() == TypeId::kString) return std::string(c.GetString(i));
  return fmt::format("{}", c.data<int64_t>()[i]);
}

}  // namespace

const std::map<std::string, int>& DefaultSensitiveLevels() {
  static const std::map<std::string, int> levels = {
      {"resident_id", 3}, {"bank_card", 3}, {"mobile", 3}, {"person_name", 2},
      {"address", 2},     {"plate", 2},     {"email", 2}};
  return levels;
}

const std::vector<std::string>& SensitiveCategories() {
  static const std::vector<std::string> c = {"resident_id", "bank_card", "mobile", "person_name",
                                             "address",     "plate",     "email"};
  return c;
}

std::string CategoryFromName(std::string_view name) {
  const std::string lower = Lower(name);
  const std::vector<std::string> tokens = Tokens(lower);
  for (const NameRule& r : NameRules()) {
    for (std::string_view zh : r.zh) {
      if (lower.find(zh) != std::string::npos) return r.category;
    }
    for (std::string_view en : r.en) {
      // A keyword of one token matches any token; of two tokens, two adjacent ones.
      const std::vector<std::string> k = Tokens(en);
      for (size_t i = 0; i + k.size() <= tokens.size(); ++i) {
        if (std::equal(k.begin(), k.end(), tokens.begin() + static_cast<std::ptrdiff_t>(i))) {
          return r.category;
        }
      }
    }
  }
  return {};
}

bool MatchesCategory(std::string_view category, std::string_view v) {
  if (category == "resident_id") return IsValidResidentId(v);
  if (category == "mobile") return IsValidMobileCn(v);
  if (category == "bank_card") return IsValidBankCard(v);
  if (category == "plate") return IsValidPlateCn(v);
  if (category == "person_name") return LooksLikePersonName(v);
  if (category == "address") return LooksLikeAddress(v);
  if (category == "email") return LooksLikeEmail(v);
  return false;
}

SensitiveFinding ClassifyColumn(std::string_view name, const Column& column,
                                const SensitiveOptions& options) {
  SensitiveFinding f;
  f.column = std::string(name);
  f.level = options.none_level;
  const std::string by_name = CategoryFromName(name);
  std::map<std::string, int64_t> hits;
  if (column.type() == TypeId::kString || column.type() == TypeId::kInt64) {
    const int64_t n = column.size();
    const int64_t valid = n - column.null_count();
    const int64_t take = std::min<int64_t>(valid, std::max<int64_t>(options.sample, 1));
    // Evenly spaced rows, so a sorted or grouped column is sampled across its whole range.
    const int64_t stride = take > 0 ? std::max<int64_t>(n / take, 1) : 1;
    for (int64_t i = 0; i < n && f.checked < take; i += stride) {
      if (!column.IsValid(i)) continue;
      ++f.checked;
      const std::string v = ValueText(column, i);
      const std::string_view t = TrimAscii(v);
      for (const std::string& c : SensitiveCategories()) {
        if (MatchesCategory(c, t)) ++hits[c];
      }
    }
  }
  std::string by_content;
  double best = 0;
  for (const std::string& c : SensitiveCategories()) {  // fixed order: ties are deterministic
    const double share = f.checked > 0 ? static_cast<double>(hits[c]) / f.checked : 0;
    if (share > best) {
      best = share;
      by_content = c;
    }
  }
  if (best < options.min_share) by_content.clear();
  if (!by_name.empty()) {
    f.category = by_name;
    f.method = by_content == by_name ? "name+content" : "name";
  } else if (!by_content.empty()) {
    f.category = by_content;
    f.method = "content";
  }
  if (f.category != "none") {
    f.share = f.checked > 0 ? static_cast<double>(hits[f.category]) / f.checked : 0;
    const auto it = options.levels.find(f.category);
    f.level = it != options.levels.end() ? it->second : DefaultSensitiveLevels().at(f.category);
  } else {
    f.share = 0;
  }
  return f;
}

std::vector<SensitiveFinding> ClassifySensitive(const Table& table,
                                                const SensitiveOptions& options) {
  std::vector<SensitiveFinding> out;
  for (int i = 0; i < table.num_columns(); ++i) {
    out.push_back(ClassifyColumn(table.schema().field(i).name, *table.column(i), options));
  }
  return out;
}

}  // namespace xf::govern
