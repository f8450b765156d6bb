#include "core/pricing/elasticity.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

#include "core/model/entities.h"
#include "core/promotions/calendar.h"

namespace shopkeeper::pricing {

namespace {

namespace bm = boost::math;
// No exceptions in the core (wasm): errors set errno and return NaN instead of throwing.
using NoThrow = bm::policies::policy<bm::policies::domain_error<bm::policies::errno_on_error>,
                                     bm::policies::overflow_error<bm::policies::errno_on_error>,
                                     bm::policies::evaluation_error<bm::policies::errno_on_error>,
                                     bm::policies::rounding_error<bm::policies::errno_on_error>>;

double t975(int64_t df) {
  bm::students_t_distribution<double, NoThrow> t(static_cast<double>(df));
  return bm::quantile(bm::complement(t, 0.025));
}

constexpr double kTwoPi = 6.283185307179586476925286766559;


// Per-period controls, shared by every SKU.
struct Controls {
  std::vector<std::string> names;  // trend, season_sin, season_cos, festival, promotion, weekday_1..6
  std::vector<double> v;           // period-major: v[t * names.size() + j]
  size_t k() const { return names.size(); }
};

struct Obs {
  int32_t period;
  double ln_units, ln_price;
  double shelf;  // the period's shelf price: the highest unit price on its lines (before item discounts)
  int64_t units;
};

// A zero period of a PPML fit: its shelf price (the mean list price in force over its days).
struct ZeroObs {
  int32_t period;
  double shelf;  // -1 when unknown
};

constexpr double kZ975 = 1.959963984540054;  // the normal 97.5% quantile (statsmodels GLM's intervals)

// The estimate a row shows.
void show(ElasticityRow& row, const Fit& f, EstimateSource src) {
  row.source = src;
  row.elasticity = f.elasticity;
  row.ci_low = f.ci_low;
  row.ci_high = f.ci_high;
  row.r2 = f.r2;
}

// A PPML fit's figures from its estimate b and covariance V (HC0): coefficients, standard errors,
// the deviance pseudo-R^2 1 - dev / dev0, the price coefficient's normal 95% interval; ok when all
// are finite and the error is above zero.
void finish_ppml(Fit& f, const Eigen::VectorXd& b, const Eigen::MatrixXd& V, double dev, double dev0, int price_col) {
  f.coef.resize(static_cast<size_t>(b.size()));
  f.se.resize(static_cast<size_t>(b.size()));
  for (Eigen::Index i = 0; i < b.size(); ++i) {
    f.coef[static_cast<size_t>(i)] = b(i);
    f.se[static_cast<size_t>(i)] = std::sqrt(std::max(0.0, V(i, i)));
  }
  f.r2 = dev0 > 0 ? 1 - dev / dev0 : 0;
  f.elasticity = f.coef[static_cast<size_t>(price_col)];
  f.elasticity_se = f.se[static_cast<size_t>(price_col)];
  f.ci_low = f.elasticity - kZ975 * f.elasticity_se;
  f.ci_high = f.elasticity + kZ975 * f.elasticity_se;
  f.ok = std::isfinite(f.elasticity) && std::isfinite(f.ci_low) && std::isfinite(f.ci_high) && std::isfinite(f.r2) &&
         f.elasticity_se > 0;
}

bool varies(const std::vector<double>& col) {
  if (col.empty()) return false;
  auto [mn, mx] = std::minmax_element(col.begin(), col.end());
  return *mx - *mn > 1e-12;
}

}  // namespace

const char* elasticity_why_name(ElasticityWhy w) {
  switch (w) {
    case ElasticityWhy::usable: return "usable";
    case ElasticityWhy::no_periods: return "no_periods";
    case ElasticityWhy::few_periods: return "few_periods";
    case ElasticityWhy::one_price: return "one_price";
    case ElasticityWhy::narrow_range: return "narrow_range";
    case ElasticityWhy::few_levels: return "few_levels";
    case ElasticityWhy::collinear: return "collinear";
    case ElasticityWhy::not_converged: return "not_converged";
    case ElasticityWhy::no_shelf_price: return "no_shelf_price";
  }
  return "";
}

const char* method_name(Method m) { return m == Method::ppml ? "ppml" : "ols_loglog"; }

Fit ppml(const std::vector<double>& xv, const std::vector<double>& yv, std::vector<std::string> names, int price_col) {
  Fit f;
  f.method = Method::ppml;
  f.converged = false;
  f.columns = std::move(names);
  const Eigen::Index p = static_cast<Eigen::Index>(f.columns.size());
  const Eigen::Index n = static_cast<Eigen::Index>(yv.size());
  f.n_obs = n;
  f.df = static_cast<int64_t>(n - p);
  if (p == 0 || f.df <= 0) return f;
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> X(xv.data(), n, p);
  Eigen::Map<const Eigen::VectorXd> y(yv.data(), n);
  const double ybar = y.mean();
  if (!(ybar > 0)) return f;
  // Newton on the Poisson log-likelihood = IRLS with working response z = eta + (y - mu) / mu and
  // weights mu, started from mu = (y + mean y) / 2 (statsmodels' start for Poisson).
  Eigen::VectorXd mu = (y.array() + ybar) / 2;
  Eigen::VectorXd eta = mu.array().log();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(p);
  Eigen::MatrixXd H(p, p);
  for (int it = 1; it <= kPpmlMaxIter; ++it) {
    const Eigen::VectorXd z = eta.array() + (y - mu).array() / mu.array();
    const Eigen::MatrixXd XtW = X.transpose() * mu.asDiagonal();
    H.noalias() = XtW * X;
    // X'WX with all weights > 0 has the rank of X: checked once, on the p x p matrix (cheaper
    // than a QR of the n x p design). Not a convergence failure.
    if (it == 1) {
      Eigen::ColPivHouseholderQR<Eigen::MatrixXd> piv(H);
      if (piv.rank() < p) {
        f.converged = true;
        return f;
      }
    }
    Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
    if (ldlt.info() != Eigen::Success) return f;
    const Eigen::VectorXd nb = ldlt.solve(XtW * z);
    if (!nb.allFinite()) return f;
    const double step = (nb - b).cwiseAbs().maxCoeff();
    b = nb;
    eta.noalias() = X * b;
    // exp() out of range: the fit runs off (a SKU whose sales all sit on one side of a control).
    if (eta.maxCoeff() > 700 || eta.minCoeff() < -700) return f;
    mu = eta.array().exp();
    f.iterations = it;
    if (it > 1 && step <= 1e-9 * (1 + b.cwiseAbs().maxCoeff())) {
      f.converged = true;
      break;
    }
  }
  if (!f.converged) return f;
  // Sandwich (HC0): (X'WX)^-1 X' diag((y - mu)^2) X (X'WX)^-1 at the estimate.
  const Eigen::VectorXd r2v = (y - mu).array().square();
  H.noalias() = X.transpose() * mu.asDiagonal() * X;
  const Eigen::MatrixXd B = X.transpose() * r2v.asDiagonal() * X;
  Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
  const Eigen::MatrixXd Hinv = ldlt.solve(Eigen::MatrixXd::Identity(p, p));
  const Eigen::MatrixXd V = Hinv * B * Hinv;
  // Deviance R^2: 1 - D / D0, D = 2 sum(y ln(y / mu) - (y - mu)), D0 the same at mu = mean y.
  double dev = 0, dev0 = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double yi = y(i);
    if (yi > 0) {
      dev += yi * std::log(yi / mu(i));
      dev0 += yi * std::log(yi / ybar);
    }
    dev -= yi - mu(i);
  }
  finish_ppml(f, b, V, dev, dev0, price_col);
  return f;
}

