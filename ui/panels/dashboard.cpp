// Dashboard: KPI cards with change and sparkline, the trend of the chosen metric with its
// comparison, why sales and gross profit changed, and tabs for breakdowns, funnel, sources with
// ad spend, cohorts, alerts and the daily check-list. Every figure comes from core/analytics;
// results are cached per (revision, query) in DashboardUi.
#include <imgui.h>

#include <cmath>
#include <functional>
#include <cstdio>

#include "core/analytics/alerts.h"
#include "core/analytics/breakdown.h"
#include "core/analytics/checklist.h"
#include "core/analytics/export.h"
#include "core/analytics/cohorts.h"
#include "core/analytics/decomposition.h"
#include "core/analytics/funnel.h"
#include "core/analytics/kpi.h"
#include "core/analytics/sources.h"
#include "core/promotions/calendar.h"
#include "core/promotions/upcoming.h"
#include "core/io/table.h"
#include "core/store/checklist_store.h"
#include "ui/i18n/checklist_words.h"
#include "ui/i18n/decomposition_words.h"
#include "ui/i18n/format.h"
#include "ui/i18n/metric_words.h"
#include "ui/i18n/names.h"
#include "ui/panels/dashboard.h"
#include "ui/sections.h"  // Section ids (the coverage note links to the products)
#include "ui/widgets/charts.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

struct DashboardCache {
  KpiResult kpi;
  Explanation why;
  Trend trend;
  Breakdown breakdown;
  Funnel funnel;
  SourcesReport sources;
  CohortMatrix cohorts;
  std::vector<Alert> alerts;
  std::vector<AlertMonth> alert_months;  // the closing note: alerts and expected peaks per month
  std::vector<ChecklistItem> checklist;
  Day checklist_day = 0;
  Day today = 0;  // the calendar day (promotions starting tomorrow are about the real tomorrow)
};

