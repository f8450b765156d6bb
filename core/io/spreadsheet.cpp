// Spreadsheets in (core/io/spreadsheet.h): which reader, which sheet, where the header is, and
// the sheet as CSV text for the importer.
#include "core/io/spreadsheet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/base/date.h"
#include "core/io/sniff.h"
#include "core/io/table.h"

namespace shopkeeper {

Result<Workbook> read_xlsx_workbook(std::string_view bytes, const std::string& file, InputIssue* why);
Result<SheetData> read_xlsx_sheet(const Workbook& wb, std::string_view bytes, const WorkbookSheet& ws, InputIssue* why);
Result<Workbook> read_xls_workbook(std::string_view bytes, const std::string& file, InputIssue* why);
Result<SheetData> read_xls_sheet(const Workbook& wb, std::string_view bytes, const WorkbookSheet& ws, InputIssue* why);

namespace {


std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// A number or a date as the sheet reader writes them: not a column name.
bool looks_like_value(const std::string& s) {
  if (is_plain_number(s)) return true;
  if (s.size() >= 8 && std::isdigit(static_cast<unsigned char>(s[0])) && std::isdigit(static_cast<unsigned char>(s[1])) &&
      std::isdigit(static_cast<unsigned char>(s[2])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
      (s[4] == '-' || s[4] == '/' || s[4] == '.'))
    return true;
  return false;
}

// A cell as a CSV field: CR LF as LF; quoted when it holds a comma, a quote or a line break
// (`one_line`: a header name, whose line breaks become spaces).
std::string csv_field(const std::string& v, bool one_line = false) {
  std::string s;
  s.reserve(v.size());
  for (char c : v) {
    if (c == '\r') continue;
    s += c == '\n' && one_line ? ' ' : c;
  }
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

}  // namespace

int64_t excel_serial_to_timestamp(double serial, bool date1904) {
  double whole = std::floor(serial);
  int64_t secs = static_cast<int64_t>(std::llround((serial - whole) * 86400.0));
  int64_t days = static_cast<int64_t>(whole);
  if (secs >= 86400) {
    ++days;
    secs -= 86400;
  }
  Day base = date1904 ? days_from_civil(1904, 1, 1) : days < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
  return start_of(static_cast<Day>(base + days)) + secs;
}

bool is_date_format(int id, std::string_view code) {
  if (id >= 0)
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (quoted) continue;
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    if (c == '[') {  // [Red], [$-804], [>100] are not dates; [h], [mm], [ss] (elapsed time) are
      size_t end = code.find(']', i);
      if (end == std::string_view::npos) return false;
      std::string_view in = code.substr(i + 1, end - i - 1);
      if (!in.empty() && in.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
      i = end;
      continue;
    }
    switch (c) {
      case 'y': case 'Y': case 'm': case 'M': case 'd': case 'D': case 'h': case 'H': case 's': case 'S': return true;
      default: break;
    }
  }
  return false;
}

std::string excel_number_text(double v) {
  if (v == 0) return "0";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  std::string s = buf;
  if (s.find('e') == std::string::npos) return s;
  // No exponent (the importer reads plain decimals): the same 15 digits in fixed notation.
  size_t e = s.find('e');
  int exp10 = std::atoi(s.c_str() + e + 1);
  std::string sign = s[0] == '-' ? "-" : "";
  std::string digits;
  for (size_t i = sign.size(); i < e; ++i)
    if (s[i] != '.') digits += s[i];
  int point = 1 + exp10;  // digits before the decimal point
  std::string out;
  if (point <= 0) out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  else if (point >= static_cast<int>(digits.size())) out = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  else out = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return sign + out;
}

Error workbook_error(InputIssue* why, const std::string& file, InputWhy code, int64_t n, const std::string& sheet, std::string a) {
  InputIssue i{code, file};
  i.sheet = sheet, i.a = std::move(a), i.n = n;
  return input_error(ErrorCode::parse_error, std::move(i), why);
}

Error workbook_damaged(InputIssue* why, const std::string& file, const std::string& sheet, std::string detail) {
  return workbook_error(why, file, InputWhy::workbook_damaged, 0, sheet, std::move(detail));
}

Result<Workbook> read_workbook(std::string_view bytes, const std::string& file, InputIssue* why) {
  switch (sniff_file(bytes)) {
    case FileKind::xlsx:
    case FileKind::zip: return read_xlsx_workbook(bytes, file, why);
    case FileKind::xls: return read_xls_workbook(bytes, file, why);
    default: return workbook_error(why, file, InputWhy::workbook_not_excel);
  }
}

Result<SheetData> read_sheet(const Workbook& wb, std::string_view bytes, const std::string& sheet, InputIssue* why) {
  auto read = [&](const WorkbookSheet& ws) { return wb.xls ? read_xls_sheet(wb, bytes, ws, why) : read_xlsx_sheet(wb, bytes, ws, why); };
  if (!sheet.empty()) {
    const WorkbookSheet* hit = nullptr;
    for (const auto& s : wb.sheets)
      if (s.name == sheet) hit = &s;
    if (!hit)
      for (const auto& s : wb.sheets)
        if (lower_ascii(s.name) == lower_ascii(sheet)) hit = &s;
    if (!hit) {
      std::string names;
      for (const auto& s : wb.sheets) names += (names.empty() ? "\"" : ", \"") + s.name + "\"";
      return workbook_error(why, wb.file, InputWhy::no_such_sheet, 0, sheet, names);
    }
    return read(*hit);
  }
  for (const auto& s : wb.sheets) {
    if (s.hidden) continue;
    auto sd = read(s);
    if (!sd) return sd.error();
    if (sd->has_data()) return sd;
  }
  return workbook_error(why, wb.file, InputWhy::sheets_empty);
}

namespace {

constexpr int64_t kHeaderSearchRows = 30;

struct RowShape {
  int64_t filled = 0;   // non-empty cells
  bool names = false;   // could be a header: 2+ cells, no numbers or dates, no repeats
};

RowShape shape(const std::vector<std::string>& row) {
  RowShape s;
  std::set<std::string> seen;
  bool ok = true;
  for (const auto& c : row) {
    if (c.empty()) continue;
    ++s.filled;
    if (looks_like_value(c) || !seen.insert(c).second) ok = false;
  }
  s.names = ok && s.filled >= 2;
  return s;
}

}  // namespace

Result<SheetCsv> sheet_to_csv(const SheetData& sheet, const std::string& file,
                              const std::function<bool(const std::vector<std::string>&)>& recognizes, InputIssue* why) {
  // Merged cells: the value of the top-left cell stands for every cell of the range.
  std::vector<std::vector<std::string>> rows = sheet.rows;
  for (const SheetMerge& m : sheet.merges) {
    if (m.row0 > static_cast<int64_t>(rows.size())) continue;
    const auto& top = rows[static_cast<size_t>(m.row0 - 1)];
    std::string v = static_cast<size_t>(m.col0) < top.size() ? top[static_cast<size_t>(m.col0)] : std::string();
    if (v.empty()) continue;
    for (int64_t r = m.row0; r <= m.row1 && r <= static_cast<int64_t>(rows.size()); ++r) {
      auto& cells = rows[static_cast<size_t>(r - 1)];
      if (static_cast<int64_t>(cells.size()) <= m.col1) cells.resize(static_cast<size_t>(m.col1 + 1));
      for (int64_t c = m.col0; c <= m.col1; ++c) cells[static_cast<size_t>(c)] = v;
    }
  }
  std::set<int64_t> hidden(sheet.hidden_rows.begin(), sheet.hidden_rows.end());

  // The header row: recognized by a preset or the mapping, else the first row of names at least
  // half as wide as the widest row near the top. Shapes are judged on the cells as written
  // (before merges fill them), so a title merged across the columns is one cell.
  const int64_t n = std::min<int64_t>(kHeaderSearchRows, static_cast<int64_t>(rows.size()));
  int64_t header = 0;
  for (int64_t r = 1; r <= n && !header; ++r)
    if (!rows[static_cast<size_t>(r - 1)].empty() && recognizes && recognizes(rows[static_cast<size_t>(r - 1)])) header = r;
  if (!header) {
    int64_t widest = 0;
    for (int64_t r = 1; r <= n; ++r) widest = std::max(widest, shape(sheet.rows[static_cast<size_t>(r - 1)]).filled);
    for (int64_t r = 1; r <= n && !header; ++r) {
      RowShape s = shape(sheet.rows[static_cast<size_t>(r - 1)]);
      if (s.names && s.filled * 2 >= widest) header = r;
    }
  }
  if (!header)
    return workbook_error(why, file, InputWhy::no_header_row, kHeaderSearchRows, sheet.name);

  // A header merged over two rows: a cell of the header row merged down, or merged across above
  // a row of names, makes the next row part of it, provided that row holds no numbers or dates.
  int64_t last = header;
  const bool names_below = header < static_cast<int64_t>(sheet.rows.size()) &&
                           std::none_of(sheet.rows[static_cast<size_t>(header)].begin(), sheet.rows[static_cast<size_t>(header)].end(),
                                        [](const std::string& c) { return !c.empty() && looks_like_value(c); });
  for (const SheetMerge& m : sheet.merges) {
    if (m.row0 != header || !names_below) continue;
    if (m.row1 > header) last = std::max(last, std::min(m.row1, header + 2));
    if (m.col1 > m.col0 && header < static_cast<int64_t>(rows.size())) {
      const auto& below = sheet.rows[static_cast<size_t>(header)];
      RowShape s = shape(below);
      bool named_below = false;
      for (int64_t c = m.col0; c <= m.col1; ++c)
        if (static_cast<size_t>(c) < below.size() && !below[static_cast<size_t>(c)].empty()) named_below = true;
      if (named_below && s.names) last = std::max(last, header + 1);
    }
  }
  last = std::min(last, static_cast<int64_t>(rows.size()));
  size_t width = 0;
  for (int64_t r = header; r <= last; ++r) width = std::max(width, rows[static_cast<size_t>(r - 1)].size());
  std::vector<std::string> names(width), upper(width);
  for (size_t c = 0; c < width; ++c) {
    for (int64_t r = header; r <= last; ++r) {
      const auto& cells = rows[static_cast<size_t>(r - 1)];
      std::string v = c < cells.size() ? cells[c] : std::string();
      if (v.empty() || v == names[c]) continue;
      if (!names[c].empty()) upper[c] = upper[c].empty() ? names[c] : upper[c] + " " + names[c];
      names[c] = v;
    }
  }
  for (size_t c = 0; c < width; ++c) {
    if (names[c].empty() || upper[c].empty()) continue;
    bool shared = false;
    for (size_t d = 0; d < width; ++d)
      if (d != c && names[d] == names[c]) shared = true;
    if (shared) names[c] = upper[c] + " " + names[c];
  }
  for (size_t c = 0; c < width; ++c) {  // names still repeated (a header merged across): number them
    if (names[c].empty()) continue;
    int k = 1;
    for (size_t d = 0; d < c; ++d)
      if (names[d] == names[c] || names[d].rfind(names[c] + " (", 0) == 0) ++k;
    if (k > 1) names[c] += " (" + std::to_string(k) + ")";
  }
  while (!names.empty() && names.back().empty()) names.pop_back();

  SheetCsv out;
  out.sheet = sheet.name;
  out.header_row = last;
  out.header_rows = last - header + 1;
  std::string& csv = out.csv;
  csv.reserve(rows.size() * 64);
  csv.append(static_cast<size_t>(last - 1), '\n');
  for (size_t c = 0; c < names.size(); ++c) csv += (c ? "," : "") + csv_field(names[c], true);
  csv += '\n';
  // Line L of the CSV is row L of the sheet until a cell holds a line break; from then on
  // line_rows maps each line a row starts on to the row.
  std::vector<int64_t> line_rows(static_cast<size_t>(last + 1));
  for (int64_t l = 0; l <= last; ++l) line_rows[static_cast<size_t>(l)] = l;
  bool shifted = false;
  for (int64_t r = last + 1; r <= static_cast<int64_t>(rows.size()); ++r) {
    const auto& cells = rows[static_cast<size_t>(r - 1)];
    line_rows.push_back(r);
    if (hidden.count(r)) {
      bool any = std::any_of(cells.begin(), cells.end(), [](const std::string& s) { return !s.empty(); });
      if (any) out.hidden_rows.push_back(r);
      csv += '\n';
      continue;
    }
    size_t used = cells.size();
    while (used > 0 && cells[used - 1].empty()) --used;
    for (size_t c = 0; c < used; ++c) {
      if (c) csv += ',';
      const std::string& v = cells[c];
      for (char ch : v)
        if (ch == '\n') {
          line_rows.push_back(r);  // a line inside the record
          shifted = true;
        }
      csv += csv_field(v);
    }
    csv += '\n';
  }
  if (shifted) out.line_rows = std::move(line_rows);
  return out;
}

}  // namespace shopkeeper
