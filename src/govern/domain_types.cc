#include "govern/domain_types.h"

#include "core/cn_ids.h"
#include "core/region_cn.h"

namespace xf::govern {
namespace {

// The validators take string_view by value, so plain function pointers fit DomainType directly.
std::string ExplainRegion(std::string_view v) { return ExplainRegionCode(v); }

}  // namespace

const std::vector<DomainType>& DomainTypes() {
  static const std::vector<DomainType> types = {
      {"resident_id", "resident identity number (GB 11643)", "居民身份号码", &IsValidResidentId,
       &ExplainResidentId},
      {"uscc", "unified social credit code (GB 32100)", "统一社会信用代码", &IsValidCreditCode,
       &ExplainCreditCode},
      {"mobile_cn", "mainland mobile number", "手机号码", &IsValidMobileCn, &ExplainMobileCn},
      {"bank_card", "bank card number (Luhn)", "银行卡号", &IsValidBankCard, &ExplainBankCard},
      {"plate_cn", "vehicle plate (GA 36)", "机动车号牌", &IsValidPlateCn, &ExplainPlateCn},
      {"region_code", "administrative division code (GB/T 2260)", "行政区划代码",
       &IsValidRegionCode, &ExplainRegion},
      {"date_cn", "date in a common Chinese form", "日期", &IsValidDateCn, &ExplainDateCn},
  };
  return types;
}

const DomainType* FindDomainType(std::string_view name) {
  for (const DomainType& t : DomainTypes()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace xf::govern
