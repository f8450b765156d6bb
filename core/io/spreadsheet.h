// Spreadsheets in: .xlsx (Office Open XML, read with minizip + pugixml) and legacy .xls (BIFF,
// read with freexl), turned into the same CSV text the importer already reads, so presets,
// mapping, the atomic commit and the rejected-row report are the CSV ones (docs/excel.md).
//
//   auto wb = read_workbook(bytes, "orders.xlsx");        // the sheets' names
//   auto sh = read_sheet(*wb, bytes, "Orders");           // "" = the first sheet with data
//   auto csv = sheet_to_csv(*sh, recognizes_header);      // one CSV line per sheet row
//
// Cells become text as the cell holds them: numbers with up to 15 significant digits (what Excel
// shows and keeps), cells formatted as dates (serial numbers, 1900 or 1904 system) as
// YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, text as typed (a number kept as text stays text, "00123"),
// booleans TRUE/FALSE, formulas by their saved value. Line N of the CSV is row N of the sheet:
// rows above the header, hidden rows and missing rows are blank lines (the CSV reader skips
// them); a line break inside a cell is kept (quoted), and SheetCsv::line_rows then maps lines
// back to rows.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/issue.h"
#include "core/base/result.h"

namespace shopkeeper {

struct WorkbookSheet {
  std::string name;
  bool hidden = false;   // a hidden or very hidden sheet (never chosen by default)
  std::string part;      // xlsx: the sheet's part in the zip ("xl/worksheets/sheet1.xml")
  int index = 0;         // xls: the worksheet's index
};

struct Workbook {
  std::string file;      // for messages
  bool xls = false;      // legacy BIFF (.xls) rather than .xlsx
  bool date1904 = false; // serial dates count from 1904-01-01 (old Mac workbooks)
  std::vector<WorkbookSheet> sheets;
};

struct SheetMerge {
  int64_t row0 = 0, col0 = 0, row1 = 0, col1 = 0;  // 1-based sheet row, 0-based column, inclusive
};

struct SheetData {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // rows[i] is sheet row i+1; cells as text
  std::vector<int64_t> hidden_rows;            // 1-based sheet rows hidden in the sheet
  std::vector<SheetMerge> merges;
  bool has_data() const;
};

// The workbook's sheets. Fails naming the file for a zip that is not a workbook, a
// password-protected (encrypted) workbook, or a damaged file. Each function's `why`, when given,
// receives a refusal as a code (core/base/issue.h) for the UI.
Result<Workbook> read_workbook(std::string_view bytes, const std::string& file, InputIssue* why = nullptr);
// One sheet's cells. `sheet` "" = the first visible sheet with any data. Fails naming the sheet
// (unknown name: the sheets there are), and naming sheet, row and column for a formula cell
// with no saved value.
Result<SheetData> read_sheet(const Workbook& wb, std::string_view bytes, const std::string& sheet,
                             InputIssue* why = nullptr);

struct SheetCsv {
  std::string csv;                  // UTF-8, comma-separated, one line per sheet row
  std::string sheet;
  int64_t header_row = 0;           // 1-based sheet row of the (last) header row
  int64_t header_rows = 1;          // rows the header spans (a merged two-row header: 2)
  std::vector<int64_t> hidden_rows; // skipped, 1-based
  // Empty when line L of the CSV is row L of the sheet; else the sheet row of each CSV line
  // (index = line), because a cell's line break made a record span lines.
  std::vector<int64_t> line_rows;
};

// The header is the first row of the first 30 that `recognizes` accepts (a preset's headers or
// the given mapping), else the first row holding text in at least two cells and in at least half
// as many cells as the widest of those rows; none: an error naming file and sheet. A header cell
// merged down over the next row makes that row part of the header (the lower cell names the
// column, the merged one above prefixes it where two columns would share a name); a cell merged
// across names every column it covers.
Result<SheetCsv> sheet_to_csv(const SheetData& sheet, const std::string& file,
                              const std::function<bool(const std::vector<std::string>&)>& recognizes,
                              InputIssue* why = nullptr);

// The excel serial number as days and seconds since 1970 (1900 system: Excel's 1900-02-29 is
// serial 60, days before it count from 1899-12-31, after it from 1899-12-30).
int64_t excel_serial_to_timestamp(double serial, bool date1904);
// Whether a number format code (or built-in id) shows a date/time.
bool is_date_format(int builtin_id, std::string_view code);
// A cell number as text: integers in full below 1e15, otherwise 15 significant digits, no exponent.
std::string excel_number_text(double v);

// For the readers (xlsx_read.cpp, xls_read.cpp): a workbook's problem as an Error with its input
// issue (core/base/issue.h); a damaged part carries its English detail, which the Chinese
// interface does not show.
Error workbook_error(InputIssue* why, const std::string& file, InputWhy code, int64_t n = 0, const std::string& sheet = {},
                     std::string a = {});
Error workbook_damaged(InputIssue* why, const std::string& file, const std::string& sheet, std::string detail);

}  // namespace shopkeeper
