#include "ui/widgets/list_edit.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "ui/i18n/strings.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

std::vector<std::string> split_list_text(std::string_view text) {
  std::string s(text);
  for (const char* sep : {"，", "、", "；"})
    for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep)) s.replace(p, std::strlen(sep), ",");
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t c = s.find_first_of(",;\t\r\n", start);
    if (c == std::string::npos) c = s.size();
    size_t b = start, e = c;
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    if (e > b) out.push_back(s.substr(b, e - b));
    start = c + 1;
  }
  return out;
}

size_t add_to_list(std::vector<std::string>& items, const std::vector<std::string>& values) {
  size_t added = 0;
  for (const auto& v : values)
    if (std::find(items.begin(), items.end(), v) == items.end()) {
      items.push_back(v);
      ++added;
    }
  return added;
}

namespace {
const char* const kRemove = "×";

float chip_width(const std::string& item) {
  const ImGuiStyle& s = ImGui::GetStyle();
  return ImGui::CalcTextSize(item.c_str()).x + ImGui::CalcTextSize(kRemove).x + 4 * s.FramePadding.x + s.ItemSpacing.x;
}

bool contains_ci(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

// The add field's buffer is the std::string itself (grown by the resize callback). On an edit
// that puts a separator in it, the values it closes are taken out of the field (ImGui's own
// edit buffer, so the field shows what is left): a typed comma closes the values before it, a
// paste (more than one character at once) closes everything.
struct AddField {
  std::string* text;
  size_t before;
  std::vector<std::string> closed;
};

int add_field_callback(ImGuiInputTextCallbackData* data) {
  auto* f = static_cast<AddField*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    f->text->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = f->text->data();
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
    std::string_view t(data->Buf, static_cast<size_t>(data->BufTextLen));
    size_t last = t.find_last_of(",;\t\r\n");
    if (last == std::string_view::npos) {
      // ， and 、 typed through an input method close a value too.
      for (const char* sep : {"，", "、", "；"}) {
        size_t p = t.rfind(sep);
        if (p != std::string_view::npos && (last == std::string_view::npos || p > last)) last = p + std::strlen(sep) - 1;
      }
    }
    if (last == std::string_view::npos) return 0;
    bool pasted = static_cast<size_t>(data->BufTextLen) > f->before + 1;
    size_t cut = pasted ? t.size() : last + 1;
    f->closed = split_list_text(t.substr(0, cut));
    data->DeleteChars(0, static_cast<int>(cut));
  }
  return 0;
}

// The picker popup: a search field and the matching values, a click adds one.
bool draw_picker(std::vector<std::string>& items, ListEditState& st, const ListChoices& ch) {
  bool changed = false;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, ImGui::GetFontSize() * 20));
  if (!ImGui::BeginPopup("##pick")) return false;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  input_text("##search", st.search, 0, tr(S::list_search_hint));
  const auto& values = *ch.values;
  std::vector<int> shown;
  for (size_t i = 0; i < values.size(); ++i)
    if (contains_ci(values[i], st.search) || (ch.labels && i < ch.labels->size() && contains_ci((*ch.labels)[i], st.search)))
      shown.push_back(static_cast<int>(i));
  ImGui::BeginChild("##rows");
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(shown.size()));
  while (clip.Step())
    for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
      size_t i = static_cast<size_t>(shown[static_cast<size_t>(r)]);
      bool in = std::find(items.begin(), items.end(), values[i]) != items.end();
      std::string row = values[i];
      if (ch.labels && i < ch.labels->size() && !(*ch.labels)[i].empty()) row += "  " + (*ch.labels)[i];
      if (in) row += std::string("  (") + tr(S::list_added) + ")";
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(row.c_str(), in, ImGuiSelectableFlags_DontClosePopups) && !in) {
        items.push_back(values[i]);
        changed = true;
      }
      ImGui::PopID();
    }
  ImGui::EndChild();
  ImGui::EndPopup();
  return changed;
}
}  // namespace

int list_chip_rows(const std::vector<std::string>& items, float width) {
  int rows = items.empty() ? 0 : 1;
  float x = 0;
  for (const auto& it : items) {
    float w = chip_width(it);
    if (x > 0 && x + w > width) {
      ++rows;
      x = 0;
    }
    x += w;
  }
  return rows;
}

bool list_edit(const char* id, std::vector<std::string>& items, ListEditState& st, float width, const ListChoices* choices) {
  bool changed = false;
  ImGui::PushID(id);
  ImGui::BeginGroup();
  const ImGuiStyle& style = ImGui::GetStyle();
  if (!items.empty()) {
    // The chips, wrapped to the width; a long list scrolls inside at most five rows.
    int rows = list_chip_rows(items, width - style.ScrollbarSize);
    float step = ImGui::GetTextLineHeight() + style.ItemSpacing.y;
    float h = static_cast<float>(std::min(rows, 5)) * step + style.WindowPadding.y;
    ImGui::BeginChild("##chips", ImVec2(width, h), false);
    int remove = -1, edit = -1;
    float x = 0, avail = ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < items.size(); ++i) {
      float w = chip_width(items[i]);
      if (x > 0 && x + w <= avail) ImGui::SameLine();
      else if (x > 0) x = 0;
      x += w;
      ImGui::PushID(static_cast<int>(i));
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
      if (ImGui::SmallButton(items[i].c_str())) edit = static_cast<int>(i);
      item_tooltip(tr(S::list_edit_tip));
      ImGui::SameLine(0, 0);
      if (ImGui::SmallButton(kRemove)) remove = static_cast<int>(i);
      item_tooltip(tr(S::list_remove_tip));
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::EndChild();
    if (edit >= 0) {
      st.pending = items[static_cast<size_t>(edit)];
      remove = edit;
    }
    if (remove >= 0) {
      items.erase(items.begin() + remove);
      changed = true;
    }
  }
  // The add field: Enter (or the Add button) adds what is typed; a typed comma closes a value;
  // a pasted list is added whole.
  float buttons = ImGui::CalcTextSize(tr(S::list_add)).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
  if (choices) buttons += ImGui::CalcTextSize(tr(S::list_pick)).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
  ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 5, width - buttons));
  AddField f{&st.pending, st.pending.size(), {}};
  bool enter = ImGui::InputTextWithHint("##add", tr(S::list_add_hint), st.pending.data(), st.pending.capacity() + 1,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackResize |
                                            ImGuiInputTextFlags_CallbackEdit,
                                        add_field_callback, &f);
  test_mark((std::string("list:") + id).c_str());
  changed |= add_to_list(items, f.closed) > 0;
  ImGui::SameLine();
  if (ImGui::Button(tr(S::list_add)) || enter) {
    changed |= add_to_list(items, split_list_text(st.pending)) > 0;
    st.pending.clear();
  }
  if (choices && choices->values) {
    ImGui::SameLine();
    if (ImGui::Button(tr(S::list_pick))) {
      st.search.clear();
      ImGui::OpenPopup("##pick");
    }
    item_tooltip(tr(S::list_pick_tip));
    changed |= draw_picker(items, st, *choices);
  }
  if (items.size() > 3) {
    ImGui::TextDisabled(tr(S::list_count), static_cast<int>(items.size()));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::list_clear))) {
      items.clear();
      changed = true;
    }
  }
  ImGui::EndGroup();
  ImGui::PopID();
  return changed;
}

}  // namespace shopkeeper::ui
