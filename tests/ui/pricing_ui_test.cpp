// Issue #13: the Pricing section runs the elasticity estimate over frames (ui/widgets/
// sliced_job.h): the table waits with a progress bar and Cancel, a cancelled run offers to start
// again, and the finished result is exactly the core's compute_elasticity.
#include <doctest/doctest.h>

#include "tests/ui/harness.h"
#include <imgui.h>
#include <imgui_internal.h>

#include <string>

#include "core/pricing/elasticity.h"
#include "ui/app.h"
#include "ui/panels/pricing.h"
#include "ui/i18n/format.h"
#include "ui/sections.h"
#include "ui/widgets/layout_probe.h"

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

  // Issue #13 / #9 item 9: the section's four tables (economics, elasticity, price book,
  // competitors) give every column its widest text, measured over all rows, so at 1024x700 and
  // 1280x800, in both languages, no column cuts its text (the layout probe reads the columns ImGui
  // made), and the economics widths cover every row, not only the rows the clipper drew.
  TEST_CASE("pricing: fitted columns: no table of the section cuts a column, and the widths cover every row") {
    testing::HeadlessImGui imgui(testing::Font::app);  // measured with the app's font, as drawn
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app);
    // Competitor prices for two SKUs (a long competitor name), so the competitors' table is drawn too.
    const auto& ds = app.ws.dataset();
    REQUIRE(ds.sku.size() >= 2);
    const std::string a = ds.sku[0], b = ds.sku[1];
    REQUIRE(app.ws.write([&](Writer& w) {
      return w.db().exec("INSERT INTO competitor_prices(sku, competitor, day, price) VALUES('" + a + "', 'a-very-long-competitor-shop-name', " +
                         std::to_string(days_from_civil(2026, 11, 1)) + ", 123456), ('" + a + "', 'shopB', " +
                         std::to_string(days_from_civil(2026, 11, 2)) + ", 99), ('" + b + "', 'shopB', " +
                         std::to_string(days_from_civil(2026, 11, 3)) + ", 150000)");
    }, Workspace::Touches::records).ok());
    navigate(app, Section::pricing);
    PricingUi& ui = app.ui.pricing;
    int tables_seen = 0, sideways_seen = 0;
    for (ImVec2 size : {ImVec2(1024, 700), ImVec2(1280, 800)})
      for (Lang lang : {Lang::en, Lang::zh_CN}) {
        set_app_language(app, lang);
        for (int tab = 0; tab < 4; ++tab) {
          ui.tab_request = tab;
          testing::draw_frames(app, p, 3, size);
          for (int i = 0; i < 200 && app.ui.keep_drawing; ++i) testing::draw_frames(app, p, 1, size);
          testing::draw_frames(app, p, 2, size);
          std::string cut;
          for (const LayoutProblem& pr : layout_problems(size.x, size.y, 1.0f))
            if (pr.kind == LayoutProblem::column_clipped) cut += pr.where + " by " + std::to_string(pr.overflow) + " px\n";
          INFO(size.x, "x", size.y, " ", lang_code(lang), " tab ", tab, ":\n", cut);
          CHECK(cut.empty());
          ImGuiContext& g = *ImGui::GetCurrentContext();
          for (int t = 0; t < g.Tables.GetMapSize(); ++t)
            if (const ImGuiTable* tb = g.Tables.TryGetMapData(t); tb && tb->LastFrameActive == g.FrameCount) {
              ++tables_seen;
              // A table that scrolls sideways keeps its SKU column in view (frozen); one that fits does not freeze.
              if (std::string(ImGui::TableGetColumnName(tb, 0)) == tr(S::col_sku)) {
                CAPTURE(tb->ID);
                CHECK(tb->FreezeColumnsRequest == ((tb->Flags & ImGuiTableFlags_ScrollX) ? 1 : 0));
                if (tb->Flags & ImGuiTableFlags_ScrollX) ++sideways_seen;
              }
            }
        }
        REQUIRE(!ui.economics.rows.empty());
        REQUIRE(ui.competitors.positions.size() == 2);
        const auto& w = ui.fit_economics.width;
        REQUIRE(w.size() == 9);
        for (const auto& r : ui.economics.rows) {
          CAPTURE(r.sku);
          CHECK(w[0] >= ImGui::CalcTextSize(r.sku.c_str()).x);
          CHECK(w[2] >= ImGui::CalcTextSize(format_int(r.units, lang).c_str()).x);
          CHECK(w[3] >= ImGui::CalcTextSize(format_money(r.list_price, lang, "CNY").c_str()).x);
          CHECK(w[4] >= ImGui::CalcTextSize(format_money(r.realised_price, lang, "CNY").c_str()).x);
          if (r.contribution_per_unit) CHECK(w[5] >= ImGui::CalcTextSize(format_money(*r.contribution_per_unit, lang, "CNY").c_str()).x);
          if (r.contribution_per_order) CHECK(w[6] >= ImGui::CalcTextSize(format_money(*r.contribution_per_order, lang, "CNY").c_str()).x);
          if (r.contribution_margin_bp)
            CHECK(w[7] >= ImGui::CalcTextSize(format_percent(static_cast<double>(*r.contribution_margin_bp) / 10000.0).c_str()).x);
        }
      }
    CHECK(tables_seen >= 16);  // each of the 4 tabs drew its table at both sizes in both languages
    CHECK(sideways_seen >= 1);  // at 1024x700 the economics table (9 columns) scrolls sideways
  }
}
