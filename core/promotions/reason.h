// Why a promotion did not apply to a quote, as a code with its figures rather than a sentence,
// so each language can word it (the engine builds no text in its hot loops either).
// Reason::a/b/c carry what the sentence needs: money in minor units, counts, a timestamp or a
// Kind, as each code's template says; Reason::text carries a name (coupon code, channel, buyer
// group or tier).
// Templates use placeholders {$a} (money), {#a} (count), {@a} (timestamp), {Ka} (kind name) for
// a, b or c, and {s} for the text.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/promotions/promotion.h"

namespace shopkeeper::promo {

enum class Why : uint8_t {
  none,
  // eligibility regardless of the cart
  not_started, ended, channel, group, tier, first_order_only, nth_order_only, uses_taken, coupon_used,
  flash_sold_out, flash_customer_limit,
  // conditions measured on the cart
  min_amount, min_units, no_line_in_scope, lines_taken, threshold_short, step_short, more_units,
  flash_not_lower, nth_units, bundle_empty, bundle_incomplete, bundle_not_lower, gift_short,
  coupon_short, own_layer, no_discount, coupon_not_held, wrong_layer, better_offer,
  // points and shipping layers
  points_layer_only, no_line_for_points, no_points, points_too_small, other_points_more,
  shipping_layer_only, shipping_short, no_shipping_fee, better_shipping, shipping_free,
  // second round: budgets, unit caps, condition scopes, floors, groups and platform profiles
  budget_spent, unit_cap_reached, condition_not_in_cart, buy_set_short, floor_reached, group_better,
  profile_excluded, coupon_limit, code_limit, not_combinable,
  // Members segments as a buyer condition
  segment,
  count_
};
inline constexpr int kWhyCount = static_cast<int>(Why::count_);

struct Reason {
  Why code = Why::none;
  int64_t a = 0, b = 0, c = 0;
  std::string text;
  bool empty() const { return code == Why::none; }
};

// Stable snake_case name of a code (the "code" of a not-applied entry in JSON).
const char* why_name(Why w);
// The English template of a code ("" for none).
const char* why_template_en(Why w);

struct ReasonFormat {
  std::function<std::string(Money)> money;          // default: plain decimal "300.00"
  std::function<std::string(Timestamp)> timestamp;  // default: "YYYY-MM-DD HH:MM:SS"
  std::function<std::string(Kind)> kind;            // default: kind_name
};

// Fills `templ`'s placeholders from `r`. An unknown placeholder is copied as it is.
std::string render_reason(const char* templ, const Reason& r, const ReasonFormat& f = {});
// The English sentence with plain decimal money.
std::string reason_text(const Reason& r);

}  // namespace shopkeeper::promo
