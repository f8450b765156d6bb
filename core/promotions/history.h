// Daily sales series for the campaign planner (planner.h), built from a Dataset snapshot.
// Money is int64 minor units. One entry per day of the range, days without orders as zeros.
// Per day, over the VALID orders placed that day (paid, shipped, completed, refunded — the
// analytics' definition, so refunds are not deducted):
//   orders        = number of valid orders
//   sales         = goods paid = items amount - discount (shipping excluded)
//   cost          = sum of qty x unit cost over lines with a known cost (unknown cost adds 0)
//   discount      = sum of the orders' discount amounts
//   new_customers = customers whose first valid order ever was placed that day
// The result is owned by the caller; nothing points into the Dataset.
#pragma once
#include <vector>

#include "core/base/date.h"
#include "core/promotions/planner.h"
#include "core/store/dataset.h"

namespace shopkeeper::promo {

std::vector<DailySales> daily_sales_from_dataset(const Dataset& ds, DayRange range);

// For planning a campaign that starts after the data ends: every day of `series` after
// `last_data_day` (up to the series' end) is replaced by the mean of the same weekday over the
// `weeks` weeks ending on `last_data_day` (each field rounded half away from zero), so the
// planner's look-back sees a typical week rather than days with no data counted as zero sales.
// Days up to `last_data_day` are left as they are.
std::vector<DailySales> carry_forward(std::vector<DailySales> series, Day last_data_day, int weeks = 4);

}  // namespace shopkeeper::promo
