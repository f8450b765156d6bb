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
#include <string>
#include <vector>

#include "core/base/money.h"

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
