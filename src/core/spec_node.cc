#include "core/spec_node.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "core/strings.h"
#include "core/time.h"

namespace xf {

namespace {

Error SyntaxError(const YAML::Exception& e, const std::string& file) {
  SourceContext ctx;
  ctx.file = file;
  if (!e.mark.is_null()) {
    ctx.line = e.mark.line + 1;
    ctx.column = e.mark.column + 1;
  }
  return Error(ErrorKind::kSpec, "invalid YAML: " + e.msg, ctx);
}

}  // namespace

SpecNode::SpecNode(YAML::Node node, std::string file, std::string key, std::string step)
    : node_(std::move(node)), file_(std::move(file)), key_(std::move(key)), step_(std::move(step)) {}

SpecNode& SpecNode::operator=(const SpecNode& other) {
  if (this == &other) return *this;
  node_.reset(other.node_.IsDefined() ? other.node_ : YAML::Node(YAML::NodeType::Undefined));
  file_ = other.file_;
  key_ = other.key_;
  step_ = other.step_;
  fallback_line_ = other.fallback_line_;
  return *this;
}

SpecNode SpecNode::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, "cannot open spec file", {.file = path});
  std::stringstream text;
  text << in.rdbuf();
  return LoadString(text.str(), path);
}

SpecNode SpecNode::LoadString(const std::string& text, const std::string& file) {
  try {
    return SpecNode(YAML::Load(text), file);
  } catch (const YAML::Exception& e) {
    throw SyntaxError(e, file);
  }
}

int64_t SpecNode::line() const {
  if (node_.IsDefined() && !node_.Mark().is_null()) return node_.Mark().line + 1;
  return fallback_line_;
}

int64_t SpecNode::column() const {
  if (node_.IsDefined() && !node_.Mark().is_null()) return node_.Mark().column + 1;
  return 0;
}

SourceContext SpecNode::context() const {
  SourceContext ctx;
  ctx.file = file_;
  ctx.line = line();
  ctx.column = column();
  ctx.step = step_;
  return ctx;
}

SpecNode SpecNode::InStep(std::string step) const {
  SpecNode copy = *this;
  copy.step_ = std::move(step);
  return copy;
}

void SpecNode::Fail(const std::string& message) const {
  std::string text = key_.empty() ? message : fmt::format("option '{}': {}", key_, message);
  throw Error(ErrorKind::kSpec, text, context());
}

bool SpecNode::Has(std::string_view key) const {
  return node_.IsMap() && node_[std::string(key)].IsDefined();
}

SpecNode SpecNode::Get(std::string_view key) const {
  std::string k(key);
  // A missing key gives yaml-cpp's "zombie" node, which throws when rebound; use a plain
  // undefined node instead.
  YAML::Node found = node_.IsMap() ? node_[k] : YAML::Node(YAML::NodeType::Undefined);
  YAML::Node child = found.IsDefined() ? found : YAML::Node(YAML::NodeType::Undefined);
  SpecNode out(child, file_, k, step_);
  out.fallback_line_ = line();
  return out;
}

SpecNode SpecNode::Required(std::string_view key) const {
  if (!node_.IsMap()) Fail(fmt::format("expected a map with key '{}'", key));
  SpecNode child = Get(key);
  if (!child.node_.IsDefined()) {
    SpecNode at = *this;
    at.key_.clear();
    at.Fail(fmt::format("missing required option '{}'", key));
  }
  return child;
}

namespace {

// YAML allows any node as a map key; specs only use text. Anything else (`[a, b]: 1`, `~: 1`) is
// a spec error at the key rather than yaml-cpp's conversion exception.
std::string KeyText(const YAML::Node& key, const std::string& file, const std::string& step) {
  if (!key.IsScalar()) SpecNode(key, file, "", step).Fail("a map key must be text");
  return key.Scalar();
}

}  // namespace

std::vector<std::string> SpecNode::Keys() const {
  std::vector<std::string> keys;
  if (!node_.IsMap()) return keys;
  for (const auto& kv : node_) keys.push_back(KeyText(kv.first, file_, step_));
  return keys;
}

