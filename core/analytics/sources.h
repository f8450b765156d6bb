// Traffic sources with ad spend: per source, visitors, valid orders and sales (orders placed in
// the range whose traffic_source is the source), new customers acquired (customers whose first
// valid order ever is in the range and came from the source), ad spend booked on the days of the
// range for that source (ad_spend.channel names a traffic source), and the ratios
//   ROAS = sales / spend, cost per order = spend / valid orders,
//   cost per new customer = spend / new customers.
// Money in minor units; cost ratios are rounded half away from zero to a whole minor unit and
// are NaN when the divisor is 0 (as is ROAS without spend).
#pragma once
#include <string>
#include <vector>

#include "core/analytics/metrics.h"

namespace shopkeeper {

struct SourcesQuery {
  DayRange range;
  int16_t channel = -1;  // orders only
  bool operator==(const SourcesQuery&) const = default;
};

struct SourceRow {
  int16_t source = -1;  // -1 = orders without a source (total row: -2)
  std::string name;
  int64_t visitors = 0, valid_orders = 0, new_customers = 0;
  Money sales = 0, refunds = 0;
  Money spend = 0;
  int64_t impressions = 0, clicks = 0;
  double conversion_rate = 0;        // valid orders / visitors
  double roas = 0;                   // sales / spend
  double cost_per_order = 0;         // minor units
  double cost_per_new_customer = 0;  // minor units
};

struct SourcesReport {
  SourcesQuery query;
  std::vector<SourceRow> rows;  // sources with visitors, orders or spend in the range, by sales descending
  SourceRow total;
};

SourcesReport compute_sources(const Dataset& ds, const SourcesQuery& q);

}  // namespace shopkeeper
