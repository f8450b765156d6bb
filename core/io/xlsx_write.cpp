// Tables out as .xlsx (core/io/xlsx_write.h) through libxlsxwriter in constant-memory mode (rows
// stream to a temporary file; strings inline), written to a temporary path and read back as bytes.
#include "core/io/xlsx_write.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>

#include "core/base/date.h"
#include "core/io/temp_file.h"

namespace shopkeeper {

namespace {

constexpr int64_t kMaxDataRows = 1048575;
constexpr size_t kMaxText = 32767;

// Display width in Excel's character units: CJK and other wide characters count two.
double text_width(std::string_view s) {
  double w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2.0 : 1.0;
    i += len;
  }
  return w;
}

std::string sheet_name(const std::string& s) {
  std::string out;
  for (char c : s) out += std::string_view("[]:*?/\\").find(c) != std::string_view::npos ? '_' : c;
  if (out.empty()) out = "Sheet1";
  // 31 characters at most (not bytes): cut at a character boundary.
  size_t chars = 0, i = 0;
  for (; i < out.size() && chars < 31; ++chars) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return out.substr(0, std::min(i, out.size()));
}

double pow10(int d) {
  double p = 1;
  for (int i = 0; i < d; ++i) p *= 10;
  return p;
}

// Excel's serial number of a local timestamp (1900 system, after 1900-03-01).
double serial_of(Timestamp t) {
  const int64_t base = days_from_civil(1899, 12, 30);
  Day d = day_of(t);
  int64_t secs = t - start_of(d);
  return static_cast<double>(d - base) + static_cast<double>(secs) / 86400.0;
}

Error bad(std::string m) { return make_error(ErrorCode::io_error, std::move(m)); }

}  // namespace

std::string money_number_format(const std::string& symbol, int digits) {
  std::string num = "#,##0";
  if (digits > 0) num += "." + std::string(static_cast<size_t>(digits), '0');
  if (symbol.empty()) return num;
  std::string sym = "\"" + symbol + "\"";
  return sym + num + ";-" + sym + num;
}

Result<std::string> to_xlsx(const Table& t, const XlsxOptions& o) {
  if (static_cast<int64_t>(t.rows.size()) > kMaxDataRows)
    return bad("the table has " + std::to_string(t.rows.size()) + " rows; an .xlsx sheet holds at most 1,048,575 below "
               "its header: export it as CSV");
  TempFile out({}, ".xlsx");
  if (out.path().empty()) return bad("cannot create a temporary file for the workbook");
  const char* env = std::getenv("TMPDIR");
  std::string tmpdir = env && *env ? env : "/tmp";
  lxw_workbook_options wo{};
  wo.constant_memory = 1;
  wo.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(out.path().c_str(), &wo);
  if (!wb) return bad("cannot start the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(o.sheet).c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, money_number_format(o.currency_symbol, t.money_decimals).c_str());
  lxw_format* day = workbook_add_format(wb);
  format_set_num_format(day, "yyyy-mm-dd");
  lxw_format* time = workbook_add_format(wb);
  format_set_num_format(time, "yyyy-mm-dd hh:mm:ss");

  // Column widths from the header and every cell as the CSV writes it (plus the money symbol,
  // the thousands separators and room for the filter button), 8 to 60.
  const size_t cols = t.columns.size();
  std::vector<double> width(cols, 0);
  for (size_t c = 0; c < cols; ++c) width[c] = text_width(t.columns[c]) + 3;
  for (const auto& row : t.rows)
    for (size_t c = 0; c < cols && c < row.size(); ++c) {
      const Cell& cell = row[c];
      double w = 0;
      switch (cell.kind) {
        case Cell::Kind::empty: break;
        case Cell::Kind::text: w = text_width(cell.str); break;
        case Cell::Kind::money: {
          std::string s = cell.to_string(t.money_decimals);
          w = static_cast<double>(s.size()) * 4.0 / 3.0 + text_width(o.currency_symbol);
          break;
        }
        case Cell::Kind::day: w = 10; break;
        case Cell::Kind::time: w = 19; break;
        case Cell::Kind::real: w = static_cast<double>(Cell::real(round_real(cell.real_value, t.real_digits)).to_string().size()); break;
        case Cell::Kind::integer: w = static_cast<double>(std::to_string(cell.num).size()) * 4.0 / 3.0; break;
      }
      width[c] = std::max(width[c], w + 1);
    }
  for (size_t c = 0; c < cols; ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::clamp(width[c], 8.0, 60.0), nullptr);

  for (size_t c = 0; c < cols; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), head);
  if (!t.note.empty() && cols > 0) worksheet_write_comment(ws, 0, 0, t.note.c_str());
  const double scale = pow10(t.money_decimals);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto row_no = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < cols && c < t.rows[r].size(); ++c) {
      const Cell& cell = t.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      lxw_error e = LXW_NO_ERROR;
      switch (cell.kind) {
        case Cell::Kind::empty: break;
        case Cell::Kind::text:
          if (cell.str.size() > kMaxText) {
            workbook_close(wb);
            return bad("row " + std::to_string(r + 2) + ", column " + t.columns[c] + ": the text is longer than an Excel cell "
                       "holds (32,767 characters): export it as CSV");
          }
          if (!cell.str.empty()) e = worksheet_write_string(ws, row_no, col, cell.str.c_str(), nullptr);
          break;
        case Cell::Kind::integer: e = worksheet_write_number(ws, row_no, col, static_cast<double>(cell.num), nullptr); break;
        case Cell::Kind::money: e = worksheet_write_number(ws, row_no, col, static_cast<double>(cell.num) / scale, money); break;
        case Cell::Kind::day: e = worksheet_write_number(ws, row_no, col, serial_of(start_of(static_cast<Day>(cell.num))), day); break;
        case Cell::Kind::time: e = worksheet_write_number(ws, row_no, col, serial_of(cell.num), time); break;
        case Cell::Kind::real:
          if (std::isfinite(cell.real_value)) e = worksheet_write_number(ws, row_no, col, round_real(cell.real_value, t.real_digits), nullptr);
          break;
      }
      if (e != LXW_NO_ERROR) {
        workbook_close(wb);
        return bad("row " + std::to_string(r + 2) + ", column " + t.columns[c] + ": " + lxw_strerror(e));
      }
    }
  }
  if (cols > 0) {
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), static_cast<lxw_col_t>(cols - 1));
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return bad(std::string("cannot write the workbook: ") + lxw_strerror(e));
  auto bytes = read_file(out.path());
  if (!bytes) return bad("cannot read the written workbook back");
  return std::move(*bytes);
}

}  // namespace shopkeeper
