// Product editing (issue #9 item 5): one field at a time with its undo, and the SKU,cost sheet
// planned (changes, unchanged, not found, unreadable rows) and written in one transaction.
#include <doctest/doctest.h>

#include "core/catalog/product_edit.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "core/workspace/workspace.h"
#include "fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::catalog;

namespace {
Product product(const char* sku, std::optional<Money> cost, Money price) {
  Product p = fixture::product(sku, cost, price, "tea");
  p.title = std::string("Tea ") + sku;
  p.stock = 10;
  return p;
}

Store seeded() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  Status st = s->write([](Writer& w) -> Status {
    Supplier sup;
    sup.id = 7;
    sup.name = "Wuyi farm";
    if (auto r = w.put(sup); !r) return r;
    for (auto p : {product("T-1", 2000, 5000), product("T-2", std::nullopt, 3000), product("T-3", 1500, 2500)})
      if (auto r = w.put(p); !r) return r;
    return Ok{};
  });
  REQUIRE(st.ok());
  return std::move(*s);
}
}  // namespace

TEST_SUITE("catalog") {
  TEST_CASE("an inline edit changes one field and returns its undo") {
    Store s = seeded();
    ProductEdit undo;
    Status st = s.write([&](Writer& w) -> Status {
      auto u = apply_edit(w, {"T-2", ProductField::unit_cost, {1234, {}}});
      if (!u) return u.error();
      undo = *u;
      return Ok{};
    });
    REQUIRE(st.ok());
    auto p = load_product(s.db(), "T-2");
    REQUIRE(p.ok());
    CHECK(p->unit_cost == std::optional<Money>(1234));
    CHECK(p->list_price == 3000);  // nothing else moved
    CHECK(p->title == "Tea T-2");
    // The undo puts the unknown cost back.
    CHECK(undo.sku == "T-2");
    CHECK(undo.field == ProductField::unit_cost);
    CHECK_FALSE(undo.value.number.has_value());
    REQUIRE(s.write([&](Writer& w) -> Status {
                auto u = apply_edit(w, undo);
                return u ? Status(Ok{}) : Status(u.error());
              }).ok());
    CHECK_FALSE(load_product(s.db(), "T-2")->unit_cost.has_value());
  }

  TEST_CASE("every editable field, and refusals that leave the store as it was") {
    Store s = seeded();
    auto edit = [&](ProductEdit e) {
      return s.write([&](Writer& w) -> Status {
        auto u = apply_edit(w, e);
        return u ? Status(Ok{}) : Status(u.error());
      });
    };
    CHECK(edit({"T-1", ProductField::list_price, {5900, {}}}).ok());
    CHECK(edit({"T-1", ProductField::stock, {0, {}}}).ok());
    CHECK(edit({"T-1", ProductField::category, {{}, "红茶"}}).ok());
    CHECK(edit({"T-1", ProductField::supplier, {7, {}}}).ok());
    CHECK(edit({"T-1", ProductField::status, {{}, "paused"}}).ok());
    auto p = load_product(s.db(), "T-1");
    CHECK(p->list_price == 5900);
    CHECK(p->stock == 0);
    CHECK(p->category == "红茶");
    CHECK(p->supplier_id == 7);
    CHECK(p->status == "paused");
    CHECK(p->unit_cost == std::optional<Money>(2000));

    auto bad_status = edit({"T-1", ProductField::status, {{}, "gone"}});
    CHECK_FALSE(bad_status.ok());
    CHECK(bad_status.error().code == ErrorCode::invalid_argument);
    CHECK_FALSE(edit({"T-1", ProductField::supplier, {8, {}}}).ok());  // no supplier 8
    CHECK_FALSE(edit({"T-1", ProductField::list_price, {-1, {}}}).ok());
    auto missing = edit({"NOPE", ProductField::stock, {1, {}}});
    CHECK(missing.error().code == ErrorCode::not_found);
    p = load_product(s.db(), "T-1");
    CHECK(p->status == "paused");
    CHECK(p->supplier_id == 7);
    CHECK(p->list_price == 5900);
  }

  TEST_CASE("a pasted SKU,cost sheet: preview, not-found report, one transaction") {
    Store s = seeded();
    // Tab-separated as a spreadsheet copies it, with a header row:
    //   line 2 T-1 20.00 = stored 2000 fen -> unchanged
    //   line 3 T-2 12.50 -> 1250 (stored unknown) -> change
    //   line 4 T-9 -> not in the catalogue
    //   line 5 T-3 abc -> bad cost
    //   line 6 (blank) -> skipped
    //   line 7 T-3 ¥16.80 -> 1680 (stored 1500) -> change
    //   line 8 T-2 1.00 -> duplicate of line 3
    const char* sheet = "SKU\tcost\r\nT-1\t20.00\r\nT-2\t12.50\r\nT-9\t3\r\nT-3\tabc\r\n\r\nT-3\t¥16.80\r\nT-2\t1.00\r\n";
    auto plan = plan_cost_sheet(s.db(), sheet);
    REQUIRE(plan.ok());
    CHECK(plan->had_header);
    CHECK(plan->delimiter == '\t');
    CHECK(plan->rows == 6);
    CHECK(plan->unchanged == 1);
    REQUIRE(plan->changes.size() == 2);
    CHECK(plan->changes[0].sku == "T-2");
    CHECK(plan->changes[0].line == 3);
    CHECK_FALSE(plan->changes[0].old_cost.has_value());
    CHECK(plan->changes[0].new_cost == 1250);
    CHECK(plan->changes[1].sku == "T-3");
    CHECK(plan->changes[1].old_cost == std::optional<Money>(1500));
    CHECK(plan->changes[1].new_cost == 1680);
    REQUIRE(plan->not_found.size() == 1);
    CHECK(plan->not_found[0].sku == "T-9");
    CHECK(plan->not_found[0].line == 4);
    REQUIRE(plan->bad.size() == 2);
    CHECK(plan->bad[0].code == SheetProblemCode::bad_cost);
    CHECK(plan->bad[0].line == 5);
    CHECK(plan->bad[1].code == SheetProblemCode::duplicate_sku);
    CHECK(plan->bad[1].line == 8);
    // Planning wrote nothing.
    CHECK_FALSE(load_product(s.db(), "T-2")->unit_cost.has_value());

    REQUIRE(s.write([&](Writer& w) { return apply_cost_sheet(w, *plan); }).ok());
    CHECK(load_product(s.db(), "T-2")->unit_cost == std::optional<Money>(1250));
    CHECK(load_product(s.db(), "T-3")->unit_cost == std::optional<Money>(1680));
    CHECK(load_product(s.db(), "T-3")->list_price == 2500);  // only the cost moved
    CHECK(load_product(s.db(), "T-1")->unit_cost == std::optional<Money>(2000));
  }

  TEST_CASE("a sheet without a header, comma-separated; a failed write changes nothing") {
    Store s = seeded();
    auto plan = plan_cost_sheet(s.db(), "T-1,21\nT-3,16\n");
    REQUIRE(plan.ok());
    CHECK_FALSE(plan->had_header);
    CHECK(plan->rows == 2);
    REQUIRE(plan->changes.size() == 2);
    CHECK(plan->changes[0].new_cost == 2100);
    // A plan naming a product deleted since: the whole write is refused, T-1 keeps its cost.
    CostSheetPlan stale = *plan;
    stale.changes.push_back({9, "GONE", std::nullopt, 100});
    CHECK_FALSE(s.write([&](Writer& w) { return apply_cost_sheet(w, stale); }).ok());
    CHECK(load_product(s.db(), "T-1")->unit_cost == std::optional<Money>(2000));
  }

  TEST_CASE("the Dataset's margins follow an edit at once") {
    Workspace ws;
    REQUIRE(ws.open_memory().ok());
    REQUIRE(ws.write([](Writer& w) { return w.put(product("T-2", std::nullopt, 3000)); }).ok());
    CHECK(ws.dataset().product_cost[0] == -1);
    REQUIRE(ws.write([](Writer& w) -> Status {
                auto u = apply_edit(w, {"T-2", ProductField::unit_cost, {1200, {}}});
                return u ? Status(Ok{}) : Status(u.error());
              }).ok());
    CHECK(ws.dataset().product_cost[0] == 1200);
  }
}
