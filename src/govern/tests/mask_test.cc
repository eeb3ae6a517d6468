#include "govern/mask.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <latch>
#include <set>
#include <thread>

#include "core/error.h"
#include "core/time.h"
#include "govern/tests/mask_test_util.h"

namespace xf::govern {
namespace {

std::vector<uint8_t> Key(uint8_t fill) { return std::vector<uint8_t>(32, fill); }

using testing::Rule;
using testing::Strings;

std::vector<std::string> Texts(const ColumnPtr& c) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < c->size(); ++i)
    out.push_back(c->IsValid(i) ? c->GetValue(i).ToString() : "<null>");
  return out;
}

// Every test phone number 138xxxxxxxx with 4 varying digits: an attacker's dictionary.
std::vector<std::string> Phones() {
  std::vector<std::string> v;
  for (int i = 0; i < 10000; ++i) v.push_back(fmt::format("1380013{:04d}", i));
  return v;
}

TEST(KeyedHash, StableWithKeyDifferentWithAnotherAndNotReversible) {
  KeyRing ring;
  ring.Add("default", Key(7));
  ring.Add("other", Key(8));
  const MaskRule sha = Rule("phone: {method: hash}");
  const MaskRule sha_other = Rule("phone: {method: hash, key: other}");
  const MaskRule sm3 = Rule("phone: {method: hash, algorithm: sm3}");
  const ColumnPtr in = Strings({"13800138000", "13800138000", "13900139000", "<null>"});
  const auto a = Texts(MaskColumn(in, sha, &ring));
  const auto b = Texts(MaskColumn(in, sha, &ring));
  EXPECT_EQ(a, b);        // deterministic with the key
  EXPECT_EQ(a[0], a[1]);  // equal values stay joinable
  EXPECT_NE(a[0], a[2]);
  EXPECT_EQ(a[3], "<null>");
  EXPECT_EQ(a[0].size(), 64u);
  EXPECT_EQ(a[0].find("13800138000"), std::string::npos);  // the value is not in its hash
  const auto c = Texts(MaskColumn(in, sha_other, &ring));
  EXPECT_NE(a[0], c[0]);  // another key, another hash
  const auto d = Texts(MaskColumn(in, sm3, &ring));
  EXPECT_NE(a[0], d[0]);  // SM3 differs from SHA-256
  EXPECT_EQ(d[0].size(), 64u);

  // An attacker who hashes every candidate phone number with any key but the real one finds no
  // match, so the hashes cannot be looked up back to phone numbers.
  const ColumnPtr dict = Strings(Phones());
  KeyRing attacker;
  attacker.Add("default", Key(9));
  const auto guessed = Texts(MaskColumn(dict, sha, &attacker));
  const std::set<std::string> table(guessed.begin(), guessed.end());
  EXPECT_EQ(table.size(), guessed.size());
  EXPECT_EQ(table.count(a[0]), 0u);
  // With the real key the same dictionary finds it: the key is what protects the value.
  const auto real = Texts(MaskColumn(dict, sha, &ring));
  EXPECT_EQ(real[8000], a[0]);
}

TEST(KeyedHash, KnownVectorAndTruncation) {
  // HMAC-SHA256 of "abc" under the derived key is fixed by the key alone: a regression guard.
  KeyRing ring;
  ring.Add("default", Key(1));
  const auto full = Texts(MaskColumn(Strings({"abc"}), Rule("x: {method: hash}"), &ring));
  const auto short16 =
      Texts(MaskColumn(Strings({"abc"}), Rule("x: {method: hash, length: 16}"), &ring));
  EXPECT_EQ(short16[0], full[0].substr(0, 16));
  Hmac h("sha256", Key(1));
  // RFC 4231-style sanity: HMAC output is 32 bytes and differs with the message.
  EXPECT_NE(h.Compute("a"), h.Compute("b"));
  EXPECT_EQ(h.Compute("a").size(), 32u);
}

