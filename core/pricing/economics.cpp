#include "core/pricing/economics.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/model/entities.h"

namespace shopkeeper::pricing {

namespace {

Money round_money(double x) { return static_cast<Money>(std::llround(x)); }

// What the pass over the orders adds up per SKU x channel: exactly one cache line (the pass
// touches one cell per line, in no particular order of SKUs: a cell that spans two lines costs
// two misses). Stored channel by channel. The refunds' figures, added in their own pass, are kept
// apart (Refunded, by SKU then channel).
struct alignas(64) Cell {
  int64_t units = 0, orders = 0, template_orders = 0;
  Money revenue = 0;
  double shipping = 0, ad = 0, pay_fixed = 0;  // allocated totals (fractions of orders' amounts)
  int64_t last_order = -1;
};
static_assert(sizeof(Cell) == 64);
struct Refunded {
  int64_t units = 0;
  Money amount = 0, excess = 0;
};

}  // namespace

const char* step_name(Step s) {
  switch (s) {
    case Step::list_price: return "list_price";
    case Step::item_discount: return "item_discount";
    case Step::realised_price: return "realised_price";
    case Step::cost_of_goods: return "cost_of_goods";
    case Step::commission: return "commission";
    case Step::payment_fee: return "payment_fee";
    case Step::shipping: return "shipping";
    case Step::packaging: return "packaging";
    case Step::ad_cost: return "ad_cost";
    case Step::refunds: return "refunds";
    case Step::return_costs: return "return_costs";
    case Step::contribution: return "contribution";
  }
  return "";
}

Economics compute_economics(const Dataset& ds, const EconomicsInputs& in, const EconomicsQuery& q) {
  Economics out;
  out.query = q;
  const int32_t nprod = static_cast<int32_t>(ds.sku.size());
  const int32_t slots = ds.channels.size() + 1;  // slot 0 = no channel
  std::vector<ChannelFees> fees(static_cast<size_t>(slots));
  for (int32_t c = -1; c < ds.channels.size(); ++c)
    fees[static_cast<size_t>(c + 1)] = effective_fees(in.stored_fees, c < 0 ? "" : ds.channels.names[static_cast<size_t>(c)]);

  auto [lo, hi] = ds.orders_in(q.range);

  // Ad spend per order, by channel and by source.
  std::unordered_map<std::string, int32_t> channel_of;
  for (int32_t c = 0; c < ds.channels.size(); ++c) channel_of[ds.channels.names[static_cast<size_t>(c)]] = c;
  std::vector<int64_t> ch_orders(static_cast<size_t>(slots), 0), src_orders(static_cast<size_t>(ds.sources.size() + 1), 0);
  for (size_t o = lo; o < hi; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    ++ch_orders[static_cast<size_t>(ds.order_channel[o] + 1)];
    ++src_orders[static_cast<size_t>(ds.order_source[o] + 1)];
  }
  std::vector<Money> ch_spend(static_cast<size_t>(slots), 0), src_spend(static_cast<size_t>(ds.sources.size() + 1), 0);
  for (size_t a = 0; a < ds.ad_day.size(); ++a) {
    if (ds.ad_day[a] < q.range.first || ds.ad_day[a] > q.range.last) continue;
    int16_t s = ds.ad_source[a];
    const std::string& name = s >= 0 ? ds.sources.names[static_cast<size_t>(s)] : std::string();
    auto it = channel_of.find(name);
    if (it != channel_of.end() && ch_orders[static_cast<size_t>(it->second + 1)] > 0)
      ch_spend[static_cast<size_t>(it->second + 1)] += ds.ad_spend[a];
    else if (s >= 0 && src_orders[static_cast<size_t>(s + 1)] > 0)
      src_spend[static_cast<size_t>(s + 1)] += ds.ad_spend[a];
    else
      out.ad_spend_unallocated += ds.ad_spend[a];
  }
  auto per_order = [](Money spend, int64_t n) { return n > 0 ? static_cast<double>(spend) / static_cast<double>(n) : 0.0; };

  std::vector<Cell> cells(static_cast<size_t>(nprod) * static_cast<size_t>(slots));
  std::vector<Refunded> refunded(cells.size());
  // Weights by product slot (slot 0: SKUs not in products), ad cost per order by (channel, source).
  std::vector<int64_t> grams_of(static_cast<size_t>(nprod) + 1, 0);
  for (size_t p = 0; p < in.weight_g.size() && p < static_cast<size_t>(nprod); ++p)
    grams_of[p + 1] = std::max<int32_t>(0, in.weight_g[p]);
  const size_t src_slots = static_cast<size_t>(ds.sources.size() + 1);
  std::vector<double> ad_of(static_cast<size_t>(slots) * src_slots);
  for (size_t c = 0; c < static_cast<size_t>(slots); ++c)
    for (size_t s = 0; s < src_slots; ++s)
      ad_of[c * src_slots + s] = per_order(ch_spend[c], ch_orders[c]) + per_order(src_spend[s], src_orders[s]);
  const int64_t* gw = grams_of.data() + 1;
  bool weights = false;
  for (int64_t g : grams_of) weights |= g > 0;
  // Shipping tariff per (channel slot, region slot; slot 0 = none): a regional template, else the
  // channel's fee schedule.
  struct Tariff {
    Money first = 0, extra = 0;
    bool from_template = false;
  };
  const size_t region_slots = static_cast<size_t>(ds.regions.size() + 1);
  std::vector<Tariff> tariff(static_cast<size_t>(slots) * region_slots);
  for (size_t c = 0; c < static_cast<size_t>(slots); ++c) {
    const ChannelFees& f = fees[c];
    const std::string channel = c ? ds.channels.names[c - 1] : std::string();
    for (size_t g = 0; g < region_slots; ++g) {
      const ShippingTemplate* t = g ? find_template(in.shipping, channel, ds.regions.names[g - 1]) : nullptr;
      tariff[c * region_slots + g] = t ? Tariff{t->first_kg, t->per_extra_kg, true} : Tariff{f.shipping_per_order, f.shipping_per_extra_kg, false};
    }
  }
  // One pass over the orders, in order (so each cell adds its orders in order). The pass reads
  // each order column and line column once, front to back; the only scattered access is the
  // cell of each line (30,000 cells of 64 bytes: the CPU's L2/L3), whose load is started a few
  // orders ahead (prefetch: the order's first line decides its cell) so that it does not wait.
  // (The third session's pass per channel kept one channel's cells in L1/L2 but read every order
  // column 7 times: a channel's orders are spread over every cache line of the columns.)
  const int32_t only_slot = q.channel >= 0 ? q.channel + 1 : -1;
  const uint8_t* status = ds.order_status.data();
  const int16_t* och = ds.order_channel.data();
  const int16_t* osrc = ds.order_source.data();
  const int32_t* oreg = ds.order_region.data();
  const int64_t* ounits = ds.order_units.data();
  const uint32_t* begin = ds.order_line_begin.data();
  const int32_t* lprod = ds.line_product.data();
  const int32_t* lqty = ds.line_qty.data();
  const uint8_t* lkind = ds.line_kind.data();
  const Money* lprice = ds.line_price.data();
  const Money* ldisc = ds.line_discount.data();
  constexpr size_t kAhead = 16;  // orders (8: 5 % slower; none: 60-72 ms instead of 30-35)
  for (size_t o = lo; o < hi; ++o) {
    if (o + kAhead < hi) {
      const size_t a = o + kAhead;
      const int32_t pa = begin[a] < begin[a + 1] ? lprod[begin[a]] : -1;
      if (pa >= 0)
        __builtin_prefetch(cells.data() + static_cast<size_t>(och[a] + 1) * static_cast<size_t>(nprod) + static_cast<size_t>(pa), 1);
    }
    const int32_t slot = och[o] + 1;
    if (only_slot >= 0 && slot != only_slot) continue;
    if (!is_valid_order(static_cast<OrderStatus>(status[o]))) continue;
    // Units: the order's merchandise units (Dataset::order_units; postage and fee lines are none).
    const int64_t units = ounits[o];
    if (units <= 0) continue;
    Cell* slot_cells = cells.data() + static_cast<size_t>(slot) * static_cast<size_t>(nprod);
    const uint32_t b = begin[o], e = begin[o + 1];
    int64_t grams = 0;
    if (weights)
      for (uint32_t l = b; l < e; ++l)
        if (lkind[l] == 0) grams += static_cast<int64_t>(lqty[l]) * gw[lprod[l]];
    const Tariff& tf = tariff[static_cast<size_t>(slot) * region_slots + static_cast<size_t>(oreg[o] + 1)];
    // Per unit of this order: its shipping, ad cost and fixed payment fee split equally.
    const double inv = 1.0 / static_cast<double>(units);
    const double ship_u = static_cast<double>(shipping_charge(tf.first, tf.extra, grams)) * inv;
    const double ad_u = ad_of[static_cast<size_t>(slot) * src_slots + static_cast<size_t>(osrc[o] + 1)] * inv;
    const double pay_u = static_cast<double>(fees[static_cast<size_t>(slot)].payment_fixed) * inv;
    for (uint32_t l = b; l < e; ++l) {
      const int32_t p = lprod[l];
      if (p < 0 || lkind[l] != 0 || (q.product >= 0 && p != q.product)) continue;
      Cell& c = slot_cells[p];
      const double qd = static_cast<double>(lqty[l]);
      c.units += lqty[l];
      c.revenue += static_cast<Money>(lqty[l]) * lprice[l] - ldisc[l];
      c.shipping += ship_u * qd;
      c.ad += ad_u * qd;
      c.pay_fixed += pay_u * qd;
      if (c.last_order != static_cast<int64_t>(o)) {
        c.last_order = static_cast<int64_t>(o);
        ++c.orders;
        c.template_orders += tf.from_template ? 1 : 0;
      }
    }
  }
  // Refunds, bounded by what the units earned: per order and SKU, the refunds naming the SKU
  // count at most the revenue of that SKU's lines in the order (after item discounts) and at most
  // their units; the rest (shipping refunded with the item, a second refund, compensation) is
  // the row's refund_excess, outside its per-unit figures.
  auto [ra, rb] = ds.refunds_of_orders(lo, hi);
  struct Part {
    int32_t p;
    Money amount;
    int64_t qty;
  };
  std::vector<Part> parts;
  for (size_t k = ra; k < rb;) {
    const int32_t o = ds.refund_order[static_cast<size_t>(ds.refund_by_order[k])];
    parts.clear();
    for (; k < rb && ds.refund_order[static_cast<size_t>(ds.refund_by_order[k])] == o; ++k) {
      const int32_t r = ds.refund_by_order[k];
      const int32_t l = ds.refund_line[static_cast<size_t>(r)];
      if (o < 0 || l < 0) continue;
      const int32_t p = ds.line_product[static_cast<size_t>(l)];
      if (p < 0 || (q.product >= 0 && p != q.product)) continue;
      auto it = std::find_if(parts.begin(), parts.end(), [&](const Part& x) { return x.p == p; });
      if (it == parts.end()) it = parts.insert(parts.end(), Part{p, 0, 0});
      it->amount += ds.refund_amount[static_cast<size_t>(r)];
      it->qty += std::max<int32_t>(0, ds.refund_qty[static_cast<size_t>(r)]);
    }
    if (parts.empty() || !is_valid_order(static_cast<OrderStatus>(ds.order_status[static_cast<size_t>(o)]))) continue;
    const int32_t slot = ds.order_channel[static_cast<size_t>(o)] + 1;
    if (q.channel >= 0 && slot != q.channel + 1) continue;
    for (const Part& x : parts) {
      Money earned = 0;
      int64_t units = 0;
      for (uint32_t l = ds.order_line_begin[static_cast<size_t>(o)]; l < ds.order_line_begin[static_cast<size_t>(o) + 1]; ++l)
        if (ds.line_product[l] == x.p) {
          earned += static_cast<Money>(ds.line_qty[l]) * ds.line_price[l] - ds.line_discount[l];
          units += ds.line_qty[l];
        }
      Refunded& c = refunded[static_cast<size_t>(x.p) * static_cast<size_t>(slots) + static_cast<size_t>(slot)];
      const Money counted = std::min(x.amount, std::max<Money>(0, earned));
      c.amount += counted;
      c.excess += x.amount - counted;
      c.units += std::min(x.qty, std::max<int64_t>(0, units));
    }
  }

  // Rows by SKU (product order is the store's sku order), then channel name.
  std::vector<int32_t> ch_by_name(static_cast<size_t>(slots));
  for (int32_t s = 0; s < slots; ++s) ch_by_name[static_cast<size_t>(s)] = s;
  std::sort(ch_by_name.begin(), ch_by_name.end(), [&](int32_t a, int32_t b) {
    const std::string& x = a ? ds.channels.names[static_cast<size_t>(a - 1)] : std::string();
    const std::string& y = b ? ds.channels.names[static_cast<size_t>(b - 1)] : std::string();
    return x < y;
  });
  std::vector<int32_t> prod_by_sku(static_cast<size_t>(nprod));
  for (int32_t p = 0; p < nprod; ++p) prod_by_sku[static_cast<size_t>(p)] = p;
  std::sort(prod_by_sku.begin(), prod_by_sku.end(),
            [&](int32_t a, int32_t b) { return ds.sku[static_cast<size_t>(a)] < ds.sku[static_cast<size_t>(b)]; });

  size_t nrows = 0;
  for (const Cell& c : cells) nrows += c.units > 0;
  out.rows.reserve(nrows);
  for (int32_t p : prod_by_sku)
    for (int32_t slot : ch_by_name) {
      const Cell& c = cells[static_cast<size_t>(slot) * static_cast<size_t>(nprod) + static_cast<size_t>(p)];
      if (c.units <= 0) continue;
      const Refunded& rf = refunded[static_cast<size_t>(p) * static_cast<size_t>(slots) + static_cast<size_t>(slot)];
      EconomicsRow r;
      r.product = p;
      r.channel = static_cast<int16_t>(slot - 1);
      r.sku = ds.sku[static_cast<size_t>(p)];
      r.channel_name = slot ? ds.channels.names[static_cast<size_t>(slot - 1)] : std::string();
      r.fees = fees[static_cast<size_t>(slot)];
      r.units = c.units;
      r.orders = c.orders;
      r.template_orders = c.template_orders;
      r.refunded_units = std::min(rf.units, c.units);
      r.revenue = c.revenue;
      r.refunded = rf.amount;
      r.refund_excess = rf.excess;
      r.list_price = ds.product_price[static_cast<size_t>(p)];
      r.realised_price = div_round(c.revenue, c.units);
      if (ds.product_cost[static_cast<size_t>(p)] >= 0) r.unit_cost = ds.product_cost[static_cast<size_t>(p)];
      r.target_margin_bp = q.target_margin_bp;
      const double U = static_cast<double>(c.units);
      const double rr = static_cast<double>(r.refunded_units) / U;
      r.return_rate_bp = div_round(r.refunded_units * 10000, c.units);
      r.units_per_order = c.orders > 0 ? U / static_cast<double>(c.orders) : 0;
      const double price = static_cast<double>(c.revenue) / U;
      const double com = price * static_cast<double>(r.fees.commission_bp) / 10000.0;
      const double pay_rate = price * static_cast<double>(r.fees.payment_bp) / 10000.0;
      const double pay_fixed = c.pay_fixed / U;
      const double ship = c.shipping / U, ad = c.ad / U, pack = static_cast<double>(r.fees.packaging_per_unit);
      r.commission = round_money(com);
      r.payment_fee = round_money(pay_rate + pay_fixed);
      r.shipping = round_money(ship);
      r.packaging = r.fees.packaging_per_unit;
      r.ad_cost = round_money(ad);
      r.refunds = round_money(static_cast<double>(rf.amount) / U);
      if (!r.unit_cost) {
        out.rows.push_back(std::move(r));
        continue;
      }
      const double cost = static_cast<double>(*r.unit_cost);
      const double u = static_cast<double>(r.fees.unresellable_bp) / 10000.0;
      const double cogs = cost * (1 - rr);
      const double ret_fixed = rr * (static_cast<double>(r.fees.return_shipping_per_unit) + u * cost);
      r.cost_of_goods = round_money(cogs);
      r.return_costs = round_money(ret_fixed);
      r.returns = r.refunds + *r.return_costs;
      const Money contrib = r.realised_price - *r.cost_of_goods - r.commission - r.payment_fee - r.shipping - r.packaging -
                            r.ad_cost - *r.returns;
      r.contribution_per_unit = contrib;
      r.contribution_per_order = c.orders > 0 ? div_round(contrib * c.units, c.orders) : 0;
      if (r.realised_price != 0) r.contribution_margin_bp = div_round(contrib * 10000, r.realised_price);
      // Break-even and target prices: P (1 - v) - F = m P.
      const double v = static_cast<double>(r.fees.commission_bp + r.fees.payment_bp) / 10000.0 +
                       (c.revenue > 0 ? static_cast<double>(rf.amount) / static_cast<double>(c.revenue) : 0.0);
      const double F = cogs + pay_fixed + ship + pack + ad + ret_fixed;
      r.fixed_per_unit = F;
      r.price_rate = v;
      if (1 - v > 0) r.break_even_price = round_money(F / (1 - v));
      const double m = static_cast<double>(q.target_margin_bp) / 10000.0;
      if (1 - v - m > 0) r.target_margin_price = round_money(F / (1 - v - m));
      const Money before_ads = contrib + r.ad_cost;
      if (before_ads > 0) r.break_even_roas = static_cast<double>(r.realised_price) / static_cast<double>(before_ads);
      out.rows.push_back(std::move(r));
    }
  return out;
}

void sort_losses_first(std::vector<EconomicsRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const EconomicsRow& a, const EconomicsRow& b) {
    if (a.contribution_per_order.has_value() != b.contribution_per_order.has_value()) return a.contribution_per_order.has_value();
    if (a.contribution_per_order && *a.contribution_per_order != *b.contribution_per_order)
      return *a.contribution_per_order < *b.contribution_per_order;
    return false;
  });
}

