// Masking of column values: partial masks, keyed hashes (HMAC-SHA256 / HMAC-SM3), format-
// preserving tokens, generalisation (age bands, region truncation, date to month) and null-out.
// A MaskPlan (column → rule) is read from YAML and applied to whole tables; the `mask` step and the
// step-level `mask:` option (applied by the runner to a step's outputs) both use it.
//
//   mask:
//     phone: {method: partial, keep_left: 3, keep_right: 4}
//     id_card: {method: hash, algorithm: sm3, key: default}
//     card_no: {method: token, key: cards}
//     age: {method: generalize, to: age_band, width: 10}
//     region: {method: generalize, to: city}
//     birthday: {method: generalize, to: month}
//     name: null_out                       # a method alone takes its defaults
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/region_cn.h"
#include "core/spec_node.h"
#include "core/table.h"
#include "govern/key_ring.h"

namespace xf::govern {

enum class MaskMethod { kPartial, kHash, kToken, kGeneralize, kNullOut };
enum class Generalize { kAgeBand, kRegion, kMonth };

struct MaskRule {
  std::string column;
  MaskMethod method = MaskMethod::kPartial;
  SpecNode node;  // for errors at run time
  // partial
  int64_t keep_left = 1;
  int64_t keep_right = 1;
  std::string mask_char = "*";
  // hash and token
  std::string key = "default";
  std::string algorithm = "sha256";  // hash: sha256 | sm3
  int length = 64;                   // hash: hex characters kept, 16..64
  // generalize
  Generalize to = Generalize::kAgeBand;
  int64_t width = 10;
  RegionLevel level = RegionLevel::kCity;
};

struct MaskPlan {
  std::vector<MaskRule> rules;
  bool NeedsKeys() const;
};

// Reads a `mask:` map (column → method name or {method, options}); fails at the offending node.
MaskPlan ParseMaskPlan(const SpecNode& node);
// The method names, for docs and messages: partial, hash, token, generalize, null_out.
std::string_view MaskMethodName(MaskMethod m);

// The masked column. Keyed methods take their key from `keys`; when `keys` is null, from the
// environment only (KeyRing with no directory). NULLs stay NULL. Throws xf::Error naming the rule's
// node and column for a type the method cannot mask.
ColumnPtr MaskColumn(const ColumnPtr& column, const MaskRule& rule, const KeyRing* keys);

// Applies every rule whose column is in `table`. With `require_all`, a rule naming a column the
// table lacks is an error; otherwise it is skipped (the runner applies a step's plan to each of
// its outputs and checks that every rule matched at least one). `matched`, when given, gets one
// flag per rule.
TablePtr ApplyMaskPlan(const TablePtr& table, const MaskPlan& plan, const KeyRing* keys,
                       bool require_all, std::vector<bool>* matched = nullptr);

// Format-preserving tokenisation: each character keeps its class (digit, A-Z, a-z, CJK ideograph
// U+4E00..U+9FA5); other characters (separators, X of an id's class pattern included in the tweak)
// stay as they are. The same key and value give the same token; Detokenize inverts it.
//
// Why a keyed Feistel network: it is a permutation by construction (so distinct values never
// collide and the token can be reversed by the key holder), it works over any domain by adding
// round outputs modulo each position's radix (a Feistel network over the group Z_r1 × … × Z_rn),
// and its round function is HMAC-SHA256, so without the key the tokens are as unpredictable as
// the HMAC. Ten rounds as in NIST SP 800-38G FF1. The class pattern and length are the tweak, so
// values of different shapes use independent permutations. A one-character value only gets a
// keyed shift: tokenise columns of single characters with care.
class Tokenizer {
 public:
  explicit Tokenizer(const std::vector<uint8_t>& key);
  std::string Tokenize(std::string_view value);
  std::string Detokenize(std::string_view token);

 private:
  std::string Run(std::string_view value, bool forward);
  Hmac round_;
};

}  // namespace xf::govern
