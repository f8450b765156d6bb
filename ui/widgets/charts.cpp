#include "ui/widgets/charts.h"

#include <algorithm>
#include <cmath>

#include "ui/i18n/format.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

namespace {

ImU32 text_color() { return ImGui::GetColorU32(ImGuiCol_Text); }
ImU32 grid_color() { return ImGui::GetColorU32(ImGuiCol_Border, 0.6f); }
ImU32 dim_text() { return ImGui::GetColorU32(ImGuiCol_TextDisabled); }

void min_max(const std::vector<LineSeries>& s, double& lo, double& hi) {
  lo = INFINITY;
  hi = -INFINITY;
  for (const auto& ser : s)
    for (double v : ser.y)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  if (!std::isfinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (lo > 0) lo = 0;  // business figures read best from a zero baseline
  if (hi <= lo) hi = lo + 1;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float th) {
  float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len < 1) return;
  const float dash = 5, gap = 4;
  for (float t = 0; t < len; t += dash + gap) {
    float t2 = std::min(len, t + dash);
    dl->AddLine(ImVec2(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len),
                ImVec2(a.x + (b.x - a.x) * t2 / len, a.y + (b.y - a.y) * t2 / len), col, th);
  }
}

}  // namespace

ImU32 palette(int i) {
  static const ImU32 p[] = {IM_COL32(214, 92, 38, 255),  IM_COL32(46, 117, 182, 255), IM_COL32(84, 160, 90, 255),
                            IM_COL32(150, 90, 170, 255), IM_COL32(220, 170, 40, 255), IM_COL32(60, 170, 170, 255),
                            IM_COL32(200, 80, 120, 255), IM_COL32(120, 120, 120, 255)};
  return p[static_cast<size_t>(i) % (sizeof p / sizeof p[0])];
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  std::vector<double> out;
  if (!(hi > lo) || max_ticks < 2) {
    out.push_back(lo);
    return out;
  }
  double raw = (hi - lo) / (max_ticks - 1);
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  double start = std::floor(lo / step) * step;
  for (double v = start; v <= hi + step * 0.5; v += step) {
    double r = std::round(v / step) * step;  // kill accumulated error
    if (std::fabs(r) < step * 1e-9) r = 0;
    out.push_back(r);
    if (out.size() > static_cast<size_t>(max_ticks) * 3) break;
  }
  return out;
}

