// Bought together, bundle suggestions and per-customer recommendations from co-purchases.
// Counting rules:
//  - baskets as in rules.h (valid orders, distinct SKUs of known products; all of the store's
//    history); pairs are counted over baskets of at most 50 items (larger baskets are left out
//    of the pair counts, `skipped_baskets`);
//  - for products i, j: together(i, j) = baskets holding both; confidence(i -> j) =
//    together / baskets(i); lift = together x N / (baskets(i) x baskets(j));
//  - bought together with i: the products j with together(i, j) >= min_together, by together
//    desc, lift desc, SKU;
//  - bundle suggestions: pairs and (max_items 3) triples with together >= min_together and
//    lift >= min_lift, by lift desc, together desc, SKUs. A triple is counted over the same
//    baskets as pairs (at most 50 items) when each of its three pairs has together >=
//    min_together; its lift is the smallest lift of its three rules {x,y} => {z}:
//    together(x,y,z) x N / (together(x,y) x baskets(z)) (every item is pulled by the other
//    two); support = together / N. Priced at the sum of list prices (one unit each) less
//    `discount_bp` basis points, rounded half up to the minor unit; cost = the sum of unit
//    costs (unknown when any is); margin = price - cost. The loss guard on the bundle price and
//    the draft promotion: core/insights/bundle.h.
//  - recommendations for a customer: the products they never bought in a valid order, scored by
//    the best confidence(i -> j) over the products i they bought (ties: lift, then SKU), among
//    pairs with together >= min_together; at most `top` per customer.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/money.h"
#include "core/io/table.h"
#include "core/store/dataset.h"

namespace shopkeeper::insights {

struct CoQuery {
  int64_t min_together = 3;
  double min_lift = 1.5;
  int64_t discount_bp = 1000;  // 10 % off the bundle (the seller's default; UI and CLI can change it)
  int max_items = 3;           // 2 = pair bundles only, 3 = pairs and triples
  int top = 3;
  bool operator==(const CoQuery&) const = default;
};

struct Pair {
  int32_t a = -1, b = -1;  // product indices
  int64_t together = 0;
  double confidence = 0, lift = 0;  // of a -> b
};

struct Bundle {
  std::vector<int32_t> items;  // 2 or 3 product indices, ascending by SKU
  int64_t together = 0;
  double support = 0, lift = 0;
  Money list_total = 0, price = 0, cost = -1, margin = 0;  // cost -1 = unknown (margin then 0)
};

struct Recommendation {
  int32_t customer = -1, product = -1;
  double score = 0, lift = 0;
  int32_t because = -1;  // the bought product giving the score
};

struct CoPurchases {
  int64_t baskets = 0, skipped_baskets = 0;
  std::vector<int64_t> baskets_of;   // per product
  std::vector<std::vector<Pair>> by_product;  // per product: its pairs a = product, sorted as "bought together"
};

CoPurchases co_purchases(const Dataset& ds, const CoQuery& q);
// The same in slices of orders, for the UI (ui/widgets/sliced_job.h): step() counts the next
// orders' pairs; the last step makes the per-product lists. co_purchases() runs one to the end.
// `ds` must outlive the job unchanged.
class CoPurchaseJob {
 public:
  CoPurchaseJob(const Dataset& ds, const CoQuery& q);
  bool done() const { return finished_; }
  double progress() const;
  void step(size_t orders);
  CoPurchases take() { return std::move(co_); }

 private:
  const Dataset* ds_;
  CoQuery q_;
  size_t next_ = 0;
  bool finished_ = false;
  CoPurchases co_;
  std::unordered_map<uint64_t, int64_t> pairs_;
  std::vector<int32_t> items_;
};
// price = list_total x (10000 - discount_bp) / 10000, half up.
Money bundle_price(Money list_total, int64_t discount_bp);
std::vector<Bundle> bundle_suggestions(const Dataset& ds, const CoPurchases& co, const CoQuery& q);
// The same in slices of orders (the triples' counts); the constructor takes the pairs from `co`,
// the last step prices and sorts. bundle_suggestions() runs one to the end. `ds` and `co` must
// outlive the job unchanged.
class BundleJob {
 public:
  BundleJob(const Dataset& ds, const CoPurchases& co, const CoQuery& q);
  bool done() const { return finished_; }
  double progress() const;
  void step(size_t orders);
  std::vector<Bundle>& result() { return out_; }

 private:
  const Dataset* ds_;
  const CoPurchases* co_;
  CoQuery q_;
  size_t next_ = 0;
  bool finished_ = false;
  std::unordered_map<uint64_t, int64_t> together_, triples_;  // pairs with together >= min_together; triple counts
  std::vector<int32_t> items_, keep_;
  std::vector<Bundle> out_;
};
std::vector<Recommendation> recommendations(const Dataset& ds, const CoPurchases& co, const CoQuery& q);
// The same in slices of customers, for the UI (ui/widgets/sliced_job.h): the constructor makes
// each customer's bought products (one pass over the orders), step() scores the next customers.
// `ds` and `co` must outlive the job unchanged. recommendations() runs a job to the end.
class RecommendJob {
 public:
  RecommendJob(const Dataset& ds, const CoPurchases& co, const CoQuery& q);
  bool done() const { return next_ >= bought_.size(); }
  double progress() const;
  void step(size_t customers);
  std::vector<Recommendation>& result() { return out_; }

 private:
  const Dataset* ds_;
  const CoPurchases* co_;
  CoQuery q_;
  std::vector<std::vector<int32_t>> bought_;
  size_t next_ = 0;
  std::vector<Recommendation> out_, cand_;
  std::vector<int32_t> slot_;
};
// The export (the app's Download CSV / JSON): customer_id, sku, title, score, lift, because_sku,
// one row per recommendation in the order given (by customer, best first).
Table recommendations_table(const Dataset& ds, const std::vector<Recommendation>& recs);

}  // namespace shopkeeper::insights
