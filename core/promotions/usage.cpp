#include "core/promotions/usage.h"

#include <algorithm>

#include "core/promotions/store_io.h"

namespace shopkeeper::promo {

namespace {

UsageEntry& entry_for(std::vector<UsageEntry>& out, const std::string& id) {
  for (auto& e : out)
    if (e.promotion == id) return e;
  out.push_back({id, 1, 0, 0});
  return out.back();
}

void add(UsageEntry& to, const UsageEntry& e) {
  to.promotion = e.promotion;
  to.uses += e.uses;
  to.units += e.units;
  to.amount += e.amount;
}

template <class M, class K>
auto got(const M& m, const K& k) -> typename M::mapped_type {
  auto it = m.find(k);
  return it == m.end() ? typename M::mapped_type{} : it->second;
}

Result<std::vector<UsageEntry>> rows_of(Db& db, const std::string& order_id) {
  auto st = db.prepare("SELECT promotion_id, uses, units, amount FROM promotion_usage WHERE order_id = ? ORDER BY rowid");
  if (!st) return st.error();
  st->bind(1, order_id);
  std::vector<UsageEntry> out;
  while (st->step()) out.push_back({st->text(0), st->i64(1), st->i64(2), st->i64(3)});
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

Status insert_rows(Writer& w, const std::string& order_id, const std::string& customer_id, Timestamp at,
                   const std::vector<UsageEntry>& rows) {
  auto st = w.db().prepare(
      "INSERT INTO promotion_usage(order_id, promotion_id, customer_id, at, uses, units, amount) VALUES(?,?,?,?,?,?,?)");
  if (!st) return st.error();
  for (const auto& e : rows) {
    st->reset();
    st->bind(1, order_id).bind(2, e.promotion).bind(3, customer_id).bind(4, at);
    st->bind(5, e.uses).bind(6, e.units).bind(7, e.amount);
    if (auto r = st->run(); !r) return r;
  }
  return Ok{};
}

Status refuse(const UsageRefusal& r) {
  return make_error(ErrorCode::invalid_argument, "promotion " + r.promotion + ": " + r.field + ": the order would make it " +
                                                     std::to_string(r.would_be) + ", above the limit of " +
                                                     std::to_string(r.limit) + " (quote the order again)");
}

// The first limit `e` would pass for this buyer, given the promotion's counters (ledger
// included) and the buyer's usage so far.
std::optional<UsageRefusal> passes_limit(const Promotion& p, const Customer& c, const UsageEntry& e) {
  const Conditions& k = p.conditions;
  if (k.total_limit && k.redeemed + e.uses > *k.total_limit)
    return UsageRefusal{p.id, "conditions.total_limit", *k.total_limit, k.redeemed + e.uses};
  if (k.per_customer_limit && !p.coupon_code.empty()) {
    int64_t had = got(c.coupon_uses, p.coupon_code);
    if (had + e.uses > *k.per_customer_limit)
      return UsageRefusal{p.id, "conditions.per_customer_limit", *k.per_customer_limit, had + e.uses};
  }
  if (p.budget.total && p.budget.redeemed_amount + e.amount > *p.budget.total)
    return UsageRefusal{p.id, "budget.total", *p.budget.total, p.budget.redeemed_amount + e.amount};
  if (p.budget.per_customer) {
    Money had = got(c.budget_used, p.id);
    if (had + e.amount > *p.budget.per_customer)
      return UsageRefusal{p.id, "budget.per_customer", *p.budget.per_customer, had + e.amount};
  }
  if (p.max_units_per_customer) {
    int64_t had = got(c.units_bought, p.id);
    if (had + e.units > *p.max_units_per_customer)
      return UsageRefusal{p.id, "max_units_per_customer", *p.max_units_per_customer, had + e.units};
  }
  if (p.kind == Kind::flash_price) {
    if (p.params.stock && e.units > *p.params.stock)
      return UsageRefusal{p.id, "params.stock", *p.params.stock, e.units};
    if (p.params.per_customer_units) {
      int64_t had = got(c.flash_bought, p.id);
      if (had + e.units > *p.params.per_customer_units)
        return UsageRefusal{p.id, "params.per_customer_units", *p.params.per_customer_units, had + e.units};
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<UsageEntry> usage_of(const Quote& q) {
  std::vector<UsageEntry> out;
  for (const auto& d : q.discounts) {
    UsageEntry& e = entry_for(out, d.promotion);
    e.units += d.units;
    e.amount += d.amount;
  }
  for (const auto& s : q.shipping_discounts) entry_for(out, s.promotion).amount += s.amount;
  for (const auto& g : q.gifts) entry_for(out, g.promotion);
  return out;
}

Result<UsageTotals> load_usage(Db& db) {
  auto st = db.prepare("SELECT order_id, promotion_id, customer_id, uses, units, amount FROM promotion_usage ORDER BY rowid");
  if (!st) return st.error();
  UsageTotals t;
  while (st->step()) {
    UsageEntry e{st->text(1), st->i64(3), st->i64(4), st->i64(5)};
    add(t.by_promotion[e.promotion], e);
    const std::string customer = st->text(2);
    if (!customer.empty()) add(t.by_customer[customer][e.promotion], e);
    t.by_order[st->text(0)].push_back(e);
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return t;
}

void apply_usage(std::vector<Promotion>& promotions, const UsageTotals& totals) {
  for (auto& p : promotions) {
    auto it = totals.by_promotion.find(p.id);
    if (it == totals.by_promotion.end()) continue;
    p.conditions.redeemed += it->second.uses;
    p.budget.redeemed_amount += it->second.amount;
    if (p.kind == Kind::flash_price && p.params.stock) p.params.stock = *p.params.stock - it->second.units;
  }
}

void apply_customer_usage(Customer& customer, const std::vector<Promotion>& promotions, const UsageTotals& totals) {
  if (customer.id.empty()) return;
  auto it = totals.by_customer.find(customer.id);
  if (it == totals.by_customer.end()) return;
  for (const auto& p : promotions) {
    auto u = it->second.find(p.id);
    if (u == it->second.end()) continue;
    if (!p.coupon_code.empty()) customer.coupon_uses[p.coupon_code] += u->second.uses;
    customer.units_bought[p.id] += u->second.units;
    customer.budget_used[p.id] += u->second.amount;
    if (p.kind == Kind::flash_price) customer.flash_bought[p.id] += u->second.units;
  }
}

Result<std::vector<std::string>> register_usage(Writer& w, const std::string& order_id, const std::string& customer_id,
                                                Timestamp at, const std::vector<UsageEntry>& used) {
  if (order_id.empty()) return make_error(ErrorCode::invalid_argument, "order_id: empty (the usage ledger is kept per order)");
  auto had = rows_of(w.db(), order_id);
  if (!had) return had.error();
  if (!had->empty())
    return make_error(ErrorCode::conflict, "order " + order_id + ": its promotion usage is already recorded (revert it first)");
  auto stored = load_promotions(w.db(), {"draft", "scheduled", "active", "paused", "ended"});
  if (!stored) return stored.error();
  auto totals = load_usage(w.db());
  if (!totals) return totals.error();
  Customer buyer;
  buyer.id = customer_id;
  apply_customer_usage(buyer, *stored, *totals);
  std::vector<UsageEntry> rows;
  std::vector<std::string> unknown;
  for (const auto& e : used) {
    if (e.uses < 0 || e.units < 0 || e.amount < 0)
      return make_error(ErrorCode::invalid_argument, "promotion " + e.promotion + ": negative usage");
    auto p = std::find_if(stored->begin(), stored->end(), [&](const Promotion& x) { return x.id == e.promotion; });
    if (p == stored->end()) {
      unknown.push_back(e.promotion);
      continue;
    }
    if (auto r = passes_limit(*p, buyer, e)) return refuse(*r).error();
    rows.push_back(e);
  }
  if (auto st = insert_rows(w, order_id, customer_id, at, rows); !st) return st.error();
  return unknown;
}

Status revert_usage(Writer& w, const std::string& order_id) {
  auto st = w.db().prepare("DELETE FROM promotion_usage WHERE order_id = ?");
  if (!st) return st.error();
  st->bind(1, order_id);
  return st->run();
}

std::vector<UsageEntry> usage_after_refund(const QuoteInput& order, const RefundQuote& r) {
  std::vector<int64_t> back(order.cart.size(), 0);
  bool all_back = true;
  for (const auto& l : r.lines) back[static_cast<size_t>(l.line)] = l.qty;
  for (size_t i = 0; i < order.cart.size(); ++i)
    if (back[i] < order.cart[i].qty) all_back = false;
  const std::vector<UsageEntry> before = usage_of(r.original), requoted = usage_of(r.kept);
  std::vector<UsageEntry> out;
  for (const UsageEntry& b : before) {
    Money goods = 0, returned = 0, shipping = 0;
    for (const auto& d : r.original.discounts) {
      if (d.promotion != b.promotion) continue;
      goods += d.amount;
      for (const auto& la : d.lines)
        returned += div_round(la.amount * back[static_cast<size_t>(la.line)], order.cart[static_cast<size_t>(la.line)].qty);
    }
    for (const auto& s : r.original.shipping_discounts)
      if (s.promotion == b.promotion && !all_back) shipping += s.amount;
    auto k = std::find_if(requoted.begin(), requoted.end(), [&](const UsageEntry& e) { return e.promotion == b.promotion; });
    const Promotion* p = nullptr;
    for (const auto& x : order.promotions)
      if (x.id == b.promotion) p = &x;
    const bool coupon = p && !p->coupon_code.empty();
    if (k == requoted.end() && !coupon) continue;
    UsageEntry e{b.promotion, b.uses, 0, 0};
    if (k != requoted.end()) {
      e.amount = std::clamp<Money>(std::min(goods - returned + shipping, k->amount), 0, b.amount);
      e.units = std::min(b.units, k->units);
    }
    out.push_back(e);
  }
  return out;
}

Status record_refund(Writer& w, const std::string& order_id, const QuoteInput& order, const RefundQuote& r) {
  auto had = rows_of(w.db(), order_id);
  if (!had) return had.error();
  if (had->empty()) return make_error(ErrorCode::not_found, "order " + order_id + ": no promotion usage recorded");
  std::string customer_id;
  Timestamp at = order.at;
  {
    auto st = w.db().prepare("SELECT customer_id, at FROM promotion_usage WHERE order_id = ? LIMIT 1");
    if (!st) return st.error();
    st->bind(1, order_id);
    if (st->step()) customer_id = st->text(0), at = st->i64(1);
  }
  // Only promotions the order had recorded, and never more than it recorded: a refund never
  // adds a use, units or money.
  std::vector<UsageEntry> kept;
  for (const UsageEntry& e : usage_after_refund(order, r))
    for (const auto& b : *had)
      if (b.promotion == e.promotion)
        kept.push_back({e.promotion, std::min(e.uses, b.uses), std::min(e.units, b.units), std::min(e.amount, b.amount)});
  if (auto st = revert_usage(w, order_id); !st) return st;
  return insert_rows(w, order_id, customer_id, at, kept);
}

}  // namespace shopkeeper::promo
