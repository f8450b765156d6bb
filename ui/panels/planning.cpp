// Planning section (issue #12): portfolio, forecast, inventory and reorder, purchase orders,
// suppliers and targets, from core/planning (figures defined in docs/planning.md). Words from
// ui/i18n/strings_planning.h; every figure's column or label has its definition as a tooltip.
#include "ui/panels/planning.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "core/base/money.h"
#include "core/model/entities.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/names.h"
#include "ui/widgets/date_field.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {

using namespace planning;

constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable;
constexpr ImGuiTableFlags kScroll = kTable | ImGuiTableFlags_ScrollY;

struct Col {
  S name, tip;
};

// Column headers, each with its definition as a tooltip; column `wrap` is the table's wrapping
// column (ui/widgets/fit_table.h).
void headers(std::initializer_list<Col> cols, int wrap = -1) {
  int n = 0;
  for (const Col& c : cols)
    if (n++ == wrap) ImGui::TableSetupColumn(tr(c.name), ImGuiTableColumnFlags_WidthFixed, fit_table_wrap_width());
    else ImGui::TableSetupColumn(tr(c.name));
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  int i = 0;
  for (const Col& c : cols) {
    ImGui::TableSetColumnIndex(i++);
    ImGui::TableHeader(tr(c.name));
    item_tooltip(tr(c.tip));
  }
}

// A labelled figure with its definition on hover.
void figure(S label, const std::string& value, S tip) {
  ImGui::TextDisabled("%s", tr(label));
  ImGui::SameLine();
  ImGui::TextUnformatted(value.c_str());
  item_tooltip(tr(tip));
}

// A heading line over a part of a tab (ImGui 1.86 has no SeparatorText).
void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

// A greyed note, wrapped to the panel's width.
void hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  text_wrapped("%s", text);
  ImGui::PopStyleColor();
}

void cell(const std::string& s) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(s.c_str());
}

// A cell whose text wraps at the column's edge (a table's wrapping column).
void wrapped_cell(const std::string& s) {
  ImGui::TableNextColumn();
  wrapped_text(s);
}

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "—";
  std::string b;
  b = strf("%.*f", decimals, v);
  return b;
}

std::string percent_or_dash(double v, int decimals = 1) { return std::isfinite(v) ? format_percent(v, decimals) : "—"; }

std::string day_or_dash(const std::optional<Day>& d) { return d ? format_date(*d, language()) : "—"; }

// ---- words for the core's codes --------------------------------------------------------------

const char* method_label(Method m) {
  static const S k[kMethods] = {S::planning_m_naive, S::planning_m_snaive, S::planning_m_ses,
                                S::planning_m_holt,  S::planning_m_hw_add, S::planning_m_hw_mul,
                                S::planning_m_croston, S::planning_m_sba, S::planning_m_tsb};
  return tr(k[static_cast<int>(m)]);
}

std::string skip_label(Skip s, int needed) {
  std::string b;
  switch (s) {
    case Skip::none: return "";
    case Skip::too_short: b = strf(tr(S::planning_skip_too_short), needed); return b;
    case Skip::no_season: return tr(S::planning_skip_no_season);
    case Skip::season_too_long: return tr(S::planning_skip_season_too_long);
    case Skip::non_positive: return tr(S::planning_skip_non_positive);
    case Skip::constant: return tr(S::planning_skip_constant);
    case Skip::no_demand: return tr(S::planning_skip_no_demand);
    case Skip::not_intermittent: return tr(S::planning_skip_not_intermittent);
    case Skip::no_fit: return tr(S::planning_skip_no_fit);
    case Skip::missing_parameter: return tr(S::planning_skip_missing_parameter);
  }
  return "";
}

const char* role_label(Role r) {
  static const S k[kRoles] = {S::planning_role_traffic, S::planning_role_profit, S::planning_role_image,
                              S::planning_role_long_tail, S::planning_role_clearance};
  return tr(k[static_cast<int>(r)]);
}

const char* role_rule(Role r) {
  static const S k[kRoles] = {S::planning_rule_traffic, S::planning_rule_profit, S::planning_rule_image,
                              S::planning_rule_long_tail, S::planning_rule_clearance};
  return tr(k[static_cast<int>(r)]);
}

const char* lifecycle_label(Lifecycle l) {
  static const S k[] = {S::planning_stage_none, S::planning_stage_introduction, S::planning_stage_growth,
                        S::planning_stage_maturity, S::planning_stage_decline};
  return tr(k[static_cast<int>(l)]);
}

const char* po_problem_label(PoProblem p) {
  switch (p) {
    case PoProblem::none: return "";
    case PoProblem::empty_id: return tr(S::planning_po_bad_id);
    case PoProblem::qty_not_positive: return tr(S::planning_po_bad_qty);
    case PoProblem::negative: return tr(S::planning_po_bad_negative);
    case PoProblem::expected_before_ordered: return tr(S::planning_po_bad_expected);
    case PoProblem::received_before_ordered: return tr(S::planning_po_bad_received);
    case PoProblem::rejected_over_received: return tr(S::planning_po_bad_rejected);
    case PoProblem::received_without_date: return tr(S::planning_po_bad_no_date);
  }
  return "";
}

// ---- shared data -----------------------------------------------------------------------------

bool ensure_data(PanelContext& cx, PlanningUi& ui) {
  if (ui.data_revision != cx.ws.revision()) {
    ui.data_revision = cx.ws.revision();
    auto d = cx.ws.planning_data();
    ui.data_error.clear();
    if (d) ui.data = std::move(*d);
    else ui.data = {}, ui.data_error = error_text(d.error(), language());
  }
  if (!ui.data_error.empty()) text_wrapped("%s", ui.data_error.c_str());
  return ui.data_error.empty();
}

std::string supplier_name(const PlanningUi& ui, int64_t id) {
  for (const SupplierInfo& s : ui.data.suppliers)
    if (s.id == id) return s.name;
  return id == 0 ? std::string("—") : std::to_string(id);
}

// ---- portfolio -------------------------------------------------------------------------------

void recompute_portfolio(PanelContext& cx, PlanningUi& ui) {
  PortfolioQuery q;
  q.by = ui.abc_by == 0 ? AbcBy::sales : AbcBy::gross_profit;
  q.a = std::clamp(ui.abc_a, 1.0f, 99.0f) / 100.0;
  q.b = std::clamp(ui.abc_b, 0.0f, 99.0f - ui.abc_a) / 100.0;
  q.dead_days = std::max(1, ui.dead_days);
  if (ui.portfolio_revision == cx.ws.revision() && q == ui.portfolio_query) return;
  const Dataset& ds = cx.ws.dataset();
  const bool roles_stale = ui.portfolio_revision != cx.ws.revision() || q.dead_days != ui.portfolio_query.dead_days;
  ui.portfolio_revision = cx.ws.revision();
  ui.portfolio_query = q;
  ui.portfolio = compute_portfolio(ds, q);
  if (roles_stale) {
    auto traffic = cx.ws.sku_traffic();  // the product report's visitors (rule 2), when there is one
    if (!traffic) cx.report_error(traffic.error());
    ui.roles = compute_roles(ds, cx.ws.seller_roles(), q.dead_days, traffic ? &*traffic : nullptr);
    ui.role_order.resize(ds.sku.size());
    for (size_t p = 0; p < ds.sku.size(); ++p) ui.role_order[p] = static_cast<int>(p);
    std::sort(ui.role_order.begin(), ui.role_order.end(), [&](int a, int b) { return ds.sku[a] < ds.sku[b]; });
  }
}

