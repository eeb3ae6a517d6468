#include "synth/spec_util.h"

#include <fmt/format.h>

#include <cmath>

#include "core/strings.h"
#include "core/time.h"

namespace xf::synth {

int32_t ReadDate(const SpecNode& node) {
  int32_t d = 0;
  if (!ParseDate(node.AsString(), &d)) {
    node.Fail(fmt::format("'{}' is not a date (expected e.g. 2024-01-05)", node.AsString()));
  }
  return d;
}

int64_t ReadDuration(const SpecNode& node) { return node.AsDuration(); }

std::pair<double, double> ReadRange(const SpecNode& node) {
  if (node.IsSequence()) {
    const std::vector<double> v = node.AsDoubleList();
    if (v.size() != 2) node.Fail("expected [low, high]");
    if (v[0] > v[1]) node.Fail(fmt::format("low {} is above high {}", v[0], v[1]));
    return {v[0], v[1]};
  }
  const double v = node.AsDouble();
  return {v, v};
}

int64_t ReadPoints(const SpecNode& node, int64_t step_micros) {
  const std::string s = node.AsString();
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) {
    const int64_t n = node.AsInt();
    if (n < 1) node.Fail("a length is at least 1 point");
    return n;
  }
  const int64_t us = ReadDuration(node);
  return std::max<int64_t>(1, (us + step_micros / 2) / step_micros);
}

std::pair<int64_t, int64_t> ReadPointRange(const SpecNode& node, int64_t step_micros) {
  if (node.IsSequence()) {
    const std::vector<SpecNode> items = node.Items();
    if (items.size() != 2) node.Fail("expected [shortest, longest]");
    const int64_t lo = ReadPoints(items[0], step_micros);
    const int64_t hi = ReadPoints(items[1], step_micros);
    if (lo > hi) node.Fail("shortest is longer than longest");
    return {lo, hi};
  }
  const int64_t n = ReadPoints(node, step_micros);
  return {n, n};
}

TypeId ReadType(const SpecNode& node) {
  const auto t = ParseTypeName(node.AsString());
  if (!t || *t == TypeId::kNull) {
    node.Fail(fmt::format("unknown type '{}' (int, float, string, bool, date, timestamp)",
                          node.AsString()));
  }
  return *t;
}

const ColumnPtr& ColumnOf(const Table& table, const std::string& name, const SpecNode& node) {
  return node.ColumnOf(table, name);
}

double Param::At(int64_t row) const {
  if (!column) return constant;
  if (column->IsNull(row)) return NAN;
  return column->type() == TypeId::kInt64 ? static_cast<double>(column->data<int64_t>()[row])
                                          : column->data<double>()[row];
}

Param ReadParam(const SpecNode& node, const Table& entities, double fallback) {
  Param p;
  p.constant = fallback;
  if (!node.IsDefined()) return p;
  const std::string s = node.AsString();
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (!s.empty() && end == s.c_str() + s.size()) {
    p.constant = v;
    return p;
  }
  p.column = ColumnOf(entities, s, node);
  if (!IsNumeric(p.column->type())) node.Fail(fmt::format("column '{}' is not numeric", s));
  return p;
}

std::string CellText(const Column& c, int64_t i) {
  if (c.IsNull(i)) return "";
  if (c.type() == TypeId::kString) return std::string(c.GetString(i));
  return c.GetValue(i).ToString();
}

int64_t ScaledCount(double rows, double scale) {
  return std::max<int64_t>(1, std::llround(rows * scale));
}

}  // namespace xf::synth
