// Products section: the catalogue from the current Dataset, filtered and sorted; the row list
// is rebuilt only when the data, the filter or the sort changes (never per frame).
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "core/base/text.h"
#include "core/pricing/margin.h"
#include "ui/i18n/format.h"
#include "ui/panels/products.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {

bool contains_ci(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(a) == lower(b);
  });
  return it != hay.end();
}

std::optional<Money> cost_of(const Dataset& ds, size_t i) {
  return ds.product_cost[i] < 0 ? std::nullopt : std::optional<Money>(ds.product_cost[i]);
}

void rebuild_rows(const Dataset& ds, ProductsUi& ui) {
  ui.rows.clear();
  for (size_t i = 0; i < ds.sku.size(); ++i) {
    int32_t c = ds.product_category[i];
    const std::string empty;
    const std::string& cat = c >= 0 ? ds.categories.names[static_cast<size_t>(c)] : empty;
    if (contains_ci(ds.sku[i], ui.rows_filter) || contains_ci(ds.product_title[i], ui.rows_filter) ||
        contains_ci(cat, ui.rows_filter))
      ui.rows.push_back(static_cast<int32_t>(i));
  }
  auto key_cmp = [&](int32_t a, int32_t b) -> int {
    size_t x = static_cast<size_t>(a), y = static_cast<size_t>(b);
    auto cmp = [](auto u, auto v) { return u < v ? -1 : (v < u ? 1 : 0); };
    switch (ui.sort_column) {
      case 0: return natural_compare(ds.sku[x], ds.sku[y]);
      case 1: return natural_compare(ds.product_title[x], ds.product_title[y]);
      case 2: return cmp(ds.product_category[x], ds.product_category[y]);
      case 3: return cmp(ds.product_price[x], ds.product_price[y]);
      case 4: return cmp(ds.product_cost[x], ds.product_cost[y]);
      case 5: {
        auto mx = list_margin_bp(ds.product_price[x], cost_of(ds, x));
        auto my = list_margin_bp(ds.product_price[y], cost_of(ds, y));
        return cmp(mx.value_or(INT64_MIN), my.value_or(INT64_MIN));
      }
      case 6: return cmp(ds.product_stock[x], ds.product_stock[y]);
    }
    return 0;
  };
  std::stable_sort(ui.rows.begin(), ui.rows.end(), [&](int32_t a, int32_t b) {
    int c = key_cmp(a, b);
    if (c == 0) c = natural_compare(ds.sku[static_cast<size_t>(a)], ds.sku[static_cast<size_t>(b)]);
    return ui.sort_ascending ? c < 0 : c > 0;
  });
}

}  // namespace

void draw_products_panel(PanelContext& cx, ProductsUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  title(tr(S::nav_products));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  ImGui::InputTextWithHint("##filter", tr(S::filter_hint), ui.filter, sizeof ui.filter);
  if (ui.rows_revision != ds.revision || ui.rows_filter != ui.filter || ui.sort_dirty) {
    ui.rows_revision = ds.revision;
    ui.rows_filter = ui.filter;
    ui.sort_dirty = false;
    rebuild_rows(ds, ui);
  }
  ImGui::SameLine();
  ImGui::TextDisabled(tr(S::products_n_of_m_products), static_cast<int>(ui.rows.size()), static_cast<int>(ds.sku.size()));
  if (ds.sku.empty()) {
    ImGui::Spacing();
    ImGui::TextWrapped("%s", tr(S::no_products));
    return;
  }
  Lang lang = language();
  const std::string currency = "CNY";
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("products", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(S::col_sku), ImGuiTableColumnFlags_DefaultSort, 1.2f);
  ImGui::TableSetupColumn(tr(S::col_title), 0, 3.0f);
  ImGui::TableSetupColumn(tr(S::products_col_category), 0, 1.2f);
  ImGui::TableSetupColumn(tr(S::products_col_price), ImGuiTableColumnFlags_PreferSortDescending, 1.0f);
  ImGui::TableSetupColumn(tr(S::col_cost), ImGuiTableColumnFlags_PreferSortDescending, 1.0f);
  ImGui::TableSetupColumn(tr(S::products_col_margin), ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn(tr(S::products_col_stock), ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  // Header row drawn by hand so each header carries its definition as a tooltip.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const S tips[] = {S::col_sku, S::col_title, S::products_col_category, S::products_tip_price, S::tip_cost, S::products_tip_margin, S::products_tip_stock};
  for (int c = 0; c < 7; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (c >= 3) item_tooltip(tr(tips[c]));
  }
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      ui.sort_column = specs->Specs[0].ColumnIndex;
      ui.sort_ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
      ui.sort_dirty = true;
      specs->SpecsDirty = false;
    }
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(ui.rows.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      size_t i = static_cast<size_t>(ui.rows[static_cast<size_t>(r)]);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.sku[i].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.product_title[i].c_str());
      ImGui::TableNextColumn();
      int32_t cat = ds.product_category[i];
      ImGui::TextUnformatted(cat >= 0 ? ds.categories.names[static_cast<size_t>(cat)].c_str() : "");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(ds.product_price[i], lang, currency).c_str());
      ImGui::TableNextColumn();
      auto cost = cost_of(ds, i);
      if (cost) ImGui::TextUnformatted(format_money(*cost, lang, currency).c_str());
      else ImGui::TextDisabled("%s", tr(S::unknown));
      ImGui::TableNextColumn();
      auto m = list_margin_bp(ds.product_price[i], cost);
      if (m) {
        ImVec4 col = *m < 0 ? ImVec4(0.85f, 0.15f, 0.1f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        ImGui::TextColored(col, "%s", format_percent(static_cast<double>(*m) / 10000.0).c_str());
      } else {
        ImGui::TextDisabled("—");
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(ds.product_stock[i], lang).c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace shopkeeper::ui
