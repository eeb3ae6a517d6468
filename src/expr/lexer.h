// Tokens of the expression language. Positions are 1-based code point columns so that error carets
// line up under Chinese identifiers and literals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xf {

enum class TokenKind {
  kEnd,
  kIdent,        // bare identifier or keyword (keywords are recognised by the parser)
  kQuotedIdent,  // "double quoted" identifier, never a keyword
  kInteger,      // digits only
  kDecimal,      // digits with '.' or an exponent
  kString,       // 'single quoted', with '' unescaped
  kOperator,     // + - * / % || = <> != == < <= > >=
  kLParen,
  kRParen,
  kComma,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifier name, unescaped string, number text or operator symbol
  int pos = 0;       // 1-based code point column of the token's first character
};

// Splits `text` into tokens ending with one kEnd token. Throws Error(kSpec) with the position of
// the first character that cannot start a token (invalid UTF-8, unterminated quotes, full-width
// punctuation with a hint at its ASCII form).
std::vector<Token> Lex(std::string_view text);

// Identifiers are Unicode letters, digits and '_'. Without a Unicode database we treat every
// non-ASCII code point as a letter except whitespace and the punctuation/symbol blocks, which is
// exact for CJK and the alphabets users put in column names.
bool IsIdentifierCodePoint(char32_t cp);

}  // namespace xf
