// Own-price elasticity per SKU from the shop's own history. A DENSE SKU (a sale in every period
// of its selling span) gets an OLS regression of
//   ln(units_t) = a + e ln(price_t) + controls_t + u_t
// over the periods t (ISO weeks, Monday to Sunday, or days) with sales, where units_t is the
// SKU's units in valid orders placed in t and price_t its realised price (line revenue after
// item discounts / units). Controls (docs/pricing.md):
//   trend       (start day of t - start day of the first period) / 365.25, in years
//   season      sin and cos of 2 pi (start day of t) / 365.25 (days since 1970-01-01)
//   festival    share of the days of t inside a selling festival's window (core/promotions/calendar)
//   promotion   share of the days of t inside a store promotion's window (promotions table, not
//               draft) or one of the shop's campaigns (campaigns table: festival sales it ran)
//   weekday     daily grain only: indicators for Tuesday..Sunday (Monday is the base)
// A control constant over the SKU's periods is left out (it cannot be told from the intercept).
// Weekly grain uses whole weeks inside the range only; periods without sales are not
// observations (the log of zero units is undefined). Order lines with a zero or negative net
// price are left out and counted.
// Fit: Householder QR (Eigen) on the design; s^2 = RSS / (n - p); the 95% interval is
// e +- t(0.975, n - p) se (Boost.Math students_t); R^2 = 1 - RSS / TSS (centred).
// A THIN SKU (any period of its selling span, first to last period with a sale, without a sale)
// gets Poisson pseudo-maximum likelihood instead, E[units_t] = exp(a + e ln(price_t) + controls_t),
// over EVERY period of the span: dropping the zero periods biases the log-log slope towards zero
// (docs/pricing.md, s(lambda)). The PPML regressor is the SHELF price of every period. A SKU with
// logged list-price changes (price_history): the mean over the period's days of the list price in
// force that day (the last change on or before it, else the first change's old price). A SKU
// without: a sale period's highest line unit price (before item discounts), a zero period
// the one of the sale period before it (today's list price says nothing of two years ago). A
// realised price exists only where something sold, and a discount or live-room price lowers it
// there: beside zero periods at the list price it would be read as a price response. A zero
// period whose shelf price is unknown (a first change without an old price, or one not above
// zero) leaves the SKU without an own fit (no_shelf_price). Fit: Newton
// (= IRLS, canonical log link) from mu = (y + mean y) / 2, at most kPpmlMaxIter steps, converged
// when max |step| <= 1e-9 (1 + |b|); robust sandwich covariance HC0, (X'WX)^-1 X' diag(r^2) X
// (X'WX)^-1 with W = diag(mu), r = y - mu (statsmodels GLM's HC0 = its HC1 for GLMs); 95% interval e +- 1.959964 se (normal, as statsmodels GLM); pseudo-R^2 =
// 1 - deviance / null deviance (Cameron & Windmeijer's R^2_DEV). No convergence: not_converged.
// Whether the price varied is judged on the SHELF price the seller set (the period's highest
// unit price on its lines, before item discounts), not on the realised price: discounts that
// grow with the basket (thresholds, coupons) move the realised price with the quantity and would
// pass for price changes; and not on the lines' mean unit price: a live-room or special price on
// some lines would pass a SKU whose list price never changed (the demo's one-price SKUs did, with
// errors of +1.4 to +5.6). price_points = distinct shelf-price levels, a level being
// llround(100 ln shelf price) (1% bands on the log scale); price range = max / min shelf
// price - 1. The regression itself is on the realised price (what buyers paid).
// n_obs = the fit's observations (zero periods included for PPML); price levels and range are
// over the same periods (a zero period's shelf price is the list price in force).
// USABLE (the rule): the SKU's own fit exists, >= 12 weeks with sales (30 days at daily grain),
// price_points >= 3 and price range >= 5%. A SKU that fails it shows its category's pooled
// estimate when there is one, but is never usable from it. The pooled estimate is PPML with one
// effect per SKU over every SKU of the category with two or more periods (the periods of its own
// fit's span: zero periods included, at the shelf price as above, for dense SKUs too; a SKU with
// a zero period of unknown shelf price adds none): E[units_it] = exp(a_i + e ln(shelf_it) +
// controls_t). The effects are concentrated out (ppml_within); HC0 sandwich of the slopes; R^2 =
// 1 - D / D_effects, the deviance against the per-SKU-mean model (the within analogue).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/store/dataset.h"
#include "core/store/db.h"

