// A metric's label and definition in each language (issue #17 item 3): the core names a metric by
// its code (core/analytics/metrics.h Metric and its snake_case name) and holds no words for it;
// the UI and the CLI word it here. No default in the switches: a new metric without its words is
// a -Wswitch warning, and tests/ui/ui_test.cpp checks every metric has both languages.
#pragma once
#include <string>

#include "core/analytics/metrics.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

const char* metric_label(Metric m, Lang lang);       // "Sales (paid)" / "销售额（实付）"
const char* metric_definition(Metric m, Lang lang);  // how the figure is computed, in words
// A value of `m` as the UI shows it in sentences: money "¥1,299.00", counts "12,345", rates
// "3.25%", seconds "12 s" / "12秒", ratios "1.50"; "—" when undefined.
std::string metric_value_text(Metric m, double v, Lang lang);

}  // namespace shopkeeper::ui
