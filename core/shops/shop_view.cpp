#include "core/shops/shop_view.h"

#include <algorithm>

#include "core/model/entities.h"

namespace shopkeeper::shops {

Dataset shop_view(const Dataset& ds, const ShopData& sd, int64_t shop) {
  Dataset v;
  v.revision = ds.revision;
  v.channels = ds.channels;
  v.sources = ds.sources;
  v.categories = ds.categories;
  v.regions = ds.regions;
  v.tiers = ds.tiers;
  v.sku = ds.sku;
  v.product_title = ds.product_title;
  v.product_category = ds.product_category;
  v.product_cost = ds.product_cost;
  v.product_price = ds.product_price;
  v.product_stock = ds.product_stock;
  v.customer_id = ds.customer_id;
  v.customer_region = ds.customer_region;
  v.customer_tier = ds.customer_tier;

  auto shop_of = [&](size_t i) -> int64_t { return sd.order_shop.empty() ? 0 : sd.order_shop[i]; };
  std::vector<int32_t> order_at(ds.orders(), -1);  // old order -> new
  std::vector<int32_t> line_at(ds.lines(), -1);    // old line -> new
  v.order_line_begin.push_back(0);
  for (size_t i = 0; i < ds.orders(); ++i) {
    if (shop_of(i) != shop) continue;
    order_at[i] = static_cast<int32_t>(v.order_id.size());
    v.order_id.push_back(ds.order_id[i]);
    v.order_placed_at.push_back(ds.order_placed_at[i]);
    v.order_day.push_back(ds.order_day[i]);
    v.order_status.push_back(ds.order_status[i]);
    v.order_channel.push_back(ds.order_channel[i]);
    v.order_source.push_back(ds.order_source[i]);
    v.order_customer.push_back(ds.order_customer[i]);
    v.order_region.push_back(ds.order_region[i]);
    v.order_items.push_back(ds.order_items[i]);
    v.order_discount.push_back(ds.order_discount[i]);
    v.order_shipping.push_back(ds.order_shipping[i]);
    v.order_paid.push_back(ds.order_paid[i]);
    v.order_units.push_back(ds.order_units[i]);
    v.order_merch_lines.push_back(ds.order_merch_lines[i]);
    v.order_shipping_lines.push_back(ds.order_shipping_lines[i]);
    v.order_fee_lines.push_back(ds.order_fee_lines[i]);
    v.order_adjustment_lines.push_back(ds.order_adjustment_lines[i]);
    v.order_cost.push_back(ds.order_cost[i]);
    v.order_lines_without_cost.push_back(ds.order_lines_without_cost[i]);
    v.order_units_without_cost.push_back(ds.order_units_without_cost[i]);
    v.order_covered_paid.push_back(ds.order_covered_paid[i]);
    for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l) {
      line_at[l] = static_cast<int32_t>(v.line_product.size());
      v.line_product.push_back(ds.line_product[l]);
      v.line_qty.push_back(ds.line_qty[l]);
      v.line_price.push_back(ds.line_price[l]);
      v.line_discount.push_back(ds.line_discount[l]);
      v.line_cost.push_back(ds.line_cost[l]);
      v.line_kind.push_back(ds.line_kind[l]);
    }
    v.order_line_begin.push_back(static_cast<uint32_t>(v.line_product.size()));
  }

  // Each customer's sequence of valid orders within the shop (as the loader builds it).
  v.link_customer_orders();

  for (size_t k = 0; k < ds.refund_order.size(); ++k) {
    const int32_t o = ds.refund_order[k];
    if (o >= 0 ? order_at[static_cast<size_t>(o)] < 0 : shop != kOwnShop) continue;
    v.refund_order.push_back(o >= 0 ? order_at[static_cast<size_t>(o)] : -1);
    v.refund_product.push_back(ds.refund_product[k]);
    v.refund_line.push_back(ds.refund_line[k] >= 0 ? line_at[static_cast<size_t>(ds.refund_line[k])] : -1);
    v.refund_qty.push_back(ds.refund_qty[k]);
    v.refund_amount.push_back(ds.refund_amount[k]);
    v.refund_day.push_back(ds.refund_day[k]);
    v.refund_unit_cost.push_back(ds.refund_unit_cost[k]);
    v.refund_covered_amount.push_back(ds.refund_covered_amount[k]);
  }
  for (size_t k = 0; k < v.refund_order.size(); ++k)
    if (v.refund_order[k] >= 0) v.refund_by_order.push_back(static_cast<int32_t>(k));
  std::stable_sort(v.refund_by_order.begin(), v.refund_by_order.end(),
                   [&](int32_t a, int32_t b) { return v.refund_order[static_cast<size_t>(a)] < v.refund_order[static_cast<size_t>(b)]; });

  for (size_t k = 0; k < ds.traffic_day.size(); ++k) {
    if ((k < ds.traffic_shop.size() ? ds.traffic_shop[k] : 0) != shop) continue;
    v.traffic_day.push_back(ds.traffic_day[k]);
    v.traffic_source.push_back(ds.traffic_source[k]);
    v.traffic_visitors.push_back(ds.traffic_visitors[k]);
    v.traffic_page_views.push_back(ds.traffic_page_views[k]);
    v.traffic_sessions.push_back(ds.traffic_sessions[k]);
    v.traffic_product_views.push_back(ds.traffic_product_views[k]);
    v.traffic_add_to_carts.push_back(ds.traffic_add_to_carts[k]);
    v.traffic_avg_seconds.push_back(ds.traffic_avg_seconds[k]);
    v.traffic_shop.push_back(static_cast<uint8_t>(shop));
    v.traffic_part.push_back(k < ds.traffic_part.size() ? ds.traffic_part[k] : 0);
  }
  if (shop == kOwnShop) {
    v.ad_day = ds.ad_day;
    v.ad_source = ds.ad_source;
    v.ad_spend = ds.ad_spend;
    v.ad_impressions = ds.ad_impressions;
    v.ad_clicks = ds.ad_clicks;
  }
  return v;
}

}  // namespace shopkeeper::shops
