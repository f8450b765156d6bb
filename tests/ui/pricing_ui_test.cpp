// Issue #13: the Pricing section runs the elasticity estimate over frames (ui/widgets/
// sliced_job.h): the table waits with a progress bar and Cancel, a cancelled run offers to start
// again, and the finished result is exactly the core's compute_elasticity.
#include <doctest/doctest.h>

#include "tests/ui/harness.h"
#include <imgui.h>

#include "core/pricing/elasticity.h"
#include "ui/app.h"
#include "ui/panels/pricing.h"
#include "ui/sections.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

TEST_SUITE("pricing ui") {
  TEST_CASE("pricing: the elasticity run is sliced over frames, can be cancelled, and ends with the core's result") {
    testing::HeadlessImGui imgui;
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app, 6000);
    navigate(app, Section::pricing);
    PricingUi& ui = app.ui.pricing;
    ui.tab_request = 1;  // the elasticity tab
    // A slice of one SKU per frame: 60 SKUs take many frames, each drawn with the progress bar.
    ui.elasticity_slice = AdaptiveSlice({1, 1, 1, 1000.0, 1000.0});
    testing::draw_frames(app, p, 1);
    REQUIRE(ui.elasticity_run);
    CHECK(ui.elasticity_job.running);
    const int64_t skus = ui.elasticity_run->skus();
    CHECK(skus > 20);
    CHECK(ui.elasticity_run->fitted() >= 1);
    CHECK(ui.elasticity_run->fitted() < skus);
    CHECK(ui.elasticity.rows.empty());  // nothing shown until the run ends
    // The panel's slice is re-made by the frame (AdaptiveSlice keeps its limits): one SKU a frame.
    const int64_t before = ui.elasticity_run->fitted();
    testing::draw_frames(app, p, 3);
    CHECK(ui.elasticity_run->fitted() == before + 3);

    // Cancel: the run is dropped, the tab offers to estimate again.
    ui.elasticity_job.cancel();
    ui.elasticity_run.reset();
    testing::draw_frames(app, p, 2);
    CHECK(ui.elasticity_job.cancelled);
    CHECK_FALSE(ui.elasticity_run);
    CHECK(ui.elasticity.rows.empty());

    // Again (as the button does), with the usual slices: it ends, with the core's figures.
    ui.revision = -1;
    ui.elasticity_slice = AdaptiveSlice({64, 4, 100000, 8.0, 40.0});
    for (int i = 0; i < 200 && (ui.elasticity_job.running || ui.revision != app.ws.revision()); ++i) testing::draw_frames(app, p, 1);
    CHECK_FALSE(ui.elasticity_job.running);
    CHECK_FALSE(ui.elasticity_job.cancelled);
    auto tables = app.ws.pricing_tables();
    REQUIRE(tables.ok());
    const auto want = pricing::compute_elasticity(app.ws.dataset(), tables->elasticity, pricing::ElasticityQuery{});
    REQUIRE(ui.elasticity.rows.size() == want.rows.size());
    CHECK(static_cast<int64_t>(want.rows.size()) == skus);
    for (size_t i = 0; i < want.rows.size(); ++i) {
      const auto& a = ui.elasticity.rows[i];
      const auto& b = want.rows[i];
      CHECK(a.sku == b.sku);
      CHECK(a.usable == b.usable);
      CHECK(a.elasticity == b.elasticity);
      CHECK(a.ci_low == b.ci_low);
      CHECK(a.n_obs == b.n_obs);
    }
    CHECK(ui.elasticity.categories.size() == want.categories.size());
  }
}