void draw_role_mix(PlanningUi& ui) {
  const RoleMix& m = ui.roles;
  Money sales = 0, gp = 0;
  for (int r = 0; r < kRoles; ++r) sales += m.sales[r], gp += m.gross_profit[r];
  if (!begin_fit_table("roles", 6, kTable)) return;
  headers({{S::planning_col_role, S::planning_tip_role},
           {S::planning_col_products, S::planning_tip_products},
           {S::planning_col_sales_share, S::planning_tip_sales_share},
           {S::planning_col_gp_share, S::planning_tip_gp_share},
           {S::planning_col_traffic_share, S::planning_tip_traffic_share},
           {S::planning_col_stock_value, S::planning_tip_stock_value}});
  for (int r = 0; r < kRoles; ++r) {
    ImGui::TableNextRow();
    cell(role_label(static_cast<Role>(r)));
    item_tooltip(role_rule(static_cast<Role>(r)));
    cell(format_int(m.products[r], language()));
    cell(sales > 0 ? format_percent(static_cast<double>(m.sales[r]) / static_cast<double>(sales)) : "—");
    cell(gp != 0 ? format_percent(static_cast<double>(m.gross_profit[r]) / static_cast<double>(gp)) : "—");
    cell(m.orders_total > 0 ? format_percent(static_cast<double>(m.orders[r]) / static_cast<double>(m.orders_total)) : "—");
    cell(format_money(m.stock_value[r], language()));
  }
  end_fit_table();
}

void draw_role_warnings(PanelContext& cx, PlanningUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  if (ui.roles.warnings.empty()) {
    ImGui::TextDisabled("%s", tr(S::planning_no_warnings));
    return;
  }
  for (RoleWarning w : ui.roles.warnings) {
    std::string text;
    if (w == RoleWarning::traffic_loses_money) {
      std::string skus;
      for (size_t i = 0; i < ui.roles.losing_traffic.size() && i < 8; ++i)
        skus += (i ? ", " : "") + ds.sku[static_cast<size_t>(ui.roles.losing_traffic[i])];
      std::string b;
      b = strf(tr(S::planning_warn_traffic_loses), static_cast<int>(ui.roles.losing_traffic.size()), skus.c_str());
      text = b;
    } else if (w == RoleWarning::no_profit_items) {
      text = tr(S::planning_warn_no_profit);
    } else {
      text = tr(S::planning_warn_long_tail);
    }
    ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.1f, 1), "%s", text.c_str());
  }
}

void draw_role_table(PanelContext& cx, PlanningUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  hint(tr(S::planning_roles_help));
  const bool ro = cx.ws.readonly() || cx.ws.busy();
  if (!begin_fit_table("role_lines", 5, kScroll, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 14))) return;
  headers({{S::col_sku, S::planning_tip_sku},
           {S::planning_col_suggested_role, S::planning_tip_suggested_role},
           {S::planning_col_margin, S::planning_tip_margin},
           {S::planning_col_role, S::planning_tip_role_override},
           {S::planning_col_rule, S::planning_tip_rule}});
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(ui.role_order.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const int p = ui.role_order[static_cast<size_t>(i)];
      const RoleLine& l = ui.roles.lines[static_cast<size_t>(p)];
      ImGui::TableNextRow();
      cell(ds.sku[static_cast<size_t>(p)]);
      cell(role_label(l.suggested));
      cell(percent_or_dash(l.margin));
      ImGui::TableNextColumn();
      ImGui::PushID(p);
      const char* preview = l.overridden ? role_label(l.role) : tr(S::planning_role_as_suggested);
      ImGui::BeginDisabled(ro);
      // As wide as its longest choice (a column fitted to its content measures its items).
      float pick_w = combo_width({tr(S::planning_role_as_suggested)});
      for (int r = 0; r < kRoles; ++r) pick_w = std::max(pick_w, combo_width({role_label(static_cast<Role>(r))}));
      ImGui::SetNextItemWidth(pick_w);
      if (ImGui::BeginCombo("##role", preview)) {
        std::optional<std::optional<Role>> pick;
        if (ImGui::Selectable(tr(S::planning_role_as_suggested), !l.overridden)) pick = std::optional<Role>();
        for (int r = 0; r < kRoles; ++r)
          if (ImGui::Selectable(role_label(static_cast<Role>(r)), l.overridden && l.role == static_cast<Role>(r)))
            pick = std::optional<Role>(static_cast<Role>(r));
        ImGui::EndCombo();
        if (pick) {
          Status st = cx.ws.set_product_role(ds.sku[static_cast<size_t>(p)], *pick);
          if (!st) cx.report_error(st.error());
        }
      }
      ImGui::EndDisabled();
      ImGui::PopID();
      cell(role_rule(l.suggested));
    }
  end_fit_table();
}

void draw_matrix(PlanningUi& ui) {
  const Portfolio& pf = ui.portfolio;
  ImGui::TextUnformatted(tr(S::planning_matrix_title));
  item_tooltip(tr(S::planning_tip_matrix));
  if (!begin_fit_table("abcxyz", 4, kTable, ImVec2(ImGui::GetFontSize() * 24, 0))) return;
  ImGui::TableSetupColumn("");
  for (const char* x : {"X", "Y", "Z"}) ImGui::TableSetupColumn(x);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetColumnIndex(0);
  ImGui::TableHeader("");
  const S xyz_tip[3] = {S::planning_tip_x, S::planning_tip_y, S::planning_tip_z};
  for (int c = 0; c < 3; ++c) {
    ImGui::TableSetColumnIndex(c + 1);
    ImGui::TableHeader(c == 0 ? "X" : c == 1 ? "Y" : "Z");
    item_tooltip(tr(xyz_tip[c]));
  }
  const S abc_tip[3] = {S::planning_tip_a, S::planning_tip_b, S::planning_tip_c};
  for (int r = 0; r < 3; ++r) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r == 0 ? "A" : r == 1 ? "B" : "C");
    item_tooltip(tr(abc_tip[r]));
    for (int c = 0; c < 3; ++c) cell(format_int(pf.matrix[static_cast<size_t>(r)][static_cast<size_t>(c)], language()));
  }
  end_fit_table();
}

