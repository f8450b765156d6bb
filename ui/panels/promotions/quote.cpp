// Promotions panel, buyer's price tab (到手价): a cart, a moment and a coupon in, the engine's
// quote out (every discount, per line and per layer), and what a refund of part of it returns.
#include "ui/i18n/issues.h"
#include "ui/i18n/names.h"
#include "ui/panels/promotions/shared.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>

#include "core/model/entities.h"
#include "core/promotions/history.h"
#include "ui/i18n/format.h"
#include "ui/i18n/reasons.h"
#include "ui/section.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/date_field.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::promo_panel {

// ---- quote (到手价) ---------------------------------------------------------------------------

void seed_quote(PromoQuoteUi& q, const PromoData& d, const Platform& platform) {
  q.seeded = true;
  set_buf(q.moment, format_day(platform.today()) + " 20:00");
  // A typical basket: the best sellers (two of the first) until it reaches 300.00, at most 4
  // lines, so the shop's usual thresholds show up in the first quote. Best sellers that some
  // promotion covers come first: thin-margin traffic items are often left out of every offer,
  // and a first quote with no discount at all shows nothing.
  std::vector<int32_t> order;
  for (int pass = 0; pass < 2; ++pass)
    for (int32_t b : d.best_sellers) {
      promo::CartLine line = promo::to_cart_line(d.products[static_cast<size_t>(b)], 1);
      bool covered = false;
      for (const auto& row : d.rows)
        if (row.status != "draft" && row.status != "ended" && row.promotion.kind != promo::Kind::shipping &&
            row.promotion.kind != promo::Kind::flash_price && promo::in_scope(row.promotion, line))
          covered = true;
      if (covered == (pass == 0)) order.push_back(b);
    }
  Money items = 0;
  for (size_t i = 0; i < order.size() && q.cart.size() < 4 && (q.cart.size() < 2 || items < 30000); ++i) {
    const auto& g = d.products[static_cast<size_t>(order[i])];
    QuoteCartRow r;
    r.sku = g.sku;
    r.qty = i == 0 ? 2 : 1;
    set_buf(r.price, money_to_decimal(g.price));
    items += g.price * r.qty;
    q.cart.push_back(r);
  }
  for (const auto& r : d.rows)
    if (!r.promotion.coupon_code.empty()) q.coupons_held.insert(r.promotion.coupon_code);
}

std::string quote_key(const PromoQuoteUi& q, const PromoData& d) {
  std::string k = std::to_string(d.revision) + "|" + q.moment + "|" + q.tier + "|" + q.group + "|" + q.channel + "|s:" + q.segment + "|" +
                  q.shipping + "|" + std::to_string(q.orders_before) + "|" + std::to_string(q.points) + "|" +
                  (q.include_drafts ? "d" : "-") + "|p:" + q.profile;
  for (const auto& r : q.cart) k += "|" + r.sku + "*" + std::to_string(r.qty) + "@" + r.price;
  for (const auto& c : q.coupons_held) k += "|c:" + c;
  return k;
}

