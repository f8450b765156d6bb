// Deterministic demo-store generator: writes a whole plausible shop (a Chinese online tea,
// teaware, snacks and home-goods store) into an empty store: catalogue, suppliers, customers,
// 18-24 months of orders with weekly/yearly seasonality, 618 / Double 11 / Double 12 / New-Year
// effects and growth, refunds, daily traffic per source and ad spend, campaigns and settings.
// Same seed and options give byte-identical data on every platform (own PRNG, no libm).
// Money in fen. Traffic's product_views counts product-page visitors (商品访客数), so the
// funnel per day and source is page_views >= sessions >= visitors >= product_views >=
// add_to_carts >= orders.
#pragma once
#include <cstdint>
#include <functional>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/store/store.h"

namespace shopkeeper {

struct DemoOptions {
  uint64_t seed = 7;
  int64_t order_lines = 0;  // target number of order lines; 0 = the default shop (~60,000 lines)
  int32_t products = 300;
  Day end_day = 0;          // last day with orders (inclusive); caller supplies it (UI: yesterday)
  int32_t months = 24;      // history length, 18..24 typical
  int64_t customers = 0;    // at most this many registered customers; 0 = no cap (the default
                            // shop). Once the pool is full, an order that would bring a new
                            // customer goes to an existing one drawn uniformly instead.
  bool chinese_names = false;  // tiers, tags and segments named in Chinese (a demo made with the UI
                               // in Chinese, `demo --lang zh-CN`); else the default shop's names
};

struct DemoSummary {
  int64_t products, customers, orders, order_lines, refunds, traffic_days;
};

// Writes a whole plausible shop into an EMPTY store in one transaction (Store::write). Refuses a
// non-empty store with a clear message. `progress(fraction)` is called now and then (may be
// empty); returning false cancels (transaction rolled back, ErrorCode::cancelled).
// The number of order lines equals opt.order_lines exactly (orders follow from it).
Result<DemoSummary> generate_demo(Store& store, const DemoOptions& opt,
                                  const std::function<bool(double)>& progress = {});

}  // namespace shopkeeper
