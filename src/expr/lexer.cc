#include "expr/lexer.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/strings.h"

namespace xf {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsSpaceCodePoint(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

// Decodes one code point of well-formed UTF-8 at s[i]; *len receives its byte length.
char32_t Decode(std::string_view s, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  char32_t cp = b & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

}  // namespace

bool IsIdentifierCodePoint(char32_t cp) {
  if (cp < 0x80)
    return IsAsciiLetter(static_cast<char>(cp)) || IsDigit(static_cast<char>(cp)) || cp == '_';
  if (IsSpaceCodePoint(cp)) return false;
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation, × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation 、。「」
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;           // CJK compatibility forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;           // full-width ！＂＃…／
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;           // full-width ：；＜＝＞？＠
  if (cp >= 0xFF3B && cp <= 0xFF40) return false;           // full-width ［＼］＾＿｀
  if (cp >= 0xFF5B && cp <= 0xFF65) return false;  // full-width ｛｜｝～ and halfwidth punctuation
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;    // private use
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;    // specials
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

std::vector<Token> Lex(std::string_view text) {
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    throw Error(ErrorKind::kSpec, "expression is not valid UTF-8",
                SourceContext{.column = Utf8Length(text.substr(0, bad)) + 1,
                              .expression = std::string(text.substr(0, bad))});
  }
  auto fail = [&](int pos, const std::string& msg) {
    throw Error(ErrorKind::kSpec, msg,
                SourceContext{.column = pos, .expression = std::string(text)});
  };
  std::vector<Token> out;
  size_t i = 0;
  int pos = 1;  // code point column of text[i]
  // Advances i by `bytes` bytes that hold `cps` code points.
  auto advance = [&](size_t bytes) {
    for (size_t k = 0; k < bytes; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) ++pos;
    }
    i += bytes;
  };
  while (i < text.size()) {
    size_t len = 0;
    const char32_t cp = Decode(text, i, &len);
    if (IsSpaceCodePoint(cp)) {
      advance(len);
      continue;
    }
    Token tok;
    tok.pos = pos;
    const char c = text[i];
    const size_t start = i;
    if (IsDigit(c) || (c == '.' && i + 1 < text.size() && IsDigit(text[i + 1]))) {
      size_t j = i;
      bool decimal = false;
      while (j < text.size() && IsDigit(text[j])) ++j;
      if (j < text.size() && text[j] == '.') {
        decimal = true;
        ++j;
        while (j < text.size() && IsDigit(text[j])) ++j;
      }
      if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
        size_t k = j + 1;
        if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
        if (k < text.size() && IsDigit(text[k])) {
          decimal = true;
          j = k;
          while (j < text.size() && IsDigit(text[j])) ++j;
        }
      }
      if (j < text.size()) {
        size_t l = 0;
        const char32_t next = Decode(text, j, &l);
        if (IsIdentifierCodePoint(next)) {
          fail(pos, fmt::format("invalid number '{}'", text.substr(i, j + l - i)));
        }
      }
      tok.kind = decimal ? TokenKind::kDecimal : TokenKind::kInteger;
      tok.text = std::string(text.substr(i, j - i));
      advance(j - i);
    } else if (c == '\'' || c == '"') {
      // '' inside a string and "" inside a quoted identifier stand for one quote.
      size_t j = i + 1;
      std::string value;
      bool closed = false;
      while (j < text.size()) {
        if (text[j] == c) {
          if (j + 1 < text.size() && text[j + 1] == c) {
            value += c;
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        value += text[j++];
      }
      if (!closed) {
        fail(pos, c == '\'' ? "unterminated string literal (strings are in 'single quotes'; "
                              "write '' for a quote inside)"
                            : "unterminated quoted identifier");
      }
      if (c == '"' && value.empty()) fail(pos, "empty quoted identifier \"\"");
      tok.kind = c == '\'' ? TokenKind::kString : TokenKind::kQuotedIdent;
      tok.text = std::move(value);
      advance(j - i);
    } else if (IsIdentifierCodePoint(cp) && !IsDigit(c)) {
      size_t j = i;
      while (j < text.size()) {
        size_t l = 0;
        if (!IsIdentifierCodePoint(Decode(text, j, &l))) break;
        j += l;
      }
      tok.kind = TokenKind::kIdent;
      tok.text = std::string(text.substr(i, j - i));
      advance(j - i);
    } else {
      static constexpr std::string_view kTwo[] = {"||", "<>", "!=", "==", "<=", ">="};
      std::string_view two = text.substr(i, 2);
      bool matched = false;
      for (auto op : kTwo) {
        if (two == op) {
          tok.kind = TokenKind::kOperator;
          tok.text = std::string(op);
          advance(2);
          matched = true;
          break;
        }
      }
      if (!matched) {
        switch (c) {
          case '+':
          case '-':
          case '*':
          case '/':
          case '%':
          case '=':
          case '<':
          case '>':
            tok.kind = TokenKind::kOperator;
            tok.text = std::string(1, c);
            break;
          case '(':
            tok.kind = TokenKind::kLParen;
            tok.text = "(";
            break;
          case ')':
            tok.kind = TokenKind::kRParen;
            tok.text = ")";
            break;
          case ',':
            tok.kind = TokenKind::kComma;
            tok.text = ",";
            break;
          default: {
            const std::string ch(text.substr(start, len));
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
              fail(pos, fmt::format("full-width character '{}'; use the ASCII '{}' instead", ch,
                                    static_cast<char>(cp - 0xFF01 + 0x21)));
            }
            if (cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D) {
              fail(pos, fmt::format("curly quote '{}'; strings use ASCII 'single quotes' and "
                                    "identifiers \"double quotes\"",
                                    ch));
            }
            if (c == '`') fail(pos, "use \"double quotes\" around identifiers, not `backquotes`");
            if (cp < 0x20 || cp == 0x7F) {
              fail(pos,
                   fmt::format("unexpected control character U+{:04X}", static_cast<uint32_t>(cp)));
            }
            fail(pos, fmt::format("unexpected character '{}'", ch));
          }
        }
        advance(1);
      }
    }
    out.push_back(std::move(tok));
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.pos = pos;
  out.push_back(end);
  return out;
}

}  // namespace xf
