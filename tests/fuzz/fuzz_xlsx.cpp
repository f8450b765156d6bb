// libFuzzer target for the spreadsheet readers (core/io/spreadsheet.h), beside fuzz_import.cpp.
// The first byte picks what the rest is:
//   even: a whole file (zip, OLE or anything) -> read_workbook -> read_sheet -> sheet_to_csv
//         -> the importer (generic orders) -> an in-memory store;
//   odd:  the XML of one worksheet, wrapped in a valid zip with a workbook, shared strings and
//         styles, so the fuzzer reaches the sheet parser without having to forge zip checksums.
// Built and run by tests/fuzz/run_fuzz.sh SECONDS xlsx.
#include <minizip/zip.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/io/importer.h"
#include "core/io/spreadsheet.h"
#include "core/store/store.h"

using namespace shopkeeper;

namespace {

std::string wrap_sheet(const std::string& sheet_xml) {
  static const std::string path = "/tmp/sk-fuzz-xlsx-" + std::to_string(getpid()) + ".zip";
  zipFile zf = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  if (!zf) return {};
  auto put = [&](const char* name, const std::string& body) {
    zip_fileinfo zi{};
    zipOpenNewFileInZip(zf, name, &zi, nullptr, 0, nullptr, 0, nullptr, 0, 0);  // stored
    zipWriteInFileInZip(zf, body.data(), static_cast<unsigned>(body.size()));
    zipCloseFileInZip(zf);
  };
  put("xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>");
  put("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  put("xl/sharedStrings.xml", "<sst><si><t>订单号</t></si><si><t>数量</t></si><si><r><t>单</t></r><r><t>价</t></r></si></sst>");
  put("xl/styles.xml", "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm\"/></numFmts>"
                       "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>");
  put("xl/worksheets/sheet1.xml", sheet_xml);
  zipClose(zf, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 64 * 1024) return 0;
  std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string bytes = (data[0] & 1) ? wrap_sheet(rest) : rest;
  if (bytes.empty()) return 0;
  auto wb = read_workbook(bytes, "fuzz.xlsx");
  if (wb.ok()) {
    auto sd = read_sheet(*wb, bytes, "");
    if (sd.ok()) (void)sheet_to_csv(*sd, "fuzz.xlsx", nullptr);
  }
  static Store* store = [] {
    auto s = Store::open_memory();
    return s.ok() ? new Store(std::move(*s)) : nullptr;
  }();
  if (!store) return 0;
  ImportOptions o;
  o.format = "generic";
  o.target = "orders";
  o.file_name = "fuzz.xlsx";
  Importer imp;
  if (imp.begin(bytes, o).ok()) {
    while (!imp.step(7).done) {
    }
    auto rep = imp.commit(*store);
    if (rep.ok() && rep->rows_read != rep->rows_imported + rep->rows_skipped_duplicate + rep->rows_rejected)
      __builtin_trap();  // every row must be accounted for
    if (rep.ok()) (void)store->clear_all();
  }
  return 0;
}
