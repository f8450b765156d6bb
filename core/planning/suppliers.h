// Supplier scorecard (issue #12) from the purchase orders, per supplier:
//  - quality = 1 - rejected / received units (received POs; NaN when nothing was received);
//  - delivery: on-time rate = received POs with received <= expected (POs without an expected
//    day count on time when received within the supplier's lead_time_days), lead time mean and
//    sample standard deviation of (received - ordered) days;
//  - price index = units-weighted mean of unit_cost / (the SKU's mean unit_cost over all
//    suppliers' PO lines) (1 = average, below 1 = cheaper); price score = clamp(2 - index, 0, 1);
//  - service = the seller's rating (suppliers.score_service, 0..100) / 100.
// Score = weighted mean of quality, on-time rate, price score and service (weights set by the
// seller, default 0.3 / 0.3 / 0.2 / 0.2; a part that is NaN is left out and the weights of the
// rest rescaled). Ranked by score descending, then id. Trend: the same quality and on-time rate
// per calendar quarter of the order date.
#pragma once
#include <string>
#include <vector>

#include "core/planning/inventory.h"

namespace shopkeeper::planning {

struct ScoreWeights {
  double quality = 0.3, delivery = 0.3, price = 0.2, service = 0.2;
  bool operator==(const ScoreWeights&) const = default;
};

struct QuarterScore {
  int year = 0, quarter = 0;
  int64_t pos = 0;
  double quality = 0, on_time = 0;  // NaN when no PO of the quarter was received
};

struct SupplierScore {
  int64_t id = 0;
  std::string name;
  int64_t pos = 0, received_pos = 0, units_received = 0, units_rejected = 0;
  double quality = 0, on_time = 0, lead_time_mean = 0, lead_time_sd = 0;
  double price_index = 0, price_score = 0, service = 0, score = 0;
  int rank = 0;
  std::vector<QuarterScore> quarters;
};

std::vector<SupplierScore> score_suppliers(const PlanningData& pd, const ScoreWeights& w = {});

}  // namespace shopkeeper::planning