namespace shopkeeper::pricing {

enum class Grain : uint8_t { week, day };

struct ElasticityQuery {
  DayRange range{INT32_MIN / 2, INT32_MAX / 2};  // clipped to the order days
  int32_t product = -1;   // only this SKU (its category is still pooled for the fallback)
  int32_t category = -1;  // only the SKUs of this category
  Grain grain = Grain::week;
  bool operator==(const ElasticityQuery&) const = default;
};

// A list-price change from price_history: from `day` on (the day of its time) the list price is
// new_price; before the first change it was old_price (-1 when not recorded).
struct ListChange {
  std::string sku;
  Day day = 0;
  Money old_price = -1, new_price = 0;
};

// Inputs beyond the Dataset: the days with a store promotion or campaign running, and the list-
// price changes (by SKU, then time) that price the zero periods of a PPML fit.
struct ElasticityInputs {
  std::vector<DayRange> promotion_windows;
  std::vector<ListChange> list_changes;
};
Result<ElasticityInputs> load_elasticity_inputs(Db& db);

enum class Method : uint8_t { ols_loglog, ppml };
const char* method_name(Method m);  // "ols_loglog" | "ppml"

inline constexpr int kPpmlMaxIter = 50;

// One fit (OLS or PPML).
struct Fit {
  bool ok = false;
  Method method = Method::ols_loglog;
  bool converged = true;  // PPML: Newton converged within kPpmlMaxIter steps
  int iterations = 0;     // PPML: Newton steps taken
  std::vector<std::string> columns;  // "const" (own fits), "log_price", then the controls kept
  std::vector<double> coef, se;
  double elasticity = 0, elasticity_se = 0, ci_low = 0, ci_high = 0, r2 = 0;
  int64_t n_obs = 0, df = 0;
};

enum class ElasticityWhy : uint8_t {
  usable,         // the rule holds
  no_periods,     // no period with sales in the range (a = 0)
  few_periods,    // a = periods with sales, b = the minimum
  one_price,      // the shelf price never changed (a = the one price, minor units)
  narrow_range,   // a = the price range in basis points, b = the minimum (500)
  few_levels,     // a = price levels, b = the minimum (3)
  collinear,      // the price moved only together with a control (e.g. only at festivals)
  not_converged,  // PPML: Newton did not converge in a = kPpmlMaxIter steps
  no_shelf_price, // PPML: a = zero periods whose list price is unknown (no history, no list price)
};
const char* elasticity_why_name(ElasticityWhy w);

enum class EstimateSource : uint8_t { own, category, none };

struct ElasticityRow {
  int32_t product = -1;
  std::string sku;
  int32_t category = -1;
  // The estimate shown: own when usable, else the category's when it has one, else the own
  // fit when there is one (not usable), else none.
  EstimateSource source = EstimateSource::none;
  std::optional<double> elasticity, ci_low, ci_high, r2;
  Method method = Method::ols_loglog;  // of the SKU's own fit: ppml when its span has zero periods
  int64_t n_obs = 0, price_points = 0;
  int64_t sale_periods = 0, zero_periods = 0;  // n_obs = sale_periods (+ zero_periods for ppml)
  int64_t price_range_bp = 0;
  int64_t bad_price_lines = 0;  // lines left out: zero or negative net price
  bool usable = false;
  ElasticityWhy why = ElasticityWhy::no_periods;
  int64_t a = 0, b = 0;  // the reason's figures
  Fit own;
};

// The method of the estimate a row shows: the own fit's, or ppml for a category's pooled estimate.
inline Method estimate_method(const ElasticityRow& r) {
  return r.source == EstimateSource::category ? Method::ppml : r.method;
}

struct CategoryFit {
  int32_t category = -1;
  int64_t skus = 0;
  Fit fit;
};

struct Elasticity {
  ElasticityQuery query;
  DayRange used;                      // the periods' days
  std::vector<ElasticityRow> rows;    // SKUs with sales, by SKU
  std::vector<CategoryFit> categories;
};

inline constexpr int64_t kMinWeeks = 12, kMinDays = 30, kMinPriceLevels = 3, kMinRangeBp = 500;

Elasticity compute_elasticity(const Dataset& ds, const ElasticityInputs& in, const ElasticityQuery& q);

// The same computation in slices, for a UI that shows progress and can cancel (ui/widgets/
// sliced_job.h): the constructor groups the range's orders by SKU (one pass over them), each
// step(n) fits up to n more SKUs (true when all are fitted and the result is ready), take()
// finishes what is left and returns exactly what compute_elasticity returns. `ds` and `in` must
// outlive the run; a run dropped before take() costs nothing more.
class ElasticityRun {
 public:
  ElasticityRun(const Dataset& ds, const ElasticityInputs& in, const ElasticityQuery& q);
  ~ElasticityRun();
  ElasticityRun(ElasticityRun&&) noexcept;
  ElasticityRun& operator=(ElasticityRun&&) noexcept;
  bool step(int64_t skus);
  bool done() const;
  int64_t skus() const;    // SKUs with sales to fit
  int64_t fitted() const;  // SKUs fitted so far
  double progress() const; // fitted / skus, 1 when done
  Elasticity take();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Plain OLS with intercept-free design `x` (n x p, row-major) on `y`; `names` label the columns;
// column 1 (index `price_col`) is the price coefficient. ok = false when n <= p or rank < p.
// `extra_df` is subtracted from the residual degrees of freedom (absorbed fixed effects).
Fit ols(const std::vector<double>& x, const std::vector<double>& y, std::vector<std::string> names, int price_col,
        int64_t extra_df = 0);

// Poisson pseudo-maximum likelihood of counts `y` >= 0 on the design `x` (n x p, row-major, with
// its own constant column), as described above. ok = false when n <= p, rank < p, or Newton did
// not converge (converged = false then); never NaN in a fit that is ok.
Fit ppml(const std::vector<double>& x, const std::vector<double>& y, std::vector<std::string> names, int price_col);

// Rows of a pooled fit: group g (one SKU) owns rows [group_begin[g], group_begin[g + 1]); a row is
// a period (into period-major controls), the log shelf price and the units.
struct PooledRows {
  std::vector<uint32_t> group_begin{0};
  std::vector<int32_t> period;
  std::vector<double> ln_price, y;
  void clear();
  size_t groups() const { return group_begin.size() - 1; }
};

// Poisson PML of the rows' units on [log_price, the controls that vary within some group] with
// one effect per group, concentrated out (= statsmodels GLM Poisson with group dummies). `ctl` is
// period-major with ctl_names.size() columns. Newton from slope 0 with step halving, the same
// convergence rule and step limit as ppml(); columns are "log_price", then the controls kept (no
// constant); df = rows - groups - columns; HC0 sandwich of the slopes; interval e +- 1.959964 se;
// r2 = 1 - deviance / the deviance at each group's mean. ok = false when the price does not vary
// within any group, df <= 0, rank < columns or no convergence (converged = false then).
Fit ppml_within(const PooledRows& rows, const std::vector<double>& ctl, const std::vector<std::string>& ctl_names);

}  // namespace shopkeeper::pricing