void line_chart(const char* id, ImVec2 size, const std::vector<Day>& x, const std::vector<LineSeries>& series,
                const ValueFormatter& fmt, Lang lang) {
  ImGui::PushID(id);
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  ImGui::InvisibleButton("##chart", size);
  tooltip_target();
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double lo, hi;
  min_max(series, lo, hi);
  // Nothing but zeros (or nothing): one zero line, not "¥0.00, ¥0.01, ¥0.01" ticks (issue #10).
  bool any_nonzero = false;
  for (const auto& ser : series)
    for (double v : ser.y) any_nonzero = any_nonzero || (std::isfinite(v) && v != 0);
  auto ticks = any_nonzero ? nice_ticks(lo, hi, 5) : std::vector<double>{0.0};
  lo = std::min(lo, ticks.front());
  hi = std::max(hi, ticks.back());
  float label_w = 0;
  for (double t : ticks) label_w = std::max(label_w, ImGui::CalcTextSize(fmt(t).c_str()).x);
  float fh = ImGui::GetFontSize();
  ImVec2 a(p0.x + label_w + 8, p0.y + 4), b(p0.x + size.x - 4, p0.y + size.y - fh - 6);
  auto ypix = [&](double v) { return static_cast<float>(b.y - (v - lo) / (hi - lo) * (b.y - a.y)); };
  for (double t : ticks) {
    float y = ypix(t);
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid_color());
    std::string s = fmt(t);
    dl->AddText(ImVec2(a.x - 6 - ImGui::CalcTextSize(s.c_str()).x, y - fh * 0.5f), dim_text(), s.c_str());
  }
  size_t n = x.size();
  auto xpix = [&](size_t i) {
    return n <= 1 ? (a.x + b.x) * 0.5f : a.x + (b.x - a.x) * static_cast<float>(i) / static_cast<float>(n - 1);
  };
  if (n > 0) {
    size_t label_every = std::max<size_t>(1, n / 6);
    for (size_t i = 0; i < n; i += label_every) {
      std::string s = format_date_short(x[i], lang);
      float w = ImGui::CalcTextSize(s.c_str()).x;
      float xx = std::clamp(xpix(i) - w * 0.5f, a.x, b.x - w);
      dl->AddText(ImVec2(xx, b.y + 4), dim_text(), s.c_str());
    }
  }
  for (const auto& s : series) {
    size_t m = std::min(n, s.y.size());
    for (size_t i = 1; i < m; ++i) {
      if (!std::isfinite(s.y[i - 1]) || !std::isfinite(s.y[i])) continue;
      ImVec2 p(xpix(i - 1), ypix(s.y[i - 1])), q(xpix(i), ypix(s.y[i]));
      if (s.dashed) dashed_line(dl, p, q, s.color, 1.5f);
      else dl->AddLine(p, q, s.color, 2.0f);
    }
    if (m == 1 && std::isfinite(s.y[0])) dl->AddCircleFilled(ImVec2(xpix(0), ypix(s.y[0])), 3, s.color);
  }
  if (hovered && n > 0) {
    float mx = ImGui::GetIO().MousePos.x;
    size_t i = n <= 1 ? 0 : static_cast<size_t>(std::clamp<int64_t>(std::llround((mx - a.x) / (b.x - a.x) * static_cast<float>(n - 1)), 0, static_cast<int64_t>(n - 1)));
    dl->AddLine(ImVec2(xpix(i), a.y), ImVec2(xpix(i), b.y), dim_text());
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(format_date(x[i], lang).c_str());
    for (const auto& s : series) {
      if (i >= s.y.size()) continue;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s %s: %s", s.dashed ? "┄" : "━", s.label.c_str(),
                         std::isfinite(s.y[i]) ? fmt(s.y[i]).c_str() : "—");
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

void sparkline(const char* id, const std::vector<double>& y, ImVec2 size, ImU32 color) {
  ImGui::PushID(id);
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double lo = INFINITY, hi = -INFINITY;
  for (double v : y)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  if (y.size() >= 2 && std::isfinite(lo)) {
    if (hi <= lo) hi = lo + 1;
    auto pt = [&](size_t i) {
      return ImVec2(p0.x + size.x * static_cast<float>(i) / static_cast<float>(y.size() - 1),
                    p0.y + size.y - 1 - static_cast<float>((y[i] - lo) / (hi - lo)) * (size.y - 2));
    };
    for (size_t i = 1; i < y.size(); ++i)
      if (std::isfinite(y[i - 1]) && std::isfinite(y[i])) dl->AddLine(pt(i - 1), pt(i), color, 1.5f);
  }
  ImGui::PopID();
}

int bar_chart(const char* id, ImVec2 size, const std::vector<Bar>& bars, const ValueFormatter& fmt) {
  ImGui::PushID(id);
  int clicked = -1;
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  float fh = ImGui::GetFontSize();
  float row_h = fh + 8;
  float label_w = 0, value_w = 0;
  double hi = 0;
  for (const auto& b : bars) {
    label_w = std::max(label_w, ImGui::CalcTextSize(b.label.c_str()).x);
    value_w = std::max(value_w, ImGui::CalcTextSize(fmt(b.value).c_str()).x);
    hi = std::max(hi, std::fabs(b.value));
  }
  // Labels wider than a third of the chart (a narrow window, long Chinese or English factor
  // names) go on their own line above each bar instead of being cut (issue #9 item 9).
  const bool stacked = label_w > size.x * 0.35f;
  float bar_top = 0;
  if (stacked) {
    label_w = 0;
    bar_top = fh + 2;
    row_h = fh + 2 + fh + 8;
  }
  if (hi <= 0) hi = 1;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < bars.size(); ++i) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("##bar", ImVec2(size.x, row_h))) clicked = static_cast<int>(i);
    tooltip_target();
    bool hov = ImGui::IsItemHovered();
    ImGui::PopID();
    const Bar& b = bars[i];
    dl->PushClipRect(p, ImVec2(p.x + (stacked ? size.x : label_w), p.y + row_h), true);
    dl->AddText(ImVec2(p.x, p.y + (stacked ? 1 : 4)), text_color(), b.label.c_str());
    dl->PopClipRect();
    p.y += bar_top;
    float x0 = p.x + (stacked ? 0 : label_w + 8);
    float w = (size.x - (stacked ? 0 : label_w + 8) - value_w - 12) * static_cast<float>(std::fabs(b.value) / hi);
    ImU32 col = b.color ? b.color : palette(0);
    if (hov) {
      ImVec4 c4 = ImGui::ColorConvertU32ToFloat4(col);
      col = ImGui::ColorConvertFloat4ToU32(ImVec4(c4.x * 0.85f, c4.y * 0.85f, c4.z * 0.85f, c4.w));
    }
    dl->AddRectFilled(ImVec2(x0, p.y + 3), ImVec2(x0 + std::max(1.0f, w), p.y + row_h - bar_top - 3), col, 2);
    std::string v = fmt(b.value);
    dl->AddText(ImVec2(x0 + w + 6, p.y + 4), text_color(), v.c_str());
    if (hov) {
      ImGui::BeginTooltip();
      ImGui::Text("%s: %s", b.label.c_str(), v.c_str());
      ImGui::EndTooltip();
    }
  }
  ImGui::PopID();
  return clicked;
}

