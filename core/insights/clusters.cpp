#include "core/insights/clusters.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "core/base/random.h"
#include "core/model/entities.h"

namespace shopkeeper::insights {

namespace {

double sqdist(const double* a, const double* b, size_t d) {
  double s = 0;
  for (size_t j = 0; j < d; ++j) {
    const double t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

// Seeded sample of `m` distinct rows out of n (all rows when m >= n), ascending.
std::vector<size_t> sample_rows(size_t n, size_t m, uint64_t seed) {
  std::vector<size_t> idx(n);
  std::iota(idx.begin(), idx.end(), size_t{0});
  if (m >= n) return idx;
  demo::Rng rng(seed, 77);
  for (size_t i = 0; i < m; ++i) std::swap(idx[i], idx[i + rng.below(static_cast<uint32_t>(n - i))]);
  idx.resize(m);
  std::sort(idx.begin(), idx.end());
  return idx;
}

// Lloyd's k-means, resumable: seeded by k-means++ (or given centres), then iterate() runs a few
// iterations at a time until done; finish() sets the centres from the final labels and the inertia.
struct Lloyd {
  const double* x = nullptr;
  size_t n = 0, d = 0, kk = 0;
  double tol = 0;
  int it = 0;
  bool done = false;
  KMeansFit f;
  std::vector<double> sum, best;
  std::vector<int64_t> cnt;

  void start(const double* x_, size_t n_, size_t d_, int k, double tol_) {
    x = x_, n = n_, d = d_, kk = static_cast<size_t>(k), tol = tol_;
    it = 0, done = false;
    f = {};
    f.centre.assign(kk * d, 0);
    f.label.assign(n, -1);
    sum.assign(kk * d, 0);
    cnt.assign(kk, 0);
    best.assign(n, 0);
  }
  // Greedy k-means++ (as scikit-learn): the first centre uniform; then 2 + ln k candidates
  // drawn with probability proportional to D^2, keeping the one that lowers the potential most.
  void seed_pp(demo::Rng& rng) {
    std::vector<double> dist(n), cand_dist(n), best_dist(n);
    const size_t first = rng.below(static_cast<uint32_t>(n));
    std::copy_n(x + first * d, d, f.centre.data());
    double pot = 0;
    for (size_t i = 0; i < n; ++i) pot += dist[i] = sqdist(x + i * d, x + first * d, d);
    const int trials = 2 + static_cast<int>(std::log(static_cast<double>(kk)));
    for (size_t c = 1; c < kk; ++c) {
      size_t pick = n;
      double pick_pot = std::numeric_limits<double>::infinity();
      for (int t = 0; t < trials; ++t) {
        size_t cand = n - 1;
        if (pot > 0) {
          double u = rng.uniform() * pot;
          for (size_t i = 0; i < n; ++i) {
            u -= dist[i];
            if (u < 0) {
              cand = i;
              break;
            }
          }
        } else {
          cand = rng.below(static_cast<uint32_t>(n));
        }
        double cp = 0;
        for (size_t i = 0; i < n; ++i) cp += cand_dist[i] = std::min(dist[i], sqdist(x + i * d, x + cand * d, d));
        if (cp < pick_pot) {
          pick_pot = cp;
          pick = cand;
          best_dist.swap(cand_dist);
        }
      }
      dist.swap(best_dist);
      pot = pick_pot;
      std::copy_n(x + pick * d, d, f.centre.data() + c * d);
    }
  }
  bool assign() {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      const double* p = x + i * d;
      int32_t bl = 0;
      double bd = sqdist(p, f.centre.data(), d);
      for (size_t c = 1; c < kk; ++c) {
        const double dd = sqdist(p, f.centre.data() + c * d, d);
        if (dd < bd) bd = dd, bl = static_cast<int32_t>(c);
      }
      best[i] = bd;
      if (f.label[i] != bl) f.label[i] = bl, changed = true;
    }
    return changed;
  }
  // Centres = means of their points; an empty cluster takes the point farthest from its centre.
  // Returns the total squared shift of the centres.
  double update() {
    std::fill(sum.begin(), sum.end(), 0);
    std::fill(cnt.begin(), cnt.end(), 0);
    for (size_t i = 0; i < n; ++i) {
      const size_t c = static_cast<size_t>(f.label[i]);
      ++cnt[c];
      for (size_t j = 0; j < d; ++j) sum[c * d + j] += x[i * d + j];
    }
    double shift = 0;
    for (size_t c = 0; c < kk; ++c) {
      double* centre = f.centre.data() + c * d;
      if (cnt[c] == 0) {
        const size_t far = static_cast<size_t>(std::max_element(best.begin(), best.end()) - best.begin());
        shift += sqdist(centre, x + far * d, d);
        std::copy_n(x + far * d, d, centre);
        best[far] = 0;
        continue;
      }
      for (size_t j = 0; j < d; ++j) {
        const double v = sum[c * d + j] / static_cast<double>(cnt[c]);
        shift += (v - centre[j]) * (v - centre[j]);
        centre[j] = v;
      }
    }
    return shift;
  }
  // Up to `iters` iterations (at most 300 in all); then finish() once done.
  void iterate(int iters) {
    for (int i = 0; i < iters && !done; ++i) {
      if (it >= 300 || !assign()) {
        done = true;
        break;
      }
      ++it;
      if (update() <= tol) {
        assign();
        done = true;
      }
    }
    if (done) finish();
  }
  // Final centres are the means of the final labels, and the inertia is measured from them.
  void finish() {
    update();
    f.inertia = 0;
    for (size_t i = 0; i < n; ++i) f.inertia += sqdist(x + i * d, f.centre.data() + static_cast<size_t>(f.label[i]) * d, d);
  }
};

KMeansFit lloyd(const std::vector<double>& x, size_t n, size_t d, int k, double tol, demo::Rng& rng) {
  Lloyd l;
  l.start(x.data(), n, d, k, tol);
  l.seed_pp(rng);
  l.iterate(1000);
  return std::move(l.f);
}

// Stop when the centres move less than 1e-4 x the mean feature variance (scikit-learn's tol).
double kmeans_tol(const std::vector<double>& x, size_t n, size_t d) {
  double tol = 0;
  for (size_t j = 0; j < d; ++j) {
    double m = 0, v = 0;
    for (size_t i = 0; i < n; ++i) m += x[i * d + j];
    m /= static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) v += (x[i * d + j] - m) * (x[i * d + j] - m);
    tol += v / static_cast<double>(n);
  }
  return d ? 1e-4 * tol / static_cast<double>(d) : 0;
}

std::vector<double> rows_of(const std::vector<double>& x, size_t d, const std::vector<size_t>& rows) {
  std::vector<double> out(rows.size() * d);
  for (size_t i = 0; i < rows.size(); ++i) std::copy_n(x.data() + rows[i] * d, d, out.data() + i * d);
  return out;
}

}  // namespace

KMeansFit kmeans(const std::vector<double>& x, size_t n, size_t d, int k, uint64_t seed, int restarts) {
  KMeansFit best;
  best.inertia = std::numeric_limits<double>::infinity();
  demo::Rng rng(seed, 14);
  const double tol = kmeans_tol(x, n, d);
  for (int r = 0; r < std::max(1, restarts); ++r) {
    KMeansFit f = lloyd(x, n, d, k, tol, rng);
    if (f.inertia < best.inertia) best = std::move(f);
  }
  return best;
}

double silhouette(const std::vector<double>& x, size_t d, const std::vector<int32_t>& label, int k,
                  const std::vector<size_t>& rows_in) {
  std::vector<size_t> rows = rows_in;
  if (rows.empty()) {
    rows.resize(label.size());
    std::iota(rows.begin(), rows.end(), size_t{0});
  }
  const size_t m = rows.size(), kk = static_cast<size_t>(k);
  std::vector<int64_t> size(kk, 0);
  for (size_t r : rows) ++size[static_cast<size_t>(label[r])];
  std::vector<double> sums(kk);
  double total = 0;
  for (size_t a = 0; a < m; ++a) {
    std::fill(sums.begin(), sums.end(), 0);
    const double* p = x.data() + rows[a] * d;
    for (size_t b = 0; b < m; ++b) {
      if (a == b) continue;
      sums[static_cast<size_t>(label[rows[b]])] += std::sqrt(sqdist(p, x.data() + rows[b] * d, d));
    }
    const size_t own = static_cast<size_t>(label[rows[a]]);
    if (size[own] <= 1) continue;  // alone in its cluster: 0
    const double ai = sums[own] / static_cast<double>(size[own] - 1);
    double bi = std::numeric_limits<double>::infinity();
    for (size_t c = 0; c < kk; ++c)
      if (c != own && size[c] > 0) bi = std::min(bi, sums[c] / static_cast<double>(size[c]));
    const double den = std::max(ai, bi);
    if (std::isfinite(bi) && den > 0) total += (bi - ai) / den;
  }
  return total / static_cast<double>(m);
}

Features customer_features(const Dataset& ds) {
  Features f;
  const size_t nc = ds.customer_id.size();
  const size_t ncat = ds.categories.names.size() + 1;  // last slot: no category
  std::vector<int64_t> orders(nc, 0), discounted(nc, 0);
  std::vector<Money> paid(nc, 0), refunded(nc, 0);
  std::vector<Day> last(nc, INT32_MIN);
  std::vector<double> cat_rev(nc * ncat, 0);
  Day end = INT32_MIN;
  for (size_t o = 0; o < ds.orders(); ++o) {
    end = std::max(end, ds.order_day[o]);
    const int32_t c = ds.order_customer[o];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    const size_t cu = static_cast<size_t>(c);
    ++orders[cu];
    if (ds.order_discount[o] > 0) ++discounted[cu];
    paid[cu] += ds.order_paid[o];
    last[cu] = std::max(last[cu], ds.order_day[o]);
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) continue;
      const int32_t cat = ds.product_category[static_cast<size_t>(p)];
      const size_t slot = cat < 0 ? ncat - 1 : static_cast<size_t>(cat);
      cat_rev[cu * ncat + slot] += static_cast<double>(ds.line_qty[l]) * static_cast<double>(ds.line_price[l]) -
                                   static_cast<double>(ds.line_discount[l]);
    }
  }
  for (size_t r = 0; r < ds.refund_order.size(); ++r) {
    const int32_t o = ds.refund_order[r];
    if (o < 0) continue;
    const size_t oi = static_cast<size_t>(o);
    const int32_t c = ds.order_customer[oi];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[oi]))) continue;
    refunded[static_cast<size_t>(c)] += ds.refund_amount[r];
  }
  std::vector<bool> cat_used(ncat, false);
  for (size_t c = 0; c < nc; ++c)
    if (orders[c] > 0)
      for (size_t s = 0; s < ncat; ++s)
        if (cat_rev[c * ncat + s] != 0) cat_used[s] = true;
  f.names = {"log_recency", "log_frequency", "log_monetary", "log_aov", "coupon_share", "refund_rate"};
  // Share columns in byte order of the category names ("" = no category sorts first).
  auto cat_name = [&](size_t s) { return s + 1 < ncat ? ds.categories.names[s] : std::string(); };
  std::vector<size_t> cats;
  for (size_t s = 0; s < ncat; ++s)
    if (cat_used[s]) cats.push_back(s);
  std::sort(cats.begin(), cats.end(), [&](size_t a, size_t b) { return cat_name(a) < cat_name(b); });
  for (size_t s : cats) f.names.push_back("share:" + cat_name(s));
  const size_t d = f.names.size();
  for (size_t c = 0; c < nc; ++c) {
    if (orders[c] == 0) continue;
    f.customer.push_back(static_cast<int32_t>(c));
    const double m = static_cast<double>(paid[c]) / 100.0, fr = static_cast<double>(orders[c]);
    f.raw.push_back(std::log1p(static_cast<double>(end + 1 - last[c])));
    f.raw.push_back(std::log1p(fr));
    f.raw.push_back(std::log1p(std::max(0.0, m)));
    f.raw.push_back(std::log1p(std::max(0.0, m / fr)));
    f.raw.push_back(static_cast<double>(discounted[c]) / fr);
    f.raw.push_back(paid[c] > 0 ? std::min(1.0, static_cast<double>(refunded[c]) / static_cast<double>(paid[c])) : 0.0);
    double tot = 0;
    for (size_t s : cats) tot += cat_rev[c * ncat + s];
    for (size_t s : cats) f.raw.push_back(tot > 0 ? cat_rev[c * ncat + s] / tot : 0.0);
  }
  const size_t n = f.customer.size();
  f.z = f.raw;
  for (size_t j = 0; j < d && n > 0; ++j) {
    double mean = 0;
    for (size_t i = 0; i < n; ++i) mean += f.raw[i * d + j];
    mean /= static_cast<double>(n);
    double var = 0;
    for (size_t i = 0; i < n; ++i) var += (f.raw[i * d + j] - mean) * (f.raw[i * d + j] - mean);
    const double sd = std::sqrt(var / static_cast<double>(n));
    for (size_t i = 0; i < n; ++i) f.z[i * d + j] = sd > 1e-12 * std::max(1.0, std::fabs(mean)) ? (f.raw[i * d + j] - mean) / sd : 0.0;
  }
  return f;
}