namespace {

constexpr Metric kCards[] = {Metric::sales,         Metric::net_sales,       Metric::gross_profit,
                             Metric::gross_margin,  Metric::valid_orders,    Metric::aov,
                             Metric::visitors,      Metric::conversion_rate, Metric::customers,
                             Metric::new_customers, Metric::repurchase_rate, Metric::refund_rate_amount};

bool zh() { return language() == Lang::zh_CN; }
const char* label(const MetricDef& d) { return metric_label(d.metric, language()); }
const char* definition(const MetricDef& d) { return metric_definition(d.metric, language()); }

std::string fmt_metric(Metric m, double v, bool compact) {
  if (!std::isfinite(v)) return "—";
  Lang lang = language();
  switch (metric_def(m).unit) {
    case MetricUnit::money: {
      Money mm = static_cast<Money>(std::llround(v));
      return compact ? format_money_compact(mm, lang) : format_money(mm, lang);
    }
    case MetricUnit::count: {
      int64_t c = static_cast<int64_t>(std::llround(v));
      return compact ? format_int_compact(c, lang) : format_int(c, lang);
    }
    case MetricUnit::rate: return format_percent(v, 2);
    case MetricUnit::seconds: {
      std::string b;
      int s = static_cast<int>(std::lround(v));
      b = strf(zh() ? "%d分%02d秒" : "%dm %02ds", s / 60, s % 60);
      return b;
    }
    case MetricUnit::ratio: {
      std::string b;
      b = strf("%.2f", v);
      return b;
    }
  }
  return "—";
}

ValueFormatter formatter(Metric m) {
  return [m](double v) { return fmt_metric(m, v, true); };
}
ValueFormatter money_fmt() {
  return [](double v) { return format_money_compact(static_cast<Money>(std::llround(v)), language()); };
}

ImVec4 change_color(double change, bool higher_is_better) {
  if (!std::isfinite(change) || change == 0) return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  bool good = (change > 0) == higher_is_better;
  return good ? ImVec4(0.15f, 0.55f, 0.25f, 1) : ImVec4(0.8f, 0.2f, 0.15f, 1);
}

Compare compare_of(int c) { return c == 0 ? Compare::none : c == 2 ? Compare::yoy : Compare::previous; }

void recompute(PanelContext& cx, DashboardUi& ui) {
  // All shops, or the chosen shop's orders, refunds and traffic only (ui/panels/shops.h).
  const Dataset& ds = shops_dataset(cx, ui.shops);
  DayRange r = cx.range;
  std::string key;
  key = strf("%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%lld", r.first, r.last, ui.compare, ui.channel, ui.source,
                ui.selected_metric, ui.grain, ui.dimension, ui.bottom ? 1 : 0, cx.platform.today(),
                static_cast<long long>(ui.shops.shop));
  if (ui.cache && ui.cached_revision == ds.revision && ui.cached_key == key) return;
  auto c = std::make_shared<DashboardCache>();
  KpiQuery kq{r, compare_of(ui.compare), ui.channel, ui.source};
  c->kpi = compute_kpis(ds, kq);
  c->why = explain(c->kpi);
  TrendQuery tq{r, static_cast<Grain>(ui.grain), ui.channel, ui.source};
  c->trend = compute_trend(ds, tq);
  BreakdownQuery bq;
  bq.range = r;
  bq.compare = kq.compare == Compare::none ? Compare::previous : kq.compare;
  bq.dimension = static_cast<Dimension>(ui.dimension);
  bq.top_n = 50;
  bq.bottom = ui.bottom;
  bq.channel = ui.channel;
  bq.source = ui.source;
  c->breakdown = compute_breakdown(ds, bq);
  c->funnel = compute_funnel(ds, FunnelQuery{r, ui.channel});
  c->sources = compute_sources(ds, SourcesQuery{r, ui.channel});
  CohortQuery cq;
  cq.range = DayRange{r.last - 365, r.last};
  c->cohorts = compute_cohorts(ds, cq);
  AlertQuery aq;
  aq.range = r;
  aq.channel = ui.channel;
  aq.source = ui.source;
  // Festivals, campaigns and promotion windows are expected peaks, not alerts (issue #10).
  if (auto peaks = cx.ws.expected_peaks(r, 7 * aq.weeks)) aq.expected = std::move(*peaks);
  c->alerts = detect_alerts(ds, aq);
  c->alert_months = alerts_by_month(c->alerts);
  // The check-list is about "yesterday" of the data: the day after the last order day, so an
  // imported history that ended months ago still gets a meaningful list.
  DayRange all = ds.order_days();
  c->checklist_day = all.length() > 0 ? std::min(cx.platform.today(), all.last + 1) : cx.platform.today();
  ChecklistQuery chq;
  chq.today = c->checklist_day;
  c->checklist = daily_checklist(ds, chq);
  c->today = cx.platform.today();
  ui.cache = std::move(c);
  ui.cached_revision = ds.revision;
  ui.cached_key = key;
}

void draw_filters(PanelContext& cx, DashboardUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::dashboard_compare_with));
  ImGui::SameLine();
  const char* cmp[] = {tr(S::dashboard_compare_none), tr(S::dashboard_compare_previous), tr(S::dashboard_compare_yoy)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  ImGui::Combo("##compare", &ui.compare, cmp, 3);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  const Lang lang = language();
  if (ImGui::BeginCombo("##channel", ui.channel < 0 ? tr(S::dashboard_all_channels)
                                                    : source_label(ds.channels.names[static_cast<size_t>(ui.channel)], lang).c_str())) {
    if (ImGui::Selectable(tr(S::dashboard_all_channels), ui.channel < 0)) ui.channel = -1;
    for (int i = 0; i < ds.channels.size(); ++i)
      if (ImGui::Selectable(source_label(ds.channels.names[static_cast<size_t>(i)], lang).c_str(), ui.channel == i))
        ui.channel = static_cast<int16_t>(i);
    ImGui::EndCombo();
  }
  item_tooltip(tr(S::dashboard_channel));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::BeginCombo("##source", ui.source < 0 ? tr(S::dashboard_all_sources)
                                                  : source_label(ds.sources.names[static_cast<size_t>(ui.source)], lang).c_str())) {
    if (ImGui::Selectable(tr(S::dashboard_all_sources), ui.source < 0)) ui.source = -1;
    for (int i = 0; i < ds.sources.size(); ++i)
      if (ImGui::Selectable(source_label(ds.sources.names[static_cast<size_t>(i)], lang).c_str(), ui.source == i))
        ui.source = static_cast<int16_t>(i);
    ImGui::EndCombo();
  }
  item_tooltip(tr(S::dashboard_source));
  draw_shop_filter(cx, ui.shops);
}

std::string range_suffix(DayRange r) { return "-" + format_day(r.first) + "-" + format_day(r.last); }

