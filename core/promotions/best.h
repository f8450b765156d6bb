// Best price for the buyer (到手价): which held coupons and how many points minimise what the
// buyer pays under the stacking rules, and per product the lowest one-unit price plus the
// smallest add-on that reaches the next threshold (凑单). Money is int64 minor units.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/promotions/engine.h"

namespace shopkeeper::promo {

struct BestOptions {
  // Up to this many usable coupons every subset is tried (2^n quotes); above it a greedy
  // search (start from all, drop or add one coupon while the total falls) is used.
  int max_exhaustive_coupons = 12;
};

struct BestChoice {
  std::vector<std::string> coupons;  // codes to use
  int64_t points = 0;                // points to redeem
  Quote quote;                       // the quote with that choice
  int64_t quotes_run = 0;
  bool exhaustive = true;            // false when the greedy search was used
};

// Minimises quote.total over subsets of in.coupons_held and points in {0, all the buyer has,
// just enough to keep each shipping threshold}. Ties: fewer points, then fewer coupons.
// The buyer's points cap is in.customer.points (in.points_to_use is ignored).
BestChoice best_price(const QuoteInput& in, const BestOptions& opt = {});

struct AddOn {
  std::string promotion, name;
  Money threshold = 0;  // the next threshold of that promotion
  Money missing = 0;    // how much more the scope needs at the promotion's layer
  // The cheapest catalogue item (list price >= missing, in the promotion's scope); empty when
  // none qualifies. Checked by a best-price quote of the product plus that item.
  std::string suggest_sku;
  Money suggest_price = 0;
  bool reached = false;           // the check confirmed the promotion applies
  Money product_unit_price = 0;   // the product's price per unit in that two-line cart
  Money cart_total = 0;
};

struct ProductOffer {
  std::string sku;
  Money list_price = 0;
  Money lowest_unit_price = 0;  // best-price quote of one unit, goods only
  BestChoice best;
  std::vector<AddOn> add_ons;   // one per threshold promotion not yet reached
};

// `ctx` supplies the buyer, moment, promotions, coupons held and shipping; its cart is ignored.
ProductOffer product_offer(const QuoteInput& ctx, const CartLine& product, const std::vector<CartLine>& catalogue,
                           const BestOptions& opt = {});

}  // namespace shopkeeper::promo