// The engine input for the quote tab's cart and buyer; an error names the field that is wrong.
Result<promo::QuoteInput> quote_input(const PromoQuoteUi& q, const PromoData& d) {
  promo::QuoteInput in;
  auto at = parse_timestamp(q.moment);
  if (!at) return make_error(ErrorCode::parse_error, std::string(tr(S::promotions_q_moment)) + ": " + error_text(at.error(), language()));
  in.at = *at;
  auto ship = parse_money(trim(q.shipping).empty() ? "0" : q.shipping);
  if (!ship) return make_error(ErrorCode::parse_error, std::string(tr(S::promotions_q_shipping)) + ": " + error_text(ship.error(), language()));
  in.shipping = *ship;
  in.channel = q.channel;
  in.customer.id = "buyer";
  in.customer.tier = q.tier;
  in.customer.group = q.group;
  if (!q.segment.empty()) in.customer.segments = {q.segment};
  in.customer.orders_before = q.orders_before;
  in.customer.points = q.points;
  for (const auto& r : q.cart) {
    int i = product_index(d, r.sku);
    promo::CartLine l;
    if (i >= 0) l = promo::to_cart_line(d.products[static_cast<size_t>(i)], r.qty);
    l.sku = r.sku;
    l.qty = r.qty;
    auto price = parse_money(r.price);
    if (!price) return make_error(ErrorCode::parse_error, r.sku + ": " + tr(S::promotions_col_unit_price) + ": " + error_text(price.error(), language()));
    l.price = *price;
    in.cart.push_back(std::move(l));
  }
  in.promotions = live_set(d, q.include_drafts);
  for (const auto& p : in.promotions)
    if (!p.coupon_code.empty() && q.coupons_held.count(p.coupon_code)) in.coupons_held.push_back(p.coupon_code);
  std::sort(in.coupons_held.begin(), in.coupons_held.end());
  in.coupons_held.erase(std::unique(in.coupons_held.begin(), in.coupons_held.end()), in.coupons_held.end());
  in.fee_bp = d.fee_bp;
  if (!q.profile.empty()) {
    auto rules = promo::find_profile(q.profile);
    if (!rules) return make_error(ErrorCode::invalid_argument, std::string(tr(S::promotions_q_profile)) + ": " + error_text(rules.error(), language()));
    in.rules = *rules;
  }
  return in;
}

void recompute_quote(PromoQuoteUi& q, const PromoData& d) {
  std::string key = quote_key(q, d);
  if (key == q.key) return;
  q.key = key;
  q.has_result = false;
  q.error.clear();
  auto in = quote_input(q, d);
  if (!in) {
    q.error = error_text(in.error(), language());
    return;
  }
  q.input = std::move(*in);
  q.quote = promo::quote(q.input);
  q.best = promo::best_price(q.input);
  q.per_platform.clear();
  {
    promo::QuoteInput other = q.input;
    for (const auto& p : promo::builtin_profiles()) {
      other.rules = p.rules;
      promo::Quote r = promo::quote(other);
      q.per_platform.push_back({p.name, p.title, r.total, r.items_total - r.goods_paid});
    }
  }
  q.offers.clear();
  std::set<std::string> seen;
  for (const auto& l : q.input.cart) {
    if (!seen.insert(l.sku).second) continue;
    promo::CartLine one = l;
    one.qty = 1;
    q.offers.push_back(promo::product_offer(q.input, one, d.catalogue));
  }
  q.has_result = true;
}

std::string promo_name(const PromoQuoteUi& q, const std::string& id) {
  for (const auto& p : q.input.promotions)
    if (p.id == id) return p.name;
  return id;
}

// Places the pick list that follows a label: beside it (at 8 em) when it fits there, else on the
// next line; as wide as its longest choice `want` (combo_width), at most the pane (issue #9 item 9).
namespace {
void place_pick(float want) {
  const float at = ImGui::GetFontSize() * 8, pane = ImGui::GetContentRegionAvail().x;
  if (at + want <= pane) ImGui::SameLine(at);
  ImGui::SetNextItemWidth(std::min(want, pane));
}
}  // namespace

