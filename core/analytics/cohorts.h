// Cohorts: customers grouped by the month of their first valid order ever; for each later month
// (offset 0 = the first-purchase month), how many of them placed a valid order (retention) and
// what those orders paid (sales before refunds, by placed day), per cohort customer and
// cumulated. Guests are not in any cohort.
// Months are calendar months of the store's days. Cells end at `as_of` (default: the last order
// day in the data); a cell whose month is cut by as_of has complete = false.
#pragma once
#include <vector>

#include "core/analytics/metrics.h"

namespace shopkeeper {

struct CohortQuery {
  DayRange range;           // cohorts whose first-purchase month overlaps this range
  int32_t max_months = 12;  // offsets 0..max_months
  Day as_of = INT32_MIN;    // INT32_MIN: the last order day in the data
  bool operator==(const CohortQuery&) const = default;
};

struct CohortCell {
  int64_t active_customers = 0;
  Money sales = 0;
  double retention = 0;                        // active / cohort size
  double revenue_per_customer = 0;             // sales / cohort size (minor units)
  double cumulative_revenue_per_customer = 0;  // offsets 0..this (minor units)
  bool complete = true;
};

struct CohortRow {
  int32_t year = 0, month = 0;  // first-purchase month
  Day month_start = 0;
  int64_t size = 0;  // customers whose first valid order is in this month
  std::vector<CohortCell> cells;
};

struct CohortMatrix {
  CohortQuery query;
  Day as_of = 0;
  std::vector<CohortRow> rows;
};

CohortMatrix compute_cohorts(const Dataset& ds, const CohortQuery& q);

}  // namespace shopkeeper
