// A bundle suggestion (core/insights/recommend.h) checked by the loss guard and turned into a
// bundle_price promotion (core/promotions, docs/promotions.md) saved as a draft.
// Counting rules:
//  - the draft: kind bundle_price, one unit of each SKU for the bundle price, default layer
//    (shop), no window, id "bundle-" + the SKUs joined by "+" (saving it again replaces it);
//  - the guard: the store's active and scheduled promotions plus the draft as if it were live,
//    run by promo::Guard (the loss guard's floor and fee settings) on each of the bundle's
//    SKUs; `below_floor` when any of them has a violation or a list price below its floor;
//  - floor_total = the sum of the SKUs' floor prices (promo::floor_price of the unit cost,
//    fees and margin floor), unknown (-1) when a cost is unknown; price_below_floor when the
//    bundle price is below it (the set itself sells under the floor, whatever else applies).
#pragma once
#include <string>
#include <vector>

#include "core/insights/recommend.h"
#include "core/promotions/guard.h"
#include "core/promotions/promotion.h"
#include "core/promotions/validate.h"

namespace shopkeeper::insights {

// The draft promotion for `skus` (one unit each) at `price`; `name` is the seller's words.
promo::Promotion bundle_promotion(const std::vector<std::string>& skus, Money price, const std::string& name);

struct BundleGuard {
  std::vector<promo::GuardFinding> findings;  // one per SKU of the bundle found in the products, in bundle order
  bool below_floor = false;     // a finding is a violation or a list price below the floor
  Money floor_total = -1;       // -1 unknown
  bool price_below_floor = false;
  std::vector<promo::ValidationIssue> issues;  // promo::validate on the draft alone
};
// `products` and `live` as the Workspace loads them (guard_products, active + scheduled).
BundleGuard guard_bundle(const std::vector<std::string>& skus, Money price, const std::vector<promo::GuardProduct>& products,
                         const std::vector<promo::Promotion>& live, const promo::GuardOptions& opt);

}  // namespace shopkeeper::insights
