// Data section: what the store holds and where it is kept. Import/export land here next.
#include <imgui.h>

#include "ui/i18n/format.h"
#include "ui/panels/panels.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

void draw_data_panel(App& app, Platform& platform) {
  title(tr(S::nav_data));
  ImGui::Separator();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
  ImGui::TextDisabled("%s", tr(S::about_data));
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::store_contents));
  const Counts& c = app.ws.counts();
  Lang lang = language();
  if (ImGui::BeginTable("counts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
    struct Row {
      S label;
      int64_t value;
    } rows[] = {{S::count_products, c.products},       {S::count_customers, c.customers},
                {S::count_orders, c.orders},           {S::count_order_lines, c.order_lines},
                {S::count_refunds, c.refunds},         {S::count_traffic_days, c.traffic_days}};
    for (const Row& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(r.label));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(r.value, lang).c_str());
    }
    DayRange days = app.ws.dataset().order_days();
    if (days.length() > 0) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(S::order_period));
      ImGui::TableNextColumn();
      ImGui::Text("%s %s %s", format_date(days.first, lang).c_str(), tr(S::to), format_date(days.last, lang).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tr(S::storage_location));
    ImGui::TableNextColumn();
    if (platform.is_web()) ImGui::TextUnformatted(tr(S::storage_browser));
    else ImGui::TextUnformatted(platform.data_dir().c_str());
    ImGui::EndTable();
  }
  if (platform.is_web()) ImGui::TextDisabled("%s", platform.persisted_storage() ? tr(S::persisted_yes) : tr(S::persisted_no));
}

}  // namespace shopkeeper::ui
