// The text a headless frame drew, read back from its vertex buffers (ui_test.cpp's "trust" test and
// tests/ui/planning_test.cpp; see the comment above ui_test.cpp's Chinese-words test for how;
// call after ImGui::Render()).
#pragma once
#include <doctest/doctest.h>
#include <imgui.h>

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "ui/platform.h"

namespace shopkeeper::ui::test {

struct DrawnText {
  std::vector<std::string> lines;
};
inline DrawnText scan_drawn_text() {
  DrawnText out;
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  struct Key {
    float u0, v0, u1, v1;
    bool operator<(const Key& o) const {
      return std::tie(u0, v0, u1, v1) < std::tie(o.u0, o.v0, o.u1, o.v1);
    }
  };
  std::map<Key, const ImFontGlyph*> glyphs;
  // A glyph cut at its bottom by a clip rectangle (the descender of "g" in a small button) keeps
  // its top and its width in the atlas: found by those.
  std::map<std::tuple<float, float, float>, const ImFontGlyph*> tops;
  for (const ImFontGlyph& g : font->Glyphs)
    if (g.Visible) glyphs.emplace(Key{g.U0, g.V0, g.U1, g.V1}, &g), tops.emplace(std::make_tuple(g.U0, g.V0, g.U1), &g);
  ImDrawData* dd = ImGui::GetDrawData();
  REQUIRE(dd != nullptr);
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = dd->CmdLists[l]->VtxBuffer;
    std::string line;
    float next_x = 0, y = -1e9f, advance = 0;
    for (int i = 0; i + 3 < v.Size;) {
      auto it = glyphs.find(Key{v[i].uv.x, v[i].uv.y, v[i + 2].uv.x, v[i + 2].uv.y});
      const ImFontGlyph* found = it != glyphs.end() ? it->second : nullptr;
      if (!found) {
        auto t = tops.find(std::make_tuple(v[i].uv.x, v[i].uv.y, v[i + 2].uv.x));
        if (t != tops.end() && v[i + 2].uv.y < t->second->V1) found = t->second;
      }
      if (!found || v[i + 1].uv.x != v[i + 2].uv.x || v[i + 3].uv.x != v[i].uv.x) {
        ++i;
        continue;
      }
      const ImFontGlyph& g = *found;
      float x = v[i].pos.x - g.X0, top = v[i].pos.y - g.Y0;
      if (std::fabs(top - y) > 0.5f || x < next_x - 0.5f || x > next_x + 4 * advance) {
        if (!line.empty()) out.lines.push_back(line);
        line.clear();
      } else if (x > next_x + 0.5f) {
        line += ' ';
      }
      line += static_cast<char>(g.Codepoint < 128 ? g.Codepoint : '?');
      y = top, advance = g.AdvanceX, next_x = x + g.AdvanceX;
      i += 4;
    }
    if (!line.empty()) out.lines.push_back(line);
  }
  return out;
}

}  // namespace shopkeeper::ui::test
