#include "core/analytics/decomposition.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace shopkeeper {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Spec {
  const char* key;
  const char* en;
  const char* zh;
  double before, after;
  bool rate = false;
};

double log_mean(double a, double b) {
  if (a == b) return a;
  return (a - b) / (std::log(a) - std::log(b));
}

std::string pct(double x) { return fmt::format("{:.1f}%", std::fabs(x) * 100.0); }
const char* verb_en(double x) { return x > 0 ? "rose" : "fell"; }
const char* verb_zh(double x) { return x > 0 ? "上升" : "下降"; }
// A factor's own change as its card shows it: "12.0%" (counts, money) or "2.19 pp" / "2.19个百分点" (rates).
std::string own(const Factor& f, bool zh) {
  if (!f.rate) return pct(f.own_change);
  return fmt::format("{:.2f}{}", std::fabs(f.own_change) * 100.0, zh ? "个百分点" : " pp");
}
// Its share of the metric's change, signed: "+62%", "-28%" (shares add up to 100%).
std::string share_pct(double share) {
  if (std::isnan(share)) return "-";
  return fmt::format("{:+.0f}%", share * 100.0);
}
// Changes under 0.05 % print as 0.0 %: call them unchanged.
bool flat(double x) { return std::isnan(x) || std::fabs(x) < 0.0005; }

Decomposition decompose(Metric metric, double before, double after, const std::vector<Spec>& specs) {
  Decomposition d;
  d.metric = metric;
  d.before = before;
  d.after = after;
  d.change = before != 0 ? after / before - 1.0 : kNaN;
  for (const Spec& s : specs) {
    if (!(s.before > 0) || !(s.after > 0)) {
      d.reason = std::string(s.en) + " is zero, negative or unknown in one of the periods";
      d.reason_zh = std::string(s.zh) + "在其中一个时段为零、负数或未知，无法分解";
      return d;
    }
  }
  const double L = log_mean(after, before);
  for (const Spec& s : specs) {
    Factor f{s.key, s.en, s.zh};
    f.before = s.before;
    f.after = s.after;
    f.change = s.after / s.before - 1.0;
    f.rate = s.rate;
    f.own_change = s.rate ? s.after - s.before : f.change;
    f.contribution = L * std::log(s.after / s.before);
    f.share = after != before ? f.contribution / (after - before) : kNaN;
    f.points = f.contribution / before;
    d.factors.push_back(f);
  }
  d.ok = true;
  return d;
}

// The factor that moved the metric most in the direction of its change, and the strongest
// factor pushing the other way (if any).
void drivers(const Decomposition& d, const Factor*& main, const Factor*& against) {
  main = against = nullptr;
  const double total = d.after - d.before;
  for (const Factor& f : d.factors) {
    if (f.contribution * total > 0) {
      if (!main || std::fabs(f.contribution) > std::fabs(main->contribution)) main = &f;
    } else if (f.contribution * total < 0 && !flat(f.change)) {
      if (!against || std::fabs(f.contribution) > std::fabs(against->contribution)) against = &f;
    }
  }
}

void write_sentence(Decomposition& d, const char* name_en, const char* name_zh, const Factor* orders) {
  const std::string cap_en = std::string(1, static_cast<char>(name_en[0] - 32)) + (name_en + 1);
  if (std::isnan(d.change)) {
    d.sentence_en = fmt::format("No {} in the comparison period to compare with.", name_en);
    d.sentence_zh = fmt::format("对比期没有{}，无法比较。", name_zh);
    return;
  }
  if (flat(d.change)) {
    d.sentence_en = fmt::format("{} was unchanged.", cap_en);
    d.sentence_zh = fmt::format("{}持平。", name_zh);
    return;
  }
  const std::string head_en = fmt::format("{} {} {}", cap_en, verb_en(d.change), pct(d.change));
  const std::string head_zh = fmt::format("{}{}{}", name_zh, verb_zh(d.change), pct(d.change));
  if (!d.ok) {
    d.sentence_en = head_en + ".";
    d.sentence_zh = head_zh + "。";
    return;
  }
  const Factor *main = nullptr, *against = nullptr;
  drivers(d, main, against);
  // "Orders fell 8% but sales rose 3%: average order value rose 12%."
  if (orders && !flat(orders->change) && orders->change * d.change < 0 && main) {
    d.sentence_en = fmt::format("Orders {} {} but {} {} {}: {} {} {} ({} of the change).", verb_en(orders->change),
                                pct(orders->change), name_en, verb_en(d.change), pct(d.change), main->label_en,
                                verb_en(main->own_change), own(*main, false), share_pct(main->share));
    d.sentence_zh = fmt::format("订单数{}{}，但{}{}{}：{}{}{}（占变化的{}）。", verb_zh(orders->change), pct(orders->change),
                                name_zh, verb_zh(d.change), pct(d.change), main->label_zh, verb_zh(main->own_change),
                                own(*main, true), share_pct(main->share));
    return;
  }
  d.sentence_en = head_en;
  d.sentence_zh = head_zh;
  // Each factor: its own change (as on its card) and its share of the whole change.
  auto own_en = [](const Factor& f) {
    return fmt::format("{} {} {} ({} of the change)", f.label_en, verb_en(f.own_change), own(f, false), share_pct(f.share));
  };
  auto own_zh = [](const Factor& f) {
    return fmt::format("{}{}{}（占变化的{}）", f.label_zh, verb_zh(f.own_change), own(f, true), share_pct(f.share));
  };
  if (main) {
    d.sentence_en += ", mainly because " + own_en(*main);
    d.sentence_zh += "，主要因为" + own_zh(*main);
  }
  if (against) {
    d.sentence_en += ", although " + own_en(*against);
    d.sentence_zh += "，尽管" + own_zh(*against);
  }
  d.sentence_en += ".";
  d.sentence_zh += "。";
}

