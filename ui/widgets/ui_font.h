// The UI's font (issue #9 item 9): the CJK subset (build/<dir>/assets/ui-font.ttf, cmake/font.cmake)
// at the size the seller sees, added to an atlas the same way by the desktop and web host
// (ui/host/sdl_gl_host.cpp) and by the headless UI tests (tests/ui/harness.h), so the layout the
// tests measure is the one the browser draws: same glyphs, same advances, same line height.
// ImGui's default font (7 px a glyph, every CJK character drawn as one 7 px "?") measures text
// narrower than the real font and hid cut columns from the headless layout test.
#pragma once
#include <imgui.h>

#include <string>

namespace shopkeeper::ui {

// The font size in logical pixels.
inline constexpr float kUiFontSize = 15.0f;

// Adds the TrueType font `ttf_path` rasterised at `px` pixels, with printable ASCII, Latin-1 and
// the characters of `chars` (UTF-8, the subset's list), to `atlas`. Returns null when the file can
// not be read (the caller falls back to ImGui's default font). One atlas at a time: the glyph
// ranges it keeps must outlive the atlas' build.
ImFont* add_ui_font(ImFontAtlas& atlas, const std::string& ttf_path, const std::string& chars, float px);

}  // namespace shopkeeper::ui
