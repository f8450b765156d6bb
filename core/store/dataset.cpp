#include "core/store/dataset.h"

#include <algorithm>
#include <climits>
#include <numeric>
#include <unordered_map>

#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper {

namespace {

struct DictBuilder {
  Dict* d;
  std::unordered_map<std::string, int32_t> idx;
  explicit DictBuilder(Dict* dict) : d(dict) {
    for (int32_t i = 0; i < d->size(); ++i) idx.emplace(d->names[static_cast<size_t>(i)], i);
  }
  int32_t get(std::string_view s) {
    if (s.empty()) return -1;
    auto it = idx.find(std::string(s));
    if (it != idx.end()) return it->second;
    int32_t i = d->size();
    d->names.emplace_back(s);
    idx.emplace(std::string(s), i);
    return i;
  }
};

template <class T>
void permute(std::vector<T>& v, const std::vector<uint32_t>& perm) {
  std::vector<T> out;
  out.reserve(v.size());
  for (uint32_t p : perm) out.push_back(std::move(v[p]));
  v = std::move(out);
}

}  // namespace

DayRange Dataset::order_days() const {
  if (order_day.empty()) return DayRange{0, -1};
  return DayRange{order_day.front(), order_day.back()};
}

std::pair<size_t, size_t> Dataset::orders_in(DayRange r) const {
  auto lo = std::lower_bound(order_day.begin(), order_day.end(), r.first);
  auto hi = std::upper_bound(lo, order_day.end(), r.last);
  return {static_cast<size_t>(lo - order_day.begin()), static_cast<size_t>(hi - order_day.begin())};
}

size_t Dataset::memory_bytes() const {
  size_t b = 0;
  auto add = [&b](const auto& v) { b += v.capacity() * sizeof(v[0]); };
  auto add_s = [&b](const std::vector<std::string>& v) {
    b += v.capacity() * sizeof(std::string);
    for (auto& s : v)
      if (s.capacity() > 15) b += s.capacity() + 1;
  };
  add_s(sku); add_s(product_title); add(product_category); add(product_cost); add(product_price); add(product_stock);
  add_s(customer_id); add(customer_region); add(customer_tier); add(customer_first_order_day);
  add_s(order_id); add(order_placed_at); add(order_day); add(order_status); add(order_channel); add(order_source);
  add(order_customer); add(order_items); add(order_discount); add(order_shipping); add(order_paid);
  add(order_line_begin); add(line_product); add(line_qty); add(line_price); add(line_discount); add(line_cost);
  add(refund_order); add(refund_product); add(refund_line); add(refund_qty); add(refund_amount); add(refund_day);
  add(traffic_day); add(traffic_source); add(traffic_visitors); add(traffic_page_views); add(traffic_sessions);
  add(traffic_product_views); add(traffic_add_to_carts); add(traffic_avg_seconds);
  add(ad_day); add(ad_source); add(ad_spend); add(ad_impressions); add(ad_clicks);
  return b;
}

