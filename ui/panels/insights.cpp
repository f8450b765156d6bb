// Insights section: association rules of the range's baskets and an A/B test calculator, from
// core/insights (figures defined in docs/insights.md). Words from ui/i18n/strings_insights.h.
#include "ui/panels/insights.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "ui/i18n/issues.h"
#include "ui/panels/insights/tabs.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {

void recompute_rules(const Dataset& ds, DayRange range, InsightsUi& ui) {
  ui.rules_revision = -2;  // set by the caller
  ui.rules_ok = false;
  ui.rules_error.clear();
  auto s = insights::parse_fraction(ui.support);
  auto c = insights::parse_fraction(ui.confidence);
  if (!s || s->num == 0 || s->num > s->den) {
    ui.rules_error = tr(S::insights_bad_support);
    return;
  }
  if (!c || c->num > c->den) {
    ui.rules_error = tr(S::insights_bad_confidence);
    return;
  }
  insights::BasketQuery bq;
  bq.level = ui.level == 0 ? insights::BasketLevel::sku : insights::BasketLevel::category;
  bq.range = range;
  ui.baskets = insights::store_baskets(ds, bq).baskets;
  if (ui.baskets.size() == 0) {
    ui.rules_error = tr(S::insights_no_baskets);
    return;
  }
  insights::RuleQuery q;
  q.min_support = *s;
  q.min_confidence = *c;
  q.prune = true;
  auto r = insights::mine_rules(ui.baskets, q);
  if (!r) {
    ui.rules_error = error_text(r.error(), language());
    return;
  }
  ui.rules = std::move(*r);
  ui.rules_ok = true;
}

