#include "core/insights/clusters.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

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

KMeansFit lloyd(const std::vector<double>& x, size_t n, size_t d, int k, double tol, demo::Rng& rng) {
  KMeansFit f;
  const size_t kk = static_cast<size_t>(k);
  f.centre.assign(kk * d, 0);
  // Greedy k-means++ (as scikit-learn): the first centre uniform; then 2 + ln k candidates
  // drawn with probability proportional to D^2, keeping the one that lowers the potential most.
  std::vector<double> dist(n), cand_dist(n), best_dist(n);
  const size_t first = rng.below(static_cast<uint32_t>(n));
  std::copy_n(x.data() + first * d, d, f.centre.data());
  double pot = 0;
  for (size_t i = 0; i < n; ++i) pot += dist[i] = sqdist(x.data() + i * d, x.data() + first * d, d);
  const int trials = 2 + static_cast<int>(std::log(static_cast<double>(k)));
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
      for (size_t i = 0; i < n; ++i) cp += cand_dist[i] = std::min(dist[i], sqdist(x.data() + i * d, x.data() + cand * d, d));
      if (cp < pick_pot) {
        pick_pot = cp;
        pick = cand;
        best_dist.swap(cand_dist);
      }
    }
    dist.swap(best_dist);
    pot = pick_pot;
    std::copy_n(x.data() + pick * d, d, f.centre.data() + c * d);
  }
  f.label.assign(n, -1);
  std::vector<double> sum(kk * d);
  std::vector<int64_t> cnt(kk);
  std::vector<double> best(n);
  auto assign = [&] {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      const double* p = x.data() + i * d;
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
  };
  // Centres = means of their points; an empty cluster takes the point farthest from its centre.
  // Returns the total squared shift of the centres.
  auto update = [&] {
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
        shift += sqdist(centre, x.data() + far * d, d);
        std::copy_n(x.data() + far * d, d, centre);
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
  };
  for (int it = 0; it < 300; ++it) {
    if (!assign()) break;
    if (update() <= tol) {
      assign();
      break;
    }
  }
  // Final centres are the means of the final labels, and the inertia is measured from them.
  update();
  f.inertia = 0;
  for (size_t i = 0; i < n; ++i) f.inertia += sqdist(x.data() + i * d, f.centre.data() + static_cast<size_t>(f.label[i]) * d, d);
  return f;
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
  // Stop when the centres move less than 1e-4 x the mean feature variance (scikit-learn's tol).
  double tol = 0;
  for (size_t j = 0; j < d; ++j) {
    double m = 0, v = 0;
    for (size_t i = 0; i < n; ++i) m += x[i * d + j];
    m /= static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) v += (x[i * d + j] - m) * (x[i * d + j] - m);
    tol += v / static_cast<double>(n);
  }
  tol = d ? 1e-4 * tol / static_cast<double>(d) : 0;
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

Result<ClusterResult> cluster_customers(const Dataset& ds, const ClusterQuery& q) {
  ClusterResult r;
  r.features = customer_features(ds);
  const Features& f = r.features;
  const size_t n = f.rows(), d = f.cols();
  if (q.k < 0) return make_error(ErrorCode::invalid_argument, "k must be at least 1");
  if (q.k > 0 && static_cast<size_t>(q.k) > n)
    return make_error(ErrorCode::invalid_argument, "k = " + std::to_string(q.k) + " is more than the " + std::to_string(n) +
                                                       " customers with a valid order");
  if (q.k == 0 && n < 3)
    return make_error(ErrorCode::invalid_argument, "choosing k needs at least 3 customers with a valid order; there are " + std::to_string(n));
  const std::vector<size_t> sil_rows = sample_rows(n, static_cast<size_t>(q.silhouette_sample), q.seed);
  int k = q.k;
  if (k == 0) {
    r.k_chosen = true;
    const std::vector<size_t> sel = sample_rows(n, static_cast<size_t>(q.select_sample), q.seed + 1);
    const std::vector<double> xs = sel.size() == n ? f.z : rows_of(f.z, d, sel);
    // Silhouette rows within the selection sample.
    const std::vector<size_t> srows = sample_rows(sel.size(), static_cast<size_t>(q.silhouette_sample), q.seed);
    double best = -2;
    const int top = static_cast<int>(std::min<size_t>(static_cast<size_t>(q.max_k), sel.size() - 1));
    for (int kk = 2; kk <= top; ++kk) {
      KMeansFit fit = kmeans(xs, sel.size(), d, kk, q.seed, std::min(q.restarts, 3));
      const double s = silhouette(xs, d, fit.label, kk, srows);
      r.k_scores.push_back({kk, s});
      if (s > best + 1e-12) best = s, k = kk;
    }
  }
  // Small stores get more restarts (up to 5x, about 2 million point-fits in all): cheap there,
  // and k-means' local optima differ by a few tenths of a percent of inertia.
  const int restarts = static_cast<int>(std::clamp<int64_t>(2'000'000 / static_cast<int64_t>(std::max<size_t>(n, 1)), q.restarts,
                                                            5 * static_cast<int64_t>(q.restarts)));
  KMeansFit fit = kmeans(f.z, n, d, k, q.seed, restarts);
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
  return r;
}

}  // namespace shopkeeper::insights
