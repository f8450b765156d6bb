#include "ui/i18n/checklist_words.h"

#include <algorithm>
#include <cmath>

#include "core/analytics/metrics.h"
#include "ui/i18n/format.h"
#include "ui/i18n/metric_words.h"

namespace shopkeeper::ui {

namespace {

std::string pct(double x) { return strf("%.0f%%", std::fabs(x) * 100.0); }
std::string money(double v, Lang lang) { return format_money(static_cast<Money>(std::llround(v)), lang); }

// No default: a new code without its words is a -Wswitch warning here (and fails the UI test that
// words every code).
std::string zh_text(const ChecklistItem& it) {
  const Lang zh = Lang::zh_CN;
  const Metric m = static_cast<Metric>(std::max(0, it.metric));
  const std::string day = format_date(it.day, zh), at = format_timestamp(it.at).substr(0, 16);
  const std::string name = "“" + it.name + "”";
  switch (it.why) {
    case ItemWhy::metric_no_reference:
      return day + " " + metric_label(m, zh) + "：" + metric_value_text(m, it.value, zh) + "（" +
             format_date(it.day - 7, zh) + " 无数据可比）。";
    case ItemWhy::metric_vs_last_week:
      return day + " " + metric_label(m, zh) + "：" + metric_value_text(m, it.value, zh) + "，比上周同日（" +
             metric_value_text(m, it.reference, zh) + "）" + (relative_change(it.value, it.reference) >= 0 ? "高" : "低") +
             pct(relative_change(it.value, it.reference)) + "。";
    case ItemWhy::refunds_spike:
      return day + " 退款激增：退款 " + money(it.value, zh) + "，超出正常范围（过去 28 天中位数 " + money(it.reference, zh) +
             "，上限 " + money(it.high, zh) + "）。";
    case ItemWhy::refunds: return day + " 退款 " + money(it.value, zh) + "（过去 28 天中位数 " + money(it.reference, zh) + "）。";
    case ItemWhy::low_stock:
      return strf("热销商品 %s（%s）库存不足：剩 %s 件，按每天 %.1f 件约可卖 %.1f 天。", it.sku.c_str(), it.name.c_str(),
                  format_int(it.stock, zh).c_str(), it.per_day, std::max(0.0, it.value));
    case ItemWhy::promotion_not_scheduled:
      return name + "将于 " + at + " 开始，但仍是" + (it.draft ? "草稿" : "暂停状态") + "：不改为“已排期”就不会生效。";
    case ItemWhy::promotion_problems:
      return name + "将于 " + at + " 开始，编辑器检查发现 " + std::to_string(it.count) + " 个问题：请在买家看到之前打开检查。";
    case ItemWhy::promotion_below_floor:
      return name + "将于 " + at + " 开始，亏损预警发现 " + it.sku + " 每件可低至 " + format_money(it.price, zh) + "，低于底价 " +
             format_money(it.floor, zh) + "（成本 + 佣金 + 最低毛利）：请查看亏损预警。";
    case ItemWhy::promotion_check: return name + "将于 " + at + " 开始：再核对一次价格、库存和亏损预警。";
    case ItemWhy::count_: return "";
  }
  return "";
}

std::string en_text(const ChecklistItem& it) {
  const Lang en = Lang::en;
  const Metric m = static_cast<Metric>(std::max(0, it.metric));
  const std::string day = format_day(it.day), at = format_timestamp(it.at).substr(0, 16);
  const std::string name = "\"" + it.name + "\"";
  switch (it.why) {
    case ItemWhy::metric_no_reference:
      return std::string(metric_label(m, en)) + " on " + day + ": " + metric_value_text(m, it.value, en) + " (no data on " +
             format_day(it.day - 7) + " to compare).";
    case ItemWhy::metric_vs_last_week:
      return std::string(metric_label(m, en)) + " on " + day + ": " + metric_value_text(m, it.value, en) + ", " +
             pct(relative_change(it.value, it.reference)) +
             (relative_change(it.value, it.reference) >= 0 ? " higher" : " lower") +
             " than the same weekday last week (" + metric_value_text(m, it.reference, en) + ").";
    case ItemWhy::refunds_spike:
      return "Refunds spiked on " + day + ": " + money(it.value, en) + " refunded, above the usual band (median " +
             money(it.reference, en) + ", up to " + money(it.high, en) + " over the last 28 days).";
    case ItemWhy::refunds:
      return "Refunds on " + day + ": " + money(it.value, en) + " (median of the last 28 days " + money(it.reference, en) + ").";
    case ItemWhy::low_stock:
      return strf("Top seller %s (%s) is low on stock: %s left, about %.1f days at %.1f a day.", it.sku.c_str(),
                  it.name.c_str(), format_int(it.stock, en).c_str(), std::max(0.0, it.value), it.per_day);
    case ItemWhy::promotion_not_scheduled:
      return name + " starts " + at + " but is still " + (it.draft ? "a draft" : "paused") +
             ": it will not run unless you schedule it.";
    case ItemWhy::promotion_problems:
      return name + " starts " + at + " with " + std::to_string(it.count) + (it.count == 1 ? " problem" : " problems") +
             " found by the editor's checks: open it before buyers see it.";
    case ItemWhy::promotion_below_floor:
      return name + " starts " + at + ", and the loss guard finds " + it.sku + " selling at " + format_money(it.price, en) +
             " a unit, below its floor of " + format_money(it.floor, en) + " (cost, fees and margin floor): see the Loss guard tab.";
    case ItemWhy::promotion_check: return name + " starts " + at + ": check its price, stock and the loss guard once more.";
    case ItemWhy::count_: return "";
  }
  return "";
}

}  // namespace

std::string checklist_text(const ChecklistItem& it, Lang lang) { return lang == Lang::zh_CN ? zh_text(it) : en_text(it); }

}  // namespace shopkeeper::ui