void draw_rules(PanelContext& cx, InsightsUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  ImGui::TextWrapped("%s", tr(S::insights_rules_help));
  const char* levels[] = {tr(S::insights_level_sku), tr(S::insights_level_category)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::Combo(tr(S::insights_level), &ui.level, levels, 2);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  input_text(tr(S::insights_min_support), ui.support);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  input_text(tr(S::insights_min_confidence), ui.confidence);
  if (ui.rules_revision != cx.ws.revision() || !(ui.rules_range == cx.range) || ui.rules_level != ui.level ||
      ui.rules_support != ui.support || ui.rules_confidence != ui.confidence) {
    recompute_rules(ds, cx.range, ui);
    ui.rules_revision = cx.ws.revision();
    ui.rules_range = cx.range;
    ui.rules_level = ui.level;
    ui.rules_support = ui.support;
    ui.rules_confidence = ui.confidence;
  }
  if (!ui.rules_error.empty()) {
    ImGui::TextWrapped("%s", ui.rules_error.c_str());
    return;
  }
  ImGui::TextDisabled(tr(S::insights_n_rules), static_cast<int>(ui.rules.rules.size()), static_cast<long long>(ui.rules.transactions),
                      static_cast<long long>(ui.rules.pruned));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("rules", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(S::insights_col_lhs), 0, 3.0f);
  ImGui::TableSetupColumn(tr(S::insights_col_rhs), 0, 1.5f);
  ImGui::TableSetupColumn(tr(S::insights_col_support), 0, 1.0f);
  ImGui::TableSetupColumn(tr(S::insights_col_confidence), 0, 1.0f);
  ImGui::TableSetupColumn(tr(S::insights_col_lift), 0, 0.8f);
  ImGui::TableSetupColumn(tr(S::insights_col_count), 0, 0.8f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(ui.rules.rules.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const insights::Rule& r = ui.rules.rules[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(insights::itemset_label(ui.baskets, r.lhs).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(insights::itemset_label(ui.baskets, {r.rhs}).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.2f%%", r.support * 100);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f%%", r.confidence * 100);
      ImGui::TableNextColumn();
      ImGui::Text("%.2f", r.lift);
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(r.count));
    }
  ImGui::EndTable();
}

void draw_abtest(PanelContext& cx, InsightsUi& ui) {
  ImGui::TextWrapped("%s", tr(S::insights_ab_help));
  insights_panel::draw_ab_source(cx, ui);
  const S labels[4] = {S::insights_a_visitors, S::insights_a_conversions, S::insights_b_visitors, S::insights_b_conversions};
  for (int i = 0; i < 4; ++i) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt(tr(labels[i]), &ui.ab[i], 0, 0);
    item_tooltip(tr(i % 2 == 0 ? S::insights_tip_ab_visitors : S::insights_tip_ab_conversions));
    if (i == 0) ImGui::SameLine();
    if (i == 2) ImGui::SameLine();
  }
  if (!std::equal(ui.ab, ui.ab + 4, ui.ab_done)) {
    std::copy(ui.ab, ui.ab + 4, ui.ab_done);
    insights::AbInput in;
    in.a_visitors = ui.ab[0];
    in.a_conversions = ui.ab[1];
    in.b_visitors = ui.ab[2];
    in.b_conversions = ui.ab[3];
    InputIssue why;
    auto r = insights::ab_test(in, &why);
    ui.ab_ok = r.ok();
    if (r) ui.ab_result = *r;
    else ui.ab_error = error_text(r.error(), why, language());
  }
  if (!ui.ab_ok) {
    ImGui::TextWrapped("%s", ui.ab_error.c_str());
    return;
  }
  const insights::AbResult& r = ui.ab_result;
  ImGui::Separator();
  ImGui::Text(tr(S::insights_ab_rates), r.a.rate * 100, r.a.wilson_lo * 100, r.a.wilson_hi * 100, r.b.rate * 100, r.b.wilson_lo * 100,
              r.b.wilson_hi * 100);
  item_tooltip(tr(S::insights_tip_ab_rates));
  ImGui::Text(tr(S::insights_ab_tests), r.z_p_value, r.fisher_p_value, r.prob_b_beats_a * 100);
  item_tooltip(tr(S::insights_tip_ab_tests));
  if (r.sample_size_per_arm >= 0) {
    ImGui::Text(tr(S::insights_ab_sample), static_cast<long long>(r.sample_size_per_arm));
    item_tooltip(tr(S::insights_tip_ab_sample));
  }
  switch (r.verdict) {
    case insights::AbVerdict::b_better: ImGui::TextWrapped("%s", tr(S::insights_verdict_b)); break;
    case insights::AbVerdict::a_better: ImGui::TextWrapped("%s", tr(S::insights_verdict_a)); break;
    case insights::AbVerdict::no_difference: ImGui::TextWrapped("%s", tr(S::insights_verdict_same)); break;
    case insights::AbVerdict::keep_running: ImGui::TextWrapped(tr(S::insights_verdict_run), static_cast<long long>(r.more_visitors_b)); break;
    case insights::AbVerdict::invalid_split: ImGui::TextWrapped("%s", tr(S::insights_verdict_srm)); break;
  }
  if (r.peeking) ImGui::TextDisabled("%s", tr(S::insights_peeking));
}

}  // namespace

void draw_insights_panel(PanelContext& cx, InsightsUi& ui) {
  title(tr(S::nav_insights));
  const int req = ui.tab_request;
  ui.tab_request = -1;
  auto flags = [&](int i) { return req == i ? ImGuiTabItemFlags_SetSelected : 0; };
  if (!ImGui::BeginTabBar("insights_tabs")) return;
  if (tab_item(S::insights_tab_rules, flags(0))) {
    draw_rules(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::insights_tab_bundles, flags(1))) {
    insights_panel::draw_bundles(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::insights_tab_clusters, flags(2))) {
    insights_panel::draw_clusters(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::insights_tab_titles, flags(3))) {
    insights_panel::draw_titles(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::insights_tab_recommend, flags(4))) {
    insights_panel::draw_recommend(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::insights_tab_ab, flags(5))) {
    draw_abtest(cx, ui);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace shopkeeper::ui
