// What-if: a new price for one SKU -> predicted units, sales, gross profit and contribution per
// week, with the interval that the elasticity's 95% interval gives; and the profit-maximising
// price within the seller's bounds.
//
// Baseline: the last `baseline_weeks` whole weeks of the history (weeks without sales count as
// zero): units per week U0 and realised price p0 = revenue / units over them.
// units(P) = U0 x (P / p0)^e, e the SKU's elasticity (its own when usable, else the category's
// estimate; the result says which). The interval is units at the two ends of e's interval: it
// covers the elasticity's uncertainty only, not the baseline's week-to-week noise.
// sales = units x P; gross profit = units x (P - unit cost); contribution = units x
// (P (1 - v) - F) with v and F the SKU's cost model from the unit economics (all channels,
// weighted by units: core/pricing/economics.h).
// Bounds of the best price: [max(floor, p0 (1 - max change)), min(p0 (1 + max change),
// cheapest competitor x (1 + allowed gap))]; searched on 400 even steps plus both ends, each
// rounded to minor units; the best maximises the contribution per week.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/base/money.h"
#include "core/pricing/economics.h"
#include "core/pricing/elasticity.h"

namespace shopkeeper::pricing {

struct WhatIfQuery {
  int32_t product = -1;
  Money price = 0;
  int64_t baseline_weeks = 8;
  int64_t max_change_bp = 2000;          // the best price moves at most this far from p0
  std::optional<Money> floor;            // 红线价 (price book)
  std::optional<Money> competitor_cheapest;  // cheapest competitor's total price
  int64_t competitor_gap_bp = 0;         // allowed distance above the cheapest competitor
};

struct Band {
  double low = 0, mid = 0, high = 0;
};

enum class WhatIfWhy : uint8_t { ok, no_sales, no_elasticity, no_cost, bad_price, empty_bounds };
const char* whatif_why_name(WhatIfWhy w);

struct WhatIfPoint {
  Money price = 0;
  Band units, sales, gross_profit, contribution;  // per week; money as doubles of minor units
};

struct WhatIf {
  WhatIfWhy why = WhatIfWhy::ok;
  std::string sku;
  Money baseline_price = 0;
  double baseline_units = 0;  // per week
  double elasticity = 0, ci_low = 0, ci_high = 0;
  EstimateSource source = EstimateSource::none;
  bool usable = false;
  std::optional<Money> unit_cost;
  double fixed_per_unit = 0, price_rate = 0;
  WhatIfPoint at_price, at_baseline;
  bool below_floor = false;  // the asked price is below the floor
  Money bound_low = 0, bound_high = 0;
  std::optional<WhatIfPoint> best;
};

// `el` must hold the SKU's row (compute_elasticity over all history at week grain).
WhatIf what_if(const Dataset& ds, const Elasticity& el, const Economics& econ, const WhatIfQuery& q);

}  // namespace shopkeeper::pricing
