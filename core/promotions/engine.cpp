#include "core/promotions/engine.h"

#include <algorithm>
#include <climits>

namespace shopkeeper::promo {

__extension__ typedef __int128 i128;  // exact intermediate products of money and weights

namespace {

const char* kKindNames[kKindCount] = {"threshold_tiers", "per_each",     "percent_off",    "amount_off_each",
                                      "flash_price",     "quantity_tiers", "nth_item",     "buy_x_get_y",
                                      "bundle_price",    "gift",         "coupon",         "points",
                                      "deposit_presale", "shipping"};
const char* kLayerNames[kLayerCount] = {"item", "shop", "coupon", "platform", "points", "shipping"};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Kinds whose discount on one line does not depend on other lines: within a layer each line
// picks its own best offer among these (one candidate per line).
bool separable(Kind k) {
  return k == Kind::percent_off || k == Kind::amount_off_each || k == Kind::flash_price ||
         k == Kind::deposit_presale || k == Kind::nth_item;
}

bool scope_match(const Scope& sc, const CartLine& l) {
  if (contains(sc.exclude_skus, l.sku)) return false;
  if (sc.all()) return true;
  if (contains(sc.skus, l.sku) || contains(sc.categories, l.category)) return true;
  for (const auto& t : l.tags)
    if (contains(sc.tags, t)) return true;
  return false;
}

constexpr int64_t kNoCap = INT64_MAX;

struct Compiled {
  const Promotion* p = nullptr;
  int32_t index = 0;
  std::vector<int32_t> lines;  // cart lines in scope
  std::vector<int32_t> cond;   // cart lines in the condition scope (has_cond)
  bool has_cond = false;
  Reason reason;               // static ineligibility, empty = eligible
  bool skip = false;           // left out by the caller: never evaluated, never reported
  int64_t allowance = kNoCap;  // discounted units left under the unit caps
  std::optional<Money> budget_left;
  bool per_line = false;       // weighed line by line (separable kind, no cap, no budget)
};

struct Ev {
  bool ok = false;
  Money total = 0;
  std::vector<Money> per_line;  // indexed by cart line
  std::vector<Money> withheld;  // per cart line: discount not given because of the floor (floors only)
  Money budget_cut = 0;         // discount not given because the budget ran out
  Money deposit = 0;
  int64_t flash_units = 0;
  std::vector<int64_t> units;   // per cart line: units discounted when not the whole line (caps, free units)
  Reason reason;
  void set_units(int32_t l, int64_t k, size_t n) {
    if (units.empty()) units.assign(n, 0);
    units[l] = k;
  }
};

struct State {
  std::vector<Money> amt;       // per line, what is left
  std::vector<Money> entry;     // per line, what was left when the current layer began
  int8_t gate_from = -1;        // the current layer's thresholds measure snap[gate_from] (-1: entry)
  std::vector<Money> snap[kLayerCount];  // amounts at each layer's start (profiles that look back)
  std::vector<Money> withheld;  // per line, discounts stopped by the floor
  std::vector<char> blocked;    // line taken by an exclusive promotion
  std::vector<char> off;        // per promotion: switched off by a choice (empty: none)
  std::vector<AppliedDiscount> discounts;
  std::vector<Reason> reason;  // per promotion: why it did not apply (none = no note)
  std::vector<GiftGiven> gifts;
  int64_t codes_used = 0;
};

}  // namespace

bool in_scope(const Promotion& p, const CartLine& l) {
  if (p.kind == Kind::bundle_price) {
    if (contains(p.scope.exclude_skus, l.sku)) return false;
    for (const auto& b : p.params.bundle)
      if (b.sku == l.sku) return true;
    return false;
  }
  return scope_match(p.scope, l);
}

// Eligibility that does not depend on the cart: time window, buyer, channel, limits.
Reason ineligible_reason(const Promotion& p, const QuoteInput& in) {
  const Conditions& c = p.conditions;
  if (c.starts_at && in.at < *c.starts_at) return {Why::not_started, *c.starts_at};
  if (c.ends_at && in.at >= *c.ends_at) return {Why::ended, *c.ends_at};
  if (!c.channels.empty() && !contains(c.channels, in.channel)) return {Why::channel, 0, 0, 0, in.channel};
  if (!c.groups.empty() && !contains(c.groups, in.customer.group)) return {Why::group, 0, 0, 0, in.customer.group};
  if (!c.tiers.empty() && !contains(c.tiers, in.customer.tier)) return {Why::tier, 0, 0, 0, in.customer.tier};
  if (!c.segments.empty() &&
      std::none_of(c.segments.begin(), c.segments.end(), [&](const std::string& s) { return contains(in.customer.segments, s); })) {
    std::string names;
    for (const std::string& s : c.segments) names += (names.empty() ? "" : ", ") + s;
    return {Why::segment, 0, 0, 0, names};
  }
  if (c.first_order && in.customer.orders_before != 0) return {Why::first_order_only};
  if (c.nth_order && in.customer.orders_before + 1 != *c.nth_order)
    return {Why::nth_order_only, *c.nth_order, in.customer.orders_before + 1};
  if (c.total_limit && c.redeemed >= *c.total_limit) return {Why::uses_taken, *c.total_limit};
  if (!p.coupon_code.empty() && c.per_customer_limit) {
    auto it = in.customer.coupon_uses.find(p.coupon_code);
    int64_t used = it == in.customer.coupon_uses.end() ? 0 : it->second;
    if (used >= *c.per_customer_limit) return {Why::coupon_used, used, 0, 0, p.coupon_code};
  }
  if (p.kind == Kind::flash_price) {
    if (p.params.stock && *p.params.stock <= 0) return {Why::flash_sold_out};
    if (p.params.per_customer_units) {
      auto it = in.customer.flash_bought.find(p.id);
      int64_t had = it == in.customer.flash_bought.end() ? 0 : it->second;
      if (had >= *p.params.per_customer_units) return {Why::flash_customer_limit};
    }
  }
  if (p.budget.total && p.budget.redeemed_amount >= *p.budget.total)
    return {Why::budget_spent, p.budget.redeemed_amount, *p.budget.total};
  if (p.budget.per_customer) {
    auto it = in.customer.budget_used.find(p.id);
    Money used = it == in.customer.budget_used.end() ? 0 : it->second;
    if (used >= *p.budget.per_customer) return {Why::budget_spent, used, *p.budget.per_customer};
  }
  if (p.max_units_per_customer) {
    auto it = in.customer.units_bought.find(p.id);
    int64_t had = it == in.customer.units_bought.end() ? 0 : it->second;
    if (had >= *p.max_units_per_customer) return {Why::unit_cap_reached, *p.max_units_per_customer};
  }
  return {};
}

const char* kind_name(Kind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<Kind> kind_from_name(const std::string& s) {
  for (int i = 0; i < kKindCount; ++i)
    if (s == kKindNames[i]) return static_cast<Kind>(i);
  return std::nullopt;
}
const char* layer_name(Layer l) { return kLayerNames[static_cast<int>(l)]; }
std::optional<Layer> layer_from_name(const std::string& s) {
  for (int i = 0; i < kLayerCount; ++i)
    if (s == kLayerNames[i]) return static_cast<Layer>(i);
  return std::nullopt;
}
Layer default_layer(Kind k) {
  switch (k) {
    case Kind::percent_off:
    case Kind::amount_off_each:
    case Kind::flash_price:
    case Kind::deposit_presale: return Layer::item;
    case Kind::coupon: return Layer::coupon;
    case Kind::points: return Layer::points;
    case Kind::shipping: return Layer::shipping;
    default: return Layer::shop;
  }
}

std::vector<Money> allocate(Money total, const std::vector<Money>& weights) {
  std::vector<Money> out(weights.size(), 0);
  i128 sum = 0;
  for (Money w : weights) sum += w;
  if (sum <= 0 || total == 0) return out;
  std::vector<std::pair<i128, size_t>> rem;
  rem.reserve(weights.size());
  Money given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    i128 p = static_cast<i128>(total) * weights[i];
    out[i] = static_cast<Money>(p / sum);
    rem.emplace_back(p % sum, i);
    given += out[i];
  }
  std::stable_sort(rem.begin(), rem.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < rem.size(); ++k, ++given) out[rem[k].second] += 1;
  return out;
}

void note(State& s, int32_t index, Reason why) { s.reason[static_cast<size_t>(index)] = std::move(why); }

struct PreparedQuote::Impl {
  const QuoteInput& in;
  const StackRules& rules;
  bool quiet = false;
  bool floors = false;           // some line has a floor price
  bool look_back = false;        // the profile's thresholds look at an earlier layer's amounts
  bool layer_used[kLayerCount] = {};  // some promotion looked at runs in the layer
  bool any_group = false;
  std::vector<Compiled> promos;
  std::vector<int32_t> held;     // coupon promotions whose code is held
  int prefix_end = 0;            // goods layers (positions in rules.order) that do not depend on choices
  State prefix;                  // state after those layers
  // Choices between alternatives: a group's members, the two sides of a profile's exclusion,
  // two promotions that do not combine. Each alternative is the set of promotions switched off.
  struct Choice {
    std::vector<std::vector<int32_t>> off;
    std::vector<Reason> why;  // per alternative: the reason given to what it switches off
  };
  std::vector<Choice> choices;

