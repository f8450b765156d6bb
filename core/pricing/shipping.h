// Regional shipping templates (运费模板): what the courier charges the seller for an order by
// where it goes and what it weighs. A template names a region (as the orders name it, normalised
// like orders.region since #10: "广东省" is "广东") and optionally a channel, with the charge for
// the first kg (or part of it) and for each further kg or part of one.
//
// Which template prices an order (unit economics, core/pricing/economics.h): the one for the
// order's channel and region, else the one for its region on every channel (channel ""), else
// the channel's fee schedule (shipping_per_order + shipping_per_extra_kg, core/pricing/fees.h).
// An order's region is its customer's, else the region on the order (Dataset::order_region);
// an order without a region uses the fee schedule.
// Charge = first_kg + per_extra_kg x ceil((grams - 1000) / 1000) when grams > 1000, else first_kg.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/store/db.h"
#include "core/store/store.h"

namespace shopkeeper::pricing {

struct ShippingTemplate {
  std::string channel;  // "" = every channel
  std::string region;   // normalised region name (required)
  Money first_kg = 0;
  Money per_extra_kg = 0;
  bool operator==(const ShippingTemplate&) const = default;
};

// The charge for an order of `grams` under a first-kg / per-further-kg tariff.
// Inline: unit economics calls it once per order.
inline Money shipping_charge(Money first_kg, Money per_extra_kg, int64_t grams) {
  const int64_t extra_kg = grams > 1000 ? (grams - 1000 + 999) / 1000 : 0;
  return first_kg + extra_kg * per_extra_kg;
}

// The template for an order on `channel` to `region` ("" = none): (channel, region), else
// ("", region); nullptr when neither exists (the fee schedule applies).
const ShippingTemplate* find_template(const std::vector<ShippingTemplate>& t, std::string_view channel, std::string_view region);

// Region required, no negative money; the message names the template.
Status validate_template(const ShippingTemplate& t);
// Stored templates, by channel then region.
Result<std::vector<ShippingTemplate>> load_shipping_templates(Db& db);
// Normalises the region, validates, inserts or replaces.
Status save_shipping_template(Writer& w, ShippingTemplate t);
// Removes the template of (channel, region); no error when there is none.
Status remove_shipping_template(Writer& w, const std::string& channel, const std::string& region);

}  // namespace shopkeeper::pricing