// Long on purpose (over ~120 lines): the quote's inputs as one form (cart rows, moment, buyer, coupons,
// points), laid out in one table.
void draw_quote_inputs(PanelContext& cx, PromotionsUi& pu, PromoQuoteUi& q, const PromoData& d) {
  ImGui::TextUnformatted(tr(S::promotions_q_cart));
  help_marker(tr(S::promotions_tip_cart));
  int remove = -1;
  // Each column as wide as its content (the fields have widths of their own, issue #9 item 9).
  const float qty_w = ImGui::GetFontSize() * 6, price_w = ImGui::GetFontSize() * 5;
  if (begin_fit_table("cart", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn(tr(S::col_sku));
    ImGui::TableSetupColumn(tr(S::promotions_col_qty));
    ImGui::TableSetupColumn(tr(S::promotions_col_unit_price));
    ImGui::TableSetupColumn("");
    const S tips[] = {S::count_, S::count_, S::promotions_tip_cart_price, S::count_};
    header_row(4, tips);
    for (size_t i = 0; i < q.cart.size(); ++i) {
      QuoteCartRow& r = q.cart[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(r.sku.c_str());
      item_tooltip(product_title(d, r.sku).c_str());
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(qty_w);
      if (ImGui::InputInt("##q", &r.qty)) r.qty = std::clamp(r.qty, 1, 999);
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(price_w);
      input_text("##p", r.price);
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
      item_tooltip(tr(S::promotions_remove));
      ImGui::PopID();
    }
    end_fit_table();
  }
  if (remove >= 0) q.cart.erase(q.cart.begin() + remove);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::BeginCombo("##add", tr(S::promotions_add_product), ImGuiComboFlags_HeightLarge)) {
    ImGui::SetNextItemWidth(-1);
    input_text("##filter", q.add_filter, 0, tr(S::filter_hint));
    std::string f = q.add_filter;
    std::vector<int> match;
    for (size_t i = 0; i < d.products.size(); ++i)
      if (f.empty() || d.products[i].sku.find(f) != std::string::npos || d.titles[i].find(f) != std::string::npos)
        match.push_back(static_cast<int>(i));
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(match.size()));
    while (clip.Step())
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        const auto& g = d.products[static_cast<size_t>(match[static_cast<size_t>(k)])];
        std::string label = g.sku + "  " + d.titles[static_cast<size_t>(match[static_cast<size_t>(k)])] + "  " + money(g.price);
        ImGui::PushID(k);
        if (ImGui::Selectable(label.c_str())) {
          QuoteCartRow r;
          r.sku = g.sku;
          set_buf(r.price, money_to_decimal(g.price));
          q.cart.push_back(r);
        }
        ImGui::PopID();
      }
    ImGui::EndCombo();
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_buyer));
  auto combo_of = [](const char* id, std::string& buf, const std::vector<std::string>& options, const char* any) {
    float want = combo_width({any});
    for (const auto& o : options) want = std::max(want, combo_width({o.c_str()}));
    place_pick(want);
    if (ImGui::BeginCombo(id, !buf.empty() ? buf.c_str() : any)) {
      if (ImGui::Selectable(any, buf.empty())) buf.clear();
      for (const auto& o : options)
        if (ImGui::Selectable(o.c_str(), o == buf)) buf = o;
      ImGui::EndCombo();
    }
  };
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_tier));
  combo_of("##tier", q.tier, d.tiers, tr(S::promotions_any_tier));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_channel));
  combo_of("##channel", q.channel, d.channels, tr(S::promotions_any_channel));
  if (!d.segment_ids.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(S::promotions_q_segment));
    float want = combo_width({tr(S::promotions_no_segment)});
    for (const auto& n : d.segment_names) want = std::max(want, combo_width({n.c_str()}));
    place_pick(want);
    size_t cur = d.segment_ids.size();
    for (size_t i = 0; i < d.segment_ids.size(); ++i)
      if (d.segment_ids[i] == q.segment) cur = i;
    if (ImGui::BeginCombo("##segment", cur < d.segment_ids.size() ? d.segment_names[cur].c_str() : tr(S::promotions_no_segment))) {
      if (ImGui::Selectable(tr(S::promotions_no_segment), q.segment.empty())) q.segment.clear();
      for (size_t i = 0; i < d.segment_ids.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(d.segment_names[i].c_str(), i == cur)) q.segment = d.segment_ids[i];
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    item_tooltip(tr(S::promotions_tip_q_segment));
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_profile));
  {
    float want = combo_width({tr(S::promotions_q_profile_own)});
    for (const auto& p : promo::builtin_profiles()) want = std::max(want, combo_width({profile_label(p.name, p.title, language()).c_str()}));
    place_pick(want);
    const promo::ProfileInfo* cur = promo::profile_info(q.profile);
    if (ImGui::BeginCombo("##profile", cur ? profile_label(cur->name, cur->title, language()).c_str() : tr(S::promotions_q_profile_own))) {
      if (ImGui::Selectable(tr(S::promotions_q_profile_own), !cur)) q.profile.clear();
      for (const auto& p : promo::builtin_profiles())
        if (ImGui::Selectable(profile_label(p.name, p.title, language()).c_str(), cur == &p)) set_buf(q.profile, p.name);
      ImGui::EndCombo();
    }
  }
  item_tooltip(tr(S::promotions_tip_profile));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_group));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  input_text("##group", q.group);
  item_tooltip(tr(S::promotions_tip_group));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_orders_before));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::InputInt("##ob", &q.orders_before)) q.orders_before = std::max(0, q.orders_before);
  item_tooltip(tr(S::promotions_tip_orders_before));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_points));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::InputInt("##pts", &q.points, 100)) q.points = std::max(0, q.points);
  item_tooltip(tr(S::promotions_tip_points_held));
  std::set<std::string> codes;
  for (const auto& [code, status] : d.coupon_codes)
    if (status == "active" || status == "scheduled" || (q.include_drafts && status == "draft")) codes.insert(code);
  if (!codes.empty()) {
    ImGui::TextUnformatted(tr(S::promotions_q_coupons_held));
    help_marker(tr(S::promotions_tip_coupons_held));
    for (const auto& c : codes) {
      bool held = q.coupons_held.count(c) > 0;
      if (ImGui::Checkbox(c.c_str(), &held)) {
        if (held) q.coupons_held.insert(c);
        else q.coupons_held.erase(c);
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_moment));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  date_field("##at", q.moment, ImGui::GetFontSize() * 10.5f, true, cx.platform.today());
  item_tooltip(tr(S::promotions_tip_moment));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_shipping));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  input_text("##ship", q.shipping);
  item_tooltip(tr(S::promotions_tip_shipping_fee));
  ImGui::Checkbox(tr(S::promotions_include_drafts), &q.include_drafts);
  item_tooltip(tr(S::promotions_tip_include_drafts));
}

