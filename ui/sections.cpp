// The section registry's table and dispatch, made from the rows of ui/sections.h.
#include "ui/sections.h"

#include "ui/app.h"

namespace shopkeeper::ui {

namespace {

#define SK_SECTION_ROW(id, State, draw, label, about) {Section::id, #id, S::label, S::about, State::built},
constexpr SectionInfo kSections[] = {SK_SECTIONS(SK_SECTION_ROW)};
#undef SK_SECTION_ROW
static_assert(sizeof(kSections) / sizeof(kSections[0]) == static_cast<size_t>(Section::count_));

using DrawFn = void (*)(PanelContext&, UiState&);
#define SK_SECTION_DRAW(id, State, draw, label, about) [](PanelContext& cx, UiState& ui) { draw(cx, ui.id); },
constexpr DrawFn kDraw[] = {SK_SECTIONS(SK_SECTION_DRAW)};
#undef SK_SECTION_DRAW

}  // namespace

const SectionInfo& section_info(Section s) { return kSections[static_cast<size_t>(s)]; }
const SectionInfo* sections_begin() { return kSections; }
const SectionInfo* sections_end() { return kSections + static_cast<size_t>(Section::count_); }
const char* section_name(Section s) { return section_info(s).name; }

bool parse_section(std::string_view name, Section& out) {
  for (const SectionInfo& s : kSections) {
    if (name == s.name) {
      out = s.section;
      return true;
    }
  }
  return false;
}

void draw_section(Section s, PanelContext& cx, UiState& ui) { kDraw[static_cast<size_t>(s)](cx, ui); }

}  // namespace shopkeeper::ui
