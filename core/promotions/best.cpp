#include "core/promotions/best.h"

#include <algorithm>

namespace shopkeeper::promo {

namespace {

bool applied(const Quote& q, const std::string& id) {
  for (const auto& d : q.discounts)
    if (d.promotion == id) return true;
  for (const auto& d : q.shipping_discounts)
    if (d.promotion == id) return true;
  for (const auto& g : q.gifts)
    if (g.promotion == id) return true;
  return false;
}

struct Search {
  const QuoteInput& in;
  const PreparedQuote& pq;
  BestChoice best;
  bool have = false;
  int64_t runs = 0;
  std::vector<int32_t> best_subset;

  bool better(const Quote& q, int64_t points, size_t coupons) const {
    if (!have) return true;
    if (q.total != best.quote.total) return q.total < best.quote.total;
    if (points != best.points) return points < best.points;
    return coupons < best.coupons.size();
  }

  void consider(const std::vector<int32_t>& subset, Quote q) {
    if (!better(q, q.points_used, subset.size())) return;
    best.coupons.clear();
    for (int32_t c : subset) best.coupons.push_back(in.promotions[c].coupon_code);
    best_subset = subset;
    best.points = q.points_used;
    best.quote = std::move(q);
    have = true;
  }

  // Tries the subset with no points, all points, and points trimmed to keep free shipping.
  Money try_subset(const std::vector<int32_t>& subset) {
    Quote none = pq.run(subset, 0);
    Quote all = pq.run(subset, in.customer.points);
    runs += 2;
    Money lowest = std::min(none.total, all.total);
    if (all.points_used > 0 && all.shipping > none.shipping) {
      int64_t ppu = 100;
      for (const auto& d : all.discounts)
        if (d.kind == Kind::points)
          for (const auto& p : in.promotions)
            if (p.id == d.promotion) ppu = std::max<int64_t>(p.params.points_per_unit, 1);
      for (const auto& p : in.promotions) {
        if (p.kind != Kind::shipping || p.params.threshold <= 0 || p.params.threshold > none.goods_paid) continue;
        Money allowed = none.goods_paid - p.params.threshold;
        int64_t pts = allowed * ppu / kMinorPerMajor;
        if (pts <= 0 || pts >= all.points_used) continue;
        Quote q = pq.run(subset, pts);
        ++runs;
        lowest = std::min(lowest, q.total);
        consider(subset, std::move(q));
      }
    }
    consider(subset, std::move(none));
    consider(subset, std::move(all));
    return lowest;
  }
};

}  // namespace

BestChoice best_price(const QuoteInput& in, const BestOptions& opt) {
  PreparedQuote pq(in, nullptr, false);  // the search needs totals, not reasons
  Search s{in, pq};
  // A coupon that does nothing on its own cannot help in company: other coupons only lower
  // the amounts later thresholds see.
  std::vector<int32_t> usable;
  for (int32_t c : pq.held_coupons()) {
    Quote q = pq.run({c}, 0);
    ++s.runs;
    if (applied(q, in.promotions[c].id)) usable.push_back(c);
  }
  const size_t k = usable.size();
  if (static_cast<int>(k) <= opt.max_exhaustive_coupons) {
    std::vector<int32_t> subset;
    for (uint64_t mask = 0; mask < (uint64_t{1} << k); ++mask) {
      subset.clear();
      for (size_t i = 0; i < k; ++i)
        if (mask >> i & 1) subset.push_back(usable[i]);
      s.try_subset(subset);
    }
  } else {
    s.best.exhaustive = false;
    std::vector<char> on(k, 1);
    auto subset_of = [&](const std::vector<char>& v) {
      std::vector<int32_t> out;
      for (size_t i = 0; i < k; ++i)
        if (v[i]) out.push_back(usable[i]);
      return out;
    };
    Money cur = s.try_subset(subset_of(on));
    for (bool improved = true; improved;) {
      improved = false;
      for (size_t i = 0; i < k; ++i) {
        on[i] ^= 1;
        Money t = s.try_subset(subset_of(on));
        if (t < cur) {
          cur = t;
          improved = true;
        } else {
          on[i] ^= 1;
        }
      }
    }
  }
  // The chosen combination again, with the reasons a reader wants.
  s.best.quote = PreparedQuote(in).run(s.best_subset, s.best.points);
  s.best.quotes_run = s.runs + 1;
  return std::move(s.best);
}

ProductOffer product_offer(const QuoteInput& ctx, const CartLine& product, const std::vector<CartLine>& catalogue,
                           const BestOptions& opt) {
  ProductOffer out;
  out.sku = product.sku;
  out.list_price = product.price;
  QuoteInput one = ctx;
  one.cart = {product};
  one.cart[0].qty = 1;
  out.best = best_price(one, opt);
  const Quote& q = out.best.quote;
  out.lowest_unit_price = q.line_paid.empty() ? 0 : q.line_paid[0];

  for (const Promotion& p : ctx.promotions) {
    bool threshold_kind = p.kind == Kind::threshold_tiers || p.kind == Kind::per_each || p.kind == Kind::gift ||
                          (p.kind == Kind::coupon && p.params.threshold > 0) ||
                          (p.kind == Kind::shipping && p.params.threshold > 0);
    if (!threshold_kind || !in_scope(p, one.cart[0]) || !ineligible_reason(p, one).empty()) continue;
    if (!p.coupon_code.empty() &&
        std::find(ctx.coupons_held.begin(), ctx.coupons_held.end(), p.coupon_code) == ctx.coupons_held.end())
      continue;
    // The amount the promotion measured: what is left after the layers before it.
    Money base = q.line_paid[0];
    for (const auto& d : q.discounts)
      if (d.layer >= p.layer)
        for (const auto& l : d.lines) base += l.amount;
    Money next = 0;
    if (p.kind == Kind::threshold_tiers) {
      for (const Tier& t : p.params.tiers)
        if (t.threshold > base && (next == 0 || t.threshold < next)) next = t.threshold;
    } else if (p.kind == Kind::per_each) {
      Money step = p.params.threshold;
      if (step > 0) {
        int64_t k = base / step + 1;
        if (p.params.cap == 0 || (k - 1) * p.params.amount < p.params.cap) next = k * step;
      }
    } else if (p.params.threshold > base) {
      next = p.params.threshold;
    }
    if (next == 0) continue;
    AddOn a;
    a.promotion = p.id;
    a.name = p.name;
    a.threshold = next;
    a.missing = next - base;
    const CartLine* pick = nullptr;
    for (const CartLine& c : catalogue)
      if (c.price >= a.missing && (p.kind == Kind::shipping || in_scope(p, c)) && (!pick || c.price < pick->price)) pick = &c;
    if (pick) {
      a.suggest_sku = pick->sku;
      a.suggest_price = pick->price;
      QuoteInput two = one;
      if (pick->sku == product.sku) {
        two.cart[0].qty += 1;
      } else {
        two.cart.push_back(*pick);
        two.cart.back().qty = 1;
      }
      BestChoice b = best_price(two, opt);
      a.reached = applied(b.quote, p.id);
      a.product_unit_price = div_round(b.quote.line_paid[0], two.cart[0].qty);
      a.cart_total = b.quote.total;
    }
    out.add_ons.push_back(std::move(a));
  }
  return out;
}

}  // namespace shopkeeper::promo
