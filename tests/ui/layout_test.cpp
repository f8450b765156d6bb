// Issue #9 item 9: every section and tab is usable from 1024x700 up. Each section, each tab of
// every tab bar it draws (walked generically, so a new tab is checked without listing it), in
// English and in Chinese, is drawn at 1024x700 and at 1280x800 and the layout ImGui made is read
// back (ui/widgets/layout_probe.h): no window has items past its right edge without a scroll
// bar, no table column cuts its text, and no marked button lies outside the display. The same
// probe runs in Chromium through the test API (tests/e2e/layout.test.mjs). The walk draws with the
// app's own font (ui/widgets/ui_font.h), not ImGui's default: the default font's 7 px glyphs (every
// CJK character one 7 px "?") measured text narrower than the browser draws it, and two cut
// columns (the loss guard's 单位成本, the campaign plan's inputs at 1024x700) showed only there.
#include <doctest/doctest.h>
#include <imgui.h>

#include <map>
#include <set>
#include <string>

#include "ui/app.h"
#include "ui/panels/panels.h"
#include "ui/sections.h"
#include "ui/widgets/layout_probe.h"
#include "harness.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

const char* kind_name(LayoutProblem::Kind k) {
  return k == LayoutProblem::window_overflow  ? "overflow"
         : k == LayoutProblem::column_clipped ? "clipped"
         : k == LayoutProblem::text_cut       ? "cut"
                                              : "off-screen";
}

}  // namespace

// Sections whose tables still cut text in some column at 1024x700 (#9 item 9, not done: their
// tables squeeze every column in proportion; ui/widgets/fit_table.h is how Promotions, Planning,
// Members and Insights stopped). Their cut columns are listed in the test's output, not
// failed; a section listed here that no longer cuts anything fails the test, so the list only
// shrinks. Windows that hide items and buttons off the display fail in every section.
const std::set<std::string> kStillCutting = {};

TEST_SUITE("ui") {
  TEST_CASE("layout: at 1024x700 and 1280x800, in both languages, no section or tab hides an action or cuts text (issue #9 item 9)") {
    testing::HeadlessImGui imgui(testing::Font::app);  // measured as the browser measures
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app);
    for (ImVec2 size : {ImVec2(1024, 700), ImVec2(1280, 800)}) {
      for (Lang lang : {Lang::en, Lang::zh_CN}) {
        set_app_language(app, lang);
        std::map<std::string, std::string> found, still;  // problem -> view
        std::set<std::string> cutting;                     // listed sections that cut a column
        int views = 0;
        std::string section;
        auto view = [&](const std::string& where) {
          // Enough frames for a sliced job (the loss guard) to finish and its banner to show.
          testing::draw_frames(app, p, 3, size);
          for (int i = 0; i < 200 && app.ui.keep_drawing; ++i) testing::draw_frames(app, p, 1, size);
          testing::draw_frames(app, p, 2, size);
          ++views;
          for (const LayoutProblem& pr : layout_problems(size.x, size.y, 1.0f)) {
            std::string what = std::string(kind_name(pr.kind)) + " " + pr.where + " by " + std::to_string(int(pr.overflow + 0.5f)) + " px";
            const bool cuts = pr.kind == LayoutProblem::column_clipped || pr.kind == LayoutProblem::text_cut;
            if (cuts && kStillCutting.count(section)) {
              still.emplace(what, where);
              cutting.insert(section);
            } else {
              found.emplace(what, where);
            }
          }
        };
        for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
          auto s = static_cast<Section>(i);
          section = section_name(s);
          navigate(app, s);
          view(section);
          testing::walk_tabs([&](const std::string& tab) { view(section + " tab " + tab); });
        }
        std::string report, listed;
        for (const auto& [what, where] : found) report += where + ": " + what + "\n";
        for (const auto& [what, where] : still) listed += where + ": " + what + "\n";
        const std::string at = std::to_string(int(size.x)) + "x" + std::to_string(int(size.y)) + " " + lang_code(lang);
        MESSAGE(at, ": ", still.size(), " cut columns in the sections still to fix:\n", listed);
        INFO(at, ", ", views, " views:\n", report);
        CHECK(views >= 30);
        CHECK(found.empty());
        if (size.x == 1024 && lang == Lang::en)  // where the listed sections are known to cut
          for (const auto& sec : kStillCutting) {
            INFO(sec, " no longer cuts a column at 1024x700: remove it from kStillCutting");
            CHECK(cutting.count(sec) == 1);
          }
      }
    }
  }
}