// A discount's share of each cart line, "SKU amount", one per line.
std::vector<std::string> line_texts(const std::vector<promo::LineAmount>& lines, const promo::QuoteInput& in) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(in.cart[static_cast<size_t>(l.line)].sku + " " + money(l.amount));
  return out;
}

// The refund for sending back some units of the quoted order, recomputed when the quote or the
// returned quantities change.
void update_refund(PromoQuoteUi& q) {
  q.returns.resize(q.input.cart.size(), 0);
  std::string key = q.key;
  bool any = false;
  for (size_t i = 0; i < q.returns.size(); ++i) {
    q.returns[i] = std::clamp<int>(q.returns[i], 0, static_cast<int>(q.input.cart[i].qty));
    key += "|" + std::to_string(q.returns[i]);
    any = any || q.returns[i] > 0;
  }
  if (key == q.refund_key) return;
  q.refund_key = key;
  q.refund.reset();
  q.refund_error.clear();
  if (!any) return;
  std::vector<int64_t> back(q.returns.begin(), q.returns.end());
  auto r = promo::refund_quote(q.input, back);
  if (r) q.refund = std::move(*r);
  else q.refund_error = error_text(r.error(), language());
}

void draw_refund(PromoQuoteUi& q) {
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_refund));
  help_marker(tr(S::promotions_tip_refund));
  update_refund(q);
  const promo::QuoteInput& in = q.input;
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
  if (begin_fit_table("refund", 6, tf)) {
    for (S s : {S::col_sku, S::promotions_col_qty, S::promotions_col_return_qty, S::promotions_col_paid_share, S::promotions_col_clawback,
                S::promotions_col_refund})
      ImGui::TableSetupColumn(tr(s));
    const S tips[] = {S::count_, S::count_, S::count_, S::promotions_tip_paid_share, S::promotions_tip_clawback, S::promotions_tip_refund_line};
    header_row(6, tips);
    for (size_t i = 0; i < in.cart.size() && i < q.returns.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(in.cart[i].sku.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(in.cart[i].qty));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
      if (ImGui::InputInt("##back", &q.returns[i]))
        q.returns[i] = std::clamp<int>(q.returns[i], 0, static_cast<int>(in.cart[i].qty));
      const promo::RefundLine* rl = nullptr;
      if (q.refund)
        for (const auto& x : q.refund->lines)
          if (x.line == static_cast<int32_t>(i)) rl = &x;
      ImGui::TableNextColumn();
      if (rl) ImGui::TextUnformatted(money(rl->paid_share).c_str());
      ImGui::TableNextColumn();
      if (rl) ImGui::TextUnformatted(rl->clawback ? ("-" + money(rl->clawback)).c_str() : money(0).c_str());
      ImGui::TableNextColumn();
      if (rl) ImGui::TextUnformatted(money(rl->refund).c_str());
      ImGui::PopID();
    }
    end_fit_table();
  }
  if (!q.refund_error.empty()) {
    ImGui::TextColored(red(), "%s", q.refund_error.c_str());
    return;
  }
  if (!q.refund) {
    ImGui::TextDisabled("%s", tr(S::promotions_r_none_returned));
    return;
  }
  const promo::RefundQuote& r = *q.refund;
  figure(tr(S::promotions_r_total_refund), money(r.total), tr(S::promotions_tip_total_refund));
  figure_next(tr(S::promotions_r_goods_refund), money(r.goods_refund), tr(S::promotions_tip_refund_line));
  figure_next(tr(S::promotions_r_shipping_refund), money(r.shipping_refund), tr(S::promotions_tip_shipping_refund));
  if (r.clawback > 0) figure_next(tr(S::promotions_col_clawback), "-" + money(r.clawback), tr(S::promotions_tip_clawback));
  if (r.points_returned > 0)
    figure_next(tr(S::promotions_r_points_back), format_int(r.points_returned, language()), tr(S::promotions_tip_points_back));
  if (!r.lost.empty()) {
    std::vector<std::string> names;
    for (const auto& id : r.lost) names.push_back(promo_name(q, id));
    ImGui::TextDisabled("%s:", tr(S::promotions_r_lost));
    ImGui::SameLine();
    text_wrapped("%s", join(names).c_str());
  }
}