// What gross profit covers (issue #10): the share of net sales with a known cost and the lines
// left out, with a way to the products to fill their costs in; and the sales that are not products.
void draw_coverage_note(PanelContext& cx, const Totals& t) {
  const Lang lang = language();
  if (t.valid_orders > 0 && t.lines_without_cost > 0) {
    const double cov = metric_value(t, Metric::gross_profit_coverage);
    if (!t.has_gross_profit())
      ImGui::TextDisabled(tr(S::dashboard_gp_no_cost_fmt), format_int(t.lines_without_cost, lang).c_str());
    else
      ImGui::TextDisabled(tr(S::dashboard_gp_coverage_fmt), format_percent(std::isfinite(cov) ? cov : 0, 0).c_str(),
                          format_int(t.lines_without_cost, lang).c_str());
    same_line_if_fits(button_width(tr(S::dashboard_fill_in_costs)));
    if (ImGui::SmallButton(tr(S::dashboard_fill_in_costs))) cx.navigate(Section::products);
    item_tooltip(tr(S::dashboard_tip_fill_in_costs));
  }
  if (t.shipping_lines != 0 || t.fee_lines != 0 || t.adjustment_lines != 0)
    ImGui::TextDisabled(tr(S::dashboard_non_merch_fmt), format_money(t.shipping_lines, lang).c_str(),
                        format_money(t.fee_lines, lang).c_str(), format_money(t.adjustment_lines, lang).c_str());
}

void draw_cards(PanelContext& cx, DashboardUi& ui) {
  const KpiResult& k = ui.cache->kpi;
  float avail = ImGui::GetContentRegionAvail().x;
  float card_w = std::max(ImGui::GetFontSize() * 12.5f, (avail - 5 * 8.0f) / 6.0f);  // the value at 1.3x fits (#9 item 9)
  int per_row = std::max(1, static_cast<int>((avail + 8) / (card_w + 8)));
  int i = 0;
  for (Metric m : kCards) {
    const MetricDef& d = metric_def(m);
    if (i % per_row != 0) ImGui::SameLine();
    ImGui::PushID(d.name);
    bool selected = ui.selected_metric == static_cast<int>(m) || (ui.selected_metric < 0 && m == Metric::sales);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, selected ? ImGui::GetStyleColorVec4(ImGuiCol_Header) : ImGui::GetStyleColorVec4(ImGuiCol_ChildBg));
    ImGui::BeginChild("##card", ImVec2(card_w, ImGui::GetFontSize() * 5.6f), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextDisabled("%s", label(d));
    double v = k.get(m);
    // No costed line: the card says the cost is unknown instead of a number (issue #10).
    const bool cost_unknown = (m == Metric::gross_profit || m == Metric::gross_margin) && !std::isfinite(v) &&
                              k.current.valid_orders > 0;
    ImGui::SetWindowFontScale(1.3f);
    ImGui::TextUnformatted(cost_unknown ? tr(S::dashboard_cost_unknown) : fmt_metric(m, v, true).c_str());
    ImGui::SetWindowFontScale(1.0f);
    if (k.query.compare != Compare::none) {
      bool rate = d.unit == MetricUnit::rate;
      double ch = rate ? k.delta(m) : k.change(m);
      std::string s;
      if (rate && std::isfinite(ch)) {
        s = format_points(ch);
      } else {
        s = format_change(ch);
      }
      ImGui::TextColored(change_color(ch, d.higher_is_better), "%s", s.c_str());
      ImGui::SameLine();
    }
    sparkline("spark", k.series[static_cast<size_t>(m)], ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize()),
              palette(0));
    ImGui::EndChild();
    ImGui::PopStyleColor();
    tooltip_target();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
      wrapped_text(definition(d));
      ImGui::Separator();
      text_wrapped("%s: %s", tr(S::dashboard_current_period), fmt_metric(m, v, false).c_str());
      if (k.query.compare != Compare::none)
        text_wrapped("%s (%s – %s): %s", tr(S::dashboard_comparison_period), format_date(k.compare_range.first, language()).c_str(),
                    format_date(k.compare_range.last, language()).c_str(), fmt_metric(m, k.before(m), false).c_str());
      text_wrapped_disabled("%s", tr(S::dashboard_click_for_trend));
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (ImGui::IsItemClicked()) ui.selected_metric = static_cast<int>(m);
    ImGui::PopID();
    ++i;
  }
  draw_coverage_note(cx, k.current);
}

