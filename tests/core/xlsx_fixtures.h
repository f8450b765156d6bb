// Spreadsheet fixtures built in code (tests never read ../shared): workbooks written with
// libxlsxwriter, and hand-made zips (minizip) for what libxlsxwriter never writes (the 1904
// system, formulas without a saved value, inline strings, a zip that is not a workbook).
#pragma once
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace sk_test {

inline std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("sk-xlsx-" + name)).string();
}

inline std::string slurp_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A workbook written by libxlsxwriter: `fill` adds sheets and cells; the file's bytes.
inline std::string make_xlsx(const std::string& name, const std::function<void(lxw_workbook*)>& fill) {
  std::string path = temp_path(name);
  lxw_workbook* wb = workbook_new(path.c_str());
  fill(wb);
  if (workbook_close(wb) != LXW_NO_ERROR) return {};
  std::string bytes = slurp_file(path);
  std::remove(path.c_str());
  return bytes;
}

// A zip holding `parts` (name, content), deflated.
inline std::string make_zip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string path = temp_path(name);
  zipFile zf = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  if (!zf) return {};
  for (const auto& [part, content] : parts) {
    zip_fileinfo zi{};
    zipOpenNewFileInZip(zf, part.c_str(), &zi, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION);
    zipWriteInFileInZip(zf, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(zf);
  }
  zipClose(zf, nullptr);
  std::string bytes = slurp_file(path);
  std::remove(path.c_str());
  return bytes;
}

// A one-sheet .xlsx from raw sheetData XML, with styles where xf 1 is a date (yyyy-mm-dd) and
// xf 2 a date-time; `workbook_pr` goes into <workbookPr .../>, `shared` are shared strings.
inline std::string make_raw_xlsx(const std::string& name, const std::string& sheet_data,
                                 const std::string& workbook_pr = "", const std::vector<std::string>& shared = {},
                                 const std::string& after_sheet_data = "") {
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
  const std::string rns = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " + ns + " " + rns + "><workbookPr " +
                         workbook_pr + "/><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/sheet1.xml\"/></Relationships>";
  std::string styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet " + ns +
                       "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd hh:mm\"/></numFmts>"
                       "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
  std::string sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " + ns + ">";
  for (const auto& s : shared) sst += "<si><t>" + s + "</t></si>";
  sst += "</sst>";
  std::string sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " + ns + "><sheetData>" + sheet_data +
                      "</sheetData>" + after_sheet_data + "</worksheet>";
  return make_zip(name, {{"[Content_Types].xml", "<Types/>"},
                         {"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/styles.xml", styles},
                         {"xl/sharedStrings.xml", sst},
                         {"xl/worksheets/sheet1.xml", sheet}});
}

}  // namespace sk_test
