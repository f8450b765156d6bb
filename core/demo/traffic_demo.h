// The demo shop's product report (issue #16): 生意参谋-style per-product traffic rows
// (product_traffic, shop 0) for the last 30 days, written after the orders in the same
// transaction from its own random stream (16), so orders, customers and traffic stay as they were.
// Per product that sold in those days: a conversion = its category's rate (3-9 %, one draw per
// category) x 0.7..1.3, and every eighth selling product (by SKU) at a third of it (a title that draws
// visitors the page does not convert: Insights' low_conversion); the product's visitors over
// the 30 days = its buyers / conversion, spread over every day (x 0.7..1.3 a day, at least 1 and at least the
// day's buyers); buyers and units are the day's valid orders of the SKU (each order one buyer);
// add-to-cart buyers = buyers + 6..14 % of the other visitors. Products without a sale in the
// 30 days have no rows (Products shows "—" for them).
#pragma once
#include <cstdint>

#include "core/base/date.h"
#include "core/base/result.h"

namespace shopkeeper {
class Writer;
}

namespace shopkeeper::demo {

Status write_traffic_demo(Writer& w, uint64_t seed, Day end_day);

}  // namespace shopkeeper::demo
