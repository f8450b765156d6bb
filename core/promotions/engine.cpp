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

struct Compiled {
  const Promotion* p = nullptr;
  int32_t index = 0;
  std::vector<int32_t> lines;  // cart lines in scope
  Reason reason;               // static ineligibility, empty = eligible
  bool skip = false;           // left out by the caller: never evaluated, never reported
};

struct Ev {
  bool ok = false;
  Money total = 0;
  std::vector<Money> per_line;  // indexed by cart line
  Money deposit = 0;
  int64_t flash_units = 0;
  Reason reason;
};

struct State {
  std::vector<Money> amt;       // per line, what is left
  std::vector<char> blocked;    // line taken by an exclusive promotion
  std::vector<AppliedDiscount> discounts;
  std::vector<Reason> reason;  // per promotion: why it did not apply (none = no note)
  std::vector<GiftGiven> gifts;
};

}  // namespace

bool in_scope(const Promotion& p, const CartLine& l) {
  if (contains(p.scope.exclude_skus, l.sku)) return false;
  if (p.kind == Kind::bundle_price) {
    for (const auto& b : p.params.bundle)
      if (b.sku == l.sku) return true;
    return false;
  }
  if (p.scope.all()) return true;
  if (contains(p.scope.skus, l.sku) || contains(p.scope.categories, l.category)) return true;
  for (const auto& t : l.tags)
    if (contains(p.scope.tags, t)) return true;
  return false;
}

