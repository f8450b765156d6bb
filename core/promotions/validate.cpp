#include "core/promotions/validate.h"

#include <algorithm>
#include <set>

#include "core/promotions/engine.h"

namespace shopkeeper::promo {

namespace {

std::string m(Money v) { return money_to_decimal(v); }
std::string pct(int64_t bp) { return money_to_decimal(bp) + " %"; }

bool windows_overlap(const Conditions& a, const Conditions& b) {
  Timestamp a0 = a.starts_at.value_or(INT64_MIN), a1 = a.ends_at.value_or(INT64_MAX);
  Timestamp b0 = b.starts_at.value_or(INT64_MIN), b1 = b.ends_at.value_or(INT64_MAX);
  return a0 < b1 && b0 < a1;
}

// Whether two scopes can both hold some SKU (conservative: categories/tags may overlap).
bool scopes_meet(const Scope& a, const Scope& b, std::string& sku) {
  if (a.all() || b.all()) {
    const Scope& other = a.all() ? b : a;
    sku = other.skus.empty() ? "" : other.skus.front();
    return true;
  }
  for (const auto& s : a.skus)
    if (std::find(b.skus.begin(), b.skus.end(), s) != b.skus.end()) {
      sku = s;
      return true;
    }
  for (const auto& c : a.categories)
    if (std::find(b.categories.begin(), b.categories.end(), c) != b.categories.end()) {
      sku = "category " + c;
      return true;
    }
  for (const auto& t : a.tags)
    if (std::find(b.tags.begin(), b.tags.end(), t) != b.tags.end()) {
      sku = "tag " + t;
      return true;
    }
  return false;
}

}  // namespace

// No default: a new check without its name is a -Wswitch warning here.
const char* check_name(Check c) {
  switch (c) {
    case Check::none: return "none";
    case Check::missing_id: return "missing_id";
    case Check::duplicate_id: return "duplicate_id";
    case Check::missing_name: return "missing_name";
    case Check::window_inverted: return "window_inverted";
    case Check::exclusive_and_stackable: return "exclusive_and_stackable";
    case Check::bad_nth_order: return "bad_nth_order";
    case Check::first_and_nth: return "first_and_nth";
    case Check::negative: return "negative";
    case Check::coupon_without_code: return "coupon_without_code";
    case Check::duplicate_code: return "duplicate_code";
    case Check::no_uses: return "no_uses";
    case Check::bad_cap: return "bad_cap";
    case Check::cap_not_supported: return "cap_not_supported";
    case Check::budget_spent: return "budget_spent";
    case Check::compounding_and_exclusive: return "compounding_and_exclusive";
    case Check::compounding_not_stackable: return "compounding_not_stackable";
    case Check::condition_scope_empty: return "condition_scope_empty";
    case Check::shipping_in_shipping: return "shipping_in_shipping";
    case Check::no_discount: return "no_discount";
    case Check::discount_not_below_threshold: return "discount_not_below_threshold";
    case Check::tier_not_rising: return "tier_not_rising";
    case Check::tier_discount_not_rising: return "tier_discount_not_rising";
    case Check::bad_quantity: return "bad_quantity";
    case Check::percent_range: return "percent_range";
    case Check::bad_step: return "bad_step";
    case Check::cap_below_amount: return "cap_below_amount";
    case Check::bad_n: return "bad_n";
    case Check::bad_counts: return "bad_counts";
    case Check::price_not_positive: return "price_not_positive";
    case Check::flash_without_window: return "flash_without_window";
    case Check::flash_whole_shop: return "flash_whole_shop";
    case Check::bundle_too_small: return "bundle_too_small";
    case Check::gift_missing: return "gift_missing";
    case Check::gift_cost_missing: return "gift_cost_missing";
    case Check::coupon_not_below_threshold: return "coupon_not_below_threshold";
    case Check::bad_rate: return "bad_rate";
    case Check::no_deposit: return "no_deposit";
    case Check::deduct_below_deposit: return "deduct_below_deposit";
    case Check::wrong_layer: return "wrong_layer";
    case Check::flash_overlap: return "flash_overlap";
    case Check::count_: return "";
  }
  return "";
}

// Long on purpose (over ~120 lines): the validation rules one after another, each a few lines over
// the same promotion; the list is the specification (docs/promotions.md).
std::vector<ValidationIssue> validate(const std::vector<Promotion>& promotions) {
  std::vector<ValidationIssue> out;
  auto add = [&](const Promotion& p, std::string field, Check code, std::string msg) {
    out.push_back({p.id, std::move(field), code, std::move(msg)});
  };
  std::set<std::string> ids, codes;
  for (const Promotion& p : promotions) {
    const Params& q = p.params;
    const Conditions& c = p.conditions;
    if (p.id.empty()) add(p, "id", Check::missing_id, "The promotion needs an id.");
    else if (!ids.insert(p.id).second) add(p, "id", Check::duplicate_id, "Another promotion already uses the id \"" + p.id + "\".");
    if (p.name.empty()) add(p, "name", Check::missing_name, "Give the promotion a name buyers will see.");
    if (c.starts_at && c.ends_at && *c.ends_at <= *c.starts_at)
      add(p, "conditions.ends_at", Check::window_inverted, "The promotion ends before it starts.");
    if (p.exclusive && p.stackable)
      add(p, "stackable", Check::exclusive_and_stackable, "A promotion cannot be both exclusive and stackable.");
    if (c.nth_order && *c.nth_order < 1) add(p, "conditions.nth_order", Check::bad_nth_order, "The order number starts at 1.");
    if (c.first_order && c.nth_order && *c.nth_order != 1)
      add(p, "conditions.nth_order", Check::first_and_nth, "\"First order\" and \"order number " + std::to_string(*c.nth_order) +
                                                          "\" cannot both hold: nobody qualifies.");
    if (c.min_amount && *c.min_amount < 0) add(p, "conditions.min_amount", Check::negative, "The minimum amount is negative.");
    if (p.kind == Kind::coupon && p.coupon_code.empty())
      add(p, "coupon_code", Check::coupon_without_code, "A coupon needs a code buyers can hold.");
    if (!p.coupon_code.empty() && !codes.insert(p.coupon_code).second)
      add(p, "coupon_code", Check::duplicate_code, "The coupon code " + p.coupon_code + " is used by another promotion.");
    if (c.total_limit && *c.total_limit <= 0)
      add(p, "conditions.total_limit", Check::no_uses, "The total limit allows no use at all.");
    // Second round: caps, budgets, stacking options.
    if (p.max_units && *p.max_units <= 0)
      add(p, "limits.max_units", Check::bad_cap, "A cap of " + std::to_string(*p.max_units) + " units discounts nothing: leave it empty for no cap.");
    if (p.max_units_per_customer && *p.max_units_per_customer <= 0)
      add(p, "limits.max_units_per_customer", Check::bad_cap,
          "A cap of " + std::to_string(*p.max_units_per_customer) + " units per buyer discounts nothing: leave it empty for no cap.");
    if ((p.max_units || p.max_units_per_customer || p.cheapest_only) && p.kind != Kind::percent_off &&
        p.kind != Kind::amount_off_each && p.kind != Kind::coupon && p.kind != Kind::buy_x_get_y)
      add(p, p.cheapest_only ? "limits.cheapest_only" : "limits.max_units", Check::cap_not_supported,
          std::string("Unit caps apply to percent_off, amount_off_each, coupon and buy_x_get_y, not ") + kind_name(p.kind) + ".");
    if (p.budget.total && *p.budget.total <= 0)
      add(p, "budget.total", Check::bad_cap, "A budget of " + m(*p.budget.total) + " allows no discount: leave it empty for no budget.");
    if (p.budget.per_customer && *p.budget.per_customer <= 0)
      add(p, "budget.per_customer", Check::bad_cap, "A budget of " + m(*p.budget.per_customer) + " per buyer allows no discount.");
    if (p.budget.redeemed_amount < 0) add(p, "budget.redeemed_amount", Check::negative, "The amount redeemed so far is negative.");
    if (p.budget.total && *p.budget.total > 0 && p.budget.redeemed_amount >= *p.budget.total)
      add(p, "budget.redeemed_amount", Check::budget_spent,
          "The budget is already spent: " + m(p.budget.redeemed_amount) + " given of " + m(*p.budget.total) + ".");
    if (!p.compounding && p.exclusive)
      add(p, "compounding", Check::compounding_and_exclusive,
          "\"Not compounding\" is a way of stacking on other offers; an exclusive promotion takes no other offer.");
    if (!p.compounding && !p.stackable && !p.exclusive)
      add(p, "compounding", Check::compounding_not_stackable,
          "\"Not compounding\" only changes stackable promotions: make it stackable or leave compounding on.");
    if (c.scope && c.scope->all() && c.scope->exclude_skus.empty())
      add(p, "conditions.scope", Check::condition_scope_empty, "The condition scope names no SKU, category or tag.");
    if (c.include_shipping && (p.kind == Kind::shipping || p.kind == Kind::points))
      add(p, "conditions.include_shipping", Check::shipping_in_shipping, "A shipping or points offer cannot count the shipping fee in its own threshold.");
    switch (p.kind) {
      case Kind::threshold_tiers:
        for (size_t i = 0; i < q.tiers.size(); ++i) {
          const Tier& t = q.tiers[i];
          std::string f = "params.tiers[" + std::to_string(i) + "]";
          if (t.amount <= 0) add(p, f + ".amount", Check::no_discount, "Tier " + std::to_string(i + 1) + " takes nothing off.");
          if (t.amount >= t.threshold)
            add(p, f + ".amount", Check::discount_not_below_threshold,
                "Tier " + std::to_string(i + 1) + " takes off " + m(t.amount) + " for a threshold of " + m(t.threshold) +
                    ": the goods would be free.");
          if (i > 0 && t.threshold <= q.tiers[i - 1].threshold)
            add(p, f + ".threshold", Check::tier_not_rising,
                "Tier " + std::to_string(i + 1) + " threshold " + m(t.threshold) + " is not above the previous tier's " +
                    m(q.tiers[i - 1].threshold) + ".");
          if (i > 0 && t.amount <= q.tiers[i - 1].amount)
            add(p, f + ".amount", Check::tier_discount_not_rising,
                "Tier " + std::to_string(i + 1) + " takes off " + m(t.amount) + ", not more than the previous tier's " +
                    m(q.tiers[i - 1].amount) + ".");
        }
        break;
      case Kind::quantity_tiers:
        for (size_t i = 0; i < q.tiers.size(); ++i) {
          const Tier& t = q.tiers[i];
          std::string f = "params.tiers[" + std::to_string(i) + "]";
          if (t.threshold < 1) add(p, f + ".min_qty", Check::bad_quantity, "A quantity tier needs at least 1 unit.");
          if (t.bp <= 0 || t.bp > 10000) add(p, f + ".percent_off", Check::percent_range, "Percent off must be above 0 and at most 100.");
          if (i > 0 && t.threshold <= q.tiers[i - 1].threshold)
            add(p, f + ".min_qty", Check::tier_not_rising, "Tier " + std::to_string(i + 1) + " needs no more units than the tier before.");
          if (i > 0 && t.bp <= q.tiers[i - 1].bp)
            add(p, f + ".percent_off", Check::tier_discount_not_rising,
                "Tier " + std::to_string(i + 1) + " (" + pct(t.bp) + " off) is not deeper than the tier before.");
        }
        break;
      case Kind::per_each:
        if (q.threshold <= 0) add(p, "params.step", Check::bad_step, "\"Every X\" needs a step above zero.");
        else if (q.amount >= q.threshold)
          add(p, "params.amount", Check::discount_not_below_threshold, "Taking off " + m(q.amount) + " for every " + m(q.threshold) + " gives the goods away.");
        if (q.amount <= 0) add(p, "params.amount", Check::no_discount, "The promotion takes nothing off.");
        if (q.cap > 0 && q.cap < q.amount) add(p, "params.cap", Check::cap_below_amount, "The cap is below one step's discount.");
        break;
      case Kind::percent_off:
      case Kind::nth_item:
      case Kind::buy_x_get_y:
        if (q.bp <= 0 || q.bp > 10000) add(p, "params.percent_off", Check::percent_range, "Percent off must be above 0 and at most 100.");
        if (p.kind == Kind::nth_item && q.n < 2) add(p, "params.n", Check::bad_n, "\"Every n-th item\" needs n of at least 2.");
        if (p.kind == Kind::buy_x_get_y && (q.buy < 1 || q.get < 1))
          add(p, "params.buy", Check::bad_counts, "Buy and get must both be at least 1.");
        break;
      case Kind::amount_off_each:
        if (q.amount <= 0) add(p, "params.amount", Check::no_discount, "The promotion takes nothing off.");
        break;
      case Kind::flash_price:
        if (q.price <= 0) add(p, "params.price", Check::price_not_positive, "A flash price must be above zero.");
        if (!c.starts_at || !c.ends_at)
          add(p, "conditions.starts_at", Check::flash_without_window, "A flash sale needs a start and an end time.");
        if (q.stock && *q.stock < 0) add(p, "params.stock", Check::negative, "Stock cannot be negative.");
        if (q.per_customer_units && *q.per_customer_units < 1)
          add(p, "params.per_customer_limit", Check::no_uses, "The per-customer limit allows no unit at all.");
        if (p.scope.all()) add(p, "scope", Check::flash_whole_shop, "A flash price applies to named SKUs; the scope covers the whole shop.");
        break;
      case Kind::bundle_price:
        if (q.bundle.size() < 2 && (q.bundle.empty() || q.bundle[0].qty < 2))
          add(p, "params.items", Check::bundle_too_small, "A bundle needs at least two units.");
        if (q.price <= 0) add(p, "params.price", Check::price_not_positive, "A bundle price must be above zero.");
        break;
      case Kind::gift:
        if (q.gift_sku.empty() && q.gift_name.empty()) add(p, "params.gift_sku", Check::gift_missing, "Name the gift.");
        if (q.gift_cost <= 0) add(p, "params.gift_cost", Check::gift_cost_missing, "Enter what the gift costs: it counts against margin.");
        break;
      case Kind::coupon:
        if (q.bp == 0 && q.amount <= 0) add(p, "params.amount", Check::no_discount, "The coupon takes nothing off.");
        if (q.bp == 0 && q.threshold > 0 && q.amount >= q.threshold)
          add(p, "params.amount", Check::coupon_not_below_threshold,
              "The coupon is worth " + m(q.amount) + ", as much as or more than its threshold " + m(q.threshold) + ".");
        if (q.bp < 0 || q.bp > 10000) add(p, "params.percent_off", Check::percent_range, "Percent off must be above 0 and at most 100.");
        break;
      case Kind::points:
        if (q.points_per_unit <= 0) add(p, "params.points_per_unit", Check::bad_rate, "Points per unit of money must be above zero.");
        if (q.max_share_bp <= 0 || q.max_share_bp > 10000)
          add(p, "params.max_percent", Check::percent_range, "The points cap must be above 0 and at most 100 % of the order.");
        break;
      case Kind::deposit_presale:
        if (q.deposit <= 0) add(p, "params.deposit", Check::no_deposit, "The deposit must be above zero.");
        if (q.deduct < q.deposit)
          add(p, "params.deduct", Check::deduct_below_deposit, "The deposit counts for " + m(q.deduct) + ", less than the " + m(q.deposit) + " paid.");
        break;
      case Kind::shipping:
        if (!q.free_shipping && q.amount <= 0 && q.bp <= 0) add(p, "params", Check::no_discount, "The shipping offer takes nothing off.");
        break;
    }
    if (p.layer != default_layer(p.kind) &&
        (p.kind == Kind::points || p.kind == Kind::shipping || p.layer == Layer::points || p.layer == Layer::shipping))
      add(p, "layer", Check::wrong_layer, std::string("A ") + kind_name(p.kind) + " promotion must be in the " +
                                         layer_name(default_layer(p.kind)) + " layer.");
  }
  // Two flash sales on one SKU at overlapping times: which price holds is a coin toss for the
  // buyer and usually a mistake.
  for (size_t i = 0; i < promotions.size(); ++i)
    for (size_t j = i + 1; j < promotions.size(); ++j) {
      const Promotion& a = promotions[i];
      const Promotion& b = promotions[j];
      if (a.kind != Kind::flash_price || b.kind != Kind::flash_price) continue;
      std::string where;
      if (!windows_overlap(a.conditions, b.conditions) || !scopes_meet(a.scope, b.scope, where)) continue;
      add(b, "conditions.starts_at", Check::flash_overlap,
          "This flash sale overlaps \"" + a.name + "\" on " + (where.empty() ? std::string("the same SKUs") : where) +
              " at the same time.");
    }
  return out;
}

}  // namespace shopkeeper::promo
