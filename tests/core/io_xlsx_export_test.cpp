// Excel export (core/io/xlsx_write.h): the workbook read back with the project's own reader
// (core/io/spreadsheet.h) equals the CSV of the same table cell by cell: text as text, numbers
// and money as the same numbers, days and times as the same dates. tests/oracle/excel_check.py
// checks the same with openpyxl, plus the formats, the frozen and filtered header.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>

#include "core/base/date.h"
#include "core/io/csv.h"
#include "core/io/importer.h"
#include "core/io/spreadsheet.h"
#include "core/io/table.h"
#include "core/io/xlsx_write.h"
#include "core/store/store.h"

using namespace shopkeeper;

namespace {

std::vector<std::vector<std::string>> csv_rows(const std::string& csv) {
  auto dec = decode_text(csv);
  REQUIRE(dec.ok());
  std::vector<std::vector<std::string>> out;
  CsvReader r(dec->text, ',');
  CsvRecord rec;
  while (r.next(rec)) {
    std::vector<std::string> row;
    for (auto f : rec.fields) row.emplace_back(f);
    out.push_back(std::move(row));
  }
  return out;
}

bool as_number(const std::string& s, double& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

// The same value: equal text, or the CSV's formula guard ('=...) undone, or equal numbers.
bool same_cell(std::string csv, const std::string& xlsx) {
  if (csv.size() >= 2 && csv[0] == '\'' && std::string("=+-@\t\r").find(csv[1]) != std::string::npos) csv.erase(0, 1);
  if (csv == xlsx) return true;
  double a = 0, b = 0;
  return as_number(csv, a) && as_number(xlsx, b) && std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a));
}

void check_same(const Table& t, const XlsxOptions& o) {
  auto bytes = to_xlsx(t, o);
  REQUIRE_MESSAGE(bytes.ok(), bytes.error().message);
  auto wb = read_workbook(*bytes, "t.xlsx");
  REQUIRE_MESSAGE(wb.ok(), wb.error().message);
  auto sd = read_sheet(*wb, *bytes, "");
  REQUIRE_MESSAGE(sd.ok(), sd.error().message);
  auto csv = csv_rows(to_csv(t));
  if (!t.note.empty()) csv.erase(csv.begin());  // the "# ..." line is a comment in the workbook
  REQUIRE(sd->rows.size() == csv.size());
  for (size_t r = 0; r < csv.size(); ++r) {
    const auto& x = sd->rows[r];
    for (size_t c = 0; c < csv[r].size(); ++c) {
      std::string xv = c < x.size() ? x[c] : std::string();
      CAPTURE(r);
      CAPTURE(c);
      CHECK_MESSAGE(same_cell(csv[r][c], xv), "csv \"" << csv[r][c] << "\" xlsx \"" << xv << "\"");
    }
  }
}

}  // namespace

