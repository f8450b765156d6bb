// Import presets and column mapping. A preset knows one real export layout (UCI Online Retail,
// Shopify orders, WooCommerce orders, Taobao/Tmall seller-center orders, Douyin (抖店),
// Pinduoduo and JD order exports, and the 生意参谋 shop, product, traffic-source and keyword
// reports; docs/shops.md gives the source of each column list) by its header names;
// `generic` maps any CSV's columns onto the fields of a target table, with suggestions from
// English and Chinese header names. Pure data and lookups: no I/O, no store.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/model/entities.h"

namespace shopkeeper {

// What a file's rows become.
enum class Target { orders, order_lines, refunds, products, customers, traffic, ad_spend, competitor_prices,
                    product_traffic, keyword_traffic };
const char* target_name(Target t);
std::optional<Target> target_from_name(std::string_view name);

enum class FieldKind { text, id, money, count, real, day, time, status };

struct FieldInfo {
  std::string_view name;         // field name used in mappings (order_id, sku, ...)
  std::string_view description;  // for the mapping UI
  FieldKind kind = FieldKind::text;
  bool required = false;
  std::string_view column;       // the store column it fills ("" = used by the importer's logic)
  std::string_view synonyms;     // normalized header names, '|' separated (English and Chinese)
};
// The fields of a target in a fixed order (the mapping UI lists them this way).
const std::vector<FieldInfo>& target_fields(Target t);
// The orders target's fields, in the order of target_fields(Target::orders).
enum OrderField : int {
  of_order_id, of_customer_id, of_customer_name, of_email, of_region, of_placed_at, of_paid_at,
  of_cancelled_at, of_status, of_fulfillment_status, of_channel, of_traffic_source, of_items_amount,
  of_discount_amount, of_shipping_amount, of_paid_amount, of_coupon_code, of_campaign_id,
  of_refunded_amount, of_sku, of_title, of_qty, of_unit_price, of_line_total, of_line_discount,
  of_unit_cost, of_line_items_packed, of_count
};
// Index of a field in target_fields(t), or -1.
int field_index(Target t, std::string_view name);

// field name -> header name, as chosen in the UI or given with --map.
using Mapping = std::vector<std::pair<std::string, std::string>>;
// "order_id=订单号,sku=SKU": commas separate pairs; the first '=' separates field and header.
Result<Mapping> parse_mapping_spec(std::string_view spec, Target t);
// The best header for each field whose synonyms match a header (each header used once).
Mapping suggest_mapping(Target t, const std::vector<std::string>& headers);

enum class PresetId {
  generic, online_retail, shopify, woocommerce, taobao,
  douyin, pinduoduo, jd,                              // order exports
  sycm_shop, sycm_product, sycm_source, sycm_keyword  // 生意参谋 reports
};
struct PresetInfo {
  PresetId id;
  std::string_view name;         // "online-retail", "shopify-orders", ...
  std::string_view description;
  std::string_view channel;      // Order::channel given to the orders it imports
  Target target = Target::orders;  // what its rows become
};
const std::vector<PresetInfo>& presets();
std::optional<PresetId> preset_from_name(std::string_view name);
const PresetInfo& preset_info(PresetId id);

// The preset whose signature headers are all present, or generic.
PresetId detect_preset(const std::vector<std::string>& headers);
// A header that reads like a platform's traffic report (访客数, 浏览量, visitors, UV ...) that no
// preset knows: the importer refuses it (FileWhy::unknown_report) instead of guessing orders.
bool looks_like_report(const std::vector<std::string>& headers);
// A preset's own header names for the orders fields (exact export names, normalized).
Mapping preset_mapping(PresetId id, const std::vector<std::string>& headers);

// Header normalization used for matching: ASCII lowercased, spaces and punctuation removed.
std::string normalize_header(std::string_view h);

// Order status words of the exports (English, Chinese, platform codes) -> status.
std::optional<OrderStatus> map_status_word(std::string_view word);

}  // namespace shopkeeper
