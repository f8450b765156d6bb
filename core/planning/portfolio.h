// Portfolio classes (issue #12), per product, over valid orders up to the last order day T:
//  - ABC by sales (line revenue) or gross profit over the last 365 days: products sorted by the
//    value descending (then SKU); a product's class follows the cumulative share of the products
//    BEFORE it: < a (0.80) -> A, < a + b (0.95) -> B, else C; a value <= 0 is always C.
//  - XYZ by the coefficient of variation (population sd / mean) of weekly units over the last
//    52 weeks (blocks of 7 days ending at T): <= 0.5 X, <= 1.0 Y, else (or no sales) Z.
//  - Sell-through = units sold in the last 30 days / (those units + stock on hand).
//  - Lifecycle from weekly units since the first sale: fewer than 13 weeks since it ->
//    introduction; else the last 13 weeks against the 13 before: ratio > 1.2 growth, < 0.8
//    decline, else maturity; no sale at all -> none.
//  - Dead stock: stock on hand > 0 and no sale in the last `dead_days` days; value at cost.
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/model/sku_traffic.h"

namespace shopkeeper {
struct Dataset;
}

namespace shopkeeper::planning {

enum class AbcBy : uint8_t { sales, gross_profit };
enum class Lifecycle : uint8_t { none, introduction, growth, maturity, decline };
const char* lifecycle_name(Lifecycle l);

struct PortfolioQuery {
  AbcBy by = AbcBy::sales;
  double a = 0.80, b = 0.15;  // C = the rest
  int32_t dead_days = 90;
  bool operator==(const PortfolioQuery&) const = default;
};

struct PortfolioLine {
  int32_t product = -1;
  std::string sku;
  Money value = 0;        // sales or gross profit, last 365 days
  double share = 0, cumulative = 0;
  char abc = 'C', xyz = 'Z';
  double cv = 0;          // NaN when no sales
  double sell_through = 0;
  double sold30 = 0;      // units in the last 30 days
  Lifecycle stage = Lifecycle::none;
  bool dead = false;
  Money dead_value = 0;   // stock x cost when dead (0 when the cost is unknown)
  int64_t stock = 0;
};

struct Portfolio {
  PortfolioQuery query;
  std::vector<PortfolioLine> lines;       // by value descending
  std::array<std::array<int, 3>, 3> matrix{};  // [ABC][XYZ] product counts
  int dead_count = 0;
  Money dead_value = 0;
};

Portfolio compute_portfolio(const Dataset& ds, const PortfolioQuery& q);

}  // namespace shopkeeper::planning

namespace shopkeeper {
class Db;
class Writer;
}

namespace shopkeeper::planning {

// Product roles (引流款 / 利润款 / 形象款 / 长尾 / 清仓), suggested by these rules in order, over
// the last 365 days (margin = gross profit / sales over lines with a known cost):
//  1. clearance: dead stock (see above), or lifecycle decline with stock above 120 days of the
//     last 30 days' pace;
//  2. traffic: units sold in the top 10% of products and margin < 20%; when the store has
//     product traffic (the 生意参谋 product report, core/model/sku_traffic.h), "many visitors"
//     instead of "many units": visitors in the top 10% of products by the report's visitors
//     (a product without report rows has none), still sold and margin < 20% (docs/planning.md);
//  3. image: list price in the top 5% of products, under 1% of the units, margin >= 30%;
//  4. profit: margin >= 30% and class A or B by gross profit;
//  5. long_tail: the rest (and every product without a sale).
// The seller's role (products.role, when one of the five names) overrides the suggestion.
// Warnings: a traffic product with a negative margin, no profit product, long-tail products
// holding more than half of the stock value at cost.
enum class Role : uint8_t { traffic, profit, image, long_tail, clearance };
inline constexpr int kRoles = 5;
const char* role_name(Role r);  // "traffic" "profit" "image" "long_tail" "clearance"
bool parse_role(std::string_view s, Role& r);

struct RoleLine {
  int32_t product = -1;
  Role suggested = Role::long_tail, role = Role::long_tail;
  bool overridden = false;
  double margin = 0;  // NaN without sales of known cost
};

enum class RoleWarning : uint8_t { traffic_loses_money, no_profit_items, long_tail_ties_up_stock };
const char* role_warning_name(RoleWarning w);

struct RoleMix {
  std::vector<RoleLine> lines;  // per Dataset product
  std::array<Money, kRoles> sales{}, gross_profit{}, stock_value{};
  std::array<int, kRoles> products{};
  // Traffic: valid orders of the last 365 days that include at least one product of the role
  // (an order with products of two roles counts for both), and all those orders.
  std::array<int64_t, kRoles> orders{};
  int64_t orders_total = 0;
  std::vector<RoleWarning> warnings;
  std::vector<int32_t> losing_traffic;  // products behind traffic_loses_money
};

// `seller_role`: products.role per Dataset product ("" = none). `traffic`: the product report
// per Dataset product (null or none reported: rule 2 by units, exactly as without it).
RoleMix compute_roles(const Dataset& ds, const std::vector<std::string>& seller_role, int32_t dead_days = 90,
                      const SkuTrafficTable* traffic = nullptr);
std::vector<std::string> load_seller_roles(Db& db, const Dataset& ds);
// The seller's override: products.role = the role's name, or '' (back to the suggestion) when
// `role` is empty; inside the caller's transaction. not_found when no product has `sku`.
Status save_role(Writer& w, const std::string& sku, std::optional<Role> role);

}  // namespace shopkeeper::planning
