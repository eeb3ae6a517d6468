#include "expr/evaluator.h"

#include <fmt/format.h>

#include <atomic>
#include <cstring>
#include <exception>
#include <numeric>

#include "core/thread_pool.h"
#include "expr/cast.h"
#include "expr/in_set.h"
#include "expr/kernels.h"
#include "expr/like.h"

namespace xf {

void KernelContext::FailRow(int64_t i, const std::string& msg) const {
  const int64_t row = batch->row_ids != nullptr ? batch->row_ids[i] : batch->row_base + i;
  throw Error(
      ErrorKind::kData, fmt::format("row {}: {}", row + 1, msg),
      SourceContext{.column = node->pos, .expression = batch->text != nullptr ? *batch->text : ""});
}

BoundPtr MakeLiteralNode(Value v, int pos) {
  auto n = std::make_shared<BoundNode>();
  n->op = BoundOp::kLiteral;
  n->type = v.type();
  n->pos = pos;
  n->literal_column = Column::MakeConstant(v, 1);
  n->value = std::move(v);
  return n;
}

ColumnPtr Materialize(const Vec& v, int64_t n) {
  if (v.scalar) return Column::MakeConstant(v.col->GetValue(v.off), n);
  if (v.off == 0 && v.col->size() == n) return v.col;
  return v.col->Slice(v.off, n);
}

namespace {

void CollectColumns(const BoundNode& node, std::vector<bool>* used) {
  if (node.op == BoundOp::kColumn) (*used)[static_cast<size_t>(node.column)] = true;
  for (const auto& c : node.children) CollectColumns(*c, used);
}

// Evaluates `node` on the batch rows listed in `rows` only, so that a CASE branch that may raise
// an error (CAST) is not run on rows that do not reach it.
Vec EvalOnRows(const BoundNode& node, const Batch& batch, const std::vector<int64_t>& rows) {
  const int64_t m = static_cast<int64_t>(rows.size());
  std::vector<bool> used(batch.columns->size(), false);
  CollectColumns(node, &used);
  std::vector<int64_t> at(rows.size()), ids(rows.size());
  for (size_t j = 0; j < rows.size(); ++j) {
    at[j] = batch.offset + rows[j];
    ids[j] = batch.row_ids != nullptr ? batch.row_ids[rows[j]] : batch.row_base + rows[j];
  }
  std::vector<ColumnPtr> cols(batch.columns->size());
  for (size_t c = 0; c < cols.size(); ++c) {
    if (used[c]) cols[c] = (*batch.columns)[c]->Take(at);
  }
  Batch sub{&cols, 0, m, ids.data(), 0, batch.text};
  return Vec{Materialize(EvalNode(node, sub), m), 0, false};
}

Vec EvalCase(const BoundNode& node, const Batch& batch) {
  const int64_t n = batch.n;
  const size_t whens = (node.children.size() - (node.has_else ? 1 : 0)) / 2;
  std::vector<int32_t> branch(static_cast<size_t>(n), static_cast<int32_t>(whens));
  std::vector<int64_t> undecided(static_cast<size_t>(n));
  std::iota(undecided.begin(), undecided.end(), 0);
  for (size_t k = 0; k < whens && !undecided.empty(); ++k) {
    const BoundNode& cond = *node.children[2 * k];
    const bool full = static_cast<int64_t>(undecided.size()) == n || !cond.can_raise;
    const Vec c = full ? EvalNode(cond, batch) : EvalOnRows(cond, batch, undecided);
    std::vector<int64_t> rest;
    for (size_t j = 0; j < undecided.size(); ++j) {
      const int64_t r = undecided[j];
      const int64_t at = full ? r : static_cast<int64_t>(j);
      if (c.Valid(at) && c.Get<uint8_t>(at) != 0) {
        branch[static_cast<size_t>(r)] = static_cast<int32_t>(k);
      } else {
        rest.push_back(r);
      }
    }
    undecided.swap(rest);
  }
  std::vector<std::vector<int64_t>> rows_of(whens + 1);
  std::vector<int64_t> pos_in(static_cast<size_t>(n));
  for (int64_t r = 0; r < n; ++r) {
    auto& list = rows_of[static_cast<size_t>(branch[static_cast<size_t>(r)])];
    pos_in[static_cast<size_t>(r)] = static_cast<int64_t>(list.size());
    list.push_back(r);
  }
  std::vector<Vec> results(whens + 1);
  std::vector<bool> full_result(whens + 1, true);
  for (size_t b = 0; b <= whens; ++b) {
    if (rows_of[b].empty()) continue;
    const BoundNode* value = b < whens       ? node.children[2 * b + 1].get()
                             : node.has_else ? node.children.back().get()
                                             : nullptr;
    if (value == nullptr) continue;
    const bool full = static_cast<int64_t>(rows_of[b].size()) == n || !value->can_raise;
    full_result[b] = full;
    results[b] = full ? EvalNode(*value, batch) : EvalOnRows(*value, batch, rows_of[b]);
  }
  if (node.type == TypeId::kNull) return Vec{Column::MakeNulls(TypeId::kNull, n), 0, false};
  auto out = Column::Make(node.type);
  out->Reserve(n);
  for (int64_t r = 0; r < n; ++r) {
    const size_t b = static_cast<size_t>(branch[static_cast<size_t>(r)]);
    const Vec& v = results[b];
    if (v.col == nullptr) {
      out->AppendNull();
      continue;
    }
    const int64_t at = full_result[b] ? r : pos_in[static_cast<size_t>(r)];
    out->AppendFrom(*v.col, v.Index(at));
  }
  return Vec{out, 0, false};
}

}  // namespace

Vec EvalNode(const BoundNode& node, const Batch& batch) {
  const int64_t n = batch.n;
  auto child = [&](size_t i) { return EvalNode(*node.children[i], batch); };
  auto own = [](ColumnPtr c) { return Vec{std::move(c), 0, false}; };
  KernelContext ctx{&node, &batch};
  switch (node.op) {
    case BoundOp::kLiteral:
      return Vec{node.literal_column, 0, true};
    case BoundOp::kColumn:
      return Vec{(*batch.columns)[static_cast<size_t>(node.column)], batch.offset, false};
    case BoundOp::kCast:
      return own(CastKernel(child(0), n, node.type, node.try_cast, ctx));
    case BoundOp::kArith:
      return own(ArithKernel(static_cast<ArithOp>(node.subop), child(0), child(1), n));
    case BoundOp::kCompare:
      return own(CompareKernel(static_cast<CompareOp>(node.subop), child(0), child(1), n));
    case BoundOp::kAnd:
      return own(AndKernel(child(0), child(1), n));
    case BoundOp::kOr:
      return own(OrKernel(child(0), child(1), n));
    case BoundOp::kNot:
      return own(NotKernel(child(0), n));
    case BoundOp::kNeg:
      return own(NegateKernel(child(0), n));
    case BoundOp::kIsNull:
      return own(IsNullKernel(child(0), n, node.negated));
    case BoundOp::kInSet:
      return own(ctx.state<InSet>().Evaluate(child(0), n, node.negated));
    case BoundOp::kLike:
      return own(LikeKernel(child(0), child(1), n,
                            static_cast<const LikeMatcher*>(node.state.get()),
                            node.subop != 0 /* ILIKE */, node.negated));
    case BoundOp::kCase:
      return EvalCase(node, batch);
    case BoundOp::kCall: {
      std::vector<Vec> args;
      args.reserve(node.children.size());
      for (size_t i = 0; i < node.children.size(); ++i) args.push_back(child(i));
      ColumnPtr out = node.kernel(args, n, ctx);
      XF_CHECK(out->size() == n && out->type() == node.type);
      return own(std::move(out));
    }
  }
  XF_CHECK(false);
  return {};
}

namespace {

ColumnPtr Concatenate(TypeId type, const std::vector<ColumnPtr>& parts, int64_t total) {
  if (type == TypeId::kNull) return Column::MakeNulls(TypeId::kNull, total);
  auto out = Column::Make(type);
  if (type == TypeId::kString) {
    int64_t bytes = 0;
    for (const auto& p : parts) bytes += p->string_bytes();
    out->Reserve(total, bytes);
    for (const auto& p : parts) out->AppendColumn(*p);
    return out;
  }
  const size_t w = static_cast<size_t>(FixedWidth(type));
  out->ResizeFixed(total);
  uint8_t* dst = out->mutable_data<uint8_t>();
  bool any_null = false;
  for (const auto& p : parts) {
    std::memcpy(dst, p->data<uint8_t>(), static_cast<size_t>(p->size()) * w);
    dst += static_cast<size_t>(p->size()) * w;
    any_null |= p->HasNulls();
  }
  if (any_null) {
    // Every part but the last has kMorselRows rows, a multiple of 8: validity bytes concatenate.
    std::vector<uint8_t> bits(BitmapBytes(total), 0xFF);
    size_t at = 0;
    for (const auto& p : parts) {
      const size_t bytes = BitmapBytes(p->size());
      if (p->validity() != nullptr) std::memcpy(bits.data() + at, p->validity(), bytes);
      at += bytes;
    }
    out->SetValidity(std::move(bits));
  }
  return out;
}

}  // namespace

ColumnPtr EvaluateColumns(const BoundNode& root, const std::vector<ColumnPtr>& columns,
                          int64_t num_rows, const std::string& text) {
  if (num_rows <= kMorselRows) {
    Batch b{&columns, 0, num_rows, nullptr, 0, &text};
    return Materialize(EvalNode(root, b), num_rows);
  }
  const int64_t m = (num_rows + kMorselRows - 1) / kMorselRows;
  std::vector<ColumnPtr> parts(static_cast<size_t>(m));
  std::vector<std::exception_ptr> errors(static_cast<size_t>(m));
  // Fixed-width results are copied into the output by the morsel that computed them, so the
  // final copy runs in parallel too; strings are concatenated afterwards.
  const bool fixed = root.type != TypeId::kString && root.type != TypeId::kNull;
  ColumnPtr out;
  std::vector<uint8_t> bits;
  std::atomic<bool> any_null{false};
  const size_t w = static_cast<size_t>(FixedWidth(root.type));
  if (fixed) {
    out = Column::Make(root.type);
    out->ResizeFixed(num_rows);
    bits.assign(BitmapBytes(num_rows), 0xFF);
  }
  ThreadPool::Global().ParallelFor(m, [&](int64_t k) {
    try {
      const int64_t begin = k * kMorselRows;
      const int64_t len = std::min(kMorselRows, num_rows - begin);
      Batch b{&columns, begin, len, nullptr, begin, &text};
      ColumnPtr part = Materialize(EvalNode(root, b), len);
      if (!fixed) {
        parts[static_cast<size_t>(k)] = std::move(part);
        return;
      }
      std::memcpy(out->mutable_data<uint8_t>() + static_cast<size_t>(begin) * w,
                  part->data<uint8_t>(), static_cast<size_t>(len) * w);
      if (part->validity() != nullptr) {
        // begin is a multiple of 8: validity bytes line up.
        std::memcpy(bits.data() + begin / 8, part->validity(), BitmapBytes(len));
        any_null = any_null || part->HasNulls();
      }
    } catch (...) {
      errors[static_cast<size_t>(k)] = std::current_exception();
    }
  });
  // The first failing morsel in row order, whatever the thread timing.
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  if (fixed) {
    if (any_null) out->SetValidity(std::move(bits));
    return out;
  }
  return Concatenate(root.type, parts, num_rows);
}

}  // namespace xf
