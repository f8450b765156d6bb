// Charts drawn with ImDrawList (ImPlot is not packaged in Debian): line (with a comparison
// overlay), sparkline, horizontal bars, stacked bars, heatmap and funnel. Hover shows values;
// axes use "nice" ticks (1, 2, 5 x 10^k) and the caller's locale formatter.
// Charts draw what they are given; they never compute analytics.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/base/date.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

using ValueFormatter = std::function<std::string(double)>;

// Ticks at 1, 2 or 5 x 10^k covering [lo, hi], at most about `max_ticks` of them.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks);

struct LineSeries {
  std::string label;
  std::vector<double> y;  // NaN = gap
  ImU32 color = IM_COL32(214, 92, 38, 255);
  bool dashed = false;    // comparison periods are drawn dashed
};

// x is one Day per point (the first series' points); other series are aligned by index
// (a comparison period of the same length).
void line_chart(const char* id, ImVec2 size, const std::vector<Day>& x, const std::vector<LineSeries>& series,
                const ValueFormatter& fmt, Lang lang);
void sparkline(const char* id, const std::vector<double>& y, ImVec2 size, ImU32 color);

struct Bar {
  std::string label;
  double value = 0;
  ImU32 color = 0;  // 0 = default
};
// Horizontal bars, longest first as given; returns the index clicked or -1.
int bar_chart(const char* id, ImVec2 size, const std::vector<Bar>& bars, const ValueFormatter& fmt);

// Vertical stacked bars: stacks[s][i] is the value of stack `s` at column i.
void stacked_bar_chart(const char* id, ImVec2 size, const std::vector<std::string>& columns,
                       const std::vector<std::string>& stack_labels, const std::vector<std::vector<double>>& stacks,
                       const std::vector<ImU32>& colors, const ValueFormatter& fmt);

// values[r][c]; NaN = empty cell. Colour scales from light to `hot` over [0, max].
void heatmap(const char* id, ImVec2 size, const std::vector<std::string>& rows, const std::vector<std::string>& cols,
             const std::vector<std::vector<double>>& values, const ValueFormatter& fmt, ImU32 hot);

// Steps drawn as centred bars shrinking with the value; `worst` (or -1) is marked.
void funnel_chart(const char* id, ImVec2 size, const std::vector<std::string>& steps, const std::vector<double>& values,
                  int worst, const ValueFormatter& fmt, const char* worst_label);

// A qualitative palette for series and stacks.
ImU32 palette(int i);

}  // namespace shopkeeper::ui
