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
  double shelf;  // the period's price before item discounts: sum qty x unit_price / units
};

// The estimate a row shows.
void show(ElasticityRow& row, const Fit& f, EstimateSource src) {
  row.source = src;
  row.elasticity = f.elasticity;
  row.ci_low = f.ci_low;
  row.ci_high = f.ci_high;
  row.r2 = f.r2;
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
  }
  return "";
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
  return in;
}

// The run's state between slices: the controls, the orders grouped by SKU (counting sort), the
// SKUs to fit in category order, and the current category's pooled normal equations.
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
  std::vector<Money> rev, gross;
  std::vector<int32_t> touched;
  std::vector<Obs> obs;
  std::vector<double> x, y, col;
  // Pooled (within) normal equations of the current category over [log_price, controls].
  size_t pk = 0;
  Eigen::MatrixXd xtx;
  Eigen::VectorXd xty;
  double yty = 0, ysum_dm = 0;
  int64_t pooled_n = 0, pooled_g = 0;
  size_t cat_first_row = 0;
  int32_t cur_cat = INT32_MIN;

  State(const Dataset& d, const ElasticityInputs& in, const ElasticityQuery& query);
  void reset_pool();
  void finish_category(int32_t cat);
  void fit(int32_t p);
  void finish();
};

ElasticityRun::State::State(const Dataset& d, const ElasticityInputs& in, const ElasticityQuery& query) : ds(d), q(query) {
  out.query = q;
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
  pk = 1 + ctl.k();
  reset_pool();
}

void ElasticityRun::State::reset_pool() {
  xtx = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(pk), static_cast<Eigen::Index>(pk));
  xty = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(pk));
  yty = 0;
  ysum_dm = 0;
  pooled_n = pooled_g = 0;
}