void stacked_bar_chart(const char* id, ImVec2 size, const std::vector<std::string>& columns,
                       const std::vector<std::string>& stack_labels, const std::vector<std::vector<double>>& stacks,
                       const std::vector<ImU32>& colors, const ValueFormatter& fmt) {
  ImGui::PushID(id);
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##stack", size);
  tooltip_target();
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  size_t n = columns.size();
  double hi = 0;
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (const auto& s : stacks)
      if (i < s.size() && std::isfinite(s[i]) && s[i] > 0) sum += s[i];
    hi = std::max(hi, sum);
  }
  auto ticks = nice_ticks(0, hi > 0 ? hi : 1, 5);
  hi = ticks.back();
  float fh = ImGui::GetFontSize();
  float label_w = 0;
  for (double t : ticks) label_w = std::max(label_w, ImGui::CalcTextSize(fmt(t).c_str()).x);
  ImVec2 a(p0.x + label_w + 8, p0.y + 4), b(p0.x + size.x - 4, p0.y + size.y - fh - 6);
  for (double t : ticks) {
    float y = static_cast<float>(b.y - t / hi * (b.y - a.y));
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid_color());
    std::string s = fmt(t);
    dl->AddText(ImVec2(a.x - 6 - ImGui::CalcTextSize(s.c_str()).x, y - fh * 0.5f), dim_text(), s.c_str());
  }
  if (n == 0) {
    ImGui::PopID();
    return;
  }
  float slot = (b.x - a.x) / static_cast<float>(n);
  float bw = std::max(2.0f, slot * 0.7f);
  int hover_col = -1;
  if (hovered) hover_col = static_cast<int>((ImGui::GetIO().MousePos.x - a.x) / slot);
  size_t label_every = std::max<size_t>(1, static_cast<size_t>(n * 60.0f / std::max(1.0f, b.x - a.x)) + 1);
  for (size_t i = 0; i < n; ++i) {
    float x = a.x + slot * static_cast<float>(i) + (slot - bw) * 0.5f;
    double acc = 0;
    for (size_t s = 0; s < stacks.size(); ++s) {
      double v = i < stacks[s].size() && std::isfinite(stacks[s][i]) ? std::max(0.0, stacks[s][i]) : 0.0;
      float y0 = static_cast<float>(b.y - acc / hi * (b.y - a.y));
      float y1 = static_cast<float>(b.y - (acc + v) / hi * (b.y - a.y));
      dl->AddRectFilled(ImVec2(x, y1), ImVec2(x + bw, y0), s < colors.size() ? colors[s] : palette(static_cast<int>(s)));
      acc += v;
    }
    if (i % label_every == 0) dl->AddText(ImVec2(x, b.y + 4), dim_text(), columns[i].c_str());
  }
  if (hover_col >= 0 && static_cast<size_t>(hover_col) < n) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(columns[static_cast<size_t>(hover_col)].c_str());
    for (size_t s = 0; s < stacks.size(); ++s) {
      double v = static_cast<size_t>(hover_col) < stacks[s].size() ? stacks[s][static_cast<size_t>(hover_col)] : NAN;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s < colors.size() ? colors[s] : palette(static_cast<int>(s))),
                         "■ %s: %s", s < stack_labels.size() ? stack_labels[s].c_str() : "", std::isfinite(v) ? fmt(v).c_str() : "—");
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

