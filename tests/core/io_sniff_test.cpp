// Files that are not what they seem (issue #9 item 8): binary files named instead of failing
// as an encoding, gzip unpacked, a file cut off inside a row, and the encoding previews.
#include <doctest/doctest.h>

#include <string>

#include "core/io/csv.h"
#include "core/io/sniff.h"

using namespace shopkeeper;

namespace {
std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s += static_cast<char>(c);
  return s;
}
// "a,b\n1,2\n" gzip-compressed (python3 -c "import gzip,sys; sys.stdout.buffer.write(gzip.compress(b'a,b\n1,2\n', mtime=0))").
const std::string kGzipCsv = bytes({0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0xd4, 0x49, 0xe2, 0x32, 0xd4, 0x31, 0xe2, 0x02, 0x00, 0x7b, 0x07, 0x97, 0x0a, 0x08, 0x00, 0x00, 0x00});
}  // namespace

TEST_SUITE("io_sniff") {
  TEST_CASE("binary files are named, not decoded") {
    std::string png = "\x89PNG\r\n\x1A\n" + std::string(20, '\0') + "\xB0\xE9\xFF";
    CHECK(sniff_file(png) == FileKind::png);
    auto d = decode_text(png);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().message == "this is a PNG image, not a CSV file");
    // An .xlsx is a zip whose parts live under xl/.
    std::string xlsx = std::string("PK\x03\x04", 4) + std::string(26, '\x01') + "[Content_Types].xml....xl/workbook.xml";
    CHECK(sniff_file(xlsx) == FileKind::xlsx);
    CHECK(decode_text(xlsx).error().message.find("Excel workbook (.xlsx)") != std::string::npos);
    std::string zip = std::string("PK\x03\x04", 4) + std::string(26, '\x01') + "orders.csv";
    CHECK(sniff_file(zip) == FileKind::zip);
    CHECK(decode_text(zip).error().message.find("zip archive") != std::string::npos);
    CHECK(sniff_file("%PDF-1.7\n") == FileKind::pdf);
    CHECK(sniff_file(bytes({0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0})) == FileKind::xls);
    CHECK(sniff_file(std::string("SQLite format 3\0", 16)) == FileKind::sqlite);
    // Text stays text: UTF-8, GBK bytes, UTF-16 without a BOM (NULs in every other byte).
    CHECK(sniff_file("订单号,金额\n1,2\n") == FileKind::text);
    CHECK(sniff_file(bytes({0xB6, 0xA9, 0xB5, 0xA5, ',', '1', '\n'})) == FileKind::text);
    CHECK(sniff_file(std::string("a\0,\0b\0\n\0", 8)) == FileKind::text);
    CHECK(sniff_file(std::string("a,b\n\0\0\x01\x02\x03zz", 11)) == FileKind::other_binary);
  }

  TEST_CASE("a gzip-compressed CSV is read directly where zlib is available") {
    CHECK(sniff_file(kGzipCsv) == FileKind::gzip);
    auto d = decode_text(kGzipCsv);
    if (have_gunzip()) {
      REQUIRE(d.ok());
      CHECK(d->text == "a,b\n1,2\n");
      // Cut short: said so, not "invalid UTF-8".
      auto cut = decode_text(kGzipCsv.substr(0, 16));
      REQUIRE_FALSE(cut.ok());
      CHECK(cut.error().message.find("cut off") != std::string::npos);
    } else {
      // The wasm core: the browser host unpacks gzip before the core sees it.
      REQUIRE_FALSE(d.ok());
      CHECK(d.error().message.find("gzip") != std::string::npos);
    }
  }

  TEST_CASE("a file that ends inside a quoted field says it was cut off, with the row's line") {
    CsvReader r("id,note\n1,ok\n2,\"half a sente", ',');
    CsvRecord rec;
    REQUIRE(r.next(rec));
    REQUIRE(r.next(rec));
    REQUIRE(r.next(rec));
    CHECK(rec.line == 3);
    CHECK(rec.error.find("the file ends in the middle of a row (line 3): was it cut off?") == 0);
    CHECK_FALSE(r.next(rec));
  }

  TEST_CASE("encoding previews: the first lines decoded each way, or why not") {
    // "订单,1\n" in GBK: B6 A9 B5 A5 is 订单.
    std::string gbk = bytes({0xB6, 0xA9, 0xB5, 0xA5, ',', '1', '\n', 'x', ',', '2', '\n'});
    auto p = encoding_previews(gbk, 1);
    REQUIRE(p.size() == 5);
    CHECK(p[0].encoding == "utf-8");
    CHECK_FALSE(p[0].ok);
    CHECK(p[0].error.find("UTF-8") != std::string::npos);
    CHECK(p[1].encoding == "gb18030");
    REQUIRE(p[1].ok);
    CHECK(p[1].text == "订单,1\n");  // one line asked for
    CHECK(p[2].encoding == "big5");
    if (p[2].ok) CHECK(p[2].text != "订单,1\n");  // Big5 reads the same bytes as other characters
  }
}
