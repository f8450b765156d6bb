#include "core/insights/recommend.h"

#include <algorithm>
#include <unordered_map>

#include "core/model/entities.h"

namespace shopkeeper::insights {

namespace {

// Distinct known products of valid order o, ascending.
void order_products(const Dataset& ds, size_t o, std::vector<int32_t>& out) {
  out.clear();
  for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l)
    if (ds.line_product[l] >= 0) out.push_back(ds.line_product[l]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

CoPurchases co_purchases(const Dataset& ds, const CoQuery& q) {
  CoPurchases co;
  const size_t np = ds.sku.size();
  co.baskets_of.assign(np, 0);
  co.by_product.assign(np, {});
  std::unordered_map<uint64_t, int64_t> pairs;
  std::vector<int32_t> items;
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    order_products(ds, o, items);
    if (items.empty()) continue;
    ++co.baskets;
    for (int32_t p : items) ++co.baskets_of[static_cast<size_t>(p)];
    if (items.size() > 50) {
      ++co.skipped_baskets;
      continue;
    }
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t j = i + 1; j < items.size(); ++j)
        ++pairs[(static_cast<uint64_t>(items[i]) << 32) | static_cast<uint32_t>(items[j])];
  }
  const double n = static_cast<double>(co.baskets);
  for (const auto& [key, t] : pairs) {
    if (t < q.min_together) continue;
    const int32_t a = static_cast<int32_t>(key >> 32), b = static_cast<int32_t>(key & 0xFFFFFFFFu);
    const double ca = static_cast<double>(co.baskets_of[static_cast<size_t>(a)]), cb = static_cast<double>(co.baskets_of[static_cast<size_t>(b)]);
    const double lift = static_cast<double>(t) * n / (ca * cb);
    co.by_product[static_cast<size_t>(a)].push_back({a, b, t, static_cast<double>(t) / ca, lift});
    co.by_product[static_cast<size_t>(b)].push_back({b, a, t, static_cast<double>(t) / cb, lift});
  }
  for (auto& v : co.by_product)
    std::sort(v.begin(), v.end(), [&](const Pair& x, const Pair& y) {
      if (x.together != y.together) return x.together > y.together;
      if (x.lift != y.lift) return x.lift > y.lift;
      return ds.sku[static_cast<size_t>(x.b)] < ds.sku[static_cast<size_t>(y.b)];
    });
  return co;
}

std::vector<Bundle> bundle_suggestions(const Dataset& ds, const CoPurchases& co, const CoQuery& q) {
  std::vector<Bundle> out;
  for (const auto& v : co.by_product)
    for (const Pair& p : v) {
      if (p.a > p.b || p.lift < q.min_lift) continue;  // each pair once
      Bundle b;
      b.a = p.a;
      b.b = p.b;
      b.together = p.together;
      b.lift = p.lift;
      b.list_total = ds.product_price[static_cast<size_t>(p.a)] + ds.product_price[static_cast<size_t>(p.b)];
      // price = list_total x (10000 - bp) / 10000, half up.
      b.price = (b.list_total * (10000 - q.discount_bp) + 5000) / 10000;
      const Money ca = ds.product_cost[static_cast<size_t>(p.a)], cb = ds.product_cost[static_cast<size_t>(p.b)];
      if (ca >= 0 && cb >= 0) {
        b.cost = ca + cb;
        b.margin = b.price - b.cost;
      }
      out.push_back(b);
    }
  std::sort(out.begin(), out.end(), [&](const Bundle& x, const Bundle& y) {
    if (x.lift != y.lift) return x.lift > y.lift;
    if (x.together != y.together) return x.together > y.together;
    return std::pair(ds.sku[static_cast<size_t>(x.a)], ds.sku[static_cast<size_t>(x.b)]) <
           std::pair(ds.sku[static_cast<size_t>(y.a)], ds.sku[static_cast<size_t>(y.b)]);
  });
  return out;
}

std::vector<Recommendation> recommendations(const Dataset& ds, const CoPurchases& co, const CoQuery& q) {
  const size_t nc = ds.customer_id.size();
  std::vector<std::vector<int32_t>> bought(nc);
  std::vector<int32_t> items;
  for (size_t o = 0; o < ds.orders(); ++o) {
    const int32_t c = ds.order_customer[o];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    order_products(ds, o, items);
    auto& b = bought[static_cast<size_t>(c)];
    b.insert(b.end(), items.begin(), items.end());
  }
  std::vector<Recommendation> out;
  std::vector<Recommendation> cand;
  std::vector<int32_t> slot(ds.sku.size(), -1);  // product -> index in cand for this customer
  for (size_t c = 0; c < nc; ++c) {
    auto& b = bought[c];
    if (b.empty()) continue;
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    cand.clear();
    for (int32_t i : b)
      for (const Pair& p : co.by_product[static_cast<size_t>(i)]) {
        if (std::binary_search(b.begin(), b.end(), p.b)) continue;
        const Recommendation r{static_cast<int32_t>(c), p.b, p.confidence, p.lift, i};
        int32_t& k = slot[static_cast<size_t>(p.b)];
        if (k < 0) {
          k = static_cast<int32_t>(cand.size());
          cand.push_back(r);
        } else if (r.score > cand[static_cast<size_t>(k)].score ||
                   (r.score == cand[static_cast<size_t>(k)].score && r.lift > cand[static_cast<size_t>(k)].lift)) {
          cand[static_cast<size_t>(k)] = r;
        }
      }
    for (const Recommendation& r : cand) slot[static_cast<size_t>(r.product)] = -1;
    std::sort(cand.begin(), cand.end(), [&](const Recommendation& x, const Recommendation& y) {
      if (x.score != y.score) return x.score > y.score;
      if (x.lift != y.lift) return x.lift > y.lift;
      return ds.sku[static_cast<size_t>(x.product)] < ds.sku[static_cast<size_t>(y.product)];
    });
    for (size_t k = 0; k < cand.size() && static_cast<int>(k) < q.top; ++k) out.push_back(cand[k]);
  }
  return out;
}

}  // namespace shopkeeper::insights
