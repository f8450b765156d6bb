// The floor hand-off (issues #13, #15): the price book's floor in force becomes the promotion
// engine's per-line floor and the loss guard's reference (core/workspace/floors.h). Figures by
// hand in the comments; the quote scenario follows the Sylius case the promotions tests cite
// (receiving_discount_with_minimum_price_specified.feature: the discount stops at the minimum).
#include <doctest/doctest.h>

#include "core/pricing/pricebook.h"
#include "core/promotions/engine.h"
#include "core/promotions/guard.h"
#include "core/promotions/store_io.h"
#include "core/store/store.h"
#include "core/workspace/floors.h"

using namespace shopkeeper;

namespace {

Product item(const char* sku, std::optional<Money> cost) {
  Product p;
  p.sku = sku;
  p.category = "tea";
  p.unit_cost = cost;
  p.list_price = 10000;
  return p;
}

// Four SKUs listed at 100.00:
//   TEA cost 50.00, products.floor_price 70.00 and a price-book floor 80.00 -> 80.00 (the higher
//       of the seller's two explicit floors)
//   POT cost 50.00, products.floor_price 75.00 only -> 75.00
//   MUG cost 50.00, no explicit floor -> default 50.00 x (1 + 10%) = 55.00
//   BAG no cost, no floor -> none
Store floor_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  REQUIRE(s->write([](Writer& w) -> Status {
               for (const Product& p : {item("TEA", 5000), item("POT", 5000), item("MUG", 5000), item("BAG", std::nullopt)})
                 if (auto r = w.put(p); !r) return r;
               for (const char* sql : {"UPDATE products SET floor_price=7000 WHERE sku='TEA'",
                                       "UPDATE products SET floor_price=7500 WHERE sku='POT'",
                                       "INSERT INTO price_book(sku, kind, key, min_qty, price) VALUES('TEA','floor','',1,8000)"}) {
                 auto st = w.db().prepare(sql);
                 if (!st) return st.error();
                 if (auto r = st->run(); !r) return r;
               }
               return Ok{};
             }).ok());
  return std::move(*s);
}

promo::Promotion half_off() {
  promo::Promotion p;
  p.id = "HALF";
  p.name = "half price";
  p.kind = promo::Kind::percent_off;
  p.layer = promo::Layer::item;
  p.params.bp = 5000;
  return p;
}

}  // namespace

TEST_SUITE("pricing") {
  TEST_CASE("floor hand-off: which floor is in force") {
    Store s = floor_store();
    auto f = pricing::load_floor_prices(s.db());
    REQUIRE(f.ok());
    REQUIRE(f->size() == 3);  // BAG has none; by SKU: MUG, POT, TEA
    CHECK(((*f)[0].sku == "MUG" && (*f)[0].floor == 5500 && (*f)[0].is_default));
    CHECK(((*f)[1].sku == "POT" && (*f)[1].floor == 7500 && !(*f)[1].is_default));
    CHECK((*f)[1].source == pricing::FloorSource::product);
    CHECK(((*f)[2].sku == "TEA" && (*f)[2].floor == 8000 && !(*f)[2].is_default));
    CHECK((*f)[2].source == pricing::FloorSource::book);
    // The price book shows the same floor in force, and refuses a list price below it.
    auto b = pricing::load_price_book(s.db());
    REQUIRE(b.ok());
    CHECK(*pricing::find_book(*b, "POT")->floor == 7500);
    auto set = pricing::set_list_price(s, "POT", 7400, 0);
    REQUIRE_FALSE(set.ok());
    CHECK(set.error().message.find("below the floor 75.00") != std::string::npos);
  }

  TEST_CASE("floor hand-off: a promotion quote stops every line at its floor in force") {
    Store s = floor_store();
    promo::QuoteInput in;
    in.at = *parse_timestamp("2025-11-11 00:05:00");
    in.promotions = {half_off()};
    for (const char* sku : {"TEA", "POT", "MUG", "BAG"}) {
      promo::CartLine l;
      l.sku = sku;
      l.price = 10000;
      in.cart.push_back(l);
    }
    REQUIRE(apply_floor_prices(s.db(), in).ok());
    CHECK(*in.cart[0].floor_price == 8000);
    CHECK(*in.cart[2].floor_price == 5500);
    CHECK_FALSE(in.cart[3].floor_price.has_value());
    const promo::Quote q = promo::quote(in);
    // 50% off each 100.00 line: TEA stops at 80.00 (30.00 withheld), POT at 75.00 (25.00), MUG
    // at its default floor 55.00 (5.00), BAG has no floor: 50.00.
    CHECK(q.line_paid[0] == 8000);
    CHECK(q.line_paid[1] == 7500);
    CHECK(q.line_paid[2] == 5500);
    CHECK(q.line_paid[3] == 5000);
    REQUIRE(q.floor_withheld.size() == 4);
    CHECK(q.floor_withheld[0] == 3000);
    CHECK(q.floor_withheld[1] == 2500);
    CHECK(q.floor_withheld[2] == 500);
    CHECK(q.floor_withheld[3] == 0);
    // A line that brings its own floor keeps it.
    in.cart[0].floor_price = 6000;
    REQUIRE(apply_floor_prices(s.db(), in).ok());
    CHECK(*in.cart[0].floor_price == 6000);
  }

  TEST_CASE("floor hand-off: the loss guard's reference is the seller's floor, the engine stops at the default") {
    Store s = floor_store();
    auto products = promo::load_guard_products(s.db());
    REQUIRE(products.ok());
    REQUIRE(apply_floor_prices(s.db(), *products).ok());
    promo::Guard guard(*products, {half_off()}, promo::GuardOptions{1000, 500});
    auto found = guard.run_all();
    REQUIRE(found.size() == 4);  // by SKU: BAG, MUG, POT, TEA
    // BAG: no cost, no floor: nothing to compare (lowest 50.00).
    CHECK(found[0].sku == "BAG");
    CHECK_FALSE(found[0].floor_price.has_value());
    CHECK_FALSE(found[0].violation);
    // MUG: the engine stops at the default floor 55.00; the guard's reference stays its own
    // cost + 5% fees + 10% margin: ceil(5000 x 10000 / 8500) = 58.83 > 55.00: a violation.
    CHECK(found[1].sku == "MUG");
    CHECK(found[1].lowest_unit_price == 5500);
    CHECK(*found[1].floor_price == 5883);
    CHECK(found[1].violation);
    // POT and TEA: the seller's floors are the reference, and the engine never goes below them.
    CHECK(found[2].lowest_unit_price == 7500);
    CHECK(*found[2].floor_price == 7500);
    CHECK_FALSE(found[2].violation);
    CHECK(found[3].lowest_unit_price == 8000);
    CHECK(*found[3].floor_price == 8000);
    CHECK_FALSE(found[3].violation);
    // Without the hand-off, products.floor_price alone: TEA would stop at 70.00 and be judged
    // against the cost formula 58.83 (the price-book floor 80.00 unknown to the guard).
    auto plain = promo::load_guard_products(s.db());
    promo::Guard g2(*plain, {half_off()}, promo::GuardOptions{1000, 500});
    CHECK(g2.run_all()[3].lowest_unit_price == 7000);
  }
}
