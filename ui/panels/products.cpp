// Products section: the catalogue from the current Dataset, filtered and sorted; the row list
// is rebuilt only when the data, the filter or the sort changes (never per frame). Category,
// list price, unit cost, stock, supplier and status are edited in their cells (one
// transaction per change, the last one undoable); costs are updated in bulk from a pasted or
// opened SKU,cost sheet after a preview.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <unordered_map>
#include <sstream>

#include "core/base/text.h"
#include "core/io/csv.h"
#include "core/pricing/margin.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/panels/products.h"
#include "ui/panels/product_edit.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {

std::optional<Money> cost_of(const Dataset& ds, size_t i) {
  return ds.product_cost[i] < 0 ? std::nullopt : std::optional<Money>(ds.product_cost[i]);
}

void rebuild_rows(const Dataset& ds, ProductsUi& ui) {
  ui.rows.clear();
  for (size_t i = 0; i < ds.sku.size(); ++i) {
    if (ui.rows_missing_cost && ds.product_cost[i] >= 0) continue;
    int32_t c = ds.product_category[i];
    const std::string empty;
    const std::string& cat = c >= 0 ? ds.categories.names[static_cast<size_t>(c)] : empty;
    if (contains_ascii_ci(ds.sku[i], ui.rows_filter) || contains_ascii_ci(ds.product_title[i], ui.rows_filter) ||
        contains_ascii_ci(cat, ui.rows_filter))
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
      case 7: case 8: case 9: {  // traffic: a SKU without report rows sorts below every reported one
        const SkuTraffic* tx = ui.traffic.of(x);
        const SkuTraffic* ty = ui.traffic.of(y);
        auto key = [&](const SkuTraffic* t) {
          if (!t) return -2.0;
          return ui.sort_column == 7 ? static_cast<double>(t->visitors)
                 : ui.sort_column == 8 ? t->add_to_cart_rate() : t->conversion();
        };
        return cmp(key(tx), key(ty));
      }
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

namespace {

const char* status_label(const std::string& s) {
  if (s == "active") return tr(S::products_active);
  if (s == "paused") return tr(S::products_paused);
  if (s == "retired") return tr(S::products_retired);
  return s.c_str();
}

// Supplier and status per product (not in the Dataset), once per revision.
void load_extra(Workspace& ws, ProductEditState& st) {
  const Dataset& ds = ws.dataset();
  if (st.extra_revision == ws.revision() && st.supplier_of.size() == ds.sku.size()) return;
  st.extra_revision = ws.revision();
  st.supplier_of.assign(ds.sku.size(), 0);
  st.status_of.assign(ds.sku.size(), "active");
  st.suppliers.clear();
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < ds.sku.size(); ++i) index.emplace(ds.sku[i], i);
  if (auto rows = ws.product_extras()) {
    for (const auto& r : *rows) {
      auto it = index.find(r.sku);
      if (it == index.end()) continue;
      st.supplier_of[it->second] = r.supplier_id;
      st.status_of[it->second] = r.status;
    }
  }
  if (auto sup = ws.suppliers()) st.suppliers = std::move(*sup);
}

std::string supplier_name(const ProductEditState& st, int64_t id) {
  if (id == 0) return tr(S::products_no_supplier);
  for (const auto& s : st.suppliers)
    if (s.first == id) return s.second;
  return "#" + std::to_string(id);
}

// A cell that shows `shown` and becomes a text field when clicked; returns true when the
// edit was committed (Enter, or leaving the field after a change) with the text in st.buffer.
// Esc, or leaving it unchanged, closes it.
bool text_cell(ProductEditState& st, int32_t row, int column, const std::string& shown, const std::string& initial,
               bool disabled_look = false) {
  ImGui::PushID(column);
  bool committed = false;
  if (st.row == row && st.column == column) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    // The focus request takes effect on a following frame: until then the field is not active.
    if (st.focus) ImGui::SetKeyboardFocusHere();
    bool enter = input_text("##edit", st.buffer, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    const bool active = ImGui::IsItemActive();
    if (active) st.focus = false;
    if (enter || ImGui::IsItemDeactivatedAfterEdit()) committed = true;
    else if (!active && !st.focus) st.row = st.column = -1;  // left without a change, or Esc
  } else {
    if (disabled_look) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(shown.empty() ? " " : shown.c_str(), false)) {
      st.row = row;
      st.column = column;
      st.buffer = initial;
      st.focus = true;
    }
    if (disabled_look) ImGui::PopStyleColor();
  }
  ImGui::PopID();
  return committed;
}

void commit_text(Workspace& ws, ProductsUi& ui, ProductEditState& st, size_t i, int column) {
  const Dataset& ds = ws.dataset();
  std::string text(trim(st.buffer));
  catalog::ProductEdit e;
  e.sku = ds.sku[i];
  NumberFormat nf;
  nf.decimals = store_money_digits();
  auto money = [&](catalog::ProductField f, bool allow_empty) -> bool {
    e.field = f;
    if (allow_empty && text.empty()) return true;  // unknown cost
    auto v = parse_amount(text, nf);
    if (!v) {
      st.message = strf(tr(S::products_not_an_amount), text.c_str());
      return false;
    }
    e.value.number = *v;
    return true;
  };
  bool ok = true;
  switch (column) {
    case 2:
      e.field = catalog::ProductField::category;
      e.value.text = text;
      break;
    case 3: ok = money(catalog::ProductField::list_price, false); break;
    case 4: ok = money(catalog::ProductField::unit_cost, true); break;
    case 6: {
      e.field = catalog::ProductField::stock;
      auto v = parse_count(text, nf);
      if (!v) {
        st.message = strf(tr(S::products_not_a_count), text.c_str());
        ok = false;
      } else {
        e.value.number = *v;
      }
      break;
    }
    default: ok = false;
  }
  st.row = st.column = -1;
  if (!ok) return;
  const S names[] = {S::col_sku, S::col_title, S::products_col_category, S::products_col_price, S::col_cost, S::products_col_margin, S::products_col_stock};
  std::string label = ds.sku[i] + " " + tr(names[column]) + ": " + (text.empty() ? tr(S::unknown) : text.c_str());
  commit_product_edit(ws, ui, e, label);
}

void draw_edit_bar(Workspace& ws, ProductsUi& ui, ProductEditState& st) {
  if (st.undo) {
    ImGui::TextDisabled(tr(S::products_last_change), st.undo_label.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::products_undo_change))) undo_product_edit(ws, ui);
  }
  if (!st.message.empty()) ImGui::TextColored(ImVec4(0.85f, 0.15f, 0.1f, 1), "%s", st.message.c_str());
}

