#include "core/members/clv.h"

#include <Eigen/Dense>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "core/model/entities.h"

namespace shopkeeper::members {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Ctx {
  const std::vector<Rft>* rft = nullptr;
  const std::vector<Spend>* spend = nullptr;
  mutable bool bound_hit = false;  // a Pareto/NBD term hit its series / quadrature bound
};

std::array<double, 4> exp4(const std::vector<double>& t) {
  return {std::exp(t[0]), std::exp(t[1]), std::exp(t[2]), std::exp(t[3])};
}

double bg_objective(const std::vector<double>& t, std::vector<double>& g, const void* c) {
  const Ctx& ctx = *static_cast<const Ctx*>(c);
  std::array<double, 4> gr{};
  const double ll = bgnbd_loglik(exp4(t), *ctx.rft, &gr);
  for (size_t i = 0; i < 4; ++i) g[i] = -gr[i];
  return -ll;
}

double pnbd_objective(const std::vector<double>& t, std::vector<double>& g, const void* c) {
  const Ctx& ctx = *static_cast<const Ctx*>(c);
  std::array<double, 4> gr{};
  bool hit = false;
  const double ll = pnbd_loglik(exp4(t), *ctx.rft, &gr, &hit);
  ctx.bound_hit = ctx.bound_hit || hit;
  for (size_t i = 0; i < 4; ++i) g[i] = -gr[i];
  return -ll;
}

double gg_objective(const std::vector<double>& t, std::vector<double>& g, const void* c) {
  const Ctx& ctx = *static_cast<const Ctx*>(c);
  std::array<double, 3> gr{};
  const double ll = gg_loglik({std::exp(t[0]), std::exp(t[1]), std::exp(t[2])}, *ctx.spend, &gr);
  for (size_t i = 0; i < 3; ++i) g[i] = -gr[i];
  return -ll;
}

// Standard errors of the natural parameters p = exp(theta) from the Hessian of -loglik in
// theta: se(p_i) = p_i sqrt((H^-1)_ii) (delta method). NaN when H is not positive definite.
template <size_t N>
std::array<double, N> standard_errors(const Minimum& m) {
  std::array<double, N> se;
  se.fill(kNaN);
  if (m.hessian.size() != N * N) return se;
  Eigen::Matrix<double, static_cast<int>(N), static_cast<int>(N)> H;
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < N; ++j) H(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m.hessian[i * N + j];
  Eigen::LDLT<decltype(H)> ldlt(H);
  if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) return se;
  const auto inv = ldlt.solve(decltype(H)::Identity());
  for (size_t i = 0; i < N; ++i) {
    const double v = inv(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i));
    if (v > 0 && std::isfinite(v)) se[i] = std::exp(m.theta[i]) * std::sqrt(v);
  }
  return se;
}

constexpr int32_t kRateEdges[] = {0, 30, 90, 180, 365};
constexpr int kRateBuckets = 5;

// A customer's (x, t_x, T) in the fit's unit, as the likelihood reads it.
Rft rft_of(const ClvCustomer& c, double u) { return {static_cast<double>(c.x), c.t_x_days / u, c.T_days / u, 0}; }

// Customers in (x, t_x, T) order: identical ones are one group (one likelihood term, one
// computation of their figures).
std::array<int32_t, 3> rft_key(const ClvCustomer& c) { return {c.x, c.t_x_days, c.T_days}; }
std::vector<size_t> by_rft(const std::vector<ClvCustomer>& cs) {
  std::vector<size_t> order(cs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rft_key(cs[a]) < rft_key(cs[b]); });
  return order;
}

