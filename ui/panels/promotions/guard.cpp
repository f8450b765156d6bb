// Promotions panel, loss guard tab: every SKU's worst price under the live promotions (a slice of
// SKUs per frame), the ones below the margin floor first, each openable in the buyer's price tab.
#include "ui/panels/promotions/shared.h"

#include <imgui.h>

#include <algorithm>
#include <array>
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
#include "ui/widgets/fit_table.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::promo_panel {

// ---- loss guard ---------------------------------------------------------------------------------

void start_guard(PromoGuardUi& g, const PromoData& d, const std::string& key) {
  promo::GuardOptions opt;
  opt.floor_bp = d.floor_bp;
  opt.fee_bp = d.fee_bp;
  opt.profiles = promo::profiles_for_channels(d.channels);  // each platform the shop sells on
  g.job.start(d.products, live_set(d, g.include_drafts), opt, key);
  g.order.clear();
  g.sorted_count = static_cast<size_t>(-1);
  g.selected = -1;
  g.fit.revision = -1;  // new findings: measured again when the check is done
}

// How far the lowest price is below the floor price (negative: headroom).
std::optional<Money> below_floor(const promo::GuardFinding& f) {
  if (!f.floor_price) return std::nullopt;
  return *f.floor_price - f.lowest_unit_price;
}

void sort_findings(PromoGuardUi& g) {
  if (g.sorted_count == g.job.findings.size()) return;
  g.sorted_count = g.job.findings.size();
  g.order.resize(g.job.findings.size());
  for (size_t i = 0; i < g.order.size(); ++i) g.order[i] = i;
  const auto& f = g.job.findings;
  // List prices already below their floor first (a price to fix, no promotion involved; issue
  // #10), then the furthest below the floor.
  std::stable_sort(g.order.begin(), g.order.end(), [&](size_t a, size_t b) {
    if (f[a].list_price_below_floor != f[b].list_price_below_floor) return f[a].list_price_below_floor;
    auto x = below_floor(f[a]), y = below_floor(f[b]);
    if (x.has_value() != y.has_value()) return x.has_value();
    return x && *x > *y;
  });
}

void open_in_quote(PanelContext& cx, PromotionsUi& pu, const promo::GuardFinding& f, bool drafts) {
  PromoQuoteUi& q = *pu.quote;
  q.seeded = true;
  q.cart.clear();
  for (const auto& l : f.cart) {
    QuoteCartRow r;
    r.sku = l.sku;
    r.qty = static_cast<int>(l.qty);
    set_buf(r.price, money_to_decimal(l.price));
    q.cart.push_back(r);
  }
  set_buf(q.moment, format_timestamp(f.at).substr(0, 16));
  set_buf(q.tier, f.customer.tier);
  set_buf(q.group, f.customer.group);
  set_buf(q.channel, f.channel);
  q.orders_before = static_cast<int>(f.customer.orders_before);
  q.points = static_cast<int>(f.points);
  q.coupons_held = std::set<std::string>(f.coupons.begin(), f.coupons.end());
  q.include_drafts = drafts;
  pu.tab_request = 1;
}

// The floor, fees and drafts controls; a change is saved once the seller has finished typing.
// True when it wrote (the tab stops for this frame: the panel reloads the settings next frame).
bool draw_guard_settings(PanelContext& cx, PromoGuardUi& g, const PromoData& d) {
  text_wrapped("%s", tr(S::promotions_guard_intro));
  ImGui::AlignTextToFramePadding();
  // Entered as percentages (issue #10); kept in basis points (0.01 %) in the settings.
  auto percent_input = [&](const char* id, int& bp) {
    double pct = bp / 100.0;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::BeginDisabled(cx.ws.readonly());
    if (ImGui::InputDouble(id, &pct, 0.5, 5.0, "%.2f"))
      bp = static_cast<int>(std::clamp<long long>(std::llround(pct * 100.0), 0, 9000));
    ImGui::EndDisabled();
  };
  ImGui::TextUnformatted(tr(S::promotions_floor_bp));
  ImGui::SameLine();
  percent_input("##floor", g.floor_bp);
  item_tooltip(tr(S::promotions_tip_floor_bp));
  ImGui::SameLine();
  ImGui::TextUnformatted("%");
  ImGui::SameLine(0, 20);
  ImGui::TextUnformatted(tr(S::promotions_fee_bp));
  ImGui::SameLine();
  percent_input("##fee", g.fee_bp);
  item_tooltip(tr(S::promotions_tip_fee_bp));
  ImGui::SameLine();
  ImGui::TextUnformatted("%");
  ImGui::SameLine(0, 20);
  ImGui::Checkbox(tr(S::promotions_include_drafts), &g.include_drafts);
  item_tooltip(tr(S::promotions_tip_guard_drafts));
  // Saved once the seller has finished typing (no widget active), so each keystroke is not a
  // write; the new settings change the guard's key and it runs again.
  if (!ImGui::IsAnyItemActive() && !cx.ws.readonly() && (g.floor_bp != d.floor_bp || g.fee_bp != d.fee_bp)) {
    Status st = cx.ws.write([&](Writer& w) -> Status {
      if (auto r = w.set_setting(kFloorKey, std::to_string(g.floor_bp)); !r) return r;
      return w.set_setting(kFeeKey, std::to_string(g.fee_bp));
    }, Workspace::Touches::records);
    if (!st) {
      cx.report_error(st.error());
      g.floor_bp = static_cast<int>(d.floor_bp), g.fee_bp = static_cast<int>(d.fee_bp);
    }
    return true;  // the panel reloads the settings next frame
  }

  return false;
}

