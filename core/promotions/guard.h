// Loss guard: for every SKU, the lowest net unit price a buyer can reach through any allowed
// combination of the shop's promotions and coupons, compared with the unit cost plus platform
// fees and the seller's margin floor. Money is int64 minor units; rates are basis points.
//
// Floor price of a SKU: the least unit price P with P - fee_bp*P - cost >= floor_bp*P, i.e.
// ceil(cost * 10000 / (10000 - fee_bp - floor_bp)). A SKU violates the floor when its line in
// some reachable cart pays less than floor price * qty after its share of gift costs.
//
// The search (per SKU, for each moment a relevant promotion starts and each buyer profile that
// unlocks a relevant promotion): carts of 1..N units, units that reach each money threshold,
// and one unit plus the cheapest in-scope filler that reaches each threshold; the buyer holds
// every coupon and unlimited points. Coupon choices per cart: all held (the engine gives each
// line its best), then each applied coupon left out in turn. It is a search, not a proof.
//
// Guard is built once and run over SKU index ranges, so a UI can spread it over frames. It
// keeps a scratch quote input, so one Guard must not run on two threads at once.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/io/table.h"
#include "core/promotions/engine.h"

namespace shopkeeper::promo {

struct GuardProduct {
  std::string sku, category;
  std::vector<std::string> tags;
  Money price = 0;             // list price
  std::optional<Money> cost;   // unknown cost: reported, never a violation
  std::optional<Money> floor_price;  // unit floor (红线价, products.floor_price): no stack goes below it
  // floor_price is the price book's default (cost x (1 + margin floor), core/workspace/floors.h):
  // the engine stops there, but the guard's reference stays its cost + fees + margin formula.
  bool floor_is_default = false;
};

struct GuardOptions {
  int64_t floor_bp = 0;  // minimum margin as a share of the unit price paid
  int64_t fee_bp = 0;    // platform fees as a share of the unit price paid
  int64_t max_units = 12;  // most units of one SKU in a searched cart
  std::optional<Timestamp> from, to;  // only moments in [from, to) (unset = any)
  // Platform profiles of the channels the shop sells on: every cart is quoted under each, the
  // lowest price found under any counts (empty = the engine's own rules).
  std::vector<StackRules> profiles;
};

struct GuardFinding {
  std::string sku;
  Money list_price = 0;
  std::optional<Money> cost;
  // The reference: the SKU's explicit floor_price, else the cost + fees + margin formula; unset
  // when neither (cost unknown, or fees+floor >= 100 %).
  std::optional<Money> floor_price;
  // The worst case found: the SKU's line (index 0 of `cart`) pays line_paid for qty units,
  // of which gift_share is taken back by gift costs.
  Money line_paid = 0;
  int64_t qty = 1;
  Money gift_share = 0;
  Money lowest_unit_price = 0;  // (line_paid - gift_share) / qty, rounded half away from zero
  // The list price itself is below the floor price (issue #10): a separate finding about the
  // price, attributed to no promotion (violation false, no cart beyond one unit at list price,
  // no promotions); the search is skipped. Fix the list price or the cost, not a promotion.
  bool list_price_below_floor = false;
  // Promotions (with coupons, points, gifts) take the price paid below the floor price while the
  // list price is at or above it.
  bool violation = false;
  // How to reach it (replay with Guard::reproduce).
  Timestamp at = 0;
  std::string channel;
  Customer customer;
  std::vector<CartLine> cart;
  std::vector<std::string> coupons;
  int64_t points = 0;
  std::vector<std::string> promotions;  // applied promotion ids
  std::string profile;                  // the platform profile it was found under ("" = engine's rules)
};

class Guard {
 public:
  Guard(std::vector<GuardProduct> products, std::vector<Promotion> promotions, GuardOptions opt = {});
  size_t size() const { return products_.size(); }
  const std::vector<GuardProduct>& products() const { return products_; }
  // Findings for products [begin, end) in product order.
  std::vector<GuardFinding> run(size_t begin, size_t end) const;
  std::vector<GuardFinding> run_all() const { return run(0, size()); }
  // The quote input that replays a finding (all promotions, the finding's coupons and points).
  QuoteInput reproduce(const GuardFinding& f) const;

 private:
  GuardFinding check(size_t index) const;
  std::vector<GuardProduct> products_;
  std::vector<Promotion> promotions_;
  GuardOptions opt_;
  std::vector<size_t> by_price_;  // product indexes sorted by list price (fillers)
  mutable QuoteInput work_;       // scratch: every promotion, every coupon code held
  std::vector<StackRules> rules_;  // the profiles searched (at least one)
};

CartLine to_cart_line(const GuardProduct& p, int64_t qty = 1);
// The order findings are reviewed in: list prices below the floor first, then promotion
// violations (worst first: most below the floor per unit), then the rest in product order.
void sort_findings_for_review(std::vector<GuardFinding>& findings);
// "finding" column / JSON value: "list_price_below_floor", "promotion_below_floor",
// "unknown_cost" or "ok".
const char* finding_kind(const GuardFinding& f);
// A percentage as typed ("10", "12.5", "7.25%") in basis points (1000, 1250, 725), exactly: at most
// two decimals, 0 to 100. Error with the reason otherwise.
Result<int64_t> parse_percent_bp(std::string_view text);
std::optional<Money> floor_price(Money cost, int64_t fee_bp, int64_t floor_bp);

// Findings as an export table: sku, list_price, cost, floor_price, lowest_unit_price,
// below_floor (floor - lowest, when a violation or the list price is below the floor), violation (1/0), at, buyer_orders_before,
// buyer_group, buyer_tier, channel, cart ("SKU x qty @ price; ..."), coupons, points, promotions, finding (finding_kind).
Table guard_findings_table(const std::vector<GuardFinding>& findings);

}  // namespace shopkeeper::promo
