#include "core/analytics/cohorts.h"

#include <algorithm>
#include <climits>

#include "core/model/entities.h"

namespace shopkeeper {

namespace {
int32_t month_index(Day d) {
  const Ymd c = civil_from_days(d);
  return c.y * 12 + c.m - 1;
}
Day month_start(int32_t mi) { return days_from_civil(mi / 12, mi % 12 + 1, 1); }
}  // namespace

CohortMatrix compute_cohorts(const Dataset& ds, const CohortQuery& q) {
  CohortMatrix cm;
  cm.query = q;
  cm.as_of = q.as_of != INT32_MIN ? q.as_of : ds.order_days().last;
  if (q.range.length() <= 0 || ds.orders() == 0) return cm;
  const int32_t m0 = month_index(q.range.first), m1 = month_index(q.range.last);
  const int32_t mend = month_index(cm.as_of);
  const int32_t max_k = std::max(0, q.max_months);

  for (int32_t m = m0; m <= m1; ++m) {
    CohortRow r;
    r.year = m / 12;
    r.month = m % 12 + 1;
    r.month_start = month_start(m);
    const int32_t cells = std::min(max_k, mend - m) + 1;
    if (cells > 0) r.cells.assign(static_cast<size_t>(cells), CohortCell{});
    cm.rows.push_back(std::move(r));
  }
  for (auto& r : cm.rows)
    for (size_t k = 0; k < r.cells.size(); ++k) {
      const int32_t m = month_index(r.month_start) + static_cast<int32_t>(k);
      // A month is complete when as_of is its last day or later.
      r.cells[k].complete = month_start(m + 1) - 1 <= cm.as_of;
    }

  std::vector<int32_t> cohort(ds.customer_id.size(), -1);
  for (size_t c = 0; c < ds.customer_id.size(); ++c) {
    const Day f = ds.customer_first_order_day[c];
    if (f == INT32_MAX || f > cm.as_of) continue;
    const int32_t m = month_index(f);
    if (m < m0 || m > m1) continue;
    cohort[c] = m - m0;
    ++cm.rows[static_cast<size_t>(m - m0)].size;
  }

  std::vector<int32_t> last_month(ds.customer_id.size(), -1);
  auto [lo, hi] = ds.orders_in(DayRange{month_start(m0), cm.as_of});
  int32_t cur_day = INT32_MIN, cur_month = 0;
  for (size_t i = lo; i < hi; ++i) {
    const int32_t c = ds.order_customer[i];
    if (c < 0 || cohort[static_cast<size_t>(c)] < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[i])))
      continue;
    if (ds.order_day[i] != cur_day) {
      cur_day = ds.order_day[i];
      cur_month = month_index(cur_day);
    }
    CohortRow& r = cm.rows[static_cast<size_t>(cohort[static_cast<size_t>(c)])];
    const int32_t k = cur_month - month_index(r.month_start);
    if (k < 0 || k >= static_cast<int32_t>(r.cells.size())) continue;
    CohortCell& cell = r.cells[static_cast<size_t>(k)];
    cell.sales += ds.order_paid[i];
    if (last_month[static_cast<size_t>(c)] != cur_month) {
      last_month[static_cast<size_t>(c)] = cur_month;
      ++cell.active_customers;
    }
  }

  for (auto& r : cm.rows) {
    double cum = 0;
    for (auto& cell : r.cells) {
      const double n = static_cast<double>(r.size);
      cell.retention = r.size ? static_cast<double>(cell.active_customers) / n : 0;
      cell.revenue_per_customer = r.size ? static_cast<double>(cell.sales) / n : 0;
      cum += cell.revenue_per_customer;
      cell.cumulative_revenue_per_customer = cum;
    }
  }
  return cm;
}

}  // namespace shopkeeper
