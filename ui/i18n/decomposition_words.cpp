#include "ui/i18n/decomposition_words.h"

#include <cmath>

#include "ui/i18n/format.h"

namespace shopkeeper::ui {

namespace {

struct Label {
  const char* key;
  const char* en;
  const char* zh;
};
constexpr Label kLabels[] = {
    {"visitors", "visitors", "访客数"},
    {"conversion_rate", "conversion rate", "转化率"},
    {"orders", "orders", "订单数"},
    {"aov", "average order value", "客单价"},
    {"sales", "sales", "销售额"},
    {"kept_after_refunds", "share kept after refunds", "退款后留存比例"},
    {"cost_coverage", "share of net sales with a known cost", "成本已知的净销售额占比"},
    {"gross_margin", "gross margin", "毛利率"},
    {"gross_profit", "gross profit", "毛利"},
};

std::string pct(double x) { return strf("%.1f%%", std::fabs(x) * 100.0); }
const char* verb(double x, bool zh) { return zh ? (x > 0 ? "上升" : "下降") : (x > 0 ? "rose" : "fell"); }
// A factor's own change as its card shows it: "12.0%" (counts, money) or "2.19 pp" / "2.19个百分点" (rates).
std::string own(const Factor& f, bool zh) {
  if (!f.rate) return pct(f.own_change);
  return strf("%.2f%s", std::fabs(f.own_change) * 100.0, zh ? "个百分点" : " pp");
}
// Its share of the metric's change, signed: "+62%", "-28%" (shares add up to 100%).
std::string share_pct(double share) {
  if (std::isnan(share)) return "-";
  return strf("%+.0f%%", share * 100.0);
}

}  // namespace

const char* factor_label(const std::string& key, Lang lang) {
  for (const Label& l : kLabels)
    if (key == l.key) return lang == Lang::zh_CN ? l.zh : l.en;
  return "";
}

std::string decomposition_sentence(const Decomposition& d, Lang lang) {
  const bool zh = lang == Lang::zh_CN;
  const std::string name = factor_label(metric_name(d.metric), lang);
  const std::string cap = zh || name.empty() ? name : std::string(1, static_cast<char>(name[0] - 32)) + name.substr(1);
  const Factor* main = d.main >= 0 ? &d.factors[static_cast<size_t>(d.main)] : nullptr;
  const Factor* against = d.against >= 0 ? &d.factors[static_cast<size_t>(d.against)] : nullptr;
  auto factor = [&](const Factor& f) {
    return zh ? std::string(factor_label(f.key, lang)) + verb(f.own_change, zh) + own(f, zh) + "（占变化的" + share_pct(f.share) + "）"
              : std::string(factor_label(f.key, lang)) + " " + verb(f.own_change, zh) + " " + own(f, zh) + " (" +
                    share_pct(f.share) + " of the change)";
  };
  const std::string head = zh ? name + verb(d.change, zh) + pct(d.change) : cap + " " + verb(d.change, zh) + " " + pct(d.change);
  // No default: a new shape without its words is a -Wswitch warning here.
  switch (d.sentence) {
    case DecompSentence::no_comparison:
      return zh ? "对比期没有" + name + "，无法比较。" : "No " + name + " in the comparison period to compare with.";
    case DecompSentence::unchanged: return zh ? name + "持平。" : cap + " was unchanged.";
    case DecompSentence::change_only: return head + (zh ? "。" : ".");
    case DecompSentence::orders_against:
      if (!main) return head + (zh ? "。" : ".");
      if (zh)
        return "订单数" + std::string(verb(d.orders_change, zh)) + pct(d.orders_change) + "，但" + name + verb(d.change, zh) +
               pct(d.change) + "：" + factor_label(main->key, lang) + verb(main->own_change, zh) + own(*main, zh) + "（占变化的" +
               share_pct(main->share) + "）。";
      return "Orders " + std::string(verb(d.orders_change, zh)) + " " + pct(d.orders_change) + " but " + name + " " +
             verb(d.change, zh) + " " + pct(d.change) + ": " + factor_label(main->key, lang) + " " + verb(main->own_change, zh) +
             " " + own(*main, zh) + " (" + share_pct(main->share) + " of the change).";
    case DecompSentence::drivers: {
      std::string s = head;
      if (main) s += (zh ? "，主要因为" : ", mainly because ") + factor(*main);
      if (against) s += (zh ? "，尽管" : ", although ") + factor(*against);
      return s + (zh ? "。" : ".");
    }
  }
  return "";
}

std::string decomposition_reason(const Decomposition& d, Lang lang) {
  if (d.ok || d.blocked.empty()) return "";
  const std::string f = factor_label(d.blocked, lang);
  return lang == Lang::zh_CN ? f + "在其中一个时段为零、负数或未知，无法分解" : f + " is zero, negative or unknown in one of the periods";
}

}  // namespace shopkeeper::ui