void draw_trend(PanelContext& cx, DashboardUi& ui) {
  const DashboardCache& c = *ui.cache;
  Metric m = ui.selected_metric < 0 ? Metric::sales : static_cast<Metric>(ui.selected_metric);
  const MetricDef& d = metric_def(m);
  ImGui::Text("%s: %s", tr(S::dashboard_trend_of), label(d));
  ImGui::SameLine();
  ImGui::RadioButton(tr(S::dashboard_grain_day), &ui.grain, 0);
  ImGui::SameLine();
  ImGui::RadioButton(tr(S::dashboard_grain_week), &ui.grain, 1);
  ImGui::SameLine();
  ImGui::RadioButton(tr(S::dashboard_grain_month), &ui.grain, 2);
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  // Two downloads side by side: each says what it holds (issue #10).
  cx.export_buttons("kpis" + range_suffix(c.kpi.query.range), [&] { return kpi_table(c.kpi); },
                    tr(S::dashboard_export_what_kpis));
  ImGui::SameLine(0, ImGui::GetFontSize());
  cx.export_buttons(std::string("trend-") + (ui.grain == 0 ? "day" : ui.grain == 1 ? "week" : "month") +
                        range_suffix(c.trend.query.range),
                    [&] { return trend_table(c.trend); },
                    tr(ui.grain == 0   ? S::dashboard_export_what_trend_day
                       : ui.grain == 1 ? S::dashboard_export_what_trend_week
                                       : S::dashboard_export_what_trend_month));
  std::vector<LineSeries> series;
  LineSeries now;
  now.label = tr(S::dashboard_current_period);
  for (size_t i = 0; i < c.trend.buckets.size(); ++i) now.y.push_back(c.trend.value(m, i));
  series.push_back(now);
  if (ui.grain == 0 && c.kpi.query.compare != Compare::none) {
    LineSeries before;
    before.label = tr(S::dashboard_comparison_period);
    before.color = IM_COL32(120, 120, 140, 255);
    before.dashed = true;
    for (const Totals& t : c.kpi.compare_daily) before.y.push_back(metric_value(t, m));
    series.push_back(before);
  }
  line_chart("trend", ImVec2(0, ImGui::GetFontSize() * 14), c.trend.bucket_start, series, formatter(m), language());
}

void draw_decomposition(const Decomposition& d) {
  const std::string sentence = decomposition_sentence(d, language());
  ImGui::PushTextWrapPos(0);
  wrapped_text(sentence.c_str());
  ImGui::PopTextWrapPos();
  if (!d.ok) return;
  // Two labelled numbers per factor, the same as in the sentence and the export (issue #10): its
  // own change as on its card (% or percentage points), and its share of the whole change (the
  // bar; the shares add up to 100%).
  auto own = [](const Factor& f) { return f.rate ? format_points(f.own_change) : format_change(f.own_change); };
  std::vector<Bar> bars;
  for (const Factor& f : d.factors) {
    Bar b;
    b.label = std::string(factor_label(f.key, language())) + "  " + own(f);
    b.value = f.share;
    b.color = f.contribution >= 0 ? IM_COL32(70, 150, 90, 255) : IM_COL32(200, 70, 50, 255);
    bars.push_back(b);
  }
  bar_chart("factors", ImVec2(0, 0), bars, [](double v) { return format_change(v, 0); });
  tooltip_target();
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    if (ImGui::BeginTable("why_tip", 3, ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn(tr(S::dashboard_col_factor));
      ImGui::TableSetupColumn(tr(S::dashboard_col_own_change));
      ImGui::TableSetupColumn(tr(S::dashboard_col_share_of_change));
      ImGui::TableHeadersRow();
      for (const Factor& f : d.factors) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(factor_label(f.key, language()));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(own(f).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_change(f.share, 0).c_str());
      }
      ImGui::EndTable();
    }
    ImGui::EndTooltip();
  }
}

