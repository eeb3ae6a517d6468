#include "synth/names.h"

#include <array>
#include <utility>

namespace xf::synth {
namespace {

// Two-character trade names (字号) of the auspicious kind Chinese companies favour.
constexpr std::array<std::string_view, 48> kTradeNames = {
    "恒信", "华盛", "永兴", "鑫达", "宏远", "瑞丰", "天成", "金泰", "晨光", "汇通", "嘉禾", "润泽",
    "中联", "长青", "东方", "新元", "广安", "富源", "安泰", "振华", "兴旺", "同德", "博远", "锦程",
    "昌盛", "利民", "和顺", "星辰", "联创", "德润", "泰和", "信达", "宝丰", "明辉", "华茂", "盛世",
    "立信", "清源", "绿洲", "凯旋", "远航", "峰达", "万通", "佳和", "正泰", "卓越", "海纳", "凯盛"};

constexpr std::pair<std::string_view, std::string_view> kIndustryWords[] = {
    {"污水处理", "水务"}, {"造纸", "纸业"},     {"印染", "印染"},     {"化工", "化工"},
    {"食品加工", "食品"}, {"电镀", "表面处理"}, {"制药", "药业"},     {"商业", "商贸"},
    {"纺织", "纺织"},     {"机械", "机械制造"}, {"电子", "电子科技"}, {"建材", "建材"},
    {"物流", "物流"},     {"餐饮", "餐饮管理"}, {"酒店", "酒店管理"}, {"冶金", "金属材料"}};

constexpr std::array<std::string_view, 40> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",  "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",  "韩", "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "欧阳"};

constexpr std::array<std::string_view, 48> kGivenChars = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "晨", "宇", "浩", "欣",
    "婷", "雪", "琳", "鹏", "波", "斌", "宁", "怡", "嘉", "思", "子", "俊", "梓", "涵", "悦", "轩"};

template <size_t N>
std::string_view Pick(const std::array<std::string_view, N>& list, Rng* rng) {
  return list[static_cast<size_t>(rng->UniformInt(0, static_cast<int64_t>(N) - 1))];
}

// "滨江区" → "滨江": company names carry the place without its administrative suffix.
std::string_view StripPlaceSuffix(std::string_view place) {
  for (std::string_view suffix : {"新区", "区", "县", "市"}) {
    if (place.size() > suffix.size() + 3 && place.substr(place.size() - suffix.size()) == suffix) {
      return place.substr(0, place.size() - suffix.size());
    }
  }
  return place;
}

}  // namespace

std::string MakeCompanyName(std::string_view place, std::string_view industry,
                            std::string_view suffix, Rng* rng) {
  std::string out(StripPlaceSuffix(place));
  out += Pick(kTradeNames, rng);
  std::string_view word = industry;
  for (const auto& [name, w] : kIndustryWords) {
    if (name == industry) word = w;
  }
  out += word;
  out += suffix;
  return out;
}

std::string MakePersonName(Rng* rng) {
  std::string out(Pick(kSurnames, rng));
  out += Pick(kGivenChars, rng);
  if (rng->Bernoulli(0.7)) out += Pick(kGivenChars, rng);
  return out;
}

}  // namespace xf::synth