void ElasticityRun::State::finish_category(int32_t cat) {
  CategoryFit cf;
  cf.category = cat;
  cf.skus = pooled_g;
  cf.fit.n_obs = pooled_n;
  // Keep log_price and the controls with within variation.
  std::vector<Eigen::Index> keep;
  for (size_t j = 0; j < pk; ++j)
    if (xtx(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(j)) > 1e-9) keep.push_back(static_cast<Eigen::Index>(j));
  if (!keep.empty() && keep[0] == 0 && pooled_g > 0) {
    const Eigen::Index m = static_cast<Eigen::Index>(keep.size());
    Eigen::MatrixXd A(m, m);
    Eigen::VectorXd v(m);
    for (Eigen::Index i = 0; i < m; ++i) {
      v(i) = xty(keep[static_cast<size_t>(i)]);
      for (Eigen::Index j = 0; j < m; ++j) A(i, j) = xtx(keep[static_cast<size_t>(i)], keep[static_cast<size_t>(j)]);
    }
    cf.fit.df = pooled_n - m - pooled_g;
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> piv(A);
    if (cf.fit.df > 0 && piv.rank() == m) {
      Eigen::LDLT<Eigen::MatrixXd> ldlt(A);
      Eigen::VectorXd b = ldlt.solve(v);
      Eigen::MatrixXd inv = ldlt.solve(Eigen::MatrixXd::Identity(m, m));
      const double rss = std::max(0.0, yty - b.dot(v));
      const double s2 = rss / static_cast<double>(cf.fit.df);
      cf.fit.columns.push_back("log_price");
      for (Eigen::Index i = 1; i < m; ++i) cf.fit.columns.push_back(ctl.names[static_cast<size_t>(keep[static_cast<size_t>(i)] - 1)]);
      for (Eigen::Index i = 0; i < m; ++i) {
        cf.fit.coef.push_back(b(i));
        cf.fit.se.push_back(std::sqrt(s2 * inv(i, i)));
      }
      cf.fit.elasticity = b(0);
      cf.fit.elasticity_se = cf.fit.se[0];
      cf.fit.r2 = ysum_dm > 0 ? 1 - rss / ysum_dm : 0;
      const double t = t975(cf.fit.df);
      cf.fit.ci_low = cf.fit.elasticity - t * cf.fit.elasticity_se;
      cf.fit.ci_high = cf.fit.elasticity + t * cf.fit.elasticity_se;
      cf.fit.ok = std::isfinite(t) && std::isfinite(cf.fit.elasticity);
    }
  }
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
      gross[static_cast<size_t>(period)] += static_cast<Money>(ds.line_qty[l]) * ds.line_price[l];
    }
  }
  std::sort(touched.begin(), touched.end());
  obs.clear();
  for (int32_t t : touched) {
    const double u = static_cast<double>(units[static_cast<size_t>(t)]);
    const double price = static_cast<double>(rev[static_cast<size_t>(t)]) / u;
    obs.push_back({t, std::log(u), std::log(price), static_cast<double>(gross[static_cast<size_t>(t)]) / u});
    units[static_cast<size_t>(t)] = 0;
    rev[static_cast<size_t>(t)] = 0;
    gross[static_cast<size_t>(t)] = 0;
  }
  touched.clear();
  row.n_obs = static_cast<int64_t>(obs.size());
  if (!obs.empty()) {
    double mn = obs[0].shelf, mx = obs[0].shelf, rmn = obs[0].ln_price, rmx = obs[0].ln_price;
    std::vector<int64_t> levels;
    for (const Obs& o : obs) {
      mn = std::min(mn, o.shelf);
      mx = std::max(mx, o.shelf);
      rmn = std::min(rmn, o.ln_price);
      rmx = std::max(rmx, o.ln_price);
      levels.push_back(std::llround(100.0 * std::log(o.shelf)));
    }
    std::sort(levels.begin(), levels.end());
    row.price_points = std::unique(levels.begin(), levels.end()) - levels.begin();
    row.price_range_bp = std::llround((mx / mn - 1) * 10000);
    // Own fit: const, log_price, the controls that vary over this SKU's periods.
    std::vector<size_t> cols;
    for (size_t j = 0; j < k; ++j) {
      col.clear();
      for (const Obs& o : obs) col.push_back(ctl.v[static_cast<size_t>(o.period) * k + j]);
      if (varies(col)) cols.push_back(j);
    }
    if (rmx > rmn) {
      std::vector<std::string> names = {"const", "log_price"};
      for (size_t j : cols) names.push_back(ctl.names[j]);
      x.clear();
      y.clear();
      for (const Obs& o : obs) {
        x.push_back(1.0);
        x.push_back(o.ln_price);
        for (size_t j : cols) x.push_back(ctl.v[static_cast<size_t>(o.period) * k + j]);
        y.push_back(o.ln_units);
      }
      row.own = ols(x, y, std::move(names), 1);
    }
    // Within (per-SKU demeaned) rows into the category's normal equations.
    if (obs.size() >= 2) {
      Eigen::VectorXd mean = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(pk));
      double ymean = 0;
      Eigen::VectorXd z(static_cast<Eigen::Index>(pk));
      for (const Obs& o : obs) {
        mean(0) += o.ln_price;
        for (size_t j = 0; j < k; ++j) mean(static_cast<Eigen::Index>(j + 1)) += ctl.v[static_cast<size_t>(o.period) * k + j];
        ymean += o.ln_units;
      }
      mean /= static_cast<double>(obs.size());
      ymean /= static_cast<double>(obs.size());
      for (const Obs& o : obs) {
        z(0) = o.ln_price;
        for (size_t j = 0; j < k; ++j) z(static_cast<Eigen::Index>(j + 1)) = ctl.v[static_cast<size_t>(o.period) * k + j];
        z -= mean;
        const double yd = o.ln_units - ymean;
        xtx.noalias() += z * z.transpose();
        xty += yd * z;
        yty += yd * yd;
      }
      ysum_dm = yty;
      pooled_n += static_cast<int64_t>(obs.size());
      ++pooled_g;
    }
  }
  // The rule.
  if (row.n_obs == 0) {
    row.why = ElasticityWhy::no_periods;
  } else if (row.n_obs < min_periods) {
    row.why = ElasticityWhy::few_periods;
    row.a = row.n_obs;
    row.b = min_periods;
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
