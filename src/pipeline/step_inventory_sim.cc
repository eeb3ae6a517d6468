// inventory_sim: replays daily demand against a (reorder point, order-up-to) stock policy per
// series, so two replenishment policies can be compared on the same demand (stock-out days, lost
// units, stock held). Periodic review, one review per day, lost sales, deterministic lead times:
// the smallest model that still answers "would this policy have run out?".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "model/feature_matrix.h"
#include "model/series_groups.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class InventorySimStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    by_ = o.Get("by").AsStringList();
    time_ = o.Required("time").AsString();
    demand_ = o.Required("demand").AsString();
    reorder_point_ = o.Required("reorder_point").AsString();
    order_up_to_ = o.Required("order_up_to").AsString();
    lead_time_ = o.Required("lead_time").AsString();
    initial_stock_ = o.Required("initial_stock").AsString();
    case_pack_ = o.GetString("case_pack", "");
    prefix_ = o.GetString("prefix", "");
    node_ = o;
  }

  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& b : by_) RequireColumn(node_.Get("by"), *in, b);
    for (const char* key : {"time", "demand", "reorder_point", "order_up_to", "lead_time",
                            "initial_stock", "case_pack"}) {
      if (node_.Has(key)) RequireColumn(node_.Get(key), *in, node_.Get(key).AsString());
    }
    if (in->column(time_)->type() != TypeId::kDate) {
      node_.Get("time").Fail(fmt::format("column '{}' must be a date", time_));
    }
    const int64_t n = in->num_rows();
    // Outputs; rows with a NULL date are not simulated and keep NULLs.
    std::vector<double> start(n, 0), sold(n, 0), lost(n, 0), ordered(n, 0), received(n, 0),
        end(n, 0), on_order(n, 0);
    std::vector<uint8_t> valid(n, 0), stockout(n, 0);
    TagStep(ctx, [&] {
      for (const std::string& c :
           {demand_, reorder_point_, order_up_to_, lead_time_, initial_stock_}) {
        model::RequireNumericColumn(*in, c, "inventory_sim");
      }
      if (!case_pack_.empty()) model::RequireNumericColumn(*in, case_pack_, "inventory_sim");
      const Column& dates = *in->column(time_);
      const Column& demand = *in->column(demand_);
      const Column& rop = *in->column(reorder_point_);
      const Column& upto = *in->column(order_up_to_);
      const Column& lead = *in->column(lead_time_);
      const Column& init = *in->column(initial_stock_);
      const Column* pack = case_pack_.empty() ? nullptr : in->column(case_pack_).get();
      auto value = [](const Column& c, int64_t row, double fallback) {
        double v = 0;
        return model::NumericValue(c, row, &v) && std::isfinite(v) ? v : fallback;
      };
      ForEachDatedSeries(*in, by_, dates, [&](const std::vector<int64_t>& rows) {
        if (rows.empty()) return;
        double stock = std::max(0.0, value(init, rows.front(), 0));
        double pipeline = 0;                 // ordered, not yet received
        std::multimap<int32_t, double> due;  // arrival date → quantity
        for (int64_t r : rows) {
          const int32_t day = dates.data<int32_t>()[r];
          // Deliveries due by today arrive before the store opens.
          double in_today = 0;
          while (!due.empty() && due.begin()->first <= day) {
            in_today += due.begin()->second;
            due.erase(due.begin());
          }
          stock += in_today;
          pipeline -= in_today;
          const double want = std::max(0.0, value(demand, r, 0));
          const double sell = std::min(stock, want);
          start[r] = stock;
          sold[r] = sell;
          lost[r] = want - sell;
          stockout[r] = want > stock;
          received[r] = in_today;
          stock -= sell;
          // End-of-day review: order up to the target when the position is at or below the
          // reorder point. A NULL reorder point means "no decision today".
          double q = 0;
          double point = 0;
          if (model::NumericValue(rop, r, &point) && std::isfinite(point) &&
              stock + pipeline <= point) {
            q = std::max(0.0, value(upto, r, point) - (stock + pipeline));
            const double p = pack != nullptr ? value(*pack, r, 1) : 1;
            if (p > 0) q = std::ceil(q / p - 1e-9) * p;
            if (q > 0) {
              const double l = std::max(0.0, value(lead, r, 0));
              due.emplace(day + static_cast<int32_t>(std::llround(l)), q);
              pipeline += q;
            }
          }
          ordered[r] = q;
          end[r] = stock;
          on_order[r] = pipeline;
          valid[r] = 1;
        }
      });
    });
    TablePtr out = in;
    auto add = [&](const std::string& name, const std::vector<double>& v) {
      auto c = Column::Make(TypeId::kFloat64);
      c->ResizeFixed(n);
      std::copy(v.begin(), v.end(), c->mutable_data<double>());
      c->SetValidityFromFlags(valid);
      out = out->WithColumn(prefix_ + name, c);
    };
    add("on_hand_start", start);
    add("sold", sold);
    add("lost", lost);
    {
      auto c = Column::Make(TypeId::kBool);
      for (int64_t i = 0; i < n; ++i) {
        if (valid[i]) {
          c->AppendBool(stockout[i] != 0);
        } else {
          c->AppendNull();
        }
      }
      out = out->WithColumn(prefix_ + "stockout", c);
    }
    add("received", received);
    add("order_qty", ordered);
    add("on_hand_end", end);
    add("on_order", on_order);
    ctx.SetOutput(0, out);
  }

 private:
  std::vector<std::string> by_;
  std::string time_, demand_, reorder_point_, order_up_to_, lead_time_, initial_stock_, case_pack_,
      prefix_;
  SpecNode node_;
};

}  // namespace

StepKind InventorySimStepKind() {
  return {.name = "inventory_sim",
          .summary =
              "Replays daily demand against a reorder-point / order-up-to stock policy per series.",
          .outputs_doc =
              "the input plus on_hand_start, sold, lost, stockout, received, order_qty, "
              "on_hand_end, on_order",
          .options = {{"by", "columns", false, "Series keys (none: one series)."},
                      {"time", "column", true, "Date column; one review per row, in date order."},
                      {"demand", "column", true, "Units wanted that day (NULL counts as 0)."},
                      {"reorder_point", "column", true, "Order when on hand + on order ≤ this."},
                      {"order_up_to", "column", true, "Target position an order fills up to."},
                      {"lead_time", "column", true, "Days from order to delivery."},
                      {"initial_stock", "column", true, "Stock on hand before the first day."},
                      {"case_pack", "column", false, "Order quantities are rounded up to it."},
                      {"prefix", "text", false, "Prefix of the output column names."}},
          .make = [] { return std::make_unique<InventorySimStep>(); }};
}

}  // namespace xf::pipeline
