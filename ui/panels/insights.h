// Insights section: its state and its draw function (ui/panels/insights.cpp, the tabs in
// ui/panels/insights/). Tabs: association rules over the range's orders, bundles (pairs and
// triples priced with the loss guard, saved as a draft bundle promotion), customer clusters
// (sliced, saved as a Members segment), listing titles, recommendations per customer and the
// A/B test. Each tab recomputes only when the data revision or one of its inputs changes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/insights/abtest.h"
#include "core/insights/bundle.h"
#include "core/insights/clusters.h"
#include "core/insights/recommend.h"
#include "core/insights/rules.h"
#include "core/insights/titles.h"
#include "ui/section.h"
#include "ui/widgets/sliced_job.h"

namespace shopkeeper::ui {

struct InsightsBundlesUi {
  int min_together = 3;
  float min_lift = 1.5f;
  std::string discount = "10";  // percent off the list prices (the stated default)
  bool triples = true;
  std::string key;  // inputs + revision the list was made for
  int64_t co_key_revision = -1;
  int co_key_min = -1;
  insights::CoPurchases co;
  int slice_ms = 12, slice_orders = 20000;  // InsightsUi's
  SlicedJob co_run;  // counting the co-purchases over frames (shared with recommendations)
  std::optional<insights::CoPurchaseJob> co_job;
  SlicedJob run;  // the bundles (triples) over frames
  std::optional<insights::BundleJob> job;
  std::vector<insights::Bundle> bundles;
  std::string error;
  int selected = -1;
  std::string guard_key;
  bool guard_ok = false;
  std::string guard_error;
  insights::BundleGuard guard;
  std::string saved;  // the last saved draft's id
};

struct InsightsClustersUi {
  int k = 0;  // 0 = chosen by silhouette
  int k_done = -1;
  int64_t revision = -1;
  SlicedJob run;
  std::optional<insights::ClusterJob> job;
  bool ok = false;
  std::string error;
  insights::ClusterResult result;
  std::string segment_name;
  int saved_cluster = -1;
  std::string saved;
};

struct InsightsTitlesUi {
  int64_t revision = -1;
  std::string key;
  bool loaded = false;
  std::vector<std::string> banned;     // the stored list (default from assets/data)
  std::vector<insights::Keyword> keywords;
  std::string keywords_name, keywords_error;
  std::vector<insights::TitleReport> reports;
  int64_t with_findings = 0;
  std::string new_term;
  std::string paste;  // the keyword report being pasted
  bool only_findings = true;
};

struct InsightsRecommendUi {
  std::string key;
  SlicedJob run;
  std::optional<insights::RecommendJob> job;
  std::vector<insights::Recommendation> recs;
  int64_t customers = 0;
};

struct InsightsUi {
  static constexpr bool built = true;
  int tab_request = -1;  // 0 rules, 1 bundles, 2 clusters, 3 titles, 4 recommendations, 5 A/B; -1 = keep
  // Work per frame of the rules, co-purchase and bundle jobs: steps until this many ms have
  // passed, at least one step (tests set 0: one step a frame), of slice_orders orders each
  // where a step goes through orders.
  int slice_ms = 12;
  int slice_orders = 20000;
  // Rules inputs and the cached result.
  int level = 1;  // 0 sku, 1 category
  std::string support = "0.01";
  std::string confidence = "0.2";
  int64_t rules_revision = -1;
  DayRange rules_range{0, -1};
  int rules_level = -1;
  std::string rules_support, rules_confidence;
  insights::Baskets baskets;
  SlicedJob rules_run;  // the baskets, then the mining, over frames
  std::optional<insights::StoreBasketJob> basket_job;
  std::optional<insights::RuleJob> rule_job;  // reads `baskets`
  bool rules_ok = false;
  std::string rules_error;
  insights::RuleResult rules;
  InsightsBundlesUi bundles;
  InsightsClustersUi clusters;
  InsightsTitlesUi titles;
  InsightsRecommendUi recommend;
  // A/B inputs and the cached result.
  int ab_source = 0;  // 0 typed in, 1 two date ranges, 2 two channels, 3 two SKUs
  std::string ab_from[2], ab_to[2];  // date ranges of A and B (empty: set from the top bar's range)
  int ab_channel[2] = {0, 1};                                // traffic sources of A and B
  std::string ab_sku[2];
  std::string ab_store_key, ab_store_error;
  int ab[4] = {1000, 100, 1000, 130};  // A visitors, A conversions, B visitors, B conversions
  int ab_done[4] = {-1, -1, -1, -1};
  bool ab_ok = false;
  std::string ab_error;
  insights::AbResult ab_result;
};

void draw_insights_panel(PanelContext& cx, InsightsUi& ui);

}  // namespace shopkeeper::ui
