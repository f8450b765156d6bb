// Lifetime value: BG/NBD or Pareto/NBD (purchase counts) and Gamma-Gamma (spend) fitted by
// maximum likelihood on the store's own orders (docs/members.md).
// Counting rules:
//  - transactions: the VALID orders of known customers; all of a customer's orders placed on one
//    store-local calendar day are ONE transaction whose value is the sum of their paid amounts;
//  - customers: those whose first valid order is on or before the calibration end (later ones
//    are left out); x = transactions in [first day, calibration end] minus 1, t_x = day of the
//    last of them - first day, T = calibration end - first day, in days or (/7) weeks;
//  - Gamma-Gamma: customers with x > 0 and a mean repeat value zbar > 0 (the mean of their
//    calibration transactions after the first, in the currency's major unit);
//  - holdout: repeat transactions on days in (calibration end, holdout end];
//  - CLV: expected value x the expected purchases of each step of the horizon, discounted at
//    an annual rate from the calibration end to the end of the step (steps of 4 weeks / 28 days).
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/members/btyd.h"
#include "core/store/dataset.h"

namespace shopkeeper::members {

enum class ClvModel : uint8_t { bgnbd, pnbd };
enum class TimeUnit : uint8_t { day, week };

struct ClvQuery {
  Day calibration_end = 0;
  std::optional<Day> holdout_end;
  TimeUnit unit = TimeUnit::week;
  ClvModel model = ClvModel::bgnbd;
  double horizon = 0;          // in `unit` periods; 0 = 52 weeks / 365 days
  double discount_rate = 0.1;  // annual
  int32_t min_repeaters = 20;  // fewer repeat buyers than this: not fitted (too_few_repeaters)
  int32_t minor_per_major = 100;
  bool operator==(const ClvQuery&) const = default;
};

// 24 bytes, kept per customer by the Members section (issue #11 memory): only what cannot be
// derived. P(alive), expected purchases, expected value and CLV are closed forms of the fitted
// parameters and these figures: clv_figures() computes them when a row is read.
struct ClvCustomer {
  double zbar = 0;           // mean repeat transaction value, major units (0 when x = 0)
  int32_t customer = -1;     // index into Dataset::customer_id
  int32_t x = 0;             // repeat transactions in the calibration period
  int32_t t_x_days = 0, T_days = 0;
};
static_assert(sizeof(ClvCustomer) <= 24, "ClvCustomer is kept per customer (issue #11 memory budget)");

// A customer's figures, computed from the fit when read (NaN when the model, or for the last
// two the spend model, is not fitted).
struct ClvFigures {
  double p_alive = 0, expected_purchases = 0;  // expected_purchases: over the fit's horizon
  double expected_value = 0, clv = 0;          // minor units (rounded half away from zero when printed)
};

struct ClvBucket {
  int32_t x = 0;  // calibration repeat transactions; the last bucket is "x or more"
  int64_t customers = 0;
  double predicted = 0, actual = 0;  // mean holdout repeat transactions per customer
};

// Of the customers' silences (spells between transactions and the one running at the
// calibration end) that lasted at least from_days, the share that ended with a purchase before
// to_days (to_days = -1: no upper bound).
struct RepeatRate {
  int32_t from_days = 0, to_days = -1;
  int64_t reached = 0, repeated = 0;
  double rate = 0;  // NaN when reached = 0
};

struct ClvFit {
  ClvQuery query;
  double horizon = 0;  // resolved
  FitCode code = FitCode::not_fitted;
  std::array<double, 4> params{}, se{};  // {r, alpha, a, b} or {r, alpha, s, beta}; time in `unit`
  double loglik = 0, grad_norm = 0;
  int32_t iterations = 0;
  int64_t n_customers = 0, n_repeaters = 0;

  FitCode spend_code = FitCode::not_fitted;
  std::array<double, 3> spend{}, spend_se{};  // {p, q, gamma}; gamma in major units
  double spend_loglik = 0;
  int64_t spend_n = 0, spend_excluded = 0;  // excluded: repeat buyers with zbar <= 0

  bool has_holdout = false;
  double holdout_predicted = 0;
  int64_t holdout_actual = 0;
  std::vector<ClvBucket> by_frequency;  // x = 0..6, 7+

  std::vector<RepeatRate> repeat_rates;
  std::vector<ClvCustomer> customers;  // by customer index
  // Indices into `customers` by CLV descending (NaN last; ties in customer order): the order
  // the section lists them in, 4 bytes a customer instead of the figures themselves.
  std::vector<int32_t> by_clv;
  bool model_ok = false, spend_ok = false;  // the count / spend model gives figures
};

// One customer's figures (the same doubles the fit's per-customer phase computes).
ClvFigures clv_figures(const ClvFit& f, const ClvCustomer& c);
// Every customer's figures, in `customers` order, computed once per distinct (x, t_x, T)
// (the CLI prints them all; not kept).
std::vector<ClvFigures> clv_figures_all(const ClvFit& f);

// Errors (invalid_argument, nothing fitted): no valid orders of known customers; all of them on
// one day; calibration end before the first or after the last such order; holdout end not
// after the calibration end or after the last order; horizon or discount rate out of range.
Result<ClvFit> fit_clv(const Dataset& ds, const ClvQuery& q);

// The same fit in steps, for the UI's sliced job: start() reads the orders and checks the
// query (the errors above); each step() does one phase (the count model's fit, the spend
// model's fit) or the per-customer figures of up to `budget` distinct (x, t_x, T) groups, and
// returns true when the result is complete. Holds no pointer into the Dataset.
class ClvFitter {
 public:
  static Result<ClvFitter> start(const Dataset& ds, const ClvQuery& q);
  bool step(int64_t budget);
  double progress() const;  // 0..1
  ClvFit& result();         // complete once step() returned true

 private:
  struct State;
  std::shared_ptr<State> s_;
};

const char* model_name(ClvModel m);  // "bgnbd", "pnbd"

}  // namespace shopkeeper::members