void PooledRows::clear() {
  group_begin.assign(1, 0);
  period.clear();
  ln_price.clear();
  y.clear();
}

// Poisson PML with one effect per group, the effects concentrated out (exact for Poisson: at any
// slope b the likelihood's best effect of group g is ln(sum y_g) - ln(sum exp(z b)) over its rows,
// so the profile is concave in b and its Newton step uses the Schur complement of the effects'
// block: A = sum mu z z' - sum_g (sum_g mu z)(sum_g mu z)' / sum_g mu, the mu-weighted within
// cross products). The controls' blocks of every sum over rows are summed by period first (the
// controls depend on the period only), so a pass costs rows x (1 + cols) and periods x cols^2.
Fit ppml_within(const PooledRows& rows, const std::vector<double>& ctl, const std::vector<std::string>& ctl_names) {
  Fit f;
  f.method = Method::ppml;
  f.converged = false;
  const size_t k = ctl_names.size();
  const size_t G = rows.groups(), n = rows.y.size();
  f.n_obs = static_cast<int64_t>(n);
  if (G == 0 || n == 0) return f;
  int32_t nper = 0;
  for (int32_t t : rows.period) nper = std::max(nper, t + 1);
  // Columns: log_price, then the controls that vary within some group.
  auto varies_within = [&](auto value) {
    for (size_t g = 0; g < G; ++g) {
      const uint32_t b = rows.group_begin[g], e = rows.group_begin[g + 1];
      for (uint32_t i = b + 1; i < e; ++i)
        if (std::abs(value(i) - value(b)) > 1e-12) return true;
    }
    return false;
  };
  if (!varies_within([&](uint32_t i) { return rows.ln_price[i]; })) return f;
  std::vector<size_t> cols;
  for (size_t j = 0; j < k; ++j)
    if (varies_within([&](uint32_t i) { return ctl[static_cast<size_t>(rows.period[i]) * k + j]; })) cols.push_back(j);
  const Eigen::Index m = static_cast<Eigen::Index>(1 + cols.size());
  f.columns.push_back("log_price");
  for (size_t j : cols) f.columns.push_back(ctl_names[j]);
  f.df = static_cast<int64_t>(n) - static_cast<int64_t>(G) - m;
  if (f.df <= 0) return f;
  // The kept controls, period-major.
  Eigen::MatrixXd C(nper, m - 1);
  for (int32_t t = 0; t < nper; ++t)
    for (size_t j = 0; j < cols.size(); ++j) C(t, static_cast<Eigen::Index>(j)) = ctl[static_cast<size_t>(t) * k + cols[j]];
  auto z_dot = [&](uint32_t i, const Eigen::VectorXd& b) {
    return rows.ln_price[i] * b(0) + C.row(rows.period[i]).dot(b.tail(m - 1));
  };
  std::vector<double> mu(n);
  Eigen::VectorXd S0(nper), S1(nper);  // per period: sum w, sum w ln_price
  // sum w z z' over rows, from per-period sums, for row weights w.
  auto cross = [&](const std::vector<double>& w) {
    S0.setZero();
    S1.setZero();
    double s2 = 0;
    for (size_t i = 0; i < n; ++i) {
      S0(rows.period[i]) += w[i];
      S1(rows.period[i]) += w[i] * rows.ln_price[i];
      s2 += w[i] * rows.ln_price[i] * rows.ln_price[i];
    }
    Eigen::MatrixXd M(m, m);
    M(0, 0) = s2;
    M.block(0, 1, 1, m - 1) = (C.transpose() * S1).transpose();
    M.block(1, 0, m - 1, 1) = M.block(0, 1, 1, m - 1).transpose();
    M.block(1, 1, m - 1, m - 1) = C.transpose() * S0.asDiagonal() * C;
    return M;
  };
  // One pass at slope b: the profiled effects, mu, the log-likelihood (up to a constant), and the
  // gradient and profile Hessian when asked.
  std::vector<double> w(n);
  Eigen::VectorXd grad(m);
  Eigen::MatrixXd A(m, m);
  auto pass = [&](const Eigen::VectorXd& b, bool derivs) {
    double ll = 0;
    Eigen::MatrixXd outer = Eigen::MatrixXd::Zero(m, m);
    Eigen::VectorXd szw(m);
    for (size_t g = 0; g < G; ++g) {
      const uint32_t lo = rows.group_begin[g], hi = rows.group_begin[g + 1];
      double mx = -INFINITY, ysum = 0;
      for (uint32_t i = lo; i < hi; ++i) {
        w[i] = z_dot(i, b);
        mx = std::max(mx, w[i]);
        ysum += rows.y[i];
      }
      double s = 0;
      for (uint32_t i = lo; i < hi; ++i) s += std::exp(w[i] - mx);
      const double alpha = std::log(ysum) - mx - std::log(s);
      szw.setZero();
      for (uint32_t i = lo; i < hi; ++i) {
        const double eta = alpha + w[i];
        mu[i] = std::exp(eta);
        ll += rows.y[i] * eta - mu[i];
        if (derivs) {
          szw(0) += mu[i] * rows.ln_price[i];
          szw.tail(m - 1) += mu[i] * C.row(rows.period[i]).transpose();
        }
      }
      if (derivs) outer.noalias() += szw * szw.transpose() / ysum;  // sum_g mu = sum_g y at the profiled effect
    }
    if (derivs) {
      A = cross(mu) - outer;
      for (size_t i = 0; i < n; ++i) w[i] = rows.y[i] - mu[i];
      S0.setZero();
      grad.setZero();
      for (size_t i = 0; i < n; ++i) {
        grad(0) += w[i] * rows.ln_price[i];
        S0(rows.period[i]) += w[i];
      }
      grad.tail(m - 1) = C.transpose() * S0;
    }
    return ll;
  };
  Eigen::VectorXd b = Eigen::VectorXd::Zero(m);
  double ll = pass(b, true);
  {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> piv(A);
    if (piv.rank() < m) {  // the price moved only with a control: not a convergence failure
      f.converged = true;
      return f;
    }
  }
  for (int it = 1; it <= kPpmlMaxIter; ++it) {
    Eigen::LDLT<Eigen::MatrixXd> ldlt(A);
    if (ldlt.info() != Eigen::Success) return f;
    const Eigen::VectorXd step = ldlt.solve(grad);
    if (!step.allFinite()) return f;
    // Step halving while the likelihood falls (the profile is concave, so a full step is taken
    // near the optimum).
    double t = 1, cand_ll = 0;
    Eigen::VectorXd cand;
    for (int h = 0; h < 30; ++h, t /= 2) {
      cand = b + t * step;
      cand_ll = pass(cand, true);
      if (std::isfinite(cand_ll) && cand_ll >= ll - 1e-12 * std::abs(ll)) break;
    }
    const double moved = (cand - b).cwiseAbs().maxCoeff();
    b = cand;
    ll = cand_ll;
    f.iterations = it;
    if (!std::isfinite(ll) || b.cwiseAbs().maxCoeff() > 700) return f;  // the fit runs off
    if (moved <= 1e-9 * (1 + b.cwiseAbs().maxCoeff())) {
      f.converged = true;
      break;
    }
  }
  if (!f.converged) return f;
  // Sandwich (HC0) of the slopes: A^-1 B A^-1 with B = sum r^2 (z - zbar_g)(z - zbar_g)', zbar_g
  // the group's mu-weighted mean (the slopes' block of the full (X'WX)^-1 X' diag(r^2) X (X'WX)^-1
  // with the group dummies in X). B = sum r^2 z z' - sum_g [zbar_g q_g' + q_g zbar_g' - R_g zbar_g
  // zbar_g'] with q_g = sum_g r^2 z and R_g = sum_g r^2. mu and A are the last pass's, at b (the
  // step accepted last).
  for (size_t i = 0; i < n; ++i) w[i] = (rows.y[i] - mu[i]) * (rows.y[i] - mu[i]);
  Eigen::MatrixXd B = cross(w);
  Eigen::VectorXd zbar(m), qg(m);
  double dev = 0, dev0 = 0;
  for (size_t g = 0; g < G; ++g) {
    const uint32_t lo = rows.group_begin[g], hi = rows.group_begin[g + 1];
    zbar.setZero();
    qg.setZero();
    double sw = 0, rg = 0, ysum = 0;
    for (uint32_t i = lo; i < hi; ++i) {
      zbar(0) += mu[i] * rows.ln_price[i];
      zbar.tail(m - 1) += mu[i] * C.row(rows.period[i]).transpose();
      qg(0) += w[i] * rows.ln_price[i];
      qg.tail(m - 1) += w[i] * C.row(rows.period[i]).transpose();
      sw += mu[i];
      rg += w[i];
      ysum += rows.y[i];
    }
    zbar /= sw;
    B.noalias() -= zbar * qg.transpose() + qg * zbar.transpose() - rg * zbar * zbar.transpose();
    // Deviance, and the deviance of the effects alone (mu = the group's mean count).
    const double ybar = ysum / static_cast<double>(hi - lo);
    for (uint32_t i = lo; i < hi; ++i) {
      const double yi = rows.y[i];
      if (yi > 0) {
        dev += yi * std::log(yi / mu[i]);
        dev0 += yi * std::log(yi / ybar);
      }
      dev -= yi - mu[i];
    }
  }
  Eigen::LDLT<Eigen::MatrixXd> ldlt(A);
  const Eigen::MatrixXd Ainv = ldlt.solve(Eigen::MatrixXd::Identity(m, m));
  const Eigen::MatrixXd V = Ainv * B * Ainv;
  finish_ppml(f, b, V, dev, dev0, 0);
  return f;
}

