#include "ui/widgets/layout_probe.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <map>
#include <utility>

#include "ui/i18n/format.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {

int g_field_frame = -1;
std::vector<ImRect> g_fields;  // the text fields drawn in frame g_field_frame

// Glyphs that the last frame drew cut on their right by a clip rectangle of their own (ImFont's
// CPU clipping: the quad's right edge and texture coordinate moved left), outside text fields.
void find_cut_text(std::vector<LayoutProblem>& out, float slack) {
  ImDrawData* dd = ImGui::GetDrawData();
  if (!dd || !dd->Valid) return;
  const ImGuiIO& io = ImGui::GetIO();
  // A glyph's quad starts at its atlas corner (U0, V0) unless it was cut on the left or the top.
  std::map<std::pair<float, float>, const ImFontGlyph*> glyphs;
  for (const ImFont* f : io.Fonts->Fonts)
    for (const ImFontGlyph& g : f->Glyphs)
      if (g.Visible && g.U1 > g.U0) glyphs.emplace(std::make_pair(g.U0, g.V0), &g);
  const std::vector<ImRect> fields = ImGui::GetFrameCount() == g_field_frame ? g_fields : std::vector<ImRect>{};
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImDrawList* dl = dd->CmdLists[l];
    const ImVector<ImDrawVert>& v = dl->VtxBuffer;
    std::string last_where;
    for (int i = 0; i + 3 < v.Size; ++i) {
      auto it = glyphs.find(std::make_pair(v[i].uv.x, v[i].uv.y));
      if (it == glyphs.end()) continue;
      const ImFontGlyph& g = *it->second;
      // The four corners of one glyph's quad: top-left, top-right, bottom-right, bottom-left.
      const bool quad = v[i + 1].pos.y == v[i].pos.y && v[i + 2].pos.x == v[i + 1].pos.x && v[i + 3].pos.x == v[i].pos.x &&
                        v[i + 1].uv.x == v[i + 2].uv.x && v[i + 3].uv.x == v[i].uv.x && v[i + 3].uv.y == v[i + 2].uv.y;
      if (!quad || v[i + 2].uv.x >= g.U1) continue;
      const float full_w = (v[i + 2].pos.x - v[i].pos.x) * (g.U1 - g.U0) / std::max(v[i + 2].uv.x - v[i].uv.x, 1e-6f);
      const float cut = full_w - (v[i + 2].pos.x - v[i].pos.x);
      if (cut <= slack) continue;
      const ImVec2 at((v[i].pos.x + v[i + 2].pos.x) / 2, (v[i].pos.y + v[i + 2].pos.y) / 2);
      bool in_field = false;
      for (const ImRect& r : fields) in_field = in_field || r.Contains(at);
      if (in_field) continue;
      const unsigned c = g.Codepoint;
      std::string where = strf("%s text cut after '%s' at %d,%d", dl->_OwnerName ? dl->_OwnerName : "?",
                               c >= 32 && c < 127 ? std::string(1, static_cast<char>(c)).c_str() : strf("U+%04X", c).c_str(),
                               static_cast<int>(v[i + 2].pos.x), static_cast<int>(v[i].pos.y));
      if (where != last_where) out.push_back({LayoutProblem::text_cut, where, cut});
      last_where = where;
      i += 3;
    }
  }
}

}  // namespace

void note_text_field() {
  const int f = ImGui::GetFrameCount();
  if (f != g_field_frame) {
    g_fields.clear();
    g_field_frame = f;
  }
  g_fields.emplace_back(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

std::vector<LayoutProblem> layout_problems(float display_w, float display_h, float slack) {
  std::vector<LayoutProblem> out;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip)) continue;
    // A window of its own (popup, modal) must lie inside the display.
    if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) {
      float over = std::max({w->Pos.x + w->Size.x - display_w, w->Pos.y + w->Size.y - display_h, -w->Pos.x, -w->Pos.y});
      if (over > slack) out.push_back({LayoutProblem::window_overflow, strf("%s (outside the display)", w->Name), over});
    }
    // A multi-line text field's own child (ImGui begins it with NoMove, which no panel's child
    // uses): an editor whose text scrolls with the caret.
    const bool text_editor = (w->Flags & ImGuiWindowFlags_ChildWindow) && (w->Flags & ImGuiWindowFlags_NoMove) &&
                             !(w->Flags & ImGuiWindowFlags_Popup);
    if (text_editor) continue;
    const ImRect& vis = w->InnerClipRect;
    if (vis.GetWidth() <= 0 || vis.GetHeight() <= 0) continue;  // collapsed or zero-sized
    float over_x = w->DC.CursorMaxPos.x - vis.Max.x;
    if (!w->ScrollbarX && over_x > slack) out.push_back({LayoutProblem::window_overflow, w->Name, over_x});
    float over_y = w->DC.CursorMaxPos.y - vis.Max.y;
    if ((w->Flags & ImGuiWindowFlags_NoScrollbar) && !w->ScrollbarY && over_y > slack)
      out.push_back({LayoutProblem::window_overflow, strf("%s (bottom)", w->Name), over_y});
  }
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    ImGuiTable* t = g.Tables.TryGetMapData(i);
    if (!t || t->LastFrameActive != g.FrameCount) continue;
    // A table scrolled sideways may clip what is scrolled away, not what is too wide for its column.
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (!col.IsEnabled) continue;
      float content = std::max({col.ContentMaxXFrozen, col.ContentMaxXUnfrozen, col.ContentMaxXHeadersIdeal});
      float over = content - col.WorkMaxX;
      if (over > slack)
        out.push_back({LayoutProblem::column_clipped,
                       strf("%s table %08x column %d \"%s\"", t->OuterWindow ? t->OuterWindow->Name : "?", t->ID, c,
                            ImGui::TableGetColumnName(t, c)),
                       over});
    }
  }
  for (const TestMark& m : test_marks()) {
    float over = std::max(m.x1 - display_w, -m.x0);
    if (!m.scrolls_y) over = std::max({over, m.y1 - display_h, -m.y0});
    if (over > slack) out.push_back({LayoutProblem::mark_offscreen, m.name, over});
  }
  find_cut_text(out, slack);
  return out;
}

}  // namespace shopkeeper::ui
