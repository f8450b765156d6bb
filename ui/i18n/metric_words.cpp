#include "ui/i18n/metric_words.h"

#include <cmath>

#include "ui/i18n/format.h"

namespace shopkeeper::ui {

namespace {

struct Words {
  const char* label_en;
  const char* label_zh;
  const char* definition_en;
  const char* definition_zh;
};

// No default: a new metric without its words is a -Wswitch warning here.
Words words(Metric m) {
  switch (m) {
    case Metric::visitors:
      return {"Visitors (UV)", "访客数 (UV)",
              "Sum over the days and traffic sources of the range of the daily unique visitors in "
              "traffic_daily (a visitor who comes on two days counts twice).",
              "所选日期内每天、每个流量来源的独立访客数之和（同一访客在两天来访计两次）。"};
    case Metric::page_views:
      return {"Page views (PV)", "浏览量 (PV)",
              "Sum of page views in traffic_daily over the range.",
              "所选日期内 traffic_daily 浏览量之和。"};
    case Metric::pages_per_visit:
      return {"Pages per visit", "人均浏览页数",
              "Page views / visits, where visits are the sessions of each traffic row (its visitors "
              "when the row has no sessions).",
              "浏览量 ÷ 访问次数；访问次数取每行流量数据的会话数（该行没有会话数时取访客数）。"};
    case Metric::avg_visit_seconds:
      return {"Average visit time", "平均访问时长",
              "Visit-weighted mean of the rows' average visit seconds: sum(avg_seconds x visits) / "
              "sum(visits).",
              "按访问次数加权的平均访问时长：Σ(平均秒数 × 访问次数) ÷ Σ访问次数。"};
    case Metric::orders:
      return {"Orders placed", "下单数",
              "Orders placed in the range, any status (pending, cancelled and refunded included).",
              "所选日期内下单的订单数，不论状态（含待付款、已取消、已退款）。"};
    case Metric::valid_orders:
      return {"Valid orders", "有效订单数",
              "Orders placed in the range that were paid and not cancelled (status paid, shipped, "
              "completed or refunded; refunds are subtracted separately).",
              "所选日期内下单、已付款且未取消的订单数（状态为已付款、已发货、已完成或已退款；退款另行扣除）。"};
    case Metric::valid_order_rate:
      return {"Valid-order rate", "有效订单率",
              "Valid orders / orders placed.",
              "有效订单数 ÷ 下单数。"};
    case Metric::gmv:
      return {"GMV (placed amount)", "GMV（下单金额）",
              "Sum over all orders placed in the range (any status) of items amount - discount + "
              "shipping.",
              "所选日期内全部下单订单（不论状态）的 商品金额 − 优惠 + 运费 之和。"};
    case Metric::sales:
      return {"Sales (paid)", "销售额（实付）",
              "Sum of the paid amount of valid orders placed in the range (shipping included, before "
              "refunds).",
              "所选日期内下单的有效订单实付金额之和（含运费，未扣退款）。"};
    case Metric::refunds:
      return {"Refunds", "退款金额",
              "Sum of refund amounts of the valid orders placed in the range, counted on the order's "
              "placed day whenever the refund happened.",
              "所选日期内下单的有效订单的退款金额之和，按订单下单日计入（不论退款发生在哪天）。"};
    case Metric::net_sales:
      return {"Net sales", "净销售额",
              "Sales - refunds.",
              "销售额 − 退款金额。"};
    case Metric::aov:
      return {"Average order value", "客单价",
              "Sales / valid orders, rounded half away from zero to a whole minor unit.",
              "销售额 ÷ 有效订单数，四舍五入到最小货币单位（分）。"};
    case Metric::units:
      return {"Units sold", "销售件数",
              "Sum of line quantities of valid orders placed in the range.",
              "所选日期内下单的有效订单的商品件数之和。"};
    case Metric::units_per_order:
      return {"Units per order", "件单价（每单件数）",
              "Units / valid orders.",
              "销售件数 ÷ 有效订单数。"};
    case Metric::gross_profit:
      return {"Gross profit", "毛利",
              "Computed over the order lines with a known unit cost only: their net sales - the cost "
              "of their net units. An order's paid amount is split between its lines with and "
              "without a cost by line revenue; a refund goes with its line (a refund naming no line "
              "takes its order's split). Cost of net units = sum of qty x unit cost over those "
              "lines, minus refunded qty x unit cost of the refunded line. Undefined when no line "
              "has a known cost; see the coverage.",
              "只按成本已知的商品行计算：这些商品行的净销售额 − 其净件数成本。订单实付金额按商品行收入在有成本和无成本的商品行之间分摊；退款随其商品行（未指明商品行的退款按所属订单的分摊比例）。净件数成本 = 这些商品行 数量×单位成本 之和，减去 退款件数×被退商品行的单位成本。没有任何成本已知的商品行时无法计算；见覆盖率。"};
    case Metric::gross_margin:
      return {"Gross margin", "毛利率",
              "Gross profit / net sales of the lines with a known cost.",
              "毛利 ÷ 成本已知商品行的净销售额。"};
    case Metric::conversion_rate:
      return {"Order conversion rate", "下单转化率",
              "Valid orders / visitors.",
              "有效订单数 ÷ 访客数。"};
    case Metric::customers:
      return {"Paying customers", "付款客户数",
              "Distinct non-guest customers with at least one valid order placed in the range.",
              "所选日期内至少有一笔有效订单的非游客客户数（去重）。"};
    case Metric::new_customers:
      return {"New customers", "新客户数",
              "Paying customers whose first valid order ever was placed in the range.",
              "首笔有效订单下单日落在所选日期内的付款客户数。"};
    case Metric::returning_customers:
      return {"Returning customers", "老客户数",
              "Paying customers - new customers (their first valid order was placed before the "
              "range).",
              "付款客户数 − 新客户数（首笔有效订单早于所选日期）。"};
    case Metric::repurchase_rate:
      return {"Repurchase rate", "复购率",
              "Paying customers with 2 or more valid orders placed in the range / paying customers.",
              "所选日期内有 2 笔及以上有效订单的客户数 ÷ 付款客户数。"};
    case Metric::refund_rate_amount:
      return {"Refund rate (amount)", "退款率（金额）",
              "Refunds / sales.",
              "退款金额 ÷ 销售额。"};
    case Metric::refund_rate_units:
      return {"Refund rate (units)", "退款率（件数）",
              "Refunded units / units sold (refunded units: the qty of each refund of those orders).",
              "退款件数 ÷ 销售件数（退款件数：这些订单每笔退款记录的数量之和）。"};
    case Metric::gross_profit_coverage:
      return {"Gross profit coverage", "毛利覆盖率",
              "Net sales of the lines with a known cost / net sales: how much of net sales gross "
              "profit covers.",
              "成本已知商品行的净销售额 ÷ 净销售额：毛利覆盖了多少净销售额。"};
  }
  return {"", "", "", ""};
}

}  // namespace

std::string metric_value_text(Metric m, double v, Lang lang) {
  if (!std::isfinite(v)) return "—";
  switch (metric_def(m).unit) {
    case MetricUnit::money: return format_money(static_cast<Money>(std::llround(v)), lang);
    case MetricUnit::count: return format_int(static_cast<int64_t>(std::llround(v)), lang);
    case MetricUnit::rate: return format_percent(v, 2);
    case MetricUnit::seconds: return strf(lang == Lang::zh_CN ? "%.0f秒" : "%.0f s", v);
    case MetricUnit::ratio: return strf("%.2f", v);
  }
  return "—";
}

const char* metric_label(Metric m, Lang lang) { return lang == Lang::zh_CN ? words(m).label_zh : words(m).label_en; }
const char* metric_definition(Metric m, Lang lang) {
  return lang == Lang::zh_CN ? words(m).definition_zh : words(m).definition_en;
}

}  // namespace shopkeeper::ui
