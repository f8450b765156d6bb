// The focused ImGui text field as the hosts see it: whether one is active, its whole text, where
// its caret is (for the IME candidate window and the hidden browser text element) and how a
// pasted block of text is made to fit a single-line field.
#pragma once
#include <string>
#include <string_view>

namespace shopkeeper::ui {

struct TextInputInfo {
  bool active = false;     // a text field has keyboard focus (io.WantTextInput and an edit state)
  bool multiline = false;  // InputTextMultiline
  std::string value;       // its whole text, UTF-8 (the live edit buffer, not the caller's copy)
  float caret_x = 0, caret_y = 0;  // top-left of the caret line, in logical pixels
  float line_height = 0;
};

// Read after the frame's widgets were submitted (after draw, before or after Render).
TextInputInfo active_text_input();

// Clipboard text for a single-line field: a column or block copied from a spreadsheet
// ("A\r\nB\r\nC\r\n", cells separated by tabs) becomes one line, rows joined by ", " and cells
// by " "; empty rows are dropped and a trailing line break is not a row. Text without line
// breaks or tabs is returned as it is.
std::string paste_for_single_line(std::string_view clip);

// ImGui's clipboard text with paste_for_single_line applied when the focused field is
// single-line; hosts install it as io.GetClipboardTextFn's post-processing.
const char* adapt_clipboard_for_active_field(const char* clip);

// InputText over a std::string that grows as the user types (ImGui's resize callback): the
// whole value is kept, never cut at a buffer size. Returns true when the text changed.
bool input_text(const char* label, std::string& value, int flags = 0, const char* hint = nullptr);
bool input_text_multiline(const char* label, std::string& value, float width, float height, int flags = 0);

// Composition text of an input method (拼音 before it is committed), drawn at the caret of the
// focused field over the frame; empty when nothing is being composed.
void draw_preedit(const std::string& preedit);

}  // namespace shopkeeper::ui
