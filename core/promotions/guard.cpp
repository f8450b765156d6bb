#include "core/promotions/guard.h"

#include <algorithm>

namespace shopkeeper::promo {

__extension__ typedef __int128 i128;

namespace {

constexpr int64_t kUnlimitedPoints = 1'000'000'000'000;

bool has_buyer_conditions(const Conditions& c) {
  return !c.groups.empty() || !c.tiers.empty() || !c.channels.empty() || !c.segments.empty() || c.first_order || c.nth_order;
}

// A buyer profile being built: unset fields accept any promotion's requirement.
struct Profile {
  std::optional<std::string> group, tier, channel;
  std::optional<int64_t> orders_before;
  // A buyer may be in several segments at once, so a segment requirement always fits: the
  // profile joins the promotion's first segment unless it is in one of them already.
  std::vector<std::string> segments;

  // Adds the promotion's buyer requirements if they fit; returns false (unchanged) otherwise.
  bool merge(const Conditions& c) {
    Profile t = *this;
    auto pick = [](std::optional<std::string>& f, const std::vector<std::string>& allowed) {
      if (allowed.empty()) return true;
      if (f) return std::find(allowed.begin(), allowed.end(), *f) != allowed.end();
      f = allowed.front();
      return true;
    };
    if (!pick(t.group, c.groups) || !pick(t.tier, c.tiers) || !pick(t.channel, c.channels)) return false;
    if (!c.segments.empty() && std::none_of(c.segments.begin(), c.segments.end(), [&](const std::string& s) {
          return std::find(t.segments.begin(), t.segments.end(), s) != t.segments.end();
        }))
      t.segments.push_back(c.segments.front());
    std::optional<int64_t> need;
    if (c.first_order) need = 0;
    if (c.nth_order) {
      if (need && *need != *c.nth_order - 1) return false;
      need = *c.nth_order - 1;
    }
    if (need) {
      if (t.orders_before && *t.orders_before != *need) return false;
      t.orders_before = need;
    }
    *this = t;
    return true;
  }
};

struct Scenario {
  Timestamp at = 0;
  std::string channel;
  Customer customer;
  std::vector<int32_t> eligible;  // promotion indexes, input order
};

}  // namespace

CartLine to_cart_line(const GuardProduct& p, int64_t qty) {
  CartLine l;
  l.sku = p.sku;
  l.price = p.price;
  l.qty = qty;
  l.category = p.category;
  l.tags = p.tags;
  l.cost = p.cost;
  l.floor_price = p.floor_price;
  return l;
}

std::optional<Money> floor_price(Money cost, int64_t fee_bp, int64_t floor_bp) {
  int64_t keep = 10000 - fee_bp - floor_bp;
  if (keep <= 0) return std::nullopt;
  i128 num = static_cast<i128>(cost) * 10000;
  return static_cast<Money>((num + keep - 1) / keep);  // ceil: the least price that clears
}

Guard::Guard(std::vector<GuardProduct> products, std::vector<Promotion> promotions, GuardOptions opt)
    : products_(std::move(products)), promotions_(std::move(promotions)), opt_(opt) {
  by_price_.resize(products_.size());
  for (size_t i = 0; i < by_price_.size(); ++i) by_price_[i] = i;
  std::stable_sort(by_price_.begin(), by_price_.end(),
                   [&](size_t a, size_t b) { return products_[a].price < products_[b].price; });
  work_.promotions = promotions_;
  rules_ = opt_.profiles;
  if (rules_.empty()) rules_.push_back(StackRules{});
  for (const Promotion& p : promotions_)
    if (!p.coupon_code.empty()) work_.coupons_held.push_back(p.coupon_code);
}

std::vector<GuardFinding> Guard::run(size_t begin, size_t end) const {
  std::vector<GuardFinding> out;
  end = std::min(end, products_.size());
  for (size_t i = begin; i < end; ++i) out.push_back(check(i));
  return out;
}

QuoteInput Guard::reproduce(const GuardFinding& f) const {
  QuoteInput in;
  in.at = f.at;
  in.channel = f.channel;
  in.customer = f.customer;
  in.cart = f.cart;
  in.promotions = promotions_;
  in.coupons_held = f.coupons;
  in.points_to_use = f.points;
  for (const StackRules& r : rules_)
    if (r.profile == f.profile) in.rules = r;
  return in;
}

// Long on purpose (over ~120 lines): one SKU's search for its lowest price over carts, moments,
// coupons, points and buyers; the steps share the running best and the candidate sets, and the
// order of the steps is the method (docs/promotions.md), so it reads top to bottom.
GuardFinding Guard::check(size_t index) const {
  const GuardProduct& prod = products_[index];
  const CartLine line = to_cart_line(prod);
  GuardFinding best;
  best.sku = prod.sku;
  best.list_price = prod.price;
  best.cost = prod.cost;
  if (prod.floor_price && !prod.floor_is_default) best.floor_price = prod.floor_price;  // the seller's floor
  else if (prod.cost) best.floor_price = floor_price(*prod.cost, opt_.fee_bp, opt_.floor_bp);
  best.line_paid = prod.price;
  best.lowest_unit_price = prod.price;
  best.cart = {line};
  bool have = false;
  if (best.floor_price && prod.price < *best.floor_price) {
    best.list_price_below_floor = true;  // about the price: no promotion is to blame
    return best;
  }

  std::vector<int32_t> relevant;
  for (size_t p = 0; p < promotions_.size(); ++p)
    if (in_scope(promotions_[p], line)) relevant.push_back(static_cast<int32_t>(p));

  // Moments: when a relevant promotion starts (or just before one without a start ends).
  std::vector<Timestamp> moments;
  for (int32_t p : relevant) {
    const Conditions& c = promotions_[p].conditions;
    if (c.starts_at) moments.push_back(*c.starts_at);
    else if (c.ends_at) moments.push_back(*c.ends_at - 1);
  }
  if (opt_.from) moments.push_back(*opt_.from);
  if (moments.empty()) moments.push_back(0);
  std::sort(moments.begin(), moments.end());
  moments.erase(std::unique(moments.begin(), moments.end()), moments.end());
  moments.erase(std::remove_if(moments.begin(), moments.end(),
                               [&](Timestamp t) { return (opt_.from && t < *opt_.from) || (opt_.to && t >= *opt_.to); }),
                moments.end());

  // Buyer profiles: one seeded by each relevant promotion with buyer conditions, each then
  // taking every other relevant promotion it can also satisfy.
  std::vector<Profile> profiles;
  std::vector<const Conditions*> seeds = {nullptr};
  for (int32_t p : relevant)
    if (has_buyer_conditions(promotions_[p].conditions)) seeds.push_back(&promotions_[p].conditions);
  // An exclusive promotion blocks every other offer on its lines, so a buyer who qualifies for
  // it may pay MORE than one who does not (a 5 % first-order price instead of a stacked flash
  // sale, threshold and coupon). So each seed also gets a buyer who meets no exclusive
  // promotion's buyer conditions.
  std::vector<const Conditions*> exclusive_buyer;
  for (int32_t p : relevant)
    if (promotions_[p].exclusive && has_buyer_conditions(promotions_[p].conditions))
      exclusive_buyer.push_back(&promotions_[p].conditions);
  auto qualifies = [](const Profile& pr, const Conditions& c) {
    auto in = [](const std::optional<std::string>& f, const std::vector<std::string>& allowed) {
      return allowed.empty() || (f && std::find(allowed.begin(), allowed.end(), *f) != allowed.end());
    };
    const int64_t before = pr.orders_before.value_or(0);
    const bool segment_ok = c.segments.empty() || std::any_of(c.segments.begin(), c.segments.end(), [&](const std::string& s) {
                              return std::find(pr.segments.begin(), pr.segments.end(), s) != pr.segments.end();
                            });
    return in(pr.group, c.groups) && in(pr.tier, c.tiers) && in(pr.channel, c.channels) && segment_ok && (!c.first_order || before == 0) &&
           (!c.nth_order || before + 1 == *c.nth_order);
  };
  for (const Conditions* seed : seeds) {
    Profile pr;
    if (seed) pr.merge(*seed);
    for (int32_t p : relevant) pr.merge(promotions_[p].conditions);
    profiles.push_back(pr);
    if (exclusive_buyer.empty() || std::find(exclusive_buyer.begin(), exclusive_buyer.end(), seed) != exclusive_buyer.end())
      continue;
    Profile plain;
    if (seed) plain.merge(*seed);
    for (int32_t p : relevant)
      if (!promotions_[p].exclusive) plain.merge(promotions_[p].conditions);
    if (!plain.orders_before)  // the first order count that no exclusive promotion asks for
      for (int64_t k : {1, 0, 2, 3, 4, 5, 6, 7, 8, 9}) {
        plain.orders_before = k;
        bool any = false;
        for (const Conditions* c : exclusive_buyer) any = any || qualifies(plain, *c);
        if (!any) break;
      }
    profiles.push_back(plain);
  }

  std::vector<Scenario> scenarios;
  std::vector<std::vector<char>> seen;
  for (Timestamp t : moments) {
    for (const Profile& pr : profiles) {
      Scenario sc;
      sc.at = t;
      sc.channel = pr.channel.value_or("");
      sc.customer.id = "guard-buyer";
      sc.customer.group = pr.group.value_or("");
      sc.customer.tier = pr.tier.value_or("");
      sc.customer.segments = pr.segments;
      sc.customer.orders_before = pr.orders_before.value_or(0);
      sc.customer.points = kUnlimitedPoints;
      QuoteInput probe;
      probe.at = sc.at;
      probe.channel = sc.channel;
      probe.customer = sc.customer;
      std::vector<char> sig(promotions_.size(), 0);
      for (size_t p = 0; p < promotions_.size(); ++p)
        if (ineligible_reason(promotions_[p], probe).empty()) sig[p] = 1, sc.eligible.push_back(static_cast<int32_t>(p));
      if (std::find(seen.begin(), seen.end(), sig) != seen.end()) continue;
      seen.push_back(std::move(sig));
      scenarios.push_back(std::move(sc));
    }
  }

  for (const StackRules& rules : rules_)
  for (const Scenario& sc : scenarios) {
    if (&sc == &scenarios.front()) work_.rules = rules;  // once per profile
    work_.at = sc.at;
    work_.channel = sc.channel;
    work_.customer = sc.customer;
    // Only the promotions this buyer can use now and that touch the cart are looked at.
    std::vector<char> mask(promotions_.size(), 0);
    auto prepare = [&](const std::vector<CartLine>& cart) {
      work_.cart = cart;
      std::fill(mask.begin(), mask.end(), 0);
      for (int32_t p : sc.eligible)
        for (const CartLine& l : cart)
          if (in_scope(promotions_[p], l)) {
            mask[p] = 1;
            break;
          }
      return PreparedQuote(work_, &mask, false);
    };

    // Effective unit price after the item layer, the base the thresholds will see.
    Money eff = prod.price;
    {
      Quote q = prepare({line}).run_default();
      for (const auto& d : q.discounts)
        if (d.layer == Layer::item)
          for (const auto& l : d.lines) eff -= l.amount;
      eff = std::max<Money>(eff, 1);
    }

    std::vector<std::vector<CartLine>> carts;
    int64_t qmax = 1;
    std::vector<std::pair<Money, int32_t>> thresholds;  // (amount, promotion)
    for (int32_t p : sc.eligible) {
      const Promotion& pr = promotions_[p];
      if (!in_scope(pr, line)) continue;
      const Params& q = pr.params;
      if (pr.conditions.min_qty) qmax = std::max(qmax, *pr.conditions.min_qty);
      if (pr.conditions.min_amount) thresholds.push_back({*pr.conditions.min_amount, p});
      switch (pr.kind) {
        case Kind::quantity_tiers:
          for (const Tier& t : q.tiers) qmax = std::max<int64_t>(qmax, t.threshold);
          break;
        case Kind::nth_item: qmax = std::max(qmax, q.n); break;
        case Kind::buy_x_get_y: qmax = std::max(qmax, q.buy + q.get); break;
        case Kind::flash_price:
          if (q.per_customer_units) qmax = std::max(qmax, *q.per_customer_units);
          break;
        case Kind::threshold_tiers:
          for (const Tier& t : q.tiers) thresholds.push_back({t.threshold, p});
          break;
        case Kind::per_each:
          if (q.threshold > 0)
            // Every step gives the same best rate at an exact multiple: the first two suffice.
            for (int64_t k = 1; k <= 2 && (q.cap == 0 || (k - 1) * q.amount < q.cap); ++k)
              thresholds.push_back({k * q.threshold, p});
          break;
        case Kind::coupon:
        case Kind::gift:
          if (q.threshold > 0) thresholds.push_back({q.threshold, p});
          break;
        case Kind::bundle_price: {
          std::vector<CartLine> set = {line};
          bool complete = true;
          for (const BundleItem& b : q.bundle) {
            if (b.sku == prod.sku) {
              set[0].qty = std::max<int64_t>(b.qty, 1);
              continue;
            }
            auto it = std::find_if(products_.begin(), products_.end(), [&](const GuardProduct& g) { return g.sku == b.sku; });
            if (it == products_.end()) complete = false;
            else set.push_back(to_cart_line(*it, std::max<int64_t>(b.qty, 1)));
          }
          if (complete) carts.push_back(std::move(set));
          break;
        }
        default: break;
      }
    }
    qmax = std::min(qmax, opt_.max_units);
    // One cart per threshold amount: promotions sharing an amount share the cart (a whole-shop
    // promotion first, its filler fits every scope).
    std::stable_sort(thresholds.begin(), thresholds.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return promotions_[a.second].scope.all() && !promotions_[b.second].scope.all();
    });
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     thresholds.end());
    for (int64_t n = 1; n <= qmax; ++n) carts.push_back({to_cart_line(prod, n)});
    for (const auto& [amount, p] : thresholds) {
      int64_t n = (amount + eff - 1) / eff;
      if (n >= 1 && n <= opt_.max_units) carts.push_back({to_cart_line(prod, n)});
      Money gap = amount - eff;
      if (gap <= 0) continue;
      // The cheapest other product at or above the gap that the promotion counts.
      auto it = std::lower_bound(by_price_.begin(), by_price_.end(), gap,
                                 [&](size_t a, Money g) { return products_[a].price < g; });
      for (int scanned = 0; it != by_price_.end() && scanned < 64; ++it, ++scanned) {
        const GuardProduct& f = products_[*it];
        if (f.sku == prod.sku) continue;
        CartLine fl = to_cart_line(f);
        if (!in_scope(promotions_[p], fl)) continue;
        carts.push_back({line, fl});
        break;
      }
    }
    std::sort(carts.begin(), carts.end(), [](const auto& a, const auto& b) {
      if (a.size() != b.size()) return a.size() < b.size();
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].sku != b[i].sku) return a[i].sku < b[i].sku;
        if (a[i].qty != b[i].qty) return a[i].qty < b[i].qty;
      }
      return false;
    });
    carts.erase(std::unique(carts.begin(), carts.end(),
                            [](const auto& a, const auto& b) {
                              if (a.size() != b.size()) return false;
                              for (size_t i = 0; i < a.size(); ++i)
                                if (a[i].sku != b[i].sku || a[i].qty != b[i].qty) return false;
                              return true;
                            }),
                carts.end());

    for (const auto& cart : carts) {
      PreparedQuote pq = prepare(cart);
      const QuoteInput& in = work_;
      auto consider = [&](const std::vector<int32_t>& subset) -> Quote {
        Quote q = pq.run(subset, std::nullopt);
        Money gifts = 0;
        for (const auto& g : q.gifts) gifts += g.cost;
        Money share = gifts > 0 ? allocate(gifts, q.line_paid)[0] : 0;
        Money net = q.line_paid[0] - share;
        int64_t qty = cart[0].qty;
        if (have && static_cast<i128>(net) * best.qty >= static_cast<i128>(best.line_paid - best.gift_share) * qty) return q;
        have = true;
        best.line_paid = q.line_paid[0];
        best.gift_share = share;
        best.qty = qty;
        best.at = sc.at;
        best.channel = sc.channel;
        best.customer = sc.customer;
        best.cart = cart;
        best.coupons.clear();
        for (int32_t c : subset) best.coupons.push_back(in.promotions[c].coupon_code);
        best.points = q.points_used;
        best.profile = rules.profile;
        best.promotions.clear();
        for (const auto& d : q.discounts) best.promotions.push_back(d.promotion);
        for (const auto& g : q.gifts) best.promotions.push_back(g.promotion);
        return q;
      };
      // Coupons: every one offered (the engine picks the best per line), then each applied
      // coupon left out in turn, which lets a coupon it displaced or a later threshold in.
      const auto& held = pq.held_coupons();
      Quote all = consider(held);
      for (int32_t c : held) {
        bool used = false;
        for (const auto& d : all.discounts) used = used || d.promotion == in.promotions[c].id;
        if (!used) continue;
        std::vector<int32_t> rest;
        for (int32_t o : held)
          if (o != c) rest.push_back(o);
        consider(rest);
      }
    }
  }
  best.lowest_unit_price = div_round(best.line_paid - best.gift_share, best.qty);
  if (best.floor_price)
    best.violation = static_cast<i128>(best.line_paid - best.gift_share) < static_cast<i128>(*best.floor_price) * best.qty;
  return best;
}