Fit ols(const std::vector<double>& xv, const std::vector<double>& yv, std::vector<std::string> names, int price_col,
        int64_t extra_df) {
  Fit f;
  f.columns = std::move(names);
  const Eigen::Index p = static_cast<Eigen::Index>(f.columns.size());
  const Eigen::Index n = static_cast<Eigen::Index>(yv.size());
  f.n_obs = n;
  f.df = static_cast<int64_t>(n - p) - extra_df;
  if (p == 0 || f.df <= 0) return f;
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> X(xv.data(), n, p);
  Eigen::Map<const Eigen::VectorXd> y(yv.data(), n);
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> piv(X);
  if (piv.rank() < p) return f;
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(X);
  Eigen::VectorXd b = qr.solve(y);
  Eigen::MatrixXd R = qr.matrixQR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  Eigen::MatrixXd Rinv = R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  Eigen::VectorXd resid = y - X * b;
  const double rss = resid.squaredNorm();
  const double mean = y.mean();
  const double tss = (y.array() - mean).square().sum();
  const double s2 = rss / static_cast<double>(f.df);
  f.coef.resize(static_cast<size_t>(p));
  f.se.resize(static_cast<size_t>(p));
  for (Eigen::Index i = 0; i < p; ++i) {
    f.coef[static_cast<size_t>(i)] = b(i);
    f.se[static_cast<size_t>(i)] = std::sqrt(s2 * Rinv.row(i).squaredNorm());
  }
  f.r2 = tss > 0 ? 1 - rss / tss : 0;
  f.elasticity = f.coef[static_cast<size_t>(price_col)];
  f.elasticity_se = f.se[static_cast<size_t>(price_col)];
  const double t = t975(f.df);
  if (!std::isfinite(t)) return f;
  f.ci_low = f.elasticity - t * f.elasticity_se;
  f.ci_high = f.elasticity + t * f.elasticity_se;
  f.ok = std::isfinite(f.elasticity) && std::isfinite(f.ci_low) && std::isfinite(f.ci_high);
  return f;
}