void draw_explanation(PanelContext& cx, DashboardUi& ui) {
  const DashboardCache& c = *ui.cache;
  ImGui::TextUnformatted(tr(S::dashboard_why_changed));
  help_marker(tr(S::dashboard_why_tip));
  if (c.kpi.query.compare != Compare::none) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    cx.export_buttons("why" + range_suffix(c.kpi.query.range), [&] { return decomposition_table(c.why); },
                      tr(S::dashboard_export_what_why));
  }
  if (c.kpi.query.compare == Compare::none) {
    ImGui::TextDisabled("%s", tr(S::dashboard_no_explanation));
    return;
  }
  if (ImGui::BeginTable("why", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label(metric_def(Metric::sales)));
    ImGui::PushID("s");
    draw_decomposition(c.why.sales);
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label(metric_def(Metric::gross_profit)));
    ImGui::PushID("g");
    draw_decomposition(c.why.gross_profit);
    ImGui::PopID();
    ImGui::EndTable();
  }
}

void header_with_tip(int column, const char* tip) {
  ImGui::TableSetColumnIndex(column);
  ImGui::TableHeader(ImGui::TableGetColumnName(column));
  if (tip) item_tooltip(tip);
}

void draw_breakdown(PanelContext& cx, DashboardUi& ui) {
  const Breakdown& b = ui.cache->breakdown;
  const char* dims[] = {tr(S::dashboard_dim_channel), tr(S::dashboard_dim_source), tr(S::dashboard_dim_category), tr(S::dashboard_dim_product), tr(S::dashboard_dim_region)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::Combo("##dim", &ui.dimension, dims, 5);
  ImGui::SameLine();
  int tb = ui.bottom ? 1 : 0;
  ImGui::RadioButton(tr(S::dashboard_top), &tb, 0);
  ImGui::SameLine();
  ImGui::RadioButton(tr(S::dashboard_bottom), &tb, 1);
  ui.bottom = tb == 1;
  ImGui::SameLine();
  cx.export_buttons(std::string("breakdown-") + dimension_name(b.query.dimension) + range_suffix(b.query.range),
                 [&] { return breakdown_table(b); });
  Lang lang = language();
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("bd", 8, flags, ImVec2(0, ImGui::GetFontSize() * 22))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(S::dashboard_col_name), 0, 2.6f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_sales), 0, 1.1f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_share), 0, 0.7f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_change), 0, 0.8f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_orders), 0, 0.7f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_units), 0, 0.7f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_gross_profit), 0, 1.1f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_daily), 0, 1.4f);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  header_with_tip(0, nullptr);
  header_with_tip(1, tr(S::dashboard_tip_bd_sales));
  header_with_tip(2, tr(S::dashboard_tip_bd_share));
  header_with_tip(3, tr(S::dashboard_tip_bd_change));
  header_with_tip(4, nullptr);
  header_with_tip(5, nullptr);
  header_with_tip(6, tr(S::dashboard_tip_bd_gp));
  header_with_tip(7, nullptr);
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(b.rows.size()));
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const BreakdownRow& r = b.rows[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool named = b.query.dimension == Dimension::channel || b.query.dimension == Dimension::source;
      if (r.title.empty()) ImGui::TextUnformatted(named ? source_label(r.name, lang).c_str() : r.name.c_str());
      else ImGui::Text("%s  %s", r.name.c_str(), r.title.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(r.sales, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_percent(r.share).c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(change_color(r.change, true), "%s", format_change(r.change).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(r.orders, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(r.units, lang).c_str());
      ImGui::TableNextColumn();
      if (r.has_gross_profit) ImGui::TextUnformatted(format_money(r.gross_profit, lang).c_str());
      else ImGui::TextDisabled("%s", tr(S::dashboard_cost_unknown));  // no profit shown, not the row's sales
      if (r.has_gross_profit && r.gross_profit_coverage < 0.9995) tooltip_target();
      if (ImGui::IsItemHovered() && r.has_gross_profit && r.gross_profit_coverage < 0.9995)
        ImGui::SetTooltip(tr(S::dashboard_row_coverage_fmt), format_percent(r.gross_profit_coverage, 0).c_str());
      ImGui::TableNextColumn();
      std::vector<double> y(r.daily_sales.begin(), r.daily_sales.end());
      sparkline("sp", y, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize()), palette(1));
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void draw_funnel(PanelContext& cx, DashboardUi& ui) {
  const Funnel& f = ui.cache->funnel;
  cx.export_buttons("funnel" + range_suffix(f.query.range), [&] { return funnel_table(f); });
  std::vector<std::string> steps;
  for (int i = 0; i < kFunnelSteps; ++i) steps.push_back(funnel_step_label(static_cast<FunnelStep>(i), language()));
  std::vector<double> vals(f.overall.count.begin(), f.overall.count.end());
  funnel_chart("funnel", ImVec2(0, ImGui::GetFontSize() * 10), steps, vals, f.overall.worst_step,
               [](double v) { return format_int(static_cast<int64_t>(v), language()); }, tr(S::dashboard_worst_step));
  ImGui::TextUnformatted(tr(S::dashboard_funnel_by_source));
  if (ImGui::BeginTable("fs", 1 + kFunnelSteps, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn(tr(S::dashboard_source));
    for (int i = 0; i < kFunnelSteps; ++i) ImGui::TableSetupColumn(steps[static_cast<size_t>(i)].c_str());
    ImGui::TableHeadersRow();
    for (const FunnelLine& l : f.by_source) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(source_label(l.name, language()).c_str());
      for (int i = 0; i < kFunnelSteps; ++i) {
        ImGui::TableNextColumn();
        std::string s = format_int(l.count[static_cast<size_t>(i)], language());
        if (i > 0) s += " (" + format_percent(l.step_rate[static_cast<size_t>(i)]) + ")";
        if (i == l.worst_step) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.15f, 1), "%s ◀", s.c_str());
        else ImGui::TextUnformatted(s.c_str());
      }
    }
    ImGui::EndTable();
  }
}

void draw_sources(PanelContext& cx, DashboardUi& ui) {
  const SourcesReport& s = ui.cache->sources;
  Lang lang = language();
  cx.export_buttons("sources" + range_suffix(s.query.range), [&] { return sources_table(s); });
  if (!ImGui::BeginTable("src", 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(tr(S::dashboard_source), 0, 1.4f);
  ImGui::TableSetupColumn(tr(S::dashboard_col_visitors));
  ImGui::TableSetupColumn(tr(S::dashboard_col_conv));
  ImGui::TableSetupColumn(tr(S::dashboard_col_sales));
  ImGui::TableSetupColumn(tr(S::dashboard_col_spend));
  ImGui::TableSetupColumn(tr(S::dashboard_col_roas));
  ImGui::TableSetupColumn(tr(S::dashboard_col_cpo));
  ImGui::TableSetupColumn(tr(S::dashboard_col_cpnc));
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  header_with_tip(0, nullptr);
  header_with_tip(1, nullptr);
  header_with_tip(2, tr(S::dashboard_tip_conv));
  header_with_tip(3, tr(S::dashboard_tip_bd_sales));
  header_with_tip(4, nullptr);
  header_with_tip(5, tr(S::dashboard_tip_roas));
  header_with_tip(6, tr(S::dashboard_tip_cpo));
  header_with_tip(7, tr(S::dashboard_tip_cpnc));
  auto row = [&](const SourceRow& r, bool total) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (total) ImGui::TextDisabled("%s", tr(S::dashboard_total));
    else ImGui::TextUnformatted(r.name.empty() ? "—" : source_label(r.name, lang).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_int(r.visitors, lang).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_percent(r.conversion_rate, 2).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_money(r.sales, lang).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.spend > 0 ? format_money(r.spend, lang).c_str() : "—");
    ImGui::TableNextColumn();
    if (r.spend > 0 && std::isfinite(r.roas)) ImGui::Text("%.2f", r.roas);
    else ImGui::TextDisabled("—");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.spend > 0 && std::isfinite(r.cost_per_order) ? format_money(static_cast<Money>(std::llround(r.cost_per_order)), lang).c_str() : "—");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.spend > 0 && std::isfinite(r.cost_per_new_customer) ? format_money(static_cast<Money>(std::llround(r.cost_per_new_customer)), lang).c_str() : "—");
  };
  for (const SourceRow& r : s.rows) row(r, false);
  row(s.total, true);
  ImGui::EndTable();
}

