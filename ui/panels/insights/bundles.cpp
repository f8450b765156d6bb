// Insights, bundles tab: pairs and triples bought together more than by chance, priced as a
// bundle at the seller's discount with the margin, the loss guard run on the selected bundle's
// price, and one click to save it as a draft bundle promotion (core/insights/bundle.h).
#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "core/promotions/profiles.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/panels/insights/tabs.h"
#include "ui/sections.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::insights_panel {

const insights::CoPurchases* co_purchases(PanelContext& cx, InsightsBundlesUi& b, int min_together) {
  if (b.co_key_revision != cx.ws.revision() || b.co_key_min != min_together) {  // count again, over frames
    insights::CoQuery q;
    q.min_together = min_together;
    b.co_job.emplace(cx.ws.dataset(), q);
    b.co_run.running = true;
    b.co_run.cancelled = false;
    b.co_key_revision = cx.ws.revision();
    b.co_key_min = min_together;
  }
  if (b.co_run.running) {
    const auto t0 = std::chrono::steady_clock::now();
    do b.co_job->step(static_cast<size_t>(b.slice_orders));
    while (!b.co_job->done() && std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(b.slice_ms));
    if (b.co_job->done()) {
      b.co = b.co_job->take();
      b.co_job.reset();
      b.co_run.running = false;
      return &b.co;
    }
    cx.keep_drawing = true;
    if (progress_with_cancel(static_cast<float>(b.co_job->progress()), ImGui::GetFontSize() * 16, tr(S::insights_counting_pairs), true)) {
      b.co_run.cancel();
      b.co_job.reset();
    }
    return nullptr;
  }
  if (b.co_run.cancelled) {
    if (cancelled_note(tr(S::insights_pairs_cancelled), tr(S::insights_run_again))) b.co_key_revision = -1;  // counted again next frame
    return nullptr;
  }
  return &b.co;
}

std::string product_label(const Dataset& ds, int32_t p) {
  const size_t i = static_cast<size_t>(p);
  return ds.sku[i] + "  " + ds.product_title[i];
}

