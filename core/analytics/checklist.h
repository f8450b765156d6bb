// The morning check-list: data-driven items for `today`, each about yesterday (today - 1):
//  - traffic_vs_last_week, conversion_vs_last_week, sales_vs_last_week: yesterday vs the same
//    weekday a week earlier (placed-day basis); warning when it fell by more than
//    `drop_threshold` (default 20 %);
//  - refunds_spike: refunds BOOKED yesterday (refund day, unlike the refund metric, because
//    this item is about work arriving today) against the robust band (alerts.h) of the previous
//    28 days; warning when above the band;
//  - low_stock: for each of the top `top_n` sellers by units over the 28 days up to yesterday,
//    days of cover = stock / (units per day); warning when below `cover_days` (default 7).
// Promotions starting tomorrow come from the promotions table, not the Dataset:
// core/promotions/upcoming.h adds those items (key promotion_starts, ref = promotion id).
#pragma once
#include <string>
#include <vector>

#include "core/analytics/metrics.h"
#include "core/model/checklist_item.h"

namespace shopkeeper {

struct ChecklistQuery {
  Day today = 0;
  double drop_threshold = 0.2;
  int32_t top_n = 20;
  double cover_days = 7;
  bool operator==(const ChecklistQuery&) const = default;
};

std::vector<ChecklistItem> daily_checklist(const Dataset& ds, const ChecklistQuery& q);

}  // namespace shopkeeper
