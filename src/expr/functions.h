// The function registry: name → how to type-check a call and which kernel computes it.
//
// Each family lives in its own file (math_functions.cc, string_functions.cc,
// time_functions.cc) and registers itself through the Register*Functions hooks below, called
// once on first lookup (explicit calls, so static-library linking cannot drop them).
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expr/bound.h"

namespace xf {

// What a function's binder sees: the bound arguments (which it may coerce) and how to fail with a
// caret under the function name or one argument.
class FunctionCall {
 public:
  FunctionCall(std::string name, int pos, const std::string* text, std::vector<BoundPtr> args)
      : name_(std::move(name)), pos_(pos), text_(text), args_(std::move(args)) {}

  const std::string& name() const { return name_; }
  int pos() const { return pos_; }
  const std::string& text() const { return *text_; }
  size_t size() const { return args_.size(); }
  TypeId type(size_t i) const { return args_[i]->type; }
  const BoundPtr& arg(size_t i) const { return args_[i]; }
  std::vector<BoundPtr>& args() { return args_; }
  bool IsConstant(size_t i) const { return args_[i]->op == BoundOp::kLiteral; }
  const Value& Constant(size_t i) const { return args_[i]->value; }
  // A constant string argument (unit names, patterns); fails unless the argument is one.
  std::string ConstantString(size_t i, std::string_view what) const;

  // Spec error with the caret under argument i, or under the name when i < 0.
  [[noreturn]] void Fail(int i, const std::string& message) const;

 private:
  std::string name_;
  int pos_;
  const std::string* text_;
  std::vector<BoundPtr> args_;
};

struct BoundFunction {
  TypeId result = TypeId::kNull;
  Kernel kernel = nullptr;
  std::shared_ptr<const void> state;
  bool can_raise = false;  // the kernel may throw a data error for some rows
};

using FunctionBinder = std::function<BoundFunction(FunctionCall&)>;

struct FunctionDef {
  std::string name;
  int min_args = 0;
  int max_args = 0;       // -1: any number
  std::string signature;  // for messages, e.g. "round(x[, digits])"
  FunctionBinder bind;
};

// nullptr when unknown. `name` is lower case.
const FunctionDef* FindFunction(std::string_view name);
std::vector<std::string> FunctionNames();

// One typed signature of a function.
struct Overload {
  std::vector<TypeId> params;
  TypeId result;
  Kernel kernel;
};

// Picks the overload needing the fewest implicit casts (int64→float64, date→timestamp, NULL→any,
// string literal→date/timestamp), coerces the arguments to it, or fails with a caret under the
// first argument no overload accepts.
BoundFunction BindOverloads(FunctionCall& call, const std::vector<Overload>& overloads);

// Coerces every argument from `first` on to one common type (numeric widening, date→timestamp,
// NULL→any); returns it. Fails naming the first argument that does not fit.
TypeId CoerceToCommonType(FunctionCall& call, size_t first, const std::string& what);

void RegisterMathFunctions(std::vector<FunctionDef>* registry);
void RegisterStringFunctions(std::vector<FunctionDef>* registry);
void RegisterTimeFunctions(std::vector<FunctionDef>* registry);
void RegisterCalendarFunctions(std::vector<FunctionDef>* registry);  // day_type, is_workday
void RegisterCnFunctions(std::vector<FunctionDef>* registry);  // is_resident_id, mask_partial …

}  // namespace xf