TEST_SUITE("io xlsx") {
  TEST_CASE("xlsx export: every kind of cell reads back as the CSV of the same table") {
    Table t;
    t.columns = {"商品", "count", "amount", "day", "time", "rate", "note"};
    t.money_decimals = 2;
    t.real_digits = 6;
    t.note = "rates rounded to 6 decimal places";
    t.rows.push_back({Cell::text("连衣裙 夏季"), Cell::integer(12), Cell::money(129950), Cell::day(days_from_civil(2024, 3, 5)),
                      Cell::time(start_of(days_from_civil(2024, 3, 5)) + 14 * 3600 + 5 * 60 + 9), Cell::real(0.3762154457058494),
                      Cell::text("=SUM(A1)")});
    t.rows.push_back({Cell::text("T-shirt, \"basic\""), Cell::integer(-3), Cell::money(-5), Cell::day(days_from_civil(1999, 12, 31)),
                      Cell::time(start_of(days_from_civil(2024, 1, 1))), Cell::real(-2.5), Cell::null()});
    t.rows.push_back({Cell::null(), Cell::integer(0), Cell::money(0), Cell::null(), Cell::null(), Cell::real(1e-7), Cell::text("-12")});
    check_same(t, XlsxOptions{"订单", "¥"});
    // Three money digits (a store kept in mills), and no digits (yen).
    t.money_decimals = 3;
    check_same(t, XlsxOptions{"mills", "$"});
    t.money_decimals = 0;
    check_same(t, XlsxOptions{"yen", "¥"});
    CHECK(money_number_format("¥", 2) == "\"¥\"#,##0.00;-\"¥\"#,##0.00");
    CHECK(money_number_format("", 0) == "#,##0");
  }

  // After io_import_test.cpp's "round trip: export every table, import the CSVs ...", through .xlsx.
  TEST_CASE("xlsx export: every store table reads back as its CSV, and imports into an empty store as the same store") {
    auto fixture = [](const std::string& rel) { return std::string(SK_SOURCE_DIR) + "/tests/data/import/" + rel; };
    auto generic = [](const char* target) {
      ImportOptions o;
      o.format = "generic";
      o.target = target;
      return o;
    };
    auto a = Store::open_memory();
    REQUIRE(a.ok());
    REQUIRE(import_file(*a, fixture("online_retail.csv"), {}).ok());
    REQUIRE(import_file(*a, fixture("shopify_orders.csv"), {}).ok());
    ImportOptions po = generic("products");
    po.number.decimal_comma = true;
    REQUIRE(import_file(*a, fixture("generic_products.csv"), po).ok());
    REQUIRE(import_file(*a, fixture("generic_customers.csv"), generic("customers")).ok());
    REQUIRE(import_file(*a, fixture("traffic.csv"), generic("traffic")).ok());
    REQUIRE(import_file(*a, fixture("ad_spend.csv"), generic("ad_spend")).ok());
    REQUIRE(a->write([](Writer& w) {
               Product p;
               p.sku = "=HYPERLINK(\"x\")";
               p.title = "-5 off, @home";
               p.unit_cost = -12;
               p.tags = "+vip";
               return w.put(p);
             }).ok());
    for (const std::string& name : exportable_tables()) {
      CAPTURE(name);
      auto t = export_table(*a, name);
      REQUIRE_MESSAGE(t.ok(), t.error().message);
      check_same(*t, XlsxOptions{name, "¥"});
    }
    auto b = Store::open_memory();
    REQUIRE(b.ok());
    const std::vector<std::pair<std::string, std::string>> order = {
        {"products", "products"},       {"customers", "customers"}, {"orders", "orders"},
        {"order_lines", "order_lines"}, {"refunds", "refunds"},     {"traffic_daily", "traffic"},
        {"ad_spend", "ad_spend"}};
    for (const auto& entry : order) {
      const auto& table = entry.first;  // not a structured binding: CAPTURE's lambda takes it
      const auto& target = entry.second;
      CAPTURE(table);
      auto t = export_table(*a, table);
      REQUIRE(t.ok());
      auto bytes = to_xlsx(*t, XlsxOptions{table, "¥"});
      REQUIRE_MESSAGE(bytes.ok(), bytes.error().message);
      ImportOptions o = generic(target.c_str());
      o.file_name = table + ".xlsx";
      Importer imp;
      auto st = imp.begin(*bytes, o);
      REQUIRE_MESSAGE(st.ok(), st.error().message);
      auto r = imp.commit(*b);
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r->sheet == table);
      CHECK(r->rows_rejected == 0);
      CHECK(r->rows_read == static_cast<int64_t>(t->rows.size()));
    }
    for (const auto& entry : order) {
      CAPTURE(entry.first);
      CHECK(to_csv(*export_table(*a, entry.first)) == to_csv(*export_table(*b, entry.first)));
    }
  }

  TEST_CASE("xlsx export: limits are refused with a clear message") {
    Table t;
    t.columns = {"text"};
    t.rows.push_back({Cell::text(std::string(40000, 'x'))});
    auto r = to_xlsx(t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "row 2, column text: the text is longer than an Excel cell holds (32,767 characters): export it as CSV");
  }
}
