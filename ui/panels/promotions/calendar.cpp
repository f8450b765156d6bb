// Promotions panel, calendar tab: the festival calendar by month, and for a campaign the plan,
// its simulation (uplift, break-even) and, once past, its evaluation against the sales history.
#include "ui/i18n/issues.h"
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
#include "ui/widgets/fit_table.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::promo_panel {

// ---- calendar and planner -----------------------------------------------------------------------

void load_history(PromoCalendarUi& c, const PanelContext& cx, const PromoData& d) {
  if (c.revision == d.revision) return;
  c.revision = d.revision;
  c.key.clear();
  const Dataset& ds = cx.ws.dataset();
  DayRange data = ds.order_days();
  c.has_data = data.length() > 0;
  c.history.clear();
  if (!c.has_data) return;
  c.last_data_day = data.last;
  Day last = data.last;
  for (const auto& cp : d.campaigns) last = std::max(last, cp.window.last + 14);
  c.history = promo::daily_sales_from_dataset(ds, DayRange{data.first, last});
}

const promo::Campaign* find_campaign(const PromoData& d, const std::string& id) {
  for (const auto& c : d.campaigns)
    if (c.id == id) return &c;
  return nullptr;
}

void recompute_campaign(PromoCalendarUi& c, const PromoData& d) {
  const promo::Campaign* cp = find_campaign(d, c.selected);
  std::string key = std::to_string(d.revision) + "|" + c.selected + "|" + c.uplift + "|" + c.discount + "|" + c.budget;
  if (!cp || key == c.key) return;
  c.key = key;
  c.sim.reset();
  c.eval.reset();
  c.sim_error.clear();
  c.eval_error.clear();
  if (!c.has_data) {
    c.sim_error = tr(S::promotions_no_history);
    return;
  }
  promo::Campaign x = *cp;
  auto up = parse_money(c.uplift), disc = parse_money(c.discount), budget = parse_money(c.budget);
  if (!up || !disc || !budget) {
    c.sim_error = tr(S::promotions_plan_inputs_invalid);
    return;
  }
  x.uplift_bp = *up;
  x.discount_bp = *disc;
  x.budget = *budget;
  // A campaign after the data: its look-back uses the last 4 weeks of data for the missing days.
  auto planned = promo::carry_forward(c.history, c.last_data_day, 4);
  if (auto s = promo::simulate(planned, x)) c.sim = std::move(*s);
  else c.sim_error = error_text(s.error(), language());
  c.past = cp->window.last <= c.last_data_day;
  if (c.past) {
    c.after_days = std::clamp(c.last_data_day - cp->window.last, 0, 14);
    promo::Campaign actual = *cp;  // judged with its recorded budget
    std::vector<promo::DailySales> upto;
    for (const auto& s : c.history)
      if (s.day <= c.last_data_day) upto.push_back(s);
    if (auto e = promo::evaluate_campaign(upto, actual, 4, c.after_days)) c.eval = std::move(*e);
    else c.eval_error = error_text(e.error(), language());
  }
}

void select_campaign(PromoCalendarUi& c, const promo::Campaign& cp) {
  c.selected = cp.id;
  if (c.inputs_for != cp.id) {
    c.inputs_for = cp.id;
    set_buf(c.uplift, pct_text(cp.uplift_bp));
    set_buf(c.budget, money_to_decimal(cp.budget));
  }
}

namespace {

// A selectable whose label wraps at the cell's edge instead of running past it (a campaign's
// name in a day of the month).
bool wrapped_selectable(const char* label, bool selected) {
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 text = ImGui::CalcTextSize(label, nullptr, false, w);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::Selectable("##pick", selected, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(w, text.y));
  ImGui::SetCursorScreenPos(at);
  ImGui::PushTextWrapPos(0.0f);  // the cell's right edge, as `w`
  ImGui::TextUnformatted(label);
  ImGui::PopTextWrapPos();
  return clicked;
}

}  // namespace