namespace {

std::vector<std::string> bundle_skus(const Dataset& ds, const insights::Bundle& b) {
  std::vector<std::string> out;
  for (int32_t p : b.items) out.push_back(ds.sku[static_cast<size_t>(p)]);
  return out;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string t;
  for (size_t i = 0; i < v.size(); ++i) t += (i ? sep : "") + v[i];
  return t;
}

void start(PanelContext& cx, InsightsBundlesUi& b, int64_t discount_bp) {
  insights::CoQuery q;
  q.min_together = b.min_together;
  q.min_lift = b.min_lift;
  q.discount_bp = discount_bp;
  q.max_items = b.triples ? 3 : 2;
  b.job.emplace(cx.ws.dataset(), b.co, q);
  b.run.running = true;
  b.run.cancelled = false;
  b.bundles.clear();
  b.selected = -1;
  b.guard_key.clear();
}

// About b.slice_ms of the triples' counting per frame (at least one step); true while not
// finished (progress or the cancelled note drawn).
bool pending(PanelContext& cx, InsightsBundlesUi& b) {
  if (b.run.running) {
    const auto t0 = std::chrono::steady_clock::now();
    do b.job->step(static_cast<size_t>(b.slice_orders));
    while (!b.job->done() && std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(b.slice_ms));
    if (b.job->done()) {
      b.bundles = std::move(b.job->result());
      b.job.reset();
      b.run.running = false;
      b.selected = b.bundles.empty() ? -1 : 0;
      return false;
    }
    cx.keep_drawing = true;
    if (progress_with_cancel(static_cast<float>(b.job->progress()), ImGui::GetFontSize() * 16, tr(S::insights_finding_bundles), true)) {
      b.run.cancel();
      b.job.reset();
    }
    return true;
  }
  if (b.run.cancelled) {
    if (cancelled_note(tr(S::insights_bundles_cancelled), tr(S::insights_run_again))) b.key.clear();  // started again next frame
    return true;
  }
  return false;
}

// The loss guard on the selected bundle's price, once per revision, bundle and price.
void run_guard(PanelContext& cx, InsightsBundlesUi& b) {
  const Dataset& ds = cx.ws.dataset();
  const insights::Bundle& x = b.bundles[static_cast<size_t>(b.selected)];
  const std::vector<std::string> skus = bundle_skus(ds, x);
  const std::string key = std::to_string(cx.ws.revision()) + "|" + joined(skus, "+") + "|" + std::to_string(x.price);
  if (key == b.guard_key) return;
  b.guard_key = key;
  b.guard_ok = false;
  auto products = cx.ws.guard_products();
  auto stored = cx.ws.stored_promotions();
  if (!products || !stored) {
    b.guard_error = !products ? error_text(products.error(), language()) : error_text(stored.error(), language());
    return;
  }
  std::vector<promo::Promotion> live;
  for (const auto& r : *stored)
    if (r.status == "active" || r.status == "scheduled") live.push_back(r.promotion);
  promo::GuardOptions opt = cx.ws.guard_settings();
  opt.profiles = promo::profiles_for_channels(ds.channels.names);  // as the Loss guard tab
  b.guard = insights::guard_bundle(skus, x.price, *products, live, opt);
  b.guard_ok = true;
}

void draw_selected(PanelContext& cx, InsightsBundlesUi& b) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  const insights::Bundle& x = b.bundles[static_cast<size_t>(b.selected)];
  const std::vector<std::string> skus = bundle_skus(ds, x);
  run_guard(cx, b);
  ImGui::Separator();
  ImGui::Text(tr(S::insights_bundle_selected), joined(skus, " + ").c_str());
  ImGui::Text(tr(S::insights_bundle_priced), format_money(x.list_total, lang).c_str(), format_money(x.price, lang).c_str());
  item_tooltip(tr(S::insights_tip_bundle_price));
  if (x.cost >= 0) {
    ImGui::SameLine(0, 16);
    ImGui::Text(tr(S::insights_bundle_margin), format_money(x.margin, lang).c_str(),
                format_percent(x.price > 0 ? static_cast<double>(x.margin) / static_cast<double>(x.price) : 0.0).c_str());
    item_tooltip(tr(S::insights_tip_margin));
  }
  if (!b.guard_ok) {
    text_wrapped("%s", b.guard_error.c_str());
    return;
  }
  const insights::BundleGuard& g = b.guard;
  if (g.floor_total >= 0) {
    ImGui::Text(tr(S::insights_bundle_floor), format_money(g.floor_total, lang).c_str());
    item_tooltip(tr(S::insights_tip_floor_total));
  } else {
    ImGui::TextDisabled("%s", tr(S::insights_bundle_floor_unknown));
  }
  if (g.below_floor || g.price_below_floor) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.25f, 0.2f, 1));
    text_wrapped("%s", tr(S::insights_bundle_guard_bad));
    ImGui::PopStyleColor();
    for (const auto& f : g.findings)
      if ((f.violation || f.list_price_below_floor) && f.floor_price)
        ImGui::BulletText(tr(S::insights_bundle_guard_sku), f.sku.c_str(), format_money(f.lowest_unit_price, lang).c_str(),
                          format_money(*f.floor_price, lang).c_str());
  } else {
    text_wrapped("%s", tr(S::insights_bundle_guard_ok));
  }
  item_tooltip(tr(S::insights_tip_guard));
  if (cx.ws.readonly() || cx.ws.busy()) ImGui::BeginDisabled();
  const bool risky = g.below_floor || g.price_below_floor;
  if (ImGui::Button(tr(risky ? S::insights_bundle_save_anyway : S::insights_bundle_save))) {
    std::string name;
    name = strf(tr(S::insights_bundle_name), joined(skus, " + ").c_str());
    const promo::Promotion p = insights::bundle_promotion(skus, x.price, name);
    Status st = cx.ws.write([&](Writer& w) { return promo::save_promotion(w, p, "draft"); }, Workspace::Touches::records);
    if (!st) cx.report_error(st.error());
    else b.saved = p.id;
  }
  item_tooltip(tr(S::insights_tip_bundle_save));
  if (cx.ws.readonly() || cx.ws.busy()) ImGui::EndDisabled();
  if (!b.saved.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled(tr(S::insights_bundle_saved), b.saved.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::insights_open_promotions))) cx.navigate(Section::promotions);
  }
}

}  // namespace