void draw_portfolio_lines(PanelContext& cx, PlanningUi& ui, bool dead_only) {
  const Dataset& ds = cx.ws.dataset();
  std::vector<int> rows;
  for (size_t i = 0; i < ui.portfolio.lines.size(); ++i)
    if (!dead_only || ui.portfolio.lines[i].dead) rows.push_back(static_cast<int>(i));
  if (!begin_fit_table(dead_only ? "dead" : "abc_lines", 9, kScroll, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 14)))
    return;
  headers({{S::col_sku, S::planning_tip_sku},
           {S::planning_col_abc_value, ui.abc_by == 0 ? S::planning_tip_abc_sales : S::planning_tip_abc_gp},
           {S::planning_col_cumulative, S::planning_tip_cumulative},
           {S::planning_col_class, S::planning_tip_class},
           {S::planning_col_cv, S::planning_tip_cv},
           {S::planning_col_sell_through, S::planning_tip_sell_through},
           {S::planning_col_stage, S::planning_tip_stage},
           {S::planning_col_stock, S::planning_tip_stock},
           {S::planning_col_dead_value, S::planning_tip_dead_value}});
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(rows.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const PortfolioLine& l = ui.portfolio.lines[static_cast<size_t>(rows[static_cast<size_t>(i)])];
      ImGui::TableNextRow();
      cell(ds.sku[static_cast<size_t>(l.product)]);
      cell(format_money(l.value, language()));
      cell(format_percent(l.cumulative));
      cell(std::string(1, l.abc) + l.xyz);
      cell(fixed(l.cv, 2));
      cell(format_percent(l.sell_through));
      cell(lifecycle_label(l.stage));
      cell(format_int(l.stock, language()));
      cell(l.dead ? format_money(l.dead_value, language()) : "—");
    }
  end_fit_table();
}