namespace {

// The text-cut problems the last frame drew, one line each.
std::string cut_text_found() {
  std::string s;
  for (const LayoutProblem& pr : layout_problems(ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y, 1.0f))
    if (pr.kind == LayoutProblem::text_cut || pr.kind == LayoutProblem::column_clipped)
      s += pr.where + " by " + std::to_string(int(pr.overflow + 0.5f)) + " px\n";
  return s;
}

}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("layout probe: text cut inside a fixed-width button or pick list is seen, and not when its words fit") {
    testing::HeadlessImGui imgui;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    auto frame = [&](float width) {
      ImGui::NewFrame();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(800, 600));
      ImGui::Begin("probe", nullptr, ImGuiWindowFlags_NoDecoration);
      // 44 characters of the default font (7 px each: about 308 px of text).
      const char* words = "Guangzhou Baiyun Tea Trading Company Limited";
      ImGui::Button(words, ImVec2(width, 0));
      ImGui::SetNextItemWidth(width);
      if (ImGui::BeginCombo("##pick", words, ImGuiComboFlags_NoArrowButton)) ImGui::EndCombo();
      ImGui::End();
      ImGui::Render();
    };
    // 125 px: both cut through the "T" of "Tea" (the layout alone does not show it: each item is
    // as wide as asked). Text starts at 8 + 4 px; the frame ends at 8 + 125 = 133 px, inside the
    // 18th glyph (12 + 17 * 7 = 131 to 138 px).
    frame(125);
    const std::string narrow = cut_text_found();
    CAPTURE(narrow);
    int found = 0;
    for (size_t at = narrow.find("text cut"); at != std::string::npos; at = narrow.find("text cut", at + 1)) ++found;
    CHECK(found == 2);
    CHECK(narrow.find("probe") != std::string::npos);  // named by its window
    // 400 px: the words fit, nothing is cut.
    frame(400);
    CHECK(cut_text_found().empty());
  }

  TEST_CASE("layout: the Products list shows long supplier names whole in its Supplier pick lists (issue #9 item 9)") {
    testing::HeadlessImGui imgui(testing::Font::app);
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app);
    // Long names of different lengths (so the cut does not fall between two glyphs in all of them).
    REQUIRE(app.ws.store().db().exec("UPDATE suppliers SET name = 'Guangzhou Baiyun District Tea Trading Company ' || "
                                      "substr('Limited Holdings Group', 1, 7 + id % 9) || ' No. ' || id").ok());
    REQUIRE(app.ws.store().db().exec("UPDATE products SET supplier_id = (SELECT min(id) FROM suppliers) + "
                                     "(rowid % (SELECT count(*) FROM suppliers))").ok());
    // Without the demo's product report: its three traffic columns make the list wider than 1280 px,
    // so the Supplier column would be one sideways scroll away (checked at 1024 px below).
    REQUIRE(app.ws.store().db().exec("DELETE FROM facts.product_traffic").ok());
    for (ImVec2 size : {ImVec2(1280, 800), ImVec2(1024, 700)}) {
      for (Lang lang : {Lang::en, Lang::zh_CN}) {
        set_app_language(app, lang);
        navigate(app, Section::products);
        testing::draw_frames(app, p, 4, size);
        const std::string cut = cut_text_found();
        INFO(int(size.x), "x", int(size.y), " ", std::string(lang_code(lang)), ":\n", cut);
        CHECK(cut.empty());
        // At 1280 px the supplier's whole name is in view (the drawn text holds it on one line); at
        // 1024 px the list scrolls sideways to it.
        const std::string drawn = testing::draw_frame_text(app, p, size);
        if (size.x == 1280) CHECK(drawn.find("Guangzhou Baiyun District Tea Trading Company Limited") != std::string::npos);
      }
    }
  }
}