struct ClusterJob::State {
  const Dataset* ds = nullptr;
  ClusterQuery q;
  enum class Phase { features, select, fit, refine, finish, done } phase = Phase::features;
  ClusterResult r;
  std::optional<Error> error;
  size_t n = 0, d = 0;
  int k = 0;
  // choosing k
  std::vector<size_t> sil_rows, srows;
  std::vector<double> xs;
  size_t ns = 0;
  int kk = 2, top = 1;
  double best_s = -2;
  // the final fit
  std::vector<double> xf;  // the fit sample's rows (empty: all rows)
  size_t nf = 0;
  std::optional<demo::Rng> rng;
  double tol = 0;
  int restart = 0, restarts = 0;
  KMeansFit best;
  Lloyd refine;

  void step_features();
  void step_select();
  void step_fit();
  void step_finish();
};

void ClusterJob::State::step_features() {
  r.features = customer_features(*ds);
  const Features& f = r.features;
  n = f.rows(), d = f.cols();
  phase = Phase::fit;
  if (q.k < 0) error = Error{ErrorCode::invalid_argument, "k must be at least 1"};
  else if (q.k > 0 && static_cast<size_t>(q.k) > n)
    error = Error{ErrorCode::invalid_argument,
                  "k = " + std::to_string(q.k) + " is more than the " + std::to_string(n) + " customers with a valid order"};
  else if (q.k == 0 && n < 3)
    error = Error{ErrorCode::invalid_argument, "choosing k needs at least 3 customers with a valid order; there are " + std::to_string(n)};
  if (error) {
    phase = Phase::done;
    return;
  }
  sil_rows = sample_rows(n, static_cast<size_t>(q.silhouette_sample), q.seed);
  k = q.k;
  if (k == 0) {
    r.k_chosen = true;
    const std::vector<size_t> sel = sample_rows(n, static_cast<size_t>(q.select_sample), q.seed + 1);
    ns = sel.size();
    xs = ns == n ? f.z : rows_of(f.z, d, sel);
    // Silhouette rows within the selection sample.
    srows = sample_rows(ns, static_cast<size_t>(q.silhouette_sample), q.seed);
    top = static_cast<int>(std::min<size_t>(static_cast<size_t>(q.max_k), ns - 1));
    kk = 2;
    phase = Phase::select;
  }
}