Result<Dataset> load_dataset(Store& store, int64_t revision) {
  Dataset ds;
  ds.revision = revision;
  Db& db = store.db();
  DictBuilder channels(&ds.channels), sources(&ds.sources), categories(&ds.categories), regions(&ds.regions),
      tiers(&ds.tiers);

  auto fail = [](const Stmt& s) { return make_error(ErrorCode::db_error, s.error()); };

  std::unordered_map<std::string, int32_t> product_index;
  {
    auto st = db.prepare("SELECT sku,title,category,unit_cost,list_price,stock FROM products ORDER BY sku");
    if (!st) return st.error();
    while (st->step()) {
      product_index.emplace(st->text(0), static_cast<int32_t>(ds.sku.size()));
      ds.sku.push_back(st->text(0));
      ds.product_title.push_back(st->text(1));
      ds.product_category.push_back(categories.get(st->text_view(2)));
      ds.product_cost.push_back(st->is_null(3) ? -1 : st->i64(3));
      ds.product_price.push_back(st->i64(4));
      ds.product_stock.push_back(st->i64(5));
    }
    if (st->failed()) return fail(*st);
  }

  std::unordered_map<std::string, int32_t> customer_index;
  {
    auto st = db.prepare("SELECT id,region,tier FROM customers ORDER BY id");
    if (!st) return st.error();
    while (st->step()) {
      customer_index.emplace(st->text(0), static_cast<int32_t>(ds.customer_id.size()));
      ds.customer_id.push_back(st->text(0));
      ds.customer_region.push_back(regions.get(st->text_view(1)));
      ds.customer_tier.push_back(tiers.get(st->text_view(2)));
    }
    if (st->failed()) return fail(*st);
  }

  std::unordered_map<std::string, int32_t> order_index;
  {
    auto n = db.scalar("SELECT COUNT(*) FROM orders");
    if (!n) return n.error();
    size_t cap = static_cast<size_t>(*n);
    ds.order_id.reserve(cap);
    order_index.reserve(cap);
    auto st = db.prepare(
        "SELECT id,customer_id,placed_at,status,channel,traffic_source,items_amount,discount_amount,"
        "shipping_amount,paid_amount FROM orders ORDER BY placed_at,id");
    if (!st) return st.error();
    while (st->step()) {
      int32_t oi = static_cast<int32_t>(ds.order_id.size());
      order_index.emplace(st->text(0), oi);
      ds.order_id.push_back(st->text(0));
      int32_t ci = -1;
      if (!st->is_null(1)) {
        std::string cid = st->text(1);
        auto it = customer_index.find(cid);
        if (it == customer_index.end()) {
          // An order's customer missing from the customers table still counts as a customer.
          ci = static_cast<int32_t>(ds.customer_id.size());
          customer_index.emplace(cid, ci);
          ds.customer_id.push_back(cid);
          ds.customer_region.push_back(-1);
          ds.customer_tier.push_back(-1);
        } else {
          ci = it->second;
        }
      }
      Timestamp t = st->i64(2);
      ds.order_placed_at.push_back(t);
      ds.order_day.push_back(day_of(t));
      ds.order_status.push_back(static_cast<uint8_t>(st->i64(3)));
      ds.order_channel.push_back(static_cast<int16_t>(channels.get(st->text_view(4))));
      ds.order_source.push_back(static_cast<int16_t>(sources.get(st->text_view(5))));
      ds.order_customer.push_back(ci);
      ds.order_items.push_back(st->i64(6));
      ds.order_discount.push_back(st->i64(7));
      ds.order_shipping.push_back(st->i64(8));
      ds.order_paid.push_back(st->i64(9));
    }
    if (st->failed()) return fail(*st);
  }

  {
    // Read lines in storage order, then group by order with a counting sort.
    std::vector<int32_t> l_order, l_product, l_qty;
    std::vector<Money> l_price, l_disc, l_cost;
    auto n = db.scalar("SELECT COUNT(*) FROM order_lines");
    if (!n) return n.error();
    size_t cap = static_cast<size_t>(*n);
    for (auto* v : {&l_order, &l_product, &l_qty}) v->reserve(cap);
    for (auto* v : {&l_price, &l_disc, &l_cost}) v->reserve(cap);
    auto st = db.prepare(
        "SELECT order_id,sku,qty,unit_price,discount_amount,unit_cost FROM order_lines ORDER BY order_id,line_no");
    if (!st) return st.error();
    std::string last_id;
    int32_t last_oi = -1;
    while (st->step()) {
      std::string_view oid = st->text_view(0);
      if (oid != last_id) {
        last_id = oid;
        auto it = order_index.find(last_id);
        last_oi = it == order_index.end() ? -1 : it->second;
      }
      if (last_oi < 0) continue;  // line of an unknown order: reported by data quality, not analysed
      auto pit = product_index.find(std::string(st->text_view(1)));
      int32_t pi = pit == product_index.end() ? -1 : pit->second;
      l_order.push_back(last_oi);
      l_product.push_back(pi);
      l_qty.push_back(static_cast<int32_t>(st->i64(2)));
      l_price.push_back(st->i64(3));
      l_disc.push_back(st->i64(4));
      Money cost = st->is_null(5) ? (pi >= 0 ? ds.product_cost[static_cast<size_t>(pi)] : -1) : st->i64(5);
      l_cost.push_back(cost);
    }
    if (st->failed()) return fail(*st);
    size_t no = ds.order_id.size();
    ds.order_line_begin.assign(no + 1, 0);
    for (int32_t o : l_order) ++ds.order_line_begin[static_cast<size_t>(o) + 1];
    for (size_t i = 0; i < no; ++i) ds.order_line_begin[i + 1] += ds.order_line_begin[i];
    std::vector<uint32_t> pos(ds.order_line_begin.begin(), ds.order_line_begin.end() - 1);
    std::vector<uint32_t> perm(l_order.size());
    for (size_t i = 0; i < l_order.size(); ++i) perm[pos[static_cast<size_t>(l_order[i])]++] = static_cast<uint32_t>(i);
    permute(l_product, perm);
    permute(l_qty, perm);
    permute(l_price, perm);
    permute(l_disc, perm);
    permute(l_cost, perm);
    ds.line_product = std::move(l_product);
    ds.line_qty = std::move(l_qty);
    ds.line_price = std::move(l_price);
    ds.line_discount = std::move(l_disc);
    ds.line_cost = std::move(l_cost);
  }

  ds.customer_first_order_day.assign(ds.customer_id.size(), INT32_MAX);
  for (size_t i = 0; i < ds.orders(); ++i) {
    int32_t c = ds.order_customer[i];
    if (c >= 0 && is_valid_order(static_cast<OrderStatus>(ds.order_status[i])) &&
        ds.customer_first_order_day[static_cast<size_t>(c)] == INT32_MAX)
      ds.customer_first_order_day[static_cast<size_t>(c)] = ds.order_day[i];
  }

  {
    // Column 5: position of the refunded line within its order (lines of an order are kept in
    // line_no order), found by SQL on the order_lines primary key; NULL when no line matches.
    auto st = db.prepare(
        "SELECT r.order_id,r.sku,r.qty,r.amount,r.refunded_at,"
        " CASE WHEN m.line_no IS NULL THEN NULL ELSE"
        " (SELECT COUNT(*) FROM order_lines l2 WHERE l2.order_id=r.order_id AND l2.line_no<m.line_no) END"
        " FROM refunds r LEFT JOIN (SELECT l.order_id AS oid,l.sku AS sku,MIN(l.line_no) AS line_no"
        "  FROM order_lines l JOIN refunds r2 ON r2.order_id=l.order_id AND r2.sku=l.sku AND r2.sku<>''"
        "  GROUP BY l.order_id,l.sku) m ON m.oid=r.order_id AND m.sku=r.sku"
        " ORDER BY r.refunded_at,r.id");
    if (!st) return st.error();
    while (st->step()) {
      auto it = order_index.find(st->text(0));
      int32_t oi = it == order_index.end() ? -1 : it->second;
      ds.refund_order.push_back(oi);
      auto pit = product_index.find(st->text(1));
      ds.refund_product.push_back(pit == product_index.end() ? -1 : pit->second);
      ds.refund_qty.push_back(static_cast<int32_t>(st->i64(2)));
      ds.refund_amount.push_back(st->i64(3));
      ds.refund_day.push_back(day_of(st->i64(4)));
      int32_t li = -1;
      if (oi >= 0 && !st->is_null(5)) {
        size_t o = static_cast<size_t>(oi);
        int64_t rank = st->i64(5);
        if (rank < ds.order_line_begin[o + 1] - ds.order_line_begin[o])
          li = static_cast<int32_t>(ds.order_line_begin[o] + static_cast<uint32_t>(rank));
      }
      ds.refund_line.push_back(li);
    }
    if (st->failed()) return fail(*st);
  }

  {
    auto st = db.prepare(
        "SELECT day,source,visitors,page_views,sessions,product_views,add_to_carts,avg_seconds FROM traffic_daily "
        "ORDER BY day,source");
    if (!st) return st.error();
    while (st->step()) {
      ds.traffic_day.push_back(static_cast<Day>(st->i64(0)));
      ds.traffic_source.push_back(static_cast<int16_t>(sources.get(st->text_view(1))));
      ds.traffic_visitors.push_back(st->i64(2));
      ds.traffic_page_views.push_back(st->i64(3));
      ds.traffic_sessions.push_back(st->i64(4));
      ds.traffic_product_views.push_back(st->i64(5));
      ds.traffic_add_to_carts.push_back(st->i64(6));
      ds.traffic_avg_seconds.push_back(st->f64(7));
    }
    if (st->failed()) return fail(*st);
  }

  {
    auto st = db.prepare("SELECT day,channel,spend,impressions,clicks FROM ad_spend ORDER BY day,channel");
    if (!st) return st.error();
    while (st->step()) {
      ds.ad_day.push_back(static_cast<Day>(st->i64(0)));
      ds.ad_source.push_back(static_cast<int16_t>(sources.get(st->text_view(1))));
      ds.ad_spend.push_back(st->i64(2));
      ds.ad_impressions.push_back(st->i64(3));
      ds.ad_clicks.push_back(st->i64(4));
    }
    if (st->failed()) return fail(*st);
  }
  return ds;
}

}  // namespace shopkeeper
