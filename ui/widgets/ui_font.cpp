#include "ui/widgets/ui_font.h"

namespace shopkeeper::ui {

ImFont* add_ui_font(ImFontAtlas& atlas, const std::string& ttf_path, const std::string& chars, float px) {
  if (ttf_path.empty() || chars.empty()) return nullptr;
  static ImVector<ImWchar> ranges;  // must outlive the atlas build
  ranges.clear();
  ImFontGlyphRangesBuilder b;
  b.AddRanges(atlas.GetGlyphRangesDefault());
  b.AddText(chars.c_str(), chars.c_str() + chars.size());
  b.BuildRanges(&ranges);
  ImFontConfig fc;
  fc.OversampleH = 1;  // CJK glyphs: horizontal oversampling mostly costs atlas space
  fc.OversampleV = 1;
  fc.PixelSnapH = true;
  return atlas.AddFontFromFileTTF(ttf_path.c_str(), px, &fc, ranges.Data);
}

}  // namespace shopkeeper::ui
