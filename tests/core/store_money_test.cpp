// The store's currency, scale and time zone (issue #9 item 7): what a first import may choose,
// what a later import must agree with, and the symbols a money cell carries.
#include <doctest/doctest.h>

#include "core/base/currency.h"
#include "core/store/store.h"
#include "core/store/store_money.h"

using namespace shopkeeper;

TEST_SUITE("store_money") {
  TEST_CASE("currencies and their minor-unit digits") {
    REQUIRE(find_currency("jpy"));
    CHECK(find_currency("JPY")->digits == 0);
    CHECK(find_currency("KRW")->digits == 0);
    CHECK(find_currency("CNY")->digits == 2);
    CHECK(find_currency("GBP")->digits == 2);
    CHECK(find_currency("XXX") == nullptr);
  }

  TEST_CASE("the currency a money cell names") {
    CHECK(currency_symbol_in("£12.00") == "GBP");
    CHECK(currency_symbol_in("12.00 EUR") == "EUR");
    CHECK(currency_symbol_in("€3,50") == "EUR");
    CHECK(currency_symbol_in("US$5") == "USD");
    CHECK(currency_symbol_in("HK$5") == "HKD");
    CHECK(currency_symbol_in("$5") == "$");
    CHECK(currency_symbol_in("¥129.00") == "¥");
    CHECK(currency_symbol_in("￥129") == "¥");
    CHECK(currency_symbol_in("129.00") == "");
    CHECK(symbol_fits("$", "USD"));
    CHECK(symbol_fits("$", "HKD"));
    CHECK_FALSE(symbol_fits("$", "CNY"));
    CHECK(symbol_fits("¥", "JPY"));
    CHECK_FALSE(symbol_fits("GBP", "CNY"));
    CHECK(symbol_fits("", "CNY"));
  }

  TEST_CASE("a new store takes the first import's money; a later one must agree") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    StoreMoney m0 = read_store_money(*s);
    CHECK_FALSE(m0.chosen);
    CHECK(m0.currency == "CNY");
    CHECK(m0.digits == 2);
    // Empty store: an import in mills (--decimals 3) sets the scale.
    auto c = check_import_money(*s, "CNY", 3);
    REQUIRE(c.ok());
    CHECK(c->set_store);
    CHECK(c->money.digits == 3);
    REQUIRE(s->write([&](Writer& w) -> Status {
                if (auto st = write_store_money(w, c->money); !st) return st;
                Product p;
                p.sku = "A";
                p.list_price = 12345;  // 12.345 in mills
                return w.put(p);
              }).ok());
    StoreMoney m = read_store_money(*s);
    CHECK(m.chosen);
    CHECK(m.digits == 3);
    // Now the store has data: the same scale passes, another is refused, as is another currency.
    CHECK(check_import_money(*s, "", 3).ok());
    CHECK_FALSE(check_import_money(*s, "", 3)->set_store);
    auto scale = check_import_money(*s, "CNY", 2);
    REQUIRE_FALSE(scale.ok());
    CHECK(scale.error().code == ErrorCode::conflict);
    auto other = check_import_money(*s, "GBP", 3);
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().message.find("GBP") != std::string::npos);
  }

  TEST_CASE("validation of what is written") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    auto put = [&](StoreMoney m) { return s->write([&](Writer& w) { return write_store_money(w, m); }); };
    CHECK(put({"JPY", 0, "Asia/Tokyo", true}).ok());
    CHECK(read_store_money(*s).digits == 0);
    CHECK(read_store_money(*s).timezone == "Asia/Tokyo");
    CHECK_FALSE(put({"USD", 1, "UTC", true}).ok());  // fewer digits than cents
    CHECK_FALSE(put({"ZZZ", 2, "UTC", true}).ok());
    CHECK_FALSE(put({"USD", 2, "not a zone", true}).ok());
    CHECK(read_store_money(*s).currency == "JPY");  // refused writes changed nothing
    CHECK(check_timezone("America/New_York").ok());
    CHECK(check_timezone("+08:00").ok());
    CHECK(check_timezone("UTC-5").ok());
    CHECK_FALSE(check_timezone("+25:00").ok());
    CHECK_FALSE(check_timezone("shanghai").ok());
  }
}
