// The importer's fast paths (issue #16 speed): each must answer exactly as the plain code did.
// The UTF-8 check skips ASCII eight bytes at a time, so a non-ASCII byte is put at every offset
// around a word boundary; trim and parse_money skip their symbol searches for plain values;
// classify_line trims once and searches the Chinese words only in non-ASCII text.
#include <doctest/doctest.h>

#include <string>

#include "core/base/money.h"
#include "core/io/csv.h"
#include "core/io/line_kinds.h"

using namespace shopkeeper;

TEST_SUITE("io fast paths") {
  TEST_CASE("encoding: a valid or invalid sequence is found after any length of ASCII") {
    const std::string zhong = "\xE4\xB8\xAD";  // U+4E2D in UTF-8
    const std::string gbk = "\xD6\xD0";        // the same character in GBK: not UTF-8
    for (int pad = 0; pad <= 19; ++pad) {
      CAPTURE(pad);
      const std::string a(static_cast<size_t>(pad), 'a');
      CHECK(detect_encoding(a + zhong + "xyz") == "utf-8");
      CHECK(detect_encoding(a + zhong + zhong + a) == "utf-8");
      CHECK(detect_encoding(a + "\xC2\xA3" "5," + a) == "utf-8");  // a pound sign
      CHECK(detect_encoding(a + gbk + "abc") == "gb18030");
      CHECK(detect_encoding(a + zhong + a + gbk) == "gb18030");  // the bad run after a good one
      CHECK(detect_encoding(a + "\xE4\xB8" "x") == "gb18030");    // a sequence cut by ASCII
      CHECK(detect_encoding(a + "\xE4\xB8") == "gb18030");        // cut by the end
    }
    CHECK(detect_encoding(std::string(64, 'q')) == "utf-8");
  }

  TEST_CASE("trim: wide spaces only where the value starts or ends with one") {
    CHECK(trim("\xE3\x80\x80" "abc" "\xC2\xA0") == "abc");
    CHECK(trim(" \xC2\xA0" "12.50\xE3\x80\x80 ") == "12.50");
    CHECK(trim("\xC2\xA0\xC2\xA0x") == "x");
    CHECK(trim("\xC2\xA3" "5") == "\xC2\xA3" "5");  // starts with 0xC2 but is a pound sign
    CHECK(trim("a\xE3\x80\x80" "b") == "a\xE3\x80\x80" "b");
    CHECK(trim(" 42\t") == "42");
    CHECK(trim("") == "");
  }

  TEST_CASE("money: plain numbers and numbers with symbols parse as before") {
    CHECK(parse_money("12.50").value() == 1250);
    CHECK(parse_money("12.5").value() == 1250);
    CHECK(parse_money("-3").value() == -300);
    CHECK(parse_money("\xC2\xA5" "12.50").value() == 1250);  // yen sign
    CHECK(parse_money("US$4.00").value() == 400);
    CHECK(parse_money("5USD").value() == 500);
    CHECK(parse_money("7\xE5\x85\x83").value() == 700);  // 7 yuan
    CHECK(parse_money("1,234.56").value() == 123456);
    CHECK_FALSE(parse_money("12a").ok());
    CHECK_FALSE(parse_money("USD").ok());
  }

  TEST_CASE("line kinds: trimmed, case-blind rules; Chinese words in the SKU or the title") {
    const std::vector<LineKindRule> none;
    const std::string yunfei = "\xE8\xBF\x90\xE8\xB4\xB9";  // shipping fee
    CHECK(classify_line(PresetId::online_retail, "POST", "POSTAGE", none) == LineKind::shipping);
    CHECK(classify_line(PresetId::online_retail, " post ", "x", none) == LineKind::shipping);
    CHECK(classify_line(PresetId::generic, "POST", "x", none) == LineKind::merchandise);  // Online Retail's codes only
    CHECK(classify_line(PresetId::generic, "A1", " postage\t", none) == LineKind::shipping);
    CHECK(classify_line(PresetId::generic, "A1", "bank charges", none) == LineKind::fee);
    CHECK(classify_line(PresetId::generic, "A1", "WHITE HEART", none) == LineKind::merchandise);
    CHECK(classify_line(PresetId::generic, yunfei + "-1", "x", none) == LineKind::shipping);
    CHECK(classify_line(PresetId::generic, "A1", "\xE8\xA1\xA5" + yunfei, none) == LineKind::shipping);
    CHECK(classify_line(PresetId::generic, "A1", "\xE8\x8C\xB6", none) == LineKind::merchandise);  // tea
    const std::vector<LineKindRule> mine = {{" PAYPAL FEE ", LineKind::fee}, {"X9", LineKind::adjustment}};
    CHECK(classify_line(PresetId::generic, "A1", "paypal fee", mine) == LineKind::fee);
    CHECK(classify_line(PresetId::generic, " x9", "y", mine) == LineKind::adjustment);
    CHECK(classify_line(PresetId::generic, "", "", mine) == LineKind::merchandise);
  }
}
