// Several shops in one store (issue #16; docs/shops.md). A store holds its own shop (id 0,
// unnamed: every row written before schema 25, and every import without --shop) and the shops
// the seller names at import (a Tmall shop, a JD shop, a Shopify store): orders and traffic rows
// carry their shop. The same product sold under another code in a shop is mapped to the
// store's SKU (shop_codes): mapping rewrites that shop's lines of the code to the SKU (each
// rewritten line's code kept in shop_code_lines, so unmapping restores exactly those), and
// later imports for the shop write the SKU; product traffic is read through the map. The
// Dataset's orders and lines carry no shop: the shop of each order is read here (load_shop_data);
// traffic rows carry theirs (Dataset::traffic_shop).
//
// Mapping rules (a refusal is a code with parameters, worded by the CLI and ui/i18n; nothing is
// written when refused):
//   unknown_shop {shop}                the shop does not exist
//   unknown_sku {sku}                  the store has no product with that SKU
//   same_code {code}                   a code mapped onto itself
//   code_mapped {code, sku}            the code already maps to another SKU (unmap it first)
//   merges_two_products {code, sku, other}  another code of the same shop already maps to the
//                                      SKU: the shop lists them as two products, so mapping
//                                      both would merge two different products
//   code_is_product {code, sku}        the code is itself the store's product (the seller gave
//                                      it a cost or stock, or another shop sells it): a
//                                      different product than the SKU
// Suggestions (codes of a shop not yet mapped, best product first), scored 0..100:
//   same_code      the codes are equal ignoring case, spaces and - _ . /      (100)
//   similar_title  character-bigram Jaccard of the titles, >= 0.6            (100 x Jaccard)
// Comparison per shop over a day range: valid orders, revenue (paid amount of valid orders),
// units (merchandise), buyers (distinct customers of valid orders, each guest order one
// buyer), visitors (traffic rows of the shop), conversion = buyers / visitors (-1 = no
// traffic), average order value = revenue / orders (rounded half away from zero, 0 when none),
// refunds (amounts refunded on those valid orders, whenever refunded: the dashboard's rule),
// share = revenue / all shops' revenue (-1 when that is 0; 1 on the total row).
// The total row counts a customer who bought in two shops once.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/insights/titles.h"
#include "core/io/table.h"
#include "core/model/sku_traffic.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper::shops {

inline constexpr int64_t kOwnShop = 0;
inline constexpr int64_t kMaxShops = 255;  // ids 0..254: ShopData keeps a shop in one byte

struct Shop {
  int64_t id = 0;
  std::string name;      // "" = the store's own shop
  std::string platform;  // taobao, jd, pinduoduo, douyin, shopify ... ("" = not known)
  int64_t orders = 0, lines = 0, traffic_rows = 0, product_traffic_rows = 0, keyword_rows = 0, codes = 0;
};
// Every shop in id order, with its row counts.
Result<std::vector<Shop>> list_shops(Db& db);

// The shop of each Dataset order and the visitors per day and shop, read from the store for a
// Dataset loaded from it (orders matched by id).
struct ShopData {
  std::vector<uint8_t> order_shop;  // per Dataset order; empty = every order is shop 0
  struct Visits {
    Day day = 0;
    int64_t shop_id = 0;
    int64_t visitors = 0;
  };
  std::vector<Visits> traffic;  // by day, then shop
  bool several() const;         // more than one shop holds rows
};
Result<ShopData> load_shop_data(Db& db, const Dataset& ds);

// The platform of an import format: the preset's channel, "taobao" for the 生意参谋 reports.
std::string platform_of_format(std::string_view format);

// The id a shop named `name` has, or would get when created (`exists` false): "" is shop 0.
// Refused beyond kMaxShops shops.
struct ShopSlot {
  int64_t id = 0;
  bool exists = false;
};
Result<ShopSlot> resolve_shop(Db& db, std::string_view name);
// Creates the shop (after its first import commits), or fills in its platform when unknown.
Status save_shop(Store& store, const ShopSlot& slot, std::string_view name, std::string_view platform);

// Code map.
struct CodeLink {
  int64_t shop_id = 0;
  std::string code, sku;
};
Result<std::vector<CodeLink>> load_codes(Db& db);

