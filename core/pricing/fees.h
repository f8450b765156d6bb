// Channel fee schedules: what a sales channel takes from each sale (platform commission,
// payment fee) and what serving an order costs the seller on that channel (shipping by weight,
// packaging, return shipping, the share of returns that cannot be resold).
//
// Every channel has a schedule: the seller's own (table fee_schedules, set with
// `shopkeeper pricing fees`) or, until then, a default. The defaults for Tmall, Taobao, JD,
// Pinduoduo, Douyin, Shopify and WooCommerce are ASSUMPTIONS written down with their source in
// default_fee_table() (docs/pricing.md repeats the table); a channel with no default has zero
// fees and says so. Rates are basis points (1/100 of a percent), money minor units.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/store/db.h"
#include "core/store/store.h"

namespace shopkeeper::pricing {

struct ChannelFees {
  std::string channel;          // as the orders name it ("tmall"); defaults match case-insensitively and by alias
  int64_t commission_bp = 0;    // platform commission / technical service fee, of the price paid
  int64_t payment_bp = 0;       // payment processing, of the price paid
  Money payment_fixed = 0;      // payment processing per order (Shopify/WooCommerce card fee), split over its units
  Money shipping_per_order = 0; // courier charge for the first kg of an order
  Money shipping_per_extra_kg = 0;  // each further kg or part of one (order weight from products.weight_g)
  Money packaging_per_unit = 0;
  Money return_shipping_per_unit = 0;  // what a returned unit costs the seller to get back
  int64_t unresellable_bp = 0;  // share of returned units that cannot be sold again
  // Where the figures come from: "seller" for a stored schedule, else the default's source.
  std::string source;
  bool seller_set = false;
  bool has_default = false;  // the channel matched a default row (else all zero)
  bool operator==(const ChannelFees&) const = default;
};

// The default rows (one per known platform), each with `source` naming the assumption.
const std::vector<ChannelFees>& default_fee_table();
// The default for `channel`: the matching row of default_fee_table() renamed to `channel`, or
// all zero with has_default = false.
ChannelFees default_fees(std::string_view channel);

// Checks a schedule: no negative figure, each rate and their sum at most 100%, the
// unresellable share at most 100%. The message names the field and the channel.
Status validate_fees(const ChannelFees& f);

// The same checks as codes with the field concerned, for the UI to word before saving.
enum class FeeField : uint8_t { commission, payment, payment_fixed, shipping_per_order, shipping_per_extra_kg, packaging,
                                return_shipping, unresellable };
enum class FeeWhy : uint8_t { negative, over_100, rates_over_100 };
struct FeeIssue {
  FeeWhy why;
  FeeField field;
};
std::vector<FeeIssue> check_fees(const ChannelFees& f);

// Seller-set schedules in the store, by channel.
Result<std::vector<ChannelFees>> load_fee_schedules(Db& db);
// The schedule in force for `channel`: the stored one, else the default.
ChannelFees effective_fees(const std::vector<ChannelFees>& stored, std::string_view channel);
// Validates and stores (insert or replace) a seller schedule.
Status save_fee_schedule(Writer& w, const ChannelFees& f);

}  // namespace shopkeeper::pricing