// Progress (with Cancel) or Run again, and the counts of the last run.
void draw_guard_status(PanelContext& cx, PromoGuardUi& g, const PromoData& d, const std::string& key) {
  size_t n = g.job.guard ? g.job.guard->size() : 0;
  if (g.job.running) {
    std::string ov;
    ov = strf("%zu / %zu SKU", g.job.next, n);
    float fraction = n ? static_cast<float>(g.job.next) / static_cast<float>(n) : 1.0f;
    if (progress_with_cancel(fraction, ImGui::GetFontSize() * 20, ov.c_str(), true)) g.job.cancel();
  } else {
    if (ImGui::Button(tr(S::promotions_run_again))) start_guard(g, d, key);
    if (g.job.cancelled) {
      const std::string c = strf(tr(S::promotions_guard_cancelled_fmt), g.job.next, n);
      same_line_if_fits(ImGui::CalcTextSize(c.c_str()).x);
      ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.05f, 1), "%s", c.c_str());
    }
  }
  int64_t v = g.job.violations();
  int64_t unknown = 0, list_below = 0;
  for (const auto& f : g.job.findings) unknown += f.cost ? 0 : 1, list_below += f.list_price_below_floor ? 1 : 0;
  figure_next(tr(S::promotions_skus_checked), format_int(static_cast<int64_t>(g.job.findings.size()), language()), tr(S::promotions_tip_skus_checked));
  ImVec4 vc = v > 0 ? red() : green();
  figure_next(tr(S::promotions_below_floor_count), format_int(v, language()), tr(S::promotions_tip_below_floor_count), &vc);
  ImVec4 lc = list_below > 0 ? red() : green();
  figure_next(tr(S::promotions_list_below_floor_count), format_int(list_below, language()),
              tr(S::promotions_tip_list_below_floor), &lc);
  figure_next(tr(S::promotions_unknown_cost), format_int(unknown, language()), tr(S::promotions_tip_unknown_cost));
  if (!g.job.findings.empty()) {
    ImGui::SameLine(0, 20);
    cx.export_buttons("loss-guard", [&] { return promo::guard_findings_table(g.job.findings); });
  }
  if (d.products.empty()) ImGui::TextDisabled("%s", tr(S::no_products));
  bool any_live = std::any_of(d.rows.begin(), d.rows.end(), [&](const promo::StoredPromotion& r) {
    return r.status == "active" || r.status == "scheduled" || (g.include_drafts && r.status == "draft");
  });
  if (!any_live) ImGui::TextDisabled("%s", tr(S::promotions_guard_no_promotions));

}

// The texts of one finding's row, as drawn and as measured for the column widths.
std::array<std::string, 8> finding_cells(const promo::GuardFinding& f, const PromoData& d) {
  std::array<std::string, 8> t{f.sku, product_title(d, f.sku), money(f.list_price), f.cost ? money(*f.cost) : std::string(tr(S::unknown)),
                               f.floor_price ? money(*f.floor_price) : std::string("—"), money(f.lowest_unit_price), "—", ""};
  if (auto gap = below_floor(f)) t[6] = *gap > 0 ? money(*gap) : strf("%s %s", tr(S::promotions_ok_by), money(-*gap).c_str());
  if (f.list_price_below_floor) {  // about the price itself: no promotion to blame
    t[7] = tr(S::promotions_list_below_floor);
    return t;
  }
  std::vector<std::string> names;
  for (const auto& id : f.promotions) {
    std::string nm = id;
    for (const auto& row : d.rows)
      if (row.promotion.id == id) nm = row.promotion.name;
    names.push_back(nm);
  }
  t[7] = strf("x%lld  %s", static_cast<long long>(f.qty), join(names, " + ").c_str());
  return t;
}

