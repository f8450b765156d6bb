#include "ui/widgets/wrap_text.h"

#include <imgui_internal.h>

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace shopkeeper::ui {

namespace {

// What a character allows around it (a small part of Unicode's line-breaking rules, UAX #14).
struct Glyph {
  size_t at = 0, end = 0;  // bytes [at, end) of the text
  float advance = 0;
  bool space = false;      // ' ', '\t', U+3000 (ideographic space): a break after it
  bool newline = false;
  bool cjk = false;        // ideographs, kana, hangul, CJK and full-width punctuation
  bool no_break_before = false;  // closing punctuation: never starts a line
  bool no_break_after = false;   // opening punctuation, currency signs: never ends a line
};

bool is_cjk(unsigned int c) {
  return (c >= 0x2E80 && c <= 0x9FFF) ||    // radicals, CJK symbols & punctuation, kana, ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||    // hangul
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||    // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFFEF) ||    // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);    // ideograph extensions
}

bool closes(unsigned int c) {
  switch (c) {
    case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']': case '}': case '%':
    case 0x2030:  // ‰
    case 0x2019: case 0x201D:  // ’ ”
    case 0x2026:  // …
    case 0x3001: case 0x3002:  // 、。
    case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3017:  // 〉》」』】〕〗
    case 0x309D: case 0x309E: case 0x30FC: case 0x30FD: case 0x30FE:  // kana iteration marks, long vowel
    case 0xFF01: case 0xFF05: case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F:  // ！％），．：；？
    case 0xFF3D: case 0xFF5D: case 0xFF60:  // ］｝｠
      return true;
    default:
      return false;
  }
}

bool opens(unsigned int c) {
  switch (c) {
    case '(': case '[': case '{': case '$':
    case 0x00A3: case 0x00A5: case 0x20AC: case 0x20A9:  // £ ¥ € and the won sign
    case 0x2018: case 0x201C:  // ‘ “
    case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3016:  // 〈《「『【〔〖
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFFE5: case 0xFFE1: case 0xFF04:  // （［｛｟￥￡＄
      return true;
    default:
      return false;
  }
}

std::vector<Glyph> glyphs_of(std::string_view text, const ImFont* font, float scale) {
  std::vector<Glyph> out;
  out.reserve(text.size());
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    Glyph g;
    g.at = static_cast<size_t>(p - text.data());
    unsigned int c = 0;  // decoded as ImGui decodes what it draws (a bad byte: U+FFFD, one byte)
    p += ImTextCharFromUtf8(&c, p, end);
    g.end = static_cast<size_t>(p - text.data());
    g.newline = c == '\n';
    g.space = c == ' ' || c == '\t' || c == 0x3000;
    g.cjk = is_cjk(c);
    g.no_break_before = closes(c);
    g.no_break_after = opens(c);
    if (!g.newline && c != '\r')
      g.advance = (c <= 0xFFFF ? font->GetCharAdvance(static_cast<ImWchar>(c)) : font->FallbackAdvanceX) * scale;
    out.push_back(g);
  }
  return out;
}

// Whether a line may end before glyph i (i > 0, neither a newline).
bool may_break_before(const std::vector<Glyph>& gs, size_t i) {
  const Glyph& a = gs[i - 1];
  const Glyph& b = gs[i];
  if (b.space) return false;  // spaces stay at the end of the line they follow
  if (a.space) return true;   // a word after a space
  if (a.no_break_after || b.no_break_before) return false;
  return a.cjk || b.cjk;      // two non-CJK characters belong to one word or number
}

}  // namespace

std::string wrap_lines(std::string_view text, float width, const ImFont* font, float size) {
  if (!font || text.empty()) return std::string(text);
  const std::vector<Glyph> gs = glyphs_of(text, font, size / font->FontSize);
  std::string out;
  out.reserve(text.size() + 16);
  auto emit = [&](size_t from, size_t to) {  // glyphs [from, to) without trailing spaces
    while (to > from && gs[to - 1].space) --to;
    if (to > from) out.append(text.substr(gs[from].at, gs[to - 1].end - gs[from].at));
  };
  const size_t n = gs.size();
  size_t i = 0;
  bool first = true;
  while (i < n) {
    if (!first) {
      out += '\n';
      while (i < n && gs[i].space) ++i;  // a wrapped line starts at its first word
    }
    first = false;
    float w = 0;
    size_t brk = 0;  // the last place the line may end (0: none yet)
    size_t j = i;
    bool over = false;
    for (; j < n && !gs[j].newline; ++j) {
      if (j > i && may_break_before(gs, j)) brk = j;
      w += gs[j].advance;
      if (w > width && j > i && !gs[j].space) {
        over = true;
        break;
      }
    }
    if (!over) {
      emit(i, j);
      if (j < n) {  // a newline of the text's own: kept, and the line after it keeps its spaces
        out += '\n';
        first = true;
        ++j;
        if (j == n) break;
      }
      i = j;
      continue;
    }
    // The line is full at glyph j: end it at the last break, or cut a run too long for any line.
    size_t end = brk > i ? brk : j;
    emit(i, end);
    i = end;
  }
  return out;
}

void wrapped_text(std::string_view text) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  float wrap_pos_x = window->DC.TextWrapPos;
  if (wrap_pos_x < 0.0f) wrap_pos_x = 0.0f;  // nothing pushed: as TextWrapped, to the region's edge
  const float width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos_x);
  const std::string lines = wrap_lines(text, width, ImGui::GetFont(), ImGui::GetFontSize());
  ImGui::PushTextWrapPos(-1.0f);  // the lines are cut already: ImGui must not cut them again
  ImGui::TextUnformatted(lines.data(), lines.data() + lines.size());
  ImGui::PopTextWrapPos();
}

namespace {
std::string vformat(const char* fmt, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return {};
  std::string s(static_cast<size_t>(n) + 1, '\0');
  std::vsnprintf(s.data(), s.size(), fmt, args);
  s.resize(static_cast<size_t>(n));
  return s;
}
}  // namespace

void text_wrapped(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const std::string s = vformat(fmt, args);
  va_end(args);
  wrapped_text(s);
}

void text_wrapped_colored(const ImVec4& color, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const std::string s = vformat(fmt, args);
  va_end(args);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  wrapped_text(s);
  ImGui::PopStyleColor();
}

void text_wrapped_disabled(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const std::string s = vformat(fmt, args);
  va_end(args);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  wrapped_text(s);
  ImGui::PopStyleColor();
}

}  // namespace shopkeeper::ui