void sort_findings_for_review(std::vector<GuardFinding>& findings) {
  auto rank = [](const GuardFinding& f) { return f.list_price_below_floor ? 0 : f.violation ? 1 : 2; };
  auto gap = [](const GuardFinding& f) { return f.floor_price ? f.lowest_unit_price - *f.floor_price : Money{0}; };
  std::stable_sort(findings.begin(), findings.end(), [&](const GuardFinding& a, const GuardFinding& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 1) return gap(a) < gap(b);
    return false;
  });
}

const char* finding_kind(const GuardFinding& f) {
  if (f.list_price_below_floor) return "list_price_below_floor";
  if (f.violation) return "promotion_below_floor";
  if (!f.cost) return "unknown_cost";
  return "ok";
}

Result<int64_t> parse_percent_bp(std::string_view text) {
  std::string_view v = text;
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (!v.empty() && v.back() == '%') v.remove_suffix(1);
  auto bp = parse_money(v, 2);  // hundredths of a percent = basis points, exact
  if (!bp) return make_error(ErrorCode::invalid_argument, "\"" + std::string(text) + "\" is not a percentage (e.g. 10 or 12.5)");
  if (*bp < 0 || *bp > 10000)
    return make_error(ErrorCode::invalid_argument, "\"" + std::string(text) + "\" is outside 0 to 100 percent");
  return *bp;
}