const char* problem_text(catalog::SheetProblemCode c) {
  switch (c) {
    case catalog::SheetProblemCode::not_found: return tr(S::products_problem_not_found);
    case catalog::SheetProblemCode::bad_cost: return tr(S::products_problem_bad_cost);
    case catalog::SheetProblemCode::negative_cost: return tr(S::products_problem_negative_cost);
    case catalog::SheetProblemCode::empty_sku: return tr(S::products_problem_empty_sku);
    case catalog::SheetProblemCode::duplicate_sku: return tr(S::products_problem_duplicate_sku);
    case catalog::SheetProblemCode::malformed_row: return tr(S::products_problem_malformed_row);
  }
  return "";
}

void problem_table(const char* id, const std::vector<catalog::SheetProblem>& rows) {
  if (rows.empty()) return;
  float h = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<size_t>(rows.size(), 6) + 1) + 8;
  if (!ImGui::BeginTable(id, 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY,
                         ImVec2(0, h)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(S::products_col_line), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
  ImGui::TableSetupColumn(tr(S::col_sku));
  ImGui::TableSetupColumn(tr(S::products_col_new_cost));
  ImGui::TableSetupColumn(tr(S::products_col_problem));
  ImGui::TableHeadersRow();
  for (const auto& p : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(p.line));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.sku.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.value.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(problem_text(p.code));
  }
  ImGui::EndTable();
}

