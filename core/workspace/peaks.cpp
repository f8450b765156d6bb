#include "core/workspace/peaks.h"

#include <algorithm>

#include "core/promotions/calendar.h"
#include "core/promotions/store_io.h"

namespace shopkeeper {

using promo::Campaign;
using promo::Conditions;
using promo::Festival;
using promo::StoredPromotion;
using promo::festivals_between;
using promo::load_campaigns;
using promo::load_stored_promotions;

Result<std::vector<ExpectedWindow>> expected_peaks(Db& db, DayRange range, int32_t history_days) {
  const DayRange span{range.first - history_days, range.last};
  std::vector<ExpectedWindow> out;
  auto add = [&](DayRange w, const std::string& name) {
    if (w.last < span.first || w.first > span.last || w.last < w.first) return;
    out.push_back({w, name});
  };
  for (const Festival& f : festivals_between(DayRange{span.first - 30, span.last + 30})) {
    add(DayRange{f.day - 1, f.day}, f.id);
    // The Spring Festival holiday around the lunar new year (the reference day of the New-Year
    // goods fair): couriers stop and orders fall for about two weeks, every year.
    if (f.id == "cny_shopping") add(DayRange{f.day - 8, f.day + 7}, "spring_festival");
  }
  auto campaigns = load_campaigns(db);
  if (!campaigns) return campaigns.error();
  for (const Campaign& c : *campaigns) add(c.window, c.name.empty() ? c.id : c.name);
  auto promos = load_stored_promotions(db);
  if (!promos) return promos.error();
  for (const StoredPromotion& p : *promos) {
    if (p.status == "draft") continue;
    const Conditions& c = p.promotion.conditions;
    if (!c.starts_at || !c.ends_at) continue;  // open-ended offers are the shop's normal prices
    add(DayRange{day_of(*c.starts_at), day_of(*c.ends_at - 1)}, p.promotion.name.empty() ? p.promotion.id : p.promotion.name);
  }
  std::stable_sort(out.begin(), out.end(), [](const ExpectedWindow& a, const ExpectedWindow& b) {
    return a.window.first < b.window.first;
  });
  return out;
}

}  // namespace shopkeeper
