// Insights section: association rules of the range's baskets and an A/B test calculator, from
// core/insights (figures defined in docs/insights.md). Words from ui/i18n/strings_insights.h.
#include "ui/panels/insights.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "ui/i18n/issues.h"
#include "ui/panels/insights/tabs.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {

// Starts a new run: the thresholds checked at once, then the baskets and the mining over frames.
void start_rules(PanelContext& cx, InsightsUi& ui) {
  ui.rules_ok = false;
  ui.rules_error.clear();
  ui.rule_job.reset();
  ui.basket_job.reset();
  ui.rules_run.running = false;
  ui.rules_run.cancelled = false;
  ui.rules_revision = cx.ws.revision();
  ui.rules_range = cx.range;
  ui.rules_level = ui.level;
  ui.rules_support = ui.support;
  ui.rules_confidence = ui.confidence;
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
  bq.range = cx.range;
  ui.basket_job.emplace(cx.ws.dataset(), bq);
  ui.rules_run.running = true;
}

// About ui.slice_ms of this frame's work (at least one step): the baskets (progress 0-30 %),
// then the mining.
void advance_rules(PanelContext& cx, InsightsUi& ui) {
  const auto t0 = std::chrono::steady_clock::now();
  bool first = true;
  auto more = [&] {
    const bool m = first || std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(ui.slice_ms);
    first = false;
    return m;
  };
  while ((ui.basket_job || (ui.rule_job && !ui.rule_job->done())) && more()) {
    if (!ui.basket_job) {
      ui.rule_job->step();
      continue;
    }
    ui.basket_job->step(static_cast<size_t>(ui.slice_orders));
    if (!ui.basket_job->done()) continue;
    ui.baskets = std::move(ui.basket_job->take().baskets);
    ui.basket_job.reset();
    if (ui.baskets.size() == 0) {
      ui.rules_error = tr(S::insights_no_baskets);
      ui.rules_run.running = false;
      return;
    }
    insights::RuleQuery q;
    q.min_support = *insights::parse_fraction(ui.rules_support);
    q.min_confidence = *insights::parse_fraction(ui.rules_confidence);
    q.prune = true;
    ui.rule_job.emplace(ui.baskets, q);
  }
  if (ui.rule_job && ui.rule_job->done()) {
    auto r = ui.rule_job->take();
    ui.rule_job.reset();
    ui.rules_run.running = false;
    if (!r) {
      ui.rules_error = error_text(r.error(), language());
      return;
    }
    ui.rules = std::move(*r);
    ui.rules_ok = true;
    return;
  }
  cx.keep_drawing = true;
}

// The run's progress with Cancel, or the cancelled note with Run again; true while not finished.
bool rules_pending(PanelContext& cx, InsightsUi& ui) {
  if (ui.rules_run.running) {
    advance_rules(cx, ui);
    if (!ui.rules_run.running) return false;
    const double f = ui.basket_job ? 0.3 * ui.basket_job->progress() : 0.3 + 0.7 * (ui.rule_job ? ui.rule_job->progress() : 1.0);
    if (progress_with_cancel(static_cast<float>(f), ImGui::GetFontSize() * 16, tr(S::insights_mining), true)) {
      ui.rules_run.cancel();
      ui.rule_job.reset();
      ui.basket_job.reset();
    }
    return true;
  }
  if (ui.rules_run.cancelled) {
    if (cancelled_note(tr(S::insights_rules_cancelled), tr(S::insights_run_again))) start_rules(cx, ui);
    return true;
  }
  return false;
}

void draw_rules(PanelContext& cx, InsightsUi& ui) {
  text_wrapped("%s", tr(S::insights_rules_help));
  const char* levels[] = {tr(S::insights_level_sku), tr(S::insights_level_category)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::Combo(tr(S::insights_level), &ui.level, levels, 2);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  input_text(tr(S::insights_min_support), ui.support);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  input_text(tr(S::insights_min_confidence), ui.confidence);
  // New inputs or data start a new run (a running one is dropped: it reads the old Dataset).
  if (ui.rules_revision != cx.ws.revision() || !(ui.rules_range == cx.range) || ui.rules_level != ui.level ||
      ui.rules_support != ui.support || ui.rules_confidence != ui.confidence)
    start_rules(cx, ui);
  if (rules_pending(cx, ui)) return;
  if (!ui.rules_error.empty()) {
    text_wrapped("%s", ui.rules_error.c_str());
    return;
  }
  ImGui::TextDisabled(tr(S::insights_n_rules), static_cast<int>(ui.rules.rules.size()), static_cast<long long>(ui.rules.transactions),
                      static_cast<long long>(ui.rules.pruned));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!begin_fit_table("rules", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (S s : {S::insights_col_lhs, S::insights_col_rhs, S::insights_col_support, S::insights_col_confidence, S::insights_col_lift,
              S::insights_col_count})
    ImGui::TableSetupColumn(tr(s));
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
  end_fit_table();
}

void draw_abtest(PanelContext& cx, InsightsUi& ui) {
  text_wrapped("%s", tr(S::insights_ab_help));
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
    text_wrapped("%s", ui.ab_error.c_str());
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
    case insights::AbVerdict::b_better: text_wrapped("%s", tr(S::insights_verdict_b)); break;
    case insights::AbVerdict::a_better: text_wrapped("%s", tr(S::insights_verdict_a)); break;
    case insights::AbVerdict::no_difference: text_wrapped("%s", tr(S::insights_verdict_same)); break;
    case insights::AbVerdict::keep_running: text_wrapped(tr(S::insights_verdict_run), static_cast<long long>(r.more_visitors_b)); break;
    case insights::AbVerdict::invalid_split: text_wrapped("%s", tr(S::insights_verdict_srm)); break;
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
    ui.bundles.slice_ms = ui.slice_ms, ui.bundles.slice_orders = ui.slice_orders;
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
    ui.bundles.slice_ms = ui.slice_ms, ui.bundles.slice_orders = ui.slice_orders;
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