std::vector<WaterfallStep> waterfall(const EconomicsRow& r) {
  std::vector<WaterfallStep> w;
  w.push_back({Step::list_price, r.list_price});
  w.push_back({Step::item_discount, r.realised_price - r.list_price});
  w.push_back({Step::realised_price, r.realised_price});
  if (r.cost_of_goods) w.push_back({Step::cost_of_goods, -*r.cost_of_goods});
  w.push_back({Step::commission, -r.commission});
  w.push_back({Step::payment_fee, -r.payment_fee});
  w.push_back({Step::shipping, -r.shipping});
  w.push_back({Step::packaging, -r.packaging});
  w.push_back({Step::ad_cost, -r.ad_cost});
  w.push_back({Step::refunds, -r.refunds});
  if (r.return_costs) w.push_back({Step::return_costs, -*r.return_costs});
  if (r.contribution_per_unit) w.push_back({Step::contribution, *r.contribution_per_unit});
  return w;
}

Result<EconomicsInputs> load_economics_inputs(Db& db, const Dataset& ds) {
  EconomicsInputs in;
  auto f = load_fee_schedules(db);
  if (!f) return f.error();
  in.stored_fees = std::move(*f);
  auto t = load_shipping_templates(db);
  if (!t) return t.error();
  in.shipping = std::move(*t);
  in.weight_g.assign(ds.sku.size(), 0);
  std::unordered_map<std::string, int32_t> idx;
  for (size_t p = 0; p < ds.sku.size(); ++p) idx[ds.sku[p]] = static_cast<int32_t>(p);
  auto st = db.prepare("SELECT sku, weight_g FROM products");
  if (!st) return st.error();
  while (st->step()) {
    auto it = idx.find(st->text(0));
    if (it != idx.end()) in.weight_g[static_cast<size_t>(it->second)] = static_cast<int32_t>(st->i64(1));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return in;
}

}  // namespace shopkeeper::pricing