TEST(Tokenizer, RoundTripsAndKeepsFormat) {
  Tokenizer t(Key(3));
  Tokenizer other(Key(4));
  for (const std::string v : {"13800138000", "6222 0210 0111 6245 702", "11010519491231002X",
                              "粤BD12345", "张三丰", "abc-DEF-123", "7", ""}) {
    const std::string tok = t.Tokenize(v);
    EXPECT_EQ(t.Detokenize(tok), v) << v;
    EXPECT_EQ(t.Tokenize(v), tok) << v;  // deterministic
    ASSERT_EQ(tok.size(), v.size()) << v;
    for (size_t i = 0; i < v.size(); ++i) {
      const auto cls = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80         ? 'h'
               : std::isdigit(u) ? 'd'
               : std::isupper(u) ? 'U'
               : std::islower(u) ? 'l'
                                 : c;
      };
      EXPECT_EQ(cls(tok[i]), cls(v[i])) << v << " -> " << tok;
    }
    if (v.size() > 4) {
      EXPECT_NE(tok, v);
      EXPECT_NE(other.Tokenize(v), tok);
    }
  }
  // A permutation: 10000 distinct phones give 10000 distinct tokens.
  std::set<std::string> toks;
  for (const std::string& p : Phones()) toks.insert(t.Tokenize(p));
  EXPECT_EQ(toks.size(), 10000u);
}

// Bytes that are not well-formed UTF-8 stay as they are (untokenised), so Detokenize gives back
// the input byte for byte; the classed characters around them are still tokenised.
TEST(Tokenizer, KeepsInvalidUtf8BytesRaw) {
  Tokenizer t(Key(3));
  const std::vector<std::string> bad = {
      std::string("\xE4\xB8\x00", 3),           // continuation is not 10xxxxxx
      "\xC0\xB0",                              // overlong '0'
      "\xE0\x80\xB0",                          // overlong '0', three bytes
      "\xF0\x80\x80\xB0",                      // overlong, four bytes
      "\xED\xA0\x80",                          // surrogate U+D800
      "\xF4\x90\x80\x80",                      // above U+10FFFF
      "\xB8",                                  // lone continuation byte
      "\xE4\xB8",                              // truncated three-byte sequence
      "\xF0\x9F\x98",                          // truncated four-byte sequence
      "\xFF\xFE",                              // never valid
  };
  for (const std::string& b : bad) {
    EXPECT_EQ(t.Tokenize(b), b) << "invalid bytes alone are kept";
    const std::string v = "13800" + b + "138000张三" + b;
    const std::string tok = t.Tokenize(v);
    EXPECT_EQ(tok.size(), v.size());
    EXPECT_NE(tok, v);
    EXPECT_NE(tok.find(b), std::string::npos) << "raw bytes stay in place";
    EXPECT_EQ(t.Detokenize(tok), v) << "byte-exact round trip";
  }
  // The bytes of a broken sequence are each kept: the 'a' after C0 is still tokenised.
  const std::string mixed = "\xC0" "abcdef\xE4\xB8" "123456";
  const std::string tok = t.Tokenize(mixed);
  EXPECT_EQ(tok[0], '\xC0');
  EXPECT_NE(tok.substr(1, 6), "abcdef");
  EXPECT_EQ(t.Detokenize(tok), mixed);
}

TEST(Mask, PartialGeneralizeNullOut) {
  const ColumnPtr phones = Strings({"13800138000", "<null>"});
  EXPECT_EQ(
      Texts(MaskColumn(phones, Rule("p: {method: partial, keep_left: 3, keep_right: 4}"), nullptr)),
      (std::vector<std::string>{"138****8000", "<null>"}));
  EXPECT_EQ(Texts(MaskColumn(Strings({"张三"}), Rule("n: partial"), nullptr)),
            (std::vector<std::string>{"张*"}));
  ColumnPtr ages = Column::Make(TypeId::kInt64);
  ages->AppendInt64(37);
  ages->AppendInt64(-2);
  ages->AppendNull();
  EXPECT_EQ(
      Texts(MaskColumn(ages, Rule("a: {method: generalize, to: age_band, width: 10}"), nullptr)),
      (std::vector<std::string>{"30-39", "<null>", "<null>"}));
  EXPECT_EQ(Texts(MaskColumn(Strings({"440305", "4403"}), Rule("r: {method: generalize, to: city}"),
                             nullptr)),
            (std::vector<std::string>{"440300", "<null>"}));
  EXPECT_EQ(Texts(MaskColumn(Strings({"2024年5月17日", "x"}),
                             Rule("d: {method: generalize, to: month}"), nullptr)),
            (std::vector<std::string>{"2024-05", "<null>"}));
  ColumnPtr dates = Column::Make(TypeId::kDate);
  dates->AppendDate(DaysFromCivil(2024, 5, 17));
  EXPECT_EQ(Texts(MaskColumn(dates, Rule("d: {method: generalize, to: month}"), nullptr)),
            (std::vector<std::string>{"2024-05-01"}));
  const ColumnPtr nulled = MaskColumn(ages, Rule("a: null_out"), nullptr);
  EXPECT_EQ(nulled->type(), TypeId::kInt64);
  EXPECT_EQ(nulled->null_count(), 3);
}

