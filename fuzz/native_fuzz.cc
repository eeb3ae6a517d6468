// Arbitrary bytes as a native (.xfc) file. Only xf::Error is an acceptable failure; anything
// else (a crash, an ASan report, another exception, a huge allocation) is a bug.
//
// The first byte picks a mode:
//   0: the bytes as a file, checksums on (the normal path);
//   1: the bytes as a file, checksums off, to reach the structural checks behind them;
//   2: a valid file written from a small table built from the bytes, then damaged at positions
//      the bytes choose, read with checksums off: mutations of real structure, which random
//      bytes rarely reach.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/table.h"
#include "io/native_reader.h"
#include "io/native_writer.h"

namespace {

// Reads every value so that ASan sees any out-of-bounds offset or length.
void Touch(const xf::Table& t) {
  size_t sink = 0;
  for (int c = 0; c < t.num_columns(); ++c) {
    const xf::Column& col = *t.column(c);
    if (col.size() != t.num_rows()) __builtin_trap();
    for (int64_t r = 0; r < col.size(); ++r) sink += col.GetValue(r).ToString().size();
  }
  if (sink == SIZE_MAX) __builtin_trap();
}

xf::TablePtr TableFrom(std::string_view b) {
  const xf::TypeId types[] = {xf::TypeId::kBool,   xf::TypeId::kInt64, xf::TypeId::kFloat64,
                              xf::TypeId::kString, xf::TypeId::kDate,  xf::TypeId::kTimestamp,
                              xf::TypeId::kNull};
  const int64_t rows = b.empty() ? 0 : static_cast<uint8_t>(b[0]) % 40;
  std::vector<xf::Field> fields;
  std::vector<xf::ColumnPtr> cols;
  for (int c = 0; c < 7; ++c) {
    fields.push_back({"c" + std::to_string(c), types[c]});
    auto col = xf::Column::Make(types[c]);
    for (int64_t r = 0; r < rows; ++r) {
      const uint8_t v =
          b.size() > 1 ? static_cast<uint8_t>(b[1 + (r * 7 + c) % (b.size() - 1)]) : 0;
      if (v % 5 == 0 || types[c] == xf::TypeId::kNull) {
        col->AppendNull();
        continue;
      }
      switch (types[c]) {
        case xf::TypeId::kBool:
          col->AppendBool(v & 1);
          break;
        case xf::TypeId::kInt64:
          col->AppendInt64(v * 1000003);
          break;
        case xf::TypeId::kFloat64:
          col->AppendFloat64(v / 7.0);
          break;
        case xf::TypeId::kString:
          col->AppendString(std::string(v % 9, 'x') + "电");
          break;
        case xf::TypeId::kDate:
          col->AppendDate(v * 100);
          break;
        case xf::TypeId::kTimestamp:
          col->AppendTimestamp(int64_t{v} * 1000000007);
          break;
        default:
          break;
      }
    }
    cols.push_back(std::move(col));
  }
  return xf::Table::Make(xf::Schema(fields), std::move(cols));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 3;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (mode < 2) {
      Touch(*xf::ReadNativeBuffer(rest, "fuzz.xfc", {.verify_checksums = mode == 0}));
      return 0;
    }
    // Mode 2: the first half builds the table, the second half damages the file.
    const std::string_view seed = rest.substr(0, rest.size() / 2);
    const std::string_view damage = rest.substr(rest.size() / 2);
    const xf::TablePtr t = TableFrom(seed);
    const int64_t rpg = seed.size() > 2 ? 1 + static_cast<uint8_t>(seed[2]) % 16 : 8;
    const std::string original =
        xf::ToNativeBuffer(*t, {.compression_level = 1, .rows_per_group = rpg});
    std::string file = original;
    for (size_t i = 0; i + 2 < damage.size(); i += 3) {
      const size_t pos =
          (static_cast<uint8_t>(damage[i]) << 8 | static_cast<uint8_t>(damage[i + 1])) %
          file.size();
      file[pos] = static_cast<char>(file[pos] ^ damage[i + 2]);
    }
    const xf::TablePtr back = xf::ReadNativeBuffer(file, "fuzz.xfc", {.verify_checksums = false});
    Touch(*back);
    if (file == original && back->num_rows() != t->num_rows()) __builtin_trap();
  } catch (const xf::Error&) {
  }
  return 0;
}
