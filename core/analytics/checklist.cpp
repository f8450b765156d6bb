#include "core/analytics/checklist.h"

#include <algorithm>
#include <cmath>

#include "core/analytics/alerts.h"
#include "core/model/entities.h"

namespace shopkeeper {

namespace {

void week_item(std::vector<ChecklistItem>& out, const char* key, Metric m, const Totals& y, const Totals& w,
               Day yesterday, double drop) {
  const double v = metric_value(y, m), r = metric_value(w, m);
  if (std::isnan(v)) return;
  ChecklistItem it;
  it.key = key;
  it.value = v;
  it.reference = r;
  it.metric = static_cast<int32_t>(m);
  it.day = yesterday;
  const double ch = relative_change(v, r);
  if (std::isnan(ch)) {
    it.why = ItemWhy::metric_no_reference;
  } else {
    it.why = ItemWhy::metric_vs_last_week;
    if (ch < -drop) it.severity = Severity::warning;
  }
  out.push_back(std::move(it));
}

}  // namespace

std::vector<ChecklistItem> daily_checklist(const Dataset& ds, const ChecklistQuery& q) {
  std::vector<ChecklistItem> out;
  const Day y = q.today - 1;
  const Aggregate a = aggregate(ds, DayRange{y - 7, y}, Filter{}, Grain::day);
  const Totals& yt = a.buckets.back();
  const Totals& wt = a.buckets.front();
  week_item(out, "traffic_vs_last_week", Metric::visitors, yt, wt, y, q.drop_threshold);
  week_item(out, "conversion_vs_last_week", Metric::conversion_rate, yt, wt, y, q.drop_threshold);
  week_item(out, "sales_vs_last_week", Metric::sales, yt, wt, y, q.drop_threshold);

  // Refunds booked per day over the 28 days before yesterday, and yesterday.
  {
    constexpr int kDays = 28;
    std::vector<double> booked(kDays + 1, 0.0);
    const Day from = y - kDays;
    for (size_t k = 0; k < ds.refund_day.size(); ++k) {
      const Day d = ds.refund_day[k];
      if (d >= from && d <= y) booked[static_cast<size_t>(d - from)] += static_cast<double>(ds.refund_amount[k]);
    }
    const double v = booked.back();
    booked.pop_back();
    const Band band = robust_band(booked, 3.5);
    ChecklistItem it;
    it.key = "refunds_spike";
    it.value = v;
    it.reference = band.median;
    const bool spike = v > band.high && v > 0;
    it.severity = spike ? Severity::warning : Severity::info;
    it.why = spike ? ItemWhy::refunds_spike : ItemWhy::refunds;
    it.day = y;
    it.high = band.high;
    out.push_back(std::move(it));
  }

  // Top sellers by units over the 28 days up to yesterday, with their days of stock cover.
  {
    constexpr int kDays = 28;
    std::vector<int64_t> units(ds.sku.size(), 0);
    auto [lo, hi] = ds.orders_in(DayRange{y - kDays + 1, y});
    for (size_t i = lo; i < hi; ++i) {
      if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
      for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l)
        if (ds.line_product[l] >= 0) units[static_cast<size_t>(ds.line_product[l])] += ds.line_qty[l];
    }
    std::vector<int32_t> top;
    for (size_t p = 0; p < units.size(); ++p)
      if (units[p] > 0) top.push_back(static_cast<int32_t>(p));
    const size_t n = std::min(top.size(), static_cast<size_t>(std::max(0, q.top_n)));
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(n), top.end(), [&](int32_t a, int32_t b) {
      return units[static_cast<size_t>(a)] != units[static_cast<size_t>(b)] ? units[static_cast<size_t>(a)] > units[static_cast<size_t>(b)] : a < b;
    });
    top.resize(n);
    for (int32_t p : top) {
      const size_t pi = static_cast<size_t>(p);
      const double per_day = static_cast<double>(units[pi]) / kDays;
      const double cover = static_cast<double>(ds.product_stock[pi]) / per_day;
      if (cover >= q.cover_days) continue;
      ChecklistItem it;
      it.key = "low_stock";
      it.severity = Severity::warning;
      it.product = p;
      it.value = cover;
      it.reference = q.cover_days;
      it.why = ItemWhy::low_stock;
      it.day = y;
      it.sku = ds.sku[pi];
      it.name = ds.product_title[pi];
      it.stock = ds.product_stock[pi];
      it.per_day = per_day;
      out.push_back(std::move(it));
    }
  }
  return out;
}

}  // namespace shopkeeper
