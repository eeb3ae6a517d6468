#include "govern/sensitive.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/cn_ids.h"

namespace xf::govern {
namespace {

ColumnPtr Strings(const std::vector<std::string>& v) {
  ColumnPtr c = Column::Make(TypeId::kString);
  for (const auto& s : v) c->AppendString(s);
  return c;
}

// A resident id with a correct check digit for the given sequence number.
std::string Id(int seq) {
  std::string first17 = fmt::format("44030519800101{:03d}", seq);
  return first17 + ResidentIdCheckChar(first17);
}

TEST(Sensitive, ColumnNames) {
  EXPECT_EQ(CategoryFromName("身份证号"), "resident_id");
  EXPECT_EQ(CategoryFromName("id_card_no"), "resident_id");
  EXPECT_EQ(CategoryFromName("手机号"), "mobile");
  EXPECT_EQ(CategoryFromName("Contact_Phone"), "mobile");
  EXPECT_EQ(CategoryFromName("姓名"), "person_name");
  EXPECT_EQ(CategoryFromName("customer_name"), "person_name");
  EXPECT_EQ(CategoryFromName("家庭住址"), "address");
  EXPECT_EQ(CategoryFromName("license_plate"), "plate");
  EXPECT_EQ(CategoryFromName("银行卡号"), "bank_card");
  // Not personal: a station's name, telemetry, a generic id.
  EXPECT_EQ(CategoryFromName("station_name"), "");
  EXPECT_EQ(CategoryFromName("telemetry"), "");
  EXPECT_EQ(CategoryFromName("user_id"), "");
}

TEST(Sensitive, ContentAndGrading) {
  // Injected ground truth: columns with personal data under neutral names, and a decoy.
  std::vector<std::string> ids, phones, names, addrs, plates, cards, decoy;
  const std::vector<std::string> people = {"张伟", "王芳", "李娜", "欧阳娜娜", "刘洋"};
  for (int i = 0; i < 100; ++i) {
    ids.push_back(Id(i));
    phones.push_back(fmt::format("1390000{:04d}", i));
    names.push_back(people[static_cast<size_t>(i) % people.size()]);
    addrs.push_back(fmt::format("广东省深圳市南山区科技路{}号", i));
    plates.push_back(fmt::format("粤B{:05d}", i));
    cards.push_back(i % 10 == 0 ? "bad" : "6250941006528599");
    decoy.push_back(fmt::format("{}", 1000 + i));
  }
  ColumnPtr phone_ints = Column::Make(TypeId::kInt64);
  for (int i = 0; i < 100; ++i) phone_ints->AppendInt64(13900000000 + i);
  const TablePtr t =
      Table::Make(Schema({{"c1", TypeId::kString},
                          {"c2", TypeId::kString},
                          {"c3", TypeId::kString},
                          {"c4", TypeId::kString},
                          {"c5", TypeId::kString},
                          {"c6", TypeId::kString},
                          {"c7", TypeId::kString},
                          {"联系电话", TypeId::kInt64},
                          {"phone", TypeId::kString}}),
                  {Strings(ids), Strings(phones), Strings(names), Strings(addrs), Strings(plates),
                   Strings(cards), Strings(decoy), phone_ints, Strings(decoy)});
  SensitiveOptions o;
  const auto f = ClassifySensitive(*t, o);
  ASSERT_EQ(f.size(), 9u);
  EXPECT_EQ(f[0].category, "resident_id");
  EXPECT_EQ(f[0].method, "content");
  EXPECT_EQ(f[0].share, 1.0);
  EXPECT_EQ(f[0].level, 3);
  EXPECT_EQ(f[1].category, "mobile");
  EXPECT_EQ(f[2].category, "person_name");
  EXPECT_EQ(f[2].level, 2);
  EXPECT_EQ(f[3].category, "address");
  EXPECT_EQ(f[4].category, "plate");
  EXPECT_EQ(f[5].category, "bank_card");
  EXPECT_DOUBLE_EQ(f[5].share, 0.9);  // 10 of 100 fail the Luhn check: still above 0.8
  EXPECT_EQ(f[6].category, "none");
  EXPECT_EQ(f[6].level, 1);
  EXPECT_EQ(f[6].method, "");
  EXPECT_EQ(f[7].category, "mobile");
  EXPECT_EQ(f[7].method, "name+content");
  EXPECT_EQ(f[8].category, "mobile");  // named phone, content disagrees: flagged by name only
  EXPECT_EQ(f[8].method, "name");
  EXPECT_EQ(f[8].share, 0.0);
  // Levels are configurable, and the threshold too.
  o.levels["mobile"] = 4;
  o.min_share = 0.95;
  const auto g = ClassifySensitive(*t, o);
  EXPECT_EQ(g[1].level, 4);
  EXPECT_EQ(g[5].category, "none");  // 0.9 < 0.95
}

}  // namespace
}  // namespace xf::govern