TEST(Mask, SpecErrors) {
  EXPECT_THROW(Rule("p: scramble"), Error);
  EXPECT_THROW(Rule("p: {method: hash, algorithm: md5}"), Error);
  EXPECT_THROW(Rule("p: {method: generalize, to: street}"), Error);
  EXPECT_THROW(Rule("p: generalize"), Error);
  EXPECT_THROW(Rule("p: {method: partial, keep: 3}"), Error);
  ColumnPtr dates = Column::Make(TypeId::kDate);
  dates->AppendDate(1);
  try {
    MaskColumn(dates, Rule("d: partial"), nullptr);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("partial masks strings and integers"), std::string::npos);
  }
  // Keyed methods without a key ring or environment key fail with a hint.
  ::unsetenv("XF_MASK_KEY_NOPE");
  try {
    MaskColumn(Strings({"a"}), Rule("x: {method: hash, key: nope}"), nullptr);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("XF_MASK_KEY_NOPE"), std::string::npos);
  }
}

TEST(KeyRing, CreatesKeyFileOnceWithMode0600AndReadsEnv) {
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("xf_keyring_{}", ::getpid());
  std::filesystem::remove_all(dir);
  std::vector<uint8_t> first;
  {
    KeyRing ring(dir.string());
    first = ring.Get("default");
    EXPECT_EQ(first.size(), 32u);
  }
  const auto path = dir / "mask-default.key";
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(KeyRing(dir.string()).Get("default"), first);  // read back, not regenerated
  EXPECT_NE(KeyRing(dir.string()).Get("second"), first);
  ::setenv("XF_MASK_KEY_DEFAULT", "000102030405060708090a0b0c0d0e0f", 1);
  const auto env = KeyRing(dir.string()).Get("default");
  ::unsetenv("XF_MASK_KEY_DEFAULT");
  EXPECT_EQ(env.size(), 16u);
  EXPECT_EQ(env[15], 15);
  EXPECT_THROW(KeyRing(dir.string()).Get("Bad Name"), Error);
  ::setenv("XF_MASK_KEY_SHORT", "0102", 1);
  EXPECT_THROW(KeyRing(dir.string()).Get("short"), Error);
  ::unsetenv("XF_MASK_KEY_SHORT");
  std::filesystem::remove_all(dir);
}

// Threads with their own KeyRing (as separate processes would have) creating the same key at once
// all get the same complete key, and no temporary file is left behind.
TEST(KeyRing, ConcurrentCreationGivesEveryoneTheSameKey) {
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("xf_keyring_race_{}", ::getpid());
  std::filesystem::remove_all(dir);
  constexpr int kThreads = 8;
  for (int round = 0; round < 20; ++round) {
    const std::string name = fmt::format("race_{}", round);
    std::vector<std::vector<uint8_t>> got(kThreads);
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        KeyRing ring(dir.string());
        start.arrive_and_wait();
        got[i] = ring.Get(name);
      });
    }
    for (std::thread& th : threads) th.join();
    ASSERT_EQ(got[0].size(), 32u) << name;
    for (int i = 1; i < kThreads; ++i) EXPECT_EQ(got[i], got[0]) << name << " thread " << i;
    EXPECT_EQ(KeyRing(dir.string()).Get(name), got[0]);
  }
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
    ++files;
  }
  EXPECT_EQ(files, 20);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xf::govern
