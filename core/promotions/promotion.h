// Promotion types: what a shop runs (Promotion), what a buyer brings (Customer, CartLine) and
// the question asked of the engine (QuoteInput). Money is int64 minor units (fen/cent), rates
// are basis points (1 bp = 0.01 %), times are store-local Timestamps. Plain values: the caller
// owns everything; the engine never keeps pointers into them past a call.
// The JSON form of every field is documented in docs/promotions.md.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"

namespace shopkeeper::promo {

enum class Kind : int8_t {
  threshold_tiers,   // 满300减30, 满500减60: highest tier reached
  per_each,          // 每满100减10, 最多减50
  percent_off,       // 9折 on a scope, optional min amount / quantity
  amount_off_each,   // fixed amount off every unit
  flash_price,       // fixed unit price, stock and per-customer limits
  quantity_tiers,    // 满2件9折, 满3件8折
  nth_item,          // 第二件半价
  buy_x_get_y,       // buy X get Y free / percent off, cheapest eligible units first
  bundle_price,      // a set of SKUs for a fixed price
  gift,              // gift with purchase over a threshold (costs the shop, not the buyer)
  coupon,            // threshold / percent / no-threshold coupon (needs coupon_code)
  points,            // N points = 1 unit of money, capped at a share of the order
  deposit_presale,   // 定金膨胀: deposit D counts as E off the final payment
  shipping,          // free over a threshold, or fixed / percent off the shipping fee
};
inline constexpr int kKindCount = 14;
const char* kind_name(Kind k);
std::optional<Kind> kind_from_name(const std::string& s);

// Layers run in this order; each layer's thresholds see the amount left by earlier layers.
enum class Layer : int8_t { item = 0, shop = 1, coupon = 2, platform = 3, points = 4, shipping = 5 };
inline constexpr int kLayerCount = 6;
const char* layer_name(Layer l);
std::optional<Layer> layer_from_name(const std::string& s);
Layer default_layer(Kind k);

// Which cart lines a promotion looks at. Empty skus/categories/tags = every line.
struct Scope {
  std::vector<std::string> skus, categories, tags, exclude_skus;
  bool all() const { return skus.empty() && categories.empty() && tags.empty(); }
};

// Which units a unit cap or a cross-set buy X get Y discounts first (by current unit value).
enum class Pick : int8_t { cheapest, dearest };

// Who, when and how much. Unset optionals and empty lists do not restrict.
struct Conditions {
  std::optional<Timestamp> starts_at, ends_at;  // active when starts_at <= at < ends_at
  std::vector<std::string> channels, groups, tiers;
  bool first_order = false;            // only when the buyer has no earlier order
  std::optional<int64_t> nth_order;    // only the buyer's n-th order (1 = first)
  std::optional<Money> min_amount;     // scope amount at the promotion's layer
  std::optional<int64_t> min_qty;      // scope units
  std::optional<int64_t> total_limit;  // coupon / promotion uses across all buyers
  int64_t redeemed = 0;                // uses so far (from the coupons table)
  std::optional<int64_t> per_customer_limit;  // uses per buyer (coupons)
  // Condition scope: when set, every threshold, minimum amount and minimum quantity of the
  // promotion is measured on these lines instead of the discounted ones ("10 % off jackets
  // when the cart holds trousers"); for buy_x_get_y it is the set the buyer buys from.
  std::optional<Scope> scope;
  bool include_shipping = false;  // thresholds count the shipping fee too (Saleor's base total)
  // Saved Members segments (ids, core/members customers.h StoredSegment): only buyers in at
  // least one of them (Customer::segments; the CLI and UI resolve membership from the store).
  std::vector<std::string> segments;
};

// Caps on the discount money a promotion may still give (Medusa campaign budgets).
struct Budget {
  std::optional<Money> total;         // across all buyers
  std::optional<Money> per_customer;  // per buyer (Customer::budget_used)
  Money redeemed_amount = 0;          // given so far across all buyers
  bool any() const { return total || per_customer; }
};

struct Tier {
  Money threshold = 0;  // threshold_tiers: amount; quantity_tiers: units (min_qty)
  Money amount = 0;     // threshold_tiers: money off
  int64_t bp = 0;       // quantity_tiers: percent off in bp
};

struct BundleItem {
  std::string sku;
  int64_t qty = 1;
};

// Kind-specific parameters. Only the fields of the promotion's kind are read (see docs).
struct Params {
  std::vector<Tier> tiers;         // threshold_tiers, quantity_tiers (ascending)
  Money threshold = 0;             // per_each step; coupon/gift/shipping threshold
  Money amount = 0;                // per_each/amount_off_each/coupon/shipping amount off
  Money cap = 0;                   // per_each maximum, coupon percent maximum (0 = none)
  int64_t bp = 0;                  // percent_off, nth_item, buy_x_get_y, coupon, shipping percent
  Money price = 0;                 // flash_price unit price, bundle_price set price
  std::optional<int64_t> stock;    // flash_price units left
  std::optional<int64_t> per_customer_units;  // flash_price units per buyer
  int64_t n = 2;                   // nth_item: every n-th unit
  int64_t buy = 1, get = 1;        // buy_x_get_y
  bool repeat = true;              // buy_x_get_y: per multiple (false: once per order)
  std::vector<BundleItem> bundle;  // bundle_price
  std::string gift_sku, gift_name;  // gift
  Money gift_cost = 0;
  bool free_shipping = false;      // shipping: free when the threshold is reached
  int64_t points_per_unit = 100;   // points: points per one major unit of money
  int64_t max_share_bp = 10000;    // points: cap as a share of the amount left
  Money deposit = 0, deduct = 0;   // deposit_presale, per unit
};

struct Promotion {
  std::string id, name;
  Kind kind = Kind::percent_off;
  Layer layer = Layer::item;
  int64_t priority = 0;      // higher wins ties
  bool exclusive = false;    // when it applies, no other promotion touches its lines
  bool stackable = false;    // applies on top of the layer's best offer
  bool platform_funded = false;  // the platform, not the shop, pays this discount
  Scope scope;
  Conditions conditions;
  Params params;
  std::string coupon_code;   // non-empty: applies only when the buyer holds this code
  // Stackable only: false = computed on the amounts the layer began with (the same base as the
  // offers before it: WooCommerce's non-sequential coupons, Shopify's order discounts) and
  // capped at what is left, instead of on what is left.
  bool compounding = true;
  std::string group;         // best reward of a group: members compete, the buyer gets the best one
  // Unit caps (percent_off, amount_off_each, coupon, buy_x_get_y): at most this many
  // discounted units per order / per buyer (Customer::units_bought), `pick` units first.
  std::optional<int64_t> max_units, max_units_per_customer;
  bool cheapest_only = false;  // Saleor's apply_once_per_order: only the cheapest unit
  Pick pick = Pick::cheapest;
  Budget budget;
  std::string platform_class;  // a platform's own promotion class, for profiles (e.g. shop_red_packet)
  // Shopify's combinesWith / WooCommerce's individual use: the discount classes (product,
  // order, shipping) this promotion combines with; unset = all. Read only under a profile
  // that uses it.
  std::optional<std::vector<std::string>> combines_with;
};

struct CartLine {
  std::string sku;
  Money price = 0;  // unit list price
  int64_t qty = 1;
  std::string category;
  std::vector<std::string> tags;
  std::optional<Money> cost;  // unit cost; unknown -> profit unknown
  std::optional<Money> floor_price;  // unit floor (红线价): no discount takes the line below floor * qty
};

struct Customer {
  std::string id, group, tier;
  int64_t orders_before = 0;
  int64_t points = 0;
  std::map<std::string, int64_t> coupon_uses;   // code -> times used before
  std::map<std::string, int64_t> flash_bought;  // promotion id -> units bought before
  std::map<std::string, int64_t> units_bought;  // promotion id -> discounted units before (unit caps)
  std::map<std::string, Money> budget_used;     // promotion id -> discount money received before
  std::vector<std::string> segments;            // ids of the saved Members segments the buyer is in
};

// How a platform stacks promotions (core/promotions/profiles.h builds these from data). The
// default is the engine's own rules (docs/promotions.md).
struct StackRules {
  std::string profile;  // name, "" = the engine's own rules
  // Goods layers (item, shop, coupon, platform) in running order; points then shipping follow.
  std::vector<Layer> order = {Layer::item, Layer::shop, Layer::coupon, Layer::platform};
  // Thresholds of layer L measure the amounts at the start of layer gate_from[L].
  Layer gate_from[kLayerCount] = {Layer::item, Layer::shop, Layer::coupon, Layer::platform, Layer::points, Layer::shipping};
  bool all_stack[kLayerCount] = {};    // every offer of the layer stacks (not one best per line)
  int8_t compounding[kLayerCount] = {-1, -1, -1, -1, -1, -1};  // -1: each promotion's own; 0/1 forced
  int64_t max_coupons[kLayerCount] = {};  // coupons (with a code) per order in the layer, 0 = any
  int64_t max_codes = 0;                  // coupon codes per order, 0 = any
  // Mutually exclusive sides ("layer:coupon", "class:shop_red_packet", "kind:points"): when
  // both would apply, the buyer gets the better side.
  std::vector<std::pair<std::string, std::string>> exclusive_pairs;
  bool use_combines_with = false;  // Promotion::combines_with decides which pairs combine
  std::string discount_class[kLayerCount] = {"product", "order", "order", "order", "order", "shipping"};
};

struct QuoteInput {
  std::string currency = "CNY";
  Timestamp at = 0;
  std::string channel;
  Customer customer;
  std::vector<CartLine> cart;
  Money shipping = 0;  // shipping fee before shipping offers
  std::vector<Promotion> promotions;
  std::vector<std::string> coupons_held;
  std::optional<int64_t> points_to_use;  // unset = as many as allowed
  int64_t fee_bp = 0;                    // platform commission on goods paid, for profit
  StackRules rules;                      // a platform's stacking profile (default: the engine's)
};

}  // namespace shopkeeper::promo
