#include "core/promotions/upcoming.h"

#include <fmt/format.h>

#include <algorithm>

namespace shopkeeper::promo {

std::vector<ChecklistItem> promotions_starting(const std::vector<StoredPromotion>& rows, Day day) {
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
    } else {
      it.text_en = fmt::format("\"{}\" starts {}: check its price, stock and the loss guard once more.", name, at);
      it.text_zh = fmt::format("“{}”将于 {} 开始：再核对一次价格、库存和亏损预警。", name, at);
    }
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace shopkeeper::promo
