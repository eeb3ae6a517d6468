// Arbitrary bytes as a JSON Lines file: the reader must reject bad lines, never crash, and always
// reconcile (rows_read == loaded + rejected), whatever the chunking.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "io/jsonl_reader.h"
#include "io/jsonl_writer.h"

namespace {

bool Reconciles(const xf::ReadResult& r) {
  return r.table != nullptr && r.rejects != nullptr &&
         r.rows_read == r.table->num_rows() + r.rejects->num_rows();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks options, so the fuzzer explores chunking and overrides too.
  const uint8_t sel = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  xf::JsonlOptions o;
  o.chunk_bytes = 1 + (sel & 0x1F);
  if (sel & 0x20) o.column_types["a"] = xf::TypeId::kInt64;
  if (sel & 0x40) o.column_types["b"] = xf::TypeId::kDate;
  if (sel & 0x80) o.column_types["a.b"] = xf::TypeId::kTimestamp;
  try {
    const xf::ReadResult r = xf::ReadJsonlBuffer(bytes, o, "fuzz.jsonl");
    if (!Reconciles(r)) __builtin_trap();
    xf::JsonlOptions whole = o;
    whole.chunk_bytes = int64_t{1} << 30;
    const xf::ReadResult w = xf::ReadJsonlBuffer(bytes, whole, "fuzz.jsonl");
    if (!Reconciles(w)) __builtin_trap();
    // Chunking must not change the result.
    if (w.table->num_rows() != r.table->num_rows() ||
        w.rejects->num_rows() != r.rejects->num_rows() ||
        !(w.table->schema() == r.table->schema())) {
      __builtin_trap();
    }
    // Everything read can be written back.
    (void)xf::ToJsonl(*r.table);
  } catch (const xf::Error&) {
    // A clean, reported error is an acceptable outcome (e.g. a corrupt gzip stream).
  }
  return 0;
}
