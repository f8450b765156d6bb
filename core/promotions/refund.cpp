#include "core/promotions/refund.h"

#include <algorithm>

namespace shopkeeper::promo {

Result<RefundQuote> refund_quote(const QuoteInput& order, const std::vector<int64_t>& return_qty) {
  if (return_qty.size() != order.cart.size())
    return make_error(ErrorCode::invalid_argument, "return quantities: expected " + std::to_string(order.cart.size()) +
                                                       " lines, got " + std::to_string(return_qty.size()));
  for (size_t i = 0; i < return_qty.size(); ++i)
    if (return_qty[i] < 0 || return_qty[i] > order.cart[i].qty)
      return make_error(ErrorCode::invalid_argument, "line " + std::to_string(i) + " (" + order.cart[i].sku +
                                                         "): cannot return " + std::to_string(return_qty[i]) + " of " +
                                                         std::to_string(order.cart[i].qty));
  RefundQuote r;
  r.original = quote(order);
  QuoteInput kept = order;
  // Coupons spent on the order stay spent; the kept items may use at most the same points.
  kept.coupons_held.clear();
  for (const auto& d : r.original.discounts)
    for (const auto& p : order.promotions)
      if (p.id == d.promotion && !p.coupon_code.empty()) kept.coupons_held.push_back(p.coupon_code);
  for (const auto& d : r.original.shipping_discounts)
    for (const auto& p : order.promotions)
      if (p.id == d.promotion && !p.coupon_code.empty()) kept.coupons_held.push_back(p.coupon_code);
  kept.points_to_use = r.original.points_used;
  kept.cart.clear();
  std::vector<int32_t> kept_from;  // kept line -> original line
  bool all_back = true;
  for (size_t i = 0; i < order.cart.size(); ++i) {
    int64_t left = order.cart[i].qty - return_qty[i];
    if (left > 0) {
      all_back = false;
      kept.cart.push_back(order.cart[i]);
      kept.cart.back().qty = left;
      kept_from.push_back(static_cast<int32_t>(i));
    }
  }
  r.kept = quote(kept);

  Money shares = 0;
  std::vector<Money> weights;
  for (size_t i = 0; i < order.cart.size(); ++i) {
    if (return_qty[i] == 0) continue;
    RefundLine l;
    l.line = static_cast<int32_t>(i);
    l.sku = order.cart[i].sku;
    l.qty = return_qty[i];
    l.paid_share = div_round(r.original.line_paid[i] * return_qty[i], order.cart[i].qty);
    shares += l.paid_share;
    weights.push_back(l.paid_share);
    r.lines.push_back(l);
  }
  Money refund = std::clamp<Money>(r.original.goods_paid - r.kept.goods_paid, 0, shares);
  if (all_back) refund = r.original.goods_paid;
  r.clawback = shares - refund;
  if (r.clawback > 0) {
    auto a = allocate(r.clawback, weights);
    for (size_t k = 0; k < r.lines.size(); ++k) r.lines[k].clawback = a[k];
  }
  for (auto& l : r.lines) l.refund = l.paid_share - l.clawback;
  r.goods_refund = 0;
  for (const auto& l : r.lines) r.goods_refund += l.refund;
  if (all_back) {
    // Rounding of the shares must not lose a fen on a full return.
    Money diff = r.original.goods_paid - r.goods_refund;
    if (!r.lines.empty()) r.lines.back().refund += diff, r.goods_refund += diff;
    r.shipping_refund = r.original.shipping;
  }
  r.total = r.goods_refund + r.shipping_refund;
  r.points_returned = r.original.points_used - r.kept.points_used;
  auto held = [](const Quote& q, const std::string& id) {
    for (const auto& d : q.discounts)
      if (d.promotion == id) return true;
    for (const auto& g : q.gifts)
      if (g.promotion == id) return true;
    return false;
  };
  if (!all_back) {
    for (const auto& d : r.original.discounts)
      if (!held(r.kept, d.promotion)) r.lost.push_back(d.promotion);
    for (const auto& g : r.original.gifts)
      if (!held(r.kept, g.promotion)) r.lost.push_back(g.promotion);
  }
  return r;
}

}  // namespace shopkeeper::promo
