// Several shops in the UI (issue #16): see ui/panels/shops.h. Every figure is core/shops'
// (compare_shops, daily_report, shop_view); this file only caches and draws them.
#include "ui/panels/shops.h"

#include <imgui.h>

#include <algorithm>

#include "core/shops/shop_view.h"
#include "ui/i18n/format.h"
#include "ui/i18n/names.h"
#include "ui/i18n/shops_words.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {

// Shops, their rows and the filter's view, once per workspace revision.
void refresh(PanelContext& cx, ShopsState& s) {
  if (s.revision == cx.ws.revision()) return;
  s.revision = cx.ws.revision();
  s.view.reset();
  s.view_shop = -1;
  s.compare_revision = -1;
  auto list = cx.ws.shop_list();
  s.list = list ? std::move(*list) : std::vector<shops::Shop>{};
  auto data = cx.ws.shop_data();
  s.data = data ? std::move(*data) : shops::ShopData{};
  s.several = s.data.several();
  bool known = false;
  for (const shops::Shop& x : s.list) known |= x.id == s.shop;
  if (!s.several || !known) s.shop = -1;
}

const shops::Shop* find_shop(const ShopsState& s, int64_t id) {
  for (const shops::Shop& x : s.list)
    if (x.id == id) return &x;
  return nullptr;
}

std::string shop_label(const ShopsState& s, int64_t id) {
  const Lang lang = language();
  if (id < 0) return tr(S::shops_all);
  if (const shops::Shop* x = find_shop(s, id)) return shop_name_label(*x, lang);
  return "#" + std::to_string(id);
}

std::string platform_label(const ShopsState& s, int64_t id) {
  const shops::Shop* x = find_shop(s, id);
  return x && !x->platform.empty() ? source_label(x->platform, language()) : "—";
}

std::string range_suffix(DayRange r) { return "-" + format_day(r.first) + "-" + format_day(r.last); }

constexpr S kCompareTips[] = {S::shops_tip_shop,     S::shops_tip_platform, S::shops_tip_sales,    S::shops_tip_share,
                              S::shops_tip_orders,   S::shops_tip_aov,      S::shops_tip_visitors, S::shops_tip_buyers,
                              S::shops_tip_conversion, S::shops_tip_refunds};

void draw_compare_table(const ShopsState& s) {
  const Lang lang = language();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("shops_compare", 10, flags)) return;
  // Weights so that every header fits at 1024 px in both languages (tests/ui/layout_test.cpp).
  ImGui::TableSetupColumn(tr(S::shops_col_shop), 0, 1.6f);
  ImGui::TableSetupColumn(tr(S::shops_col_platform), 0, 0.9f);
  ImGui::TableSetupColumn(tr(S::shops_col_sales), 0, 1.2f);
  ImGui::TableSetupColumn(tr(S::shops_col_share), 0, 0.7f);
  ImGui::TableSetupColumn(tr(S::shops_col_orders), 0, 0.7f);
  ImGui::TableSetupColumn(tr(S::shops_col_aov), 0, 1.0f);
  ImGui::TableSetupColumn(tr(S::shops_col_visitors), 0, 0.9f);
  ImGui::TableSetupColumn(tr(S::shops_col_buyers), 0, 0.8f);
  ImGui::TableSetupColumn(tr(S::shops_col_conversion), 0, 1.15f);
  ImGui::TableSetupColumn(tr(S::shops_col_refunds), 0, 1.05f);
  header_row(10, kCompareTips);
  for (const shops::ShopFigures& f : s.compare) {
    ImGui::TableNextRow();
    const bool total = f.shop_id < 0;
    if (!total && f.shop_id == s.shop)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_Header));
    auto cell = [&](const std::string& text) {
      ImGui::TableNextColumn();
      if (total) ImGui::TextDisabled("%s", text.c_str());
      else ImGui::TextUnformatted(text.c_str());
    };
    cell(shop_label(s, f.shop_id));
    cell(total ? "" : platform_label(s, f.shop_id));
    cell(format_money(f.revenue, lang));
    cell(f.share >= 0 ? format_percent(f.share, 1) : "—");
    cell(format_int(f.orders, lang));
    cell(format_money(f.aov, lang));
    cell(format_int(f.visitors, lang));
    cell(format_int(f.buyers, lang));
    cell(f.conversion >= 0 ? format_percent(f.conversion, 2) : "—");
    cell(format_money(f.refunds, lang));
  }
  ImGui::EndTable();
}

}  // namespace

