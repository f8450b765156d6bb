// A/B test of two variants A (control) and B: conversion (visitors, conversions) and optionally
// revenue per visitor (one value per visitor). Everything is a pure function of the inputs.
// Definitions (docs/insights.md has the derivations):
//  - rate = conversions / visitors; Wilson score interval at 1 - alpha (as statsmodels
//    proportion_confint method "wilson"); z = normal quantile 1 - alpha/2;
//  - z-test: pooled, two-sided, z = (pB - pA) / sqrt(p (1 - p) (1/nA + 1/nB)), p pooled rate;
//  - Fisher's exact test, two-sided: the probability of the tables with the same margins that
//    are at most as likely as the observed one (relative tolerance 1e-7, as R), on
//    [[kA, nA - kA], [kB, nB - kB]];
//  - Newcombe's hybrid score interval for pB - pA (statsmodels confint_proportions_2indep
//    method "newcomb" with B first);
//  - Welch's t-test for mean revenue per visitor, B - A, Welch-Satterthwaite degrees of freedom;
//  - Bayes with uniform Beta(1,1) priors: P(pB > pA) by Evan Miller's closed form (a finite
//    sum, computed in logs), expected loss of choosing A = E[max(pB - pA, 0)] and of choosing
//    B = E[max(pA - pB, 0)] from the same sums (Chris Stucchio's identities);
//  - sample-ratio mismatch: chi-square (1 df) of the visitor counts against the planned share
//    `split` of visitors to A;
//  - power: Cohen's h = 2 asin sqrt(p2) - 2 asin sqrt(p1), sample size per arm solving
//    statsmodels NormalIndPower (two-sided, ratio 1) for |h|, rounded up; p1 = A's rate, p2 =
//    B's rate or A's rate x (1 + mde); mde = the smallest relative lift over A's rate that the
//    current visitors detect (NormalIndPower with nobs1 = nA, ratio nB / nA, solved for h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/issue.h"
#include "core/store/dataset.h"

#include "core/base/result.h"

namespace shopkeeper::insights {

struct AbInput {
  int64_t a_visitors = 0, a_conversions = 0, b_visitors = 0, b_conversions = 0;
  std::vector<double> a_revenue, b_revenue;  // per visitor; both empty = no revenue test
  double alpha = 0.05, power = 0.8;
  std::optional<double> mde;  // relative lift over A's rate for the sample size
  double split = 0.5;         // planned share of visitors sent to A
};

struct ArmResult {
  int64_t visitors = 0, conversions = 0;
  double rate = 0, wilson_lo = 0, wilson_hi = 0;
};
struct WelchResult {
  int64_t n_a = 0, n_b = 0;
  double mean_a = 0, mean_b = 0, t = 0, df = 0, p_value = 0;
};

// The verdict as a code with parameters (worded in ui/i18n and by the CLI).
enum class AbVerdict : uint8_t {
  b_better,       // z-test significant at alpha, B's rate higher
  a_better,       // significant, A's rate higher
  no_difference,  // not significant and both arms reached the planned sample
  keep_running,   // not significant, below the planned sample: B needs `more_visitors` more
  invalid_split,  // sample-ratio mismatch (p < 0.001): the split is broken, results untrustworthy
};
const char* verdict_name(AbVerdict v);

struct AbResult {
  ArmResult a, b;
  double z = 0, z_p_value = 1;  // NaN z when the pooled rate is 0 or 1
  double fisher_p_value = 1;
  double newcombe_lo = 0, newcombe_hi = 0;
  std::optional<WelchResult> welch;
  double prob_b_beats_a = 0, expected_loss_a = 0, expected_loss_b = 0;
  double srm_chi2 = 0, srm_p_value = 1;
  double effect_size_h = 0;      // for the lift below
  double lift = 0;               // relative lift used for the sample size (observed or mde)
  double sample_size_exact = 0;  // unrounded; +inf when h = 0
  int64_t sample_size_per_arm = -1;  // -1 = not defined (no difference to detect)
  double mde = 0;                // relative lift detectable with the current visitors; NaN if undefined
  int64_t more_visitors_b = 0;   // max(0, sample size - B's visitors)
  bool peeking = false;          // either arm below the planned sample: a look before the end
  bool small_counts = false;     // an expected cell below 5: read Fisher rather than the z-test
  AbVerdict verdict = AbVerdict::keep_running;
};

// Refused figures: `why`, when given, receives the problem as a code (core/base/issue.h).
Result<AbResult> ab_test(const AbInput& in, InputIssue* why = nullptr);

// Pieces, exposed for tests.
double fisher_two_sided(int64_t a, int64_t b, int64_t c, int64_t d);  // table [[a, b], [c, d]]
double prob_beta_greater(double alpha_b, double beta_b, double alpha_a, double beta_a);  // P(X_B > X_A), integer alphas
// NormalIndPower, two-sided: power of effect size h with nobs1 and ratio nobs2/nobs1.
double normal_ind_power(double h, double nobs1, double ratio, double alpha);

// One arm's counts taken from the store (issue #14: two date ranges, two channels or two SKUs).
// Counting rules: visitors = traffic_daily visitors on the days of `range` (of `source` only when
// it is >= 0; sources are the Dataset's traffic sources, the "channels" buyers arrive by);
// conversions = valid orders placed in `range` (with that traffic source; holding a line of
// `product` when it is >= 0). Traffic is not counted per product, so with a product the
// visitors are unknown (-1): the seller types the product page's visitors in.
struct ArmCounts {
  int64_t visitors = -1, conversions = 0;
};
ArmCounts arm_counts(const Dataset& ds, DayRange range, int16_t source, int32_t product);

}  // namespace shopkeeper::insights