void draw_portfolio(PanelContext& cx, PlanningUi& ui) {
  const char* by[] = {tr(S::planning_abc_by_sales), tr(S::planning_abc_by_gp)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::Combo(tr(S::planning_abc_by), &ui.abc_by, by, 2);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragFloat(tr(S::planning_abc_a), &ui.abc_a, 0.5f, 50, 95, "%.0f%%");
  item_tooltip(tr(S::planning_tip_abc_a));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragFloat(tr(S::planning_abc_b), &ui.abc_b, 0.5f, 1, 45, "%.0f%%");
  item_tooltip(tr(S::planning_tip_abc_b));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(tr(S::planning_dead_days), &ui.dead_days, 0, 0);
  item_tooltip(tr(S::planning_tip_dead_days));
  recompute_portfolio(cx, ui);

  heading(tr(S::planning_roles_title));
  draw_role_mix(ui);
  draw_role_warnings(cx, ui);
  draw_role_table(cx, ui);

  heading(tr(S::planning_abc_title));
  draw_matrix(ui);
  draw_portfolio_lines(cx, ui, false);

  heading(tr(S::planning_dead_title));
  std::string b;
  b = strf(tr(S::planning_dead_summary), ui.portfolio.dead_count,
                format_money(ui.portfolio.dead_value, language()).c_str());
  ImGui::TextUnformatted(b.c_str());
  item_tooltip(tr(S::planning_tip_dead_value));
  if (ui.portfolio.dead_count > 0) draw_portfolio_lines(cx, ui, true);
}

// ---- forecast --------------------------------------------------------------------------------

void recompute_forecast(PanelContext& cx, PlanningUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  const std::string key = std::to_string(ui.fc_scope) + "|" + std::to_string(ui.fc_category) + "|" + ui.fc_sku + "|" +
                          std::to_string(ui.fc_grain) + "|" + std::to_string(ui.fc_season) + "|" + std::to_string(ui.fc_horizon);
  if (ui.fc_revision == cx.ws.revision() && ui.fc.key == key) return;
  ui.fc_revision = cx.ws.revision();
  PlanningForecastView v;
  v.key = key;
  std::string sku = ui.fc_scope == 2 ? ui.fc_sku : std::string();
  std::string cat;
  if (ui.fc_scope == 1 && ui.fc_category >= 0 && static_cast<size_t>(ui.fc_category) < ds.categories.names.size())
    cat = ds.categories.names[static_cast<size_t>(ui.fc_category)];
  if (ui.fc_scope == 2 && sku.empty()) {
    v.error = tr(S::planning_fc_pick_sku);
    ui.fc = std::move(v);
    return;
  }
  auto s = series_from_dataset(ds, sku, cat, static_cast<planning::Grain>(ui.fc_grain));
  if (!s) {
    v.error = tr(S::planning_fc_no_series);
    ui.fc = std::move(v);
    return;
  }
  v.series = std::move(*s);
  v.season = std::max(1, ui.fc_season);
  v.horizon = std::max(1, ui.fc_horizon);
  const int n_all = static_cast<int>(v.series.y.size());
  if (n_all < v.horizon + 2) {
    std::string b;
    b = strf(tr(S::planning_fc_too_short), n_all, v.horizon + 2);
    v.error = b;
    ui.fc = std::move(v);
    return;
  }
  v.fitted_points = n_all - v.horizon;
  const std::vector<double> train(v.series.y.begin(), v.series.y.begin() + v.fitted_points);
  const std::vector<double> actual(v.series.y.begin() + v.fitted_points, v.series.y.end());
  v.choice = choose(train, v.season, v.horizon);
  const double scale = mase_scale(train, v.season);
  for (int i = 0; i < kMethods; ++i) {
    const auto m = static_cast<Method>(i);
    const Forecast f = m == v.choice.chosen && v.choice.forecast.ok() ? v.choice.forecast : forecast(train, v.season, v.horizon, m);
    PlanningForecastView::Line l;
    l.method = m;
    l.skip = f.skip, l.needed = f.needed;
    if (f.ok()) l.acc = accuracy(actual, f.mean, scale);
    v.lines.push_back(l);
  }
  v.ahead = choose(v.series.y, v.season, v.horizon);
  ui.fc = std::move(v);
}

// Actuals, the held-out forecast over the last H actuals and the forecast after the end, each
// forecast with its 80% and 95% bands.
void draw_forecast_chart(const PlanningForecastView& v, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("fc_chart", size);
  const int n = static_cast<int>(v.series.y.size());
  const Forecast& back = v.choice.forecast;
  const Forecast& ahead = v.ahead.forecast;
  const int total = n + (ahead.ok() ? static_cast<int>(ahead.mean.size()) : 0);
  if (total < 2) return;
  double hi = 1;
  for (double y : v.series.y) hi = std::max(hi, y);
  for (const Forecast* f : {&back, &ahead})
    if (f->ok())
      for (double y : f->hi95) hi = std::max(hi, y);
  const float left = ImGui::GetFontSize() * 3.5f, bottom = ImGui::GetFontSize() * 1.4f;
  const float w = size.x - left - 4, h = size.y - bottom - 4;
  auto X = [&](int i) { return p0.x + left + w * static_cast<float>(i) / static_cast<float>(total - 1); };
  auto Y = [&](double y) { return p0.y + 2 + h * static_cast<float>(1 - y / hi); };
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (double t : {0.0, hi / 2, hi}) {
    dl->AddLine(ImVec2(p0.x + left, Y(t)), ImVec2(p0.x + size.x, Y(t)), IM_COL32(128, 128, 128, 50));
    dl->AddText(ImVec2(p0.x, Y(t) - ImGui::GetFontSize() / 2), axis, format_int_compact(std::llround(t), language()).c_str());
  }
  dl->AddText(ImVec2(X(0), p0.y + size.y - bottom), axis, v.series.ds.front().c_str());
  const std::string last = v.series.label(total - 1);
  dl->AddText(ImVec2(X(total - 1) - ImGui::CalcTextSize(last.c_str()).x, p0.y + size.y - bottom), axis, last.c_str());
  auto band = [&](const Forecast& f, int start, const std::vector<double>& lo, const std::vector<double>& up, ImU32 c) {
    for (size_t k = 0; k + 1 < f.mean.size(); ++k) {
      const int i = start + static_cast<int>(k);
      dl->AddQuadFilled(ImVec2(X(i), Y(up[k])), ImVec2(X(i + 1), Y(up[k + 1])), ImVec2(X(i + 1), Y(lo[k + 1])),
                        ImVec2(X(i), Y(lo[k])), c);
    }
    if (f.mean.size() == 1) dl->AddLine(ImVec2(X(start), Y(lo[0])), ImVec2(X(start), Y(up[0])), c, 4);
  };
  auto line = [&](const std::vector<double>& y, int start, ImU32 c, float th) {
    for (size_t k = 0; k + 1 < y.size(); ++k)
      dl->AddLine(ImVec2(X(start + static_cast<int>(k)), Y(y[k])), ImVec2(X(start + static_cast<int>(k) + 1), Y(y[k + 1])), c, th);
  };
  for (const auto& [f, start] : {std::pair{&back, v.fitted_points}, std::pair{&ahead, n}})
    if (f->ok()) {
      band(*f, start, f->lo95, f->hi95, IM_COL32(60, 120, 216, 40));
      band(*f, start, f->lo80, f->hi80, IM_COL32(60, 120, 216, 70));
      line(f->mean, start, IM_COL32(60, 120, 216, 255), 2);
    }
  line(v.series.y, 0, IM_COL32(214, 92, 38, 255), 1.5f);
  dl->AddLine(ImVec2(X(v.fitted_points), p0.y), ImVec2(X(v.fitted_points), p0.y + h), IM_COL32(128, 128, 128, 120));
  if (ImGui::IsItemHovered()) {
    const float mx = ImGui::GetIO().MousePos.x;
    const int i = std::clamp(static_cast<int>(std::lround((mx - p0.x - left) / w * static_cast<float>(total - 1))), 0, total - 1);
    std::string tip = v.series.label(i);
    if (i < n) tip += "\n" + std::string(tr(S::planning_fc_actual)) + ": " + fixed(v.series.y[static_cast<size_t>(i)], 1);
    const Forecast* f = i >= n ? &ahead : (i >= v.fitted_points ? &back : nullptr);
    const int k = i >= n ? i - n : i - v.fitted_points;
    if (f && f->ok() && k >= 0 && static_cast<size_t>(k) < f->mean.size())
      tip += "\n" + std::string(tr(S::planning_fc_forecast)) + ": " + fixed(f->mean[static_cast<size_t>(k)], 1) + "  80%: " +
             fixed(f->lo80[static_cast<size_t>(k)], 1) + "–" + fixed(f->hi80[static_cast<size_t>(k)], 1) + "  95%: " +
             fixed(f->lo95[static_cast<size_t>(k)], 1) + "–" + fixed(f->hi95[static_cast<size_t>(k)], 1);
    ImGui::SetTooltip("%s", tip.c_str());
  }
}

void draw_forecast_inputs(PanelContext& cx, PlanningUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  const char* scopes[] = {tr(S::planning_fc_shop), tr(S::planning_fc_category), tr(S::planning_fc_sku)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::Combo(tr(S::planning_fc_scope), &ui.fc_scope, scopes, 3);
  if (ui.fc_scope == 1 && !ds.categories.names.empty()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ui.fc_category = std::clamp(ui.fc_category, 0, static_cast<int>(ds.categories.names.size()) - 1);
    if (ImGui::BeginCombo("##cat", ds.categories.names[static_cast<size_t>(ui.fc_category)].c_str())) {
      for (size_t c = 0; c < ds.categories.names.size(); ++c)
        if (ImGui::Selectable(ds.categories.names[c].c_str(), static_cast<int>(c) == ui.fc_category)) ui.fc_category = static_cast<int>(c);
      ImGui::EndCombo();
    }
  } else if (ui.fc_scope == 2) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    input_text("##sku", ui.fc_sku);
    item_tooltip(tr(S::planning_tip_fc_sku));
  }
  ImGui::SameLine();
  const char* grains[] = {tr(S::planning_grain_day), tr(S::planning_grain_week), tr(S::planning_grain_month)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  const int before = ui.fc_grain;
  ImGui::Combo(tr(S::planning_fc_grain), &ui.fc_grain, grains, 3);
  if (ui.fc_grain != before) {
    static const int season[3] = {7, 52, 12}, horizon[3] = {28, 12, 6};
    ui.fc_season = season[ui.fc_grain], ui.fc_horizon = horizon[ui.fc_grain];
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputInt(tr(S::planning_fc_season), &ui.fc_season, 0, 0);
  item_tooltip(tr(S::planning_tip_season));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputInt(tr(S::planning_fc_horizon), &ui.fc_horizon, 0, 0);
  item_tooltip(tr(S::planning_tip_horizon));
  ui.fc_season = std::clamp(ui.fc_season, 1, 366);
  ui.fc_horizon = std::clamp(ui.fc_horizon, 1, 104);
}

void draw_forecast(PanelContext& cx, PlanningUi& ui) {
  draw_forecast_inputs(cx, ui);
  recompute_forecast(cx, ui);
  const PlanningForecastView& v = ui.fc;
  if (!v.error.empty()) {
    text_wrapped("%s", v.error.c_str());
    return;
  }
  std::string b;
  b = strf(tr(S::planning_fc_summary), static_cast<int>(v.series.y.size()), v.fitted_points, v.horizon);
  hint(b.c_str());
  // Which method was chosen and why.
  const Choice& c = v.choice;
  double chosen_mae = NAN, base_mae = NAN;
  const Method base = v.season >= 2 ? Method::snaive : Method::naive;
  for (const BacktestLine& l : c.lines) {
    if (l.method == c.chosen && l.skip == Skip::none) chosen_mae = l.mae;
    if (l.method == base && l.skip == Skip::none) base_mae = l.mae;
  }
  if (c.fallback)
    b = strf(tr(S::planning_fc_why_fallback), method_label(c.chosen), c.origins, c.window);
  else
    b = strf(tr(S::planning_fc_why), method_label(c.chosen), fixed(chosen_mae, 2).c_str(), method_label(base),
                  fixed(base_mae, 2).c_str(), c.origins, c.window);
  text_wrapped("%s", b.c_str());
  item_tooltip(tr(S::planning_tip_choice));
  draw_forecast_chart(v, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 14));
  hint(tr(S::planning_fc_legend));

  // The note wraps in what the figures leave (issue #9 item 9).
  if (!begin_fit_table("backtest", 7, kTable, ImVec2(0, 0), 6, ImGui::GetFontSize() * 6)) return;
  headers({{S::planning_col_method, S::planning_tip_method},
           {S::planning_col_backtest_mae, S::planning_tip_backtest_mae},
           {S::planning_col_mae, S::planning_tip_mae},
           {S::planning_col_rmse, S::planning_tip_rmse},
           {S::planning_col_mape, S::planning_tip_mape},
           {S::planning_col_mase, S::planning_tip_mase},
           {S::planning_col_note, S::planning_tip_note}},
          6);
  for (const auto& l : v.lines) {
    ImGui::TableNextRow();
    if (l.method == c.chosen) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(60, 120, 216, 60));
    cell(method_label(l.method));
    const BacktestLine* bl = nullptr;
    for (const BacktestLine& x : c.lines)
      if (x.method == l.method) bl = &x;
    cell(bl && bl->skip == Skip::none ? fixed(bl->mae, 2) : "—");
    if (l.skip != Skip::none) {
      for (int k = 0; k < 4; ++k) cell("—");
      wrapped_cell(skip_label(l.skip, l.needed));
      continue;
    }
    cell(fixed(l.acc.mae, 2));
    cell(fixed(l.acc.rmse, 2));
    cell(std::isfinite(l.acc.mape) ? fixed(l.acc.mape, 1) + "%" : "—");
    cell(fixed(l.acc.mase, 3));
    if (l.method == c.chosen) wrapped_cell(tr(S::planning_fc_chosen));
    else if (bl && bl->skip != Skip::none) wrapped_cell(skip_label(bl->skip, bl->needed));
    else cell("");
  }
  end_fit_table();
}

// ---- inventory and reorder -------------------------------------------------------------------

// Starts, advances (one slice per frame) or finishes the forecasts of every SKU; true while the
// forecasts are not ready.
bool tick_demand(PanelContext& cx, PlanningUi& ui) {
  const int32_t horizon = std::clamp(ui.horizon_days, 1, 365);
  const bool current = ui.demand && ui.demand_revision == cx.ws.revision() && ui.demand_horizon == horizon;
  if (current) return false;
  PlanningReorderJob& j = ui.job;
  if (j.running && (j.revision != cx.ws.revision() || j.horizon_days != horizon)) j.running = false;
  if (!j.running) {
    if (j.cancelled && j.revision == cx.ws.revision() && j.horizon_days == horizon) {
      if (ImGui::Button(tr(S::planning_reorder_restart))) j.cancelled = false;
      ImGui::SameLine();
      ImGui::TextDisabled("%s", tr(S::planning_reorder_cancelled));
      return true;
    }
    j = PlanningReorderJob{};
    j.forecaster = std::make_unique<DemandForecaster>(cx.ws.dataset(), ui.data, horizon);
    j.revision = cx.ws.revision(), j.horizon_days = horizon, j.running = true;
  }
  // About 8 ms of forecasts a frame (one SKU of 104 weeks takes about 1 ms natively).
  const auto t0 = std::chrono::steady_clock::now();
  while (j.forecaster->done() < j.forecaster->size() &&
         std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() < 8)
    j.forecaster->step(4);
  if (j.forecaster->done() >= j.forecaster->size()) {
    ui.demand = j.forecaster->take();
    ui.demand_revision = j.revision, ui.demand_horizon = j.horizon_days;
    ui.reorder.reset();
    j = PlanningReorderJob{};
    return false;
  }
  cx.keep_drawing = true;
  std::string b;
  b = strf(tr(S::planning_reorder_progress), j.forecaster->done(), j.forecaster->size());
  if (progress_with_cancel(static_cast<float>(j.forecaster->done()) / static_cast<float>(std::max(1, j.forecaster->size())),
                           ImGui::GetFontSize() * 20, b.c_str(), true))
    j.cancel(), j.forecaster.reset();
  return true;
}

Table suggested_po_table(const PlanningUi& ui, const Dataset& ds) {
  Table t;
  t.columns = {"supplier_id", "supplier", "sku", "qty", "unit_cost", "amount", "order_on"};
  std::vector<const ReorderLine*> v;
  for (const ReorderLine& l : ui.reorder->lines)
    if (l.suggested > 0) v.push_back(&l);
  std::stable_sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->supplier_id < b->supplier_id; });
  for (const ReorderLine* l : v) {
    const Money cost = std::max<Money>(0, ds.product_cost[static_cast<size_t>(l->product)]);
    t.rows.push_back({Cell::integer(l->supplier_id), Cell::text(supplier_name(ui, l->supplier_id)), Cell::text(l->sku),
                      Cell::integer(l->suggested), Cell::money(cost), Cell::money(cost * l->suggested), Cell::day(ui.reorder->today)});
  }
  return t;
}

