// Issue #13, bad input, checked through the store: a competitor price of zero or less is
// rejected with its file, line and field (nothing else in the file is lost), like the row
// without a SKU (tests/core/pricing_elasticity_test.cpp, whose import scenario this extends).
#include <doctest/doctest.h>

#include "core/io/importer.h"
#include "core/pricing/competitors.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

TEST_SUITE("pricing") {
  TEST_CASE("pricing bad input: competitor prices of zero or less are rejected with line and field, the rest kept") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) { return w.put(fixture::product("TEA", 600, 1000, "tea")); }).ok());
    const std::string csv =
        "day,competitor,product,sku,price,shipping,in_stock,promotion\n"
        "2025-03-01,shopA,their tea,TEA,45.00,0,1,\n"
        "2025-03-01,shopB,free tea,TEA,0,0,1,\n"
        "2025-03-01,shopC,odd tea,TEA,-3.00,0,1,\n"
        "2025-03-02,shopD,mystery,NEW1,9.99,,1,\n";
    ImportOptions o;
    o.format = "generic";
    o.target = "competitor_prices";
    o.file_name = "competitors.csv";
    Importer imp;
    REQUIRE(imp.begin(csv, o).ok());
    auto r = imp.commit(*s);
    REQUIRE(r.ok());
    CHECK(r->rows_imported == 2);  // shopA's and the unknown SKU's (kept, listed for matching)
    CHECK(r->rows_rejected == 2);
    REQUIRE(r->errors.size() == 2);
    CHECK(r->errors[0].line == 3);
    CHECK(r->errors[1].line == 4);
    for (const auto& e : r->errors) {
      CHECK(e.why == RowWhy::bad_value);
      CHECK(e.field == "price");
      CHECK(e.message == "a competitor price must be above zero");
    }
    auto log = pricing::load_competitor_prices(s->db());
    REQUIRE(log.ok());
    REQUIRE(log->size() == 2);
    for (const auto& x : *log) CHECK(x.price > 0);
  }
}