void ClusterJob::State::step_select() {
  KMeansFit fit = kmeans(xs, ns, d, kk, q.seed, std::min(q.restarts, 3));
  const double sc = silhouette(xs, d, fit.label, kk, srows);
  r.k_scores.push_back({kk, sc});
  if (sc > best_s + 1e-12) best_s = sc, k = kk;
  if (++kk > top) {
    phase = Phase::fit;
    xs = {};
  }
}

void ClusterJob::State::step_fit() {
  const Features& f = r.features;
  if (!rng) {
    // Small stores get more restarts (up to 5x, about 2 million point-fits in all): cheap there,
    // and k-means' local optima differ by a few tenths of a percent of inertia.
    restarts = static_cast<int>(std::clamp<int64_t>(2'000'000 / static_cast<int64_t>(std::max<size_t>(n, 1)), q.restarts,
                                                    5 * static_cast<int64_t>(q.restarts)));
    restarts = std::max(1, restarts);
    if (q.fit_sample > 0 && n > static_cast<size_t>(q.fit_sample)) {
      xf = rows_of(f.z, d, sample_rows(n, static_cast<size_t>(q.fit_sample), q.seed + 2));
      nf = static_cast<size_t>(q.fit_sample);
    } else {
      nf = n;
    }
    rng.emplace(q.seed, 14);
    tol = kmeans_tol(xf.empty() ? f.z : xf, nf, d);
    best.inertia = std::numeric_limits<double>::infinity();
  }
  KMeansFit fit = lloyd(xf.empty() ? f.z : xf, nf, d, k, tol, *rng);
  if (fit.inertia < best.inertia) best = std::move(fit);
  if (++restart < restarts) return;
  if (xf.empty()) {
    phase = Phase::finish;
    return;
  }
  // The best sample fit's centres start one run over every customer.
  xf = {};
  refine.start(f.z.data(), n, d, k, kmeans_tol(f.z, n, d));
  refine.f.centre = best.centre;
  phase = Phase::refine;
}