void draw_suggested_pos(PanelContext& cx, PlanningUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  struct Po {
    int lines = 0;
    int64_t units = 0;
    Money amount = 0;
  };
  std::map<int64_t, Po> pos;
  for (const ReorderLine& l : ui.reorder->lines)
    if (l.suggested > 0) {
      Po& p = pos[l.supplier_id];
      p.lines += 1, p.units += l.suggested;
      p.amount += std::max<Money>(0, ds.product_cost[static_cast<size_t>(l.product)]) * l.suggested;
    }
  heading(tr(S::planning_suggested_pos));
  if (pos.empty()) {
    ImGui::TextDisabled("%s", tr(S::planning_no_suggested_pos));
    return;
  }
  if (begin_fit_table("spos", 4, kTable)) {
    headers({{S::planning_col_supplier, S::planning_tip_supplier},
             {S::planning_col_lines, S::planning_tip_po_lines},
             {S::planning_col_units, S::planning_tip_po_units},
             {S::planning_col_amount, S::planning_tip_po_amount}});
    for (const auto& [id, p] : pos) {
      ImGui::TableNextRow();
      cell(supplier_name(ui, id));
      cell(format_int(p.lines, language()));
      cell(format_int(p.units, language()));
      cell(format_money(p.amount, language()));
    }
    end_fit_table();
  }
  cx.export_buttons("suggested_purchase_orders", [&] { return suggested_po_table(ui, ds); }, tr(S::planning_suggested_pos));
}

