// The Insights section's tabs (ui/panels/insights/*.cpp) and what they share. Words from
// ui/i18n/strings_insights.h; figures defined in docs/insights.md.
#pragma once
#include "ui/i18n/strings.h"
#include "ui/panels/insights.h"

namespace shopkeeper::ui::insights_panel {

void draw_bundles(PanelContext& cx, InsightsUi& ui);
void draw_clusters(PanelContext& cx, InsightsUi& ui);
void draw_titles(PanelContext& cx, InsightsUi& ui);
void draw_recommend(PanelContext& cx, InsightsUi& ui);
// The A/B test's inputs taken from the store (date ranges, channels or SKUs): fills ui.ab.
void draw_ab_source(PanelContext& cx, InsightsUi& ui);

// Co-purchase counts of the whole history for `min_together`, cached on the revision and
// counted over frames: null while counting (its progress and Cancel drawn) or cancelled (a Run
// again button drawn). Shared by the bundles and recommendations tabs.
const insights::CoPurchases* co_purchases(PanelContext& cx, InsightsBundlesUi& b, int min_together);
// "SKU title" of product `p`, for the lists.
std::string product_label(const Dataset& ds, int32_t p);

}  // namespace shopkeeper::ui::insights_panel