TEST_SUITE("ui") {
  // The loss guard's findings table draws a screenful of rows through a clipper; its columns are
  // measured over every finding once the check is done (ui/widgets/fit_table.h, fit_table_cover),
  // so a long title on the last row is not cut when scrolled to. Fitted to the drawn rows only,
  // the Title column stayed as wide as the titles in view.
  TEST_CASE("layout: the loss guard keeps the app drawing while it searches, and its columns are as wide as the widest finding, drawn or not (issue #9 item 9)") {
    testing::HeadlessImGui imgui(testing::Font::app);
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app);
    const ImVec2 size(1024, 700);
    navigate(app, Section::promotions);
    // A sliced job asks for the next frame at once (ui/widgets/sliced_job.h): the loss guard did
    // not, so an idle browser or desktop advanced it one slice per 250 ms redraw (the layout e2e
    // caught it at 200 of 295 SKUs well after the tab opened). run_guard relies on it.
    app.ui.promotions.tab_request = 2;
    testing::draw_frames(app, p, 1, size);
    REQUIRE(app.ui.promotions.guard);
    REQUIRE(app.ui.promotions.guard->job.running);
    CHECK(app.ui.keep_drawing);
    auto run_guard = [&] {
      app.ui.promotions.tab_request = 2;  // the loss guard
      testing::draw_frames(app, p, 3, size);
      for (int i = 0; i < 400 && app.ui.keep_drawing; ++i) testing::draw_frames(app, p, 1, size);
      testing::draw_frames(app, p, 3, size);
    };
    run_guard();
    REQUIRE(app.ui.promotions.guard);
    PromoGuardUi& g = *app.ui.promotions.guard;
    REQUIRE(g.job.done());
    REQUIRE(g.order.size() >= 40);  // far more rows than a 700 px window shows
    // A long title on the last row (the sort does not depend on titles).
    const std::string sku = g.job.findings[g.order.back()].sku;
    const std::string title = "Guangzhou Baiyun District Tea Trading Company Limited Holdings Gift Box";
    REQUIRE(app.ws.write([&](Writer& w) { return w.db().exec("UPDATE products SET title = '" + title + "' WHERE sku = '" + sku + "'"); }).ok());
    run_guard();
    REQUIRE(g.job.done());
    REQUIRE(g.job.findings[g.order.back()].sku == sku);
    const std::string drawn = testing::draw_frame_text(app, p, size);
    CHECK(drawn.find("Gift Box") == std::string::npos);  // the row is not drawn: below the fold
    ImGuiContext& ctx = *ImGui::GetCurrentContext();
    int found = 0;
    for (int t = 0; t < ctx.Tables.GetMapSize(); ++t) {
      const ImGuiTable* tb = ctx.Tables.TryGetMapData(t);
      if (!tb || tb->LastFrameActive != ctx.FrameCount || tb->ColumnsCount != 8) continue;
      if (std::string(ImGui::TableGetColumnName(tb, 1)) != tr(S::col_title)) continue;
      ++found;
      const ImGuiTableColumn& col = tb->Columns[1];
      CAPTURE(col.WorkMaxX - col.WorkMinX);
      CHECK(col.WorkMaxX - col.WorkMinX + 1.0f >= ImGui::CalcTextSize(title.c_str()).x);
      CHECK(tb->FreezeColumnsRequest == 1);  // it scrolls sideways at 1024 px: the SKU stays in view
    }
    CHECK(found == 1);
  }
}