Result<ElasticityInputs> load_elasticity_inputs(Db& db) {
  ElasticityInputs in;
  auto st = db.prepare("SELECT starts_at, ends_at FROM promotions WHERE status != 'draft' AND starts_at IS NOT NULL");
  if (!st) return st.error();
  while (st->step()) {
    Day a = day_of(st->i64(0));
    Day b = st->is_null(1) ? a + 36500 : day_of(st->i64(1));
    if (b >= a) in.promotion_windows.push_back({a, b});
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  // The shop's own campaigns (festival sales with their threshold discounts) are promotion days too.
  auto cs = db.prepare("SELECT starts_on, ends_on FROM campaigns WHERE starts_on IS NOT NULL AND ends_on IS NOT NULL");
  if (!cs) return cs.error();
  while (cs->step()) {
    const Day a = static_cast<Day>(cs->i64(0)), b = static_cast<Day>(cs->i64(1));
    if (b >= a) in.promotion_windows.push_back({a, b});
  }
  if (cs->failed()) return make_error(ErrorCode::db_error, cs->error());
  // List-price changes, by SKU then time (ties by id: the order they were logged).
  auto ph = db.prepare("SELECT sku, at, old_price, new_price FROM price_history ORDER BY sku, at, id");
  if (!ph) return ph.error();
  while (ph->step())
    in.list_changes.push_back({ph->text(0), day_of(ph->i64(1)), ph->is_null(2) ? Money{-1} : ph->i64(2), ph->i64(3)});
  if (ph->failed()) return make_error(ErrorCode::db_error, ph->error());
  return in;
}

// The run's state between slices: the controls, the orders grouped by SKU (counting sort), the
// SKUs to fit in category order, and the current category's rows for its pooled fit.
struct ElasticityRun::State {
  const Dataset& ds;
  ElasticityQuery q;
  Elasticity out;
  DayRange r;
  bool weekly = true;
  int32_t step = 7, nper = 0;
  Controls ctl;
  std::vector<uint32_t> begin, entries;
  std::vector<int32_t> prods;
  size_t next = 0;  // into prods
  bool finished = false;
  // Per-SKU scratch, reused.
  std::vector<int64_t> units;
  std::vector<Money> rev, gross;  // gross: the period's highest line unit price (its shelf price)
  std::vector<int32_t> touched;
  std::vector<Obs> obs;
  std::vector<ZeroObs> zeros;
  std::vector<double> x, y, col;
  // List-price changes per product (into `in.list_changes`, which outlives the run).
  const ElasticityInputs& in;
  std::vector<uint32_t> lc_begin, lc_end;
  // The current category's rows for its pooled PPML (every SKU of it, per-SKU effects).
  PooledRows pool;
  size_t cat_first_row = 0;
  int32_t cur_cat = INT32_MIN;

  State(const Dataset& d, const ElasticityInputs& in, const ElasticityQuery& query);
  void reset_pool();
  void finish_category(int32_t cat);
  void fit(int32_t p);
  void finish();
  double shelf_price(int32_t p, int32_t period) const;
};

// The mean over the period's days of the list price in force that day, for a product with logged
// changes: the last change on or before the day, else the first change's old price; -1 when that
// is unknown (not recorded or not above zero) on any of its days.
double ElasticityRun::State::shelf_price(int32_t p, int32_t period) const {
  const uint32_t b = lc_begin[static_cast<size_t>(p)], e = lc_end[static_cast<size_t>(p)];
  const Day d0 = r.first + period * step;
  double sum = 0;
  uint32_t k = b;  // first change after the day
  for (int32_t i = 0; i < step; ++i) {
    const Day d = d0 + i;
    while (k < e && in.list_changes[k].day <= d) ++k;
    Money price = 0;
    if (k > b) price = in.list_changes[k - 1].new_price;
    else if (b < e) price = in.list_changes[b].old_price;
    if (price <= 0) return -1;
    sum += static_cast<double>(price);
  }
  return sum / step;
}

ElasticityRun::State::State(const Dataset& d, const ElasticityInputs& inputs, const ElasticityQuery& query)
    : ds(d), q(query), in(inputs) {
  out.query = q;
  // The list-price changes of each product: a range of in.list_changes (sorted by SKU like ds.sku).
  // Changes of SKUs not in products are skipped.
  lc_begin.assign(ds.sku.size(), 0);
  lc_end.assign(ds.sku.size(), 0);
  {
    size_t c = 0;
    for (size_t p = 0; p < ds.sku.size(); ++p) {
      while (c < in.list_changes.size() && in.list_changes[c].sku < ds.sku[p]) ++c;
      lc_begin[p] = static_cast<uint32_t>(c);
      while (c < in.list_changes.size() && in.list_changes[c].sku == ds.sku[p]) ++c;
      lc_end[p] = static_cast<uint32_t>(c);
    }
  }
  DayRange od = ds.order_days();
  r = {std::max(q.range.first, od.first), std::min(q.range.last, od.last)};
  weekly = q.grain == Grain::week;
  if (weekly && r.last >= r.first) {
    r.first += (7 - weekday(r.first)) % 7;      // first Monday
    r.last -= (weekday(r.last) + 1) % 7;        // last Sunday
  }
  out.used = r;
  if (r.last < r.first) return;
  step = weekly ? 7 : 1;
  nper = (r.last - r.first + 1) / step;

  // Controls per period.
  std::vector<uint8_t> fest(static_cast<size_t>(r.length()), 0), promo(static_cast<size_t>(r.length()), 0);
  for (const auto& f : promo::festivals_between(r))
    for (Day d = std::max(f.window.first, r.first); d <= std::min(f.window.last, r.last); ++d) fest[static_cast<size_t>(d - r.first)] = 1;
  for (const auto& w : in.promotion_windows)
    for (Day d = std::max(w.first, r.first); d <= std::min(w.last, r.last); ++d) promo[static_cast<size_t>(d - r.first)] = 1;
  ctl.names = {"trend", "season_sin", "season_cos", "festival", "promotion"};
  if (!weekly)
    for (int k = 1; k <= 6; ++k) ctl.names.push_back("weekday_" + std::to_string(k));
  ctl.v.assign(static_cast<size_t>(nper) * ctl.k(), 0.0);
  for (int32_t t = 0; t < nper; ++t) {
    const Day d0 = r.first + t * step;
    double* c = &ctl.v[static_cast<size_t>(t) * ctl.k()];
    c[0] = static_cast<double>(d0 - r.first) / 365.25;
    c[1] = std::sin(kTwoPi * static_cast<double>(d0) / 365.25);
    c[2] = std::cos(kTwoPi * static_cast<double>(d0) / 365.25);
    int fd = 0, pd = 0;
    for (int32_t i = 0; i < step; ++i) {
      fd += fest[static_cast<size_t>(d0 - r.first + i)];
      pd += promo[static_cast<size_t>(d0 - r.first + i)];
    }
    c[3] = static_cast<double>(fd) / step;
    c[4] = static_cast<double>(pd) / step;
    if (!weekly) {
      const int wd = weekday(d0);
      if (wd >= 1) c[4 + wd] = 1.0;
    }
  }

  // Valid orders in the periods, grouped by product (counting sort): one 4-byte entry (the order
  // index) per order and product it sells, the lines and period read back from the order.
  const size_t nprod = ds.sku.size();
  begin.assign(nprod + 1, 0);
  auto [lo, hi] = ds.orders_in(r);
  auto wanted = [&](int32_t p) {
    if (p < 0) return false;
    if (q.category >= 0 && ds.product_category[static_cast<size_t>(p)] != q.category) return false;
    if (q.product >= 0 && ds.product_category[static_cast<size_t>(p)] != ds.product_category[static_cast<size_t>(q.product)])
      return false;
    return true;
  };
  // A line whose product an earlier line of the same order already sold adds no entry.
  auto first_of_product = [&](uint32_t b, uint32_t l) {
    for (uint32_t k = b; k < l; ++k)
      if (ds.line_product[k] == ds.line_product[l]) return false;
    return true;
  };
  for (size_t o = lo; o < hi; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    const uint32_t b = ds.order_line_begin[o];
    for (uint32_t l = b; l < ds.order_line_begin[o + 1]; ++l)
      if (wanted(ds.line_product[l]) && first_of_product(b, l)) ++begin[static_cast<size_t>(ds.line_product[l]) + 1];
  }
  for (size_t p = 0; p < nprod; ++p) begin[p + 1] += begin[p];
  entries.assign(begin[nprod], 0);
  {
    std::vector<uint32_t> fill(begin.begin(), begin.end() - 1);
    for (size_t o = lo; o < hi; ++o) {
      if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
      const uint32_t b = ds.order_line_begin[o];
      for (uint32_t l = b; l < ds.order_line_begin[o + 1]; ++l) {
        const int32_t p = ds.line_product[l];
        if (wanted(p) && first_of_product(b, l)) entries[fill[static_cast<size_t>(p)]++] = static_cast<uint32_t>(o);
      }
    }
  }

  // Products by category, then SKU.
  for (size_t p = 0; p < nprod; ++p)
    if (begin[p + 1] > begin[p]) prods.push_back(static_cast<int32_t>(p));
  std::sort(prods.begin(), prods.end(), [&](int32_t a, int32_t b) {
    int32_t ca = ds.product_category[static_cast<size_t>(a)], cb = ds.product_category[static_cast<size_t>(b)];
    if (ca != cb) return ca < cb;
    return ds.sku[static_cast<size_t>(a)] < ds.sku[static_cast<size_t>(b)];
  });
  units.assign(static_cast<size_t>(nper), 0);
  rev.assign(static_cast<size_t>(nper), 0);
  gross.assign(static_cast<size_t>(nper), 0);
  reset_pool();
}

void ElasticityRun::State::reset_pool() { pool.clear(); }

void ElasticityRun::State::finish_category(int32_t cat) {
  CategoryFit cf;
  cf.category = cat;
  cf.skus = static_cast<int64_t>(pool.groups());
  cf.fit = ppml_within(pool, ctl.v, ctl.names);
  // Fallbacks for this category's rows that are not usable.
  for (size_t i = cat_first_row; i < out.rows.size(); ++i) {
    ElasticityRow& row = out.rows[i];
    if (!row.usable && cf.fit.ok) show(row, cf.fit, EstimateSource::category);
  }
  out.categories.push_back(std::move(cf));
}

// Long on purpose (over ~120 lines): one SKU from its orders to its periods, its own fit, its
// rows in the category's pooled equations and the usable rule, in the order docs/pricing.md gives.
void ElasticityRun::State::fit(int32_t p) {
  const size_t k = ctl.k();
  const int64_t min_periods = weekly ? kMinWeeks : kMinDays;
  const int32_t cat = ds.product_category[static_cast<size_t>(p)];
  if (cat != cur_cat) {
    if (cur_cat != INT32_MIN) finish_category(cur_cat);
    cur_cat = cat;
    reset_pool();
    cat_first_row = out.rows.size();
  }
  ElasticityRow row;
  row.product = p;
  row.sku = ds.sku[static_cast<size_t>(p)];
  row.category = cat;
  for (uint32_t e = begin[static_cast<size_t>(p)]; e < begin[static_cast<size_t>(p) + 1]; ++e) {
    const uint32_t o = entries[e];
    const int32_t period = (ds.order_day[o] - r.first) / step;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      if (ds.line_product[l] != p) continue;
      const Money net = static_cast<Money>(ds.line_qty[l]) * ds.line_price[l] - ds.line_discount[l];
      if (ds.line_qty[l] <= 0 || ds.line_price[l] <= 0 || net <= 0) {
        ++row.bad_price_lines;
        continue;
      }
      if (units[static_cast<size_t>(period)] == 0) touched.push_back(period);
      units[static_cast<size_t>(period)] += ds.line_qty[l];
      rev[static_cast<size_t>(period)] += net;
      gross[static_cast<size_t>(period)] = std::max(gross[static_cast<size_t>(period)], ds.line_price[l]);
    }
  }
  std::sort(touched.begin(), touched.end());
  obs.clear();
  for (int32_t t : touched) {
    const double u = static_cast<double>(units[static_cast<size_t>(t)]);
    const double price = static_cast<double>(rev[static_cast<size_t>(t)]) / u;
    obs.push_back({t, std::log(u), std::log(price), static_cast<double>(gross[static_cast<size_t>(t)]),
                   units[static_cast<size_t>(t)]});
    units[static_cast<size_t>(t)] = 0;
    rev[static_cast<size_t>(t)] = 0;
    gross[static_cast<size_t>(t)] = 0;
  }
  touched.clear();
  // The span's periods without a sale (first to last period with a sale), priced at the shelf.
  // At daily grain, the days of a weekday on which the SKU never sold in its span are left out:
  // they are separated (that weekday's coefficient would run to minus infinity and Newton would
  // not converge; the rule of Correia, Guimaraes & Zylkin's ppmlhdfe for such dummies).
  zeros.clear();
  int64_t unpriced = 0;
  bool sells_on[7] = {true, true, true, true, true, true, true};
  if (!weekly) {
    for (bool& b : sells_on) b = false;
    for (const Obs& o : obs) sells_on[weekday(r.first + o.period)] = true;
  }
  // A SKU without logged list-price changes: a zero period carries the shelf price of the sale
  // period before it (the last price on its lines, before item discounts), not today's list price.
  const bool logged = lc_end[static_cast<size_t>(p)] > lc_begin[static_cast<size_t>(p)];
  for (size_t i = 1; i < obs.size(); ++i)
    for (int32_t t = obs[i - 1].period + 1; t < obs[i].period; ++t) {
      if (!sells_on[weekday(r.first + t * step)]) continue;
      zeros.push_back({t, logged ? shelf_price(p, t) : obs[i - 1].shelf});
      unpriced += zeros.back().shelf < 0;
    }
  row.sale_periods = static_cast<int64_t>(obs.size());
  row.zero_periods = static_cast<int64_t>(zeros.size());
  row.method = zeros.empty() ? Method::ols_loglog : Method::ppml;
  row.n_obs = row.sale_periods + (row.method == Method::ppml ? row.zero_periods : 0);
  // PPML's regressor in a sale period: the list price in force (as in a zero period) when the SKU
  // has logged list-price changes, else the lines' shelf price. A line price exists only where
  // something sold, so a price below the list on the lines (a live-room price, a markdown) would
  // sit only beside sales and be read as a price response.
  if (row.method == Method::ppml && logged)
    for (Obs& o : obs)
      if (const double list = shelf_price(p, o.period); list > 0) o.shelf = list;
  if (!obs.empty()) {
    // Price levels and range over the fit's periods (a zero period at its shelf price).
    double mn = obs[0].shelf, mx = obs[0].shelf, rmn = obs[0].ln_price, rmx = obs[0].ln_price;
    std::vector<int64_t> levels;
    auto level = [&](double shelf) {
      mn = std::min(mn, shelf);
      mx = std::max(mx, shelf);
      levels.push_back(std::llround(100.0 * std::log(shelf)));
    };
    for (const Obs& o : obs) level(o.shelf);
    for (const ZeroObs& z : zeros)
      if (z.shelf > 0) level(z.shelf);
    if (row.method == Method::ols_loglog) {  // the regressor: the realised price (OLS) or the shelf price (PPML)
      for (const Obs& o : obs) {
        rmn = std::min(rmn, o.ln_price);
        rmx = std::max(rmx, o.ln_price);
      }
    } else {
      rmn = std::log(mn);
      rmx = std::log(mx);
    }
    std::sort(levels.begin(), levels.end());
    row.price_points = std::unique(levels.begin(), levels.end()) - levels.begin();
    row.price_range_bp = std::llround((mx / mn - 1) * 10000);
    // Own fit: const, log_price, the controls that vary over the fit's periods. PPML's periods are
    // the whole span in period order (sale and zero periods merged).
    struct Row {
      int32_t period;
      double ln_price, y;
    };
    std::vector<Row> rows;
    rows.reserve(obs.size() + zeros.size());
    if (row.method == Method::ols_loglog) {
      for (const Obs& o : obs) rows.push_back({o.period, o.ln_price, o.ln_units});
    } else if (unpriced == 0) {
      size_t zi = 0;
      for (const Obs& o : obs) {
        for (; zi < zeros.size() && zeros[zi].period < o.period; ++zi) rows.push_back({zeros[zi].period, std::log(zeros[zi].shelf), 0.0});
        rows.push_back({o.period, std::log(o.shelf), static_cast<double>(o.units)});
      }
    }
    std::vector<size_t> cols;
    for (size_t j = 0; j < k; ++j) {
      col.clear();
      for (const Row& o : rows) col.push_back(ctl.v[static_cast<size_t>(o.period) * k + j]);
      if (varies(col)) cols.push_back(j);
    }
    if (rmx > rmn && !rows.empty()) {
      std::vector<std::string> names = {"const", "log_price"};
      for (size_t j : cols) names.push_back(ctl.names[j]);
      x.clear();
      y.clear();
      for (const Row& o : rows) {
        x.push_back(1.0);
        x.push_back(o.ln_price);
        for (size_t j : cols) x.push_back(ctl.v[static_cast<size_t>(o.period) * k + j]);
        y.push_back(o.y);
      }
      row.own = row.method == Method::ppml ? ppml(x, y, std::move(names), 1) : ols(x, y, std::move(names), 1);
    }
    // The SKU's rows into its category's pooled PPML: every period of its span (zero periods
    // included, separated weekdays left out as in its own fit), each at its shelf price (the
    // list price in force for a SKU with logged changes, else its lines'; a zero period as
    // above). A SKU with a zero period of unknown shelf price, or a single period, adds none.
    if (unpriced == 0 && obs.size() + zeros.size() >= 2) {
      for (const Obs& o : obs) {
        double shelf = o.shelf;
        if (logged && row.method == Method::ols_loglog)
          if (const double list = shelf_price(p, o.period); list > 0) shelf = list;
        pool.period.push_back(o.period);
        pool.ln_price.push_back(std::log(shelf));
        pool.y.push_back(static_cast<double>(o.units));
      }
      for (const ZeroObs& z : zeros) {
        pool.period.push_back(z.period);
        pool.ln_price.push_back(std::log(z.shelf));
        pool.y.push_back(0.0);
      }
      pool.group_begin.push_back(static_cast<uint32_t>(pool.y.size()));
    }
  }
  // The rule.
  if (row.n_obs == 0) {
    row.why = ElasticityWhy::no_periods;
  } else if (row.sale_periods < min_periods) {
    row.why = ElasticityWhy::few_periods;
    row.a = row.sale_periods;
    row.b = min_periods;
  } else if (unpriced > 0) {
    row.why = ElasticityWhy::no_shelf_price;
    row.a = unpriced;
  } else if (row.price_points <= 1 && row.price_range_bp == 0) {
    row.why = ElasticityWhy::one_price;
    row.a = std::llround(obs[0].shelf);
  } else if (row.price_range_bp < kMinRangeBp) {
    row.why = ElasticityWhy::narrow_range;
    row.a = row.price_range_bp;
    row.b = kMinRangeBp;
  } else if (row.price_points < kMinPriceLevels) {
    row.why = ElasticityWhy::few_levels;
    row.a = row.price_points;
    row.b = kMinPriceLevels;
  } else if (!row.own.ok && row.own.method == Method::ppml && !row.own.converged) {
    row.why = ElasticityWhy::not_converged;
    row.a = kPpmlMaxIter;
  } else if (!row.own.ok) {
    row.why = ElasticityWhy::collinear;
  } else {
    row.why = ElasticityWhy::usable;
    row.usable = true;
  }
  if (row.own.ok) show(row, row.own, EstimateSource::own);
  out.rows.push_back(std::move(row));
}