  Impl(const QuoteInput& q, const std::vector<char>* consider, bool reasons) : in(q), rules(q.rules), quiet(!reasons) {
    promos.resize(in.promotions.size());
    for (const CartLine& l : in.cart)
      if (l.floor_price) floors = true;
    for (int L = 0; L < kLayerCount; ++L)
      if (rules.gate_from[L] != static_cast<Layer>(L)) look_back = true;
    for (size_t i = 0; i < in.promotions.size(); ++i) {
      Compiled& c = promos[i];
      c.p = &in.promotions[i];
      c.index = static_cast<int32_t>(i);
      if (consider && (i >= consider->size() || !(*consider)[i])) {
        c.skip = true;
        continue;
      }
      const Promotion& p = *c.p;
      layer_used[static_cast<int>(p.layer)] = true;
      if (!p.group.empty()) any_group = true;
      for (size_t l = 0; l < in.cart.size(); ++l)
        if (in_scope(p, in.cart[l])) c.lines.push_back(static_cast<int32_t>(l));
      if (p.conditions.scope) {
        c.has_cond = true;
        for (size_t l = 0; l < in.cart.size(); ++l)
          if (scope_match(*p.conditions.scope, in.cart[l])) c.cond.push_back(static_cast<int32_t>(l));
      }
      c.reason = ineligible_reason(p, in);
      if (p.max_units) c.allowance = std::min(c.allowance, *p.max_units);
      if (p.cheapest_only) c.allowance = std::min<int64_t>(c.allowance, 1);
      if (p.max_units_per_customer) {
        auto it = in.customer.units_bought.find(p.id);
        c.allowance = std::min(c.allowance, *p.max_units_per_customer - (it == in.customer.units_bought.end() ? 0 : it->second));
      }
      if (p.budget.any()) {
        Money left = INT64_MAX;
        if (p.budget.total) left = std::min(left, *p.budget.total - p.budget.redeemed_amount);
        if (p.budget.per_customer) {
          auto it = in.customer.budget_used.find(p.id);
          left = std::min(left, *p.budget.per_customer - (it == in.customer.budget_used.end() ? 0 : it->second));
        }
        c.budget_left = std::max<Money>(left, 0);
      }
      c.per_line = separable(p.kind) && c.allowance == kNoCap && !c.budget_left;
      if (!p.coupon_code.empty() && contains(in.coupons_held, p.coupon_code)) held.push_back(c.index);
    }
    if (any_group || !rules.exclusive_pairs.empty() || rules.use_combines_with) build_choices();
    // Layers before the first coupon or choice member run once for every coupon choice.
    prefix_end = static_cast<int>(rules.order.size());
    auto pos_of = [&](Layer L) {
      for (size_t k = 0; k < rules.order.size(); ++k)
        if (rules.order[k] == L) return static_cast<int>(k);
      return static_cast<int>(rules.order.size());
    };
    for (const Compiled& c : promos)
      if (!c.skip && !c.p->coupon_code.empty()) prefix_end = std::min(prefix_end, pos_of(c.p->layer));
    for (const Choice& ch : choices)
      for (const auto& alt : ch.off)
        for (int32_t i : alt) prefix_end = std::min(prefix_end, pos_of(promos[i].p->layer));
    prefix.amt.resize(in.cart.size());
    prefix.blocked.assign(in.cart.size(), 0);
    prefix.reason.resize(promos.size());
    if (floors) prefix.withheld.assign(in.cart.size(), 0);
    for (size_t l = 0; l < in.cart.size(); ++l) prefix.amt[l] = in.cart[l].price * in.cart[l].qty;
    std::vector<char> no_coupons(promos.size(), 0);
    for (int k = 0; k < prefix_end; ++k) run_layer(rules.order[k], prefix, no_coupons);
  }

  const std::vector<Money>& gate_amounts(const State& s) const { return s.gate_from < 0 ? s.entry : s.snap[s.gate_from]; }
  static bool is_off(const State& s, int32_t i) { return !s.off.empty() && s.off[static_cast<size_t>(i)]; }