std::vector<std::pair<std::string, SpecNode>> SpecNode::Entries() const {
  std::vector<std::pair<std::string, SpecNode>> out;
  if (!node_.IsMap()) return out;
  for (const auto& kv : node_) {
    std::string k = KeyText(kv.first, file_, step_);
    SpecNode child(kv.second, file_, k, step_);
    child.fallback_line_ = kv.first.Mark().is_null() ? line() : kv.first.Mark().line + 1;
    out.emplace_back(k, std::move(child));
  }
  return out;
}

void SpecNode::CheckKeys(const std::vector<std::string>& allowed) const {
  if (!node_.IsDefined() || node_.IsNull()) return;
  if (!node_.IsMap()) Fail("expected a map");
  for (const auto& kv : node_) {
    std::string k = KeyText(kv.first, file_, step_);
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == k;
    if (ok) continue;
    SpecNode at(kv.first, file_, "", step_);
    std::string hint = ClosestName(k, allowed);
    std::string where = key_.empty() ? "" : fmt::format(" in '{}'", key_);
    at.Fail(hint.empty() ? fmt::format("unknown option '{}'{}; valid: {}", k, where,
                                       fmt::join(allowed, ", "))
                         : fmt::format("unknown option '{}'{}; did you mean '{}'?", k, where, hint));
  }
}

std::vector<SpecNode> SpecNode::Items() const {
  std::vector<SpecNode> out;
  if (!IsDefined()) return out;
  if (!node_.IsSequence()) {
    out.push_back(*this);
    return out;
  }
  int i = 0;
  for (const auto& item : node_) {
    SpecNode child(item, file_, fmt::format("{}[{}]", key_, i++), step_);
    child.fallback_line_ = line();
    out.push_back(std::move(child));
  }
  return out;
}

std::string SpecNode::AsString() const {
  if (!node_.IsDefined() || !node_.IsScalar()) Fail("expected a text value");
  return node_.Scalar();
}

double SpecNode::AsDouble() const {
  std::string s = AsString();
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) Fail(fmt::format("expected a number, got '{}'", s));
  return v;
}

int64_t SpecNode::AsInt() const {
  std::string s = AsString();
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) Fail(fmt::format("expected an integer, got '{}'", s));
  return v;
}

bool SpecNode::AsBool() const {
  std::string s = AsString();
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  Fail(fmt::format("expected true or false, got '{}'", s));
}

std::vector<std::string> SpecNode::AsStringList() const {
  std::vector<std::string> out;
  for (const SpecNode& item : Items()) out.push_back(item.AsString());
  return out;
}

std::vector<double> SpecNode::AsDoubleList() const {
  std::vector<double> out;
  for (const SpecNode& item : Items()) out.push_back(item.AsDouble());
  return out;
}

int64_t SpecNode::AsDuration() const {
  int64_t micros = 0;
  if (!ParseDuration(AsString(), &micros)) {
    Fail(fmt::format("'{}' is not a duration (expected e.g. 15m, 1h, 1d, 7d)", AsString()));
  }
  return micros;
}

const ColumnPtr& SpecNode::ColumnOf(const Table& table, const std::string& name) const {
  const int i = table.ColumnIndex(name);
  if (i < 0) {
    const std::string close = ClosestName(name, table.schema().names());
    Fail(close.empty() ? fmt::format("no column '{}'; columns are: {}", name,
                                     fmt::join(table.schema().names(), ", "))
                       : fmt::format("no column '{}'; did you mean '{}'?", name, close));
  }
  return table.column(i);
}

std::string SpecNode::GetString(std::string_view key, const std::string& fallback) const {
  SpecNode c = Get(key);
  return c.IsDefined() ? c.AsString() : fallback;
}
double SpecNode::GetDouble(std::string_view key, double fallback) const {
  SpecNode c = Get(key);
  return c.IsDefined() ? c.AsDouble() : fallback;
}
int64_t SpecNode::GetInt(std::string_view key, int64_t fallback) const {
  SpecNode c = Get(key);
  return c.IsDefined() ? c.AsInt() : fallback;
}
bool SpecNode::GetBool(std::string_view key, bool fallback) const {
  SpecNode c = Get(key);
  return c.IsDefined() ? c.AsBool() : fallback;
}

}  // namespace xf
