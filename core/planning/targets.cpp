#include "core/planning/targets.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model/entities.h"
#include "core/planning/forecast.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper::planning {

namespace {

// Splits total by weights (>= 0) into minor units adding up exactly; remainder on the largest.
std::vector<Money> split(Money total, const std::vector<double>& w) {
  std::vector<Money> out(w.size(), 0);
  double sum = 0;
  for (double x : w) sum += std::max(0.0, x);
  if (w.empty()) return out;
  Money used = 0;
  size_t big = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const double share = sum > 0 ? std::max(0.0, w[i]) / sum : 1.0 / static_cast<double>(w.size());
    out[i] = static_cast<Money>(std::floor(static_cast<double>(total) * share));
    used += out[i];
    if ((sum > 0 ? w[i] : 0) > (sum > 0 ? w[big] : 0)) big = i;
  }
  out[big] += total - used;
  return out;
}

}  // namespace

TargetSplit split_target(const Dataset& ds, int year, Money total, bool by_forecast) {
  TargetSplit t;
  t.year = year;
  t.total = total;
  std::vector<double> last(12, 0.0);
  t.month_actual.assign(12, 0);
  const Day y0 = days_from_civil(year, 1, 1), y1 = days_from_civil(year + 1, 1, 1), p0 = days_from_civil(year - 1, 1, 1);
  std::vector<std::string> cats = ds.categories.names;
  std::vector<double> cat_last(cats.size(), 0.0), cat_all(cats.size(), 0.0);
  std::vector<double> monthly;  // all history by month for the forecast
  std::vector<double> ch_last(static_cast<size_t>(ds.channels.size()) + 1, 0.0), ch_all(ch_last);
  const DayRange span = ds.order_days();
  Day first_month = 0;
  if (span.length() > 0) {
    const Ymd a = civil_from_days(span.first);
    first_month = days_from_civil(a.y, a.m, 1);
  }
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    const Day d = ds.order_day[o];
    const Ymd ymd = civil_from_days(d);
    const Money paid = ds.order_paid[o];
    if (d >= p0 && d < y0) last[static_cast<size_t>(ymd.m - 1)] += static_cast<double>(paid);
    if (d >= y0 && d < y1) t.month_actual[static_cast<size_t>(ymd.m - 1)] += paid;
    const size_t ch = static_cast<size_t>(ds.order_channel[o] + 1);
    ch_all[ch] += static_cast<double>(paid);
    if (d >= p0 && d < y0) ch_last[ch] += static_cast<double>(paid);
    if (d < y0) {
      const Ymd f = civil_from_days(first_month);
      const size_t idx = static_cast<size_t>((ymd.y - f.y) * 12 + (ymd.m - f.m));
      if (monthly.size() <= idx) monthly.resize(idx + 1, 0.0);
      monthly[idx] += static_cast<double>(paid);
    }
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) continue;
      const int32_t c = ds.product_category[static_cast<size_t>(p)];
      if (c < 0) continue;
      const double rev = static_cast<double>(ds.line_price[l] * ds.line_qty[l] - ds.line_discount[l]);
      cat_all[static_cast<size_t>(c)] += rev;
      if (d >= p0 && d < y0) cat_last[static_cast<size_t>(c)] += rev;
    }
  }
  double last_sum = 0;
  for (double v : last) last_sum += v;
  std::vector<double> w = last;
  t.basis = "last_year";
  if (by_forecast || last_sum <= 0) {
    // Forecast the months from the end of the history to December of `year`.
    const Ymd f = civil_from_days(first_month);
    const int offset = (year - f.y) * 12 + (1 - f.m);  // index of January `year`
    const int H = offset + 12 - static_cast<int>(monthly.size());
    if (monthly.size() >= 4 && H >= 12 && H <= 60) {
      const Choice c = choose(monthly, monthly.size() >= 26 ? 12 : 1, H);
      if (c.forecast.ok()) {
        w.assign(c.forecast.mean.end() - 12, c.forecast.mean.end());
        t.basis = "forecast";
      }
    } else if (last_sum <= 0) {
      w.assign(12, 1.0);
      t.basis = "even";
    }
  }
  t.month_target = split(total, w);
  double cl = 0;
  for (double v : cat_last) cl += v;
  t.categories = cats;
  t.category_target = split(total, cl > 0 ? cat_last : cat_all);
  double chl = 0;
  for (double v : ch_last) chl += v;
  t.channels.push_back("");
  for (const std::string& c : ds.channels.names) t.channels.push_back(c);
  t.channel_target = split(total, chl > 0 ? ch_last : ch_all);
  set_pace(t, span.last);
  return t;
}