void draw_month(PromoCalendarUi& c, const PromoData& d) {
  Lang lang = language();
  if (ImGui::ArrowButton("prev", ImGuiDir_Left)) {
    if (--c.month < 1) c.month = 12, --c.year;
  }
  ImGui::SameLine();
  std::string title_buf;
  title_buf = strf(zh() ? "%d年%d月" : "%d-%02d", c.year, c.month);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title_buf.c_str());
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right)) {
    if (++c.month > 12) c.month = 1, ++c.year;
  }
  Day first = days_from_civil(c.year, c.month, 1);
  Day last = first + days_in_month(c.year, c.month) - 1;
  auto fests = promo::festivals_between(DayRange{first, last});
  const S wd[] = {S::promotions_wd_mon, S::promotions_wd_tue, S::promotions_wd_wed, S::promotions_wd_thu, S::promotions_wd_fri, S::promotions_wd_sat, S::promotions_wd_sun};
  if (!ImGui::BeginTable("month", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) return;
  for (S s : wd) ImGui::TableSetupColumn(tr(s));
  ImGui::TableHeadersRow();
  Day start = first - weekday(first);
  float cell_h = ImGui::GetTextLineHeightWithSpacing() * 3.6f;
  for (Day w = start; w <= last; w += 7) {
    ImGui::TableNextRow(0, cell_h);
    for (Day dd = w; dd < w + 7; ++dd) {
      ImGui::TableNextColumn();
      if (dd < first || dd > last) continue;
      ImGui::PushID(dd);
      ImGui::TextDisabled("%d", civil_from_days(dd).d);
      // Festival and campaign names wrap inside the day's cell, each on its own line, so a
      // narrow month (1024x700) shows them whole (issue #9 item 9).
      for (size_t i = 0; i < fests.size(); ++i) {
        const auto& f = fests[i];
        if (!f.window.contains(dd)) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(palette(static_cast<int>(i) + 2)));
        text_wrapped(dd == f.day ? "● %s" : "%s", zh() ? f.name_zh.c_str() : f.name_en.c_str());
        ImGui::PopStyleColor();
        tooltip_target();
        if (ImGui::IsItemHovered()) {
          ImGui::BeginTooltip();
          if (zh()) ImGui::TextUnformatted(f.name_zh.c_str());  // no English name in the Chinese UI
          else ImGui::Text("%s / %s", f.name_zh.c_str(), f.name_en.c_str());
          ImGui::Text("%s: %s", tr(S::promotions_peak_day), format_date(f.day, lang).c_str());
          ImGui::Text("%s: %s – %s", tr(S::promotions_suggested_window), format_date(f.window.first, lang).c_str(),
                      format_date(f.window.last, lang).c_str());
          ImGui::EndTooltip();
        }
      }
      for (const auto& cp : d.campaigns) {
        if (!cp.window.contains(dd)) continue;
        bool sel = cp.id == c.selected;
        ImGui::PushID(cp.id.c_str());
        if (wrapped_selectable(cp.name.c_str(), sel)) select_campaign(c, cp);
        ImGui::PopID();
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// Long on purpose (over ~120 lines): the campaign plan as one ImGui layout (inputs, simulation,
// evaluation) sharing the campaign's cached figures.
void draw_plan(PromoCalendarUi& c, const PromoData& d) {
  Lang lang = language();
  const promo::Campaign* cp = find_campaign(d, c.selected);
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  ImGui::TextUnformatted(tr(S::promotions_campaigns));
  if (d.campaigns.empty()) ImGui::TextDisabled("%s", tr(S::promotions_no_campaigns));
  else if (begin_fit_table("camps", 4, tf, ImVec2(0, ImGui::GetFontSize() * 8))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (S s : {S::promotions_f_name, S::promotions_col_window, S::promotions_col_budget, S::promotions_col_target}) ImGui::TableSetupColumn(tr(s));
    const S tips[] = {S::count_, S::count_, S::promotions_tip_budget, S::promotions_tip_target};
    header_row(4, tips);
    int sel = -1;
    for (size_t i = 0; i < d.campaigns.size(); ++i)
      if (d.campaigns[i].id == c.selected) sel = static_cast<int>(i);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(d.campaigns.size()));
    if (c.scroll_to_selected && sel >= 0) clip.ForceDisplayRangeByIndices(sel, sel + 1);
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const auto& x = d.campaigns[static_cast<size_t>(i)];
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (c.scroll_to_selected && i == sel) {
          ImGui::SetScrollHereY(0.5f);
          c.scroll_to_selected = false;
        }
        if (ImGui::Selectable(x.name.c_str(), x.id == c.selected, ImGuiSelectableFlags_SpanAllColumns)) {
          select_campaign(c, x);
          Ymd y = civil_from_days(x.window.first);
          c.year = y.y;
          c.month = y.m;
        }
        ImGui::TableNextColumn();
        ImGui::Text("%s – %s", format_date_short(x.window.first, lang).c_str(), format_date(x.window.last, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money_compact(x.budget, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(x.target_sales ? format_money_compact(x.target_sales, lang).c_str() : "—");
        ImGui::PopID();
      }
    end_fit_table();
  }
  if (!cp) return;
  recompute_campaign(c, d);
  ImGui::Separator();
  ImGui::Text("%s  (%s – %s)", cp->name.c_str(), format_date(cp->window.first, lang).c_str(), format_date(cp->window.last, lang).c_str());
  // The three inputs, each with its label, wrap onto a new line in a narrow plan column (1024 px
  // wide in English: one line was 15 px wider than the column and cut the budget field).
  const float em = ImGui::GetFontSize();
  auto labelled_input = [&](bool first, S label, const char* id, std::string& value, float width, S tip) {
    const float w = ImGui::CalcTextSize(tr(label)).x + ImGui::GetStyle().ItemSpacing.x + width;
    if (!first) same_line_if_fits(w);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(label));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    input_text(id, value);
    item_tooltip(tr(tip));
  };
  labelled_input(true, S::promotions_uplift_pct, "##up", c.uplift, em * 4, S::promotions_tip_uplift);
  labelled_input(false, S::promotions_discount_pct, "##disc", c.discount, em * 4, S::promotions_tip_discount_pct);
  labelled_input(false, S::promotions_col_budget, "##budget", c.budget, em * 6, S::promotions_tip_budget);
  if (!c.sim_error.empty()) ImGui::TextColored(red(), "%s", c.sim_error.c_str());
  if (c.sim) {
    const promo::Simulation& s = *c.sim;
    ImGui::TextDisabled("%s", tr(S::promotions_simulation));
    help_marker(tr(S::promotions_tip_simulation));
    figure(tr(S::promotions_baseline_sales), money(s.baseline_sales), tr(S::promotions_tip_baseline_sales));
    figure_next(tr(S::promotions_projected_sales), money(s.sales), tr(S::promotions_tip_projected_sales));
    figure_next(tr(S::promotions_discount_cost), money(s.discount_cost), tr(S::promotions_tip_discount_cost));
    ImVec4 pc = s.incremental_profit < 0 ? red() : green();
    figure(tr(S::promotions_profit_after_budget), money(s.profit), tr(S::promotions_tip_profit_after_budget));
    figure_next(tr(S::promotions_incremental_profit), money(s.incremental_profit), tr(S::promotions_tip_incremental_profit), &pc);
    figure_next(tr(S::promotions_break_even_uplift), s.break_even_uplift_bp ? bp_text(*s.break_even_uplift_bp) : std::string(tr(S::promotions_none_exists)),
           tr(S::promotions_tip_break_even));
    if (cp->target_sales > 0) {
      ImVec4 tc = s.meets_target ? green() : red();
      figure(tr(S::promotions_col_target), std::string(money(cp->target_sales)) + "  " + (s.meets_target ? tr(S::promotions_target_met) : tr(S::promotions_target_missed)),
             tr(S::promotions_tip_target), &tc);
    }
    std::vector<Day> x;
    LineSeries base, proj;
    base.label = tr(S::promotions_baseline_sales);
    base.color = IM_COL32(120, 120, 140, 255);
    base.dashed = true;
    proj.label = tr(S::promotions_projected_sales);
    for (const auto& dp : s.days) {
      x.push_back(dp.day);
      base.y.push_back(static_cast<double>(dp.baseline_sales));
      proj.y.push_back(static_cast<double>(dp.sales));
    }
    line_chart("sim", ImVec2(0, ImGui::GetFontSize() * 8), x, {proj, base},
               [](double v) { return format_money_compact(static_cast<Money>(std::llround(v)), language()); }, lang);
  }
  if (c.past) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(S::promotions_evaluation));
    help_marker(tr(S::promotions_tip_evaluation));
    if (!c.eval_error.empty()) ImGui::TextColored(red(), "%s", c.eval_error.c_str());
    if (c.eval) {
      const promo::Evaluation& e = *c.eval;
      figure(tr(S::promotions_actual_sales), money(e.sales), tr(S::promotions_tip_actual_sales));
      figure_next(tr(S::promotions_baseline_sales), money(e.baseline_sales), tr(S::promotions_tip_baseline_sales));
      ImVec4 lc = e.sales_lift_bp < 0 ? red() : green();
      figure_next(tr(S::promotions_sales_lift), format_change(static_cast<double>(e.sales_lift_bp) / 10000.0), tr(S::promotions_tip_sales_lift), &lc);
      figure(tr(S::promotions_actual_profit), money(e.profit), tr(S::promotions_tip_actual_profit));
      figure_next(tr(S::promotions_baseline_profit), money(e.baseline_profit), tr(S::promotions_tip_baseline_profit));
      figure_next(tr(S::promotions_discount_cost), money(e.discount_cost), tr(S::promotions_tip_discount_given));
      ImVec4 ic = e.incremental_profit < 0 ? red() : green();
      figure(tr(S::promotions_incremental_profit), money(e.incremental_profit), tr(S::promotions_tip_eval_incremental), &ic);
      figure_next(tr(S::promotions_roi), e.roi_bp ? format_change(static_cast<double>(*e.roi_bp) / 10000.0) : std::string("—"), tr(S::promotions_tip_roi));
      std::string nc;
      nc = strf("%lld (%+lld)", static_cast<long long>(e.new_customers), static_cast<long long>(e.new_customers_gained));
      figure_next(tr(S::promotions_new_customers), nc, tr(S::promotions_tip_new_customers));
      if (c.after_days > 0) {
        std::string lbl;
        lbl = strf(tr(S::promotions_after_fmt), c.after_days);
        ImVec4 ac = e.after_lift_bp < 0 ? red() : green();
        figure(lbl.c_str(), format_change(static_cast<double>(e.after_lift_bp) / 10000.0) + "  (" + money(e.after_sales) + " / " +
                        money(e.after_baseline_sales) + ")",
               tr(S::promotions_tip_after), &ac);
      } else {
        ImGui::TextDisabled("%s", tr(S::promotions_no_after_days));
      }
    }
  }
}

void draw_calendar_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  PromoCalendarUi& c = *pu.calendar;
  load_history(c, cx, d);
  Day anchor = c.has_data ? c.last_data_day : cx.platform.today();
  if (c.year == 0) {
    // Open on the next campaign after the data (what is being planned), else the month of the data's end.
    const promo::Campaign* next = nullptr;
    for (const auto& x : d.campaigns)
      if (x.window.last > anchor && (!next || x.window.first < next->window.first)) next = &x;
    if (!next && !d.campaigns.empty()) next = &d.campaigns.back();
    Ymd y = civil_from_days(next ? next->window.first : anchor);
    c.year = y.y;
    c.month = y.m;
    if (next) select_campaign(c, *next);
    c.scroll_to_selected = true;
  }
  if (ImGui::BeginTable("cal", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("m", 0, 1.15f);
    ImGui::TableSetupColumn("p", 0, 1.0f);
    ImGui::TableNextColumn();
    draw_month(c, d);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    text_wrapped("%s", tr(S::promotions_calendar_note));
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    draw_plan(c, d);
    ImGui::EndTable();
  }
}

}  // namespace shopkeeper::ui::promo_panel