void heatmap(const char* id, ImVec2 size, const std::vector<std::string>& rows, const std::vector<std::string>& cols,
             const std::vector<std::vector<double>>& values, const ValueFormatter& fmt, ImU32 hot) {
  ImGui::PushID(id);
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##heat", size);
  tooltip_target();
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float fh = ImGui::GetFontSize();
  float label_w = 0;
  for (const auto& r : rows) label_w = std::max(label_w, ImGui::CalcTextSize(r.c_str()).x);
  double hi = 0;
  for (const auto& r : values)
    for (double v : r)
      if (std::isfinite(v)) hi = std::max(hi, v);
  if (hi <= 0) hi = 1;
  ImVec2 a(p0.x + label_w + 8, p0.y + fh + 6), b(p0.x + size.x, p0.y + size.y);
  size_t nr = rows.size(), nc = cols.size();
  if (nr == 0 || nc == 0) {
    ImGui::PopID();
    return;
  }
  float cw = (b.x - a.x) / static_cast<float>(nc), ch = (b.y - a.y) / static_cast<float>(nr);
  ImVec4 hot4 = ImGui::ColorConvertU32ToFloat4(hot);
  ImVec4 cold4(0.96f, 0.96f, 0.96f, 1);
  for (size_t c = 0; c < nc; ++c) {
    if (cw > ImGui::CalcTextSize(cols[c].c_str()).x + 2 || c % std::max<size_t>(1, static_cast<size_t>(40 / std::max(1.0f, cw))) == 0)
      dl->AddText(ImVec2(a.x + cw * static_cast<float>(c) + 2, p0.y), dim_text(), cols[c].c_str());
  }
  for (size_t r = 0; r < nr; ++r) {
    float y = a.y + ch * static_cast<float>(r);
    dl->AddText(ImVec2(p0.x, y + (ch - fh) * 0.5f), text_color(), rows[r].c_str());
    for (size_t c = 0; c < nc; ++c) {
      double v = r < values.size() && c < values[r].size() ? values[r][c] : NAN;
      if (!std::isfinite(v)) continue;
      float t = static_cast<float>(std::clamp(v / hi, 0.0, 1.0));
      ImVec4 col(cold4.x + (hot4.x - cold4.x) * t, cold4.y + (hot4.y - cold4.y) * t, cold4.z + (hot4.z - cold4.z) * t, 1);
      ImVec2 q(a.x + cw * static_cast<float>(c), y);
      dl->AddRectFilled(ImVec2(q.x + 1, q.y + 1), ImVec2(q.x + cw - 1, q.y + ch - 1), ImGui::ColorConvertFloat4ToU32(col));
      if (cw > 38 && ch > fh) {
        std::string s = fmt(v);
        ImU32 tc = t > 0.55f ? IM_COL32(255, 255, 255, 255) : IM_COL32(40, 40, 40, 255);
        dl->AddText(ImVec2(q.x + 3, q.y + (ch - fh) * 0.5f), tc, s.c_str());
      }
    }
  }
  if (hovered) {
    ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x >= a.x && m.y >= a.y) {
      size_t c = static_cast<size_t>((m.x - a.x) / cw), r = static_cast<size_t>((m.y - a.y) / ch);
      if (r < nr && c < nc) {
        double v = r < values.size() && c < values[r].size() ? values[r][c] : NAN;
        ImGui::BeginTooltip();
        ImGui::Text("%s · %s: %s", rows[r].c_str(), cols[c].c_str(), std::isfinite(v) ? fmt(v).c_str() : "—");
        ImGui::EndTooltip();
      }
    }
  }
  ImGui::PopID();
}

void funnel_chart(const char* id, ImVec2 size, const std::vector<std::string>& steps, const std::vector<double>& values,
                  int worst, const ValueFormatter& fmt, const char* worst_label) {
  ImGui::PushID(id);
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  size_t n = std::min(steps.size(), values.size());
  if (n == 0) {
    ImGui::PopID();
    return;
  }
  float fh = ImGui::GetFontSize();
  float row = size.y / static_cast<float>(n);
  float label_w = 0;
  for (const auto& s : steps) label_w = std::max(label_w, ImGui::CalcTextSize(s.c_str()).x);
  float area = size.x - label_w - 16;
  double top = values[0] > 0 ? values[0] : 1;
  for (size_t i = 0; i < n; ++i) {
    float y = p0.y + row * static_cast<float>(i);
    dl->AddText(ImVec2(p0.x, y + (row - fh) * 0.5f), text_color(), steps[i].c_str());
    // Widths on a square-root scale, so late steps (a few % of visitors) stay visible.
    float w = area * static_cast<float>(std::sqrt(std::max(0.0, values[i]) / top));
    float cx = p0.x + label_w + 16 + area * 0.5f;
    ImU32 col = static_cast<int>(i) == worst ? IM_COL32(200, 60, 40, 255) : palette(1);
    dl->AddRectFilled(ImVec2(cx - w * 0.5f, y + 3), ImVec2(cx + w * 0.5f, y + row - 3), col, 3);
    std::string s = fmt(values[i]);
    if (i > 0 && values[i - 1] > 0) s += "  (" + format_percent(values[i] / values[i - 1]) + ")";
    if (static_cast<int>(i) == worst && worst_label) s += std::string("  ◀ ") + worst_label;
    float tw = ImGui::CalcTextSize(s.c_str()).x;
    bool inside = tw + 8 < w;
    float tx = inside ? cx - tw * 0.5f : cx + w * 0.5f + 6;
    dl->AddText(ImVec2(tx, y + (row - fh) * 0.5f), inside ? IM_COL32(255, 255, 255, 255) : text_color(), s.c_str());
  }
  ImGui::PopID();
}

}  // namespace shopkeeper::ui
