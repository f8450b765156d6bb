// Legacy .xls (BIFF in an OLE compound file) reading through freexl (core/io/spreadsheet.h).
// freexl opens a path, so the bytes go to a temporary file first (natively and in the browser's
// in-memory file system). freexl converts dates itself (1900 and 1904 systems); it does not read
// row visibility or merged cells, so an .xls reports no hidden rows and no merges.
#include <freexl.h>

#include <string>

#include "core/io/spreadsheet.h"
#include "core/io/temp_file.h"

namespace shopkeeper {

namespace {

// A UTF-16LE name in the compound file's directory (stream names are stored that way).
bool has_stream(std::string_view bytes, std::string_view ascii) {
  std::string w;
  for (char c : ascii) {
    w += c;
    w += '\0';
  }
  return bytes.find(w) != std::string_view::npos;
}

struct Handle {
  const void* h = nullptr;
  ~Handle() {
    if (h) freexl_close(h);
  }
};

// Opens the workbook, naming the encrypted case; `h` is set on success.
Status open_xls(std::string_view bytes, const std::string& file, const TempFile& tmp, Handle& h, InputIssue* why) {
  if (has_stream(bytes, "EncryptedPackage") || has_stream(bytes, "EncryptionInfo"))
    return workbook_error(why, file, InputWhy::workbook_encrypted);
  if (tmp.path().empty()) return workbook_damaged(why, file, "", "cannot write a temporary copy to read the workbook");
  int rc = freexl_open(tmp.path().c_str(), &h.h);
  if (rc != FREEXL_OK) {
    if (!has_stream(bytes, "Workbook") && !has_stream(bytes, "Book"))
      return workbook_error(why, file, InputWhy::workbook_not_excel, 2);
    return workbook_damaged(why, file, "", "this .xls workbook is damaged or of a kind that cannot be read (freexl error " + std::to_string(rc) + ")");
  }
  unsigned int pw = 0;
  if (freexl_get_info(h.h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK && pw == FREEXL_BIFF_OBFUSCATED)
    return workbook_error(why, file, InputWhy::workbook_encrypted, 1);
  return Ok{};
}

}  // namespace

Result<Workbook> read_xls_workbook(std::string_view bytes, const std::string& file, InputIssue* why) {
  TempFile tmp(bytes, ".xls");
  Handle h;
  if (auto st = open_xls(bytes, file, tmp, h, why); !st) return st.error();
  Workbook wb;
  wb.file = file;
  wb.xls = true;
  unsigned int n = 0;
  freexl_get_info(h.h, FREEXL_BIFF_SHEET_COUNT, &n);
  for (unsigned int i = 0; i < n; ++i) {
    const char* name = nullptr;
    if (freexl_get_worksheet_name(h.h, static_cast<unsigned short>(i), &name) != FREEXL_OK) continue;
    WorkbookSheet ws;
    ws.name = name ? name : "";
    ws.index = static_cast<int>(i);
    wb.sheets.push_back(std::move(ws));
  }
  if (wb.sheets.empty()) return workbook_error(why, file, InputWhy::workbook_no_sheets);
  return wb;
}

Result<SheetData> read_xls_sheet(const Workbook& wb, std::string_view bytes, const WorkbookSheet& ws, InputIssue* why) {
  TempFile tmp(bytes, ".xls");
  Handle h;
  if (auto st = open_xls(bytes, wb.file, tmp, h, why); !st) return st.error();
  if (freexl_select_active_worksheet(h.h, static_cast<unsigned short>(ws.index)) != FREEXL_OK)
    return workbook_damaged(why, wb.file, ws.name, "cannot be read");
  unsigned int rows = 0;
  unsigned short cols = 0;
  if (freexl_worksheet_dimensions(h.h, &rows, &cols) != FREEXL_OK) return workbook_damaged(why, wb.file, ws.name, "cannot be read");
  SheetData sd;
  sd.name = ws.name;
  sd.rows.resize(rows);
  for (unsigned int r = 0; r < rows; ++r) {
    std::vector<std::string>& cells = sd.rows[r];
    for (unsigned short c = 0; c < cols; ++c) {
      FreeXL_CellValue v;
      if (freexl_get_cell_value(h.h, r, c, &v) != FREEXL_OK) continue;
      std::string s;
      switch (v.type) {
        case FREEXL_CELL_INT: s = std::to_string(v.value.int_value); break;
        case FREEXL_CELL_DOUBLE: s = excel_number_text(v.value.double_value); break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
        case FREEXL_CELL_TIME: s = v.value.text_value ? v.value.text_value : ""; break;
        default: continue;
      }
      if (cells.size() <= c) cells.resize(static_cast<size_t>(c) + 1);
      cells[c] = std::move(s);
    }
  }
  return sd;
}

}  // namespace shopkeeper
