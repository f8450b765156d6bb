// Issue #12: the Planning section over a small demo store, headless. Each tab is drawn and what
// it shows (its cached results and the text it drew, read through ImGui's log) is checked against
// core/planning's functions on the same data; the forecasts of every SKU run in slices with
// progress and cancel; the dashboard's target line equals target_progress. In Chinese every tab
// draws no English words beyond the seller's data (ui_test.cpp's "trust" test reads glyphs for
// the first tab of every section; this one reads the log of all six tabs).
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/planning/forecast.h"
#include "core/planning/inventory.h"
#include "core/planning/portfolio.h"
#include "core/planning/series.h"
#include "core/planning/suppliers.h"
#include "core/planning/targets.h"
#include "ui/app.h"
#include "ui/i18n/format.h"
#include "ui/panels/panels.h"
#include "ui/widgets/widgets.h"
#include "tests/ui/drawn_text.h"
#include "tests/ui/harness.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

// One frame, tall so that long tabs draw whole; returns the text drawn (a non-ASCII character
// reads as '?').
std::string frame(App& app, Platform& p) { return testing::draw_frame_text(app, p, ImVec2(1920, 2400)); }

// What the scan reads for `s`: its non-ASCII characters as '?'.
std::string drawn(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 128) out += s[i++];
    else {
      out += '?';
      i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    }
  }
  return out;
}

std::string tab(App& app, Platform& p, int t, int frames = 3) {
  app.ui.planning.tab_request = t;
  std::string text;
  for (int i = 0; i < frames; ++i) text = frame(app, p);
  return text;
}

bool shows(const std::string& text, const std::string& what) { return text.find(drawn(what)) != std::string::npos; }

std::string fixed(double v, int d) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", d, v);
  return b;
}
}  // namespace

