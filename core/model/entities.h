// The store's data model as plain structs, one per table of the SQLite schema (core/store/schema).
// Money fields are minor units (int64), days are civil days, timestamps store-local seconds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/date.h"
#include "core/base/money.h"

namespace shopkeeper {

enum class OrderStatus : int32_t {
  pending = 0,    // placed, not paid
  paid = 1,       // paid, not yet shipped
  shipped = 2,
  completed = 3,  // delivered / trade succeeded
  cancelled = 4,  // closed before or after payment, no sale
  refunded = 5,   // paid then fully refunded
};
const char* order_status_name(OrderStatus s);

// What an order line sells (issue #10): a product, or money that is not merchandise. Postage,
// fees and manual adjustments count in the money totals under their own heading but in no
// product ranking, unit count or margin. Stored as order_lines.kind (schema 4).
enum class LineKind : uint8_t {
  merchandise = 0,
  shipping = 1,    // postage, carriage, 运费 / 邮费 charged to the buyer
  fee = 2,         // bank charges, marketplace fees, commissions
  adjustment = 3,  // manual corrections, bad-debt adjustments, 补差价, discounts booked as a line
};
inline constexpr int kLineKinds = 4;
const char* line_kind_name(LineKind k);  // "merchandise", "shipping", "fee", "adjustment"
bool parse_line_kind(std::string_view s, LineKind& out);
// Valid orders: paid and not cancelled (refunds are counted separately).
inline bool is_valid_order(OrderStatus s) {
  return s == OrderStatus::paid || s == OrderStatus::shipped || s == OrderStatus::completed ||
         s == OrderStatus::refunded;
}

struct Product {
  std::string sku;
  std::string title;
  std::string category;
  std::string brand;
  std::string tags;  // comma-separated
  std::optional<Money> unit_cost;  // unknown cost -> margins cannot be computed
  Money list_price = 0;
  int64_t stock = 0;
  int64_t supplier_id = 0;  // 0 = none
  std::optional<Day> launched_on;
  std::string status = "active";  // active | paused | retired
  std::string role;               // traffic | profit | image | clearance | ""
  int32_t weight_g = 0;
};

struct Supplier {
  int64_t id = 0;
  std::string name;
  int32_t lead_time_days = 0;
  int32_t score_quality = 0, score_price = 0, score_delivery = 0, score_service = 0;  // 0..100
};

struct Customer {
  std::string id;
  std::string name;
  std::optional<Day> joined_on;
  std::string channel;
  std::string region;
  std::string tier;
  int64_t points_balance = 0;
  std::optional<Day> birthday;
  std::string tags;
};

struct Order {
  std::string id;
  std::string customer_id;  // empty = guest
  Timestamp placed_at = 0;
  std::optional<Timestamp> paid_at;
  OrderStatus status = OrderStatus::pending;
  std::string channel;
  std::string traffic_source;
  Money items_amount = 0;     // sum of line qty * unit_price
  Money discount_amount = 0;  // all discounts on the order
  Money shipping_amount = 0;
  Money paid_amount = 0;  // what the buyer paid = items - discount + shipping
  std::string coupon_code;
  std::string campaign_id;
  // The buyer's region as the export gives it on the order (schema 4): guests keep theirs; for a
  // known customer the customers table's region is used and this is a fallback.
  std::string region;
};

struct OrderLine {
  std::string order_id;
  int32_t line_no = 0;
  std::string sku;
  std::string title;
  int64_t qty = 0;
  Money unit_price = 0;
  Money discount_amount = 0;  // this line's share of all discounts
  std::optional<Money> unit_cost;
  LineKind kind = LineKind::merchandise;
};

struct Refund {
  std::string order_id;
  std::string sku;  // empty = whole-order refund
  int64_t qty = 0;
  Money amount = 0;
  std::string reason;
  Timestamp refunded_at = 0;
};

struct TrafficDay {
  Day day = 0;
  std::string source;
  int64_t visitors = 0, page_views = 0, sessions = 0, product_views = 0, add_to_carts = 0;
  double avg_seconds = 0;
};

struct AdSpend {
  Day day = 0;
  std::string channel;
  Money spend = 0;
  int64_t impressions = 0, clicks = 0;
};

}  // namespace shopkeeper
