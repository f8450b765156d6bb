#include "core/insights/recommend.h"

#include <algorithm>
#include <string_view>
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

CoPurchaseJob::CoPurchaseJob(const Dataset& ds, const CoQuery& q) : ds_(&ds), q_(q) {
  const size_t np = ds.sku.size();
  co_.baskets_of.assign(np, 0);
  co_.by_product.assign(np, {});
}

double CoPurchaseJob::progress() const {
  return finished_ || ds_->orders() == 0 ? 1.0 : 0.95 * static_cast<double>(next_) / static_cast<double>(ds_->orders());
}

void CoPurchaseJob::step(size_t orders) {
  const Dataset& ds = *ds_;
  const size_t end = std::min(ds.orders(), next_ + orders);
  for (size_t o = next_; o < end; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    order_products(ds, o, items_);
    if (items_.empty()) continue;
    ++co_.baskets;
    for (int32_t p : items_) ++co_.baskets_of[static_cast<size_t>(p)];
    if (items_.size() > 50) {
      ++co_.skipped_baskets;
      continue;
    }
    for (size_t i = 0; i < items_.size(); ++i)
      for (size_t j = i + 1; j < items_.size(); ++j)
        ++pairs_[(static_cast<uint64_t>(items_[i]) << 32) | static_cast<uint32_t>(items_[j])];
  }
  next_ = end;
  if (next_ < ds.orders() || finished_) return;
  const double n = static_cast<double>(co_.baskets);
  for (const auto& [key, t] : pairs_) {
    if (t < q_.min_together) continue;
    const int32_t a = static_cast<int32_t>(key >> 32), b = static_cast<int32_t>(key & 0xFFFFFFFFu);
    const double ca = static_cast<double>(co_.baskets_of[static_cast<size_t>(a)]), cb = static_cast<double>(co_.baskets_of[static_cast<size_t>(b)]);
    const double lift = static_cast<double>(t) * n / (ca * cb);
    co_.by_product[static_cast<size_t>(a)].push_back({a, b, t, static_cast<double>(t) / ca, lift});
    co_.by_product[static_cast<size_t>(b)].push_back({b, a, t, static_cast<double>(t) / cb, lift});
  }
  pairs_ = {};
  for (auto& v : co_.by_product)
    std::sort(v.begin(), v.end(), [&](const Pair& x, const Pair& y) {
      if (x.together != y.together) return x.together > y.together;
      if (x.lift != y.lift) return x.lift > y.lift;
      return ds.sku[static_cast<size_t>(x.b)] < ds.sku[static_cast<size_t>(y.b)];
    });
  finished_ = true;
}

CoPurchases co_purchases(const Dataset& ds, const CoQuery& q) {
  CoPurchaseJob job(ds, q);
  while (!job.done()) job.step(1u << 20);
  return job.take();
}

Money bundle_price(Money list_total, int64_t discount_bp) {
  return (list_total * (10000 - discount_bp) + 5000) / 10000;
}

namespace {

uint64_t pair_key(int32_t a, int32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | static_cast<uint32_t>(b);
}

void price_bundle(const Dataset& ds, const CoQuery& q, Bundle& b) {
  b.list_total = 0;
  Money cost = 0;
  bool known = true;
  for (int32_t p : b.items) {
    b.list_total += ds.product_price[static_cast<size_t>(p)];
    const Money c = ds.product_cost[static_cast<size_t>(p)];
    if (c < 0) known = false;
    else cost += c;
  }
  b.price = bundle_price(b.list_total, q.discount_bp);
  b.cost = known ? cost : -1;
  b.margin = known ? b.price - cost : 0;
}

}  // namespace

BundleJob::BundleJob(const Dataset& ds, const CoPurchases& co, const CoQuery& q) : ds_(&ds), co_(&co), q_(q) {
  const double n = static_cast<double>(co.baskets);
  for (const auto& v : co.by_product)
    for (const Pair& p : v) {
      if (p.a > p.b) continue;  // each pair once
      together_[pair_key(p.a, p.b)] = p.together;
      if (p.lift < q.min_lift) continue;
      Bundle b;
      b.items = {p.a, p.b};
      b.together = p.together;
      b.support = static_cast<double>(p.together) / n;
      b.lift = p.lift;
      out_.push_back(b);
    }
  // Triples only when asked and some pair qualifies: else there are no orders to go through.
  if (q.max_items < 3 || together_.empty()) next_ = ds.orders();
}

double BundleJob::progress() const {
  return finished_ || ds_->orders() == 0 ? 1.0 : 0.95 * static_cast<double>(next_) / static_cast<double>(ds_->orders());
}

