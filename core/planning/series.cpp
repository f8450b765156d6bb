#include "core/planning/series.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/io/csv.h"
#include "core/model/entities.h"
#include "core/store/dataset.h"

namespace shopkeeper::planning {

namespace {

Day add_months(Day d, int64_t k) {
  const Ymd a = civil_from_days(d);
  int64_t mi = static_cast<int64_t>(a.y) * 12 + (a.m - 1) + k;
  return days_from_civil(static_cast<int>(mi / 12), static_cast<int>(mi % 12) + 1, 1);
}

bool parse_month(std::string_view s, Day& out) {
  // YYYY-MM
  if (s.size() != 7 || s[4] != '-') return false;
  int y = 0, m = 0;
  for (int i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    y = y * 10 + (s[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    m = m * 10 + (s[i] - '0');
  }
  if (m < 1 || m > 12) return false;
  out = days_from_civil(y, m, 1);
  return true;
}

bool parse_int(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 15) return false;
  int64_t v = 0;
  size_t i = 0;
  bool neg = s[0] == '-';
  if (neg) i = 1;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = neg ? -v : v;
  return true;
}

Day step(Day d, Grain g, int64_t k) {
  switch (g) {
    case Grain::day: return static_cast<Day>(d + k);
    case Grain::week: return static_cast<Day>(d + 7 * k);
    case Grain::month: return add_months(d, k);
  }
  return d;
}

}  // namespace

const char* grain_name(Grain g) { return g == Grain::day ? "day" : g == Grain::week ? "week" : "month"; }

bool parse_grain(std::string_view s, Grain& g) {
  if (s == "day") g = Grain::day;
  else if (s == "week") g = Grain::week;
  else if (s == "month") g = Grain::month;
  else return false;
  return true;
}

std::string Series::label(int64_t i) const {
  if (i < static_cast<int64_t>(ds.size()) && i >= 0) return ds[static_cast<size_t>(i)];
  switch (kind) {
    case LabelKind::date: return format_day(step(first_day, grain, i));
    case LabelKind::month: {
      const Ymd a = civil_from_days(add_months(first_day, i));
      char b[16];
      std::snprintf(b, sizeof b, "%04d-%02d", a.y, a.m);
      return b;
    }
    case LabelKind::integer: return std::to_string(first_index + i);
    case LabelKind::text: return "+" + std::to_string(i - static_cast<int64_t>(ds.size()) + 1);
  }
  return {};
}

Result<Series> parse_series_csv(std::string_view text, const std::string& name, bool grain_given, Grain grain) {
  auto dec = decode_text(text);
  if (!dec) return make_error(ErrorCode::parse_error, name + ": " + dec.error().message);
  const std::string& t = dec->text;
  CsvReader r(t, detect_delimiter(t));
  CsvRecord rec;
  Series s;
  if (!r.next(rec)) return make_error(ErrorCode::parse_error, name + ": empty file (expected a header ds,y)");
  if (rec.fields.size() < 2 || trim(rec.fields[0]) != "ds" || trim(rec.fields[1]) != "y")
    return make_error(ErrorCode::parse_error, name + " line " + std::to_string(rec.line) + ": the header must be ds,y");
  std::vector<int64_t> lines;
  while (r.next(rec)) {
    const std::string where = name + " line " + std::to_string(rec.line);
    if (!rec.error.empty()) return make_error(ErrorCode::parse_error, where + ": " + rec.error);
    if (rec.fields.size() < 2) return make_error(ErrorCode::parse_error, where + ": expected two fields ds,y");
    const std::string_view d = trim(unwrap_cell(rec.fields[0]));
    const std::string_view v = trim(unwrap_cell(rec.fields[1]));
    double y = 0;
    auto res = fast_float::from_chars(v.data(), v.data() + v.size(), y);
    if (v.empty() || res.ec != std::errc() || res.ptr != v.data() + v.size() || !std::isfinite(y))
      return make_error(ErrorCode::parse_error, where + ": field y: \"" + std::string(v) + "\" is not a number");
    if (y < 0)
      return make_error(ErrorCode::invalid_argument, where + ": field y: negative value " + std::string(v) +
                                                         " (demand cannot be negative)");
    s.ds.emplace_back(d);
    s.y.push_back(y);
    lines.push_back(rec.line);
  }
  if (s.y.empty()) return make_error(ErrorCode::parse_error, name + ": no data rows after the header");
  // Kind of labels: all dates, all months, all integers, else text.
  std::vector<Day> days(s.ds.size());
  bool all_dates = true, all_months = true, all_ints = true;
  std::vector<int64_t> ints(s.ds.size());
  for (size_t i = 0; i < s.ds.size(); ++i) {
    if (all_dates) {
      auto p = s.ds[i].size() == 10 ? parse_day(s.ds[i]) : Result<Day>(make_error(ErrorCode::parse_error, ""));
      if (p) days[i] = *p;
      else all_dates = false;
    }
    if (all_months && !parse_month(s.ds[i], days[i])) all_months = false;
    if (all_ints && !parse_int(s.ds[i], ints[i])) all_ints = false;
  }
  if (all_months && !all_dates) {
    s.kind = LabelKind::month;
    s.grain = Grain::month;
    if (grain_given && grain != Grain::month)
      return make_error(ErrorCode::invalid_argument, name + ": the periods are months (YYYY-MM) but --grain is " + grain_name(grain));
    for (size_t i = 0; i < s.ds.size(); ++i) days[i] = 0, parse_month(s.ds[i], days[i]);
  } else if (all_dates) {
    s.kind = LabelKind::date;
    if (grain_given) s.grain = grain;
    else if (days.size() >= 2) {
      const int32_t d = days[1] - days[0];
      if (d == 7) s.grain = Grain::week;
      else if (d >= 28 && d <= 31 && add_months(days[0], 1) == days[1]) s.grain = Grain::month;
      else s.grain = Grain::day;
    }
  } else if (all_ints) {
    s.kind = LabelKind::integer;
    s.first_index = ints[0];
    for (size_t i = 1; i < ints.size(); ++i)
      if (ints[i] != ints[i - 1] + 1)
        return make_error(ErrorCode::invalid_argument, name + " line " + std::to_string(lines[i]) + ": period " +
                                                           std::to_string(ints[i]) + " does not follow " +
                                                           std::to_string(ints[i - 1]) + " (a gap or a repeat)");
    return s;
  } else {
    s.kind = LabelKind::text;
    return s;
  }
  s.first_day = days[0];
  for (size_t i = 1; i < days.size(); ++i) {
    const Day want = step(days[0], s.grain, static_cast<int64_t>(i));
    if (days[i] != want)
      return make_error(ErrorCode::invalid_argument,
                        name + " line " + std::to_string(lines[i]) + ": field ds: " + s.ds[i] + " where " +
                            (s.kind == LabelKind::month ? s.label(static_cast<int64_t>(i)) : format_day(want)) +
                            " was expected (one " + grain_name(s.grain) + " after the previous row; gaps are not allowed)");
  }
  return s;
}

DailyUnits daily_units(const Dataset& ds) {
  DailyUnits u;
  const DayRange r = ds.order_days();
  u.first = r.first;
  u.days = r.length();
  u.units.assign(ds.sku.size(), {});
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    const int32_t d = ds.order_day[o] - u.first;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) continue;
      auto& v = u.units[static_cast<size_t>(p)];
      if (v.empty()) v.assign(static_cast<size_t>(u.days), 0);
      v[static_cast<size_t>(d)] += ds.line_qty[l];
    }
  }
  return u;
}

