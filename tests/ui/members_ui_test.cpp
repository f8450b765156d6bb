// Issue #11: the Members section over the demo store. Every tab draws (in English and Chinese),
// the lifetime-value fit runs in slices to the end, and the figures the panel holds and shows
// are the core's own (customer_rows, compute_rfm, run_programme, fit_clv, evaluate_segment).
#include <doctest/doctest.h>

#include "tests/ui/harness.h"
#include <imgui.h>

#include <cmath>

#include "core/members/clv.h"
#include "core/members/customers.h"
#include "core/members/membership.h"
#include "core/members/programme.h"
#include "core/members/rfm.h"
#include "ui/app.h"
#include "ui/panels/members_internal.h"
#include "ui/sections.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {
// The shared fake platform, seen as the web build (downloads counted, their last text kept).
class MembersPlatform : public testing::FakePlatform {
 public:
  int downloads = 0;
  std::string last_download;
  void offer_download(const std::string&, const std::string& text, const std::string&) override {
    ++downloads;
    last_download = text;
  }
  bool is_web() const override { return true; }
};

// Tall enough that every table of a tab is drawn.
void frames(App& app, Platform& p, int n) { testing::draw_frames(app, p, n, ImVec2(1600, 1400)); }
}  // namespace

TEST_SUITE("members ui") {
  TEST_CASE("members section: every tab draws, the fit runs in slices, figures are the core's") {
    testing::HeadlessImGui imgui;
    MembersPlatform p;
    App app;
    testing::open_small_demo(app, 6000, 60, 18);
    CHECK_FALSE(section_info(Section::members).built == false);
    navigate(app, Section::members);
    frames(app, p, 2);
    MembersUi& ui = app.ui.members;
    REQUIRE(ui.cache);
    const MembersCache& c = *ui.cache;
    REQUIRE(c.error.empty());
    const Dataset& ds = app.ws.dataset();

    // Customers: the list is the core's rows (customer indices into the section's table),
    // sorted by sales descending by default.
    const auto rows = members::customer_rows(ds);
    REQUIRE(c.t.customers == static_cast<int64_t>(rows.size()));
    REQUIRE(!ui.view.empty());
    CHECK(ui.view.size() == rows.size());
    for (size_t k = 1; k < ui.view.size(); ++k)
      CHECK(c.t.sales[static_cast<size_t>(ui.view[k - 1])] >= c.t.sales[static_cast<size_t>(ui.view[k])]);
    Money sales = 0, core_sales = 0;
    for (int32_t v : ui.view) sales += c.t.sales[static_cast<size_t>(v)];
    for (const auto& r : rows) core_sales += r.sales;
    CHECK(sales == core_sales);
    // A search narrows the list to matching ids.
    const std::string some_id = ds.customer_id[static_cast<size_t>(rows.front().customer)];
    ui.search = some_id;
    frames(app, p, 1);
    REQUIRE(!ui.view.empty());
    for (int32_t v : ui.view) CHECK(ds.customer_id[static_cast<size_t>(v)].find(some_id) != std::string::npos);
    ui.search.clear();
    // The profile of the biggest customer draws.
    ui.selected = ui.view.front();
    frames(app, p, 2);
    CHECK(ui.selected >= 0);

    // RFM: the grid and segment counts are compute_rfm's.
    auto rfm = members::compute_rfm(ds, {});
    REQUIRE(rfm.ok());
    for (int s = 0; s < members::kSegmentCount; ++s) {
      CHECK(c.t.rfm_summary.by_segment[static_cast<size_t>(s)].customers == rfm->by_segment[static_cast<size_t>(s)].customers);
      CHECK(c.t.rfm_summary.by_segment[static_cast<size_t>(s)].revenue == rfm->by_segment[static_cast<size_t>(s)].revenue);
    }
    ui.tab_request = 1;
    frames(app, p, 3);
    REQUIRE(ui.cache->has_flow);
    int64_t flowed = 0;
    for (const auto& row : ui.cache->flow.flow)
      for (int64_t v : row) flowed += v;
    CHECK(flowed > 0);

    // Tiers and points: run_programme over the stored programme.
    auto prog = members::load_programme(app.ws.store(), ds);
    REQUIRE(prog.ok());
    auto pr = members::run_programme(ds, *prog);
    REQUIRE(pr.ok());
    CHECK(c.t.programme.outstanding_points == pr->outstanding_points);
    CHECK(c.t.programme.outstanding_value == pr->outstanding_value);
    CHECK(c.t.programme.tier_counts == pr->tier_counts);
    // The section keeps no ledger (issue #11 memory), only its size; the points tab derives the
    // picked customer's entries, the same as theirs in the whole ledger.
    CHECK(c.t.programme.entries.empty());
    CHECK(c.t.programme.entry_count == static_cast<int64_t>(pr->entries.size()));
    REQUIRE(!pr->members.empty());
    ui.points_customer = pr->members.front().customer;
    ui.tab_request = 3;
    frames(app, p, 2);
    ui.tab_request = 4;
    frames(app, p, 2);
    CHECK(ui.cache->ledger_customer == ui.points_customer);
    std::vector<int64_t> want, got;
    for (const members::PointsEntry& e : pr->entries)
      if (e.customer == ui.points_customer) want.push_back(e.delta);
    for (const members::PointsEntry& e : ui.cache->ledger) got.push_back(e.delta);
    CHECK(!want.empty());
    CHECK(got == want);

    // Lifetime value: sliced over several frames, then exactly fit_clv's figures.
    ui.tab_request = 2;
    frames(app, p, 2);  // the tab opens, the fit starts and takes its first slice
    INFO(ui.clv_error);
    int n = 0;
    while (ui.clv_job && n < 500) frames(app, p, 1), ++n;
    REQUIRE(ui.clv);
    CHECK(n >= 1);  // more than the one frame: sliced
    auto fit = members::fit_clv(ds, members_clv_query(ds, 0));
    REQUIRE(fit.ok());
    CHECK(ui.clv->code == fit->code);
    for (size_t i = 0; i < 4; ++i) CHECK(ui.clv->params[i] == fit->params[i]);
    CHECK(ui.clv->loglik == fit->loglik);
    REQUIRE(ui.clv->customers.size() == fit->customers.size());
    for (size_t i = 0; i < fit->customers.size(); ++i) {
      const auto& a = ui.clv->customers[i];
      const auto& b = fit->customers[i];
      CHECK(a.customer == b.customer);
      CHECK(a.x == b.x);
      CHECK(a.zbar == b.zbar);
    }
    CHECK(ui.clv->by_clv == fit->by_clv);
    CHECK(ui.clv->holdout_predicted == fit->holdout_predicted);
    frames(app, p, 2);  // the result drawn
    // Cancel: a new fit cancelled after its first slice leaves no result and no job.
    ui.clv_revision = -1;
    frames(app, p, 1);
    REQUIRE(ui.clv_job);
    ui.clv_job.reset();
    ui.clv_cancelled = true;
    frames(app, p, 1);
    CHECK_FALSE(ui.clv_job);
    CHECK_FALSE(ui.clv);
    ui.clv_cancelled = false;

    // Segments: the saved ones are evaluate_segment's; a built one saves and counts alike.
    ui.tab_request = 5;
    frames(app, p, 2);
    REQUIRE(!ui.cache->tables.segments.empty());
    // (over the member view the CLI's `members segments` uses, not the section's table)
    auto recs = members::load_member_records(app.ws.store(), ds);
    REQUIRE(recs.ok());
    for (size_t i = 0; i < ui.cache->tables.segments.size(); ++i) {
      auto s = members::evaluate_segment(ds, ui.cache->tables.segments[i].filter, recs->view.rfm, recs->view.tier_name, recs->view.tags);
      CHECK(ui.cache->saved[i].count == s.count);
      CHECK(ui.cache->saved[i].revenue == s.revenue);
    }
    ui.pick_rfm.assign(members::kSegmentCount, 0);
    ui.pick_rfm[static_cast<size_t>(members::Segment::champions)] = 1;
    ui.segment_name = "champions-test";
    frames(app, p, 1);
    auto tables = app.ws.members_tables();
    REQUIRE(tables.ok());
    members::SegmentFilter f;
    f.rfm = {members::Segment::champions};
    REQUIRE(app.ws.save_member_segment({"champions-test", "champions-test", f}).ok());
    frames(app, p, 2);
    bool found = false;
    for (size_t i = 0; i < ui.cache->tables.segments.size(); ++i)
      if (ui.cache->tables.segments[i].id == "champions-test") {
        found = true;
        CHECK(ui.cache->saved[i].count == rfm->by_segment[static_cast<size_t>(members::Segment::champions)].customers);
      }
    CHECK(found);

    // Chinese: every tab draws.
    set_app_language(app, Lang::zh_CN);
    for (int t = 0; t < 6; ++t) {
      ui.tab_request = t;
      frames(app, p, 2);
    }
    set_app_language(app, Lang::en);
  }

  TEST_CASE("members section over an empty store says so") {
    testing::HeadlessImGui imgui;
    MembersPlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    REQUIRE(app.ws.start_empty().ok());
    navigate(app, Section::members);
    frames(app, p, 2);
    REQUIRE(app.ui.members.cache);
    CHECK(app.ui.members.cache->t.customers == 0);
  }
}
