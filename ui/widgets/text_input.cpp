#include "ui/widgets/text_input.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <vector>

#include "ui/widgets/layout_probe.h"

namespace shopkeeper::ui {

TextInputInfo active_text_input() {
  TextInputInfo info;
  ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g) return info;
  const ImGuiInputTextState& st = g->InputTextState;
  if (g->ActiveId == 0 || st.ID != g->ActiveId) return info;
  info.active = true;
  // InputTextEx clears st.Flags at the end of each call; what stays while the field is active is
  // the navigation it claimed: Up/Down only for a multiline field (or a history callback).
  info.multiline = (g->ActiveIdUsingNavDirMask & (1u << ImGuiDir_Up)) != 0;
  if (st.TextW.Size > 0) {
    std::vector<char> out(static_cast<size_t>(st.CurLenW) * 4 + 1);
    int n = ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), st.TextW.Data, st.TextW.Data + st.CurLenW);
    info.value.assign(out.data(), static_cast<size_t>(n));
  }
  info.caret_x = g->PlatformImePos.x + 1.0f;
  info.caret_y = g->PlatformImePos.y;
  info.line_height = g->FontSize;
  return info;
}

std::string paste_for_single_line(std::string_view clip) {
  if (clip.find_first_of("\r\n\t") == std::string_view::npos) return std::string(clip);
  std::string out;
  size_t i = 0;
  while (i <= clip.size()) {
    size_t end = clip.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = clip.size();
    std::string_view row = clip.substr(i, end - i);
    // Cells of the row, joined by one space; blank cells dropped.
    std::string line;
    size_t c = 0;
    while (c <= row.size()) {
      size_t t = row.find('\t', c);
      if (t == std::string_view::npos) t = row.size();
      std::string_view cell = row.substr(c, t - c);
      while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
      if (!cell.empty()) {
        if (!line.empty()) line += ' ';
        line += cell;
      }
      c = t + 1;
    }
    if (!line.empty()) {
      if (!out.empty()) out += ", ";
      out += line;
    }
    if (end >= clip.size()) break;
    i = end + 1;
    if (clip[end] == '\r' && i < clip.size() && clip[i] == '\n') ++i;
  }
  return out;
}

const char* adapt_clipboard_for_active_field(const char* clip) {
  static std::string adapted;
  if (!clip) return clip;
  TextInputInfo info = active_text_input();
  if (!info.active || info.multiline) return clip;
  adapted = paste_for_single_line(clip);
  return adapted.c_str();
}

namespace {
int resize_callback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}
}  // namespace

bool input_text(const char* label, std::string& value, int flags, const char* hint) {
  flags |= ImGuiInputTextFlags_CallbackResize;
  const bool changed = hint ? ImGui::InputTextWithHint(label, hint, value.data(), value.capacity() + 1, flags, resize_callback, &value)
                            : ImGui::InputText(label, value.data(), value.capacity() + 1, flags, resize_callback, &value);
  note_text_field();  // its text scrolls inside it: the layout probe does not count it as cut
  return changed;
}

bool input_text_multiline(const char* label, std::string& value, float width, float height, int flags) {
  flags |= ImGuiInputTextFlags_CallbackResize;
  return ImGui::InputTextMultiline(label, value.data(), value.capacity() + 1, ImVec2(width, height), flags,
                                   resize_callback, &value);
}

void draw_preedit(const std::string& preedit) {
  if (preedit.empty()) return;
  TextInputInfo info = active_text_input();
  if (!info.active) return;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  ImVec2 p(info.caret_x, info.caret_y);
  ImVec2 size = ImGui::CalcTextSize(preedit.c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  dl->AddRectFilled(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size.x + 2, p.y + info.line_height + 2),
                    ImGui::GetColorU32(ImGuiCol_PopupBg));
  dl->AddText(p, ImGui::GetColorU32(ImGuiCol_Text), preedit.c_str());
  // Composition text is underlined, as system input methods draw it.
  float y = p.y + info.line_height + 1;
  dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + size.x, y), ImGui::GetColorU32(ImGuiCol_Text), style.FrameBorderSize + 1.0f);
}

}  // namespace shopkeeper::ui
