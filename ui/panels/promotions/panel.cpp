// Promotions section: the shop's promotions with an editor (validated, loss-checked before they
// go live), the buyer's real price for a cart (到手价), the loss guard over every SKU in slices
// across frames, and the festival calendar with campaign simulation and evaluation.
// Every figure comes from core/promotions; results are cached per (revision, inputs).
// The tabs are one file each in this folder, sharing shared.h.
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
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

using namespace promo_panel;

void promo_editor_load(PromoEditor& editor, const promo::Promotion& p, const std::string& status) {
  load_editor(editor, p, status, false);
}
void promo_editor_build(PromoEditor& editor, const PromoData& data) { build_from_editor(editor, data); }
void promo_editor_save(PanelContext& cx, PromotionsUi& pu, PromoEditor& editor) { start_save(cx, pu, editor, *pu.data); }

void draw_promotions_panel(PanelContext& cx, PromotionsUi& pu) {
  load_data(cx, pu);
  ensure_texts(*pu.data);
  if (!pu.editor) pu.editor = std::make_shared<PromoEditor>();
  if (!pu.quote) pu.quote = std::make_shared<PromoQuoteUi>();
  if (!pu.guard) pu.guard = std::make_shared<PromoGuardUi>();
  if (!pu.calendar) pu.calendar = std::make_shared<PromoCalendarUi>();
  // The loss guard runs whenever its inputs change, a slice per frame, whichever tab is shown,
  // so the list can say how many SKUs the live promotions push below the floor.
  {
    PromoGuardUi& g = *pu.guard;
    const PromoData& d = *pu.data;
    std::string key = guard_key(d, g.include_drafts, d.floor_bp, d.fee_bp);
    if (g.job.key != key && !g.job.running) start_guard(g, d, key);
    if (g.job.running) {
      g.job.step(kGuardSlice);
      cx.keep_drawing = true;  // the next slice at once, not at the idle app's 250 ms redraw
    }
  }

  // The light theme's white input frames vanish on the white panel: a grey frame makes the
  // editor's empty fields and check boxes visible.
  if (!cx.dark()) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.92f, 0.92f, 0.94f, 1));
  title(tr(S::nav_promotions));
  if (ImGui::CollapsingHeader(stable_label(S::promotions_how_stacking).c_str())) {
    ImGui::PushTextWrapPos(0);
    wrapped_text(tr(S::promotions_stacking_rules));
    ImGui::PopTextWrapPos();
  }
  int req = pu.tab_request;
  pu.tab_request = -1;
  auto flags = [&](int i) { return req == i ? ImGuiTabItemFlags_SetSelected : 0; };
  if (ImGui::BeginTabBar("promo_tabs")) {
    if (tab_item(S::promotions_tab_promotions, flags(0))) {
      draw_list_tab(cx, pu);
      ImGui::EndTabItem();
    }
    if (tab_item(S::promotions_tab_quote, flags(1))) {
      draw_quote_tab(cx, pu);
      ImGui::EndTabItem();
    }
    if (tab_item(S::promotions_tab_guard, flags(2))) {
      draw_guard_tab(cx, pu);
      ImGui::EndTabItem();
    }
    if (tab_item(S::promotions_tab_calendar, flags(3))) {
      draw_calendar_tab(cx, pu);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (!cx.dark()) ImGui::PopStyleColor();
}

}  // namespace shopkeeper::ui
