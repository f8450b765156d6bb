// Wrapped text that never breaks inside a number (issue #9): ImGui 1.86 wraps only at spaces
// and after '.' ',' ';' '!' '?', and cuts a "word" longer than the line anywhere, so a Chinese
// sentence (one long word to ImGui) broke at any glyph and "上升49.5%" came out as "上升49." /
// "5%". These widgets choose the breaks themselves and hand ImGui lines that are already cut.
// Every wrapped text in ui/ goes through them (tests/core/layers_test.cpp forbids
// ImGui::TextWrapped outside ui/widgets/).
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>

namespace shopkeeper::ui {

// `text` with a '\n' at each break so that no line is wider than `width` (measured in `font` at
// pixel size `size`). Breaks are allowed at spaces (dropped at the line's end and start) and
// between two characters where either is CJK (ideographs, kana, hangul, CJK punctuation), never
// inside a run of other characters (digits, '.', ',', '%', '+', '-', currency signs, Latin
// letters: a number, a price, a SKU, an English word), never before closing punctuation
// (，。、）」% , . ) ...) and never after opening punctuation (（「“ ( ¥ $ ...). A run wider than
// the whole line is cut where it must be (as ImGui does). Existing '\n' are kept.
std::string wrap_lines(std::string_view text, float width, const ImFont* font, float size);

// ImGui::TextUnformatted with those breaks, wrapped at the position pushed by
// ImGui::PushTextWrapPos, or, when none is, at the right edge of the content region (the
// window's or the table cell's), as ImGui::TextWrapped does.
void wrapped_text(std::string_view text);
// ImGui::TextWrapped with those breaks.
void text_wrapped(const char* fmt, ...) IM_FMTARGS(1);
// The same in a colour (ImGui::TextColored / TextDisabled, wrapped).
void text_wrapped_colored(const ImVec4& color, const char* fmt, ...) IM_FMTARGS(2);
void text_wrapped_disabled(const char* fmt, ...) IM_FMTARGS(1);

}  // namespace shopkeeper::ui