double dbl(int64_t v) { return static_cast<double>(v); }

}  // namespace

Decomposition decompose_sales(const Totals& b, const Totals& a) {
  std::vector<Spec> specs;
  const bool traffic = a.has_traffic && b.has_traffic && a.visitors > 0 && b.visitors > 0;
  const double aov_b = b.valid_orders ? dbl(b.sales) / dbl(b.valid_orders) : 0;
  const double aov_a = a.valid_orders ? dbl(a.sales) / dbl(a.valid_orders) : 0;
  if (traffic) {
    specs.push_back({"visitors", "visitors", "访客数", dbl(b.visitors), dbl(a.visitors)});
    specs.push_back({"conversion_rate", "conversion rate", "转化率", dbl(b.valid_orders) / dbl(b.visitors),
                     dbl(a.valid_orders) / dbl(a.visitors), true});
  } else {
    specs.push_back({"orders", "orders", "订单数", dbl(b.valid_orders), dbl(a.valid_orders)});
  }
  specs.push_back({"aov", "average order value", "客单价", aov_b, aov_a});
  Decomposition d = decompose(Metric::sales, dbl(b.sales), dbl(a.sales), specs);
  Factor orders{"orders", "orders", "订单数"};
  orders.before = dbl(b.valid_orders);
  orders.after = dbl(a.valid_orders);
  orders.change = b.valid_orders ? orders.after / orders.before - 1.0 : kNaN;
  write_sentence(d, "sales", "销售额", &orders);
  return d;
}

Decomposition decompose_gross_profit(const Totals& b, const Totals& a) {
  // gross profit = sales x (net sales / sales) x coverage x gross margin, with coverage = covered
  // net sales / net sales and gross margin = gross profit / covered net sales (metrics.h). The
  // coverage factor is listed only when some cost is unknown in either period.
  auto kept = [](const Totals& t) { return t.sales ? dbl(t.net_sales()) / dbl(t.sales) : 0.0; };
  auto coverage = [](const Totals& t) { return t.net_sales() ? dbl(t.covered_net_sales()) / dbl(t.net_sales()) : 0.0; };
  auto margin = [](const Totals& t) {
    return t.has_gross_profit() ? dbl(t.gross_profit()) / dbl(t.covered_net_sales()) : 0.0;
  };
  std::vector<Spec> specs = {
      {"sales", "sales", "销售额", dbl(b.sales), dbl(a.sales)},
      {"kept_after_refunds", "share kept after refunds", "退款后留存比例", kept(b), kept(a), true},
  };
  if (b.covered_net_sales() != b.net_sales() || a.covered_net_sales() != a.net_sales())
    specs.push_back({"cost_coverage", "share of net sales with a known cost", "成本已知的净销售额占比", coverage(b), coverage(a), true});
  specs.push_back({"gross_margin", "gross margin", "毛利率", margin(b), margin(a), true});
  Decomposition d = decompose(Metric::gross_profit, dbl(b.gross_profit()), dbl(a.gross_profit()), specs);
  write_sentence(d, "gross profit", "毛利", nullptr);
  return d;
}

Explanation explain(const KpiResult& k) {
  Explanation e;
  e.sales = decompose_sales(k.comparison, k.current);
  e.gross_profit = decompose_gross_profit(k.comparison, k.current);
  return e;
}

Explanation explain(const Dataset& ds, const KpiQuery& q) { return explain(compute_kpis(ds, q)); }

}  // namespace shopkeeper