void draw_cost_sheet(PanelContext& cx, ProductsUi& ui, ProductEditState& st) {
  if (!ImGui::CollapsingHeader(stable_label(S::products_cost_sheet_title).c_str(), st.sheet.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", tr(S::products_cost_sheet_hint));
  ImGui::PopTextWrapPos();
  if (input_text_multiline("##sheet", st.sheet, -FLT_MIN, ImGui::GetTextLineHeight() * 5)) st.plan.reset();
  const bool readonly = cx.ws.readonly() || cx.ws.busy();
  std::string typed = cx.file_picker("##sheetfile", FilePurpose::cost_sheet, ".csv,.tsv,.txt,text/csv,text/plain",
                                     tr(S::products_cost_sheet_open), 14);
  if (!typed.empty()) open_cost_sheet_file(cx.ws, ui, typed);
  ImGui::SameLine();
  ImGui::BeginDisabled(st.sheet.empty());
  if (ImGui::Button(tr(S::products_cost_sheet_preview))) preview_cost_sheet(cx.ws, ui);
  ImGui::EndDisabled();
  if (!st.plan) return;
  const catalog::CostSheetPlan& p = *st.plan;
  ImGui::Text(tr(S::products_cost_sheet_summary), static_cast<int>(p.rows), static_cast<int>(p.changes.size()),
              static_cast<int>(p.unchanged), static_cast<int>(p.not_found.size()), static_cast<int>(p.bad.size()));
  if (!p.changes.empty()) {
    float h = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<size_t>(p.changes.size(), 8) + 1) + 8;
    if (ImGui::BeginTable("changes", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY,
                          ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr(S::products_col_line), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
      ImGui::TableSetupColumn(tr(S::col_sku));
      ImGui::TableSetupColumn(tr(S::products_col_old_cost));
      ImGui::TableSetupColumn(tr(S::products_col_new_cost));
      ImGui::TableHeadersRow();
      const Lang lang = language();
      for (const auto& c : p.changes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(c.line));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.sku.c_str());
        ImGui::TableNextColumn();
        if (c.old_cost) ImGui::TextUnformatted(format_money(*c.old_cost, lang).c_str());
        else ImGui::TextDisabled("%s", tr(S::unknown));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(c.new_cost, lang).c_str());
      }
      ImGui::EndTable();
    }
  }
  if (!p.not_found.empty()) {
    ImGui::TextUnformatted(tr(S::products_cost_sheet_not_found));
    problem_table("not_found", p.not_found);
  }
  if (!p.bad.empty()) {
    ImGui::TextUnformatted(tr(S::products_cost_sheet_bad));
    problem_table("bad", p.bad);
  }
  ImGui::BeginDisabled(readonly || p.changes.empty());
  std::string label;
  label = strf(tr(S::products_cost_sheet_apply), static_cast<int>(p.changes.size()));
  if (ImGui::Button(label.c_str())) apply_cost_sheet_plan(cx.ws, ui);
  ImGui::EndDisabled();
}

}  // namespace

void open_cost_sheet_file(Workspace& ws, ProductsUi& ui, const std::string& path) {
  ProductEditState& st = product_edit_state(ui);
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  auto d = decode_text(ss.str());
  if (!d) {
    st.message = error_text(d.error(), language());
    return;
  }
  st.sheet = std::move(d->text);
  preview_cost_sheet(ws, ui);
}

// Visitors, add-to-cart rate and conversion of one product ("—" without report rows, or a rate
// without visitors).
static void draw_traffic_cells(const SkuTraffic* t, Lang lang) {
  ImGui::TableSetColumnIndex(7);
  if (t) ImGui::TextUnformatted(format_int(t->visitors, lang).c_str());
  else ImGui::TextDisabled("—");
  for (double v : {t ? t->add_to_cart_rate() : -1.0, t ? t->conversion() : -1.0}) {
    ImGui::TableNextColumn();
    if (v >= 0) ImGui::TextUnformatted(format_percent(v).c_str());
    else ImGui::TextDisabled("—");
  }
}