// Eligibility that does not depend on the cart: time window, buyer, channel, limits.
Reason ineligible_reason(const Promotion& p, const QuoteInput& in) {
  const Conditions& c = p.conditions;
  if (c.starts_at && in.at < *c.starts_at) return {Why::not_started, *c.starts_at};
  if (c.ends_at && in.at >= *c.ends_at) return {Why::ended, *c.ends_at};
  if (!c.channels.empty() && !contains(c.channels, in.channel)) return {Why::channel, 0, 0, 0, in.channel};
  if (!c.groups.empty() && !contains(c.groups, in.customer.group)) return {Why::group, 0, 0, 0, in.customer.group};
  if (!c.tiers.empty() && !contains(c.tiers, in.customer.tier)) return {Why::tier, 0, 0, 0, in.customer.tier};
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
  bool quiet = false;
  std::vector<Compiled> promos;
  std::vector<int32_t> held;    // coupon promotions whose code is held
  int first_coupon_layer = kLayerCount;  // layers before it do not depend on coupon choices
  State prefix;                 // state after those layers

  Impl(const QuoteInput& q, const std::vector<char>* consider, bool reasons) : in(q), quiet(!reasons) {
    promos.resize(in.promotions.size());
    for (size_t i = 0; i < in.promotions.size(); ++i) {
      Compiled& c = promos[i];
      c.p = &in.promotions[i];
      c.index = static_cast<int32_t>(i);
      if (consider && (i >= consider->size() || !(*consider)[i])) {
        c.skip = true;
        continue;
      }
      for (size_t l = 0; l < in.cart.size(); ++l)
        if (in_scope(*c.p, in.cart[l])) c.lines.push_back(static_cast<int32_t>(l));
      c.reason = ineligible_reason(*c.p, in);
      if (!c.p->coupon_code.empty()) {
        first_coupon_layer = std::min(first_coupon_layer, static_cast<int>(c.p->layer));
        if (contains(in.coupons_held, c.p->coupon_code)) held.push_back(c.index);
      }
    }
    prefix.amt.resize(in.cart.size());
    prefix.blocked.assign(in.cart.size(), 0);
    prefix.reason.resize(promos.size());
    for (size_t l = 0; l < in.cart.size(); ++l) prefix.amt[l] = in.cart[l].price * in.cart[l].qty;
    std::vector<char> no_coupons(promos.size(), 0);
    for (int L = 0; L < std::min(first_coupon_layer, static_cast<int>(Layer::points)); ++L)
      run_layer(static_cast<Layer>(L), prefix, no_coupons);
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

  // Checks min_amount / min_qty on `lines`; returns a reason or none.
  Reason min_reason(const Promotion& p, const State& s, const std::vector<int32_t>& lines) const {
    Money base = 0;
    int64_t units = 0;
    for (int32_t l : lines) base += s.amt[l], units += in.cart[l].qty;
    if (p.conditions.min_amount && base < *p.conditions.min_amount)
      return {Why::min_amount, *p.conditions.min_amount, base};
    if (p.conditions.min_qty && units < *p.conditions.min_qty)
      return {Why::min_units, *p.conditions.min_qty, units};
    return {};
  }

  void spread(Ev& e, Money total, const std::vector<int32_t>& lines, const State& s) const {
    std::vector<Money> w(lines.size());
    for (size_t k = 0; k < lines.size(); ++k) w[k] = s.amt[lines[k]];
    auto a = allocate(total, w);
    for (size_t k = 0; k < lines.size(); ++k) e.per_line[lines[k]] = a[k];
    e.total = total;
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
      e.reason = min_reason(p, s, lines);
      if (!e.reason.empty()) return e;
    }
    Money base = 0;
    int64_t units = 0;
    for (int32_t l : lines) base += s.amt[l], units += in.cart[l].qty;
    switch (p.kind) {
      case Kind::threshold_tiers: {
        const Tier* best = nullptr;
        Money next = 0;
        for (const Tier& t : q.tiers) {
          if (t.threshold <= base && (!best || t.threshold > best->threshold)) best = &t;
          if (t.threshold > base && (next == 0 || t.threshold < next)) next = t.threshold;
        }
        if (!best) {
          e.reason = {Why::threshold_short, next, base, next - base};
          return e;
        }
        spread(e, std::min(best->amount, base), lines, s);
        break;
      }
      case Kind::per_each: {
        if (q.threshold <= 0 || base < q.threshold) {
          e.reason = {Why::step_short, q.threshold, base};
          return e;
        }
        Money d = (base / q.threshold) * q.amount;
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
        for (int32_t l : lines) e.per_line[l] = apply_bp(s.amt[l], bp), e.total += e.per_line[l];
        break;
      }
      case Kind::amount_off_each:
        for (int32_t l : lines) e.per_line[l] = std::min(s.amt[l], q.amount * in.cart[l].qty), e.total += e.per_line[l];
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
      case Kind::buy_x_get_y: {
        int64_t group = std::max<int64_t>(q.buy, 1) + std::max<int64_t>(q.get, 1);
        int64_t free_units = units / group * std::max<int64_t>(q.get, 1);
        if (free_units == 0) {
          e.reason = {Why::min_units, group, units};
          return e;
        }
        // Cheapest eligible units first: order lines by current unit value amt/qty.
        std::vector<int32_t> order = lines;
        std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
          return static_cast<i128>(s.amt[a]) * in.cart[b].qty < static_cast<i128>(s.amt[b]) * in.cart[a].qty;
        });
        for (int32_t l : order) {
          if (free_units == 0) break;
          int64_t k = std::min(free_units, in.cart[l].qty);
          free_units -= k;
          e.per_line[l] = apply_bp(div_round(s.amt[l] * k, in.cart[l].qty), q.bp);
          e.total += e.per_line[l];
        }
        break;
      }
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
        if (base < q.threshold) {
          e.reason = {Why::gift_short, q.threshold, base};
          return e;
        }
        e.ok = true;
        return e;
      case Kind::coupon: {
        if (base < q.threshold) {
          e.reason = {Why::coupon_short, q.threshold, base, q.threshold - base};
          return e;
        }
        Money d = q.bp > 0 ? apply_bp(base, std::min<int64_t>(q.bp, 10000)) : q.amount;
        if (q.bp > 0 && q.cap > 0) d = std::min(d, q.cap);
        spread(e, std::min(d, base), lines, s);
        break;
      }
      case Kind::points:
      case Kind::shipping: e.reason = {Why::own_layer}; return e;
    }
    if (e.total <= 0) {
      if (e.reason.empty()) e.reason = {Why::no_discount};
      return e;
    }
    e.ok = true;
    return e;
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
    }
    for (size_t l = 0; l < e.per_line.size(); ++l) {
      if (e.per_line[l] == 0) continue;
      s.amt[l] -= e.per_line[l];
      d->amount += e.per_line[l];
      d->lines.push_back({static_cast<int32_t>(l), e.per_line[l]});
    }
    std::sort(d->lines.begin(), d->lines.end(), [](const LineAmount& a, const LineAmount& b) { return a.line < b.line; });
    d->deposit += e.deposit;
  }

  // Runs one goods layer (item .. platform) on `s`. `coupon_on[i]` enables coupon promotion i.
  void run_layer(Layer L, State& s, const std::vector<char>& coupon_on) const {
    std::vector<const Compiled*> excl, plain, stack;
    for (const Compiled& c : promos) {
      if (c.skip) continue;
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
      (c.p->exclusive ? excl : c.p->stackable ? stack : plain).push_back(&c);
    }
    auto by_priority = [](const Compiled* a, const Compiled* b) {
      return a->p->priority != b->p->priority ? a->p->priority > b->p->priority : a->index < b->index;
    };
    std::stable_sort(excl.begin(), excl.end(), by_priority);
    std::stable_sort(stack.begin(), stack.end(), by_priority);

    for (const Compiled* c : excl) {
      Ev e = evaluate(*c, s, open_lines(*c, s, nullptr), true, 0);
      if (!e.ok) {
        note(s, c->index, e.reason);
        continue;
      }
      apply(*c, e, s);
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
    std::vector<const Compiled*> min_failed;
    for (const Compiled* c : plain) {
      if (separable(c->p->kind)) {
        auto open = open_lines(*c, s, nullptr);
        Reason why = open.empty() ? Reason{} : min_reason(*c->p, s, open);
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
      Ev e = evaluate(*c, s, open_lines(*c, s, nullptr), true, 0);
      if (e.ok)
        apply(*c, e, s);
      else
        note(s, c->index, e.reason);
    }
  }

  // Points layer: the best eligible points programme redeems what the buyer offers, capped.
  void run_points(State& s, std::optional<int64_t> points, Quote& out) const {
    const Compiled* best = nullptr;
    Ev best_ev;
    int64_t best_points = 0;
    int64_t offer = in.customer.points;
    if (points) offer = std::min(offer, std::max<int64_t>(*points, 0));
    for (const Compiled& c : promos) {
      if (c.skip) continue;
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
      Reason why = lines.empty() ? Reason{Why::no_line_for_points} : min_reason(*c.p, s, lines);
      const Params& q = c.p->params;
      Money base = 0;
      for (int32_t l : lines) base += s.amt[l];
      int64_t ppu = std::max<int64_t>(q.points_per_unit, 1);
      Money cap = static_cast<Money>(static_cast<i128>(base) * std::clamp<int64_t>(q.max_share_bp, 0, 10000) / 10000);
      Money worth = static_cast<Money>(static_cast<i128>(offer) * kMinorPerMajor / ppu);  // floor: whole fen
      Money d = std::min(cap, worth);
      if (why.empty() && offer <= 0) why = {Why::no_points};
      if (why.empty() && d <= 0) why = {Why::points_too_small};
      if (!why.empty()) {
        note(s, c.index, why);
        continue;
      }
      Ev e;
      e.per_line.assign(in.cart.size(), 0);
      spread(e, d, lines, s);
      e.ok = true;
      int64_t used = static_cast<int64_t>((static_cast<i128>(d) * ppu + kMinorPerMajor - 1) / kMinorPerMajor);
      if (!best || e.total > best_ev.total) {
        if (best) note(s, best->index, {Why::other_points_more});
        best = &c, best_ev = std::move(e), best_points = used;
      } else {
        note(s, c.index, {Why::other_points_more});
      }
    }
    if (best) {
      apply(*best, best_ev, s);
      s.discounts.back().points_used = best_points;
      out.points_used = best_points;
    }
  }

  void run_shipping(State& s, const std::vector<char>& coupon_on, Quote& out) const {
    out.shipping_fee = in.shipping;
    Money fee = in.shipping;
    struct Opt {
      const Compiled* c;
      Money d;
    };
    std::vector<Opt> plain, stack;
    for (const Compiled& c : promos) {
      if (c.skip) continue;
      if (c.p->layer != Layer::shipping) continue;
      Reason why = c.reason;
      if (why.empty() && c.p->kind != Kind::shipping) why = {Why::shipping_layer_only};
      if (why.empty() && !c.p->coupon_code.empty() && !coupon_on[c.index])
        why = coupon_not_held(*c.p);
      Money base = 0;
      for (int32_t l : c.lines) base += s.amt[l];
      const Params& q = c.p->params;
      if (why.empty() && base < q.threshold)
        why = {Why::shipping_short, q.threshold, base, q.threshold - base};
      if (why.empty() && fee <= 0) why = {Why::no_shipping_fee};
      if (!why.empty()) {
        note(s, c.index, why);
        continue;
      }
      Money d = q.free_shipping ? fee : q.bp > 0 ? apply_bp(fee, std::min<int64_t>(q.bp, 10000)) : std::min(q.amount, fee);
      (c.p->stackable ? stack : plain).push_back({&c, d});
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
    for (const Opt& o : stack) {
      Money d = std::min(o.d, fee);
      if (d <= 0) {
        note(s, o.c->index, {Why::shipping_free});
        continue;
      }
      fee -= d;
      out.shipping_discounts.push_back({o.c->p->id, o.c->p->name, d});
    }
    out.shipping = fee;
  }

  Quote run(const std::vector<int32_t>& use, std::optional<int64_t> points) const {
    std::vector<char> on(promos.size(), 0);
    for (int32_t i : use)
      if (i >= 0 && static_cast<size_t>(i) < on.size()) on[i] = 1;
    State s = prefix;
    for (int L = std::min(first_coupon_layer, static_cast<int>(Layer::points)); L < static_cast<int>(Layer::points); ++L)
      run_layer(static_cast<Layer>(L), s, on);
    Quote out;
    run_points(s, points ? points : in.points_to_use, out);
    run_shipping(s, on, out);
    for (const CartLine& l : in.cart) out.items_total += l.price * l.qty;
    out.line_paid = s.amt;
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
    for (size_t i = 0; i < promos.size(); ++i)
      if (!s.reason[i].empty()) {
        NotApplied n{promos[i].p->id, std::move(s.reason[i]), {}};
        if (!quiet) n.reason = reason_text(n.why);
        out.not_applied.push_back(std::move(n));
      }
    return out;
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