void ElasticityRun::State::finish() {
  if (finished) return;
  finished = true;
  if (cur_cat != INT32_MIN) finish_category(cur_cat);
  std::sort(out.rows.begin(), out.rows.end(), [](const ElasticityRow& a, const ElasticityRow& b) { return a.sku < b.sku; });
  if (q.product >= 0) {
    std::vector<ElasticityRow> one;
    for (auto& row : out.rows)
      if (row.product == q.product) one.push_back(std::move(row));
    out.rows = std::move(one);
  }
}

ElasticityRun::ElasticityRun(const Dataset& ds, const ElasticityInputs& in, const ElasticityQuery& q)
    : s_(std::make_unique<State>(ds, in, q)) {}
ElasticityRun::~ElasticityRun() = default;
ElasticityRun::ElasticityRun(ElasticityRun&&) noexcept = default;
ElasticityRun& ElasticityRun::operator=(ElasticityRun&&) noexcept = default;

bool ElasticityRun::step(int64_t skus) {
  if (!s_) return true;
  for (int64_t i = 0; i < skus && s_->next < s_->prods.size(); ++i) s_->fit(s_->prods[s_->next++]);
  if (s_->next >= s_->prods.size()) s_->finish();
  return s_->finished;
}

bool ElasticityRun::done() const { return !s_ || s_->finished; }
int64_t ElasticityRun::skus() const { return s_ ? static_cast<int64_t>(s_->prods.size()) : 0; }
int64_t ElasticityRun::fitted() const { return s_ ? static_cast<int64_t>(s_->next) : 0; }
double ElasticityRun::progress() const {
  if (!s_ || s_->finished) return 1.0;
  return s_->prods.empty() ? 1.0 : static_cast<double>(s_->next) / static_cast<double>(s_->prods.size());
}

Elasticity ElasticityRun::take() {
  if (!s_) return {};
  while (!step(INT64_MAX)) {
  }
  Elasticity e = std::move(s_->out);
  s_.reset();
  return e;
}

Elasticity compute_elasticity(const Dataset& ds, const ElasticityInputs& in, const ElasticityQuery& q) {
  ElasticityRun run(ds, in, q);
  return run.take();
}

}  // namespace shopkeeper::pricing
