// Customer clusters: k-means on standardised customer features, k chosen by silhouette.
// Counting rules:
//  - a customer is clustered when they have at least one valid order (core/analytics/metrics.h);
//    guests are not customers; all valid orders of the store count (no date range);
//  - features per customer (raw, then standardised to mean 0 and population standard deviation
//    1 over the customers; a constant feature becomes 0):
//      log_recency  = ln(1 + days from the last valid order to the day after the store's last order)
//      log_frequency = ln(1 + valid orders)
//      log_monetary = ln(1 + paid amount of the valid orders, in major units)
//      log_aov      = ln(1 + paid amount / valid orders, in major units)
//      coupon_share = valid orders with a discount / valid orders
//      refund_rate  = min(1, refunded amount of the valid orders / paid amount); 0 when nothing paid
//      share:<category> = the category's share of the customer's line revenue (qty x price -
//                   line discount) over lines of known products; one column per category with
//                   revenue, in byte order of the names; products without a category are "".
//  - k-means: k-means++ seeding (demo::Rng, so one seed gives the same clusters natively and
//    in the browser; greedy seeding with 2 + ln k trials as scikit-learn), Lloyd iterations until
//    no label changes or the centres move less than 1e-4 x the mean feature variance (at most
//    300; centres and inertia are then those of the final labels), `restarts` runs (up to 5x as
//    many on small stores: clamp(2,000,000 / customers, restarts, 5 x restarts)),
//    the lowest inertia (sum of squared distances to the centre) kept. An empty cluster takes
//    the point farthest from its centre.
//  - large stores (more than `fit_sample` customers): the restarts run on a seeded sample of
//    `fit_sample` customers, and the best sample fit's centres start one Lloyd run over all the
//    customers (same stopping rule); the result is that run's labels, centres and inertia.
//  - k: when not given, each k in 2..max_k (at most customers - 1) is fitted on a seeded
//    sample of at most `select_sample` customers and scored by the silhouette on at most
//    `silhouette_sample` of them; the best score wins (ties: smaller k); then k is fitted on all.
//  - silhouette (Rousseeuw; sklearn's silhouette_score, Euclidean): mean over the points of
//    (b - a) / max(a, b), 0 for a point alone in its cluster; exact over all customers when
//    there are at most `silhouette_sample`, else over a seeded sample of that size.
//  - clusters are numbered by size, largest first; each is described by codes from its centre.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/store/dataset.h"

namespace shopkeeper::insights {

struct ClusterQuery {
  int k = 0;  // 0 = choose by silhouette
  uint64_t seed = 1;
  int restarts = 10;
  int max_k = 8;
  int select_sample = 10000;
  int silhouette_sample = 2000;
  int fit_sample = 20000;
  bool operator==(const ClusterQuery&) const = default;
};

// Feature matrix, row-major (rows = customers).
struct Features {
  std::vector<std::string> names;
  std::vector<int32_t> customer;  // dataset customer index per row
  std::vector<double> raw, z;     // rows x names.size()
  size_t cols() const { return names.size(); }
  size_t rows() const { return customer.size(); }
};
Features customer_features(const Dataset& ds);

// One description part: a code and its parameter ("mostly_category" with "tea").
struct Trait {
  std::string code;   // spends_high, spends_low, orders_often, orders_rarely, recent, lapsed,
                      // big_baskets, small_baskets, coupons_often, coupons_rarely,
                      // refunds_often, mostly_category, typical
  std::string param;  // category name for mostly_category, else empty
};

struct Cluster {
  int64_t size = 0;
  std::vector<double> centre_raw, centre_z;  // per feature
  double inertia = 0;
  std::vector<Trait> traits;
  // Key figures in plain units: the typical (geometric) values exp(centre) - 1 of the log
  // features (days since the last order, valid orders, spend and order value in major units),
  // the mean coupon share and refund rate, and the category with the largest mean share.
  double days_since = 0, orders = 0, spend = 0, aov = 0, coupon_share = 0, refund_rate = 0;
  std::string top_category;
  double top_share = 0;
};

struct ClusterResult {
  Features features;
  int k = 0;
  bool k_chosen = false;                         // k picked by silhouette
  std::vector<std::pair<int, double>> k_scores;  // (k, silhouette) tried when choosing
  std::vector<int32_t> label;                    // per row, 0-based cluster number
  double inertia = 0;
  double silhouette = 0;
  int64_t silhouette_points = 0;  // points the silhouette averaged over
  std::vector<int64_t> silhouette_rows;  // those points' rows when sampled (empty: every row)
  std::vector<Cluster> clusters;
};
Result<ClusterResult> cluster_customers(const Dataset& ds, const ClusterQuery& q);

// The same work in steps, for a UI that spreads it over frames (ui/widgets/sliced_job.h): the
// features, one candidate k, one restart, a few Lloyd iterations over all customers, and the
// description are each one step. cluster_customers runs a job to the end, so both give the
// same result. The job keeps `ds` by reference: it must outlive the job and not change.
class ClusterJob {
 public:
  ClusterJob(const Dataset& ds, const ClusterQuery& q);
  ~ClusterJob();
  ClusterJob(ClusterJob&&) noexcept;
  ClusterJob& operator=(ClusterJob&&) noexcept;
  bool done() const;
  double progress() const;  // 0..1, an estimate (Lloyd iterations are counted as planned)
  void step();
  // After done(): the result or the error (k larger than the customers, too few customers).
  Result<ClusterResult> take();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Pieces, exposed for tests. `x` is row-major n x d.
struct KMeansFit {
  std::vector<int32_t> label;
  std::vector<double> centre;  // k x d
  double inertia = 0;
};
KMeansFit kmeans(const std::vector<double>& x, size_t n, size_t d, int k, uint64_t seed, int restarts);
// Mean silhouette of points `rows` (all when empty), distances among those points only.
double silhouette(const std::vector<double>& x, size_t d, const std::vector<int32_t>& label, int k,
                  const std::vector<size_t>& rows);

}  // namespace shopkeeper::insights