void draw_reorder(PanelContext& cx, PlanningUi& ui) {
  if (!ensure_data(cx, ui)) return;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragFloat(tr(S::planning_service_level), &ui.service_level, 0.1f, 50, 99.9f, "%.1f%%");
  item_tooltip(tr(S::planning_tip_service_level));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  ImGui::InputInt(tr(S::planning_horizon_days), &ui.horizon_days, 0, 0);
  item_tooltip(tr(S::planning_tip_horizon_days));
  ImGui::SameLine();
  ImGui::Checkbox(tr(S::planning_only_suggested), &ui.only_suggested);
  ui.horizon_days = std::clamp(ui.horizon_days, 1, 365);
  ui.service_level = std::clamp(ui.service_level, 50.0f, 99.9f);
  if (tick_demand(cx, ui)) return;
  ReorderQuery q;
  q.service_level = std::round(ui.service_level * 10) / 1000.0;
  q.horizon_days = ui.horizon_days;
  if (!ui.reorder || !(ui.reorder_query == q)) {
    ui.reorder = reorder_from_forecasts(cx.ws.dataset(), ui.data, *ui.demand, q);
    ui.reorder_query = q;
  }
  const ReorderTable& t = *ui.reorder;
  const Dataset& ds = cx.ws.dataset();
  int n_sugg = 0, n_out = 0;
  Money lost = 0;
  for (const ReorderLine& l : t.lines) n_sugg += l.suggested > 0, n_out += l.stockout.has_value(), lost += l.lost_revenue;
  std::string b;
  b = strf(tr(S::planning_reorder_summary), format_date(t.today, language()).c_str(),
                static_cast<int>(t.lines.size()), n_sugg, n_out, format_money(lost, language()).c_str());
  text_wrapped("%s", b.c_str());
  item_tooltip(tr(S::planning_tip_reorder_summary));
  std::vector<int> rows;
  for (size_t i = 0; i < t.lines.size(); ++i)
    if (!ui.only_suggested || t.lines[i].suggested > 0) rows.push_back(static_cast<int>(i));
  if (begin_fit_table("reorder", 14, kScroll | ImGuiTableFlags_ScrollX, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 16))) {
    headers({{S::col_sku, S::planning_tip_sku},
             {S::planning_col_supplier, S::planning_tip_supplier},
             {S::planning_col_stock, S::planning_tip_stock},
             {S::planning_col_on_order, S::planning_tip_on_order},
             {S::planning_col_daily, S::planning_tip_daily},
             {S::planning_col_cover, S::planning_tip_cover},
             {S::planning_col_lead, S::planning_tip_lead},
             {S::planning_col_safety, S::planning_tip_safety},
             {S::planning_col_rop, S::planning_tip_rop},
             {S::planning_col_up_to, S::planning_tip_up_to},
             {S::planning_col_suggested, S::planning_tip_suggested},
             {S::planning_col_stockout, S::planning_tip_stockout},
             {S::planning_col_lost, S::planning_tip_lost},
             {S::planning_col_method, S::planning_tip_reorder_method}});
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const ReorderLine& l = t.lines[static_cast<size_t>(rows[static_cast<size_t>(i)])];
        ImGui::TableNextRow();
        cell(l.sku);
        cell(supplier_name(ui, l.supplier_id));
        cell(format_int(l.on_hand, language()));
        cell(format_int(l.on_order, language()));
        cell(fixed(l.daily_demand, 2));
        cell(std::isfinite(l.days_of_cover) ? fixed(l.days_of_cover, 1) : "—");
        cell(l.lead_time_known ? fixed(l.lead_time, 1) + " ± " + fixed(l.lead_time_sd, 1) : tr(S::planning_lead_unknown));
        cell(fixed(l.safety_stock, 1));
        cell(fixed(l.reorder_point, 1));
        cell(fixed(l.order_up_to, 1));
        cell(format_int(l.suggested, language()));
        cell(day_or_dash(l.stockout));
        cell(l.lost_revenue > 0 ? format_money(l.lost_revenue, language()) : "—");
        cell(method_label(l.method));
      }
    end_fit_table();
  }
  (void)ds;
  draw_suggested_pos(cx, ui);
}

// ---- purchase orders -------------------------------------------------------------------------

void import_po_text(Workspace& ws, PlanningUi& ui, const std::string& text, const std::string& name) {
  InputIssue why;
  auto r = ws.import_purchase_orders(text, name, &why);
  ui.po_saved.clear();
  if (r) ui.po_message.clear(), ui.po_rows = r->rows, ui.po_units = r->stock_units_added;
  else ui.po_message = error_text(r.error(), why, language()), ui.po_rows = -1;
}

void select_po(PlanningUi& ui, int i) {
  ui.po_selected = i;
  ui.po_edit = ui.data.orders[static_cast<size_t>(i)];
  ui.po_expected = ui.po_edit.expected ? format_day(*ui.po_edit.expected) : std::string();
  ui.po_received = ui.po_edit.received ? format_day(*ui.po_edit.received) : std::string();
}

void draw_po_editor(PanelContext& cx, PlanningUi& ui) {
  PurchaseOrder& e = ui.po_edit;
  std::string b;
  b = strf(tr(S::planning_po_editing), e.id.c_str(), e.sku.c_str(), supplier_name(ui, e.supplier_id).c_str(),
                format_date(e.ordered, language()).c_str());
  ImGui::TextUnformatted(b.c_str());
  auto i64 = [](const char* label, int64_t& v) {
    int x = static_cast<int>(v);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputInt(label, &x, 0, 0)) v = x;
  };
  i64(tr(S::planning_col_qty), e.qty);
  ImGui::SameLine();
  i64(tr(S::planning_col_received_qty), e.qty_received);
  ImGui::SameLine();
  i64(tr(S::planning_col_rejected_qty), e.qty_rejected);
  // Date fields with the calendar (issue #9): the typed text stays as it is until it parses.
  date_field(tr(S::planning_col_expected), ui.po_expected, ImGui::GetFontSize() * 7, false, e.ordered);
  item_tooltip(tr(S::planning_date_hint));
  ImGui::SameLine();
  date_field(tr(S::planning_col_received), ui.po_received, ImGui::GetFontSize() * 7, false, e.ordered);
  item_tooltip(tr(S::planning_date_hint));
  auto parse = [&](const std::string& s, std::optional<Day>& out) {
    if (s.empty()) return out = std::nullopt, true;
    auto d = parse_day(s);
    if (!d) return false;
    out = *d;
    return true;
  };
  bool dates_ok = parse(ui.po_expected, e.expected) && parse(ui.po_received, e.received);
  const PoProblem problem = dates_ok ? check_purchase_order(e) : PoProblem::none;
  const bool ro = cx.ws.readonly() || cx.ws.busy();
  ImGui::BeginDisabled(ro || !dates_ok || problem != PoProblem::none);
  const bool save = ImGui::Button(tr(S::planning_po_save));
  test_mark("po_save");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(ro || e.received.has_value());
  const bool receive = ImGui::Button(tr(S::planning_po_receive));
  test_mark("po_receive");
  item_tooltip(tr(S::planning_tip_po_receive));
  ImGui::EndDisabled();
  if (!dates_ok) ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1), "%s", tr(S::planning_po_bad_date));
  else if (problem != PoProblem::none) ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1), "%s", po_problem_label(problem));
  if (save || receive) {
    PurchaseOrder w = e;
    if (receive) {
      w.received = std::max(w.ordered, cx.platform.today());
      w.qty_received = w.qty;
    }
    if (check_purchase_order(w) != PoProblem::none) return;
    const int64_t before = ui.data.orders[static_cast<size_t>(ui.po_selected)].qty_received -
                           ui.data.orders[static_cast<size_t>(ui.po_selected)].qty_rejected;
    Status st = cx.ws.save_purchase_order(w);
    if (!st) {
      cx.report_error(st.error());
      return;
    }
    ui.po_message.clear();
    ui.po_saved = w.id + "\n" + w.sku;
    ui.po_rows = 1, ui.po_units = w.qty_received - w.qty_rejected - before;
    ui.po_selected = -1;
  }
}

