// Issue #14: the Insights rules and bundles tabs run over frames (ui/widgets/sliced_job.h),
// headless over a small demo store. With one step a frame (InsightsUi::slice_ms = 0, 500 orders
// a step) the runs take several frames with a progress bar, end with the core's one-shot
// results (store_baskets + mine_rules, co_purchases + bundle_suggestions), and Cancel leaves
// the Run again button; new inputs start a new run. Uses the shared harness (tests/ui/harness.h)
// and drawn-text scanner (tests/ui/drawn_text.h).
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "core/insights/recommend.h"
#include "core/insights/rules.h"
#include "ui/app.h"
#include "ui/panels/panels.h"
#include "tests/ui/drawn_text.h"
#include "tests/ui/harness.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

std::string insights_frame(App& app, Platform& p) { return testing::draw_frame_text(app, p, ImVec2(1600, 1200)); }

}  // namespace

TEST_SUITE("insights-ui") {
  TEST_CASE("insights: the rules and bundles tabs run over frames with progress and cancel") {
    testing::HeadlessImGui imgui;
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app, 6000, 60, 12);
    set_app_language(app, Lang::en);
    navigate(app, Section::insights);
    InsightsUi& ui = app.ui.insights;
    ui.slice_ms = 0;  // one step a frame,
    ui.slice_orders = 500;  // of 500 orders where a step goes through orders (about 3,000 here)
    const Dataset& ds = app.ws.dataset();

    // Rules: category level, support 0.01, confidence 0.2, pruned (the tab's defaults).
    ui.tab_request = 0;
    insights_frame(app, p);  // the tab bar selects the tab, the run starts
    int frames = 0;
    bool progress_seen = false;
    while (ui.rules_run.running && frames < 500) {
      const std::string text = insights_frame(app, p);
      progress_seen = progress_seen || text.find("Finding rules") != std::string::npos;
      ++frames;
    }
    CHECK(frames > 3);  // baskets, counting, ranking, tree, one item per step, rules, sort
    CHECK(progress_seen);
    REQUIRE(ui.rules_error.empty());
    REQUIRE(ui.rules_ok);
    insights::BasketQuery bq;
    bq.level = insights::BasketLevel::category;
    bq.range = app.ui.range.range;
    const insights::StoreBaskets sb = insights::store_baskets(ds, bq);
    insights::RuleQuery q;
    q.min_support = {1, 100};
    q.min_confidence = {2, 10};
    q.prune = true;
    auto want = insights::mine_rules(sb.baskets, q);
    REQUIRE(want.ok());
    CHECK(ui.rules.transactions == want->transactions);
    REQUIRE(ui.rules.rules.size() == want->rules.size());
    CHECK(!want->rules.empty());
    for (size_t i = 0; i < want->rules.size(); ++i) {
      CAPTURE(i);
      CHECK(insights::itemset_label(ui.baskets, ui.rules.rules[i].lhs) == insights::itemset_label(sb.baskets, want->rules[i].lhs));
      CHECK(ui.rules.rules[i].count == want->rules[i].count);
    }
    // A new threshold starts a new run; Cancel stops it and offers Run again.
    ui.support = "0.02";
    insights_frame(app, p);
    CHECK(ui.rules_run.running);
    ui.rules_run.cancel();
    std::string text = insights_frame(app, p);
    CHECK_FALSE(ui.rules_run.running);
    CHECK(text.find("Finding rules was cancelled.") != std::string::npos);
    CHECK(text.find("Run again") != std::string::npos);
    ui.support = "0.01";  // back to the first inputs: a new run, to the same rules
    for (int i = 0; i < 500 && (i == 0 || ui.rules_run.running); ++i) insights_frame(app, p);
    CHECK(ui.rules.rules.size() == want->rules.size());

    // Bundles: the co-purchase counts, then the triples, each over frames; then the core's list.
    ui.tab_request = 1;
    insights_frame(app, p);
    frames = 0;
    bool counting_seen = false, bundles_seen = false;
    while ((ui.bundles.co_run.running || ui.bundles.run.running || frames == 0) && frames < 500) {
      text = insights_frame(app, p);
      counting_seen = counting_seen || text.find("Counting pairs") != std::string::npos;
      bundles_seen = bundles_seen || text.find("Finding bundles") != std::string::npos;
      ++frames;
    }
    CHECK(frames > 2);
    CHECK(counting_seen);
    CHECK(bundles_seen);
    insights::CoQuery cq;  // the tab's defaults: 3 together, lift 1.5, 10 % off, triples
    cq.min_together = 3;
    cq.min_lift = 1.5;
    cq.discount_bp = 1000;
    cq.max_items = 3;
    const insights::CoPurchases co = insights::co_purchases(ds, cq);
    const auto bundles = insights::bundle_suggestions(ds, co, cq);
    CHECK(ui.bundles.co.baskets == co.baskets);
    REQUIRE(ui.bundles.bundles.size() == bundles.size());
    for (size_t i = 0; i < bundles.size(); ++i) {
      CAPTURE(i);
      CHECK(ui.bundles.bundles[i].items == bundles[i].items);
      CHECK(ui.bundles.bundles[i].together == bundles[i].together);
      CHECK(ui.bundles.bundles[i].price == bundles[i].price);
    }
    // Pairs only: a new run; cancelled, it offers Run again, which runs to the pairs.
    ui.bundles.triples = false;
    insights_frame(app, p);
    if (ui.bundles.run.running) {
      ui.bundles.run.cancel();
      text = insights_frame(app, p);
      CHECK(text.find("Finding bundles was cancelled.") != std::string::npos);
      ui.bundles.key.clear();  // what Run again does
    }
    for (int i = 0; i < 500 && (i == 0 || ui.bundles.run.running); ++i) insights_frame(app, p);
    cq.max_items = 2;
    CHECK(ui.bundles.bundles.size() == insights::bundle_suggestions(ds, co, cq).size());
  }
}