struct MapRefusal {
  std::string code;  // "" = accepted; see the header comment
  std::vector<std::string> params;
};
std::string map_refusal_en(const MapRefusal& r);
// Maps `code` of shop `shop_id` to the store's `sku` in one transaction: the shop's lines of the
// code become the SKU's, and the product row the shop's import made for the code (no cost, no
// stock) is removed. Refusals come back in `refusal` with an invalid_argument error whose
// message is map_refusal_en; nothing is written then.
Status map_code(Store& store, int64_t shop_id, const std::string& code, const std::string& sku, MapRefusal* refusal);
// Removes a mapping: the lines it rewrote get their code back (and the code a product row
// again); false when there was none.
Result<bool> unmap_code(Store& store, int64_t shop_id, const std::string& code);
// The two halves, for a caller that writes through its own transaction (the Workspace): the
// checks (refusals as above; `nothing_to_do` when the code maps to the SKU already), then the
// writes inside a Writer's transaction.
Status check_map(Db& db, int64_t shop_id, const std::string& code, const std::string& sku, MapRefusal* refusal,
                 bool* nothing_to_do);
Status write_map(Writer& w, int64_t shop_id, const std::string& code, const std::string& sku);
Status write_unmap(Writer& w, int64_t shop_id, const std::string& code, bool* was_mapped);
// The seller rejected the suggestion "code of shop_id is sku" (schema 28, shop_code_rejects):
// suggest_codes never suggests that pair again (the next best product may be suggested).
Status write_reject(Writer& w, int64_t shop_id, const std::string& code, const std::string& sku);

struct Suggestion {
  int64_t shop_id = 0;
  std::string code, code_title;  // the shop's code and the title its lines give
  std::string sku, sku_title;    // the store's product suggested
  std::string why;               // same_code | similar_title
  int score = 0;                 // 0..100
};
// For every unmapped code sold (or reported) in a shop S other than shop 0 that is not the
// store's own product (one with a cost or stock the seller entered, or sold in a shop before
// S), the best such product of the store it may be, when one scores at least 60 (a pair the
// seller rejected is never suggested again); by shop, then code.
Result<std::vector<Suggestion>> suggest_codes(Db& db);
// Character-bigram Jaccard similarity of two UTF-8 titles (spaces ignored), 0..1.
double title_similarity(std::string_view a, std::string_view b);

struct ShopFigures {
  int64_t shop_id = -1;  // -1 = all shops together
  int64_t orders = 0, units = 0, buyers = 0, visitors = 0;
  Money revenue = 0, aov = 0;
  double conversion = -1;  // buyers / visitors; -1 without traffic
  Money refunds = 0;       // refunded on the valid orders counted
  double share = -1;       // revenue / all shops' revenue; -1 when that is 0
};
// One row per shop with rows in the range (shop order), then the total (shop_id -1).
std::vector<ShopFigures> compare_shops(const Dataset& ds, const ShopData& shops, DayRange range);

// The consolidated daily report: for each day of the range, one row per shop with orders or
// traffic that day and an all-shops row (shop_id -1), in day order.
struct DailyShopRow {
  Day day = 0;
  ShopFigures figures;
};
std::vector<DailyShopRow> daily_report(const Dataset& ds, const ShopData& shops, DayRange range);

// Per-product traffic of the store (product_traffic over its days and shops, codes mapped):
// visitors, paying buyers and conversion = buyers / visitors (-1 without visitors), by SKU;
// add_to_cart = the report's add-to-cart buyers (加购人数) summed.
struct ProductTraffic {
  std::string sku;
  int64_t visitors = 0, buyers = 0;
  double conversion = -1;
  int64_t add_to_cart = 0;
};
Result<std::vector<ProductTraffic>> product_traffic(Db& db);
// The same per Dataset product (core/model/sku_traffic.h): SKUs the Dataset does not hold are
// left out, products without report rows are not `reported`.
SkuTrafficTable sku_traffic(const Dataset& ds, const std::vector<ProductTraffic>& rows);
Result<SkuTrafficTable> sku_traffic(Db& db, const Dataset& ds);

// The imported 引流关键词 reports (keyword_traffic over its days and shops) as Insights' keyword
// list (core/insights/titles.h), by keyword: visitors summed; conversion = paying buyers /
// visitors when the report gave buyers, else the reported conversions weighted by visitors.
Result<std::vector<insights::Keyword>> imported_keywords(Db& db);

// As tables (the CLI's output, the UI's one-click export): shop_id (empty on the all-shops row),
// shop (its name; "all" on the all-shops row), platform, orders, revenue, units, buyers,
// visitors, conversion (4 decimals, empty without traffic), aov, refunds, share (4 decimals,
// empty without revenue); the daily one starts with day.
Table compare_table(const std::vector<ShopFigures>& rows, const std::vector<Shop>& shops);
Table daily_table(const std::vector<DailyShopRow>& rows, const std::vector<Shop>& shops);

}  // namespace shopkeeper::shops
