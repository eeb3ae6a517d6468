#include "expr/parser.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/error.h"
#include "core/time.h"
#include "expr/lexer.h"

namespace xf {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

constexpr std::string_view kReserved[] = {"and",  "or",    "not",     "in",   "is",    "null",
                                          "true", "false", "between", "like", "ilike", "case",
                                          "when", "then",  "else",    "end",  "as"};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), toks_(std::move(tokens)) {}

  AstPtr ParseAll() {
    AstPtr e = ParseExpr();
    if (Peek().kind != TokenKind::kEnd) {
      Fail(Peek().pos,
           fmt::format("unexpected {} after the end of the expression", Describe(Peek())));
    }
    return e;
  }

 private:
  // Guards the parser's own recursion (parentheses, unary chains), which does not always deepen
  // the tree.
  struct DepthGuard {
    explicit DepthGuard(Parser* p) : p(p) {
      if (++p->recursion_ > kMaxExpressionDepth) {
        p->Fail(p->Peek().pos,
                fmt::format("expression is nested too deeply (limit {})", kMaxExpressionDepth));
      }
    }
    ~DepthGuard() { --p->recursion_; }
    Parser* p;
  };

  [[noreturn]] void Fail(int pos, const std::string& msg) const {
    throw Error(ErrorKind::kSpec, msg,
                SourceContext{.column = pos, .expression = std::string(text_)});
  }

  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kEnd:
        return "end of expression";
      case TokenKind::kString:
        return "string '" + t.text + "'";
      case TokenKind::kQuotedIdent:
        return "\"" + t.text + "\"";
      default:
        return "'" + t.text + "'";
    }
  }

  const Token& Peek(size_t ahead = 0) const {
    return toks_[std::min(i_ + ahead, toks_.size() - 1)];
  }
  const Token& Next() {
    const Token& t = toks_[i_];
    if (i_ + 1 < toks_.size()) ++i_;
    return t;
  }
  bool IsKeyword(const Token& t, std::string_view kw) const {
    return t.kind == TokenKind::kIdent && IEquals(t.text, kw);
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!IsKeyword(Peek(), kw)) return false;
    Next();
    return true;
  }
  bool IsOp(const Token& t, std::string_view op) const {
    return t.kind == TokenKind::kOperator && t.text == op;
  }
  const Token& Expect(TokenKind kind, std::string_view what) {
    if (Peek().kind != kind)
      Fail(Peek().pos, fmt::format("expected {} but found {}", what, Describe(Peek())));
    return Next();
  }
  void ExpectKeyword(std::string_view kw) {
    if (!AcceptKeyword(kw)) {
      Fail(Peek().pos, fmt::format("expected {} but found {}", kw, Describe(Peek())));
    }
  }

  AstPtr Make(AstKind kind, int pos, std::string name, std::vector<AstPtr> children) {
    auto n = std::make_unique<AstNode>();
    n->kind = kind;
    n->pos = pos;
    n->name = std::move(name);
    int depth = 0;
    for (const auto& c : children) depth = std::max(depth, c->depth);
    n->depth = depth + 1;
    if (n->depth > kMaxExpressionDepth) {
      Fail(pos, fmt::format("expression is nested too deeply (limit {})", kMaxExpressionDepth));
    }
    n->children = std::move(children);
    return n;
  }
  AstPtr MakeLiteral(int pos, Value v) {
    auto n = Make(AstKind::kLiteral, pos, "", {});
    n->value = std::move(v);
    return n;
  }
  static std::vector<AstPtr> Vec(AstPtr a) {
    std::vector<AstPtr> v;
    v.push_back(std::move(a));
    return v;
  }
  static std::vector<AstPtr> Vec(AstPtr a, AstPtr b) {
    std::vector<AstPtr> v;
    v.push_back(std::move(a));
    v.push_back(std::move(b));
    return v;
  }

  AstPtr ParseExpr() {
    DepthGuard guard(this);
    return ParseOr();
  }

  AstPtr ParseOr() {
    AstPtr left = ParseAnd();
    while (IsKeyword(Peek(), "or")) {
      const int pos = Next().pos;
      left = Make(AstKind::kBinary, pos, "OR", Vec(std::move(left), ParseAnd()));
    }
    return left;
  }

  AstPtr ParseAnd() {
    AstPtr left = ParseNot();
    while (IsKeyword(Peek(), "and")) {
      const int pos = Next().pos;
      left = Make(AstKind::kBinary, pos, "AND", Vec(std::move(left), ParseNot()));
    }
    return left;
  }

  AstPtr ParseNot() {
    if (IsKeyword(Peek(), "not")) {
      DepthGuard guard(this);
      const int pos = Next().pos;
      return Make(AstKind::kUnary, pos, "NOT", Vec(ParseNot()));
    }
    return ParseIs();
  }

  AstPtr ParseIs() {
    AstPtr left = ParseComparison();
    while (IsKeyword(Peek(), "is")) {
      const int pos = Next().pos;
      const bool negated = AcceptKeyword("not");
      if (!AcceptKeyword("null")) {
        Fail(Peek().pos, fmt::format("expected NULL after IS{} but found {}", negated ? " NOT" : "",
                                     Describe(Peek())));
      }
      left = Make(AstKind::kIsNull, pos, "", Vec(std::move(left)));
      left->negated = negated;
    }
    return left;
  }

  static bool IsComparison(const Token& t) {
    if (t.kind != TokenKind::kOperator) return false;
    return t.text == "=" || t.text == "==" || t.text == "<>" || t.text == "!=" || t.text == "<" ||
           t.text == "<=" || t.text == ">" || t.text == ">=";
  }

  AstPtr ParseComparison() {
    AstPtr left = ParsePredicate();
    if (IsComparison(Peek())) {
      const Token& op = Next();
      std::string name = op.text == "==" ? "=" : op.text == "!=" ? "<>" : op.text;
      left = Make(AstKind::kBinary, op.pos, name, Vec(std::move(left), ParsePredicate()));
      if (IsComparison(Peek())) {
        Fail(Peek().pos, "comparisons cannot be chained (a < b < c); combine them with AND");
      }
    }
    return left;
  }

  AstPtr ParsePredicate() {
    AstPtr left = ParseConcat();
    const bool negated =
        IsKeyword(Peek(), "not") && (IsKeyword(Peek(1), "between") || IsKeyword(Peek(1), "in") ||
                                     IsKeyword(Peek(1), "like") || IsKeyword(Peek(1), "ilike"));
    if (negated) Next();
    const Token& t = Peek();
    if (IsKeyword(t, "between")) {
      const int pos = Next().pos;
      AstPtr low = ParseConcat();
      ExpectKeyword("and");
      AstPtr high = ParseConcat();
      std::vector<AstPtr> c = Vec(std::move(left), std::move(low));
      c.push_back(std::move(high));
      left = Make(AstKind::kBetween, pos, "", std::move(c));
    } else if (IsKeyword(t, "in")) {
      const int pos = Next().pos;
      Expect(TokenKind::kLParen, "'(' after IN");
      std::vector<AstPtr> c = Vec(std::move(left));
      if (Peek().kind == TokenKind::kRParen) Fail(Peek().pos, "IN needs at least one value");
      while (true) {
        c.push_back(ParseExpr());
        if (Peek().kind == TokenKind::kComma) {
          Next();
          continue;
        }
        Expect(TokenKind::kRParen, "',' or ')' in the IN list");
        break;
      }
      left = Make(AstKind::kIn, pos, "", std::move(c));
    } else if (IsKeyword(t, "like") || IsKeyword(t, "ilike")) {
      const bool ilike = IsKeyword(t, "ilike");
      const int pos = Next().pos;
      left = Make(AstKind::kLike, pos, "", Vec(std::move(left), ParseConcat()));
      left->flag = ilike;
      if (IsKeyword(Peek(), "escape")) {
        Fail(Peek().pos, "ESCAPE is not supported; a backslash escapes % and _ in LIKE patterns");
      }
    } else {
      return left;
    }
    left->negated = negated;
    return left;
  }

  AstPtr ParseConcat() {
    AstPtr left = ParseAdditive();
    while (IsOp(Peek(), "||")) {
      const int pos = Next().pos;
      left = Make(AstKind::kBinary, pos, "||", Vec(std::move(left), ParseAdditive()));
    }
    return left;
  }

  AstPtr ParseAdditive() {
    AstPtr left = ParseMultiplicative();
    while (IsOp(Peek(), "+") || IsOp(Peek(), "-")) {
      const Token& op = Next();
      left = Make(AstKind::kBinary, op.pos, op.text, Vec(std::move(left), ParseMultiplicative()));
    }
    return left;
  }

  AstPtr ParseMultiplicative() {
    AstPtr left = ParseUnary();
    while (IsOp(Peek(), "*") || IsOp(Peek(), "/") || IsOp(Peek(), "%")) {
      const Token& op = Next();
      left = Make(AstKind::kBinary, op.pos, op.text, Vec(std::move(left), ParseUnary()));
    }
    return left;
  }

  AstPtr ParseUnary() {
    if (IsOp(Peek(), "-") || IsOp(Peek(), "+")) {
      DepthGuard guard(this);
      const Token& op = Next();
      // -9223372036854775808 is the one integer literal whose magnitude does not fit int64.
      if (op.text == "-" && Peek().kind == TokenKind::kInteger &&
          Peek().text == "9223372036854775808") {
        Next();
        return MakeLiteral(op.pos, Value::Int64(std::numeric_limits<int64_t>::min()));
      }
      AstPtr operand = ParseUnary();
      if (op.text == "+") return operand;
      return Make(AstKind::kUnary, op.pos, "-", Vec(std::move(operand)));
    }
    return ParsePrimary();
  }

  AstPtr ParsePrimary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kInteger: {
        Next();
        int64_t v = 0;
        auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        if (r.ec == std::errc() && r.ptr == t.text.data() + t.text.size()) {
          return MakeLiteral(t.pos, Value::Int64(v));
        }
        return MakeLiteral(t.pos, Value::Float64(std::strtod(t.text.c_str(), nullptr)));
      }
      case TokenKind::kDecimal: {
        Next();
        const double v = std::strtod(t.text.c_str(), nullptr);
        if (!std::isfinite(v)) Fail(t.pos, fmt::format("number {} is out of range", t.text));
        return MakeLiteral(t.pos, Value::Float64(v));
      }
      case TokenKind::kString:
        Next();
        return MakeLiteral(t.pos, Value::String(t.text));
      case TokenKind::kQuotedIdent:
        Next();
        return Make(AstKind::kColumn, t.pos, t.text, {});
      case TokenKind::kLParen: {
        Next();
        AstPtr e = ParseExpr();
        Expect(TokenKind::kRParen, "')'");
        return e;
      }
      case TokenKind::kIdent:
        return ParseIdentifier();
      case TokenKind::kEnd:
        Fail(t.pos, "expression ends where a value was expected");
      default:
        Fail(t.pos, fmt::format("expected a value but found {}", Describe(t)));
    }
  }

  AstPtr ParseIdentifier() {
    const Token& t = Next();
    const std::string lower = Lower(t.text);
    const bool call = Peek().kind == TokenKind::kLParen;
    if (lower == "null") return MakeLiteral(t.pos, Value());
    if (lower == "true") return MakeLiteral(t.pos, Value::Bool(true));
    if (lower == "false") return MakeLiteral(t.pos, Value::Bool(false));
    if (lower == "case") return ParseCase(t.pos);
    if ((lower == "cast" || lower == "try_cast") && call)
      return ParseCast(t.pos, lower == "try_cast");
    if ((lower == "date" || lower == "timestamp") && Peek().kind == TokenKind::kString) {
      const Token& lit = Next();
      auto n = Make(AstKind::kCast, t.pos, "", Vec(MakeLiteral(lit.pos, Value::String(lit.text))));
      n->cast_type = lower == "date" ? TypeId::kDate : TypeId::kTimestamp;
      return n;
    }
    if (lower == "extract" && call) return ParseExtract(t.pos);
    for (auto kw : kReserved) {
      if (lower == kw) {
        Fail(t.pos,
             fmt::format("unexpected keyword {}{}", t.text,
                         call ? "" : " (write \"" + t.text + "\" for a column of that name)"));
      }
    }
    if (!call) return Make(AstKind::kColumn, t.pos, t.text, {});
    Next();  // (
    std::vector<AstPtr> args;
    if (Peek().kind != TokenKind::kRParen) {
      while (true) {
        args.push_back(ParseExpr());
        if (Peek().kind == TokenKind::kComma) {
          Next();
          continue;
        }
        break;
      }
    }
    Expect(TokenKind::kRParen, "',' or ')' in the argument list of " + t.text);
    return Make(AstKind::kCall, t.pos, lower, std::move(args));
  }

  AstPtr ParseCase(int pos) {
    std::vector<AstPtr> c;
    bool simple = false;
    if (!IsKeyword(Peek(), "when")) {
      c.push_back(ParseExpr());
      simple = true;
    }
    if (!IsKeyword(Peek(), "when")) {
      Fail(Peek().pos, fmt::format("expected WHEN but found {}", Describe(Peek())));
    }
    while (AcceptKeyword("when")) {
      c.push_back(ParseExpr());
      ExpectKeyword("then");
      c.push_back(ParseExpr());
    }
    bool has_else = false;
    if (AcceptKeyword("else")) {
      c.push_back(ParseExpr());
      has_else = true;
    }
    if (!AcceptKeyword("end")) {
      Fail(Peek().pos, fmt::format("expected WHEN, ELSE or END but found {}", Describe(Peek())));
    }
    auto n = Make(AstKind::kCase, pos, "", std::move(c));
    n->flag = simple;
    n->has_else = has_else;
    return n;
  }

  AstPtr ParseCast(int pos, bool try_cast) {
    Next();  // (
    AstPtr operand = ParseExpr();
    ExpectKeyword("as");
    const Token& type = Peek();
    if (type.kind != TokenKind::kIdent) {
      Fail(type.pos, fmt::format("expected a type name but found {}", Describe(type)));
    }
    Next();
    auto parsed = ParseTypeName(type.text);
    if (!parsed || *parsed == TypeId::kNull) {
      Fail(type.pos, fmt::format("unknown type '{}'; types are bool, int64, float64, string, "
                                 "date, timestamp",
                                 type.text));
    }
    Expect(TokenKind::kRParen, "')' after the type");
    auto n = Make(AstKind::kCast, pos, "", Vec(std::move(operand)));
    n->cast_type = *parsed;
    n->flag = try_cast;
    return n;
  }

  AstPtr ParseExtract(int pos) {
    Next();  // (
    const Token& field = Peek();
    if (field.kind != TokenKind::kIdent && field.kind != TokenKind::kString) {
      Fail(field.pos, fmt::format("expected a field name (year, month, day, ...) but found {}",
                                  Describe(field)));
    }
    Next();
    AstPtr field_lit = MakeLiteral(field.pos, Value::String(Lower(field.text)));
    ExpectKeyword("from");
    AstPtr operand = ParseExpr();
    Expect(TokenKind::kRParen, "')'");
    return Make(AstKind::kCall, pos, "date_part", Vec(std::move(field_lit), std::move(operand)));
  }

  std::string_view text_;
  std::vector<Token> toks_;
  size_t i_ = 0;
  int recursion_ = 0;
};

}  // namespace

AstPtr ParseExpression(std::string_view text) {
  Parser p(text, Lex(text));
  return p.ParseAll();
}

}  // namespace xf