void draw_purchase_orders(PanelContext& cx, PlanningUi& ui) {
  if (!ensure_data(cx, ui)) return;
  hint(tr(S::planning_po_help));
  std::string typed = cx.file_picker("##pofile", FilePurpose::purchase_orders, ".csv,.txt,text/csv,text/plain",
                                     tr(S::planning_po_import), 18);
  if (!typed.empty()) open_purchase_orders_file(cx.ws, ui, typed);
  // The last import or save, worded in the language shown now.
  if (!ui.po_message.empty()) {
    text_wrapped("%s", ui.po_message.c_str());
  } else if (ui.po_rows >= 0) {
    std::string b;
    const size_t nl = ui.po_saved.find('\n');
    if (nl != std::string::npos)
      b = strf(tr(S::planning_po_saved), ui.po_saved.substr(0, nl).c_str(), ui.po_saved.substr(nl + 1).c_str(),
                    static_cast<long long>(ui.po_units));
    else
      b = strf(tr(S::planning_po_imported), static_cast<long long>(ui.po_rows), static_cast<long long>(ui.po_units));
    ImGui::TextUnformatted(b.c_str());
  }
  ImGui::Checkbox(tr(S::planning_po_only_open), &ui.po_only_open);
  const auto& orders = ui.data.orders;
  std::vector<int> rows;
  for (int i = static_cast<int>(orders.size()) - 1; i >= 0; --i)  // newest first
    if (!ui.po_only_open || !orders[static_cast<size_t>(i)].received) rows.push_back(i);
  if (begin_fit_table("pos", 10, kScroll, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 16))) {
    headers({{S::planning_col_po, S::planning_tip_po},
             {S::planning_col_supplier, S::planning_tip_supplier},
             {S::col_sku, S::planning_tip_sku},
             {S::planning_col_qty, S::planning_tip_qty},
             {S::planning_col_unit_cost, S::planning_tip_unit_cost},
             {S::planning_col_ordered, S::planning_tip_ordered},
             {S::planning_col_expected, S::planning_tip_expected},
             {S::planning_col_received, S::planning_tip_received},
             {S::planning_col_received_qty, S::planning_tip_received_qty},
             {S::planning_col_rejected_qty, S::planning_tip_rejected_qty}});
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const int k = rows[static_cast<size_t>(i)];
        const PurchaseOrder& po = orders[static_cast<size_t>(k)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(k);
        if (ImGui::Selectable(po.id.c_str(), ui.po_selected == k, ImGuiSelectableFlags_SpanAllColumns)) select_po(ui, k);
        ImGui::PopID();
        cell(supplier_name(ui, po.supplier_id));
        cell(po.sku);
        test_mark(("po:" + po.id + ":" + po.sku).c_str());  // the row, on its SKU (clear of the columns' resize edges)
        cell(format_int(po.qty, language()));
        cell(format_money(po.unit_cost, language()));
        cell(format_date(po.ordered, language()));
        cell(day_or_dash(po.expected));
        cell(day_or_dash(po.received));
        cell(format_int(po.qty_received, language()));
        cell(format_int(po.qty_rejected, language()));
      }
    end_fit_table();
  }
  if (ui.po_selected >= 0 && static_cast<size_t>(ui.po_selected) < orders.size()) draw_po_editor(cx, ui);
  else ImGui::TextDisabled("%s", tr(S::planning_po_pick));
}

// ---- suppliers -------------------------------------------------------------------------------

void draw_suppliers(PanelContext& cx, PlanningUi& ui) {
  if (!ensure_data(cx, ui)) return;
  if (!ui.weights_loaded) {
    ui.weights_loaded = true;
    float w[4];
    if (std::sscanf(cx.ws.setting("planning.supplier_weights").c_str(), "%f,%f,%f,%f", &w[0], &w[1], &w[2], &w[3]) == 4)
      std::copy(w, w + 4, ui.weights);
  }
  const S names[4] = {S::planning_w_quality, S::planning_w_delivery, S::planning_w_price, S::planning_w_service};
  const S tips[4] = {S::planning_tip_quality, S::planning_tip_on_time, S::planning_tip_price_score, S::planning_tip_service};
  bool edited = false;  // a weight edit finished: stored as the seller's weights
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    ImGui::DragFloat(tr(names[i]), &ui.weights[i], 0.5f, 0, 100, "%.0f");
    edited |= ImGui::IsItemDeactivatedAfterEdit();
    item_tooltip(tr(tips[i]));
  }
  for (float& w : ui.weights) w = std::clamp(w, 0.0f, 100.0f);
  if (edited) {
    std::string b;
    b = strf("%g,%g,%g,%g", ui.weights[0], ui.weights[1], ui.weights[2], ui.weights[3]);
    if (!cx.ws.readonly() && !cx.ws.busy() && cx.ws.setting("planning.supplier_weights") != b)
      (void)cx.ws.set_setting("planning.supplier_weights", b);
  }
  float sum = ui.weights[0] + ui.weights[1] + ui.weights[2] + ui.weights[3];
  if (sum <= 0) sum = 1;
  ScoreWeights w{ui.weights[0] / sum, ui.weights[1] / sum, ui.weights[2] / sum, ui.weights[3] / sum};
  if (ui.suppliers_revision != cx.ws.revision() || !(w == ui.weights_done)) {
    ui.scores = score_suppliers(ui.data, w);
    ui.suppliers_revision = cx.ws.revision(), ui.weights_done = w;
  }
  if (ui.scores.empty()) {
    ImGui::TextDisabled("%s", tr(S::planning_no_suppliers));
    return;
  }
  if (begin_fit_table("scores", 10, kScroll, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 12))) {
    headers({{S::planning_col_rank, S::planning_tip_rank},
             {S::planning_col_supplier, S::planning_tip_supplier},
             {S::planning_col_score, S::planning_tip_score},
             {S::planning_w_quality, S::planning_tip_quality},
             {S::planning_col_on_time, S::planning_tip_on_time},
             {S::planning_col_lead, S::planning_tip_lead_po},
             {S::planning_col_price_index, S::planning_tip_price_index},
             {S::planning_w_service, S::planning_tip_service},
             {S::planning_col_pos, S::planning_tip_pos},
             {S::planning_col_rejected_qty, S::planning_tip_units_rejected}});
    for (size_t i = 0; i < ui.scores.size(); ++i) {
      const SupplierScore& s = ui.scores[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(std::to_string(s.rank).c_str(), ui.supplier_selected == static_cast<int>(i),
                            ImGuiSelectableFlags_SpanAllColumns))
        ui.supplier_selected = static_cast<int>(i);
      ImGui::PopID();
      cell(s.name);
      cell(fixed(s.score * 100, 1));
      cell(percent_or_dash(s.quality, 2));
      cell(percent_or_dash(s.on_time));
      cell(fixed(s.lead_time_mean, 1) + " ± " + fixed(s.lead_time_sd, 1));
      cell(fixed(s.price_index, 3));
      cell(fixed(s.service * 100, 0));
      cell(format_int(s.pos, language()));
      cell(format_int(s.units_rejected, language()));
    }
    end_fit_table();
  }
  ui.supplier_selected = std::clamp(ui.supplier_selected, 0, static_cast<int>(ui.scores.size()) - 1);
  const SupplierScore& s = ui.scores[static_cast<size_t>(ui.supplier_selected)];
  std::string b;
  b = strf(tr(S::planning_trend_title), s.name.c_str());
  heading(b.c_str());
  if (!begin_fit_table("quarters", 4, kScroll, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 10))) return;
  headers({{S::planning_col_quarter, S::planning_tip_quarter},
           {S::planning_col_pos, S::planning_tip_pos},
           {S::planning_w_quality, S::planning_tip_quality},
           {S::planning_col_on_time, S::planning_tip_on_time}});
  for (const QuarterScore& q : s.quarters) {
    ImGui::TableNextRow();
    b = strf(tr(S::planning_quarter), q.year, q.quarter);
    cell(b);
    cell(format_int(q.pos, language()));
    cell(percent_or_dash(q.quality, 2));
    cell(percent_or_dash(q.on_time));
  }
  end_fit_table();
}