Table guard_findings_table(const std::vector<GuardFinding>& findings) {
  Table t;
  t.columns = {"sku", "list_price", "cost", "floor_price", "lowest_unit_price", "below_floor", "violation", "at",
               "buyer_orders_before", "buyer_group", "buyer_tier", "channel", "profile", "cart", "coupons", "points", "promotions", "finding"};
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  for (const GuardFinding& f : findings) {
    std::string cart;
    for (const CartLine& l : f.cart)
      cart += (cart.empty() ? "" : "; ") + l.sku + " x " + std::to_string(l.qty) + " @ " + money_to_decimal(l.price);
    auto opt_money = [](const std::optional<Money>& m) { return m ? Cell::money(*m) : Cell::null(); };
    t.rows.push_back({Cell::text(f.sku), Cell::money(f.list_price), opt_money(f.cost),
                      opt_money(f.floor_price), Cell::money(f.lowest_unit_price),
                      (f.violation || f.list_price_below_floor) && f.floor_price ? Cell::money(*f.floor_price - f.lowest_unit_price)
                                                                                 : Cell::null(),
                      Cell::integer(f.violation ? 1 : 0), Cell::time(f.at), Cell::integer(f.customer.orders_before),
                      Cell::text(f.customer.group), Cell::text(f.customer.tier), Cell::text(f.channel), Cell::text(f.profile), Cell::text(cart),
                      Cell::text(join(f.coupons)), Cell::integer(f.points), Cell::text(join(f.promotions)), Cell::text(finding_kind(f))});
  }
  return t;
}

}  // namespace shopkeeper::promo