void ClusterJob::State::step_finish() {
  const Features& f = r.features;
  KMeansFit fit = refine.x ? std::move(refine.f) : std::move(best);
  // Number clusters by size, largest first (ties: lower first member).
  std::vector<int64_t> size(static_cast<size_t>(k), 0);
  std::vector<size_t> first(static_cast<size_t>(k), n);
  for (size_t i = 0; i < n; ++i) {
    const size_t c = static_cast<size_t>(fit.label[i]);
    ++size[c];
    first[c] = std::min(first[c], i);
  }
  std::vector<int32_t> order(static_cast<size_t>(k));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    if (size[static_cast<size_t>(a)] != size[static_cast<size_t>(b)]) return size[static_cast<size_t>(a)] > size[static_cast<size_t>(b)];
    return first[static_cast<size_t>(a)] < first[static_cast<size_t>(b)];
  });
  std::vector<int32_t> to(static_cast<size_t>(k));
  for (size_t i = 0; i < order.size(); ++i) to[static_cast<size_t>(order[i])] = static_cast<int32_t>(i);
  r.k = k;
  r.label.resize(n);
  for (size_t i = 0; i < n; ++i) r.label[i] = to[static_cast<size_t>(fit.label[i])];
  r.inertia = fit.inertia;
  r.silhouette = k >= 2 ? silhouette(f.z, d, r.label, k, sil_rows) : 0.0;
  r.silhouette_points = static_cast<int64_t>(sil_rows.size());
  if (sil_rows.size() < n) r.silhouette_rows.assign(sil_rows.begin(), sil_rows.end());

  r.clusters.resize(static_cast<size_t>(k));
  for (Cluster& c : r.clusters) {
    c.centre_raw.assign(d, 0);
    c.centre_z.assign(d, 0);
  }
  for (size_t i = 0; i < n; ++i) {
    Cluster& c = r.clusters[static_cast<size_t>(r.label[i])];
    ++c.size;
    for (size_t j = 0; j < d; ++j) {
      c.centre_raw[j] += f.raw[i * d + j];
      c.centre_z[j] += f.z[i * d + j];
    }
  }
  for (Cluster& c : r.clusters) {
    for (size_t j = 0; j < d; ++j) {
      c.centre_raw[j] /= static_cast<double>(std::max<int64_t>(1, c.size));
      c.centre_z[j] /= static_cast<double>(std::max<int64_t>(1, c.size));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    Cluster& c = r.clusters[static_cast<size_t>(r.label[i])];
    c.inertia += sqdist(f.z.data() + i * d, c.centre_z.data(), d);
  }
  for (Cluster& c : r.clusters) {
    c.days_since = std::expm1(c.centre_raw[0]);
    c.orders = std::expm1(c.centre_raw[1]);
    c.spend = std::expm1(c.centre_raw[2]);
    c.aov = std::expm1(c.centre_raw[3]);
    c.coupon_share = c.centre_raw[4];
    c.refund_rate = c.centre_raw[5];
    for (size_t j = 6; j < d; ++j)
      if (c.centre_raw[j] > c.top_share) c.top_share = c.centre_raw[j], c.top_category = f.names[j].substr(6);
  }
  // Descriptions: a feature whose centre is half a standard deviation or more from the mean.
  const double t = 0.5;
  for (Cluster& c : r.clusters) {
    auto z = [&](size_t j) { return c.centre_z[j]; };
    if (z(2) >= t) c.traits.push_back({"spends_high", ""});
    if (z(2) <= -t) c.traits.push_back({"spends_low", ""});
    if (z(1) >= t) c.traits.push_back({"orders_often", ""});
    if (z(1) <= -t) c.traits.push_back({"orders_rarely", ""});
    if (z(0) <= -t) c.traits.push_back({"recent", ""});
    if (z(0) >= t) c.traits.push_back({"lapsed", ""});
    if (z(3) >= t) c.traits.push_back({"big_baskets", ""});
    if (z(3) <= -t) c.traits.push_back({"small_baskets", ""});
    if (z(4) >= t) c.traits.push_back({"coupons_often", ""});
    if (z(4) <= -t) c.traits.push_back({"coupons_rarely", ""});
    if (z(5) >= t) c.traits.push_back({"refunds_often", ""});
    size_t top = d;
    for (size_t j = 6; j < d; ++j)
      if (c.centre_raw[j] >= 0.5 && (top == d || c.centre_raw[j] > c.centre_raw[top])) top = j;
    if (top < d) c.traits.push_back({"mostly_category", f.names[top].substr(6)});
    if (c.traits.empty()) c.traits.push_back({"typical", ""});
  }
  phase = Phase::done;
}

