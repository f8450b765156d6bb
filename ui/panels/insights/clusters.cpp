// Insights, clusters tab: k-means customer clusters run a step at a time over frames (progress
// and cancel), k chosen by silhouette unless the seller picks one, each cluster described in
// words from its centre with its size and key figures, and saved as a Members segment.
#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "core/insights/segment.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/panels/insights/tabs.h"
#include "ui/sections.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::insights_panel {

namespace {

S trait_key(const std::string& code) {
  if (code == "spends_high") return S::insights_trait_spends_high;
  if (code == "spends_low") return S::insights_trait_spends_low;
  if (code == "orders_often") return S::insights_trait_orders_often;
  if (code == "orders_rarely") return S::insights_trait_orders_rarely;
  if (code == "recent") return S::insights_trait_recent;
  if (code == "lapsed") return S::insights_trait_lapsed;
  if (code == "big_baskets") return S::insights_trait_big_baskets;
  if (code == "small_baskets") return S::insights_trait_small_baskets;
  if (code == "coupons_often") return S::insights_trait_coupons_often;
  if (code == "coupons_rarely") return S::insights_trait_coupons_rarely;
  if (code == "refunds_often") return S::insights_trait_refunds_often;
  if (code == "mostly_category") return S::insights_trait_mostly;
  return S::insights_trait_typical;
}

std::string describe(const insights::Cluster& c) {
  std::string out;
  for (const insights::Trait& t : c.traits) {
    if (!out.empty()) out += tr(S::insights_trait_sep);
    if (t.code == "mostly_category") {
      std::string b;
      b = strf(tr(S::insights_trait_mostly), t.param.empty() ? tr(S::insights_no_category) : t.param.c_str());
      out += b;
    } else {
      out += tr(trait_key(t.code));
    }
  }
  return out;
}

void start(PanelContext& cx, InsightsClustersUi& c) {
  insights::ClusterQuery q;
  q.k = c.k;
  c.job.emplace(cx.ws.dataset(), q);
  c.run.running = true;
  c.run.cancelled = false;
  c.ok = false;
  c.error.clear();
  c.k_done = c.k;
  c.revision = cx.ws.revision();
  c.saved_cluster = -1;
  c.saved.clear();
}

// Steps for about 12 ms of this frame, then the next frame continues.
void advance(PanelContext& cx, InsightsClustersUi& c) {
  const auto t0 = std::chrono::steady_clock::now();
  while (!c.job->done() && std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(12)) c.job->step();
  if (!c.job->done()) {
    cx.keep_drawing = true;
    return;
  }
  auto r = c.job->take();
  c.job.reset();
  c.run.running = false;
  c.ok = r.ok();
  if (r) c.result = std::move(*r);
  else c.error = error_text(r.error(), language());
}

void draw_table(PanelContext& cx, InsightsClustersUi& c) {
  const insights::ClusterResult& r = c.result;
  const Lang lang = language();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable;
  if (!begin_fit_table("clusters", 9, flags, ImVec2(0, 0), 2, ImGui::GetFontSize() * 12)) return;
  const S cols[9] = {S::insights_col_cluster, S::insights_col_customers, S::insights_col_description, S::insights_col_days,
                     S::insights_col_orders, S::insights_col_spend, S::insights_col_aov, S::insights_col_coupons, S::insights_col_refunds};
  const S tips[9] = {S::count_, S::insights_tip_cluster_size, S::insights_tip_description, S::insights_tip_days,
                     S::insights_tip_orders, S::insights_tip_spend, S::insights_tip_aov, S::insights_tip_coupons, S::insights_tip_refunds};
  // The description wraps in what the figures leave; the figures are as wide as they need.
  for (int i = 0; i < 9; ++i)
    ImGui::TableSetupColumn(tr(cols[i]), i == 2 ? ImGuiTableColumnFlags_WidthFixed : 0, i == 2 ? fit_table_wrap_width() : 0.0f);
  header_row(9, tips);
  const double total = static_cast<double>(r.features.rows());
  for (size_t i = 0; i < r.clusters.size(); ++i) {
    const insights::Cluster& x = r.clusters[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(i));
    std::string label;
    label = strf("%d", static_cast<int>(i + 1));
    if (ImGui::Selectable(label.c_str(), c.saved_cluster == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns)) {
      c.saved_cluster = static_cast<int>(i);
      c.segment_name = strf(tr(S::insights_segment_default), static_cast<int>(i + 1));
      c.saved.clear();
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::Text("%s (%s)", format_int(x.size, lang).c_str(), format_percent(total > 0 ? static_cast<double>(x.size) / total : 0.0).c_str());
    ImGui::TableNextColumn();
    text_wrapped("%s", describe(x).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.0f", x.days_since);
    ImGui::TableNextColumn();
    ImGui::Text("%.1f", x.orders);
    ImGui::TableNextColumn();
    ImGui::Text("%.0f", x.spend);
    ImGui::TableNextColumn();
    ImGui::Text("%.0f", x.aov);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_percent(x.coupon_share).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_percent(x.refund_rate).c_str());
  }
  end_fit_table();
}

void draw_save(PanelContext& cx, InsightsClustersUi& c) {
  if (c.saved_cluster < 0 || c.saved_cluster >= c.result.k) {
    ImGui::TextDisabled("%s", tr(S::insights_segment_pick));
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  input_text(tr(S::insights_segment_name), c.segment_name);
  ImGui::SameLine();
  const bool disabled = cx.ws.readonly() || cx.ws.busy() || c.segment_name.empty();
  if (disabled) ImGui::BeginDisabled();
  if (ImGui::Button(tr(S::insights_segment_save))) {
    const std::string name = c.segment_name;
    Status st = cx.ws.write([&](Writer& w) { return insights::save_cluster_segment(w, cx.ws.dataset(), c.result, c.saved_cluster, name); },
                            Workspace::Touches::records);
    if (!st) cx.report_error(st.error());
    else c.saved = name;
  }
  item_tooltip(tr(S::insights_tip_segment_save));
  if (disabled) ImGui::EndDisabled();
  if (!c.saved.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled(tr(S::insights_segment_saved), c.saved.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::insights_open_members))) cx.navigate(Section::members);
  }
}

}  // namespace

