#include "io/native_format.h"

namespace xf::native {

uint8_t TypeCode(TypeId type) {
  switch (type) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBool:
      return 1;
    case TypeId::kInt64:
      return 2;
    case TypeId::kFloat64:
      return 3;
    case TypeId::kString:
      return 4;
    case TypeId::kDate:
      return 5;
    case TypeId::kTimestamp:
      return 6;
  }
  return 0xFF;
}

bool TypeFromCode(uint8_t code, TypeId* type) {
  static constexpr TypeId kTypes[] = {TypeId::kNull,     TypeId::kBool,   TypeId::kInt64,
                                      TypeId::kFloat64,  TypeId::kString, TypeId::kDate,
                                      TypeId::kTimestamp};
  if (code >= sizeof kTypes / sizeof kTypes[0]) return false;
  *type = kTypes[code];
  return true;
}

std::string HeaderBytes() {
  std::string h(kMagic, sizeof kMagic);
  PutU32(&h, kVersion);
  PutU32(&h, 0);
  return h;
}

}  // namespace xf::native
