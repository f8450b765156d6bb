// Issue #9 item 7: the currency an import file's amounts are written in, read from its plan
// before anything is written (core/io/currency_sniff.h), and what that means for a store.
#include <doctest/doctest.h>

#include "core/base/file.h"
#include "core/io/currency_sniff.h"
#include "core/io/importer.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {
using V = std::vector<std::string>;

FileCurrency sniff(const std::string& bytes) {
  Importer imp;
  ImportOptions o;
  o.file_name = "t.csv";
  REQUIRE(imp.begin(std::string(bytes), o).ok());
  return sniff_file_currency(imp.plan());
}

const char* kHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
}  // namespace

TEST_SUITE("io") {
  TEST_CASE("currency: a symbol or code beside an amount names its currencies") {
    std::string tok;
    CHECK(currencies_in_amount("\xC2\xA3" "12.00", &tok) == V{"GBP"});  // £12.00
    CHECK(tok == "\xC2\xA3");
    CHECK(currencies_in_amount("-\xE2\x82\xAC" "9,50") == V{"EUR"});     // -€9,50
    CHECK(currencies_in_amount("HK$88") == V{"HKD"});                    // not the bare $
    CHECK(currencies_in_amount("NT$300") == V{"TWD"});
    CHECK(currencies_in_amount("US$5") == V{"USD"});
    CHECK(currencies_in_amount("$5.00") == V{"USD", "HKD", "TWD", "SGD", "AUD", "CAD"});
    CHECK(currencies_in_amount("\xC2\xA5" "1200") == V{"CNY", "JPY"});  // ¥ is yuan or yen
    CHECK(currencies_in_amount("JP\xC2\xA5" "1200") == V{"JPY"});
    CHECK(currencies_in_amount("\xEF\xBF\xA5" "99") == V{"CNY"});       // ￥ of Chinese exports
    CHECK(currencies_in_amount("99\xE5\x85\x83") == V{"CNY"});          // 99元
    CHECK(currencies_in_amount("12.00 GBP", &tok) == V{"GBP"});
    CHECK(tok == "GBP");
    CHECK(currencies_in_amount("EUR 1.299,00") == V{"EUR"});
    CHECK(currencies_in_amount("12.00").empty());    // a plain number says nothing
    CHECK(currencies_in_amount("12.00 ABC").empty());  // not a currency code
    CHECK(currencies_in_amount("TEA 12").empty());
  }

  TEST_CASE("currency: the file's money columns and currency column, against the store's currency") {
    // £ prices in an Online Retail export: GBP from line 2 on.
    FileCurrency gbp = sniff(std::string(kHeader) + "536365,85123A,HEART,6,12/1/2010 8:26,\xC2\xA3" "2.55,17850,United Kingdom\n" +
                             "536366,71053,LANTERN,6,12/1/2010 8:26,\xC2\xA3" "3.39,17850,United Kingdom\n");
    CHECK(gbp.codes == V{"GBP"});
    CHECK(gbp.seen == "\xC2\xA3");
    CHECK(gbp.line == 2);
    CHECK(gbp.second.empty());
    CurrencyVerdict v = judge_file_currency(gbp, "CNY");
    CHECK(v.fit == CurrencyFit::differs);
    CHECK(v.suggested == "GBP");
    CHECK(judge_file_currency(gbp, "GBP").fit == CurrencyFit::agrees);
    // Plain numbers: nothing said, the store's currency stands.
    FileCurrency none = sniff(std::string(kHeader) + "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n");
    CHECK_FALSE(none.says());
    CHECK(judge_file_currency(none, "CNY").fit == CurrencyFit::agrees);
    // $ then HK$: the plainer one narrows the dollar to HKD, one currency.
    FileCurrency hkd = sniff(std::string(kHeader) + "1,A,X,1,12/1/2010 8:26,$2.00,1,HK\n" + "2,B,Y,1,12/1/2010 8:26,HK$3.00,1,HK\n");
    CHECK(hkd.codes == V{"HKD"});
    CHECK(hkd.second.empty());
    // A bare $ in a USD store agrees; in a CNY store it differs with no single suggestion.
    FileCurrency usd = sniff(std::string(kHeader) + "1,A,X,1,12/1/2010 8:26,$2.00,1,US\n");
    CHECK(judge_file_currency(usd, "USD").fit == CurrencyFit::agrees);
    CHECK(judge_file_currency(usd, "CNY").fit == CurrencyFit::differs);
    CHECK(judge_file_currency(usd, "CNY").suggested.empty());
    // £ on line 2 and € on line 3: two currencies, refused whatever the store keeps.
    FileCurrency mixed = sniff(std::string(kHeader) + "1,A,X,1,12/1/2010 8:26,\xC2\xA3" "2.00,1,UK\n" +
                               "2,B,Y,1,12/1/2010 8:26,\xE2\x82\xAC" "3.00,1,FR\n");
    CHECK(mixed.codes == V{"GBP"});
    CHECK(mixed.second == "\xE2\x82\xAC");
    CHECK(mixed.second_line == 3);
    CHECK(judge_file_currency(mixed, "GBP").fit == CurrencyFit::mixed);
    // The Shopify export's Currency column (USD), with plain-number prices.
    auto bytes = read_file(fixture::import_fixture("shopify_orders.csv"));
    REQUIRE(bytes);
    FileCurrency shop = sniff(*bytes);
    CHECK(shop.codes == V{"USD"});
    CHECK(shop.seen == "Currency: USD");
    CHECK(shop.line == 2);
    CHECK(judge_file_currency(shop, "CNY").suggested == "USD");
    CHECK(judge_file_currency(shop, "USD").fit == CurrencyFit::agrees);
  }
}
