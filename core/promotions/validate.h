// Checks a set of promotions for mistakes a seller makes in the editor, in words:
// overlapping flash sales on one SKU, tiers that do not rise, a coupon worth its threshold or
// more, percentages out of range, windows that end before they start, and so on.
// `code` says which check failed (the UI words it per language: ui/panels/promotions/shared.cpp
// issue_text, a switch the compiler checks); `message` is the English text the CLI prints.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/promotions/promotion.h"

namespace shopkeeper::promo {

enum class Check : uint8_t {
  none,
  missing_id, duplicate_id, missing_name, window_inverted, exclusive_and_stackable, bad_nth_order,
  first_and_nth, negative, coupon_without_code, duplicate_code, no_uses, bad_cap,
  cap_not_supported, budget_spent, compounding_and_exclusive, compounding_not_stackable,
  condition_scope_empty, shipping_in_shipping, no_discount, discount_not_below_threshold,
  tier_not_rising, tier_discount_not_rising, bad_quantity, percent_range, bad_step,
  cap_below_amount, bad_n, bad_counts, price_not_positive, flash_without_window, flash_whole_shop,
  bundle_too_small, gift_missing, gift_cost_missing, coupon_not_below_threshold, bad_rate,
  no_deposit, deduct_below_deposit, wrong_layer, flash_overlap,
  count_
};
inline constexpr int kCheckCount = static_cast<int>(Check::count_);
// Stable snake_case name of a code (the "code" of an issue in JSON: "tier_not_rising").
const char* check_name(Check c);

struct ValidationIssue {
  std::string promotion;  // promotion id
  std::string field;      // e.g. "params.tiers[1].threshold"
  Check code = Check::none;
  std::string message;
};

std::vector<ValidationIssue> validate(const std::vector<Promotion>& promotions);

}  // namespace shopkeeper::promo