// Long on purpose (over ~120 lines): the quote's result as one ImGui layout top to bottom (totals,
// per-line and per-layer tables, what was not applied); its parts share the table ids and the
// column widths.
// The same cart under each platform's stacking rules, the chosen one highlighted.
void draw_per_platform(const PromoQuoteUi& q) {
  if (q.per_platform.empty()) return;
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_per_platform));
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
  if (!begin_fit_table("per_platform", 3, tf)) return;
  for (S s : {S::promotions_col_platform, S::promotions_q_discounts, S::promotions_col_total}) ImGui::TableSetupColumn(tr(s));
  ImGui::TableHeadersRow();
  for (const auto& p : q.per_platform) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string title = profile_label(p.profile, p.title, language());
    if (p.profile == q.profile) ImGui::TextColored(ImVec4(0.84f, 0.36f, 0.15f, 1), "%s", title.c_str());
    else ImGui::TextUnformatted(title.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(("-" + money(p.discounts)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(money(p.total).c_str());
  }
  end_fit_table();
}


void draw_quote_result(PanelContext& cx, PromotionsUi& pu, PromoQuoteUi& q) {
  const promo::Quote& r = q.quote;
  const promo::QuoteInput& in = q.input;
  Money discounts = r.items_total - r.goods_paid;
  ImGui::TextUnformatted(tr(S::promotions_q_result));
  ImGui::SetWindowFontScale(1.6f);
  ImGui::TextColored(ImVec4(0.84f, 0.36f, 0.15f, 1), "%s", money(r.total).c_str());
  ImGui::SetWindowFontScale(1.0f);
  item_tooltip(tr(S::promotions_tip_total));
  figure(tr(S::promotions_q_items_total), money(r.items_total), tr(S::promotions_tip_items_total));
  figure_next(tr(S::promotions_q_discounts), "-" + money(discounts), tr(S::promotions_tip_discounts));
  figure_next(tr(S::promotions_q_shipping_paid), money(r.shipping), tr(S::promotions_tip_shipping_paid));
  figure(tr(S::promotions_q_goods_paid), money(r.goods_paid), tr(S::promotions_tip_goods_paid));
  if (r.profit) {
    ImVec4 c = *r.profit < 0 ? red() : green();
    figure_next(tr(S::promotions_q_profit), money(*r.profit), tr(S::promotions_tip_profit), &c);
  } else {
    figure_next(tr(S::promotions_q_profit), tr(S::unknown), tr(S::promotions_tip_profit_unknown));
  }
  figure_next(tr(S::promotions_q_fees), money(r.fees), tr(S::promotions_tip_fees));
  if (r.points_used > 0) {
    figure_next(tr(S::promotions_q_points_used), format_int(r.points_used, language()), tr(S::promotions_tip_points_used));
  }

  draw_per_platform(q);

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_applied));
  // Columns as wide as their content; the split over the cart lines shows one line each.
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
  const float em = ImGui::GetFontSize();
  if (begin_fit_table("applied", 4, tf)) {
    ImGui::TableSetupColumn(tr(S::promotions_col_promotion));
    ImGui::TableSetupColumn(tr(S::promotions_f_layer));
    ImGui::TableSetupColumn(tr(S::promotions_col_amount));
    ImGui::TableSetupColumn(tr(S::promotions_col_per_line));
    const S tips[] = {S::count_, S::promotions_tip_layer, S::promotions_tip_applied_amount, S::promotions_tip_per_line};
    header_row(4, tips);
    for (const auto& a : r.discounts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(a.name.c_str());
      item_tooltip(kind_label(a.kind));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(layer_label(a.layer));
      ImGui::TableNextColumn();
      ImGui::Text("-%s", money(a.amount).c_str());
      if (a.platform_funded) item_tooltip(tr(S::promotions_platform_pays));
      ImGui::TableNextColumn();
      for (const std::string& l : line_texts(a.lines, in)) ImGui::TextUnformatted(l.c_str());
    }
    for (const auto& sd : r.shipping_discounts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(sd.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(layer_label(Layer::shipping));
      ImGui::TableNextColumn();
      ImGui::Text("-%s", money(sd.amount).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", tr(S::promotions_q_shipping));
    }
    end_fit_table();
  }
  if (r.discounts.empty() && r.shipping_discounts.empty()) ImGui::TextDisabled("%s", tr(S::promotions_none_applied));
  for (const auto& g : r.gifts)
    ImGui::BulletText("%s: %s (%s %s)", tr(S::promotions_gift), g.name.empty() ? g.sku.c_str() : g.name.c_str(), tr(S::promotions_gift_cost_is),
                      money(g.cost).c_str());
  if (!r.not_applied.empty() && ImGui::TreeNode("na", tr(S::promotions_q_not_applied_fmt), static_cast<int>(r.not_applied.size()))) {
    for (const auto& n : r.not_applied) {
      ImGui::BulletText("%s", promo_name(q, n.promotion).c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", reason_sentence(n.why, language(), kind_label).c_str());
    }
    ImGui::TreePop();
  }

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_lines));
  if (begin_fit_table("lines", 6, tf)) {
    for (S s : {S::col_sku, S::promotions_col_qty, S::promotions_col_line_amount, S::promotions_col_line_discount, S::promotions_col_paid,
                S::promotions_col_paid_unit})
      ImGui::TableSetupColumn(tr(s));
    const S tips[] = {S::count_, S::count_, S::promotions_tip_line_amount, S::promotions_tip_line_discount, S::promotions_tip_line_paid, S::promotions_tip_paid_unit};
    header_row(6, tips);
    for (size_t i = 0; i < in.cart.size() && i < r.line_paid.size(); ++i) {
      const auto& l = in.cart[i];
      Money amount = l.price * l.qty;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.sku.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(l.qty));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(amount).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("-%s", money(amount - r.line_paid[i]).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(r.line_paid[i]).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(l.qty ? div_round(r.line_paid[i], l.qty) : 0).c_str());
    }
    end_fit_table();
  }

  draw_refund(q);

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_best));
  help_marker(tr(S::promotions_tip_best));
  const promo::BestChoice& b = q.best;
  std::string coupons = b.coupons.empty() ? std::string(tr(S::promotions_no_coupon)) : join(b.coupons);
  ImGui::BulletText("%s: %s", tr(S::promotions_q_use_coupons), coupons.c_str());
  ImGui::BulletText("%s: %s", tr(S::promotions_q_use_points), format_int(b.points, language()).c_str());
  ImGui::Bullet();
  figure(tr(S::promotions_q_best_total), money(b.quote.total), tr(S::promotions_tip_best_total));
  Money save = r.total - b.quote.total;
  if (save > 0) {
    ImGui::SameLine();
    ImGui::TextColored(green(), tr(S::promotions_saves_fmt), money(save).c_str());
  } else {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr(S::promotions_already_best));
  }
  if (!b.exhaustive) ImGui::TextDisabled("%s", tr(S::promotions_greedy_note));

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_offers));
  help_marker(tr(S::promotions_tip_offers));
  if (begin_fit_table("offers", 4, tf, ImVec2(0, 0), 3, em * 12)) {
    ImGui::TableSetupColumn(tr(S::col_sku));
    ImGui::TableSetupColumn(tr(S::promotions_col_list_price));
    ImGui::TableSetupColumn(tr(S::promotions_col_lowest_one));
    ImGui::TableSetupColumn(tr(S::promotions_col_add_on), ImGuiTableColumnFlags_WidthFixed, fit_table_wrap_width());
    const S tips[] = {S::count_, S::count_, S::promotions_tip_lowest_one, S::promotions_tip_add_on};
    header_row(4, tips);
    for (const auto& o : q.offers) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.sku.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(o.list_price).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(o.lowest_unit_price).c_str());
      ImGui::TableNextColumn();
      if (o.add_ons.empty()) ImGui::TextDisabled("—");
      for (const auto& a : o.add_ons) {
        std::string t = strf(tr(S::promotions_add_on_fmt), money(a.missing).c_str(), a.name.c_str(), money(a.threshold).c_str());
        if (!a.suggest_sku.empty())
          t += strf(tr(S::promotions_add_on_suggest_fmt), a.suggest_sku.c_str(), money(a.suggest_price).c_str(),
                    money(a.product_unit_price).c_str());
        text_wrapped("%s", t.c_str());
      }
    }
    end_fit_table();
  }
}

void draw_quote_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  PromoQuoteUi& q = *pu.quote;
  if (!q.seeded) seed_quote(q, d, cx.platform);
  recompute_quote(q, d);
  if (ImGui::BeginTable("quote", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("in", 0, 0.8f);
    ImGui::TableSetupColumn("out", 0, 1.4f);
    ImGui::TableNextColumn();
    draw_quote_inputs(cx, pu, q, d);
    ImGui::TableNextColumn();
    if (!q.error.empty()) ImGui::TextColored(red(), "%s", q.error.c_str());
    else if (q.cart.empty()) ImGui::TextDisabled("%s", tr(S::promotions_cart_empty));
    else if (q.has_result) draw_quote_result(cx, pu, q);
    ImGui::EndTable();
  }
}

}  // namespace shopkeeper::ui::promo_panel