ClusterJob::ClusterJob(const Dataset& ds, const ClusterQuery& q) : s_(std::make_unique<State>()) {
  s_->ds = &ds;
  s_->q = q;
}
ClusterJob::~ClusterJob() = default;
ClusterJob::ClusterJob(ClusterJob&&) noexcept = default;
ClusterJob& ClusterJob::operator=(ClusterJob&&) noexcept = default;

bool ClusterJob::done() const { return s_->phase == State::Phase::done; }

double ClusterJob::progress() const {
  const State& s = *s_;
  switch (s.phase) {
    case State::Phase::features: return 0;
    case State::Phase::select: return 0.1 + 0.4 * (s.kk - 2) / std::max(1, s.top - 1);
    case State::Phase::fit: return (s.r.k_chosen ? 0.5 : 0.1) + (s.r.k_chosen ? 0.2 : 0.5) * s.restart / std::max(1, s.restarts);
    case State::Phase::refine: return 0.7 + 0.25 * std::min(1.0, s.refine.it / 40.0);
    case State::Phase::finish: return 0.95;
    case State::Phase::done: return 1;
  }
  return 1;
}

void ClusterJob::step() {
  State& s = *s_;
  switch (s.phase) {
    case State::Phase::features: s.step_features(); break;
    case State::Phase::select: s.step_select(); break;
    case State::Phase::fit: s.step_fit(); break;
    case State::Phase::refine:
      s.refine.iterate(4);
      if (s.refine.done) s.phase = State::Phase::finish;
      break;
    case State::Phase::finish: s.step_finish(); break;
    case State::Phase::done: break;
  }
}

Result<ClusterResult> ClusterJob::take() {
  if (s_->error) return *s_->error;
  return std::move(s_->r);
}

Result<ClusterResult> cluster_customers(const Dataset& ds, const ClusterQuery& q) {
  ClusterJob job(ds, q);
  while (!job.done()) job.step();
  return job.take();
}

}  // namespace shopkeeper::insights