void BundleJob::step(size_t orders) {
  const Dataset& ds = *ds_;
  const CoPurchases& co = *co_;
  // Triples whose three pairs all meet min_together, over the baskets the pairs were counted on.
  const size_t end = std::min(ds.orders(), next_ + orders);
  for (size_t o = next_; o < end; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    order_products(ds, o, items_);
    if (items_.size() < 3 || items_.size() > 50) continue;
    keep_.clear();  // items with at least one frequent pair in this basket
    for (size_t i = 0; i < items_.size(); ++i)
      for (size_t j = 0; j < items_.size(); ++j)
        if (i != j && together_.count(pair_key(items_[i], items_[j]))) {
          keep_.push_back(items_[i]);
          break;
        }
    for (size_t i = 0; i < keep_.size(); ++i)
      for (size_t j = i + 1; j < keep_.size(); ++j) {
        if (!together_.count(pair_key(keep_[i], keep_[j]))) continue;
        for (size_t k = j + 1; k < keep_.size(); ++k)
          if (together_.count(pair_key(keep_[i], keep_[k])) && together_.count(pair_key(keep_[j], keep_[k])))
            ++triples_[(static_cast<uint64_t>(keep_[i]) << 42) | (static_cast<uint64_t>(keep_[j]) << 21) | static_cast<uint64_t>(keep_[k])];
      }
  }
  next_ = end;
  if (next_ < ds.orders() || finished_) return;
  const double n = static_cast<double>(co.baskets);
  for (const auto& [key, t] : triples_) {
    if (t < q_.min_together) continue;
    const int32_t x[3] = {static_cast<int32_t>(key >> 42), static_cast<int32_t>((key >> 21) & 0x1FFFFF),
                          static_cast<int32_t>(key & 0x1FFFFF)};
    double lift = 0;
    for (int z = 0; z < 3; ++z) {  // rule {the other two} => {x[z]}
      const int64_t lhs = together_.at(pair_key(x[(z + 1) % 3], x[(z + 2) % 3]));
      const double l = static_cast<double>(t) * n / (static_cast<double>(lhs) * static_cast<double>(co.baskets_of[static_cast<size_t>(x[z])]));
      lift = z == 0 ? l : std::min(lift, l);
    }
    if (lift < q_.min_lift) continue;
    Bundle b;
    b.items = {x[0], x[1], x[2]};
    b.together = t;
    b.support = static_cast<double>(t) / n;
    b.lift = lift;
    out_.push_back(b);
  }
  triples_ = {};
  together_ = {};
  for (Bundle& b : out_) {
    std::sort(b.items.begin(), b.items.end(),
              [&](int32_t x, int32_t y) { return ds.sku[static_cast<size_t>(x)] < ds.sku[static_cast<size_t>(y)]; });
    price_bundle(ds, q_, b);
  }
  auto skus = [&](const Bundle& b) {
    std::vector<std::string_view> v;
    for (int32_t p : b.items) v.push_back(ds.sku[static_cast<size_t>(p)]);
    return v;
  };
  std::sort(out_.begin(), out_.end(), [&](const Bundle& x, const Bundle& y) {
    if (x.lift != y.lift) return x.lift > y.lift;
    if (x.together != y.together) return x.together > y.together;
    return skus(x) < skus(y);
  });
  finished_ = true;
}

std::vector<Bundle> bundle_suggestions(const Dataset& ds, const CoPurchases& co, const CoQuery& q) {
  BundleJob job(ds, co, q);
  while (!job.done()) job.step(1u << 20);
  return std::move(job.result());
}

RecommendJob::RecommendJob(const Dataset& ds, const CoPurchases& co, const CoQuery& q) : ds_(&ds), co_(&co), q_(q) {
  bought_.resize(ds.customer_id.size());
  std::vector<int32_t> items;
  for (size_t o = 0; o < ds.orders(); ++o) {
    const int32_t c = ds.order_customer[o];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    order_products(ds, o, items);
    auto& b = bought_[static_cast<size_t>(c)];
    b.insert(b.end(), items.begin(), items.end());
  }
  slot_.assign(ds.sku.size(), -1);
}

double RecommendJob::progress() const {
  return bought_.empty() ? 1.0 : static_cast<double>(next_) / static_cast<double>(bought_.size());
}

void RecommendJob::step(size_t customers) {
  const Dataset& ds = *ds_;
  const size_t end = std::min(bought_.size(), next_ + customers);
  for (size_t c = next_; c < end; ++c) {
    auto& b = bought_[c];
    if (b.empty()) continue;
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    cand_.clear();
    for (int32_t i : b)
      for (const Pair& p : co_->by_product[static_cast<size_t>(i)]) {
        if (std::binary_search(b.begin(), b.end(), p.b)) continue;
        const Recommendation r{static_cast<int32_t>(c), p.b, p.confidence, p.lift, i};
        int32_t& k = slot_[static_cast<size_t>(p.b)];
        if (k < 0) {
          k = static_cast<int32_t>(cand_.size());
          cand_.push_back(r);
        } else if (r.score > cand_[static_cast<size_t>(k)].score ||
                   (r.score == cand_[static_cast<size_t>(k)].score && r.lift > cand_[static_cast<size_t>(k)].lift)) {
          cand_[static_cast<size_t>(k)] = r;
        }
      }
    for (const Recommendation& r : cand_) slot_[static_cast<size_t>(r.product)] = -1;
    std::sort(cand_.begin(), cand_.end(), [&](const Recommendation& x, const Recommendation& y) {
      if (x.score != y.score) return x.score > y.score;
      if (x.lift != y.lift) return x.lift > y.lift;
      return ds.sku[static_cast<size_t>(x.product)] < ds.sku[static_cast<size_t>(y.product)];
    });
    for (size_t k = 0; k < cand_.size() && static_cast<int>(k) < q_.top; ++k) out_.push_back(cand_[k]);
    std::vector<int32_t>().swap(b);  // done with this customer
  }
  next_ = end;
}

std::vector<Recommendation> recommendations(const Dataset& ds, const CoPurchases& co, const CoQuery& q) {
  RecommendJob job(ds, co, q);
  while (!job.done()) job.step(100000);
  return std::move(job.result());
}

Table recommendations_table(const Dataset& ds, const std::vector<Recommendation>& recs) {
  Table t;
  t.columns = {"customer_id", "sku", "title", "score", "lift", "because_sku"};
  t.real_digits = 6;
  for (const Recommendation& r : recs)
    t.rows.push_back({Cell::text(ds.customer_id[static_cast<size_t>(r.customer)]), Cell::text(ds.sku[static_cast<size_t>(r.product)]),
                      Cell::text(ds.product_title[static_cast<size_t>(r.product)]), Cell::real(r.score), Cell::real(r.lift),
                      Cell::text(ds.sku[static_cast<size_t>(r.because)])});
  return t;
}

}  // namespace shopkeeper::insights
