// "Why did it change?": a metric written as a product of factors, each factor's share of the
// change between two periods, and the shape of the plain sentence that explains it (which
// factors to name), worded per language in ui/i18n/decomposition_words.cpp (issue #17 item 3).
//   sales        = visitors x conversion rate x average order value
//                  (orders x average order value when traffic is unavailable)
//   gross profit = sales x (net sales / sales) x gross margin
// Shares use the logarithmic mean (LMDI-I): contribution_i = L(Y1, Y0) x ln(f_i1 / f_i0) with
// L(a, b) = (a - b) / (ln a - ln b) (= a when a = b), so the contributions add up exactly to
// Y1 - Y0. It needs every factor positive in both periods; otherwise ok = false with a reason.
// Units: contributions in the metric's unit (money, minor units); changes are fractions.
#pragma once
#include <string>
#include <vector>

#include "core/analytics/kpi.h"

namespace shopkeeper {

struct Factor {
  // "visitors", "conversion_rate", "aov", "orders", "sales", "kept_after_refunds", "cost_coverage",
  // "gross_margin" (its label is worded in ui/i18n)
  const char* key = "";
  double before = 0, after = 0;
  double change = 0;        // after / before - 1
  // The factor's own change as its KPI card shows it (issue #10): relative (after / before - 1)
  // for counts and money, the difference in fraction points (after - before; 0.0219 = 2.19 pp)
  // for rates (conversion rate, gross margin, the share kept after refunds, the coverage). The
  // sentence, the bars, the tooltip and the export all show own_change and share.
  bool rate = false;
  double own_change = 0;
  double contribution = 0;  // in the metric's unit; the factors' contributions sum to after - before
  double share = 0;         // contribution / (after - before); NaN when the metric did not change
  double points = 0;        // contribution / before: the factors' points sum to the metric's relative change
};

// What the sentence says:
//   no_comparison   the comparison period has none of the metric
//   unchanged       the change rounds to 0.0 %
//   change_only     the metric's change alone (no decomposition: see `blocked`)
//   orders_against  orders moved one way and the metric the other; `main` explains it
//   drivers         the change, mainly because `main`, although `against` (either may be -1)
enum class DecompSentence : uint8_t { no_comparison, unchanged, change_only, orders_against, drivers };

struct Decomposition {
  Metric metric = Metric::sales;
  bool ok = false;
  // When !ok: the key of the factor that is zero, negative or unknown in one of the periods.
  std::string blocked;
  double before = 0, after = 0;
  double change = 0;  // relative (NaN when before is 0)
  std::vector<Factor> factors;
  DecompSentence sentence = DecompSentence::no_comparison;
  int main = -1, against = -1;  // indices into factors of the factors the sentence names
  double orders_change = 0;     // orders_against: the orders' relative change
};

struct Explanation {
  Decomposition sales, gross_profit;
};

Decomposition decompose_sales(const Totals& before, const Totals& after);
Decomposition decompose_gross_profit(const Totals& before, const Totals& after);
// From a KpiResult computed with a comparison (current vs comparison period).
Explanation explain(const KpiResult& k);
Explanation explain(const Dataset& ds, const KpiQuery& q);

}  // namespace shopkeeper
