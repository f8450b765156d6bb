// Excel import (core/io/spreadsheet.h through the CSV importer): sheets, header below title lines,
// shared and inline strings, serial dates in both systems, text dates, numbers kept as text,
// merged header cells, hidden rows, and the malformed-file suite. Fixtures are built in code
// (tests/core/xlsx_fixtures.h). The order figures follow io_import_test.cpp's generic
// Chinese-header case (2 x 1299.00 + 1 x 5.50 = 2603.50, shipping 10.00).
#include <doctest/doctest.h>

#include "core/base/date.h"
#include "core/io/importer.h"
#include "core/io/spreadsheet.h"
#include "core/store/store.h"
#include "tests/core/xlsx_fixtures.h"

using namespace shopkeeper;
using namespace sk_test;

namespace {

Store mem() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  return std::move(*s);
}

int64_t q(Store& s, const std::string& sql) {
  auto v = s.db().scalar(sql);
  REQUIRE_MESSAGE(v.ok(), sql);
  return *v;
}

int64_t count_orders(Store& s) { return q(s, "SELECT COUNT(*) FROM orders"); }

Timestamp ts(int y, int m, int d, int h = 0, int mi = 0) { return start_of(days_from_civil(y, m, d)) + h * 3600 + mi * 60; }

ImportOptions generic(const std::string& file) {
  ImportOptions o;
  o.format = "generic";
  o.target = "orders";
  o.file_name = file;
  return o;
}

// Two sheets: an empty "Notes" first, then "订单" with a merged title (row 1), an export-date line
// (row 2), the header (row 3) and five order rows; row 7 is hidden; row 8 has a bad price.
std::string orders_workbook() {
  return make_xlsx("orders.xlsx", [](lxw_workbook* wb) {
    workbook_add_worksheet(wb, "Notes");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "订单");
    lxw_format* dt = workbook_add_format(wb);
    format_set_num_format(dt, "yyyy-mm-dd hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "\"¥\"#,##0.00");
    worksheet_merge_range(ws, 0, 0, 0, 6, "2024年3月订单报表", nullptr);
    worksheet_write_string(ws, 1, 0, "导出时间", nullptr);
    worksheet_write_string(ws, 1, 1, "2024-04-01", nullptr);
    const char* head[] = {"订单号", "下单时间", "客户ID", "商品编码", "数量", "单价", "运费"};
    for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), head[c], nullptr);
    lxw_datetime d1 = {2024, 3, 5, 14, 0, 0};
    // row 4: A-1, a serial date-time, numbers as numbers
    worksheet_write_string(ws, 3, 0, "A-1", nullptr);
    worksheet_write_datetime(ws, 3, 1, &d1, dt);
    worksheet_write_string(ws, 3, 2, "C1", nullptr);
    worksheet_write_string(ws, 3, 3, "S1", nullptr);
    worksheet_write_number(ws, 3, 4, 2, nullptr);
    worksheet_write_number(ws, 3, 5, 1299, money);
    worksheet_write_number(ws, 3, 6, 10, money);
    // row 5: A-1's second line, numbers typed as text
    worksheet_write_string(ws, 4, 0, "A-1", nullptr);
    worksheet_write_datetime(ws, 4, 1, &d1, dt);
    worksheet_write_string(ws, 4, 2, "C1", nullptr);
    worksheet_write_string(ws, 4, 3, "S2", nullptr);
    worksheet_write_string(ws, 4, 4, "1", nullptr);
    worksheet_write_string(ws, 4, 5, "5.50", nullptr);
    worksheet_write_string(ws, 4, 6, "10", nullptr);
    // row 6: A-2, a text date
    const char* a2[] = {"A-2", "2024-03-06 09:00", "C2", "S1", "1", "3.00", "0"};
    for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 5, static_cast<lxw_col_t>(c), a2[c], nullptr);
    // row 7: hidden (A-9 must not be imported)
    const char* a9[] = {"A-9", "2024-03-06 10:00", "C2", "S1", "1", "3.00", "0"};
    for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 6, static_cast<lxw_col_t>(c), a9[c], nullptr);
    lxw_row_col_options hidden = {1, 0, 0};
    worksheet_set_row_opt(ws, 6, LXW_DEF_ROW_HEIGHT, nullptr, &hidden);
    // row 8: A-3 with a bad price
    const char* a3[] = {"A-3", "2024-03-07 09:00", "C2", "S1", "1", "abc", "0"};
    for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 7, static_cast<lxw_col_t>(c), a3[c], nullptr);
  });
}

}  // namespace