  // Promotions a profile selector names: "layer:coupon", "class:shop_red_packet", "kind:points".
  bool selects(const std::string& sel, const Promotion& p) const {
    auto colon = sel.find(':');
    if (colon == std::string::npos) return false;
    std::string what = sel.substr(0, colon), name = sel.substr(colon + 1);
    if (what == "layer") return name == layer_name(p.layer);
    if (what == "class") return name == p.platform_class;
    if (what == "kind") return name == kind_name(p.kind);
    if (what == "coupon") return !p.coupon_code.empty() && name == layer_name(p.layer);
    return false;
  }

  // A promotion that could take part in this quote: looked at, eligible, with a line in scope
  // (shipping offers: any cart).
  bool live(const Compiled& c) const {
    return !c.skip && c.reason.empty() && (!c.lines.empty() || c.p->kind == Kind::shipping || c.p->kind == Kind::points);
  }

  void build_choices() {
    // Groups: each member alone.
    std::vector<std::string> names;
    for (const Compiled& c : promos)
      if (live(c) && !c.p->group.empty() && !contains(names, c.p->group)) names.push_back(c.p->group);
    for (const std::string& g : names) {
      std::vector<int32_t> members;
      for (const Compiled& c : promos)
        if (live(c) && c.p->group == g) members.push_back(c.index);
      if (members.size() < 2) continue;
      Choice ch;
      for (int32_t keep : members) {
        std::vector<int32_t> off;
        for (int32_t m : members)
          if (m != keep) off.push_back(m);
        ch.off.push_back(std::move(off));
        Reason r{Why::group_better};
        r.text = g;
        ch.why.push_back(std::move(r));
      }
      choices.push_back(std::move(ch));
    }
    // The profile's mutually exclusive sides.
    for (const auto& [a, b] : rules.exclusive_pairs) {
      std::vector<int32_t> sa, sb;
      for (const Compiled& c : promos) {
        if (!live(c)) continue;
        if (selects(a, *c.p)) sa.push_back(c.index);
        else if (selects(b, *c.p)) sb.push_back(c.index);
      }
      if (sa.empty() || sb.empty()) continue;
      Choice ch;
      ch.off = {sa, sb};
      Reason ra{Why::profile_excluded}, rb{Why::profile_excluded};
      ra.text = b, rb.text = a;
      ch.why = {ra, rb};
      choices.push_back(std::move(ch));
    }
    // Shopify combinesWith / WooCommerce individual use: pairs that do not combine.
    if (rules.use_combines_with) {
      auto combines = [&](const Promotion& x, const Promotion& y) {
        return !x.combines_with || contains(*x.combines_with, rules.discount_class[static_cast<int>(y.layer)]);
      };
      for (size_t i = 0; i < promos.size(); ++i) {
        if (!live(promos[i])) continue;
        for (size_t j = i + 1; j < promos.size(); ++j) {
          if (!live(promos[j])) continue;
          const Promotion& x = *promos[i].p;
          const Promotion& y = *promos[j].p;
          if (combines(x, y) && combines(y, x)) continue;
          Choice ch;
          ch.off = {{promos[i].index}, {promos[j].index}};
          Reason rx{Why::not_combinable}, ry{Why::not_combinable};
          rx.text = y.name, ry.text = x.name;
          ch.why = {rx, ry};
          choices.push_back(std::move(ch));
        }
      }
    }
  }

  // The coupon's code is named only when the reasons are shown (it costs a string copy).
  Reason coupon_not_held(const Promotion& p) const {
    Reason r{Why::coupon_not_held};
    if (!quiet) r.text = p.coupon_code;
    return r;
  }

  // Lines of `c` open to it: in scope, not blocked, not claimed, something left.
  std::vector<int32_t> open_lines(const Compiled& c, const State& s, const std::vector<char>* claimed) const {
    std::vector<int32_t> v;
    for (int32_t l : c.lines)
      if (!s.blocked[l] && (!claimed || !(*claimed)[l]) && s.amt[l] > 0) v.push_back(l);
    return v;
  }

  // What the promotion's thresholds measure: the layer's gate amounts of its condition scope
  // (not blocked) or of `lines`, plus the shipping fee when asked.
  Money gate_of(const Compiled& c, const State& s, const std::vector<int32_t>& lines, int64_t* units) const {
    Money g = 0;
    int64_t u = 0;
    if (c.has_cond) {
      for (int32_t l : c.cond)
        if (!s.blocked[l]) g += gate_amounts(s)[l], u += in.cart[l].qty;
    } else {
      for (int32_t l : lines) g += gate_amounts(s)[l], u += in.cart[l].qty;
    }
    if (c.p->conditions.include_shipping) g += in.shipping;
    if (units) *units = u;
    return g;
  }

  // Checks min_amount / min_qty (and that a condition scope is in the cart); a reason or none.
  Reason min_reason(const Compiled& c, const State& s, const std::vector<int32_t>& lines) const {
    const Promotion& p = *c.p;
    int64_t units = 0;
    Money base = gate_of(c, s, lines, &units);
    if (c.has_cond && units == 0 && p.kind != Kind::buy_x_get_y) return {Why::condition_not_in_cart};
    if (p.conditions.min_amount && base < *p.conditions.min_amount)
      return {Why::min_amount, *p.conditions.min_amount, base};
    if (p.conditions.min_qty && units < *p.conditions.min_qty)
      return {Why::min_units, *p.conditions.min_qty, units};
    return {};
  }

  bool compounding(const Compiled& c) const {
    int8_t f = rules.compounding[static_cast<int>(c.p->layer)];
    return f >= 0 ? f == 1 : c.p->compounding;
  }

  void spread(Ev& e, Money total, const std::vector<int32_t>& lines, const State& s) const {
    std::vector<Money> w(lines.size());
    for (size_t k = 0; k < lines.size(); ++k) w[k] = s.amt[lines[k]];
    auto a = allocate(total, w);
    for (size_t k = 0; k < lines.size(); ++k) e.per_line[lines[k]] = a[k];
    e.total = total;
  }

