// Insights, recommendations tab: for each customer the next products they are likely to buy
// (the best confidence of the rules "bought A => also buys B" from co-purchase counts, products
// they already bought left out), shown with a clipper and exported through the shared actions.
#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "ui/i18n/format.h"
#include "ui/panels/insights/tabs.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::insights_panel {

void draw_recommend(PanelContext& cx, InsightsUi& ui) {
  InsightsRecommendUi& rc = ui.recommend;
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  text_wrapped("%s", tr(S::insights_recommend_help));
  const insights::CoPurchases* counted = co_purchases(cx, ui.bundles, ui.bundles.min_together);
  if (!counted) {  // co-purchases being counted: no scoring may read them now
    rc.job.reset();
    rc.run.running = false;
    rc.key.clear();
    return;
  }
  const insights::CoPurchases& co = *counted;
  const std::string key = std::to_string(cx.ws.revision()) + "|" + std::to_string(ui.bundles.min_together);
  if (rc.key != key) {  // a new revision or threshold: score the customers again, in slices
    insights::CoQuery q;
    q.min_together = ui.bundles.min_together;
    rc.job.emplace(ds, co, q);
    rc.run.running = true;
    rc.run.cancelled = false;
    rc.recs.clear();
    rc.key = key;
  }
  if (rc.run.running) {
    const auto t0 = std::chrono::steady_clock::now();
    while (!rc.job->done() && std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(12)) rc.job->step(2000);
    if (!rc.job->done()) {
      cx.keep_drawing = true;
      if (progress_with_cancel(static_cast<float>(rc.job->progress()), ImGui::GetFontSize() * 16, tr(S::insights_recommending), true)) {
        rc.run.cancel();
        rc.job.reset();
      }
      return;
    }
    rc.recs = std::move(rc.job->result());
    rc.job.reset();
    rc.run.running = false;
    rc.customers = 0;
    for (size_t i = 0; i < rc.recs.size(); ++i)
      if (i == 0 || rc.recs[i].customer != rc.recs[i - 1].customer) ++rc.customers;
  }
  if (rc.run.cancelled) {
    if (cancelled_note(tr(S::insights_recommend_cancelled), tr(S::insights_run_again))) rc.key.clear();
    return;
  }
  ImGui::Text(tr(S::insights_recommend_summary), format_int(static_cast<int64_t>(rc.recs.size()), lang).c_str(),
              format_int(rc.customers, lang).c_str(), ui.bundles.min_together);
  item_tooltip(tr(S::insights_tip_min_together));
  ImGui::SameLine(0, 16);
  cx.export_buttons("recommendations", [&] { return insights::recommendations_table(ds, rc.recs); }, tr(S::insights_recommend_export));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!begin_fit_table("recs", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const S cols[5] = {S::insights_col_customer, S::insights_col_next, S::insights_col_score, S::insights_col_lift, S::insights_col_because};
  const S tips[5] = {S::count_, S::count_, S::insights_tip_score, S::insights_tip_rec_lift, S::insights_tip_because};
  for (int c = 0; c < 5; ++c) ImGui::TableSetupColumn(tr(cols[c]));
  header_row(5, tips);
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(rc.recs.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const insights::Recommendation& r = rc.recs[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.customer_id[static_cast<size_t>(r.customer)].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(product_label(ds, r.product).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_percent(r.score).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.2f", r.lift);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(product_label(ds, r.because).c_str());
    }
  end_fit_table();
}

}  // namespace shopkeeper::ui::insights_panel
