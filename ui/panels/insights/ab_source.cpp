// Insights, A/B test inputs: typed in, or counted from the store (core/insights/abtest.h
// arm_counts): two date ranges, two channels (traffic sources) over the top bar's range, or two
// SKUs over it (orders holding the SKU; their page visitors typed in, traffic has no SKU).
#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <algorithm>
#include <climits>

#include "ui/i18n/format.h"
#include "ui/panels/insights/tabs.h"
#include "ui/widgets/date_field.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::insights_panel {

namespace {

int32_t find_sku(const Dataset& ds, const std::string& sku) {
  for (size_t i = 0; i < ds.sku.size(); ++i)
    if (ds.sku[i] == sku) return static_cast<int32_t>(i);
  return -1;
}

}  // namespace

void draw_ab_source(PanelContext& cx, InsightsUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  const char* sources[] = {tr(S::insights_ab_typed), tr(S::insights_ab_dates), tr(S::insights_ab_channels), tr(S::insights_ab_skus)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  ImGui::Combo(tr(S::insights_ab_source), &ui.ab_source, sources, 4);
  item_tooltip(tr(S::insights_tip_ab_source));
  if (ui.ab_source == 0) return;
  if (ui.ab_from[0].empty()) {  // A: the period before the top bar's range, B: the range itself
    const int32_t len = cx.range.last - cx.range.first + 1;
    ui.ab_from[0] = format_day(cx.range.first - len);
    ui.ab_to[0] = format_day(cx.range.first - 1);
    ui.ab_from[1] = format_day(cx.range.first);
    ui.ab_to[1] = format_day(cx.range.last);
  }
  std::string key = std::to_string(cx.ws.revision()) + "|" + std::to_string(ui.ab_source) + "|" + std::to_string(cx.range.first) + "|" +
                    std::to_string(cx.range.last);
  for (int arm = 0; arm < 2; ++arm) {
    ImGui::PushID(arm);
    ImGui::TextUnformatted(arm == 0 ? "A" : "B");
    ImGui::SameLine();
    if (ui.ab_source == 1) {
      date_field(tr(S::insights_ab_from), ui.ab_from[arm], ImGui::GetFontSize() * 6, false, cx.range.first);
      ImGui::SameLine();
      date_field(tr(S::insights_ab_to), ui.ab_to[arm], ImGui::GetFontSize() * 6, false, cx.range.last);
      key += std::string("|") + ui.ab_from[arm] + "|" + ui.ab_to[arm];
    } else if (ui.ab_source == 2) {
      const auto& names = ds.sources.names;
      if (names.empty()) {
        ImGui::TextDisabled("%s", tr(S::insights_ab_no_channels));
      } else {
        ui.ab_channel[arm] = std::min(ui.ab_channel[arm], static_cast<int>(names.size()) - 1);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        if (ImGui::BeginCombo(tr(S::insights_ab_channel), names[static_cast<size_t>(ui.ab_channel[arm])].c_str())) {
          for (size_t i = 0; i < names.size(); ++i)
            if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == ui.ab_channel[arm])) ui.ab_channel[arm] = static_cast<int>(i);
          ImGui::EndCombo();
        }
      }
      key += "|" + std::to_string(ui.ab_channel[arm]);
    } else {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
      input_text(tr(S::insights_ab_sku), ui.ab_sku[arm]);
      key += std::string("|") + ui.ab_sku[arm];
    }
    ImGui::PopID();
  }
  if (key == ui.ab_store_key) {
    if (!ui.ab_store_error.empty()) text_wrapped("%s", ui.ab_store_error.c_str());
    return;
  }
  ui.ab_store_key = key;
  ui.ab_store_error.clear();
  for (int arm = 0; arm < 2; ++arm) {
    DayRange range = cx.range;
    int16_t source = -1;
    int32_t product = -1;
    if (ui.ab_source == 1) {
      auto f = parse_day(ui.ab_from[arm]), t = parse_day(ui.ab_to[arm]);
      if (!f || !t || *t < *f) {
        ui.ab_store_error = tr(S::insights_ab_bad_dates);
        return;
      }
      range = {*f, *t};
    } else if (ui.ab_source == 2) {
      if (ds.sources.names.empty()) return;
      source = static_cast<int16_t>(ui.ab_channel[arm]);
    } else {
      product = find_sku(ds, ui.ab_sku[arm]);
      if (product < 0) {
        ui.ab_store_error = tr(S::insights_ab_bad_sku);
        return;
      }
    }
    const insights::ArmCounts c = insights::arm_counts(ds, range, source, product);
    if (c.visitors >= 0) ui.ab[arm * 2] = static_cast<int>(std::min<int64_t>(c.visitors, INT32_MAX));
    ui.ab[arm * 2 + 1] = static_cast<int>(std::min<int64_t>(c.conversions, INT32_MAX));
  }
}

}  // namespace shopkeeper::ui::insights_panel