// The figures of one (x, t_x, T): P(alive) (when asked), the expected purchases over the
// horizon and the discounted sum of the expected purchases of each step of the horizon.
struct GroupFigures {
  double p_alive = kNaN, expected = kNaN, discounted = kNaN;
};
GroupFigures group_figures(const ClvFit& f, const Rft& c, bool p_alive) {
  GroupFigures r;
  if (!f.model_ok) return r;
  const ClvQuery& q = f.query;
  const auto& P = f.params;
  auto E = [&](double t) { return q.model == ClvModel::bgnbd ? bgnbd_expected(P, c, t) : pnbd_expected(P, c, t); };
  const double periods_per_year = q.unit == TimeUnit::week ? 365.0 / 7.0 : 365.0;
  const double step = q.unit == TimeUnit::week ? 4.0 : 28.0;
  if (p_alive) r.p_alive = q.model == ClvModel::bgnbd ? bgnbd_p_alive(P, c) : pnbd_p_alive(P, c);
  r.expected = E(f.horizon);
  double prev = 0, disc = 0;
  for (double t = step;; t += step) {
    const double te = std::min(t, f.horizon);
    const double e = te == f.horizon ? r.expected : E(te);
    disc += (e - prev) / std::pow(1 + q.discount_rate, te / periods_per_year);
    prev = e;
    if (te >= f.horizon) break;
  }
  r.discounted = disc;
  return r;
}

ClvFigures figures_of(const ClvFit& f, const ClvCustomer& c, const GroupFigures& g) {
  ClvFigures o;
  o.p_alive = g.p_alive;
  o.expected_purchases = g.expected;
  o.expected_value = f.spend_ok ? gg_expected_value(f.spend, c.x, c.zbar) * f.query.minor_per_major : kNaN;
  o.clv = f.model_ok && f.spend_ok ? o.expected_value * g.discounted : kNaN;
  return o;
}

}  // namespace

ClvFigures clv_figures(const ClvFit& f, const ClvCustomer& c) {
  const double u = f.query.unit == TimeUnit::week ? 7.0 : 1.0;
  return figures_of(f, c, group_figures(f, rft_of(c, u), true));
}

std::vector<ClvFigures> clv_figures_all(const ClvFit& f) {
  const double u = f.query.unit == TimeUnit::week ? 7.0 : 1.0;
  auto key = [&](size_t i) { return rft_key(f.customers[i]); };
  const std::vector<size_t> order = by_rft(f.customers);
  std::vector<ClvFigures> out(f.customers.size());
  GroupFigures g;
  for (size_t k = 0; k < order.size(); ++k) {
    const ClvCustomer& c = f.customers[order[k]];
    if (k == 0 || key(order[k]) != key(order[k - 1])) g = group_figures(f, rft_of(c, u), true);
    out[order[k]] = figures_of(f, c, g);
  }
  return out;
}

const char* model_name(ClvModel m) { return m == ClvModel::pnbd ? "pnbd" : "bgnbd"; }

struct ClvFitter::State {
  ClvFit out;
  std::vector<Rft> rft;
  std::vector<Spend> spend;
  std::vector<size_t> group_of;
  std::vector<int32_t> holdout_x;  // per customer: repeat transactions in the holdout period
  struct PerGroup {
    double hold = kNaN, discounted = kNaN;  // discounted: sum of dE / (1+d)^t
  };
  std::vector<PerGroup> pg;
  bool fit = false, model_ok = false, spend_ok = false;
  int phase = 0;      // 0 count model, 1 spend model, 2 per-group figures, 3 per customer, 4 done
  size_t next_group = 0;
};