void draw_products_panel(PanelContext& cx, ProductsUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  ProductEditState& st = product_edit_state(ui);
  title(tr(S::nav_products));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  input_text("##filter", ui.filter, 0, tr(S::filter_hint));
  test_mark("products_filter");
  ImGui::SameLine();
  ImGui::Checkbox(tr(S::products_only_missing_cost), &ui.only_missing_cost);
  if (ui.traffic_revision != cx.ws.revision()) {
    ui.traffic_revision = cx.ws.revision();
    auto t = cx.ws.sku_traffic();
    if (!t) cx.report_error(t.error());
    ui.traffic = t ? std::move(*t) : SkuTrafficTable{};
    ui.sort_dirty = true;
  }
  const bool traffic = ui.traffic.any();
  if (ui.rows_revision != ds.revision || ui.rows_filter != ui.filter || ui.sort_dirty ||
      ui.rows_missing_cost != ui.only_missing_cost) {
    ui.rows_revision = ds.revision;
    ui.rows_filter = ui.filter;
    ui.rows_missing_cost = ui.only_missing_cost;
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
  const bool can_edit = !cx.ws.readonly() && !cx.ws.busy();
  load_extra(cx.ws, st);
  draw_cost_sheet(cx, ui, st);
  draw_edit_bar(cx.ws, ui, st);
  if (can_edit) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr(S::products_edit_hint));
    ImGui::PopTextWrapPos();
  }
  Lang lang = language();
  const int digits = store_money_digits();
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  // Columns: SKU, title, category, price, cost, margin, stock, [visitors, add to cart,
  // conversion: only with a product report], supplier, status. Column ids stay fixed (the
  // traffic ones are hidden without a report), so sorting and editing keep their numbers.
  constexpr int kColumns = 12;
  // With the three traffic columns the table needs more room than 1024 px windows give: it
  // scrolls sideways (SKU column frozen) instead of cutting its text, as Promotions' list does.
  float inner_width = 0;
  if (traffic) {
    flags |= ImGuiTableFlags_ScrollX;
    inner_width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 90.0f);
  }
  if (!ImGui::BeginTable("products", kColumns, flags, ImVec2(0, 0), inner_width)) return;
  ImGui::TableSetupScrollFreeze(traffic ? 1 : 0, 1);
  ImGui::TableSetupColumn(tr(S::col_sku), ImGuiTableColumnFlags_DefaultSort, 1.2f);
  ImGui::TableSetupColumn(tr(S::col_title), 0, 3.0f);
  ImGui::TableSetupColumn(tr(S::products_col_category), 0, 1.2f);
  // Figures keep the width they need (a money amount, a percentage, a count) whatever the window's
  // width; the text columns share what is left (issue #9 item 9).
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupColumn(tr(S::products_col_price), ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
  ImGui::TableSetupColumn(tr(S::col_cost), ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
  ImGui::TableSetupColumn(tr(S::products_col_margin), ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn(tr(S::products_col_stock), ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  const ImGuiTableColumnFlags tf = ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed |
                                   (traffic ? 0 : ImGuiTableColumnFlags_Disabled);
  // As wide as the header with its sort arrow, or a figure ("12,345" / "100.0%"), whichever is wider.
  for (S h : {S::products_col_visitors, S::products_col_cart_rate, S::products_col_conversion})
    ImGui::TableSetupColumn(tr(h), tf, std::max(em * 4.0f, ImGui::CalcTextSize(tr(h)).x + em * 1.2f));
  ImGui::TableSetupColumn(tr(S::products_col_supplier), ImGuiTableColumnFlags_NoSort, 1.1f);
  ImGui::TableSetupColumn(tr(S::products_col_status), ImGuiTableColumnFlags_NoSort, 0.8f);
  // Header row drawn by hand so each header carries its definition as a tooltip.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const S tips[] = {S::col_sku, S::col_title, S::products_col_category, S::products_tip_price, S::tip_cost, S::products_tip_margin, S::products_tip_stock,
                    S::products_tip_visitors, S::products_tip_cart_rate, S::products_tip_conversion,
                    S::products_col_supplier, S::products_col_status};
  for (int c = 0; c < kColumns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (c >= 3 && c <= 9) item_tooltip(tr(tips[c]));
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
  int commit_column = -1;
  size_t commit_row = 0;
  // Supplier/status picks are written after the table too.
  std::optional<catalog::ProductEdit> pick;
  std::string pick_label;
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      size_t i = static_cast<size_t>(ui.rows[static_cast<size_t>(r)]);
      const int32_t row = static_cast<int32_t>(i);
      ImGui::PushID(row);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.sku[i].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.product_title[i].c_str());
      ImGui::BeginDisabled(!can_edit);
      ImGui::TableNextColumn();
      int32_t cat = ds.product_category[i];
      const std::string cat_name = cat >= 0 ? ds.categories.names[static_cast<size_t>(cat)] : std::string();
      if (text_cell(st, row, 2, cat_name, cat_name)) commit_column = 2, commit_row = i;
      ImGui::TableNextColumn();
      if (text_cell(st, row, 3, format_money(ds.product_price[i], lang), money_to_decimal(ds.product_price[i], digits)))
        commit_column = 3, commit_row = i;
      ImGui::TableNextColumn();
      auto cost = cost_of(ds, i);
      if (text_cell(st, row, 4, cost ? format_money(*cost, lang) : std::string(tr(S::unknown)),
                    cost ? money_to_decimal(*cost, digits) : std::string(), !cost))
        commit_column = 4, commit_row = i;
      ImGui::EndDisabled();
      ImGui::TableNextColumn();
      auto m = list_margin_bp(ds.product_price[i], cost);
      if (m) {
        ImVec4 col = *m < 0 ? ImVec4(0.85f, 0.15f, 0.1f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        ImGui::TextColored(col, "%s", format_percent(static_cast<double>(*m) / 10000.0).c_str());
      } else {
        ImGui::TextDisabled("—");
      }
      ImGui::BeginDisabled(!can_edit);
      ImGui::TableNextColumn();
      if (text_cell(st, row, 6, format_int(ds.product_stock[i], lang), std::to_string(ds.product_stock[i])))
        commit_column = 6, commit_row = i;
      ImGui::EndDisabled();
      if (traffic) draw_traffic_cells(ui.traffic.of(i), lang);
      ImGui::BeginDisabled(!can_edit);
      ImGui::TableSetColumnIndex(10);
      ImGui::SetNextItemWidth(-FLT_MIN);
      const int64_t sup = i < st.supplier_of.size() ? st.supplier_of[i] : 0;
      if (ImGui::BeginCombo("##sup", supplier_name(st, sup).c_str(), ImGuiComboFlags_NoArrowButton)) {
        if (ImGui::Selectable(tr(S::products_no_supplier), sup == 0) && sup != 0) {
          pick = catalog::ProductEdit{ds.sku[i], catalog::ProductField::supplier, {0, {}}};
          pick_label = ds.sku[i] + " " + tr(S::products_col_supplier) + ": " + tr(S::products_no_supplier);
        }
        for (const auto& s : st.suppliers)
          if (ImGui::Selectable(s.second.c_str(), s.first == sup) && s.first != sup) {
            pick = catalog::ProductEdit{ds.sku[i], catalog::ProductField::supplier, {s.first, {}}};
            pick_label = ds.sku[i] + " " + tr(S::products_col_supplier) + ": " + s.second;
          }
        ImGui::EndCombo();
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      const std::string status = i < st.status_of.size() ? st.status_of[i] : std::string("active");
      if (ImGui::BeginCombo("##status", status_label(status), ImGuiComboFlags_NoArrowButton)) {
        for (const char* s : {"active", "paused", "retired"})
          if (ImGui::Selectable(status_label(s), status == s) && status != s) {
            pick = catalog::ProductEdit{ds.sku[i], catalog::ProductField::status, {{}, s}};
            pick_label = ds.sku[i] + " " + tr(S::products_col_status) + ": " + status_label(s);
          }
        ImGui::EndCombo();
      }
      ImGui::EndDisabled();
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  // After the table: a commit reloads the Dataset, which the rows above still point into.
  if (commit_column >= 0) commit_text(cx.ws, ui, st, commit_row, commit_column);
  if (pick) commit_product_edit(cx.ws, ui, *pick, pick_label);
}

}  // namespace shopkeeper::ui
