// Issue #9 (clock9): the times the UI writes are the store's wall clock. With the machine's zone
// (TZ) half a world away from the store's (the demo store is in Asia/Shanghai, the process in
// America/Los_Angeles, 15-16 hours apart), the Pricing panel's price-book save and the Products
// section's inline list-price edit log their price_history row between the store's clock read
// before and after the save. Before, save_book_edit stamped raw UTC (8 hours off) and the
// inline edit logged no row at all. The core side is tests/core/store_clock_test.cpp.
#include <doctest/doctest.h>
#include <imgui.h>

#include <ctime>
#include <string>

#include "core/pricing/pricebook.h"
#include "core/tz/zone.h"
#include "harness.h"
#include "tests/core/machine_zone.h"
#include "ui/app.h"
#include "ui/panels/panels.h"
#include "ui/panels/pricing.h"
#include "ui/panels/product_edit.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;
using namespace shopkeeper::ui::testing;

namespace {

Timestamp store_clock() {
  auto z = tz::Zone::find(tz::kDefaultZone);  // the demo store's zone
  REQUIRE(z.ok());
  return z->local(static_cast<int64_t>(std::time(nullptr)));
}

}  // namespace

TEST_SUITE("clock9") {
  TEST_CASE("store clock ui: the price-book save and the inline list-price edit log at the store's time") {
    fixture::MachineZone m("America/Los_Angeles");
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    open_small_demo(app);
    REQUIRE(app.ws.money().timezone == tz::kDefaultZone);
    navigate(app, Section::pricing);
    draw_frames(app, p, 1);
    PricingUi& pu = app.ui.pricing;
    int pick = -1;
    for (size_t i = 0; i < pu.book.skus.size() && pick < 0; ++i) {
      const pricing::SkuBook& s = pu.book.skus[i];
      if (s.unit_cost && *s.unit_cost * 11 / 10 < s.list_price - 1000) pick = static_cast<int>(i);
    }
    REQUIRE(pick >= 0);
    fill_book_edit(pu, pick);
    const std::string sku = pu.book_edit.next.sku;
    const Money list0 = pu.book_edit.next.list_price;
    pu.book_edit.next.list_price = list0 + 500;
    Timestamp lo = store_clock();
    REQUIRE(save_book_edit(app.ws, pu).ok());
    Timestamp hi = store_clock();
    auto hist = pricing::load_price_history(app.ws.store().db(), sku);
    REQUIRE(hist.ok());
    const size_t n0 = hist->size();
    REQUIRE(n0 >= 1);
    CHECK(hist->back().source == "edit");
    CHECK(hist->back().new_price == list0 + 500);
    CHECK(hist->back().at >= lo);
    CHECK(hist->back().at <= hi);

    // The Products section's inline edit of the same SKU's list price: one more row.
    lo = store_clock();
    REQUIRE(commit_product_edit(app.ws, app.ui.products, {sku, catalog::ProductField::list_price, {list0 + 700, {}}}, "list price"));
    hi = store_clock();
    hist = pricing::load_price_history(app.ws.store().db(), sku);
    REQUIRE(hist.ok());
    REQUIRE(hist->size() == n0 + 1);
    CHECK(*hist->back().old_price == list0 + 500);
    CHECK(hist->back().new_price == list0 + 700);
    CHECK(hist->back().at >= lo);
    CHECK(hist->back().at <= hi);
    // Its undo puts the price back: a change too, logged once.
    REQUIRE(undo_product_edit(app.ws, app.ui.products));
    hist = pricing::load_price_history(app.ws.store().db(), sku);
    REQUIRE(hist.ok());
    REQUIRE(hist->size() == n0 + 2);
    CHECK(hist->back().new_price == list0 + 500);
  }
}