void draw_clusters(PanelContext& cx, InsightsUi& ui) {
  InsightsClustersUi& c = ui.clusters;
  text_wrapped("%s", tr(S::insights_clusters_help));
  const char* ks[] = {tr(S::insights_k_auto), "2", "3", "4", "5", "6", "7", "8"};
  int pick = c.k == 0 ? 0 : c.k - 1;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::Combo(tr(S::insights_k), &pick, ks, 8)) c.k = pick == 0 ? 0 : pick + 1;
  item_tooltip(tr(S::insights_tip_k));
  // A new revision or k starts a new run (a running job is dropped: it reads the old Dataset).
  if (!c.run.cancelled && (c.revision != cx.ws.revision() || c.k_done != c.k)) start(cx, c);
  if (c.run.running) {
    advance(cx, c);
    if (c.run.running) {
      if (progress_with_cancel(static_cast<float>(c.job->progress()), ImGui::GetFontSize() * 16, tr(S::insights_clustering), true)) {
        c.run.cancel();
        c.job.reset();
      }
      return;
    }
  }
  if (c.run.cancelled) {
    if (cancelled_note(tr(S::insights_clusters_cancelled), tr(S::insights_run_again))) start(cx, c);
    return;
  }
  if (!c.ok) {
    text_wrapped(tr(S::insights_clusters_error), c.error.c_str());
    return;
  }
  const insights::ClusterResult& r = c.result;
  const Lang lang = language();
  ImGui::Text(tr(r.k_chosen ? S::insights_k_chosen : S::insights_k_set), r.k, format_int(static_cast<int64_t>(r.features.rows()), lang).c_str());
  if (r.k_chosen && ImGui::IsItemHovered()) {
    std::string t = tr(S::insights_tip_k_scores);
    for (const auto& [k, s] : r.k_scores) {
      std::string b;
      b = strf("\nk = %d: %.4f", k, s);
      t += b;
    }
    ImGui::SetTooltip("%s", t.c_str());
  }
  ImGui::SameLine(0, 16);
  ImGui::Text(tr(S::insights_silhouette), r.silhouette, format_int(r.silhouette_points, lang).c_str());
  item_tooltip(tr(S::insights_tip_silhouette));
  ImGui::SameLine(0, 16);
  ImGui::Text(tr(S::insights_inertia), r.inertia);
  item_tooltip(tr(S::insights_tip_inertia));
  draw_table(cx, c);
  draw_save(cx, c);
}

}  // namespace shopkeeper::ui::insights_panel