void draw_cohorts(PanelContext& cx, DashboardUi& ui) {
  const CohortMatrix& m = ui.cache->cohorts;
  cx.export_buttons("cohorts-to-" + format_day(m.as_of), [&] { return cohort_table(m); });
  ImGui::SameLine();
  int mode = ui.cohort_revenue ? 1 : 0;
  ImGui::RadioButton(tr(S::dashboard_cohort_retention), &mode, 0);
  ImGui::SameLine();
  ImGui::RadioButton(tr(S::dashboard_cohort_revenue), &mode, 1);
  ui.cohort_revenue = mode == 1;
  help_marker(tr(S::dashboard_cohort_tip));
  std::vector<std::string> rows, cols;
  std::vector<std::vector<double>> vals;
  size_t ncols = 0;
  for (const CohortRow& r : m.rows) {
    std::string b;
    b = strf("%04d-%02d (%lld)", r.year, r.month, static_cast<long long>(r.size));
    rows.push_back(b);
    std::vector<double> v;
    for (const CohortCell& c : r.cells)
      v.push_back(!c.complete && c.active_customers == 0 ? NAN : (ui.cohort_revenue ? c.revenue_per_customer : c.retention));
    ncols = std::max(ncols, v.size());
    vals.push_back(v);
  }
  for (size_t c = 0; c < ncols; ++c) cols.push_back("+" + std::to_string(c));
  ValueFormatter f = ui.cohort_revenue ? money_fmt() : ValueFormatter([](double v) { return format_percent(v, 0); });
  heatmap("cohorts", ImVec2(0, std::max(ImGui::GetFontSize() * 4, ImGui::GetFontSize() * 1.5f * static_cast<float>(rows.size() + 1))),
          rows, cols, vals, f, IM_COL32(214, 92, 38, 255));
}

