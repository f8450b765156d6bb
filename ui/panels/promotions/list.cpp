// Promotions panel, list tab: every promotion with its status, offer, scope, window and issues;
// the editor opens beside the selected row.
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
#include "ui/widgets/flow.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::promo_panel {

void draw_list_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  if (!pu.editor) pu.editor = std::make_shared<PromoEditor>();
  PromoEditor& e = *pu.editor;
  ImGui::BeginDisabled(cx.ws.readonly());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::BeginCombo("##new", tr(S::promotions_new_promotion_of_kind))) {
    for (int k = 0; k < promo::kKindCount; ++k) {
      if (ImGui::Selectable(kind_label(static_cast<Kind>(k)))) {
        promo::Promotion t = template_for(static_cast<Kind>(k), d, start_of(cx.platform.today()));
        // A fresh id: P<n> not used yet.
        for (int n = static_cast<int>(d.rows.size()) + 1;; ++n) {
          std::string id = "P" + std::to_string(n);
          bool used = std::any_of(d.rows.begin(), d.rows.end(), [&](const auto& r) { return r.promotion.id == id; });
          if (!used) {
            t.id = id;
            break;
          }
        }
        load_editor(e, t, "draft", true);
        pu.selected = -1;
      }
      item_tooltip(kind_about(static_cast<Kind>(k)));
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  int live = 0, drafts = 0;
  for (const auto& r : d.rows) {
    live += (r.status == "active" || r.status == "scheduled") ? 1 : 0;
    drafts += r.status == "draft" ? 1 : 0;
  }
  ImGui::TextDisabled(tr(S::promotions_n_promotions_fmt), static_cast<int>(d.rows.size()), live, drafts);
  // What the loss guard found for the live set (it runs in the background of the panel).
  const GuardJob& job = pu.guard->job;
  if (job.guard && job.guard->size() > 0 && !pu.guard->include_drafts && (job.running || job.done())) {
    // Beside the counts when it fits, else on its own line; its button likewise (issue #9 item 9).
    const int64_t v = job.running ? 0 : job.violations();
    const std::string text = job.running ? strf(tr(S::promotions_guard_progress_fmt), job.next, job.guard->size())
                             : v > 0     ? strf(tr(S::promotions_guard_summary_fmt), static_cast<long long>(v), job.guard->size())
                                         : std::string(tr(S::promotions_guard_all_clear));
    same_line_if_fits(ImGui::CalcTextSize(text.c_str()).x, 24);
    if (job.running) {
      ImGui::TextDisabled("%s", text.c_str());
    } else {
      ImGui::TextColored(v > 0 ? red() : green(), "%s", text.c_str());
      item_tooltip(tr(S::promotions_tip_below_floor_count));
      same_line_if_fits(button_width(tr(S::promotions_show_guard)));
      if (ImGui::SmallButton(tr(S::promotions_show_guard))) pu.tab_request = 2;
      test_mark("show_guard");
    }
  }
  if (!d.error.empty()) ImGui::TextColored(red(), "%s", d.error.c_str());
  if (d.rows.empty()) {
    text_wrapped("%s", tr(S::promotions_no_promotions));
  } else {
    float h = e.open ? ImGui::GetFontSize() * 11 : 0;
    // A wide pane shares its width among the columns; a narrower one (1024x700, 1280x800) gives
    // each column its content's width, names and times whole, and the table scrolls sideways.
    const bool fit = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 90;
    auto w = [fit](float weight) { return fit ? 0.0f : weight; };
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable |
                            (fit ? ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX : ImGuiTableFlags_SizingStretchProp);
    if (ImGui::BeginTable("list", 7, flags, ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr(S::promotions_f_status), 0, w(0.7f));
      ImGui::TableSetupColumn(tr(S::promotions_f_name), 0, w(1.6f));
      ImGui::TableSetupColumn(tr(S::promotions_f_kind), 0, w(1.1f));
      ImGui::TableSetupColumn(tr(S::promotions_col_offer), 0, w(2.2f));
      ImGui::TableSetupColumn(tr(S::promotions_h_scope), 0, w(1.3f));
      ImGui::TableSetupColumn(tr(S::promotions_col_window), 0, w(1.9f));
      ImGui::TableSetupColumn(tr(S::promotions_checks), 0, w(0.6f));
      const S tips[] = {S::promotions_tip_status, S::count_, S::count_, S::count_, S::count_, S::promotions_tip_time, S::promotions_tip_checks_col};
      header_row(7, tips);
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(d.rows.size()));
      while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const auto& r = d.rows[static_cast<size_t>(i)];
          ImGui::PushID(i);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          badge(status_label(r.status), status_color(r.status));
          ImGui::TableNextColumn();
          if (ImGui::Selectable(r.promotion.name.c_str(), pu.selected == i, ImGuiSelectableFlags_SpanAllColumns)) {
            pu.selected = i;
            load_editor(e, r.promotion, r.status, false);
          }
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(kind_label(r.promotion.kind));
          item_tooltip(layer_label(r.promotion.layer));
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(d.offer_text[static_cast<size_t>(i)].c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(d.scope_text[static_cast<size_t>(i)].c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(d.window_text[static_cast<size_t>(i)].c_str());
          ImGui::TableNextColumn();
          int n = d.issue_count[static_cast<size_t>(i)];
          if (n == 0) ImGui::TextColored(green(), "%s", tr(S::promotions_check_ok));
          else {
            ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.05f, 1), "%d", n);
            tooltip_target();
            if (ImGui::IsItemHovered()) {
              ImGui::BeginTooltip();
              ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
              for (const auto& is : d.issues)
                if (is.promotion == r.promotion.id) ImGui::BulletText("%s", issue_text(is));
              ImGui::PopTextWrapPos();
              ImGui::EndTooltip();
            }
          }
          ImGui::PopID();
        }
      }
      ImGui::EndTable();
    }
  }
  if (e.open) {
    ImGui::Spacing();
    draw_editor(cx, pu);
  }
}

}  // namespace shopkeeper::ui::promo_panel