Result<ClvFitter> ClvFitter::start(const Dataset& ds, const ClvQuery& q) {
  ClvFitter job;
  job.s_ = std::make_shared<State>();
  State& st = *job.s_;
  auto bad = [](const std::string& m) { return make_error(ErrorCode::invalid_argument, m); };
  ClvFit& out = st.out;
  out.query = q;
  const double u = q.unit == TimeUnit::week ? 7.0 : 1.0;
  out.horizon = q.horizon > 0 ? q.horizon : (q.unit == TimeUnit::week ? 52.0 : 365.0);
  if (q.horizon < 0 || !std::isfinite(q.horizon) || out.horizon * u > 36525)
    return bad("the horizon must be a positive number of periods (at most 100 years)");
  if (!(q.discount_rate >= 0 && q.discount_rate < 10)) return bad("the discount rate must be an annual fraction from 0 up to 10 (0.1 = 10 %)");

  // One pass over the orders (in placed order, so days never go back per customer).
  const size_t nc = ds.customer_id.size();
  std::vector<Day> first(nc, INT32_MAX), last(nc, 0), last_hold(nc, INT32_MIN);
  std::vector<int32_t> ncal(nc, 0), nhold(nc, 0);
  std::vector<Money> first_value(nc, 0), cal_value(nc, 0);
  std::array<int64_t, kRateBuckets> reached{}, repeated{};
  auto spell = [&](int32_t len, bool ended) {
    for (int b = 0; b < kRateBuckets; ++b) {
      if (len < kRateEdges[b]) break;
      ++reached[static_cast<size_t>(b)];
      if (ended && (b + 1 == kRateBuckets || len < kRateEdges[b + 1])) ++repeated[static_cast<size_t>(b)];
    }
  };
  Day lo_day = INT32_MAX, hi_day = INT32_MIN;
  for (size_t o = 0; o < ds.orders(); ++o) {
    const int32_t ci = ds.order_customer[o];
    if (ci < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    const size_t c = static_cast<size_t>(ci);
    const Day d = ds.order_day[o];
    lo_day = std::min(lo_day, d);
    hi_day = std::max(hi_day, d);
    if (d <= q.calibration_end) {
      if (first[c] == INT32_MAX) {
        first[c] = last[c] = d;
        ncal[c] = 1;
      } else if (d != last[c]) {
        spell(d - last[c], true);
        last[c] = d;
        ++ncal[c];
      }
      if (d == first[c]) first_value[c] += ds.order_paid[o];
      cal_value[c] += ds.order_paid[o];
    } else if (q.holdout_end && d <= *q.holdout_end && first[c] != INT32_MAX && d != last_hold[c]) {
      last_hold[c] = d;
      ++nhold[c];
    }
  }
  if (lo_day == INT32_MAX) return bad("the store has no valid orders of known customers: nothing to fit");
  if (lo_day == hi_day) return bad("all valid orders of known customers are on one day (" + format_day(lo_day) + "): nothing to fit");
  if (q.calibration_end < lo_day)
    return bad("the calibration end " + format_day(q.calibration_end) + " is before the first order (" + format_day(lo_day) + ")");
  if (q.calibration_end > hi_day)
    return bad("the calibration end " + format_day(q.calibration_end) + " is after the last order (" + format_day(hi_day) + ")");
  if (q.holdout_end) {
    if (*q.holdout_end <= q.calibration_end) return bad("the holdout end must be after the calibration end");
    if (*q.holdout_end > hi_day)
      return bad("the holdout end " + format_day(*q.holdout_end) + " is after the last order (" + format_day(hi_day) + ")");
    out.has_holdout = true;
  }

  std::vector<Rft>& rft = st.rft;
  std::vector<Spend>& spend = st.spend;
  for (size_t c = 0; c < nc; ++c) {
    if (first[c] == INT32_MAX) continue;
    spell(q.calibration_end - last[c], false);
    ClvCustomer cu;
    cu.customer = static_cast<int32_t>(c);
    cu.x = ncal[c] - 1;
    cu.t_x_days = last[c] - first[c];
    cu.T_days = q.calibration_end - first[c];
    st.holdout_x.push_back(nhold[c]);
    if (cu.x > 0) {
      cu.zbar = static_cast<double>(cal_value[c] - first_value[c]) / cu.x / q.minor_per_major;
      if (cu.zbar > 0) spend.push_back({static_cast<double>(cu.x), cu.zbar, 1});
      else ++out.spend_excluded;
      ++out.n_repeaters;
    }
    out.customers.push_back(cu);
  }
  out.n_customers = static_cast<int64_t>(out.customers.size());
  for (int b = 0; b < kRateBuckets; ++b) {
    RepeatRate r;
    r.from_days = kRateEdges[b];
    r.to_days = b + 1 < kRateBuckets ? kRateEdges[b + 1] : -1;
    r.reached = reached[static_cast<size_t>(b)];
    r.repeated = repeated[static_cast<size_t>(b)];
    r.rate = r.reached > 0 ? static_cast<double>(r.repeated) / static_cast<double>(r.reached) : kNaN;
    out.repeat_rates.push_back(r);
  }

  // Identical (x, t_x, T) customers are one weighted term of the likelihood.
  auto key = [&](size_t i) { return rft_key(out.customers[i]); };
  const std::vector<size_t> order = by_rft(out.customers);
  std::vector<size_t>& group_of = st.group_of;
  group_of.resize(out.customers.size());
  for (size_t k = 0; k < order.size(); ++k) {
    const ClvCustomer& c = out.customers[order[k]];
    if (rft.empty() || key(order[k]) != key(order[k - 1]))
      rft.push_back(rft_of(c, u));
    rft.back().w += 1;
    group_of[order[k]] = rft.size() - 1;
  }

  // Repeat buyers by x (stable: ties keep customer order), so gg_loglik computes its gamma
  // terms once per distinct x.
  std::stable_sort(spend.begin(), spend.end(), [](const Spend& a, const Spend& b) { return a.x < b.x; });
  st.fit = out.n_repeaters >= q.min_repeaters;
  st.pg.resize(rft.size());
  return job;
}

double ClvFitter::progress() const {
  const State& st = *s_;
  if (st.phase >= 3) return st.phase >= 4 ? 1.0 : 0.95;
  if (st.phase < 2) return st.phase * 0.2;
  return 0.4 + 0.55 * (st.rft.empty() ? 1.0 : static_cast<double>(st.next_group) / static_cast<double>(st.rft.size()));
}

ClvFit& ClvFitter::result() { return s_->out; }

bool ClvFitter::step(int64_t budget) {
  State& st = *s_;
  ClvFit& out = st.out;
  const ClvQuery& q = out.query;
  const double u = q.unit == TimeUnit::week ? 7.0 : 1.0;
  std::vector<Rft>& rft = st.rft;
  std::vector<Spend>& spend = st.spend;
  Ctx ctx{&rft, &spend};
  const bool fit = st.fit;
  if (st.phase == 0) {
  if (!fit) {
    out.code = FitCode::too_few_repeaters;
  } else {
    double mx = 0, mT = 0;
    for (const Rft& g : rft) {
      mx += g.w * g.x;
      mT += g.w * g.T;
    }
    mx /= static_cast<double>(out.n_customers);
    mT /= static_cast<double>(out.n_customers);
    const double alpha0 = std::max(mT, 1.0 / u) / std::max(mx, 0.05);
    std::vector<double> t0 = q.model == ClvModel::bgnbd
                                 ? std::vector<double>{0.0, std::log(alpha0), 0.0, std::log(3.0)}
                                 : std::vector<double>{0.0, std::log(alpha0), 0.0, std::log(std::max(mT, 1.0 / u))};
    const Minimum m = minimise(q.model == ClvModel::bgnbd ? bg_objective : pnbd_objective, &ctx, t0, 1e-6, 500);
    out.code = m.code;
    if (m.code != FitCode::converged && ctx.bound_hit) out.code = FitCode::term_bound;
    out.iterations = m.iterations;
    out.grad_norm = m.grad_norm;
    out.params = exp4(m.theta);
    out.loglik = -m.value;
    out.se = standard_errors<4>(m);
    if (m.code == FitCode::non_finite) out.params.fill(kNaN);
  }
    st.phase = 1;
    return false;
  }
  if (st.phase == 1) {
  if (static_cast<int64_t>(spend.size()) >= q.min_repeaters) {
    double mz = 0;
    for (const Spend& s : spend) mz += s.zbar;
    mz /= static_cast<double>(spend.size());
    const Minimum m = minimise(gg_objective, &ctx, {0.0, std::log(2.0), std::log(mz)}, 1e-6, 500);
    out.spend_code = m.code;
    out.spend = {std::exp(m.theta[0]), std::exp(m.theta[1]), std::exp(m.theta[2])};
    out.spend_loglik = -m.value;
    out.spend_se = standard_errors<3>(m);
    out.spend_n = static_cast<int64_t>(spend.size());
  } else {
    out.spend_code = FitCode::too_few_repeaters;
    out.spend_n = static_cast<int64_t>(spend.size());
  }
    out.model_ok = st.model_ok = fit && std::isfinite(out.params[0]);
    out.spend_ok = st.spend_ok = out.spend_code != FitCode::too_few_repeaters && out.spend_code != FitCode::non_finite &&
                        out.spend[1] > 1;
    st.phase = 2;
    return false;
  }
  // Per customer, computed once per distinct (x, t_x, T).
  const bool model_ok = st.model_ok;
  const double hold_t = out.has_holdout ? (*q.holdout_end - q.calibration_end) / u : 0;
  using PerGroup = State::PerGroup;
  std::vector<PerGroup>& pg = st.pg;
  if (st.phase == 2) {
  if (!model_ok) st.next_group = rft.size();
  if (model_ok) {
    const size_t end = std::min(rft.size(), st.next_group + static_cast<size_t>(std::max<int64_t>(budget, 1)));
    for (size_t g = st.next_group; g < end; ++g) {
      const Rft& c = rft[g];
      PerGroup& r = pg[g];
      r.discounted = group_figures(out, c, false).discounted;
      if (out.has_holdout) r.hold = q.model == ClvModel::bgnbd ? bgnbd_expected(out.params, c, hold_t) : pnbd_expected(out.params, c, hold_t);
    }
    st.next_group = end;
  }
    if (st.next_group >= rft.size()) st.phase = 3;
    return false;
  }
  if (st.phase >= 4) return true;
  const std::vector<size_t>& group_of = st.group_of;
  out.by_frequency.resize(8);
  for (int b = 0; b < 8; ++b) out.by_frequency[static_cast<size_t>(b)].x = b;
  // The CLV of each customer only as the sort key of by_clv (the figures are derived when read).
  std::vector<double> key(out.customers.size());
  for (size_t i = 0; i < out.customers.size(); ++i) {
    const ClvCustomer& c = out.customers[i];
    const PerGroup& r = pg[group_of[i]];
    GroupFigures g;
    g.discounted = r.discounted;
    const double v = figures_of(out, c, g).clv;
    key[i] = std::isfinite(v) ? v : -1e300;
    if (out.has_holdout) {
      const int32_t hx = st.holdout_x[i];
      out.holdout_predicted += r.hold;
      out.holdout_actual += hx;
      ClvBucket& b = out.by_frequency[static_cast<size_t>(std::min(c.x, 7))];
      b.customers += 1;
      b.predicted += r.hold;
      b.actual += hx;
    }
  }
  out.by_clv.resize(out.customers.size());
  for (size_t i = 0; i < out.by_clv.size(); ++i) out.by_clv[i] = static_cast<int32_t>(i);
  std::stable_sort(out.by_clv.begin(), out.by_clv.end(),
                   [&](int32_t a, int32_t b) { return key[static_cast<size_t>(a)] > key[static_cast<size_t>(b)]; });
  if (!model_ok) out.holdout_predicted = kNaN;
  for (ClvBucket& b : out.by_frequency)
    if (b.customers > 0) {
      b.predicted /= static_cast<double>(b.customers);
      b.actual /= static_cast<double>(b.customers);
    }
  if (!out.has_holdout) out.by_frequency.clear();
  st.phase = 4;
  return true;
}

Result<ClvFit> fit_clv(const Dataset& ds, const ClvQuery& q) {
  auto job = ClvFitter::start(ds, q);
  if (!job) return job.error();
  while (!job->step(INT64_MAX / 4)) {
  }
  return std::move(job->result());
}

}  // namespace shopkeeper::members
