#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "expr/coerce.h"
#include "expr/functions.h"

namespace xf {

namespace {

const std::vector<FunctionDef>& Registry() {
  static const std::vector<FunctionDef> registry = [] {
    std::vector<FunctionDef> r;
    RegisterMathFunctions(&r);
    RegisterStringFunctions(&r);
    RegisterTimeFunctions(&r);
    RegisterCalendarFunctions(&r);
    RegisterCnFunctions(&r);
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return r;
  }();
  return registry;
}

std::string TypeList(const std::vector<TypeId>& types) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += ", ";
    out += TypeName(types[i]);
  }
  return out;
}

}  // namespace

const FunctionDef* FindFunction(std::string_view name) {
  const auto& r = Registry();
  auto it = std::lower_bound(r.begin(), r.end(), name,
                             [](const FunctionDef& d, std::string_view n) { return d.name < n; });
  return it != r.end() && it->name == name ? &*it : nullptr;
}

std::vector<std::string> FunctionNames() {
  std::vector<std::string> out;
  for (const auto& d : Registry()) out.push_back(d.name);
  return out;
}

void FunctionCall::Fail(int i, const std::string& message) const {
  const int pos =
      i < 0 || static_cast<size_t>(i) >= args_.size() ? pos_ : args_[static_cast<size_t>(i)]->pos;
  throw Error(ErrorKind::kSpec, message, SourceContext{.column = pos, .expression = *text_});
}

std::string FunctionCall::ConstantString(size_t i, std::string_view what) const {
  if (!IsConstant(i) || type(i) != TypeId::kString || Constant(i).is_null()) {
    Fail(static_cast<int>(i), fmt::format("{}: {} must be a constant string", name_, what));
  }
  return Constant(i).string_value();
}

BoundFunction BindOverloads(FunctionCall& call, const std::vector<Overload>& overloads) {
  const Overload* best = nullptr;
  int best_cost = 1 << 30;
  for (const auto& o : overloads) {
    if (o.params.size() != call.size()) continue;
    int cost = 0;
    for (size_t i = 0; i < call.size() && cost >= 0; ++i) {
      const int c = CoercionCost(*call.arg(i), o.params[i]);
      cost = c < 0 ? -1 : cost + c;
    }
    if (cost >= 0 && cost < best_cost) {
      best = &o;
      best_cost = cost;
    }
  }
  if (best == nullptr) {
    // Name the first argument that no overload of this arity accepts.
    for (size_t i = 0; i < call.size(); ++i) {
      std::vector<TypeId> accepted;
      for (const auto& o : overloads) {
        if (o.params.size() != call.size()) continue;
        if (std::find(accepted.begin(), accepted.end(), o.params[i]) == accepted.end()) {
          accepted.push_back(o.params[i]);
        }
      }
      bool fits = false;
      for (TypeId t : accepted) fits |= CoercionCost(*call.arg(i), t) >= 0;
      if (!fits && !accepted.empty()) {
        std::string expected;
        for (size_t k = 0; k < accepted.size(); ++k) {
          if (k > 0) expected += k + 1 == accepted.size() ? " or " : ", ";
          expected += TypeName(accepted[k]);
        }
        call.Fail(static_cast<int>(i),
                  fmt::format("{}: argument {} must be {}, not {}", call.name(), i + 1, expected,
                              TypeName(call.type(i))));
      }
    }
    std::vector<TypeId> got;
    for (size_t i = 0; i < call.size(); ++i) got.push_back(call.type(i));
    std::string candidates;
    for (const auto& o : overloads) {
      candidates +=
          fmt::format("{}{}({})", candidates.empty() ? "" : ", ", call.name(), TypeList(o.params));
    }
    call.Fail(-1, fmt::format("no function {}({}); there are {}", call.name(), TypeList(got),
                              candidates));
  }
  for (size_t i = 0; i < call.size(); ++i) {
    call.args()[i] = Coerce(call.arg(i), best->params[i], call.text());
  }
  return BoundFunction{best->result, best->kernel, nullptr, false};
}

TypeId CoerceToCommonType(FunctionCall& call, size_t first, const std::string& what) {
  if (first >= call.size()) return TypeId::kNull;
  // Start from a non-literal argument if any, so that a column's type wins over literals.
  const BoundNode* acc = call.arg(first).get();
  for (size_t i = first; i < call.size(); ++i) {
    if (call.arg(i)->op != BoundOp::kLiteral && call.type(i) != TypeId::kNull) {
      acc = call.arg(i).get();
      break;
    }
  }
  TypeId type = acc->type;
  for (size_t i = first; i < call.size(); ++i) {
    bool ok = false;
    BoundNode typed;
    typed.type = type;
    typed.op = BoundOp::kColumn;  // a non-literal of the type found so far
    const TypeId t = CommonType(typed, *call.arg(i), &ok);
    if (!ok) {
      call.Fail(static_cast<int>(i),
                fmt::format("{}: {} have incompatible types {} and {}", call.name(), what,
                            TypeName(type), TypeName(call.type(i))));
    }
    type = t;
  }
  for (size_t i = first; i < call.size(); ++i) {
    call.args()[i] = Coerce(call.arg(i), type, call.text());
  }
  return type;
}

}  // namespace xf