TEST_SUITE("planning-ui") {
  TEST_CASE("planning: every tab over the demo store shows the core's figures") {
    testing::HeadlessImGui imgui;
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app, 6000, 60, 18);
    set_app_language(app, Lang::en);
    const Dataset& ds = app.ws.dataset();
    navigate(app, Section::planning);
    PlanningUi& ui = app.ui.planning;

    // Portfolio: ABC x XYZ, dead stock and roles as the core computes them.
    std::string text = tab(app, p, 0);
    const planning::Portfolio pf = planning::compute_portfolio(ds, planning::PortfolioQuery{});
    CHECK(ui.portfolio.matrix == pf.matrix);
    CHECK(ui.portfolio.dead_count == pf.dead_count);
    CHECK(ui.portfolio.dead_value == pf.dead_value);
    CHECK(shows(text, format_money(pf.dead_value, Lang::en)));
    const planning::RoleMix mix = planning::compute_roles(ds, app.ws.seller_roles());
    CHECK(ui.roles.products == mix.products);
    CHECK(ui.roles.sales == mix.sales);
    CHECK(ui.roles.orders == mix.orders);
    // The seller's role goes through the Workspace into products.role; the tab follows.
    const std::string sku0 = ds.sku[static_cast<size_t>(ui.role_order[0])];
    REQUIRE(app.ws.set_product_role(sku0, planning::Role::image).ok());
    tab(app, p, 0);
    CHECK(ui.roles.lines[static_cast<size_t>(ui.role_order[0])].overridden);
    CHECK(ui.roles.lines[static_cast<size_t>(ui.role_order[0])].role == planning::Role::image);

    // Forecast: the shop by week, season 52, H = 12: the same choice and errors as the core.
    text = tab(app, p, 1);
    REQUIRE(ui.fc.error.empty());
    auto s = planning::series_from_dataset(ds, "", "", planning::Grain::week);
    REQUIRE(s.ok());
    const int n = static_cast<int>(s->y.size()) - 12;
    const std::vector<double> train(s->y.begin(), s->y.begin() + n), actual(s->y.begin() + n, s->y.end());
    const planning::Choice c = planning::choose(train, 52, 12);
    CHECK(ui.fc.choice.chosen == c.chosen);
    const planning::Accuracy a = planning::accuracy(actual, c.forecast.mean, planning::mase_scale(train, 52));
    const auto& line = ui.fc.lines[static_cast<size_t>(c.chosen)];
    CHECK(line.acc.mae == doctest::Approx(a.mae));
    CHECK(shows(text, fixed(a.mae, 2)));
    CHECK(shows(text, fixed(a.mase, 3)));
    CHECK(ui.fc.ahead.forecast.mean == planning::choose(s->y, 52, 12).forecast.mean);

    // Inventory and reorder: the forecasts of every SKU run in slices with a progress bar, then
    // the table equals compute_reorder's.
    ui.tab_request = 2;
    frame(app, p);  // the tab bar selects the tab
    frame(app, p);  // its first slice
    int frames = 1;
    CHECK(ui.job.running);
    while (ui.job.running && frames < 500) frame(app, p), ++frames;
    text = frame(app, p);
    CHECK(frames > 2);  // spread over frames
    REQUIRE(ui.reorder.has_value());
    auto pd = app.ws.planning_data();
    REQUIRE(pd.ok());
    const planning::ReorderTable rt = planning::compute_reorder(ds, *pd, planning::ReorderQuery{0.95, 30});
    REQUIRE(ui.reorder->lines.size() == rt.lines.size());
    Money lost = 0;
    int to_order = 0;
    for (size_t i = 0; i < rt.lines.size(); ++i) {
      CHECK(ui.reorder->lines[i].suggested == rt.lines[i].suggested);
      CHECK(ui.reorder->lines[i].stockout == rt.lines[i].stockout);
      lost += rt.lines[i].lost_revenue;
      to_order += rt.lines[i].suggested > 0;
    }
    CHECK(to_order > 0);
    CHECK(shows(text, format_money(lost, Lang::en)));
    // A new service level reuses the forecasts (no job); a new horizon forecasts again and can
    // be cancelled, leaving the restart button.
    ui.service_level = 99;
    frame(app, p);
    CHECK_FALSE(ui.job.running);
    CHECK(ui.demand_horizon == 30);
    CHECK(ui.reorder->query.service_level == doctest::Approx(0.99));
    ui.horizon_days = 45;
    frame(app, p);
    CHECK(ui.job.running);
    ui.job.cancel();
    text = frame(app, p);
    CHECK_FALSE(ui.job.running);
    CHECK(shows(text, tr(S::planning_reorder_restart)));
    ui.horizon_days = 30;
    frame(app, p);

    // Purchase orders: a CSV import through the tab's file path, stock updated in that write.
    const int64_t stock_before = ds.product_stock[0];
    auto path = std::filesystem::temp_directory_path() / "sk-planning-po.csv";
    {
      std::ofstream f(path);
      f << "id,supplier_id,sku,qty,unit_cost,ordered,expected,received,qty_received,qty_rejected\n"
        << "UI-1," << pd->suppliers.front().id << "," << ds.sku[0] << ",10,100,2026-11-01,2026-11-10,2026-11-12,10,3\n";
    }
    open_purchase_orders_file(app.ws, ui, path.string());
    std::filesystem::remove(path);
    CHECK(app.ws.dataset().product_stock[0] == stock_before + 7);
    text = tab(app, p, 3);
    CHECK(shows(text, "1 purchase-order lines saved; stock changed by 7 units."));
    // The edited line as the editor shows it (a row click selects it).
    int k = -1;
    for (size_t i = 0; i < ui.data.orders.size(); ++i)
      if (ui.data.orders[i].id == "UI-1") k = static_cast<int>(i);
    REQUIRE(k >= 0);
    CHECK(ui.data.orders[static_cast<size_t>(k)].qty_rejected == 3);
    ui.po_selected = k, ui.po_edit = ui.data.orders[static_cast<size_t>(k)];
    text = tab(app, p, 3);
    CHECK(shows(text, "Order UI-1, product " + ds.sku[0]));

    // Suppliers: the scorecard's ranking as score_suppliers gives it.
    text = tab(app, p, 4);
    pd = app.ws.planning_data();
    const auto scores = planning::score_suppliers(*pd, planning::ScoreWeights{});
    REQUIRE(ui.scores.size() == scores.size());
    for (size_t i = 0; i < scores.size(); ++i) CHECK(ui.scores[i].id == scores[i].id);
    CHECK(shows(text, fixed(scores[0].score * 100, 1)));

    // Targets: the demo's stored yearly target, split by last year, and its pace; saving a new
    // total stores the months.
    text = tab(app, p, 5);
    REQUIRE(ui.target.has_value());
    auto st = app.ws.stored_target(2026);
    REQUIRE(st.ok());
    REQUIRE(st->has_value());
    CHECK(ui.target->total == (*st)->total);
    const planning::TargetSplit split = planning::split_stored_target(ds, **st);
    CHECK(ui.target->month_target == split.month_target);
    CHECK(shows(text, format_money(split.actual_to_date, Lang::en)));
    REQUIRE(app.ws.save_target(planning::split_target(ds, 2026, 123400000)).ok());
    tab(app, p, 5);
    CHECK(ui.target->total == 123400000);
    CHECK(ui.target->basis == "stored");

    // The dashboard's target line: actual of the period against the target's share of it.
    navigate(app, Section::dashboard);
    frame(app, p);
    text = frame(app, p);
    REQUIRE(app.ui.dashboard.target.progress.has_value());
    const DayRange range = app.ui.range.range;
    auto st2 = app.ws.stored_target(civil_from_days(range.last).y);
    REQUIRE(st2.ok());
    REQUIRE(st2->has_value());
    const planning::TargetProgress tp = planning::target_progress(ds, planning::split_stored_target(ds, **st2), range);
    CHECK(app.ui.dashboard.target.progress->actual == tp.actual);
    CHECK(app.ui.dashboard.target.progress->target_money == tp.target_money);
    CHECK(shows(text, format_money(tp.actual, Lang::en)));
    CHECK(shows(text, format_money(tp.target_money, Lang::en)));

    // Chinese: no English words in any tab, beyond the seller's own data and the usual
    // abbreviations (see ui_test.cpp's list); text between backticks is code.
    set_app_language(app, Lang::zh_CN);
    navigate(app, Section::planning);
    std::set<std::string> allowed = {"CSV", "JSON", "XLSX", "SKU", "ABC"};
    auto allow = [&](const std::string& s) {
      std::string w;
      for (char ch : s + " ") {
        if (std::isalpha(static_cast<unsigned char>(ch))) w += ch;
        else if (!w.empty()) allowed.insert(w), w.clear();
      }
    };
    for (const auto* v : {&ds.sku, &ds.product_title, &ds.categories.names}) for (const auto& x : *v) allow(x);
    for (const auto& po : pd->orders) allow(po.id);
    std::set<std::string> found;
    for (int t = 0; t < 6; ++t) {
      std::string drawn = tab(app, p, t);
      if (t == 2)
        for (int i = 0; i < 500 && ui.job.running; ++i) drawn = frame(app, p);
      bool code = false;
      std::string word;
      for (char ch : drawn + " ") {
        if (ch == '`') code = !code;
        if (!code && std::isalpha(static_cast<unsigned char>(ch))) {
          word += ch;
          continue;
        }
        // A data word cut at a column's edge shows as a part of itself.
        auto data_part = [&] {
          for (const auto& a : allowed)
            if (a.find(word) != std::string::npos) return true;
          return false;
        };
        if (word.size() >= 3 && !data_part()) {
          const size_t at = drawn.find(word);
          found.insert(word + " (tab " + std::to_string(t) + "): " + drawn.substr(at > 40 ? at - 40 : 0, 90));
        }
        word.clear();
      }
    }
    for (const auto& f : found) MESSAGE("English in the Chinese planning tab: " << f);
    CHECK(found.empty());
    set_app_language(app, Lang::en);
  }
}