// ---- targets ---------------------------------------------------------------------------------

// An amount as the seller types it: major units with the store's digits, no grouping ("1200000.00").
std::string money_text(Money m) {
  const int d = store_money_digits();
  int64_t scale = 1;
  for (int i = 0; i < d; ++i) scale *= 10;
  std::string b;
  if (d == 0) b = strf("%lld", static_cast<long long>(m));
  else b = strf("%lld.%0*lld", static_cast<long long>(m / scale), d, static_cast<long long>(std::llabs(m % scale)));
  return b;
}

void load_target_year(PanelContext& cx, PlanningUi& ui) {
  ui.target_revision = cx.ws.revision();
  ui.target_year_done = ui.target_year;
  ui.target.reset();
  ui.target_stored = false;
  auto st = cx.ws.stored_target(ui.target_year);
  if (st && *st) {
    ui.target = split_stored_target(cx.ws.dataset(), **st);
    ui.target_stored = true;
    ui.target_total = money_text((*st)->total);
  }
}

void draw_target_tables(const TargetSplit& t) {
  const Lang lang = language();
  if (begin_fit_table("months", 4, kTable)) {
    headers({{S::planning_col_month, S::planning_tip_month},
             {S::planning_col_target, S::planning_tip_month_target},
             {S::planning_col_actual, S::planning_tip_month_actual},
             {S::planning_col_achieved, S::planning_tip_achieved}});
    for (int m = 0; m < 12; ++m) {
      ImGui::TableNextRow();
      std::string b;
      b = strf(tr(S::planning_month), m + 1);
      cell(b);
      const Money tg = t.month_target[static_cast<size_t>(m)], ac = t.month_actual[static_cast<size_t>(m)];
      cell(format_money(tg, lang));
      cell(format_money(ac, lang));
      cell(tg > 0 ? format_percent(static_cast<double>(ac) / static_cast<double>(tg)) : "—");
    }
    end_fit_table();
  }
  if (begin_fit_table("cats", 2, kTable, ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0))) {
    headers({{S::planning_col_category, S::planning_tip_category_target}, {S::planning_col_target, S::planning_tip_category_target}});
    for (size_t c = 0; c < t.categories.size(); ++c) {
      ImGui::TableNextRow();
      cell(t.categories[c]);
      cell(format_money(t.category_target[c], lang));
    }
    end_fit_table();
  }
  ImGui::SameLine();
  if (begin_fit_table("chans", 2, kTable)) {
    headers({{S::planning_col_channel, S::planning_tip_channel_target}, {S::planning_col_target, S::planning_tip_channel_target}});
    for (size_t c = 0; c < t.channels.size(); ++c) {
      if (t.channel_target[c] == 0 && t.channels[c].empty()) continue;
      ImGui::TableNextRow();
      cell(t.channels[c].empty() ? std::string(tr(S::planning_no_channel)) : source_label(t.channels[c], lang));
      cell(format_money(t.channel_target[c], lang));
    }
    end_fit_table();
  }
}

void draw_targets(PanelContext& cx, PlanningUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  if (ui.target_year == 0) ui.target_year = ds.order_days().length() > 0 ? civil_from_days(ds.order_days().last).y : 2026;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt(tr(S::planning_target_year), &ui.target_year, 1, 1);
  ui.target_year = std::clamp(ui.target_year, 2000, 2100);
  if (ui.target_revision != cx.ws.revision() || ui.target_year_done != ui.target_year) load_target_year(cx, ui);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  input_text(tr(S::planning_target_total), ui.target_total);
  item_tooltip(tr(S::planning_tip_target_total));
  ImGui::SameLine();
  const char* basis[] = {tr(S::planning_basis_last_year), tr(S::planning_basis_forecast)};
  ImGui::SetNextItemWidth(combo_width({basis[0], basis[1]}));
  ImGui::Combo(tr(S::planning_target_basis), &ui.target_basis, basis, 2);
  item_tooltip(tr(S::planning_tip_target_basis));
  ImGui::SameLine();
  auto total = parse_money(ui.target_total, store_money_digits());
  ImGui::BeginDisabled(cx.ws.readonly() || cx.ws.busy() || !total || *total <= 0);
  if (ImGui::Button(tr(S::planning_target_save))) {
    const TargetSplit t = split_target(ds, ui.target_year, *total, ui.target_basis == 1);
    Status st = cx.ws.save_target(t);
    if (!st) cx.report_error(st.error());
    else ui.target_message = tr(S::planning_target_saved);
  }
  ImGui::EndDisabled();
  if (!ui.target_message.empty()) ImGui::TextDisabled("%s", ui.target_message.c_str());
  if (!ui.target) {
    ImGui::TextDisabled("%s", tr(S::planning_target_none));
    return;
  }
  const TargetSplit& t = *ui.target;
  const Lang lang = language();
  const S basis_word = t.basis == "stored" ? S::planning_basis_stored
                       : t.basis == "forecast" ? S::planning_basis_forecast
                       : t.basis == "even" ? S::planning_basis_even
                                           : S::planning_basis_last_year;
  figure(S::planning_target_total, format_money(t.total, lang), S::planning_tip_target_total);
  ImGui::SameLine();
  figure(S::planning_target_basis, tr(basis_word), S::planning_tip_target_basis);
  figure(S::planning_actual_to_date, format_money(t.actual_to_date, lang), S::planning_tip_actual_to_date);
  ImGui::SameLine();
  figure(S::planning_target_to_date, format_money(t.target_to_date, lang), S::planning_tip_target_to_date);
  ImGui::SameLine();
  figure(S::planning_needed_per_day,
         t.needed_per_day > 0 ? format_money(static_cast<Money>(std::llround(t.needed_per_day)), lang)
                              : std::string(tr(t.remaining_days > 0 ? S::planning_target_reached : S::planning_year_over)),
         S::planning_tip_needed_per_day);
  draw_target_tables(t);
}

}  // namespace

void open_purchase_orders_file(Workspace& ws, PlanningUi& ui, const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    ui.po_message = path;
    return;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  const size_t slash = path.find_last_of("/\\");
  import_po_text(ws, ui, ss.str(), slash == std::string::npos ? path : path.substr(slash + 1));
}

void draw_planning_panel(PanelContext& cx, PlanningUi& ui) {
  title(tr(S::nav_planning));
  if (!ImGui::BeginTabBar("planning_tabs")) return;
  const S tabs[6] = {S::planning_tab_portfolio, S::planning_tab_forecast, S::planning_tab_reorder,
                     S::planning_tab_pos,       S::planning_tab_suppliers, S::planning_tab_targets};
  using Draw = void (*)(PanelContext&, PlanningUi&);
  const Draw draw[6] = {draw_portfolio, draw_forecast, draw_reorder, draw_purchase_orders, draw_suppliers, draw_targets};
  const int request = ui.tab_request;
  ui.tab_request = -1;
  for (int i = 0; i < 6; ++i) {
    const ImGuiTabItemFlags f = request == i ? ImGuiTabItemFlags_SetSelected : 0;
    if (tab_item(tabs[i], f)) {  // an id of its own: a language switch keeps the tab (#9 item 10)
      ui.tab = i;
      draw[i](cx, ui);
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

}  // namespace shopkeeper::ui