// Every SKU checked, the ones below the floor first (sort_findings).
void draw_findings_table(PromoGuardUi& g, const PromoData& d, float details_h) {
  // A fitted table (ui/widgets/fit_table.h): every column as wide as its widest cell or header in
  // the language shown, the pane shared when they fit, else scrolled sideways with the SKU frozen
  // (issue #9 item 9). It was resizable by hand: a column kept its first width and cut 单位成本 by
  // 2 px in Chinese. Once the check is done its widths are measured over every finding, not only
  // the rows drawn, so a long title further down is not cut when scrolled to.
  const size_t columns = 8;
  if (g.job.done() && g.fit.stale(d.revision, g.order.size())) {
    ColumnMeasure m(g.fit, d.revision, g.order.size(), columns);
    for (const promo::GuardFinding& f : g.job.findings) {
      const auto cells = finding_cells(f, d);
      for (size_t c = 0; c < columns; ++c) m.text(c, cells[c]);
    }
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  if (begin_fit_table("findings", static_cast<int>(columns), flags, ImVec2(0, -details_h - 4))) {
    fit_table_freeze(1, 1);
    for (S h : {S::col_sku, S::col_title, S::promotions_col_list_price, S::col_cost, S::promotions_col_floor_price,
                S::promotions_col_lowest_price, S::promotions_col_below_floor, S::promotions_col_how})
      ImGui::TableSetupColumn(tr(h));
    const S tips[] = {S::count_, S::count_, S::count_, S::tip_cost, S::promotions_tip_floor_price, S::promotions_tip_lowest_price,
                      S::promotions_tip_below_floor, S::promotions_tip_how};
    header_row(8, tips);
    if (g.job.done() && g.fit.rows == g.order.size()) fit_table_cover(g.fit);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(g.order.size()));
    while (clip.Step()) {
      for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
        size_t i = g.order[static_cast<size_t>(r)];
        const promo::GuardFinding& f = g.job.findings[i];
        const auto cells = finding_cells(f, d);
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(cells[0].c_str(), g.selected == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns))
          g.selected = static_cast<int>(i);
        for (size_t c = 1; c <= 5; ++c) {
          ImGui::TableNextColumn();
          if ((c == 3 && !f.cost) || (c == 4 && !f.floor_price)) ImGui::TextDisabled("%s", cells[c].c_str());
          else ImGui::TextUnformatted(cells[c].c_str());
        }
        ImGui::TableNextColumn();
        auto gap = below_floor(f);
        if (!gap) ImGui::TextDisabled("%s", cells[6].c_str());
        else ImGui::TextColored(*gap > 0 ? red() : green(), "%s", cells[6].c_str());
        ImGui::TableNextColumn();
        if (f.list_price_below_floor) ImGui::TextColored(red(), "%s", cells[7].c_str());
        else ImGui::TextUnformatted(cells[7].c_str());
        ImGui::PopID();
      }
    }
    end_fit_table();
  }
}

// The selected finding: the cart, moment, coupons, points and buyer that give its lowest price.
void draw_finding_detail(PanelContext& cx, PromotionsUi& pu, PromoGuardUi& g, const PromoData& d, float details_h) {
  if (g.selected >= 0 && static_cast<size_t>(g.selected) < g.job.findings.size()) {
    const promo::GuardFinding& f = g.job.findings[static_cast<size_t>(g.selected)];
    ImGui::BeginChild("detail", ImVec2(0, details_h), true);
    ImGui::Text("%s  %s", f.sku.c_str(), product_title(d, f.sku).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::promotions_open_in_quote))) open_in_quote(cx, pu, f, g.include_drafts);
    std::string cart;
    for (const auto& l : f.cart) cart += (cart.empty() ? "" : " + ") + l.sku + " x" + std::to_string(l.qty) + " @ " + money(l.price);
    text_wrapped("%s: %s", tr(S::promotions_q_cart), cart.c_str());
    text_wrapped("%s: %s   %s: %s   %s: %s", tr(S::promotions_q_moment), format_timestamp(f.at).substr(0, 16).c_str(),
                       tr(S::promotions_q_use_coupons), f.coupons.empty() ? tr(S::promotions_no_coupon) : join(f.coupons).c_str(), tr(S::promotions_q_use_points),
                       format_int(f.points, language()).c_str());
    std::string buyer;
    if (!f.customer.tier.empty()) buyer += std::string(tr(S::promotions_q_tier)) + " " + f.customer.tier + "  ";
    if (!f.customer.group.empty()) buyer += std::string(tr(S::promotions_q_group)) + " " + f.customer.group + "  ";
    if (!f.channel.empty()) buyer += std::string(tr(S::promotions_q_channel)) + " " + f.channel + "  ";
    buyer += std::string(tr(S::promotions_q_orders_before)) + " " + std::to_string(f.customer.orders_before);
    text_wrapped("%s: %s", tr(S::promotions_q_buyer), buyer.c_str());
    text_wrapped(tr(S::promotions_line_pays_fmt), money(f.line_paid).c_str(), static_cast<long long>(f.qty), money(f.gift_share).c_str(),
                       money(f.lowest_unit_price).c_str());
    ImGui::EndChild();
  }
}

void draw_guard_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  PromoGuardUi& g = *pu.guard;
  if (g.settings_revision != d.revision) {
    g.settings_revision = d.revision;
    g.floor_bp = static_cast<int>(d.floor_bp);
    g.fee_bp = static_cast<int>(d.fee_bp);
  }
  std::string key = guard_key(d, g.include_drafts, d.floor_bp, d.fee_bp);
  if (draw_guard_settings(cx, g, d)) return;
  draw_guard_status(cx, g, d, key);
  sort_findings(g);
  float details_h = g.selected >= 0 ? ImGui::GetFontSize() * 9 : 0;
  draw_findings_table(g, d, details_h);
  draw_finding_detail(cx, pu, g, d, details_h);
}

}  // namespace shopkeeper::ui::promo_panel
