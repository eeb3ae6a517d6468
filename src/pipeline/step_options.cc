#include "pipeline/step_options.h"

#include <fmt/format.h>

#include <charconv>

#include "core/strings.h"
#include "core/time.h"

namespace xf::pipeline {

std::vector<NamedExpression> ParseNamedExpressions(const SpecNode& node) {
  if (!node.IsMap()) node.Fail("expected a map of column: expression");
  std::vector<NamedExpression> out;
  for (const auto& [name, value] : node.Entries()) out.push_back({name, value.AsString()});
  return out;
}

AggSpec ParseAggregate(const SpecNode& node, const std::string& output) {
  std::string text(TrimAscii(node.AsString()));
  size_t open = text.find('(');
  if (open == std::string::npos || text.back() != ')') {
    node.Fail(fmt::format("expected function(column), e.g. sum(kwh), got '{}'", text));
  }
  std::string func(TrimAscii(std::string_view(text).substr(0, open)));
  std::string args(TrimAscii(std::string_view(text).substr(open + 1, text.size() - open - 2)));
  AggSpec spec;
  spec.output = output;
  if (func == "count" && (args == "*" || args.empty())) {
    spec.kind = AggKind::kCountStar;
    return spec;
  }
  std::optional<AggKind> kind = ParseAggKind(func);
  if (!kind) {
    std::vector<std::string> names;
    for (AggKind k : {AggKind::kCount, AggKind::kCountDistinct, AggKind::kSum, AggKind::kAvg,
                      AggKind::kMin, AggKind::kMax, AggKind::kStddev, AggKind::kVar,
                      AggKind::kMedian, AggKind::kQuantile, AggKind::kFirst, AggKind::kLast}) {
      names.push_back(AggKindName(k));
    }
    std::string hint = ClosestName(func, names);
    node.Fail(hint.empty() ? fmt::format("unknown aggregate '{}'; valid: {}", func, fmt::join(names, ", "))
                           : fmt::format("unknown aggregate '{}'; did you mean '{}'?", func, hint));
  }
  spec.kind = *kind;
  if (spec.kind == AggKind::kQuantile) {
    size_t comma = args.rfind(',');
    if (comma == std::string::npos) node.Fail("quantile needs (column, q), e.g. quantile(kwh, 0.9)");
    std::string q(TrimAscii(std::string_view(args).substr(comma + 1)));
    auto [p, ec] = std::from_chars(q.data(), q.data() + q.size(), spec.quantile);
    if (ec != std::errc() || p != q.data() + q.size() || spec.quantile < 0 || spec.quantile > 1) {
      node.Fail(fmt::format("quantile must be a number in [0, 1], got '{}'", q));
    }
    args = std::string(TrimAscii(std::string_view(args).substr(0, comma)));
  }
  if (args.empty()) node.Fail(fmt::format("{}() needs a column", func));
  spec.column = args;
  return spec;
}

std::vector<AggSpec> ParseAggregates(const SpecNode& node) {
  if (!node.IsMap()) node.Fail("expected a map of output: function(column)");
  std::vector<AggSpec> out;
  for (const auto& [name, value] : node.Entries()) out.push_back(ParseAggregate(value, name));
  return out;
}

std::vector<SortKey> ParseSortKeys(const SpecNode& node) {
  std::vector<SortKey> keys;
  for (const SpecNode& item : node.Items()) {
    std::string text(TrimAscii(item.AsString()));
    SortKey key;
    if (!text.empty() && text[0] == '-') {
      key.descending = true;
      text = text.substr(1);
    } else if (text.size() > 5 && text.ends_with(" desc")) {
      key.descending = true;
      text = std::string(TrimAscii(std::string_view(text).substr(0, text.size() - 5)));
    } else if (text.size() > 4 && text.ends_with(" asc")) {
      text = std::string(TrimAscii(std::string_view(text).substr(0, text.size() - 4)));
    }
    if (text.empty()) item.Fail("empty sort key");
    key.column = text;
    keys.push_back(key);
  }
  return keys;
}

int64_t ParseDurationOption(const SpecNode& node) { return node.AsDuration(); }

void RequireColumn(const SpecNode& option, const Table& table, const std::string& column) {
  option.ColumnOf(table, column);
}

}  // namespace xf::pipeline