// The name of an expected peak's occasion in the UI's language: a festival of the calendar by its
// name, the Spring Festival holiday by ours, a campaign or promotion by the name it was given.
std::string occasion_label(const Alert& a) {
  if (a.occasion == "spring_festival") return tr(S::dashboard_spring_festival);
  for (const promo::Festival& f : promo::festivals(civil_from_days(a.day).y))
    if (f.id == a.occasion) return zh() ? f.name_zh : f.name_en;
  return a.occasion;
}

void draw_alerts(PanelContext& cx, DashboardUi& ui) {
  const auto& alerts = ui.cache->alerts;
  cx.export_buttons("alerts" + range_suffix(ui.cache->kpi.query.range),
                 [&] { return alerts_table(alerts, [](const Alert& a, bool zh) { return alert_sentence_plain(a, zh ? Lang::zh_CN : Lang::en); }); });
  ImGui::SameLine();
  help_marker(tr(S::dashboard_alerts_tip));
  if (alerts.empty()) {
    ImGui::TextDisabled("%s", tr(S::dashboard_no_alerts));
    return;
  }
  for (size_t i = 0; i < alerts.size(); ++i) {
    const Alert& a = alerts[i];
    ImGui::PushID(static_cast<int>(i));
    if (a.expected) {  // a festival, campaign or promotion day: expected, shown as such (issue #10)
      ImGui::TextDisabled("%s", "◆");
      ImGui::SameLine();
      ImGui::TextDisabled(tr(S::dashboard_expected_peak_fmt), occasion_label(a).c_str());
    } else {
      ImGui::TextColored(a.direction > 0 ? ImVec4(0.15f, 0.55f, 0.25f, 1) : ImVec4(0.8f, 0.2f, 0.15f, 1), "%s",
                         a.direction > 0 ? "▲" : "▼");
    }
    ImGui::SameLine();
    // Worded here from the figures, money as everywhere in the UI (the prefix names the occasion).
    // Wrapped short of the right edge by the button's width, so the button stays in view.
    const float bw = button_width(tr(S::dashboard_go_to_day)) + ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - bw);
    wrapped_text(alert_sentence(a, language(), "").c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::dashboard_go_to_day))) {
      cx.show_day(a.day);
    }
    test_mark("show_day");
    ImGui::PopID();
  }
  // Closing note: how many alerts and expected peaks each month of the range had.
  ImGui::Separator();
  for (const AlertMonth& m : ui.cache->alert_months) {
    const Ymd y = civil_from_days(m.month_start);
    ImGui::TextDisabled(tr(S::dashboard_alerts_month_fmt), y.y, y.m, static_cast<long long>(m.alerts),
                        static_cast<long long>(m.expected));
  }
}

