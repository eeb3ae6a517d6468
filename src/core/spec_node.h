// Reading YAML specifications (scenarios, synthetic data, standards) with source positions.
//
// A SpecNode is a YAML node plus the file it came from and the step it belongs to, so every
// complaint about a spec names file:line, the step and the option, and suggests the closest valid
// key for a typo. Every module that reads YAML goes through this one class.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "core/table.h"

namespace xf {

class SpecNode {
 public:
  SpecNode() = default;
  SpecNode(YAML::Node node, std::string file, std::string key = "", std::string step = "");
  SpecNode(const SpecNode&) = default;
  // YAML::Node's operator= writes through to the node it refers to (and throws for an undefined
  // one); a SpecNode is a view, so assignment rebinds with reset() instead.
  SpecNode& operator=(const SpecNode& other);

  // Loads a YAML file; a syntax error is a spec error naming file:line:column.
  static SpecNode LoadFile(const std::string& path);
  // Parses YAML text; `file` is used in error messages only.
  static SpecNode LoadString(const std::string& text, const std::string& file);

  bool IsDefined() const { return node_.IsDefined() && !node_.IsNull(); }
  bool IsMap() const { return node_.IsMap(); }
  bool IsSequence() const { return node_.IsSequence(); }
  bool IsScalar() const { return node_.IsScalar(); }

  const std::string& file() const { return file_; }
  const std::string& key() const { return key_; }    // the map key this node was read under
  const std::string& step() const { return step_; }  // the pipeline step it belongs to, or ""
  int64_t line() const;                              // 1-based; 0 when unknown
  int64_t column() const;                            // 1-based; 0 when unknown
  SourceContext context() const;
  // A copy that reports errors as belonging to `step`; children inherit it.
  SpecNode InStep(std::string step) const;

  // Spec error at this node: "file:line:col: step 'x': option 'key': message".
  [[noreturn]] void Fail(const std::string& message) const;

  // --- maps ---
  bool Has(std::string_view key) const;
  // The child under `key`; an undefined node (IsDefined() false) when absent.
  SpecNode Get(std::string_view key) const;
  // The child under `key`; a spec error naming this node's line when absent.
  SpecNode Required(std::string_view key) const;
  // Keys in document order.
  std::vector<std::string> Keys() const;
  // Map entries in document order.
  std::vector<std::pair<std::string, SpecNode>> Entries() const;
  // A spec error for the first key not in `allowed`, with a did-you-mean suggestion.
  void CheckKeys(const std::vector<std::string>& allowed) const;

  // --- sequences ---
  std::vector<SpecNode> Items() const;  // a scalar counts as a one-item sequence

  // --- scalars (a spec error naming the position when the value does not convert) ---
  std::string AsString() const;
  double AsDouble() const;
  int64_t AsInt() const;
  bool AsBool() const;
  std::vector<std::string> AsStringList() const;  // a sequence of scalars, or one scalar
  std::vector<double> AsDoubleList() const;
  // "15m", "1.5h", "7d" (core/time.h ParseDuration) → microseconds.
  int64_t AsDuration() const;

  // Convenience: the child's value, or `fallback` when the key is absent.
  std::string GetString(std::string_view key, const std::string& fallback) const;
  double GetDouble(std::string_view key, double fallback) const;
  int64_t GetInt(std::string_view key, int64_t fallback) const;
  bool GetBool(std::string_view key, bool fallback) const;

  // The column named `name` of `table`; a spec error at this node, with the closest column
  // name, when there is none. For options that name columns.
  const ColumnPtr& ColumnOf(const Table& table, const std::string& name) const;

  const YAML::Node& yaml() const { return node_; }

 private:
  YAML::Node node_;
  std::string file_;
  std::string key_;
  std::string step_;
  // Position of the parent when this node is absent, so "missing option" errors point somewhere.
  int64_t fallback_line_ = 0;
};

}  // namespace xf
