#include "core/insights/abtest.h"

#include "core/model/entities.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/insights/stats.h"

namespace shopkeeper::insights {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void wilson(int64_t k, int64_t n, double z, double& lo, double& hi) {
  const double nn = static_cast<double>(n), p = static_cast<double>(k) / nn, z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denom;
  const double dist = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
  lo = center - dist;
  hi = center + dist;
}

// Root of f(x) = target for f increasing in x on [lo, hi], by bisection to the last bit.
template <class F>
double solve_increasing(F f, double target, double lo, double hi) {
  for (int i = 0; i < 400 && lo < hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

const char* verdict_name(AbVerdict v) {
  switch (v) {
    case AbVerdict::b_better: return "b_better";
    case AbVerdict::a_better: return "a_better";
    case AbVerdict::no_difference: return "no_difference";
    case AbVerdict::keep_running: return "keep_running";
    case AbVerdict::invalid_split: return "invalid_split";
  }
  return "";
}

double fisher_two_sided(int64_t a, int64_t b, int64_t c, int64_t d) {
  // x = top-left cell given the margins: row 1 n1 = a + b, row 2 n2 = c + d, column 1 m = a + c.
  const int64_t n1 = a + b, n2 = c + d, m = a + c;
  const int64_t lo = std::max<int64_t>(0, m - n2), hi = std::min(m, n1);
  if (hi <= lo) return 1.0;
  // log weights relative to x = lo by the pmf ratio P(x+1)/P(x) = (n1-x)(m-x) / ((x+1)(n2-m+x+1)).
  std::vector<double> lw(static_cast<size_t>(hi - lo + 1));
  lw[0] = 0;
  for (int64_t x = lo; x < hi; ++x)
    lw[static_cast<size_t>(x - lo + 1)] = lw[static_cast<size_t>(x - lo)] +
        std::log(static_cast<double>(n1 - x) * static_cast<double>(m - x)) -
        std::log(static_cast<double>(x + 1) * static_cast<double>(n2 - m + x + 1));
  const double top = *std::max_element(lw.begin(), lw.end());
  const double obs = lw[static_cast<size_t>(a - lo)];
  // Tables at most as likely as the observed one, with R's relative tolerance 1e-7.
  const double cut = obs + std::log1p(1e-7);
  double total = 0, tail = 0;
  for (double v : lw) {
    const double w = std::exp(v - top);
    total += w;
    if (v <= cut) tail += w;
  }
  return std::min(1.0, tail / total);
}

double prob_beta_greater(double ab, double bb, double aa, double ba) {
  // Evan Miller: P(X_B > X_A) = sum_{i=0}^{ab-1} B(aa+i, ba+bb) / ((bb+i) B(1+i, bb) B(aa, ba)).
  // Term 0 = B(aa, ba+bb) / B(aa, ba) = prod_{j<bb} (ba+j) / (aa+ba+j) (bb is an integer);
  // t_{i+1} / t_i = (aa+i)(bb+i) / ((aa+ba+bb+i)(1+i)). Summed in logs from the largest term.
  double l0 = 0;
  const int64_t nb = static_cast<int64_t>(bb);
  for (int64_t j = 0; j < nb; ++j) l0 += std::log1p(-aa / (aa + ba + static_cast<double>(j)));
  const int64_t na = static_cast<int64_t>(ab);
  std::vector<double> lt(static_cast<size_t>(na));
  double l = l0;
  for (int64_t i = 0; i < na; ++i) {
    lt[static_cast<size_t>(i)] = l;
    const double di = static_cast<double>(i);
    l += std::log((aa + di) * (bb + di)) - std::log((aa + ba + bb + di) * (1 + di));
  }
  const double top = *std::max_element(lt.begin(), lt.end());
  double s = 0;
  for (double v : lt) s += std::exp(v - top);
  return std::min(1.0, std::exp(top + std::log(s)));
}

double normal_ind_power(double h, double nobs1, double ratio, double alpha) {
  const double nobs2 = nobs1 * ratio;
  const double nobs = 1.0 / (1.0 / nobs1 + 1.0 / nobs2);
  const double crit = normal_isf(alpha / 2);
  const double d = h * std::sqrt(nobs);
  return normal_sf(crit - d) + normal_cdf(-crit - d);
}

Result<AbResult> ab_test(const AbInput& in, InputIssue* why) {
  auto bad = [why](InputWhy w, std::string variant = {}, int64_t n = 0, int64_t m = 0) {
    InputIssue i{w};
    i.a = std::move(variant), i.n = n, i.m = m;
    return input_error(ErrorCode::invalid_argument, std::move(i), why);
  };
  if (in.a_visitors <= 0) return bad(InputWhy::ab_no_visitors, "A");
  if (in.b_visitors <= 0) return bad(InputWhy::ab_no_visitors, "B");
  if (in.a_conversions < 0 || in.b_conversions < 0) return bad(InputWhy::ab_negative_conversions);
  if (in.a_conversions > in.a_visitors) return bad(InputWhy::ab_conversions_over_visitors, "A", in.a_conversions, in.a_visitors);
  if (in.b_conversions > in.b_visitors) return bad(InputWhy::ab_conversions_over_visitors, "B", in.b_conversions, in.b_visitors);
  if (!(in.alpha > 0 && in.alpha < 1)) return bad(InputWhy::ab_alpha_range);
  if (!(in.power > in.alpha && in.power < 1)) return bad(InputWhy::ab_power_range);
  if (!(in.split > 0 && in.split < 1)) return bad(InputWhy::ab_split_range);
  if (in.a_revenue.empty() != in.b_revenue.empty()) return bad(InputWhy::ab_revenue_one_sided);
  if (!in.a_revenue.empty() && (in.a_revenue.size() < 2 || in.b_revenue.size() < 2)) return bad(InputWhy::ab_revenue_too_few);
  if (in.mde && !(*in.mde > -1)) return bad(InputWhy::ab_lift_range);

  AbResult r;
  const int64_t nA = in.a_visitors, kA = in.a_conversions, nB = in.b_visitors, kB = in.b_conversions;
  const double dnA = static_cast<double>(nA), dnB = static_cast<double>(nB);
  const double pA = static_cast<double>(kA) / dnA, pB = static_cast<double>(kB) / dnB;
  const double z = normal_isf(in.alpha / 2);
  r.a = {nA, kA, pA, 0, 0};
  r.b = {nB, kB, pB, 0, 0};
  wilson(kA, nA, z, r.a.wilson_lo, r.a.wilson_hi);
  wilson(kB, nB, z, r.b.wilson_lo, r.b.wilson_hi);

  const double pooled = static_cast<double>(kA + kB) / (dnA + dnB);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / dnA + 1 / dnB));
  if (se > 0) {
    r.z = (pB - pA) / se;
    r.z_p_value = 2 * normal_sf(std::fabs(r.z));
  } else {
    r.z = kNaN;
    r.z_p_value = kNaN;
  }
  r.fisher_p_value = fisher_two_sided(kA, nA - kA, kB, nB - kB);
  // Newcombe (hybrid score) for pB - pA from the two Wilson intervals.
  const double dlt = pB - pA;
  r.newcombe_lo = dlt - std::sqrt((pB - r.b.wilson_lo) * (pB - r.b.wilson_lo) + (r.a.wilson_hi - pA) * (r.a.wilson_hi - pA));
  r.newcombe_hi = dlt + std::sqrt((r.b.wilson_hi - pB) * (r.b.wilson_hi - pB) + (pA - r.a.wilson_lo) * (pA - r.a.wilson_lo));

  if (!in.a_revenue.empty()) {
    WelchResult w;
    auto moments = [](const std::vector<double>& v, double& mean, double& var) {
      double s = 0;
      for (double x : v) s += x;
      mean = s / static_cast<double>(v.size());
      double ss = 0;
      for (double x : v) ss += (x - mean) * (x - mean);
      var = ss / static_cast<double>(v.size() - 1);
    };
    double va = 0, vb = 0;
    moments(in.a_revenue, w.mean_a, va);
    moments(in.b_revenue, w.mean_b, vb);
    w.n_a = static_cast<int64_t>(in.a_revenue.size());
    w.n_b = static_cast<int64_t>(in.b_revenue.size());
    const double sa = va / static_cast<double>(w.n_a), sb = vb / static_cast<double>(w.n_b);
    if (sa + sb > 0) {
      w.t = (w.mean_b - w.mean_a) / std::sqrt(sa + sb);
      w.df = (sa + sb) * (sa + sb) / (sa * sa / static_cast<double>(w.n_a - 1) + sb * sb / static_cast<double>(w.n_b - 1));
      w.p_value = 2 * students_t_sf(std::fabs(w.t), w.df);
    } else {
      w.t = w.df = w.p_value = kNaN;
    }
    r.welch = w;
  }

  // Bayes, Beta(1 + k, 1 + n - k) posteriors.
  const double aA = 1 + static_cast<double>(kA), bA = 1 + static_cast<double>(nA - kA);
  const double aB = 1 + static_cast<double>(kB), bB = 1 + static_cast<double>(nB - kB);
  const double mA = aA / (aA + bA), mB = aB / (aB + bB);
  r.prob_b_beats_a = prob_beta_greater(aB, bB, aA, bA);
  const double h_b1 = prob_beta_greater(aB + 1, bB, aA, bA);  // P(B' > A), B' ~ Beta(aB+1, bB)
  const double h_a1 = prob_beta_greater(aB, bB, aA + 1, bA);  // P(B > A'), A' ~ Beta(aA+1, bA)
  r.expected_loss_a = std::max(0.0, mB * h_b1 - mA * h_a1);
  r.expected_loss_b = std::max(0.0, mA * (1 - h_a1) - mB * (1 - h_b1));

  // Sample-ratio mismatch against the planned split.
  const double tot = dnA + dnB, eA = tot * in.split, eB = tot * (1 - in.split);
  r.srm_chi2 = (dnA - eA) * (dnA - eA) / eA + (dnB - eB) * (dnB - eB) / eB;
  r.srm_p_value = chi_squared_sf(r.srm_chi2, 1);

  // Power and sample size.
  r.lift = in.mde ? *in.mde : (pA > 0 ? pB / pA - 1 : kNaN);
  const double p2 = in.mde ? std::min(1.0, pA * (1 + *in.mde)) : pB;
  r.effect_size_h = 2 * std::asin(std::sqrt(p2)) - 2 * std::asin(std::sqrt(pA));
  const double h = std::fabs(r.effect_size_h);
  if (h > 0) {
    r.sample_size_exact = solve_increasing([&](double n) { return normal_ind_power(h, n, 1.0, in.alpha); }, in.power, 1e-9, 1e15);
    r.sample_size_per_arm = static_cast<int64_t>(std::ceil(r.sample_size_exact));
    r.more_visitors_b = std::max<int64_t>(0, r.sample_size_per_arm - nB);
    r.peeking = nA < r.sample_size_per_arm || nB < r.sample_size_per_arm;
  } else {
    r.sample_size_exact = std::numeric_limits<double>::infinity();
  }
  const double ratio = dnB / dnA;
  const double pi = std::acos(-1.0);
  if (normal_ind_power(pi, dnA, ratio, in.alpha) >= in.power && pA > 0) {
    const double hm = solve_increasing([&](double x) { return normal_ind_power(x, dnA, ratio, in.alpha); }, in.power, 0.0, pi);
    const double ang = std::asin(std::sqrt(pA)) + hm / 2;
    r.mde = ang <= pi / 2 ? std::pow(std::sin(ang), 2) / pA - 1 : kNaN;
  } else {
    r.mde = kNaN;
  }
  // Expected cells of the 2x2 table under independence.
  const double convs = static_cast<double>(kA + kB), nonc = tot - convs;
  r.small_counts = std::min({dnA * convs, dnB * convs, dnA * nonc, dnB * nonc}) / tot < 5;

  if (r.srm_p_value < 0.001) r.verdict = AbVerdict::invalid_split;
  else if (r.z_p_value < in.alpha) r.verdict = pB > pA ? AbVerdict::b_better : AbVerdict::a_better;
  else if (r.peeking) r.verdict = AbVerdict::keep_running;
  else r.verdict = AbVerdict::no_difference;
  return r;
}

ArmCounts arm_counts(const Dataset& ds, DayRange range, int16_t source, int32_t product) {
  ArmCounts a;
  if (product < 0) {
    a.visitors = 0;
    for (size_t i = 0; i < ds.traffic_day.size(); ++i)
      if (range.contains(ds.traffic_day[i]) && ds.traffic_counts(i, source)) a.visitors += ds.traffic_visitors[i];
  }
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!range.contains(ds.order_day[o]) || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    if (source >= 0 && ds.order_source[o] != source) continue;
    if (product >= 0) {
      bool has = false;
      for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1] && !has; ++l) has = ds.line_product[l] == product;
      if (!has) continue;
    }
    ++a.conversions;
  }
  return a;
}

}  // namespace shopkeeper::insights
