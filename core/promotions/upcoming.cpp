#include "core/promotions/upcoming.h"

#include <fmt/format.h>

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
    const std::string at = format_timestamp(*p.conditions.starts_at).substr(0, 16);
    const int64_t problems = std::count_if(issues.begin(), issues.end(), [&](const ValidationIssue& i) { return i.promotion == p.id; });
    it.reference = static_cast<double>(problems);
    const std::string name = p.name.empty() ? p.id : p.name;
    if (r->status == "draft" || r->status == "paused") {
      it.severity = Severity::warning;
      const bool draft = r->status == "draft";
      it.text_en = fmt::format("\"{}\" starts {} but is still {}: it will not run unless you schedule it.", name, at,
                               draft ? "a draft" : "paused");
      it.text_zh = fmt::format("“{}”将于 {} 开始，但仍是{}：不改为“已排期”就不会生效。", name, at, draft ? "草稿" : "暂停状态");
    } else if (problems > 0) {
      it.severity = Severity::warning;
      it.text_en = fmt::format("\"{}\" starts {} with {} problem{} found by the editor's checks: open it before buyers see it.",
                               name, at, problems, problems == 1 ? "" : "s");
      it.text_zh = fmt::format("“{}”将于 {} 开始，编辑器检查发现 {} 个问题：请在买家看到之前打开检查。", name, at, problems);
    } else if (auto v = guard_violation(p, rows, opt)) {
      it.severity = Severity::warning;
      const std::string price = money_to_decimal(v->lowest_unit_price), floor = money_to_decimal(*v->floor_price);
      it.text_en = fmt::format("\"{}\" starts {}, and the loss guard finds {} selling at {} a unit, below its floor of {} "
                               "(cost, fees and margin floor): see the Loss guard tab.",
                               name, at, v->sku, price, floor);
      it.text_zh = fmt::format("“{}”将于 {} 开始，亏损预警发现 {} 每件可低至 {}，低于底价 {}（成本 + 佣金 + 最低毛利）：请查看亏损预警。",
                               name, at, v->sku, price, floor);
    } else {
      it.text_en = fmt::format("\"{}\" starts {}: check its price, stock and the loss guard once more.", name, at);
      it.text_zh = fmt::format("“{}”将于 {} 开始：再核对一次价格、库存和亏损预警。", name, at);
    }
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace shopkeeper::promo
