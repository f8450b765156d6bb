// The quote engine: what a buyer pays for a cart under every promotion the shop runs.
// Money is int64 minor units. Stacking and rounding rules (docs/promotions.md):
//  * layers run item -> shop -> coupon -> platform -> points -> shipping; each layer measures
//    thresholds on the amount left after the earlier layers;
//  * in a layer an applicable exclusive promotion (highest priority first) is the only offer on
//    the lines it discounts, in that layer and every later goods layer;
//  * otherwise a line gets the single best offer of the layer (largest discount; priority, then
//    input order break ties); stackable promotions then apply on what is left;
//  * percent discounts are computed per line on the line amount, rounded half away from zero to
//    the minor unit; order-level discounts are allocated to lines in proportion to their amounts
//    with the largest-remainder method, so the allocations sum exactly to the discount.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/promotions/promotion.h"
#include "core/promotions/reason.h"

namespace shopkeeper::promo {

struct LineAmount {
  int32_t line = 0;  // index into QuoteInput::cart
  Money amount = 0;
};

struct AppliedDiscount {
  std::string promotion, name;
  Kind kind = Kind::percent_off;
  Layer layer = Layer::item;
  Money amount = 0;
  std::vector<LineAmount> lines;  // sums exactly to amount
  bool platform_funded = false;
  int64_t points_used = 0;  // points kind only
  Money deposit = 0;        // deposit_presale: the part paid up front (included in total)
  Money floor_withheld = 0; // discount not given because lines reached their floor price
  Money budget_cut = 0;     // discount not given because the budget ran out
  // Units the discount touched: the picked units under a unit cap, the free units of buy X get
  // Y, the units at a flash price, otherwise every unit of a discounted line (what unit caps
  // per customer and the usage ledger count).
  int64_t units = 0;
};

struct ShippingDiscount {
  std::string promotion, name;
  Money amount = 0;
};

struct NotApplied {
  std::string promotion;
  Reason why;          // the code and its figures, for the UI to word in its language
  std::string reason;  // the English sentence (empty in a quote run without reasons)
};

struct GiftGiven {
  std::string promotion, sku, name;
  Money cost = 0;
};

struct Quote {
  Money items_total = 0;  // sum of price * qty
  std::vector<AppliedDiscount> discounts;
  std::vector<ShippingDiscount> shipping_discounts;
  std::vector<NotApplied> not_applied;
  std::vector<GiftGiven> gifts;
  Money shipping_fee = 0;  // before shipping offers
  Money shipping = 0;      // what the buyer pays for shipping
  Money goods_paid = 0;    // sum of line_paid
  Money total = 0;         // goods_paid + shipping (deposit included)
  std::vector<Money> line_paid;  // per cart line, after every goods discount
  std::vector<Money> floor_withheld;  // per cart line, discounts stopped by its floor price (empty: no floors)
  int64_t points_used = 0;
  Money platform_funded = 0;  // discounts paid by the platform (added back to profit)
  Money fees = 0;             // fee_bp of goods_paid
  // goods_paid + platform_funded - fees - cost of goods - gift costs - shipping discounts.
  // Unset when a line's cost is unknown.
  std::optional<Money> profit;
};

// Whether cart line `l` is in the promotion's scope (bundles: the bundle's SKUs).
bool in_scope(const Promotion& p, const CartLine& l);

// Why `p` cannot apply to this buyer at this moment regardless of the cart (time window,
// channel, group, tier, first/nth order, use limits, flash stock); empty = eligible.
Reason ineligible_reason(const Promotion& p, const QuoteInput& in);

// Quotes one cart. Never fails: inapplicable promotions are listed in not_applied with a reason.
Quote quote(const QuoteInput& in);

// A quote prepared once for a cart and buyer, re-run with different coupon choices (best-price
// search, loss guard). Holds a reference to `in`, which must outlive it. `consider`, when
// given, marks the promotions (by index) to look at; the others are left out silently (a
// caller that knows they cannot touch the cart or the buyer saves their cost). With
// `reasons` false the not_applied entries carry codes but no English sentence or names.
class PreparedQuote {
 public:
  explicit PreparedQuote(const QuoteInput& in, const std::vector<char>* consider = nullptr, bool reasons = true);
  ~PreparedQuote();
  PreparedQuote(PreparedQuote&&) noexcept;
  PreparedQuote& operator=(PreparedQuote&&) = delete;
  PreparedQuote(const PreparedQuote&) = delete;

  // Indexes (into in.promotions) of coupon promotions whose code the buyer holds.
  const std::vector<int32_t>& held_coupons() const;
  // Quote with only the coupons in `use` (indexes into in.promotions) and `points` to redeem
  // (unset = as many as allowed and held).
  Quote run(const std::vector<int32_t>& use, std::optional<int64_t> points) const;
  // Quote with every held coupon offered (what quote() does).
  Quote run_default() const;

  struct Impl;

 private:
  Impl* impl_;
};

// Units of the money's minor unit per major unit (100 for CNY/USD).
inline constexpr int64_t kMinorPerMajor = 100;

// Largest-remainder allocation of `total` over `weights` (all >= 0, sum > 0): shares are
// floor(total * w / sum), the leftover minor units go to the largest remainders (ties: lower
// index). The result sums exactly to total.
std::vector<Money> allocate(Money total, const std::vector<Money>& weights);

}  // namespace shopkeeper::promo
