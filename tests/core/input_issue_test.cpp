// Issue #10: a seller's input that is refused (a purchase-order file's row, a keyword report, the
// A/B form's figures, a workbook) comes back as a code with its parameters in the function's
// `InputIssue* why` (core/base/issue.h), and the Error's English message is input_issue_en() of
// that code, so the CLI's sentence and the UI's words come from one place.
#include <doctest/doctest.h>

#include <set>

#include "core/base/issue.h"
#include "core/insights/abtest.h"
#include "core/insights/titles.h"
#include "core/io/importer.h"
#include "core/planning/inventory.h"
#include "core/store/store.h"
#include "tests/core/fixture.h"
#include "tests/core/xlsx_fixtures.h"

using namespace shopkeeper;

namespace {

// A store with supplier 1 and product A (what a purchase-order row may name).
Store po_store() {
  Store s = fixture::memory_store();
  REQUIRE(s.write([](Writer& w) -> Status {
               Supplier sup;
               sup.id = 1, sup.name = "S1";
               if (auto st = w.put(sup); !st) return st;
               Product p;
               p.sku = "A", p.list_price = 1000;
               return w.put(p);
             }).ok());
  return s;
}

}  // namespace

TEST_SUITE("trust") {
  TEST_CASE("trust: every input issue code has a name and an English sentence") {
    std::set<std::string> names;
    for (int k = 1; k < kInputWhyCount; ++k) {
      InputIssue i{static_cast<InputWhy>(k), "f.csv", 3, "col", "x", "y", 1, 2};
      CAPTURE(k);
      CHECK(std::string(input_why_name(i.why)).size() > 2);
      CHECK(names.insert(input_why_name(i.why)).second);
      CHECK_FALSE(input_what_en(i).empty());
      // The location comes first: file, line, then the field (missing_column names it in the sentence).
      CHECK(input_issue_en(i).rfind("f.csv line 3: ", 0) == 0);
    }
    CHECK(input_issue_en({InputWhy::no_product, "po.csv", 3, "sku", "Z"}) == "po.csv line 3: field sku: no product with SKU \"Z\"");
    CHECK(input_issue_en({InputWhy::field_empty, "", 2, "keyword"}) == "line 2: field keyword: empty");
    InputIssue cell{InputWhy::formula_no_value, "b.xlsx", 2, "B"};
    cell.sheet = "Data";
    CHECK(input_issue_en(cell).rfind("b.xlsx, sheet \"Data\": row 2, column B: a formula without a saved value", 0) == 0);
  }

  TEST_CASE("trust: a refused purchase-order file names line, column and value as a code") {
    Store s = po_store();
    struct Case {
      const char* text;
      InputWhy why;
      int64_t line;
      const char* field;
      const char* a;
    };
    const char* head = "id,supplier_id,sku,qty,ordered,received,qty_received,qty_rejected\n";
    const Case cases[] = {
        {"", InputWhy::file_empty, 0, "", ""},
        {"id,sku,qty,ordered\nP1,A,1,2025-03-01\n", InputWhy::missing_column, 1, "supplier_id", ""},
        {"P1,1,Z,5,2025-03-01,,,\n", InputWhy::no_product, 2, "sku", "Z"},
        {"P1,7,A,5,2025-03-01,,,\n", InputWhy::no_supplier, 2, "supplier_id", "7"},
        {"P1,x,A,5,2025-03-01,,,\n", InputWhy::not_whole_number, 2, "supplier_id", "x"},
        {"P1,1,A,0,2025-03-01,,,\n", InputWhy::not_positive_whole, 2, "qty", ""},
        {"P1,1,A,5,2025-02-30,,,\n", InputWhy::not_date, 2, "ordered", "2025-02-30"},
        {"P1,1,A,5,2025-03-05,2025-03-01,5,0\n", InputWhy::received_before_ordered, 2, "received", "2025-03-01"},
        {"P1,1,A,5,2025-03-01,2025-03-04,2,3\n", InputWhy::rejected_over_received, 2, "qty_rejected", ""},
        {"P1,1,A,5,2025-03-01,,2,0\n", InputWhy::received_without_date, 2, "received", ""},
        {"P1,1,A,5,2025-03-01,,,\nP1,1,A,2,2025-03-01,,,\n", InputWhy::po_sku_twice, 3, "id", "P1"},
    };
    for (const Case& c : cases) {
      const std::string text = std::string(c.text).empty() || c.why == InputWhy::missing_column ? c.text : head + std::string(c.text);
      InputIssue i;
      auto r = planning::parse_purchase_orders(s.db(), text, "po.csv", &i);
      CAPTURE(text);
      REQUIRE_FALSE(r.ok());
      CHECK(i.why == c.why);
      CHECK(i.file == "po.csv");
      CHECK(i.line == c.line);
      CHECK(i.field == c.field);
      CHECK(i.a == c.a);
      CHECK(r.error().message == input_issue_en(i));
    }
    // What the planning test (tests/core/planning_test.cpp) reads in the message stays.
    auto bad = planning::parse_purchase_orders(s.db(), std::string(head) + "P1,1,Z,5,2025-03-01,,,\n", "bad.csv");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "bad.csv line 2: field sku: no product with SKU \"Z\"");
  }

  TEST_CASE("trust: keyword report and A/B figures refused as codes") {
    auto why = [](const char* text) {
      InputIssue i;
      auto k = insights::parse_keywords(text, &i);
      CHECK_FALSE(k.ok());
      if (!k.ok()) {
        CHECK(k.error().message == input_issue_en(i));
      }
      return i;
    };
    InputIssue i = why("keyword,visitors,conversion\nmug,12,abc\n");
    CHECK(i.why == InputWhy::not_rate);
    CHECK(i.line == 2);
    CHECK(i.field == "conversion");
    CHECK(i.a == "abc");
    InputIssue u;
    auto unknown = insights::parse_keywords("keyword,clicks\n", &u);
    REQUIRE_FALSE(unknown.ok());
    CHECK(u.why == InputWhy::unknown_columns);
    CHECK(unknown.error().message.find("unknown column \"clicks\"") != std::string::npos);
    CHECK(why("").why == InputWhy::file_empty);
    CHECK(why("keyword,visitors,conversion\n,3,0.1\n").why == InputWhy::field_empty);
    CHECK(why("keyword,visitors,conversion\nmug,3,120%\n").why == InputWhy::rate_above_100);

    insights::AbInput in;
    in.a_visitors = 10, in.a_conversions = 11, in.b_visitors = 10, in.b_conversions = 1;
    InputIssue ab;
    auto r = insights::ab_test(in, &ab);
    REQUIRE_FALSE(r.ok());
    CHECK(ab.why == InputWhy::ab_conversions_over_visitors);
    CHECK(ab.a == "A");
    CHECK(ab.n == 11);
    CHECK(ab.m == 10);
    CHECK(r.error().message == "A has more conversions (11) than visitors (10)");
    in.a_conversions = 1, in.b_visitors = 0;
    CHECK_FALSE(insights::ab_test(in, &ab).ok());
    CHECK(ab.why == InputWhy::ab_no_visitors);
    CHECK(ab.a == "B");
    CHECK_FALSE(insights::ab_test(in).ok());  // without `why`: the same refusal, nothing filled
  }

  TEST_CASE("trust: a refused workbook says why as a code through the importer") {
    auto refused = [](const std::string& bytes, const std::string& file) {
      Importer imp;
      ImportOptions o;
      o.file_name = file;
      auto st = imp.begin(bytes, o);
      REQUIRE_FALSE(st.ok());
      CHECK(st.error().message.rfind(file, 0) == 0);
      CHECK(imp.refusal().empty());
      CHECK(imp.input_issue().file == file);
      CHECK(st.error().message == input_issue_en(imp.input_issue()));
      return imp.input_issue();
    };
    InputIssue i = refused(sk_test::make_zip("photos.zip", {{"photo1.txt", "hello"}}), "orders.xlsx");
    CHECK(i.why == InputWhy::workbook_not_excel);
    CHECK(i.n == 1);
    i = refused(sk_test::make_raw_xlsx("nohead.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"), "nohead.xlsx");
    CHECK(i.why == InputWhy::no_header_row);
    CHECK(i.sheet == "Data");
    CHECK(i.n == 30);
    i = refused(sk_test::make_raw_xlsx("formula.xlsx",
                                    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>订单号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>单价</t></is></c></row>"
                                    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F-1</t></is></c><c r=\"B2\"><f>A3*2</f></c></row>"),
                "formula.xlsx");
    CHECK(i.why == InputWhy::formula_no_value);
    CHECK(i.line == 2);
    CHECK(i.field == "B");
    i = refused(sk_test::make_zip("badxml.xlsx", {{"xl/workbook.xml", "<workbook><sheets><sheet"}}), "badxml.xlsx");
    CHECK(i.why == InputWhy::workbook_damaged);
  }
}
