// CSV reader, encodings and cell value parsers (core/io/csv, core/io/values).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/io/csv.h"
#include "core/io/values.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {
std::vector<std::vector<std::string>> read_all(std::string_view text, char delim, std::vector<int64_t>* lines = nullptr,
                                               std::vector<std::string>* errors = nullptr) {
  CsvReader r(text, delim);
  CsvRecord rec;
  std::vector<std::vector<std::string>> out;
  while (r.next(rec)) {
    out.emplace_back(rec.fields.begin(), rec.fields.end());
    if (lines) lines->push_back(rec.line);
    if (errors) errors->push_back(rec.error);
  }
  return out;
}
using fixture::ts;
}  // namespace

TEST_SUITE("io") {
  TEST_CASE("csv: quoted fields with delimiters, doubled quotes and newlines; line numbers") {
    std::vector<int64_t> lines;
    auto rows = read_all("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,z", ',', &lines);
    REQUIRE(rows.size() == 4);
    CHECK(rows[1] == std::vector<std::string>{"1", "x, y", "say \"hi\""});
    CHECK(rows[2] == std::vector<std::string>{"2", "two\nlines", ""});
    CHECK(rows[3] == std::vector<std::string>{"3", "", "z"});
    // The record after the embedded newline starts on line 5 (line 4 is inside record 3),
    // the blank line 5 is skipped, so "3,,z" is on line 6.
    CHECK(lines == std::vector<int64_t>{1, 2, 3, 6});
  }

  TEST_CASE("csv: malformed records are reported and reading resumes on the next line") {
    std::vector<std::string> errors;
    auto rows = read_all("a,b\n\"x\"y,1\nok,2\n\"never closed,3\nlost,4\n", ',', nullptr, &errors);
    REQUIRE(rows.size() == 4);
    CHECK(errors[0].empty());
    CHECK(errors[1].find("closing quote") != std::string::npos);
    CHECK(rows[2] == std::vector<std::string>{"ok", "2"});
    CHECK(errors[2].empty());
    CHECK(errors[3].find("never closed") != std::string::npos);
    CHECK(errors[3].find("line 4") != std::string::npos);
  }

  TEST_CASE("csv: delimiter detection ignores quoted delimiters") {
    CHECK(detect_delimiter("a;b;c\n1;2;3") == ';');
    CHECK(detect_delimiter("a\tb\tc\n") == '\t');
    CHECK(detect_delimiter("\"x;y;z\",b\n") == ',');
    CHECK(detect_delimiter("single\n") == ',');
  }

  TEST_CASE("encodings: BOMs, GBK and UTF-16 decode to the same UTF-8") {
    const std::string utf8 = "订单编号,金额\n1,¥12.00\n";
    // GBK bytes of the same text (订=B6A9 单=B5A5 编=B1E0 号=BAC5 金=BDF0 额=B6EE ￥=A3A4).
    const std::string gbk = "\xB6\xA9\xB5\xA5\xB1\xE0\xBA\xC5,\xBD\xF0\xB6\xEE\n1,\xA3\xA4" "12.00\n";
    auto g = decode_text(gbk);
    REQUIRE(g.ok());
    CHECK(g->encoding == "gb18030");
    CHECK(g->text == "订单编号,金额\n1,￥12.00\n");
    auto b = decode_text("\xEF\xBB\xBF" + utf8);
    REQUIRE(b.ok());
    CHECK(b->encoding == "utf-8");
    CHECK(b->had_bom);
    CHECK(b->text == utf8);
    // UTF-16LE with BOM: "a,b\n" = 61 00 2C 00 62 00 0A 00.
    std::string le("\xFF\xFE" "a\0,\0b\0\n\0", 10);
    auto u = decode_text(le);
    REQUIRE(u.ok());
    CHECK(u->encoding == "utf-16le");
    CHECK(u->text == "a,b\n");
    std::string be("\xFE\xFF\0a\0,\0b\0\n", 10);
    auto ub = decode_text(be);
    REQUIRE(ub.ok());
    CHECK(ub->encoding == "utf-16be");
    CHECK(ub->text == "a,b\n");
  }

  TEST_CASE("encodings: invalid bytes name the line; forced encodings are honoured") {
    auto bad = decode_text("ok\nstill ok\n\xC3(\n", "utf-8");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("line 3") != std::string::npos);
    auto unknown = decode_text("x", "latin-9");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("latin-9") != std::string::npos);
    auto forced = decode_text("\xB6\xA9", "gbk");
    REQUIRE(forced.ok());
    CHECK(forced->text == "订");
  }

  TEST_CASE("values: money in the export styles") {
    NumberFormat dot, comma;
    comma.decimal_comma = true;
    CHECK(*parse_amount("¥1,299.00", dot) == 129900);
    CHECK(*parse_amount("$12", dot) == 1200);
    CHECK(*parse_amount("-3.5", dot) == -350);
    CHECK(*parse_amount("(4.00)", dot) == -400);
    CHECK(*parse_amount("1.299,00", comma) == 129900);
    CHECK(*parse_amount("12,5", comma) == 1250);
    // A sub-cent unit price is rounded half away from zero: 0.125 -> 0.13, -0.125 -> -0.13.
    CHECK(*parse_amount("0.125", dot) == 13);
    CHECK(*parse_amount("-0.125", dot) == -13);
    CHECK(*parse_amount("0.001", dot) == 0);
    // A comma followed by two digits is a decimal comma, not grouping: refused in dot format.
    CHECK_FALSE(parse_amount("12,50", dot).ok());
    CHECK_FALSE(parse_amount("1.299,00", dot).ok());
    CHECK_FALSE(parse_amount("12.50", comma).ok());
    CHECK_FALSE(parse_amount("abc", dot).ok());
    CHECK_FALSE(parse_amount("", dot).ok());
  }

  TEST_CASE("values: whole numbers and reals") {
    NumberFormat nf;
    CHECK(*parse_count("3", nf) == 3);
    CHECK(*parse_count("3.0", nf) == 3);
    CHECK(*parse_count("1,000", nf) == 1000);
    CHECK(*parse_count("-2", nf) == -2);
    CHECK_FALSE(parse_count("2.5", nf).ok());
    CHECK_FALSE(parse_count("two", nf).ok());
    CHECK(*parse_real("12.25", nf) == doctest::Approx(12.25));
  }

  TEST_CASE("values: dates and times in the common layouts") {
    auto M = DateOrder::month_first, D = DateOrder::day_first, A = DateOrder::automatic;
    CHECK(*parse_datetime("12/1/2010 8:26", M) == ts(2010, 12, 1, 8, 26));
    CHECK(*parse_datetime("12/1/2010 8:26", D) == ts(2010, 1, 12, 8, 26));
    CHECK(*parse_datetime("2024-03-01 10:15:00 +0800", A) == ts(2024, 3, 1, 10, 15));
    CHECK(*parse_datetime("2024-03-01T10:15:00Z", A) == ts(2024, 3, 1, 10, 15));
    CHECK(*parse_datetime("2024/1/6 9:05", A) == ts(2024, 1, 6, 9, 5));
    CHECK(*parse_datetime("2024年1月6日", A) == ts(2024, 1, 6));
    CHECK(*parse_datetime("20240106", A) == ts(2024, 1, 6));
    CHECK(*parse_datetime("05.01.2024", A) == ts(2024, 1, 5));
    CHECK(*parse_datetime("1/5/24 8:26 PM", M) == ts(2024, 1, 5, 20, 26));
    CHECK(*parse_datetime("1/5/24 12:10 AM", M) == ts(2024, 1, 5, 0, 10));
    CHECK(*parse_datetime("13/1/2011", A) == ts(2011, 1, 13));  // unambiguous without a choice
    auto amb = parse_datetime("3/4/2024", A);
    REQUIRE_FALSE(amb.ok());
    CHECK(amb.error().message.find("ambiguous") != std::string::npos);
    CHECK_FALSE(parse_datetime("13/1/2011", M).ok());
    CHECK_FALSE(parse_datetime("2023-02-29", A).ok());
    CHECK_FALSE(parse_datetime("2024-01-01 24:00", A).ok());
    CHECK_FALSE(parse_datetime("tomorrow", A).ok());
    CHECK(*parse_date("2024-03-02 23:59:59", A) == days_from_civil(2024, 3, 2));
  }

  TEST_CASE("values: the date-order vote") {
    DateOrderVote v;
    v.add("3/4/2024");
    CHECK(v.verdict() == DateOrder::automatic);
    v.add("25/4/2024");
    CHECK(v.verdict() == DateOrder::day_first);
    v.add("4/25/2024");
    CHECK(v.conflicting());
    CHECK(v.verdict() == DateOrder::automatic);
    DateOrderVote iso;
    iso.add("2024-04-25");
    CHECK(iso.verdict() == DateOrder::automatic);
  }

  TEST_CASE("cells: spreadsheet id protection is removed") {
    CHECK(unwrap_cell("=\"1234567890123456789\"") == "1234567890123456789");
    CHECK(unwrap_cell("'00123") == "00123");
    CHECK(unwrap_cell("  x  ") == "x");
    CHECK(trim("\xE3\x80\x80值\xC2\xA0") == "值");
  }
}
