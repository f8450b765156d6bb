#include "core/promotions/reason.h"

namespace shopkeeper::promo {

namespace {

struct Entry {
  const char* name;
  const char* en;
};

// Indexed by Why; the order must follow the enum (checked by a test over every code).
const Entry kEntries[kWhyCount] = {
    {"none", ""},
    {"not_started", "not started (starts {@a})"},
    {"ended", "ended {@a}"},
    {"channel", "channel \"{s}\" is not one of the promotion's channels"},
    {"group", "buyer group \"{s}\" is not eligible"},
    {"tier", "buyer tier \"{s}\" is not eligible"},
    {"first_order_only", "first orders only"},
    {"nth_order_only", "only the buyer's order number {#a} (this is number {#b})"},
    {"uses_taken", "all {#a} uses taken"},
    {"coupon_used", "buyer already used coupon {s} {#a} time(s)"},
    {"flash_sold_out", "flash-sale stock sold out"},
    {"flash_customer_limit", "buyer reached the flash-sale limit per customer"},
    {"min_amount", "needs {$a} in scope, has {$b}"},
    {"min_units", "needs {#a} units in scope, has {#b}"},
    {"no_line_in_scope", "no cart line in its scope"},
    {"lines_taken", "its lines already took another offer"},
    {"threshold_short", "needs {$a}, scope has {$b} (add {$c})"},
    {"step_short", "needs {$a}, scope has {$b}"},
    {"more_units", "needs more units in scope (has {#a})"},
    {"flash_not_lower", "flash price is not below the current price"},
    {"nth_units", "needs {#a} units of one SKU"},
    {"bundle_empty", "bundle has no items"},
    {"bundle_incomplete", "the cart does not hold a complete set"},
    {"bundle_not_lower", "bundle price is not below the items' current price"},
    {"gift_short", "needs {$a} for the gift, scope has {$b}"},
    {"coupon_short", "coupon needs {$a}, scope has {$b} (add {$c})"},
    {"own_layer", "handled by its own layer"},
    {"no_discount", "gives no discount on this cart"},
    {"coupon_not_held", "coupon {s} not held or not chosen"},
    {"wrong_layer", "a {Ka} promotion only works in the {Ka} layer"},
    {"better_offer", "a better offer took its lines"},
    {"points_layer_only", "only points promotions run in the points layer"},
    {"no_line_for_points", "no cart line left to pay with points"},
    {"no_points", "buyer redeems no points"},
    {"points_too_small", "points worth less than one minor unit here"},
    {"other_points_more", "another points programme redeems more"},
    {"shipping_layer_only", "only shipping promotions run in the shipping layer"},
    {"shipping_short", "needs {$a} of goods, has {$b} (add {$c})"},
    {"no_shipping_fee", "no shipping fee to reduce"},
    {"better_shipping", "a better shipping offer applies"},
    {"shipping_free", "shipping is already free"},
    {"budget_spent", "its budget is spent ({$a} of {$b} given)"},
    {"unit_cap_reached", "buyer already had the {#a} discounted units allowed"},
    {"condition_not_in_cart", "needs an item of its condition scope in the cart"},
    {"buy_set_short", "needs {#a} units from its buy set (conditions.scope), has {#b}"},
    {"floor_reached", "its lines are already at their floor price"},
    {"group_better", "another offer of group \"{s}\" gives the buyer more"},
    {"profile_excluded", "the platform does not combine it with {s}, which gives the buyer more"},
    {"coupon_limit", "the platform allows {#a} coupon(s) in this layer per order"},
    {"code_limit", "the platform allows {#a} codes per order"},
    {"not_combinable", "does not combine with {s}, which gives the buyer more"},
    {"segment", "the buyer is in none of the segments: {s}"},
};

const Entry& entry(Why w) {
  int i = static_cast<int>(w);
  return kEntries[i >= 0 && i < kWhyCount ? i : 0];
}

}  // namespace

const char* why_name(Why w) { return entry(w).name; }
const char* why_template_en(Why w) { return entry(w).en; }

std::string render_reason(const char* templ, const Reason& r, const ReasonFormat& f) {
  std::string out;
  if (!templ) return out;
  std::string_view t(templ);
  for (size_t i = 0; i < t.size();) {
    // A placeholder is "{s}" or "{" + one of $ # @ K + one of a b c + "}".
    if (t[i] == '{' && i + 2 < t.size() && t[i + 1] == 's' && t[i + 2] == '}') {
      out += r.text;
      i += 3;
      continue;
    }
    if (t[i] == '{' && i + 3 < t.size() && t[i + 3] == '}' && (t[i + 2] == 'a' || t[i + 2] == 'b' || t[i + 2] == 'c')) {
      int64_t v = t[i + 2] == 'a' ? r.a : t[i + 2] == 'b' ? r.b : r.c;
      bool done = true;
      switch (t[i + 1]) {
        case '$': out += f.money ? f.money(v) : money_to_decimal(v); break;
        case '#': out += std::to_string(v); break;
        case '@': out += f.timestamp ? f.timestamp(v) : format_timestamp(v); break;
        case 'K': {
          Kind k = static_cast<Kind>(v);
          out += f.kind ? f.kind(k) : kind_name(k);
          break;
        }
        default: done = false;
      }
      if (done) {
        i += 4;
        continue;
      }
    }
    out += t[i++];
  }
  return out;
}

std::string reason_text(const Reason& r) { return render_reason(why_template_en(r.code), r); }

}  // namespace shopkeeper::promo
