// The usage ledger: what each placed order took from each promotion, recorded so that use
// limits, unit caps, flash stock and budgets see it on the next quote (Medusa's registerUsage /
// revertUsage, packages/modules/promotion/integration-tests/__tests__/services/promotion-module/
// register-usage.spec.ts and revert-usage.spec.ts).
//
// Counting rules (docs/promotions.md, "Usage ledger"):
//  * one row per (order, promotion) in the `promotion_usage` table: uses = 1, units = the units
//    the discount touched (AppliedDiscount::units), amount = the discount money it gave (goods
//    discount, or shipping discount; a gift gives no money and counts a use);
//  * a promotion's stored `redeemed` / `budget.redeemed_amount` (typed by the seller: uses before
//    Shopkeeper recorded any) plus the ledger's sums are what the engine sees; a flash price's
//    `stock` is reduced by the units recorded;
//  * a buyer's coupon uses (by code), units, flash units and budget used are the sums of that
//    buyer's rows;
//  * registering refuses, and writes nothing, when the order would take a promotion past a
//    limit or budget (Medusa clamps the counter instead; a ledger that says less than what the
//    order was given would not reconcile with the money, so a stale quote must be re-quoted);
//  * reverting an order (cancelled) removes its rows; a partial refund replaces them with what
//    the kept items still receive (a coupon spent on the order stays spent: its use remains).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/promotions/engine.h"
#include "core/promotions/refund.h"
#include "core/store/db.h"
#include "core/store/store.h"

namespace shopkeeper::promo {

struct UsageEntry {
  std::string promotion;
  int64_t uses = 0;
  int64_t units = 0;
  Money amount = 0;
  bool operator==(const UsageEntry&) const = default;
};

// What a quote takes from each promotion (by promotion id, in the order they first appear).
std::vector<UsageEntry> usage_of(const Quote& q);

struct UsageTotals {
  std::map<std::string, UsageEntry> by_promotion;                           // promotion id ->
  std::map<std::string, std::map<std::string, UsageEntry>> by_customer;     // customer -> promotion ->
  std::map<std::string, std::vector<UsageEntry>> by_order;                  // order id -> rows
};

Result<UsageTotals> load_usage(Db& db);

// Adds the ledger's store-wide sums to the promotions' counters (redeemed, redeemed_amount,
// flash stock). Call on promotions as loaded from the store, once.
void apply_usage(std::vector<Promotion>& promotions, const UsageTotals& totals);
// Fills the buyer's coupon_uses (by the promotion's code), units_bought, flash_bought and
// budget_used from the ledger rows of `customer.id` (adding to what is already there).
void apply_customer_usage(Customer& customer, const std::vector<Promotion>& promotions, const UsageTotals& totals);

// Why a registration was refused: the promotion and the field whose limit it would pass.
struct UsageRefusal {
  std::string promotion, field;  // e.g. "budget.total", "conditions.total_limit"
  int64_t limit = 0, would_be = 0;
};

// Records `used` for `order_id` inside the caller's transaction. Errors (nothing written): an
// empty order id, an order already recorded (ErrorCode::conflict), a limit or budget passed
// (ErrorCode::invalid_argument, the message names the promotion and field). Entries of
// promotions the store does not have are left out and returned (Medusa ignores unknown codes).
Result<std::vector<std::string>> register_usage(Writer& w, const std::string& order_id, const std::string& customer_id,
                                                Timestamp at, const std::vector<UsageEntry>& used);
// What an order still takes from each promotion after the refund `r` of part of it: per
// promotion the smaller of (its discount minus the returned units' share of its per-line
// allocation, rounded half away from zero; its shipping discount unless every unit came back)
// and what the kept items get when re-quoted; units the smaller of before and re-quoted. A
// promotion that no longer applies keeps its use only when it has a coupon code (a spent coupon
// stays spent); otherwise its entry is dropped. So the money recorded equals the discount the
// buyer still holds, never more than before.
std::vector<UsageEntry> usage_after_refund(const QuoteInput& order, const RefundQuote& r);
// Removes what `order_id` recorded; an order with nothing recorded is not an error.
Status revert_usage(Writer& w, const std::string& order_id);
// After a partial refund: the order's rows become what the kept items still receive; a promotion
// with a coupon code that applied to the order keeps its use even when it no longer applies.
Status record_refund(Writer& w, const std::string& order_id, const QuoteInput& order, const RefundQuote& r);

}  // namespace shopkeeper::promo
