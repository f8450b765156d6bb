#include "ui/i18n/format.h"
#include "ui/widgets/date_field.h"

#include <imgui.h>

#include <cstdio>

#include "ui/i18n/strings.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {
// One calendar is open at a time: the state of the open one.
struct Picker {
  ImGuiID owner = 0;  // the field whose calendar is open
  Day cursor = 0;     // the day under the keyboard cursor (its month is the month shown)
  bool open = false;
  std::string picked;
};
Picker g_picker;

constexpr S kMonths[12] = {S::month_1, S::month_2, S::month_3, S::month_4,  S::month_5,  S::month_6,
                           S::month_7, S::month_8, S::month_9, S::month_10, S::month_11, S::month_12};
constexpr S kWeekdays[7] = {S::weekday_short_1, S::weekday_short_2, S::weekday_short_3, S::weekday_short_4,
                            S::weekday_short_5, S::weekday_short_6, S::weekday_short_7};

// The same day of the month `delta` months away (the last day when that month is shorter).
Day add_months(Day d, int delta) {
  Ymd c = civil_from_days(d);
  int m = c.m - 1 + delta;
  int y = c.y + (m >= 0 ? m / 12 : (m - 11) / 12);
  m = ((m % 12) + 12) % 12 + 1;
  int dd = c.d < days_in_month(y, m) ? c.d : days_in_month(y, m);
  return days_from_civil(y, m, dd);
}

bool key(ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); }

// A small calendar drawn in the button (no glyph needed: the font subset has none).
void draw_icon(ImVec2 a, ImVec2 b) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
  float s = (b.y - a.y) * 0.28f;
  ImVec2 p0(a.x + s, a.y + s), p1(b.x - s, b.y - s * 0.8f);
  dl->AddRect(p0, p1, col, 1.5f);
  dl->AddLine(ImVec2(p0.x, p0.y + (p1.y - p0.y) * 0.3f), ImVec2(p1.x, p0.y + (p1.y - p0.y) * 0.3f), col);
  float cw = (p1.x - p0.x) / 4, ch = (p1.y - p0.y) * 0.7f / 3;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) {
      ImVec2 q(p0.x + cw * (c + 0.6f), p0.y + (p1.y - p0.y) * 0.3f + ch * (r + 0.7f));
      dl->AddRectFilled(q, ImVec2(q.x + cw * 0.55f, q.y + ch * 0.55f), col);
    }
}