// Issue #12: receiving and saving a purchase order with the mouse. The harness moves the mouse
// to where the tab drew a PO's row, the Receive button and the Save button (test marks), and
// presses it there. Receive: received = today (2026-11-23), qty_received = qty, stock +=
// qty - rejected, one committed write (the revision moves by exactly one) carrying both the PO
// row and the stock. Save after typing 2 rejected units into the editor's buffer: stock -= 2 in
// one more write.
TEST_SUITE("planning-ui") {
  TEST_CASE("planning: Receive and Save on a purchase order, clicked with the mouse, change the PO and the stock in one write") {
    testing::HeadlessImGui imgui;
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app, 3000, 40, 12);
    set_app_language(app, Lang::en);
    navigate(app, Section::planning);
    PlanningUi& ui = app.ui.planning;
    ui.po_only_open = true;  // open orders only: the row to click is on the first screen
    tab(app, p, 3);
    auto pd = app.ws.planning_data();
    REQUIRE(pd.ok());
    // The newest open PO line (the table shows newest first).
    int k = -1;
    for (size_t i = 0; i < pd->orders.size(); ++i)
      if (!pd->orders[i].received) k = static_cast<int>(i);
    REQUIRE(k >= 0);
    const planning::PurchaseOrder po = pd->orders[static_cast<size_t>(k)];
    const Dataset& ds0 = app.ws.dataset();
    size_t prod = ds0.sku.size();
    for (size_t i = 0; i < ds0.sku.size(); ++i)
      if (ds0.sku[i] == po.sku) prod = i;
    REQUIRE(prod < ds0.sku.size());
    const int64_t stock0 = ds0.product_stock[prod];
    ImGuiIO& io = ImGui::GetIO();
    // Moves the mouse to the mark, presses and releases it over three frames; false if not drawn.
    auto click = [&](const std::string& mark) {
      ImVec2 at(-1, -1);
      for (const auto& m : test_marks())
        if (m.name == mark) at = ImVec2(m.x, m.y);
      if (at.x < 0) return false;
      io.MousePos = at;
      frame(app, p);
      io.MouseDown[0] = true;
      frame(app, p);
      io.MouseDown[0] = false;
      frame(app, p);
      return true;
    };
    REQUIRE(click("po:" + po.id + ":" + po.sku));
    REQUIRE(ui.po_selected == k);
    CHECK(ui.po_edit.id == po.id);
    const int64_t rev0 = app.ws.revision();
    REQUIRE(click("po_receive"));
    CHECK(app.ws.revision() == rev0 + 1);  // one committed write
    auto after = app.ws.planning_data();
    REQUIRE(after.ok());
    const planning::PurchaseOrder* got = nullptr;
    for (const auto& o : after->orders)
      if (o.id == po.id && o.sku == po.sku) got = &o;
    REQUIRE(got != nullptr);
    REQUIRE(got->received.has_value());
    CHECK(*got->received == std::max(po.ordered, days_from_civil(2026, 11, 23)));
    CHECK(got->qty_received == po.qty);
    CHECK(got->qty_rejected == po.qty_rejected);
    const int64_t stock1 = app.ws.dataset().product_stock[prod];
    CHECK(stock1 == stock0 + po.qty - po.qty_rejected);
    std::string text = frame(app, p);
    CHECK(shows(text, "Order " + po.id));  // the saved line named in the tab's message

    // Save: the received line (now shown with every line) with 2 of its units rejected.
    ui.po_only_open = false;
    tab(app, p, 3);
    int k2 = -1;
    for (size_t i = 0; i < after->orders.size(); ++i)
      if (after->orders[i].id == po.id && after->orders[i].sku == po.sku) k2 = static_cast<int>(i);
    REQUIRE(k2 >= 0);
    // Newest first: the newest open line is among the first rows of the whole table too.
    REQUIRE(click("po:" + po.id + ":" + po.sku));
    REQUIRE(ui.po_selected == k2);
    ui.po_edit.qty_rejected = po.qty_rejected + 2;  // what typing into the Rejected field leaves
    const int64_t rev1 = app.ws.revision();
    REQUIRE(click("po_save"));
    CHECK(app.ws.revision() == rev1 + 1);
    CHECK(app.ws.dataset().product_stock[prod] == stock1 - 2);
    after = app.ws.planning_data();
    REQUIRE(after.ok());
    got = nullptr;
    for (const auto& o : after->orders)
      if (o.id == po.id && o.sku == po.sku) got = &o;
    REQUIRE(got != nullptr);
    CHECK(got->qty_rejected == po.qty_rejected + 2);
    CHECK(got->qty_received == po.qty);
  }
}
