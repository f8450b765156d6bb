// Insights section: its state and its draw function (ui/panels/insights.cpp).
// Two tabs: association rules over the range's orders (recomputed only when the data revision,
// the range or an input changes) and an A/B test calculator (recomputed when an input changes).
#pragma once
#include <cstdint>
#include <string>

#include "core/insights/abtest.h"
#include "core/insights/rules.h"
#include "ui/section.h"

namespace shopkeeper::ui {

struct InsightsUi {
  static constexpr bool built = true;
  // Rules inputs and the cached result.
  int level = 1;  // 0 sku, 1 category
  std::string support = "0.01";
  std::string confidence = "0.2";
  int64_t rules_revision = -1;
  DayRange rules_range{0, -1};
  int rules_level = -1;
  std::string rules_support, rules_confidence;
  insights::Baskets baskets;
  bool rules_ok = false;
  std::string rules_error;
  insights::RuleResult rules;
  // A/B inputs and the cached result.
  int ab[4] = {1000, 100, 1000, 130};  // A visitors, A conversions, B visitors, B conversions
  int ab_done[4] = {-1, -1, -1, -1};
  bool ab_ok = false;
  std::string ab_error;
  insights::AbResult ab_result;
};

void draw_insights_panel(PanelContext& cx, InsightsUi& ui);

}  // namespace shopkeeper::ui