// The month grid; returns the picked day or -1. Keys act only while the calendar has focus.
Day draw_grid(Day today) {
  Day picked = -1;
  Picker& pk = g_picker;
  if (ImGui::IsWindowFocused()) {
    if (key(ImGuiKey_LeftArrow)) pk.cursor -= 1;
    if (key(ImGuiKey_RightArrow)) pk.cursor += 1;
    if (key(ImGuiKey_UpArrow)) pk.cursor -= 7;
    if (key(ImGuiKey_DownArrow)) pk.cursor += 7;
    if (key(ImGuiKey_PageUp)) pk.cursor = add_months(pk.cursor, -1);
    if (key(ImGuiKey_PageDown)) pk.cursor = add_months(pk.cursor, 1);
    if (key(ImGuiKey_Enter) || key(ImGuiKey_KeyPadEnter)) picked = pk.cursor;
    if (key(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
  }
  Ymd c = civil_from_days(pk.cursor);
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) pk.cursor = add_months(pk.cursor, -1);
  item_tooltip(tr(S::calendar_prev_month));
  ImGui::SameLine();
  std::string t = month_title(c.y, c.m);
  float cell = ImGui::GetFrameHeight() * 1.25f;
  float grid_w = cell * 7 + ImGui::GetStyle().ItemSpacing.x * 6;
  float arrow = ImGui::GetFrameHeight();
  const float x0 = ImGui::GetStyle().WindowPadding.x, sp = ImGui::GetStyle().ItemSpacing.x;
  float tx = x0 + (grid_w - ImGui::CalcTextSize(t.c_str()).x) * 0.5f;
  if (tx > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(tx);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(t.c_str());
  ImGui::SameLine(x0 + grid_w - arrow);
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) pk.cursor = add_months(pk.cursor, 1);
  item_tooltip(tr(S::calendar_next_month));
  c = civil_from_days(pk.cursor);
  for (int w = 0; w < 7; ++w) {
    const char* name = tr(kWeekdays[w]);
    float x = x0 + static_cast<float>(w) * (cell + sp) + (cell - ImGui::CalcTextSize(name).x) * 0.5f;
    if (w) ImGui::SameLine(x);
    else ImGui::SetCursorPosX(x);
    ImGui::TextDisabled("%s", name);
  }
  Day first = days_from_civil(c.y, c.m, 1);
  int lead = weekday(first);  // Monday first, as calendars in China and Europe start the week
  int n = days_in_month(c.y, c.m);
  for (int i = 0; i < lead + n; ++i) {
    if (i % 7) ImGui::SameLine();
    if (i < lead) {
      ImGui::Dummy(ImVec2(cell, cell * 0.8f));
      continue;
    }
    Day d = first + (i - lead);
    std::string b;
    b = strf("%d", i - lead + 1);
    bool cur = d == pk.cursor;
    if (cur) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    else if (d != today) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushID(i);
    if (ImGui::Button(b.c_str(), ImVec2(cell, cell * 0.8f))) picked = d;
    ImGui::PopID();
    if (cur || d != today) ImGui::PopStyleColor();
  }
  if (ImGui::SmallButton(tr(S::calendar_today))) picked = today;
  return picked;
}
}  // namespace

std::string month_title(int year, int month) {
  std::string b;
  b = strf(tr(S::month_title_fmt), tr(kMonths[(month - 1) % 12]), year);
  return b;
}

DatePickerProbe date_picker_probe() { return {g_picker.open, g_picker.cursor, g_picker.picked}; }

bool date_field(const char* label, std::string& text, float width, bool with_time, Day fallback) {
  ImGui::PushID(label);
  const ImGuiID owner = ImGui::GetID("##cal");
  const float bw = ImGui::GetFrameHeight();
  ImGui::SetNextItemWidth(width > bw ? width - bw - ImGui::GetStyle().ItemInnerSpacing.x : width);
  ImGui::PopID();
  // The visible part of the label goes after the calendar button, as ImGui puts labels.
  std::string visible(label);
  visible = visible.substr(0, visible.find("##"));
  bool changed = input_text((std::string("##") + label).c_str(), text);
  ImGui::PushID(label);
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::Button("##cal", ImVec2(bw, bw))) {
    auto typed = parse_timestamp(text);
    g_picker.owner = owner;
    g_picker.cursor = typed ? day_of(*typed) : fallback;
    ImGui::OpenPopup("##calendar");
  }
  draw_icon(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  test_mark((std::string("date:") + label).c_str());
  item_tooltip(tr(S::calendar_open_tip));
  if (!visible.empty()) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(visible.c_str());
  }
  if (g_picker.owner == owner) g_picker.open = false;
  if (ImGui::BeginPopup("##calendar", ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_AlwaysAutoResize)) {
    if (g_picker.owner == owner) {
      g_picker.open = true;
      Day picked = draw_grid(fallback);
      if (picked >= 0) {
        std::string day = format_day(picked);
        if (with_time) {
          // Keep the typed time of day ("YYYY-MM-DD HH:MM"), midnight when there is none.
          std::string time = text.size() > 11 && parse_timestamp(text) ? text.substr(11) : std::string("00:00");
          day += " " + time;
        }
        changed = changed || day != text;
        text = day;
        g_picker.picked = day;
        ImGui::CloseCurrentPopup();
        g_picker.open = false;
      }
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace shopkeeper::ui