Result<Series> series_from_dataset(const Dataset& ds, const std::string& sku, const std::string& category, Grain grain) {
  const DayRange r = ds.order_days();
  if (r.length() == 0) return make_error(ErrorCode::not_found, "the store has no orders");
  std::vector<char> pick(ds.sku.size(), 0);
  bool any = false;
  if (!sku.empty()) {
    for (size_t p = 0; p < ds.sku.size(); ++p)
      if (ds.sku[p] == sku) pick[p] = 1, any = true;
    if (!any) return make_error(ErrorCode::not_found, "--sku: no product with SKU \"" + sku + "\"");
  } else if (!category.empty()) {
    for (size_t p = 0; p < ds.sku.size(); ++p) {
      const int32_t c = ds.product_category[p];
      if (c >= 0 && ds.categories.names[static_cast<size_t>(c)] == category) pick[p] = 1, any = true;
    }
    if (!any) return make_error(ErrorCode::not_found, "--category: no product in category \"" + category + "\"");
  } else {
    std::fill(pick.begin(), pick.end(), 1);
  }
  std::vector<double> daily(static_cast<size_t>(r.length()), 0.0);
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    const int32_t d = ds.order_day[o] - r.first;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p >= 0 && pick[static_cast<size_t>(p)]) daily[static_cast<size_t>(d)] += ds.line_qty[l];
    }
  }
  Series s;
  s.kind = LabelKind::date;
  s.grain = grain;
  Day start = r.first;
  if (grain == Grain::week) start = r.first + (7 - weekday(r.first)) % 7;
  if (grain == Grain::month) {
    const Ymd a = civil_from_days(r.first);
    start = a.d == 1 ? r.first : add_months(days_from_civil(a.y, a.m, 1), 1);
  }
  s.first_day = start;
  for (int64_t i = 0;; ++i) {
    const Day a = step(start, grain, i), b = step(start, grain, i + 1) - 1;
    if (b > r.last) break;
    double sum = 0;
    for (Day d = a; d <= b; ++d) sum += daily[static_cast<size_t>(d - r.first)];
    s.y.push_back(sum);
    s.ds.push_back(grain == Grain::month ? s.label(i) : format_day(a));
  }
  // Month labels are YYYY-MM; keep kind date but label months as months.
  if (grain == Grain::month) s.kind = LabelKind::month;
  if (s.y.empty()) return make_error(ErrorCode::not_found, std::string("the orders span less than one complete ") + grain_name(grain));
  return s;
}

}  // namespace shopkeeper::planning