  // Units to discount under a cap: `lines` ordered by current unit value (cheapest or dearest
  // first, ties: lower line), taking whole lines until `cap` units.
  std::vector<std::pair<int32_t, int64_t>> pick_units(const std::vector<int32_t>& lines, int64_t cap, Pick pick,
                                                      const State& s) const {
    std::vector<int32_t> order = lines;
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      i128 x = static_cast<i128>(s.amt[a]) * in.cart[b].qty, y = static_cast<i128>(s.amt[b]) * in.cart[a].qty;
      return pick == Pick::cheapest ? x < y : x > y;
    });
    std::vector<std::pair<int32_t, int64_t>> out;
    for (int32_t l : order) {
      if (cap <= 0) break;
      int64_t k = std::min(cap, in.cart[l].qty);
      out.push_back({l, k});
      cap -= k;
    }
    return out;
  }

  Money part(Money amount, int64_t k, int64_t qty) const { return k == qty ? amount : div_round(amount * k, qty); }

  // Floors and budgets: no line below floor_price * qty (the rest is withheld, stated per
  // line), and no more than the budget left (the discount is re-allocated over its lines).
  void finish(const Compiled& c, Ev& e, const State& s) const {
    if (floors) {
      e.withheld.assign(in.cart.size(), 0);
      Money withheld = 0;
      for (size_t l = 0; l < e.per_line.size(); ++l) {
        if (e.per_line[l] <= 0 || !in.cart[l].floor_price) continue;
        Money room = std::max<Money>(0, s.amt[l] - *in.cart[l].floor_price * in.cart[l].qty);
        if (e.per_line[l] > room) e.withheld[l] = e.per_line[l] - room, withheld += e.withheld[l], e.per_line[l] = room;
      }
      if (withheld > 0) {
        e.total = 0;
        for (Money m : e.per_line) e.total += m;
        if (e.total == 0) e.reason = {Why::floor_reached};
      }
    }
    if (c.budget_left && e.total > *c.budget_left) {
      e.budget_cut = e.total - *c.budget_left;
      e.per_line = allocate(*c.budget_left, e.per_line);
      e.total = *c.budget_left;
      if (e.total == 0) e.reason = {Why::budget_spent, c.p->budget.redeemed_amount, c.p->budget.total.value_or(0)};
    }
  }

  // The discount `c` gives on `lines` (already filtered) at the current amounts.
  Ev evaluate(const Compiled& c, const State& s, const std::vector<int32_t>& lines, bool check_min,
              int64_t flash_used) const {
    const Promotion& p = *c.p;
    const Params& q = p.params;
    Ev e;
    e.per_line.assign(in.cart.size(), 0);
    if (lines.empty()) {
      e.reason = {c.lines.empty() ? Why::no_line_in_scope : Why::lines_taken};
      return e;
    }
    if (check_min) {
      e.reason = min_reason(c, s, lines);
      if (!e.reason.empty()) return e;
    }
    // `base` is what is left on the lines now (what a discount can take); `gate` is what the
    // layer's thresholds measure (rule 2): the amounts when the layer began.
    Money base = 0;
    int64_t units = 0;
    for (int32_t l : lines) base += s.amt[l], units += in.cart[l].qty;
    const Money gate = gate_of(c, s, lines, nullptr);
    // Percentages of a non-compounding stackable offer are taken from the amounts the layer's
    // thresholds see (its starting amounts unless a profile looks back), capped at what is
    // left; of everything else from what is left.
    const std::vector<Money>& src = compounding(c) ? s.amt : gate_amounts(s);
    const bool capped = c.allowance != kNoCap;
    switch (p.kind) {
      case Kind::threshold_tiers: {
        const Tier* best = nullptr;
        Money next = 0;
        for (const Tier& t : q.tiers) {
          if (t.threshold <= gate && (!best || t.threshold > best->threshold)) best = &t;
          if (t.threshold > gate && (next == 0 || t.threshold < next)) next = t.threshold;
        }
        if (!best) {
          e.reason = {Why::threshold_short, next, gate, next - gate};
          return e;
        }
        spread(e, std::min(best->amount, base), lines, s);
        break;
      }
      case Kind::per_each: {
        if (q.threshold <= 0 || gate < q.threshold) {
          e.reason = {Why::step_short, q.threshold, gate};
          return e;
        }
        Money d = (gate / q.threshold) * q.amount;
        if (q.cap > 0) d = std::min(d, q.cap);
        spread(e, std::min(d, base), lines, s);
        break;
      }
      case Kind::percent_off:
      case Kind::quantity_tiers: {
        int64_t bp = q.bp;
        if (p.kind == Kind::quantity_tiers) {
          const Tier* best = nullptr;
          for (const Tier& t : q.tiers)
            if (t.threshold <= units && (!best || t.threshold > best->threshold)) best = &t;
          if (!best) {
            e.reason = {Why::more_units, units};
            return e;
          }
          bp = best->bp;
        }
        bp = std::clamp<int64_t>(bp, 0, 10000);
        if (capped && p.kind == Kind::percent_off) {
          for (auto [l, k] : pick_units(lines, c.allowance, p.pick, s)) {
            e.per_line[l] = std::min(apply_bp(part(src[l], k, in.cart[l].qty), bp), s.amt[l]), e.total += e.per_line[l];
            e.set_units(l, k, in.cart.size());
          }
        } else {
          for (int32_t l : lines) e.per_line[l] = std::min(apply_bp(src[l], bp), s.amt[l]), e.total += e.per_line[l];
        }
        break;
      }
      case Kind::amount_off_each:
        if (capped) {
          for (auto [l, k] : pick_units(lines, c.allowance, p.pick, s)) {
            e.per_line[l] = std::min(part(s.amt[l], k, in.cart[l].qty), q.amount * k), e.total += e.per_line[l];
            e.set_units(l, k, in.cart.size());
          }
        } else {
          for (int32_t l : lines) e.per_line[l] = std::min(s.amt[l], q.amount * in.cart[l].qty), e.total += e.per_line[l];
        }
        break;
      case Kind::deposit_presale:
        for (int32_t l : lines) {
          e.per_line[l] = std::clamp<Money>((q.deduct - q.deposit) * in.cart[l].qty, 0, s.amt[l]);
          e.total += e.per_line[l];
          e.deposit += q.deposit * in.cart[l].qty;
        }
        break;
      case Kind::flash_price: {
        int64_t allowance = INT64_MAX;
        if (q.stock) allowance = *q.stock;
        if (q.per_customer_units) {
          auto it = in.customer.flash_bought.find(p.id);
          int64_t had = it == in.customer.flash_bought.end() ? 0 : it->second;
          allowance = std::min(allowance, *q.per_customer_units - had);
        }
        allowance -= flash_used;
        for (int32_t l : lines) {
          int64_t n = std::min(in.cart[l].qty, allowance);
          if (n <= 0) break;
          Money now = div_round(s.amt[l] * n, in.cart[l].qty);  // current value of those n units
          Money d = std::max<Money>(0, now - n * q.price);
          if (d > 0) {
            e.per_line[l] = d;
            e.total += d;
            e.flash_units += n;
            e.set_units(l, n, in.cart.size());
            allowance -= n;
          }
        }
        if (e.total == 0) e.reason = {Why::flash_not_lower};
        break;
      }
      case Kind::nth_item: {
        int64_t n = std::max<int64_t>(q.n, 1);
        for (int32_t l : lines) {
          int64_t k = in.cart[l].qty / n;
          if (k == 0) continue;
          e.per_line[l] = apply_bp(div_round(s.amt[l] * k, in.cart[l].qty), q.bp);
          e.total += e.per_line[l];
        }
        if (e.total == 0) e.reason = {Why::nth_units, n};
        break;
      }
      case Kind::buy_x_get_y:
        if (!buy_x_get_y(c, s, lines, units, e)) return e;
        break;
      case Kind::bundle_price: {
        // Units needed per SKU for one set (an SKU listed twice needs both quantities).
        std::vector<BundleItem> need_per_set;
        for (const BundleItem& b : q.bundle) {
          auto it = std::find_if(need_per_set.begin(), need_per_set.end(), [&](const BundleItem& x) { return x.sku == b.sku; });
          if (it == need_per_set.end()) need_per_set.push_back({b.sku, std::max<int64_t>(b.qty, 1)});
          else it->qty += std::max<int64_t>(b.qty, 1);
        }
        if (need_per_set.empty()) {
          e.reason = {Why::bundle_empty};
          return e;
        }
        int64_t sets = INT64_MAX;
        for (const BundleItem& b : need_per_set) {
          int64_t have = 0;
          for (int32_t l : lines)
            if (in.cart[l].sku == b.sku) have += in.cart[l].qty;
          sets = std::min(sets, have / b.qty);
        }
        if (sets == 0) {
          e.reason = {Why::bundle_incomplete};
          return e;
        }
        // Units of each line that go into sets, their current value, and the set discount.
        std::vector<int32_t> used_lines;
        std::vector<Money> value;
        Money set_value = 0;
        for (const BundleItem& b : need_per_set) {
          int64_t need = sets * b.qty;
          for (int32_t l : lines) {
            if (in.cart[l].sku != b.sku || need == 0) continue;
            int64_t k = std::min(need, in.cart[l].qty);
            need -= k;
            used_lines.push_back(l);
            value.push_back(div_round(s.amt[l] * k, in.cart[l].qty));
            set_value += value.back();
          }
        }
        Money d = set_value - sets * q.price;
        if (d <= 0) {
          e.reason = {Why::bundle_not_lower};
          return e;
        }
        auto a = allocate(d, value);
        for (size_t k = 0; k < used_lines.size(); ++k) e.per_line[used_lines[k]] += a[k];
        e.total = d;
        break;
      }
      case Kind::gift:
        if (gate < q.threshold) {
          e.reason = {Why::gift_short, q.threshold, gate};
          return e;
        }
        e.ok = true;
        return e;
      case Kind::coupon: {
        if (gate < q.threshold) {
          e.reason = {Why::coupon_short, q.threshold, gate, q.threshold - gate};
          return e;
        }
        if (capped) {
          // On the picked units only (Saleor's apply_once_per_order: the cheapest one).
          auto picked = pick_units(lines, c.allowance, p.pick, s);
          std::vector<Money> value;
          Money sel = 0, sel_src = 0;
          for (auto [l, k] : picked) {
            value.push_back(part(s.amt[l], k, in.cart[l].qty));
            sel += value.back();
            sel_src += part(src[l], k, in.cart[l].qty);
          }
          Money d = q.bp > 0 ? apply_bp(sel_src, std::min<int64_t>(q.bp, 10000)) : q.amount;
          if (q.bp > 0 && q.cap > 0) d = std::min(d, q.cap);
          d = std::min(d, sel);
          auto a = allocate(d, value);
          for (size_t k = 0; k < picked.size(); ++k) {
            e.per_line[picked[k].first] = a[k];
            e.set_units(picked[k].first, picked[k].second, in.cart.size());
          }
          e.total = d;
          break;
        }
        Money from = base;
        if (!compounding(c)) {
          from = 0;
          for (int32_t l : lines) from += gate_amounts(s)[l];
        }
        Money d = q.bp > 0 ? apply_bp(from, std::min<int64_t>(q.bp, 10000)) : q.amount;
        if (q.bp > 0 && q.cap > 0) d = std::min(d, q.cap);
        spread(e, std::min(d, base), lines, s);
        break;
      }
      case Kind::points:
      case Kind::shipping: e.reason = {Why::own_layer}; return e;
    }
    if (e.total > 0) finish(c, e, s);
    if (e.total <= 0) {
      if (e.reason.empty()) e.reason = {Why::no_discount};
      return e;
    }
    e.ok = true;
    return e;
  }

  // Buy X get Y: per `buy + get` units in scope the `get` cheapest are discounted; with a
  // condition scope, buy from that set (A) and get from the scope (B), a unit serving once.
  bool buy_x_get_y(const Compiled& c, const State& s, const std::vector<int32_t>& lines, int64_t units, Ev& e) const {
    const Promotion& p = *c.p;
    const Params& q = p.params;
    const int64_t buy = std::max<int64_t>(q.buy, 1), get = std::max<int64_t>(q.get, 1);
    int64_t free_units = 0;
    int64_t overlap_left = INT64_MAX;  // units of lines in both sets that may be given
    std::vector<char> in_a(in.cart.size(), 0);
    if (!c.has_cond) {
      int64_t groups = units / (buy + get);
      if (!q.repeat) groups = std::min<int64_t>(groups, 1);
      free_units = groups * get;
      if (free_units == 0) {
        e.reason = {Why::min_units, buy + get, units};
        return false;
      }
    } else {
      std::vector<char> in_b(in.cart.size(), 0);
      for (int32_t l : lines) in_b[l] = 1;
      int64_t a = 0, b = 0, both = 0;
      for (int32_t l : c.cond)
        if (!s.blocked[l]) in_a[l] = 1;
      for (size_t l = 0; l < in.cart.size(); ++l) {
        if (in_a[l] && in_b[l]) both += in.cart[l].qty;
        else if (in_a[l]) a += in.cart[l].qty;
        else if (in_b[l]) b += in.cart[l].qty;
      }
      // The most groups g with g*buy units from A and g*get from B, disjoint.
      int64_t g = (a + both) / buy;
      while (g > 0 && std::max<int64_t>(0, g * buy - a) + std::max<int64_t>(0, g * get - b) > both) --g;
      if (!q.repeat) g = std::min<int64_t>(g, 1);
      if (g == 0) {
        Reason r{Why::buy_set_short, buy, a + both};
        if (b + both == 0) r = {Why::no_line_in_scope};
        e.reason = r;
        return false;
      }
      free_units = g * get;
      overlap_left = both + a - g * buy;
    }
    free_units = std::min(free_units, c.allowance);
    std::vector<int32_t> order = lines;
    std::stable_sort(order.begin(), order.end(), [&](int32_t x, int32_t y) {
      i128 u = static_cast<i128>(s.amt[x]) * in.cart[y].qty, v = static_cast<i128>(s.amt[y]) * in.cart[x].qty;
      return p.pick == Pick::cheapest ? u < v : u > v;
    });
    const std::vector<Money>& src = compounding(c) ? s.amt : gate_amounts(s);
    for (int32_t l : order) {
      if (free_units == 0) break;
      int64_t k = std::min(free_units, in.cart[l].qty);
      if (in_a[l]) k = std::min(k, overlap_left), overlap_left -= k;
      if (k <= 0) continue;
      free_units -= k;
      e.per_line[l] = std::min(apply_bp(part(src[l], k, in.cart[l].qty), q.bp), s.amt[l]);
      e.total += e.per_line[l];
      e.set_units(l, k, in.cart.size());
    }
    return true;
  }

  void apply(const Compiled& c, const Ev& e, State& s) const {
    AppliedDiscount* d = nullptr;
    for (auto& x : s.discounts)
      if (x.promotion == c.p->id && x.kind == c.p->kind) d = &x;
    if (!d) {
      s.discounts.push_back({});
      d = &s.discounts.back();
      d->promotion = c.p->id;
      d->name = c.p->name;
      d->kind = c.p->kind;
      d->layer = c.p->layer;
      d->platform_funded = c.p->platform_funded;
      if (!c.p->coupon_code.empty()) ++s.codes_used;
    }
    for (size_t l = 0; l < e.per_line.size(); ++l) {
      if (!e.withheld.empty() && e.withheld[l] > 0) s.withheld[l] += e.withheld[l], d->floor_withheld += e.withheld[l];
      if (e.per_line[l] == 0) continue;
      s.amt[l] -= e.per_line[l];
      d->amount += e.per_line[l];
      d->units += !e.units.empty() && e.units[l] > 0 ? e.units[l] : in.cart[l].qty;
      d->lines.push_back({static_cast<int32_t>(l), e.per_line[l]});
    }
    std::sort(d->lines.begin(), d->lines.end(), [](const LineAmount& a, const LineAmount& b) { return a.line < b.line; });
    d->deposit += e.deposit;
    d->budget_cut += e.budget_cut;
  }

  // Sets up the amounts a layer's thresholds measure.
  void begin_layer(Layer L, State& s) const {
    const int li = static_cast<int>(L);
    s.gate_from = -1;
    if (look_back) {
      s.snap[li] = s.amt;
      const int from = static_cast<int>(rules.gate_from[li]);
      if (s.snap[from].size() == s.amt.size()) s.gate_from = static_cast<int8_t>(from);
    }
    if (layer_used[li]) s.entry = s.amt;  // nothing reads it in a layer without promotions
  }

  // Whether a coupon limit of the profile stops `c` (which has not applied yet) in this layer.
  Reason limit_reason(const Compiled& c, const State& s, int64_t coupons_in_layer) const {
    if (c.p->coupon_code.empty()) return {};
    int64_t per_layer = rules.max_coupons[static_cast<int>(c.p->layer)];
    if (per_layer > 0 && coupons_in_layer >= per_layer) return {Why::coupon_limit, per_layer};
    if (rules.max_codes > 0 && s.codes_used >= rules.max_codes) return {Why::code_limit, rules.max_codes};
    return {};
  }

  // Runs one goods layer (item .. platform) on `s`. `coupon_on[i]` enables coupon promotion i.
  void run_layer(Layer L, State& s, const std::vector<char>& coupon_on) const {
    begin_layer(L, s);
    const bool stack_all = rules.all_stack[static_cast<int>(L)];
    std::vector<const Compiled*> excl, plain, stack;
    for (const Compiled& c : promos) {
      if (c.skip || is_off(s, c.index)) continue;
      if (c.p->layer != L) continue;
      if (!c.reason.empty()) {
        note(s, c.index, c.reason);
        continue;
      }
      if (!c.p->coupon_code.empty() && !coupon_on[c.index]) {
        note(s, c.index, coupon_not_held(*c.p));
        continue;
      }
      if (c.p->kind == Kind::points || c.p->kind == Kind::shipping) {
        note(s, c.index, {Why::wrong_layer, static_cast<int64_t>(c.p->kind)});
        continue;
      }
      if (c.p->kind == Kind::gift) {
        Ev e = evaluate(c, s, open_lines(c, s, nullptr), true, 0);
        if (e.ok)
          s.gifts.push_back({c.p->id, c.p->params.gift_sku, c.p->params.gift_name, c.p->params.gift_cost});
        else
          note(s, c.index, e.reason);
        continue;
      }
      (c.p->exclusive ? excl : (c.p->stackable || stack_all) ? stack : plain).push_back(&c);
    }
    auto by_priority = [](const Compiled* a, const Compiled* b) {
      return a->p->priority != b->p->priority ? a->p->priority > b->p->priority : a->index < b->index;
    };
    std::stable_sort(excl.begin(), excl.end(), by_priority);
    std::stable_sort(stack.begin(), stack.end(), by_priority);
    int64_t coupons_in_layer = 0;

    for (const Compiled* c : excl) {
      Reason lim = limit_reason(*c, s, coupons_in_layer);
      if (!lim.empty()) {
        note(s, c->index, lim);
        continue;
      }
      Ev e = evaluate(*c, s, open_lines(*c, s, nullptr), true, 0);
      if (!e.ok) {
        note(s, c->index, e.reason);
        continue;
      }
      apply(*c, e, s);
      if (!c->p->coupon_code.empty()) ++coupons_in_layer;
      for (size_t l = 0; l < e.per_line.size(); ++l)
        if (e.per_line[l] > 0) s.blocked[l] = 1;
    }

    // Best single offer per line: greedy over candidates (whole promotions, or one line of a
    // separable promotion), largest discount first, re-evaluating those whose lines were taken.
    struct Cand {
      const Compiled* c;
      int32_t line;  // -1 = whole promotion
      Ev ev;
      bool done = false;
    };
    std::vector<Cand> cands;
    std::vector<char> claimed(in.cart.size(), 0);
    for (const Compiled* c : plain) {
      if (c->per_line) {
        auto open = open_lines(*c, s, nullptr);
        Reason why = open.empty() ? Reason{} : min_reason(*c, s, open);
        if (!why.empty()) {
          note(s, c->index, why);
          continue;
        }
        if (open.empty()) {
          note(s, c->index, {c->lines.empty() ? Why::no_line_in_scope : Why::lines_taken});
          continue;
        }
        for (int32_t l : open) cands.push_back({c, l, {}});
      } else {
        cands.push_back({c, -1, {}});
      }
    }
    std::vector<int64_t> flash_used(promos.size(), 0);
    auto eval_cand = [&](Cand& k) {
      if (k.line >= 0) {
        std::vector<int32_t> one;
        if (!claimed[k.line] && !s.blocked[k.line] && s.amt[k.line] > 0) one.push_back(k.line);
        k.ev = evaluate(*k.c, s, one, false, flash_used[k.c->index]);
      } else {
        k.ev = evaluate(*k.c, s, open_lines(*k.c, s, &claimed), true, 0);
      }
    };
    for (Cand& k : cands) eval_cand(k);
    std::vector<char> applied(promos.size(), 0);
    for (;;) {
      Cand* best = nullptr;
      for (Cand& k : cands) {
        if (k.done || !k.ev.ok) continue;
        if (!best || k.ev.total > best->ev.total ||
            (k.ev.total == best->ev.total && k.c->p->priority > best->c->p->priority))
          best = &k;
      }
      if (!best) break;
      best->done = true;
      if (!applied[best->c->index]) {
        Reason lim = limit_reason(*best->c, s, coupons_in_layer);
        if (!lim.empty()) {
          for (Cand& k : cands)
            if (k.c == best->c) k.done = true;
          note(s, best->c->index, lim);
          continue;
        }
        if (!best->c->p->coupon_code.empty()) ++coupons_in_layer;
      }
      apply(*best->c, best->ev, s);
      applied[best->c->index] = 1;
      flash_used[best->c->index] += best->ev.flash_units;
      std::vector<int32_t> newly;
      for (size_t l = 0; l < best->ev.per_line.size(); ++l)
        if (best->ev.per_line[l] > 0) claimed[l] = 1, newly.push_back(static_cast<int32_t>(l));
      for (Cand& k : cands) {
        if (k.done) continue;
        bool touch = k.c == best->c && k.c->p->kind == Kind::flash_price;  // shared allowance
        for (int32_t l : newly)
          if (k.line == l || (k.line < 0 && std::binary_search(k.c->lines.begin(), k.c->lines.end(), l))) touch = true;
        if (touch) eval_cand(k);
      }
    }
    for (const Compiled* c : plain) {
      if (applied[c->index]) continue;
      if (!s.reason[c->index].empty()) continue;
      Reason why{Why::better_offer};
      for (const Cand& k : cands)
        if (k.c == c && !k.ev.reason.empty()) why = k.ev.reason;
      note(s, c->index, why);
    }

    for (const Compiled* c : stack) {
      Reason lim = limit_reason(*c, s, coupons_in_layer);
      if (!lim.empty()) {
        note(s, c->index, lim);
        continue;
      }
      Ev e = evaluate(*c, s, open_lines(*c, s, nullptr), true, 0);
      if (e.ok) {
        apply(*c, e, s);
        if (!c->p->coupon_code.empty()) ++coupons_in_layer;
      } else {
        note(s, c->index, e.reason);
      }
    }
  }

  // Points layer: the best eligible points programme redeems what the buyer offers, capped.
  void run_points(State& s, std::optional<int64_t> points, Quote& out) const {
    begin_layer(Layer::points, s);
    const Compiled* best = nullptr;
    Ev best_ev;
    int64_t best_points = 0;
    int64_t offer = in.customer.points;
    if (points) offer = std::min(offer, std::max<int64_t>(*points, 0));
    for (const Compiled& c : promos) {
      if (c.skip || is_off(s, c.index)) continue;
      if (c.p->layer != Layer::points) continue;
      if (c.p->kind != Kind::points) {
        note(s, c.index, {Why::points_layer_only});
        continue;
      }
      if (!c.reason.empty()) {
        note(s, c.index, c.reason);
        continue;
      }
      auto lines = open_lines(c, s, nullptr);
      Reason why = lines.empty() ? Reason{Why::no_line_for_points} : min_reason(c, s, lines);
      const Params& q = c.p->params;
      Money base = 0;
      for (int32_t l : lines) base += s.amt[l];
      int64_t ppu = std::max<int64_t>(q.points_per_unit, 1);
      Money cap = static_cast<Money>(static_cast<i128>(base) * std::clamp<int64_t>(q.max_share_bp, 0, 10000) / 10000);
      Money worth = static_cast<Money>(static_cast<i128>(offer) * kMinorPerMajor / ppu);  // floor: whole fen
      Money d = std::min(cap, worth);
      if (why.empty() && offer <= 0) why = {Why::no_points};
      if (why.empty() && d <= 0) why = {Why::points_too_small};
      Ev e;
      if (why.empty()) {
        e.per_line.assign(in.cart.size(), 0);
        spread(e, d, lines, s);
        finish(c, e, s);
        if (e.total <= 0) why = e.reason.empty() ? Reason{Why::points_too_small} : e.reason;
      }
      if (!why.empty()) {
        note(s, c.index, why);
        continue;
      }
      e.ok = true;
      int64_t used = static_cast<int64_t>((static_cast<i128>(e.total) * ppu + kMinorPerMajor - 1) / kMinorPerMajor);
      if (!best || e.total > best_ev.total) {
        if (best) note(s, best->index, {Why::other_points_more});
        best = &c, best_ev = std::move(e), best_points = used;
      } else {
        note(s, c.index, {Why::other_points_more});
      }
    }
    if (best) {
      apply(*best, best_ev, s);
      for (auto& d : s.discounts)
        if (d.promotion == best->p->id && d.kind == Kind::points) d.points_used = best_points;
      out.points_used = best_points;
    }
  }

  void run_shipping(State& s, const std::vector<char>& coupon_on, Quote& out) const {
    begin_layer(Layer::shipping, s);
    out.shipping_fee = in.shipping;
    Money fee = in.shipping;
    struct Opt {
      const Compiled* c;
      Money d;
    };
    std::vector<Opt> plain, stack;
    for (const Compiled& c : promos) {
      if (c.skip || is_off(s, c.index)) continue;
      if (c.p->layer != Layer::shipping) continue;
      Reason why = c.reason;
      if (why.empty() && c.p->kind != Kind::shipping) why = {Why::shipping_layer_only};
      if (why.empty() && !c.p->coupon_code.empty() && !coupon_on[c.index])
        why = coupon_not_held(*c.p);
      Money base = 0;
      for (int32_t l : c.lines) base += gate_amounts(s)[l];
      const Params& q = c.p->params;
      if (why.empty() && base < q.threshold)
        why = {Why::shipping_short, q.threshold, base, q.threshold - base};
      if (why.empty() && fee <= 0) why = {Why::no_shipping_fee};
      if (!why.empty()) {
        note(s, c.index, why);
        continue;
      }
      Money d = q.free_shipping ? fee : q.bp > 0 ? apply_bp(fee, std::min<int64_t>(q.bp, 10000)) : std::min(q.amount, fee);
      (c.p->stackable || rules.all_stack[static_cast<int>(Layer::shipping)] ? stack : plain).push_back({&c, d});
    }
    const Opt* best = nullptr;
    for (const Opt& o : plain)
      if (!best || o.d > best->d || (o.d == best->d && o.c->p->priority > best->c->p->priority)) best = &o;
    for (const Opt& o : plain)
      if (&o != best) note(s, o.c->index, {Why::better_shipping});
    if (best && best->d > 0) {
      fee -= best->d;
      out.shipping_discounts.push_back({best->c->p->id, best->c->p->name, best->d});
    }
    // Stackable offers apply on the rest, in priority order: a percentage is taken from the fee
    // left after the offers before it (two 50 % offers on 10.00: 5.00, then 2.50), or from the
    // full fee when the offer does not compound (capped at what is left).
    std::stable_sort(stack.begin(), stack.end(), [](const Opt& a, const Opt& b) {
      return a.c->p->priority != b.c->p->priority ? a.c->p->priority > b.c->p->priority : a.c->index < b.c->index;
    });
    for (const Opt& o : stack) {
      const Params& q = o.c->p->params;
      Money from = compounding(*o.c) ? fee : in.shipping;
      Money d = q.free_shipping ? fee : q.bp > 0 ? apply_bp(from, std::min<int64_t>(q.bp, 10000)) : q.amount;
      d = std::min(d, fee);
      if (d <= 0) {
        note(s, o.c->index, {Why::shipping_free});
        continue;
      }
      fee -= d;
      out.shipping_discounts.push_back({o.c->p->id, o.c->p->name, d});
    }
    out.shipping = fee;
  }

  Quote run_once(const std::vector<char>& on, const std::vector<char>* off, const std::vector<Reason>* off_why,
                 std::optional<int64_t> points) const {
    State s = prefix;
    if (off) s.off = *off;
    for (size_t k = static_cast<size_t>(prefix_end); k < rules.order.size(); ++k) run_layer(rules.order[k], s, on);
    Quote out;
    run_points(s, points ? points : in.points_to_use, out);
    run_shipping(s, on, out);
    if (off_why)
      for (size_t i = 0; i < promos.size(); ++i)
        if ((*off)[i]) s.reason[i] = (*off_why)[i];
    for (const CartLine& l : in.cart) out.items_total += l.price * l.qty;
    out.line_paid = s.amt;
    out.floor_withheld = s.withheld;
    for (Money m : s.amt) out.goods_paid += m;
    out.total = out.goods_paid + out.shipping;
    for (const auto& d : s.discounts)
      if (d.platform_funded) out.platform_funded += d.amount;
    out.fees = apply_bp(out.goods_paid, in.fee_bp);
    bool known = true;
    Money p = out.goods_paid + out.platform_funded - out.fees - (out.shipping_fee - out.shipping);
    for (const CartLine& l : in.cart) {
      if (!l.cost) known = false;
      else p -= *l.cost * l.qty;
    }
    for (const auto& g : s.gifts) p -= g.cost;
    if (known) out.profit = p;
    out.discounts = std::move(s.discounts);
    out.gifts = std::move(s.gifts);
    // Reasons in input order, for the reader.
    size_t notes = 0;
    for (const Reason& r : s.reason) notes += r.empty() ? 0 : 1;
    out.not_applied.reserve(notes);
    for (size_t i = 0; i < promos.size(); ++i)
      if (!s.reason[i].empty()) {
        NotApplied n{promos[i].p->id, std::move(s.reason[i]), {}};
        if (!quiet) n.reason = reason_text(n.why);
        out.not_applied.push_back(std::move(n));
      }
    return out;
  }

  Quote run(const std::vector<int32_t>& use, std::optional<int64_t> points) const {
    std::vector<char> on(promos.size(), 0);
    for (int32_t i : use)
      if (i >= 0 && static_cast<size_t>(i) < on.size()) on[i] = 1;
    if (choices.empty()) return run_once(on, nullptr, nullptr, points);
    // Every combination of alternatives (at most 256; choices beyond 8 binary ones keep their
    // first alternative), the buyer's best: the lowest total net of gift costs; ties: the
    // earlier combination.
    std::vector<size_t> pick(choices.size(), 0), limit(choices.size(), 1);
    int64_t combos = 1;
    for (size_t k = 0; k < choices.size(); ++k) {
      size_t n = choices[k].off.size();
      if (combos * static_cast<int64_t>(n) <= 256) limit[k] = n, combos *= static_cast<int64_t>(n);
    }
    std::optional<Quote> best;
    Money best_value = 0;
    for (;;) {
      std::vector<char> off(promos.size(), 0);
      std::vector<Reason> why(promos.size());
      for (size_t k = 0; k < choices.size(); ++k)
        for (int32_t i : choices[k].off[pick[k]]) off[i] = 1, why[i] = choices[k].why[pick[k]];
      Quote q = run_once(on, &off, &why, points);
      Money value = q.total;
      for (const auto& g : q.gifts) value -= g.cost;
      if (!best || value < best_value) best_value = value, best = std::move(q);
      size_t k = 0;
      while (k < choices.size() && ++pick[k] == limit[k]) pick[k] = 0, ++k;
      if (k == choices.size()) break;
    }
    return std::move(*best);
  }
};

PreparedQuote::PreparedQuote(const QuoteInput& in, const std::vector<char>* consider, bool reasons)
    : impl_(new Impl(in, consider, reasons)) {}
PreparedQuote::~PreparedQuote() { delete impl_; }
PreparedQuote::PreparedQuote(PreparedQuote&& o) noexcept : impl_(o.impl_) { o.impl_ = nullptr; }
const std::vector<int32_t>& PreparedQuote::held_coupons() const { return impl_->held; }
Quote PreparedQuote::run(const std::vector<int32_t>& use, std::optional<int64_t> points) const {
  return impl_->run(use, points);
}
Quote PreparedQuote::run_default() const { return impl_->run(impl_->held, std::nullopt); }

Quote quote(const QuoteInput& in) { return PreparedQuote(in).run_default(); }

}  // namespace shopkeeper::promo