void set_pace(TargetSplit& t, Day last_order_day) {
  const Day y0 = days_from_civil(t.year, 1, 1), y1 = days_from_civil(t.year + 1, 1, 1);
  t.as_of = std::clamp<Day>(last_order_day, y0 - 1, y1 - 1);
  t.actual_to_date = 0, t.target_to_date = 0;
  for (int m = 0; m < 12; ++m) t.actual_to_date += t.month_actual[static_cast<size_t>(m)];
  for (int m = 1; m <= 12; ++m) {
    const Day ms = days_from_civil(t.year, m, 1), me = ms + days_in_month(t.year, m) - 1;
    const Money tg = t.month_target[static_cast<size_t>(m - 1)];
    if (me <= t.as_of) t.target_to_date += tg;
    else if (ms <= t.as_of)
      t.target_to_date += static_cast<Money>(std::llround(static_cast<double>(tg) * (t.as_of - ms + 1) / (me - ms + 1)));
  }
  t.remaining_days = y1 - 1 - t.as_of;
  t.needed_per_day = t.remaining_days > 0 ? static_cast<double>(t.total - t.actual_to_date) / t.remaining_days : 0.0;
}

Result<std::optional<StoredTarget>> load_target(Db& db, int year) {
  auto st = db.prepare("SELECT month, amount FROM sales_targets WHERE year = ?1 AND scope = '' ORDER BY month");
  if (!st) return st.error();
  st->bind(1, static_cast<int64_t>(year));
  StoredTarget t;
  t.year = year;
  bool total = false;
  std::vector<Money> months(12, 0);
  int n = 0;
  while (st->step()) {
    const int64_t m = st->i64(0);
    if (m == 0) t.total = st->i64(1), total = true;
    else if (m >= 1 && m <= 12) months[static_cast<size_t>(m - 1)] = st->i64(1), ++n;
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  if (!total) return std::optional<StoredTarget>();
  Money sum = 0;
  for (Money v : months) sum += v;
  if (n == 12 && sum == t.total) t.months = months;
  return std::optional<StoredTarget>(std::move(t));
}

Status save_target(Writer& w, const TargetSplit& t) {
  auto del = w.db().prepare("DELETE FROM sales_targets WHERE year = ?1 AND scope = ''");
  if (!del) return del.error();
  del->bind(1, static_cast<int64_t>(t.year));
  if (auto s = del->run(); !s) return s;
  auto ins = w.db().prepare("INSERT INTO sales_targets(year, month, scope, amount) VALUES (?1, ?2, '', ?3)");
  if (!ins) return ins.error();
  for (int m = 0; m <= 12; ++m) {
    ins->reset();
    ins->bind(1, static_cast<int64_t>(t.year)).bind(2, static_cast<int64_t>(m));
    ins->bind(3, m == 0 ? t.total : t.month_target[static_cast<size_t>(m - 1)]);
    if (auto s = ins->run(); !s) return s;
  }
  return Ok{};
}

TargetSplit split_stored_target(const Dataset& ds, const StoredTarget& st) {
  TargetSplit t = split_target(ds, st.year, st.total);
  if (st.months.size() == 12) {
    t.month_target = st.months;
    t.basis = "stored";
    set_pace(t, ds.order_days().last);
  }
  return t;
}

TargetProgress target_progress(const Dataset& ds, const TargetSplit& t, DayRange range) {
  TargetProgress p;
  p.range = range;
  const DayRange span = ds.order_days();
  p.as_of = span.last;
  for (Day d = range.first; d <= range.last; ++d) {
    const Ymd ymd = civil_from_days(d);
    if (ymd.y != t.year) continue;
    p.days_in_year += 1;
    p.target += static_cast<double>(t.month_target[static_cast<size_t>(ymd.m - 1)]) / days_in_month(ymd.y, ymd.m);
    if (d > p.as_of) p.remaining_days += 1;
  }
  for (size_t o = 0; o < ds.orders(); ++o) {
    const Day d = ds.order_day[o];
    if (d < range.first || d > range.last || civil_from_days(d).y != t.year) continue;
    if (is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) p.actual += ds.order_paid[o];
  }
  p.target_money = static_cast<Money>(std::llround(p.target));
  p.share = p.target > 0 ? static_cast<double>(p.actual) / p.target : std::numeric_limits<double>::quiet_NaN();
  p.needed_per_day = p.remaining_days > 0 ? std::max(0.0, p.target - static_cast<double>(p.actual)) / p.remaining_days : 0.0;
  return p;
}

}  // namespace shopkeeper::planning
