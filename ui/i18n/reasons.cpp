#include "ui/i18n/reasons.h"

#include "ui/i18n/format.h"

namespace shopkeeper::ui {

using promo::Why;

namespace {

// No default: a new code without a Chinese sentence is a -Wswitch warning here and fails the
// UI test that walks every code.
const char* zh_template(Why w) {
  switch (w) {
    case Why::none: return "";
    case Why::not_started: return "尚未开始（{@a} 开始）";
    case Why::ended: return "已于 {@a} 结束";
    case Why::channel: return "渠道“{s}”不在活动渠道内";
    case Why::group: return "买家分组“{s}”不可参加";
    case Why::tier: return "买家等级“{s}”不可参加";
    case Why::first_order_only: return "仅限首单";
    case Why::nth_order_only: return "仅限买家第 {#a} 单（本单是第 {#b} 单）";
    case Why::uses_taken: return "{#a} 次名额已用完";
    case Why::coupon_used: return "买家已用过优惠券 {s} {#a} 次";
    case Why::flash_sold_out: return "秒杀库存已售罄";
    case Why::flash_customer_limit: return "买家已达秒杀每人限购";
    case Why::min_amount: return "需满 {$a}，适用商品只有 {$b}";
    case Why::min_units: return "需 {#a} 件适用商品，只有 {#b} 件";
    case Why::no_line_in_scope: return "购物车里没有适用商品";
    case Why::lines_taken: return "适用商品已享受其他优惠";
    case Why::threshold_short: return "需满 {$a}，适用商品只有 {$b}（还差 {$c}）";
    case Why::step_short: return "需满 {$a}，适用商品只有 {$b}";
    case Why::more_units: return "适用商品件数不够（现有 {#a} 件）";
    case Why::flash_not_lower: return "秒杀价不低于当前价";
    case Why::nth_units: return "同一商品需买 {#a} 件";
    case Why::bundle_empty: return "套装里没有商品";
    case Why::bundle_incomplete: return "购物车没有凑齐一整套";
    case Why::bundle_not_lower: return "套装价不低于商品当前价";
    case Why::gift_short: return "满 {$a} 才送赠品，适用商品只有 {$b}";
    case Why::coupon_short: return "优惠券需满 {$a}，适用商品只有 {$b}（还差 {$c}）";
    case Why::own_layer: return "在自己的层级单独计算";
    case Why::no_discount: return "对这个购物车没有优惠";
    case Why::coupon_not_held: return "买家没有或未选用优惠券 {s}";
    case Why::wrong_layer: return "“{Ka}”只能放在对应的层级";
    case Why::better_offer: return "更优惠的活动用了这些商品";
    case Why::points_layer_only: return "积分层只计算积分抵扣";
    case Why::no_line_for_points: return "没有可用积分抵扣的商品";
    case Why::no_points: return "买家没有使用积分";
    case Why::points_too_small: return "积分抵扣不足一分钱";
    case Why::other_points_more: return "另一个积分方案抵扣更多";
    case Why::shipping_layer_only: return "运费层只计算运费优惠";
    case Why::shipping_short: return "商品需满 {$a}，现有 {$b}（还差 {$c}）";
    case Why::no_shipping_fee: return "没有运费可减";
    case Why::better_shipping: return "已有更优惠的运费优惠";
    case Why::shipping_free: return "运费已经全免";
    case Why::budget_spent: return "预算已用完（已优惠 {$a}，共 {$b}）";
    case Why::unit_cap_reached: return "买家已享受 {#a} 件优惠上限";
    case Why::condition_not_in_cart: return "购物车里没有满足条件范围的商品";
    case Why::buy_set_short: return "需从购买范围买 {#a} 件，现有 {#b} 件";
    case Why::floor_reached: return "商品已到最低限价";
    case Why::group_better: return "同组“{s}”的另一个优惠对买家更划算";
    case Why::profile_excluded: return "平台规定不能与{s}同享，后者更划算";
    case Why::coupon_limit: return "平台规定本层每单限用 {#a} 张券";
    case Why::code_limit: return "平台规定每单最多 {#a} 个优惠码";
    case Why::not_combinable: return "不能与{s}叠加，后者更划算";
    case Why::segment: return "买家不在以下人群中：{s}";
    case Why::count_: return "";
  }
  return "";
}

}  // namespace

const char* reason_template(Why w, Lang lang) {
  return lang == Lang::zh_CN ? zh_template(w) : promo::why_template_en(w);
}

std::string reason_sentence(const promo::Reason& r, Lang lang, const char* (*kind_label)(promo::Kind)) {
  promo::ReasonFormat f;
  f.money = [lang](Money m) { return format_money(m, lang); };
  f.timestamp = [](Timestamp t) { return format_timestamp(t).substr(0, 16); };
  if (kind_label) f.kind = [kind_label](promo::Kind k) { return std::string(kind_label(k)); };
  return promo::render_reason(reason_template(r.code, lang), r, f);
}

}  // namespace shopkeeper::ui