const Dataset& shops_dataset(PanelContext& cx, ShopsState& s) {
  refresh(cx, s);
  if (s.shop < 0) return cx.ws.dataset();
  if (!s.view || s.view_shop != s.shop) {
    s.view = std::make_shared<const Dataset>(shops::shop_view(cx.ws.dataset(), s.data, s.shop));
    s.view_shop = s.shop;
  }
  return *s.view;
}

void draw_shop_filter(PanelContext& cx, ShopsState& s) {
  refresh(cx, s);
  if (!s.several) return;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::BeginCombo("##shop", shop_label(s, s.shop).c_str())) {
    if (ImGui::Selectable(tr(S::shops_all), s.shop < 0)) s.shop = -1;
    for (const shops::Shop& x : s.list) {
      ImGui::PushID(static_cast<int>(x.id));
      if (ImGui::Selectable(shop_label(s, x.id).c_str(), s.shop == x.id)) s.shop = x.id;
      test_mark(("shop_filter:" + std::to_string(x.id)).c_str());
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  test_mark("shop_filter");
  item_tooltip(tr(S::shops_filter_tip));
}

void draw_shops_tab(PanelContext& cx, ShopsState& s) {
  refresh(cx, s);
  const DayRange r = cx.range;
  if (s.compare_revision != s.revision || !(s.compare_range == r)) {
    s.compare_revision = s.revision;
    s.compare_range = r;
    s.compare = shops::compare_shops(cx.ws.dataset(), s.data, r);
  }
  ImGui::TextUnformatted(tr(S::shops_compare_title));
  if (!s.several) {
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
    ImGui::TextDisabled("%s", tr(S::shops_one_shop_note));
    ImGui::PopTextWrapPos();
  }
  cx.export_buttons("shops-compare" + range_suffix(r), [&] { return shops::compare_table(s.compare, s.list); },
                    tr(S::shops_export_what_compare));
  ImGui::SameLine(0, ImGui::GetFontSize());
  // The consolidated daily report, built only on a click (one row per day and shop).
  cx.export_buttons("shops-daily" + range_suffix(r),
                    [&] { return shops::daily_table(shops::daily_report(cx.ws.dataset(), s.data, r), s.list); },
                    tr(S::shops_export_what_daily));
  test_mark("shops_daily_export");
  help_marker(tr(S::shops_daily_tip));
  draw_compare_table(s);
}

// ---- the Data section's code map ---------------------------------------------------------

namespace {

void refresh_codes(PanelContext& cx, ShopCodesUi& ui) {
  if (ui.revision == cx.ws.revision()) return;
  ui.revision = cx.ws.revision();
  auto list = cx.ws.shop_list();
  ui.list = list ? std::move(*list) : std::vector<shops::Shop>{};
  auto sug = cx.ws.shop_code_suggestions();
  ui.suggestions = sug ? std::move(*sug) : std::vector<shops::Suggestion>{};
  auto links = cx.ws.shop_codes();
  ui.links = links ? std::move(*links) : std::vector<shops::CodeLink>{};
  if (!list) cx.report_error(list.error());
  else if (!sug) cx.report_error(sug.error());
  else if (!links) cx.report_error(links.error());
}

std::string code_shop_label(const ShopCodesUi& ui, int64_t id) {
  for (const shops::Shop& x : ui.list)
    if (x.id == id) return shop_name_label(x, language());
  return "#" + std::to_string(id);
}

std::string why_label(const shops::Suggestion& g) {
  if (g.why == "same_code") return tr(S::shops_why_same_code);
  return strf(tr(S::shops_why_similar_title_fmt), g.score);
}

constexpr S kSuggestionTips[] = {S::shops_tip_shop, S::count_, S::count_, S::count_, S::shops_tip_why, S::count_};

void draw_suggestions(PanelContext& cx, ShopCodesUi& ui) {
  ImGui::TextUnformatted(tr(S::shops_suggested));
  help_marker(tr(S::shops_codes_tip));
  if (ui.suggestions.empty()) {
    ImGui::TextDisabled("%s", tr(S::shops_no_suggestions));
    return;
  }
  const float rows = static_cast<float>(std::min<size_t>(ui.suggestions.size(), 10) + 1);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("shop_suggestions", 6, flags, ImVec2(0, ImGui::GetFrameHeightWithSpacing() * (rows + 0.3f)))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(S::shops_col_shop), 0, 1.1f);
  ImGui::TableSetupColumn(tr(S::shops_col_code), 0, 1.0f);
  ImGui::TableSetupColumn(tr(S::shops_col_code_title), 0, 1.6f);
  ImGui::TableSetupColumn(tr(S::shops_col_product), 0, 1.7f);
  ImGui::TableSetupColumn(tr(S::shops_col_why), 0, 1.3f);
  ImGui::TableSetupColumn("##actions", 0, 1.4f);
  header_row(6, kSuggestionTips);
  const shops::Suggestion* confirm = nullptr;
  const shops::Suggestion* reject = nullptr;
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(ui.suggestions.size()));
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const shops::Suggestion& g = ui.suggestions[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(code_shop_label(ui, g.shop_id).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(g.code.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(g.code_title.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s  %s", g.sku.c_str(), g.sku_title.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(why_label(g).c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton(tr(S::shops_confirm))) confirm = &g;
      test_mark(("shops_confirm:" + g.code).c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(S::shops_reject))) reject = &g;
      test_mark(("shops_reject:" + g.code).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  const Lang lang = language();
  if (confirm) {
    const shops::Suggestion g = *confirm;  // the list is reloaded by the write
    shops::MapRefusal why;
    Status st = cx.ws.map_shop_code(g.shop_id, g.code, g.sku, &why);
    ui.refused = !st;
    if (!st && !why.code.empty()) ui.message = map_refusal_text(why, lang);
    else if (!st) cx.report_error(st.error());
    else ui.message = strf(tr(S::shops_mapped_fmt), g.code.c_str(), code_shop_label(ui, g.shop_id).c_str(), g.sku.c_str());
  } else if (reject) {
    const shops::Suggestion g = *reject;
    Status st = cx.ws.reject_shop_code(g.shop_id, g.code, g.sku);
    ui.refused = false;
    if (!st) cx.report_error(st.error());
    else ui.message = strf(tr(S::shops_rejected_fmt), g.code.c_str(), code_shop_label(ui, g.shop_id).c_str(), g.sku.c_str());
  }
}

void draw_links(PanelContext& cx, ShopCodesUi& ui) {
  ImGui::TextUnformatted(tr(S::shops_confirmed));
  if (ui.links.empty()) {
    ImGui::TextDisabled("%s", tr(S::shops_no_mappings));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("shop_links", 4, flags)) return;
  ImGui::TableSetupColumn(tr(S::shops_col_shop), 0, 1.2f);
  ImGui::TableSetupColumn(tr(S::shops_col_code), 0, 1.2f);
  ImGui::TableSetupColumn(tr(S::shops_col_product), 0, 1.2f);
  ImGui::TableSetupColumn("##actions", 0, 1.0f);
  ImGui::TableHeadersRow();
  const shops::CodeLink* unmap = nullptr;
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(ui.links.size()));
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const shops::CodeLink& l = ui.links[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(code_shop_label(ui, l.shop_id).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.code.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.sku.c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton(tr(S::shops_unmap))) unmap = &l;
      test_mark(("shops_unmap:" + l.code).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  if (unmap) {
    const shops::CodeLink l = *unmap;
    Status st = cx.ws.unmap_shop_code(l.shop_id, l.code);
    ui.refused = false;
    if (!st) cx.report_error(st.error());
    else ui.message = strf(tr(S::shops_unmapped_fmt), l.code.c_str(), code_shop_label(ui, l.shop_id).c_str());
  }
}

}  // namespace

void draw_shop_codes(PanelContext& cx, ShopCodesUi& ui) {
  refresh_codes(cx, ui);
  ImGui::BeginDisabled(cx.ws.readonly());
  draw_suggestions(cx, ui);
  refresh_codes(cx, ui);  // a confirm or reject reloads the lists before they are drawn again
  ImGui::Spacing();
  draw_links(cx, ui);
  refresh_codes(cx, ui);
  ImGui::EndDisabled();
  if (!ui.message.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
    if (ui.refused) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.15f, 1), "%s", ui.message.c_str());
    else ImGui::TextUnformatted(ui.message.c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace shopkeeper::ui