TEST_SUITE("io xlsx") {
  TEST_CASE("xlsx: first sheet with data, header below title lines, serial and text dates, hidden row skipped") {
    std::string bytes = orders_workbook();
    REQUIRE(!bytes.empty());
    auto wb = read_workbook(bytes, "orders.xlsx");
    REQUIRE_MESSAGE(wb.ok(), wb.error().message);
    REQUIRE(wb->sheets.size() == 2);
    CHECK(wb->sheets[1].name == "订单");

    Store s = mem();
    Importer imp;
    REQUIRE(imp.begin(bytes, generic("orders.xlsx")).ok());
    const ImportPlan& plan = imp.plan();
    CHECK(plan.sheet == "订单");  // "Notes" is empty
    CHECK(plan.sheets == std::vector<std::string>{"Notes", "订单"});
    CHECK(plan.header_line == 3);  // below the merged title and the export-date line
    CHECK(plan.hidden_rows == std::vector<int64_t>{7});
    REQUIRE(plan.preview.size() == 4);  // rows 4, 5, 6, 8
    CHECK(plan.preview[0][1] == "2024-03-05 14:00:00");  // the serial date-time
    CHECK(plan.preview[0][5] == "1299");
    auto r = imp.commit(s);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->sheet == "订单");
    CHECK(r->orders_imported == 2);  // A-9 hidden, A-3 rejected
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='A-1'") == 260350);  // 2 x 1299.00 + 1 x 5.50
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='A-1'") == 261350);   // + 10.00 shipping
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='A-1'") == ts(2024, 3, 5, 14, 0));
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='A-2'") == ts(2024, 3, 6, 9, 0));
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE id='A-9'") == 0);
    REQUIRE(r->errors.size() == 1);
    CHECK(r->errors[0].line == 8);  // the sheet's row number
    CHECK(r->errors[0].column == "单价");
    CHECK(r->errors[0].value == "abc");
    CHECK(r->hidden_rows == std::vector<int64_t>{7});
    auto j = report_to_json(*r);
    CHECK(j["sheet"] == "订单");
    CHECK(j["hidden_rows_skipped"][0] == 7);
  }

  TEST_CASE("xlsx: --sheet picks a sheet by name; an unknown name lists the sheets") {
    std::string bytes = orders_workbook();
    Store s = mem();
    Importer imp;
    ImportOptions o = generic("orders.xlsx");
    o.sheet = "Notes";
    auto st = imp.begin(bytes, o);
    REQUIRE_FALSE(st.ok());  // the chosen sheet is empty: no header
    CHECK(st.error().message.find("sheet \"Notes\"") != std::string::npos);
    o.sheet = "Nope";
    st = imp.begin(bytes, o);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message == "orders.xlsx: no sheet named \"Nope\"; the sheets are \"Notes\", \"订单\"");
    o.sheet = "订单";
    REQUIRE(imp.begin(bytes, o).ok());
    CHECK(imp.commit(s).ok());
    CHECK(count_orders(s) == 2);
  }

  TEST_CASE("xlsx: 1904 date system, inline strings, shared strings, booleans and date styles") {
    // Serial 0 in the 1904 system is 1904-01-01; 43894 is 2024-03-05 (= 45356 - 1462 in 1900).
    std::string sheet =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>商品编码</t></is></c>"
        "<c r=\"D1\" t=\"inlineStr\"><is><r><t>数</t></r><r><t>量</t></r></is></c><c r=\"E1\" t=\"s\"><v>2</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>B-1</t></is></c><c r=\"B2\" s=\"2\"><v>43894.5</v></c>"
        "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\"><v>3</v></c><c r=\"E2\"><v>2.5</v></c></row>";
    std::string bytes = make_raw_xlsx("d1904.xlsx", sheet, "date1904=\"1\"", {"订单号", "下单时间", "单价", "S9"});
    auto wb = read_workbook(bytes, "d1904.xlsx");
    REQUIRE_MESSAGE(wb.ok(), wb.error().message);
    CHECK(wb->date1904);
    auto sd = read_sheet(*wb, bytes, "");
    REQUIRE_MESSAGE(sd.ok(), sd.error().message);
    REQUIRE(sd->rows.size() == 2);
    CHECK(sd->rows[0][3] == "数量");
    CHECK(sd->rows[1][1] == "2024-03-05 12:00:00");
    Store s = mem();
    auto r = import_file(s, [&] {
      std::string p = temp_path("d1904.xlsx");
      std::FILE* f = std::fopen(p.c_str(), "wb");
      std::fwrite(bytes.data(), 1, bytes.size(), f);
      std::fclose(f);
      return p;
    }(), generic(""));
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->file == "sk-xlsx-d1904.xlsx");
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='B-1'") == ts(2024, 3, 5, 12, 0));
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='B-1'") == 750);  // 3 x 2.50
  }

  TEST_CASE("xlsx: serial dates in the 1900 system, and number text") {
    CHECK(format_day(day_of(excel_serial_to_timestamp(1, false))) == "1900-01-01");
    CHECK(format_day(day_of(excel_serial_to_timestamp(59, false))) == "1900-02-28");
    CHECK(format_day(day_of(excel_serial_to_timestamp(61, false))) == "1900-03-01");
    CHECK(format_day(day_of(excel_serial_to_timestamp(45356, false))) == "2024-03-05");
    CHECK(format_timestamp(excel_serial_to_timestamp(45356.75, false)) == "2024-03-05 18:00:00");
    CHECK(format_timestamp(excel_serial_to_timestamp(45356.99999999, false)) == "2024-03-06 00:00:00");  // rounds to the second
    CHECK(format_day(day_of(excel_serial_to_timestamp(0, true))) == "1904-01-01");
    CHECK(is_date_format(14, ""));
    CHECK(is_date_format(57, ""));  // a Chinese built-in date format
    CHECK_FALSE(is_date_format(4, ""));
    CHECK(is_date_format(-1, "yyyy\"年\"m\"月\"d\"日\""));
    CHECK(is_date_format(-1, "[h]:mm"));
    CHECK_FALSE(is_date_format(-1, "\"¥\"#,##0.00;[Red]-\"¥\"#,##0.00"));
    CHECK_FALSE(is_date_format(-1, "0.00E+00"));
    CHECK_FALSE(is_date_format(-1, "General"));
    CHECK(excel_number_text(1299) == "1299");
    CHECK(excel_number_text(0.1 + 0.2) == "0.3");  // 15 significant digits, what Excel shows
    CHECK(excel_number_text(-12.5) == "-12.5");
    CHECK(excel_number_text(1e-7) == "0.0000001");
    CHECK(excel_number_text(123456789012345678.0) == "123456789012346000");
  }

  TEST_CASE("xlsx: a line break inside a cell is kept, and later rows keep their sheet row numbers") {
    std::string sheet =
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>sku</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>title</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>unit_cost</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>P1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>JAM SET\nWITH\r\nJARS</t></is></c>"
        "<c r=\"C2\"><v>1.5</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>P2</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>Mug</t></is></c>"
        "<c r=\"C4\" t=\"inlineStr\"><is><t>abc</t></is></c></row>";
    std::string bytes = make_raw_xlsx("lines.xlsx", sheet);
    Store s = mem();
    ImportOptions o;
    o.format = "generic";
    o.target = "products";
    o.file_name = "lines.xlsx";
    Importer imp;
    auto st = imp.begin(bytes, o);
    REQUIRE_MESSAGE(st.ok(), st.error().message);
    auto r = imp.commit(s);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    REQUIRE(r->errors.size() == 1);
    CHECK(r->errors[0].line == 4);  // row 4 of the sheet, although the CSV line is 6
    auto title = s.db().prepare("SELECT title FROM products WHERE sku='P1'");
    REQUIRE(title.ok());
    REQUIRE(title->step());
    CHECK(title->text(0) == "JAM SET\nWITH\nJARS");
  }

  TEST_CASE("xlsx: merged header cells over two rows name the columns; merged data cells fill their rows") {
    // Row 1: 订单号 (A1:A2 merged down), 下单时间 (B1:B2), 商品 (C1:D1 merged across) over
    // 商品编码 / 数量 in row 2, 单价 (E1:E2). Row 3-4: order M-1 with its id merged over both rows.
    std::string sheet =
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>订单号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>下单时间</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>商品</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>单价</t></is></c></row>"
        "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>商品编码</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>数量</t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>M-1</t></is></c><c r=\"B3\" s=\"1\"><v>45356</v></c>"
        "<c r=\"C3\" t=\"inlineStr\"><is><t>S1</t></is></c><c r=\"D3\"><v>2</v></c><c r=\"E3\"><v>4</v></c></row>"
        "<row r=\"4\"><c r=\"B4\" s=\"1\"><v>45356</v></c>"
        "<c r=\"C4\" t=\"inlineStr\"><is><t>S2</t></is></c><c r=\"D4\"><v>1</v></c><c r=\"E4\"><v>1.5</v></c></row>";
    std::string merges =
        "<mergeCells count=\"5\"><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:B2\"/><mergeCell ref=\"C1:D1\"/>"
        "<mergeCell ref=\"E1:E2\"/><mergeCell ref=\"A3:A4\"/></mergeCells>";
    std::string bytes = make_raw_xlsx("merged.xlsx", sheet, "", {}, merges);
    Store s = mem();
    Importer imp;
    auto st = imp.begin(bytes, generic("merged.xlsx"));
    REQUIRE_MESSAGE(st.ok(), st.error().message);
    CHECK(imp.plan().headers == std::vector<std::string>{"订单号", "下单时间", "商品编码", "数量", "单价"});
    CHECK(imp.plan().header_line == 2);
    auto r = imp.commit(s);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->lines_imported == 2);
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='M-1'") == 950);  // 2 x 4.00 + 1 x 1.50
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='M-1'") == ts(2024, 3, 5));

    // A header cell merged down over a row of data (numbers) leaves the header one row.
    std::string data_below =
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>sku</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>unit_cost</t></is></c></row>"
        "<row r=\"2\"><c r=\"B2\"><v>2</v></c></row>";
    std::string b2 = make_raw_xlsx("m2.xlsx", data_below, "", {}, "<mergeCells><mergeCell ref=\"A1:A2\"/></mergeCells>");
    auto wb2 = read_workbook(b2, "m2.xlsx");
    REQUIRE(wb2.ok());
    auto sd = read_sheet(*wb2, b2, "");
    REQUIRE(sd.ok());
    auto csv = sheet_to_csv(*sd, "m2.xlsx", nullptr);
    REQUIRE(csv.ok());
    CHECK(csv->header_row == 1);
    CHECK(csv->csv == "sku,unit_cost\nsku,2\n");  // the merged id fills row 2 too
  }

  TEST_CASE("xlsx and xls: malformed files give a clear message naming file, sheet, row and column; nothing written") {
    Store s = mem();
    auto refused = [&](const std::string& bytes, const std::string& file, const std::string& needle) {
      Importer imp;
      auto st = imp.begin(bytes, generic(file));
      REQUIRE_FALSE(st.ok());
      CHECK_MESSAGE(st.error().message.find(needle) != std::string::npos, st.error().message);
      CHECK(st.error().message.rfind(file, 0) == 0);
      CHECK(count_orders(s) == 0);
    };
    // A renamed zip of something else.
    refused(make_zip("photos.zip", {{"photo1.txt", "hello"}, {"readme.txt", "x"}}), "orders.xlsx",
            "no Excel workbook (no xl/workbook.xml)");
    // A password-protected workbook: an OLE compound file with EncryptionInfo / EncryptedPackage.
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    ole.resize(1024, '\0');
    for (const char* name : {"EncryptionInfo", "EncryptedPackage"})
      for (const char* c = name; *c; ++c) ole += std::string(1, *c) + std::string(1, '\0');
    ole.resize(4096, '\0');
    refused(ole, "secret.xlsx", "protected with a password");
    // An OLE file that is not a workbook.
    std::string doc("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    doc.resize(4096, '\0');
    refused(doc, "old.xls", "old.xls: ");
    // A sheet with no header (numbers from row 1).
    refused(make_raw_xlsx("nohead.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"
                                         "<row r=\"2\"><c r=\"A2\"><v>3</v></c><c r=\"B2\"><v>4</v></c></row>"),
            "nohead.xlsx", "sheet \"Data\": no header row in the first 30 rows");
    // A formula-only column without saved values.
    refused(make_raw_xlsx("formula.xlsx",
                          "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>订单号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>单价</t></is></c></row>"
                          "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F-1</t></is></c><c r=\"B2\"><f>A3*2</f></c></row>"),
            "formula.xlsx", "sheet \"Data\": row 2, column B: a formula without a saved value");
    // A shared string index out of range; a damaged part; XML that is not XML.
    refused(make_raw_xlsx("sst.xlsx", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>"), "sst.xlsx",
            "row 1, column A: shared string 7 does not exist");
    refused(make_zip("badxml.xlsx", {{"xl/workbook.xml", "<workbook><sheets><sheet"}}), "badxml.xlsx", "not valid XML");
    std::string good = orders_workbook();
    std::string cut = good.substr(0, good.size() / 2);
    Importer imp;
    CHECK_FALSE(imp.begin(cut, generic("cut.xlsx")).ok());
    std::string flipped = good;
    for (size_t i = 200; i < flipped.size() && i < 1200; i += 7) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
    CHECK_FALSE(imp.begin(flipped, generic("flipped.xlsx")).ok());
    CHECK(count_orders(s) == 0);
    // A zip not named like a workbook keeps the CSV importer's message.
    Importer plain;
    auto st = plain.begin(make_zip("a.zip", {{"a.csv", "x"}}), generic("a.zip"));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("unpack it") != std::string::npos);
  }

  TEST_CASE("xls: a workbook freexl reads") {
    std::string bytes = slurp_file(std::string(SK_SOURCE_DIR) + "/tests/data/xls/oocalc_simple97.xls");
    auto wb = read_workbook(bytes, "simple.xls");
    REQUIRE_MESSAGE(wb.ok(), wb.error().message);
    CHECK(wb->xls);
    auto sd = read_sheet(*wb, bytes, "");
    REQUIRE_MESSAGE(sd.ok(), sd.error().message);
    CHECK(wb->sheets[0].name == "Sheet1");
    REQUIRE(sd->rows.size() == 2);
    CHECK(sd->rows[0] == std::vector<std::string>{"Col 1", "Col 2", "", "", "time", "Datetime", "date"});
    CHECK(sd->rows[1] == std::vector<std::string>{"A", "B", "2", "4.2", "11:00:00", "2011-08-21 10:23:45", "1967-03-11"});
    // Through the importer: products with a mapping, the date cell as the launch day.
    auto m = parse_mapping_spec("sku=Col 1,title=Col 2,launched_on=date", Target::products);
    REQUIRE(m.ok());
    ImportOptions o;
    o.format = "generic";
    o.target = "products";
    o.mapping = *m;
    o.file_name = "simple.xls";
    Store s = mem();
    Importer imp;
    auto st = imp.begin(bytes, o);
    REQUIRE_MESSAGE(st.ok(), st.error().message);
    auto r = imp.commit(s);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->sheet == "Sheet1");
    CHECK(q(s, "SELECT launched_on FROM products WHERE sku='A'") == days_from_civil(1967, 3, 11));
  }
}
