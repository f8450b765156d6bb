#include "core/promotions/upcoming.h"

#include <algorithm>

namespace shopkeeper::promo {

namespace {

// The worst guard finding among `p`'s SKUs that `p` takes part in, if any is below its floor.
std::optional<GuardFinding> guard_violation(const Promotion& p, const std::vector<StoredPromotion>& rows,
                                            const StartingOptions& opt) {
  if (!opt.products || p.scope.all()) return std::nullopt;
  std::vector<size_t> mine;
  for (size_t i = 0; i < opt.products->size(); ++i)
    if (in_scope(p, to_cart_line((*opt.products)[i]))) mine.push_back(i);
  if (mine.empty() || mine.size() > opt.max_guard_skus) return std::nullopt;
  // The set as it will be live: scheduled and active ones, plus this one whatever its status.
  std::vector<Promotion> live;
  for (const auto& r : rows)
    if (r.status == "active" || r.status == "scheduled" || r.promotion.id == p.id) live.push_back(r.promotion);
  // Every product stays in the guard: the others fill carts up to thresholds.
  Guard guard(*opt.products, std::move(live), opt.guard);
  std::vector<GuardFinding> found;
  for (size_t i : mine)
    for (auto& f : guard.run(i, i + 1)) found.push_back(std::move(f));
  std::optional<GuardFinding> worst;
  for (auto& f : found) {
    if (!f.violation || !f.floor_price) continue;
    if (std::find(f.promotions.begin(), f.promotions.end(), p.id) == f.promotions.end()) continue;
    if (!worst || f.lowest_unit_price - *f.floor_price < worst->lowest_unit_price - *worst->floor_price) worst = std::move(f);
  }
  return worst;
}

}  // namespace

std::vector<ChecklistItem> promotions_starting(const std::vector<StoredPromotion>& rows, Day day,
                                               const StartingOptions& opt) {
  std::vector<const StoredPromotion*> starting;
  for (const auto& r : rows)
    if (r.status != "ended" && r.promotion.conditions.starts_at && day_of(*r.promotion.conditions.starts_at) == day)
      starting.push_back(&r);
  std::stable_sort(starting.begin(), starting.end(), [](const StoredPromotion* a, const StoredPromotion* b) {
    return *a->promotion.conditions.starts_at < *b->promotion.conditions.starts_at;
  });
  // Validation looks at the whole set (overlapping flash sales, duplicate codes need the others).
  std::vector<Promotion> all;
  for (const auto& r : rows) all.push_back(r.promotion);
  const std::vector<ValidationIssue> issues = validate(all);

  std::vector<ChecklistItem> out;
  for (const StoredPromotion* r : starting) {
    const Promotion& p = r->promotion;
    ChecklistItem it;
    it.key = "promotion_starts";
    it.ref = p.id;
    it.value = static_cast<double>(*p.conditions.starts_at);
    it.at = *p.conditions.starts_at;
    it.day = day;
    const int64_t problems = std::count_if(issues.begin(), issues.end(), [&](const ValidationIssue& i) { return i.promotion == p.id; });
    it.reference = static_cast<double>(problems);
    it.name = p.name.empty() ? p.id : p.name;
    if (r->status == "draft" || r->status == "paused") {
      it.severity = Severity::warning;
      it.why = ItemWhy::promotion_not_scheduled;
      it.draft = r->status == "draft";
    } else if (problems > 0) {
      it.severity = Severity::warning;
      it.why = ItemWhy::promotion_problems;
      it.count = problems;
    } else if (auto v = guard_violation(p, rows, opt)) {
      it.severity = Severity::warning;
      it.why = ItemWhy::promotion_below_floor;
      it.sku = v->sku;
      it.price = v->lowest_unit_price;
      it.floor = *v->floor_price;
    } else {
      it.why = ItemWhy::promotion_check;
    }
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace shopkeeper::promo
