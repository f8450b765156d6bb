// Unit economics per SKU and sales channel: what one unit (and one order) of a SKU sold on a
// channel really earns after the item discounts, the cost of goods, the channel's fees, shipping,
// packaging, advertising and returns.
//
// Counting rules (docs/pricing.md has the worked example):
// - Sales are the lines of VALID orders (paid, not cancelled; core/model) placed in the range,
//   of SKUs in products. units = sum of qty; orders = orders with at least one such line.
// - realised price = (sum qty x unit_price - line discounts) / units: after item-level
//   discounts, before refunds.
// - commission = realised x commission rate; payment fee = realised x payment rate + the fixed
//   payment fee per order split over the order's units.
// - shipping: each order costs the first-kg charge + the per-kg charge for each kg (or part) over
//   the first, its weight being sum qty x products.weight_g; the charges are the regional
//   template of the order's channel and region, else of its region on every channel, else the
//   channel's fee schedule (shipping_per_order, shipping_per_extra_kg; core/pricing/shipping.h);
//   split equally over the order's units (a unit of a 3-unit order bears a third), whatever their SKU.
// - ad cost: an ad_spend row whose channel name is a sales channel is spread over that channel's
//   valid orders in the range; one whose name is a traffic source over the valid orders from that
//   source (ads buy traffic); other names are not allocated (reported as unallocated). An order's
//   ad cost is split equally over its units. ad cost per order = ad spend / those orders.
// - returns: return rate = refunded units / units (refunds of these orders that name the SKU;
//   whole-order refunds cannot be attributed to a SKU and are not counted). Refunds are bounded
//   by what the units earned: per order and SKU, at most the revenue of that SKU's lines in the
//   order and at most their units; the excess is the row's refund_excess (not per unit). Per
//   unit sold: refunds = refunded amount / units (<= the realised price); return costs = rate x
//   (return shipping + unresellable share x unit cost); returns = refunds + return costs.
//   cost of goods = unit cost x (1 - return rate): a returned unit comes back to stock, its cost
//   reaches the figures only through the unresellable share above.
// - contribution per unit = realised - cost of goods - commission - payment fee - shipping -
//   packaging - ad cost - returns, each line rounded half away from zero to minor units first,
//   so the waterfall adds up; contribution per order = per unit x units / orders.
//   contribution margin = contribution / realised price.
// - break-even price P: the realised price at which contribution is zero when the rates
//   (commission, payment, refunded share of revenue) scale with the price and the rest does not:
//   P = F / (1 - v); the price for a target margin m: P = F / (1 - v - m) (none when <= 0).
// - break-even ROAS = realised / (contribution + ad cost): 1 / the contribution margin before
//   advertising, the ad return below which an ad-bought sale loses money.
// Unknown unit cost: every figure that needs it is absent. The fee schedule in force for the
// channel (seller's or default) is carried on each row: its assumptions.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/pricing/fees.h"
#include "core/pricing/shipping.h"
#include "core/store/dataset.h"

namespace shopkeeper::pricing {

struct EconomicsQuery {
  DayRange range{INT32_MIN / 2, INT32_MAX / 2};  // default: all history
  int32_t product = -1;                           // -1 = every SKU
  int32_t channel = -1;                           // into ds.channels; -1 = every channel
  int64_t target_margin_bp = 2000;
  bool operator==(const EconomicsQuery&) const = default;
};

// What the Dataset lacks: fee schedules in force and product weights.
struct EconomicsInputs {
  std::vector<ChannelFees> stored_fees;  // seller-set schedules
  std::vector<int32_t> weight_g;         // per product index of the Dataset (0 = unknown)
  std::vector<ShippingTemplate> shipping;  // regional templates (none: the fee schedules' shipping)
};

struct EconomicsRow {
  int32_t product = -1;
  int16_t channel = -1;  // -1 = orders without a channel
  std::string sku, channel_name;
  ChannelFees fees;      // the assumptions of this row
  int64_t units = 0, orders = 0, refunded_units = 0;
  int64_t template_orders = 0;      // orders whose shipping came from a regional template
  Money revenue = 0, refunded = 0;  // line revenue after item discounts; refunds attributed (bounded)
  Money refund_excess = 0;          // refunds beyond what the refunded SKU's lines earned (not in the figures)
  Money list_price = 0, realised_price = 0;
  std::optional<Money> unit_cost;
  int64_t return_rate_bp = 0;
  double units_per_order = 0;
  // Per unit, rounded; absent when the unit cost is unknown (cost_of_goods, returns, contribution...).
  std::optional<Money> cost_of_goods;
  Money commission = 0, payment_fee = 0, shipping = 0, packaging = 0, ad_cost = 0;
  Money refunds = 0;  // refunded amount per unit sold (never above the realised price)
  std::optional<Money> return_costs;  // return shipping + unresellable goods per unit sold (needs the cost)
  std::optional<Money> returns;  // refunds + return_costs
  std::optional<Money> contribution_per_unit, contribution_per_order;
  std::optional<int64_t> contribution_margin_bp;
  std::optional<Money> break_even_price, target_margin_price;
  std::optional<double> break_even_roas;
  int64_t target_margin_bp = 0;
  // The cost model behind the break-even price (cost known only): contribution per unit at a
  // realised price P is P x (1 - price_rate) - fixed_per_unit.
  double fixed_per_unit = 0, price_rate = 0;
};

struct Economics {
  EconomicsQuery query;
  std::vector<EconomicsRow> rows;  // by SKU, then channel name
  Money ad_spend_unallocated = 0;  // ad spend whose name is neither a channel nor a source with orders
};

Economics compute_economics(const Dataset& ds, const EconomicsInputs& in, const EconomicsQuery& q);

// Rows that lose money per order first (lowest contribution per order), unknown-cost rows last.
void sort_losses_first(std::vector<EconomicsRow>& rows);

// The waterfall of one row, from list price to contribution per unit.
enum class Step : uint8_t { list_price, item_discount, realised_price, cost_of_goods, commission, payment_fee,
                            shipping, packaging, ad_cost, refunds, return_costs, contribution };
const char* step_name(Step s);
struct WaterfallStep {
  Step step;
  Money amount;  // list/realised/contribution: the level; others: the (signed) change
};
// Steps that need the unit cost (cost_of_goods, return_costs, contribution) are left out when it
// is unknown: the caller words them as unknown, never as 0.
std::vector<WaterfallStep> waterfall(const EconomicsRow& r);

// Loads EconomicsInputs from the store for `ds`.
Result<EconomicsInputs> load_economics_inputs(Db& db, const Dataset& ds);

}  // namespace shopkeeper::pricing