void draw_bundles(PanelContext& cx, InsightsUi& ui) {
  InsightsBundlesUi& b = ui.bundles;
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  text_wrapped("%s", tr(S::insights_bundles_help));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(tr(S::insights_min_together), &b.min_together);
  item_tooltip(tr(S::insights_tip_min_together));
  if (b.min_together < 1) b.min_together = 1;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  ImGui::InputFloat(tr(S::insights_min_lift), &b.min_lift, 0, 0, "%.2f");
  item_tooltip(tr(S::insights_tip_lift));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  input_text(tr(S::insights_discount), b.discount);
  item_tooltip(tr(S::insights_tip_discount));
  ImGui::SameLine();
  ImGui::Checkbox(tr(S::insights_triples), &b.triples);
  auto bp = promo::parse_percent_bp(b.discount);
  if (!bp || *bp >= 10000) {
    text_wrapped("%s", tr(S::insights_bad_discount));
    return;
  }
  if (!co_purchases(cx, b, b.min_together)) {  // counting (or cancelled): no bundle run may read b.co now
    b.job.reset();
    b.run.running = false;
    b.key.clear();
    return;
  }
  std::string key;
  key = strf("%lld|%d|%.4f|%lld|%d", static_cast<long long>(cx.ws.revision()), b.min_together, b.min_lift,
                static_cast<long long>(*bp), b.triples ? 1 : 0);
  if (b.key != key) {
    start(cx, b, *bp);
    b.key = key;
  }
  if (pending(cx, b)) return;
  ImGui::TextDisabled(tr(S::insights_n_bundles), static_cast<int>(b.bundles.size()), format_int(b.co.baskets, lang).c_str());
  if (b.bundles.empty()) return;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  const float h = std::max(ImGui::GetFontSize() * 8, ImGui::GetContentRegionAvail().y - ImGui::GetFontSize() * 9);
  if (begin_fit_table("bundles", 8, flags, ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    const S cols[8] = {S::insights_col_bundle, S::insights_col_count, S::insights_col_support, S::insights_col_lift,
                       S::insights_col_list_total, S::insights_col_bundle_price, S::insights_col_cost, S::insights_col_margin};
    const S tips[8] = {S::count_, S::insights_tip_together, S::insights_tip_support, S::insights_tip_bundle_lift,
                       S::insights_tip_list_total, S::insights_tip_bundle_price, S::insights_tip_cost, S::insights_tip_margin};
    for (int c = 0; c < 8; ++c) ImGui::TableSetupColumn(tr(cols[c]));
    header_row(8, tips);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(b.bundles.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const insights::Bundle& x = b.bundles[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        std::string label;
        for (size_t k = 0; k < x.items.size(); ++k) label += (k ? " + " : "") + ds.sku[static_cast<size_t>(x.items[k])];
        if (ImGui::Selectable(label.c_str(), b.selected == i, ImGuiSelectableFlags_SpanAllColumns)) b.selected = i;
        if (ImGui::IsItemHovered()) {
          std::string titles;
          for (int32_t p : x.items) titles += product_label(ds, p) + "\n";
          ImGui::SetTooltip("%s", titles.c_str());
        }
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_int(x.together, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_percent(x.support, 2).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", x.lift);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(x.list_total, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(x.price, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(x.cost >= 0 ? format_money(x.cost, lang).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(x.cost >= 0 ? format_money(x.margin, lang).c_str() : "-");
      }
    end_fit_table();
  }
  if (b.selected >= 0 && b.selected < static_cast<int>(b.bundles.size())) draw_selected(cx, b);
}

}  // namespace shopkeeper::ui::insights_panel
