// Arbitrary text as a data standard (YAML through SpecNode). Every input must give a parsed
// standard or an xf::Error naming the problem: never a crash, a sanitizer report, a yaml-cpp
// exception or any other exception.
//
// The first byte picks the entry point: 0 a standard file's content (ParseTableStandard, the
// table named by `table:`), 1 a scenario's `standards:` map (ParseStandards), 2 the same map
// nested under `standards:` as scenario.yaml writes it.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/spec_node.h"
#include "govern/standard_parser.h"

namespace {

// `file:` keys (standard files, code lists) would make the parser read whatever path the input
// names (/dev/stdin, a FIFO): the loaders are covered by unit tests, not by this target. Aliases
// can make the tree exponentially larger than the text, hence the budget (an input over it is
// skipped).
bool NamesAFile(const YAML::Node& n, int* budget) {
  if (--*budget < 0) return true;
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "file") return true;
      if (NamesAFile(kv.first, budget) || NamesAFile(kv.second, budget)) return true;
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (NamesAFile(item, budget)) return true;
    }
  }
  return false;
}

void CheckStandard(const xf::govern::TableStandard& s) {
  for (const auto& r : s.rules) {
    if (r.id.empty()) __builtin_trap();  // AssignIds names every rule
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 8192) return 0;
  const int mode = data[0] % 3;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const xf::SpecNode root = xf::SpecNode::LoadString(text, "fuzz.yaml");
    int budget = 20000;
    if (NamesAFile(root.yaml(), &budget)) return 0;
    if (mode == 0) {
      CheckStandard(xf::govern::ParseTableStandard(root, "", "/nonexistent"));
    } else {
      const xf::SpecNode node = mode == 1 ? root : root.Get("standards");
      for (const auto& entry : xf::govern::ParseStandards(node, "/nonexistent")) {
        if (!entry.first.empty() && entry.second.table != entry.first) __builtin_trap();
        CheckStandard(entry.second);
      }
    }
  } catch (const xf::Error& e) {
    if (e.kind() == xf::ErrorKind::kInternal) __builtin_trap();  // a bug, not bad input
  }
  return 0;
}