void draw_checklist(PanelContext& cx, DashboardUi& ui) {
  const DashboardCache& c = *ui.cache;
  ImGui::Text("%s %s", tr(S::dashboard_checklist_for), format_date(c.checklist_day, language()).c_str());
  help_marker(tr(S::dashboard_checklist_tip));
  if (ui.checks_revision != cx.ws.revision() || ui.checks_day != c.checklist_day) {
    ui.checks_revision = cx.ws.revision();
    ui.checks_day = c.checklist_day;
    ui.checks = cx.ws.checked_items(c.checklist_day);
  }
  if (ui.promo_items_revision != cx.ws.revision() || ui.promo_items_day != c.today) {
    ui.promo_items_revision = cx.ws.revision();
    ui.promo_items_day = c.today;
    auto rows = cx.ws.stored_promotions();
    auto products = cx.ws.guard_products();
    promo::StartingOptions so;
    if (products) so.products = &*products;
    so.guard = cx.ws.guard_settings();
    ui.promo_items = rows ? promo::promotions_starting(*rows, c.today + 1, so) : std::vector<ChecklistItem>{};
  }
  std::vector<const ChecklistItem*> items;
  for (const auto& it : c.checklist) items.push_back(&it);
  for (const auto& it : ui.promo_items) items.push_back(&it);
  if (items.empty()) ImGui::TextDisabled("%s", tr(S::dashboard_checklist_empty));
  const Dataset& ds = cx.ws.dataset();
  for (size_t i = 0; i < items.size(); ++i) {
    const ChecklistItem& it = *items[i];
    std::string key = it.key;
    if (it.product >= 0) key += ":" + ds.sku[static_cast<size_t>(it.product)];
    if (!it.ref.empty()) key += ":" + it.ref;
    bool done = ui.checks.count(key) > 0;
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginDisabled(cx.ws.readonly());
    if (ImGui::Checkbox("##done", &done)) {
      Day day = c.checklist_day;
      Status st = cx.ws.write([&](Writer& w) { return set_item_checked(w, day, key, done); }, Workspace::Touches::records);
      if (!st) cx.report_error(st.error());
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImVec4 col = it.severity == Severity::warning ? ImVec4(0.8f, 0.35f, 0.1f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
    if (done) col = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    text_wrapped("%s", checklist_text(it, language()).c_str());
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
}

}  // namespace

const KpiResult& dashboard_kpis(const DashboardUi& ui) {
  static const KpiResult none;
  return ui.cache ? ui.cache->kpi : none;
}

void draw_dashboard_panel(PanelContext& cx, DashboardUi& ui) {
  title(tr(S::nav_dashboard));
  ImGui::SameLine(0, 20);
  draw_filters(cx, ui);
  ImGui::Separator();
  recompute(cx, ui);
  const DashboardCache& c = *ui.cache;
  if (c.kpi.current.orders == 0 && c.kpi.current.visitors == 0) {
    ImGui::TextDisabled("%s", tr(S::dashboard_no_orders_in_range));
  }
  draw_cards(cx, ui);
  if (ui.shops.shop < 0) draw_dashboard_target(cx, ui.target);
  else ImGui::TextDisabled("%s", tr(S::shops_target_all_shops));  // the target is the whole store's
  ImGui::Spacing();
  draw_trend(cx, ui);
  ImGui::Spacing();
  draw_explanation(cx, ui);
  ImGui::Spacing();
  if (ImGui::BeginTabBar("tabs")) {
    if (tab_item(S::dashboard_tab_breakdown)) {
      draw_breakdown(cx, ui);
      ImGui::EndTabItem();
    }
    if (tab_item(S::dashboard_tab_funnel)) {
      draw_funnel(cx, ui);
      ImGui::EndTabItem();
    }
    if (tab_item(S::dashboard_tab_sources)) {
      draw_sources(cx, ui);
      ImGui::EndTabItem();
    }
    if (tab_item(S::dashboard_tab_cohorts)) {
      draw_cohorts(cx, ui);
      ImGui::EndTabItem();
    }
    if (tab_item(S::dashboard_tab_alerts)) {
      draw_alerts(cx, ui);
      ImGui::EndTabItem();
    }
    if (tab_item(S::dashboard_tab_checklist)) {
      draw_checklist(cx, ui);
      ImGui::EndTabItem();
    }
    const bool to_shops = ui.shops_tab_request;
    ui.shops_tab_request = false;
    if (tab_item(S::shops_tab, to_shops ? ImGuiTabItemFlags_SetSelected : 0)) {
      draw_shops_tab(cx, ui.shops);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace shopkeeper::ui
