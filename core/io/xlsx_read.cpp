// .xlsx reading (core/io/spreadsheet.h): the zip through minizip with memory I/O callbacks, the
// parts through pugixml. Only the parts a table needs: workbook (sheets, 1904 system), its
// relationships, shared strings, styles (which number formats are dates) and one worksheet
// (cells, hidden rows, merged cells).
#include <minizip/unzip.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "core/base/date.h"
#include "core/io/spreadsheet.h"

namespace shopkeeper {

namespace {

// ---- zip in memory ----------------------------------------------------------------------------

struct MemZip {
  std::string_view bytes;
  unsigned long pos = 0;
};

voidpf ZCALLBACK mem_open(voidpf opaque, const char*, int) { return opaque; }
uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<MemZip*>(stream);
  if (m->pos >= m->bytes.size()) return 0;
  uLong n = std::min<uLong>(size, static_cast<uLong>(m->bytes.size() - m->pos));
  std::memcpy(buf, m->bytes.data() + m->pos, n);
  m->pos += n;
  return n;
}
uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
long ZCALLBACK mem_tell(voidpf, voidpf stream) { return static_cast<long>(static_cast<MemZip*>(stream)->pos); }
long ZCALLBACK mem_seek(voidpf, voidpf stream, uLong offset, int origin) {
  auto* m = static_cast<MemZip*>(stream);
  unsigned long base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->bytes.size();
  unsigned long p = base + offset;
  if (p > m->bytes.size()) return -1;
  m->pos = p;
  return 0;
}
int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

// Parts larger than this (uncompressed) are refused: a table of a million rows is well below.
constexpr uLong kMaxPart = 1024ul * 1024ul * 1024ul;

class Zip {
 public:
  explicit Zip(std::string_view bytes) : mem_{bytes, 0} {
    zlib_filefunc_def f{};
    f.zopen_file = mem_open;
    f.zread_file = mem_read;
    f.zwrite_file = mem_write;
    f.ztell_file = mem_tell;
    f.zseek_file = mem_seek;
    f.zclose_file = mem_close;
    f.zerror_file = mem_error;
    f.opaque = &mem_;
    uf_ = unzOpen2("memory", &f);
  }
  ~Zip() {
    if (uf_) unzClose(uf_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;
  bool ok() const { return uf_ != nullptr; }
  bool has(const std::string& name) { return uf_ && unzLocateFile(uf_, name.c_str(), 1) == UNZ_OK; }
  // The part's bytes; false when missing or damaged (`why` says which).
  bool read(const std::string& name, std::string& out, std::string& why) {
    if (!uf_ || unzLocateFile(uf_, name.c_str(), 1) != UNZ_OK) {
      why = "missing";
      return false;
    }
    unz_file_info info{};
    if (unzGetCurrentFileInfo(uf_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK || info.uncompressed_size > kMaxPart) {
      why = "too large or damaged";
      return false;
    }
    if (info.flag & 1) {
      why = "encrypted";
      return false;
    }
    if (unzOpenCurrentFile(uf_) != UNZ_OK) {
      why = "damaged";
      return false;
    }
    out.assign(info.uncompressed_size, '\0');
    uLong got = 0;
    while (got < info.uncompressed_size) {
      int n = unzReadCurrentFile(uf_, out.data() + got, static_cast<unsigned>(std::min<uLong>(info.uncompressed_size - got, 1u << 20)));
      if (n <= 0) break;
      got += static_cast<uLong>(n);
    }
    int close = unzCloseCurrentFile(uf_);  // checks the CRC
    if (got != info.uncompressed_size || close != UNZ_OK) {
      why = "damaged (bad compressed data or checksum)";
      return false;
    }
    return true;
  }

 private:
  MemZip mem_;
  unzFile uf_ = nullptr;
};

// ---- XML helpers --------------------------------------------------------------------------------

// The element's name without a namespace prefix ("x:row" -> "row").
const char* local(const pugi::xml_node& n) {
  const char* s = n.name();
  const char* c = std::strchr(s, ':');
  return c ? c + 1 : s;
}
bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(local(n), name) == 0; }
pugi::xml_node child(const pugi::xml_node& n, const char* name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && is(c, name)) return c;
  return {};
}
// An attribute by local name ("r:id" matches "id" only when asked as "r:id"'s local part).
pugi::xml_attribute attr(const pugi::xml_node& n, const char* name) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const char* s = a.name();
    const char* c = std::strchr(s, ':');
    if (std::strcmp(c ? c + 1 : s, name) == 0) return a;
  }
  return {};
}
bool truthy(const pugi::xml_attribute& a) {
  return a && (std::strcmp(a.value(), "1") == 0 || std::strcmp(a.value(), "true") == 0);
}

bool parse_xml(pugi::xml_document& doc, std::string& text) {
  return static_cast<bool>(doc.load_buffer_inplace(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata));
}

// All text of <t> elements under `n` except phonetic runs (<rPh>): a shared or inline string.
void gather_text(const pugi::xml_node& n, std::string& out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (is(c, "t")) out += c.text().get();
    else if (is(c, "r")) gather_text(c, out);
  }
}

// "B12" -> column 1 (0-based), row 12; false when malformed.
bool parse_ref(const char* s, int64_t& row, int64_t& col) {
  int64_t c = 0;
  int letters = 0;
  while (*s >= 'A' && *s <= 'Z') {
    c = c * 26 + (*s - 'A' + 1);
    ++s;
    if (++letters > 3) return false;
  }
  int64_t r = 0;
  int digits = 0;
  while (*s >= '0' && *s <= '9') {
    r = r * 10 + (*s - '0');
    ++s;
    if (++digits > 7) return false;
  }
  if (*s || (letters == 0 && digits == 0)) return false;
  row = digits ? r : 0;
  col = letters ? c - 1 : -1;
  return true;
}

std::string column_letters(int64_t col) {
  std::string s;
  for (int64_t c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string resolve_target(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string t = target;
  std::string base = "xl/";
  while (t.rfind("../", 0) == 0) {
    t = t.substr(3);
    base = "";
  }
  return base + t;
}

// Sheet limits: Excel's own (1,048,576 rows, 16,384 columns).
constexpr int64_t kMaxRows = 1048576, kMaxCols = 16384;

}  // namespace

bool SheetData::has_data() const {
  for (const auto& r : rows)
    for (const auto& c : r)
      if (!c.empty()) return true;
  return false;
}

// Reads the workbook part and its relationships.
Result<Workbook> read_xlsx_workbook(std::string_view bytes, const std::string& file, InputIssue* out) {
  Zip zip(bytes);
  if (!zip.ok()) return workbook_damaged(out, file, "", "this zip archive is damaged and cannot be opened as an Excel workbook");
  std::string text, why;
  if (!zip.read("xl/workbook.xml", text, why)) {
    if (why == "missing")
      return workbook_error(out, file, InputWhy::workbook_not_excel, 1);
    return workbook_damaged(out, file, "", "the workbook part xl/workbook.xml is " + why);
  }
  pugi::xml_document doc;
  if (!parse_xml(doc, text)) return workbook_damaged(out, file, "", "xl/workbook.xml is not valid XML: the workbook is damaged");
  Workbook wb;
  wb.file = file;
  pugi::xml_node root = doc.document_element();
  wb.date1904 = truthy(attr(child(root, "workbookPr"), "date1904"));

  std::unordered_map<std::string, std::string> rel;
  std::string rels;
  if (zip.read("xl/_rels/workbook.xml.rels", rels, why)) {
    pugi::xml_document rd;
    if (parse_xml(rd, rels))
      for (pugi::xml_node r = rd.document_element().first_child(); r; r = r.next_sibling())
        if (is(r, "Relationship")) rel[attr(r, "Id").value()] = resolve_target(attr(r, "Target").value());
  }
  int n = 0;
  for (pugi::xml_node s = child(child(root, "sheets"), "sheet"); s; s = s.next_sibling()) {
    if (!is(s, "sheet")) continue;
    WorkbookSheet ws;
    ws.name = attr(s, "name").value();
    std::string state = attr(s, "state").value();
    ws.hidden = state == "hidden" || state == "veryHidden";
    ws.index = n++;
    auto it = rel.find(attr(s, "id").value());
    ws.part = it != rel.end() ? it->second : "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    wb.sheets.push_back(std::move(ws));
  }
  if (wb.sheets.empty()) return workbook_error(out, file, InputWhy::workbook_no_sheets);
  return wb;
}

namespace {

struct Styles {
  std::vector<bool> date_xf;  // per cellXfs index: the number format shows a date/time
  std::vector<bool> time_xf;  // ... and has a time part
};

bool has_time_part(int id, std::string_view code) {
  if (id >= 18 && id <= 22) return true;
  if (id >= 45 && id <= 47) return true;
  bool q = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char ch = code[i];
    if (ch == '"') q = !q;
    else if (q) continue;
    else if (ch == '\\') ++i;
    else if (ch == 'h' || ch == 'H' || ch == 's' || ch == 'S') return true;
  }
  return false;
}

Styles read_styles(Zip& zip) {
  Styles st;
  std::string text, why;
  if (!zip.read("xl/styles.xml", text, why)) return st;
  pugi::xml_document doc;
  if (!parse_xml(doc, text)) return st;
  pugi::xml_node root = doc.document_element();
  std::unordered_map<int, std::string> codes;
  for (pugi::xml_node f = child(child(root, "numFmts"), "numFmt"); f; f = f.next_sibling())
    codes[attr(f, "numFmtId").as_int()] = attr(f, "formatCode").value();
  for (pugi::xml_node x = child(child(root, "cellXfs"), "xf"); x; x = x.next_sibling()) {
    if (!is(x, "xf")) continue;
    int id = attr(x, "numFmtId").as_int();
    auto it = codes.find(id);
    std::string_view code = it != codes.end() ? std::string_view(it->second) : std::string_view();
    bool d = is_date_format(it != codes.end() ? -1 : id, code);
    st.date_xf.push_back(d);
    st.time_xf.push_back(d && has_time_part(it != codes.end() ? -1 : id, code));
  }
  return st;
}

std::vector<std::string> read_shared_strings(Zip& zip, bool& ok) {
  std::vector<std::string> out;
  ok = true;
  std::string text, why;
  if (!zip.read("xl/sharedStrings.xml", text, why)) {
    ok = why == "missing";
    return out;
  }
  pugi::xml_document doc;
  if (!parse_xml(doc, text)) {
    ok = false;
    return out;
  }
  for (pugi::xml_node si = doc.document_element().first_child(); si; si = si.next_sibling()) {
    if (si.type() != pugi::node_element || !is(si, "si")) continue;
    std::string s;
    gather_text(si, s);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<SheetData> read_xlsx_sheet(const Workbook& wb, std::string_view bytes, const WorkbookSheet& ws, InputIssue* out) {
  const std::string& file = wb.file;
  Zip zip(bytes);
  if (!zip.ok()) return workbook_damaged(out, file, "", "this zip archive is damaged");
  bool sst_ok = true;
  std::vector<std::string> sst = read_shared_strings(zip, sst_ok);
  if (!sst_ok) return workbook_damaged(out, file, "", "the shared strings part (xl/sharedStrings.xml) is damaged");
  Styles styles = read_styles(zip);
  std::string text, why;
  if (!zip.read(ws.part, text, why)) return workbook_damaged(out, file, ws.name, "its part " + ws.part + " is " + why);
  pugi::xml_document doc;
  if (!parse_xml(doc, text)) return workbook_damaged(out, file, ws.name, "not valid XML: the workbook is damaged");
  pugi::xml_node root = doc.document_element();
  SheetData sd;
  sd.name = ws.name;
  int64_t next_row = 1;
  for (pugi::xml_node row = child(child(root, "sheetData"), "row"); row; row = row.next_sibling()) {
    if (row.type() != pugi::node_element || !is(row, "row")) continue;
    int64_t r = attr(row, "r") ? attr(row, "r").as_llong() : next_row;
    if (r < next_row || r > kMaxRows) return workbook_damaged(out, file, ws.name, "row number " + std::to_string(r) + " is out of order or range");
    next_row = r + 1;
    if (truthy(attr(row, "hidden"))) sd.hidden_rows.push_back(r);
    if (static_cast<int64_t>(sd.rows.size()) < r) sd.rows.resize(static_cast<size_t>(r));
    std::vector<std::string>& cells = sd.rows[static_cast<size_t>(r - 1)];
    int64_t next_col = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || !is(c, "c")) continue;
      int64_t cr = r, cc = next_col;
      if (pugi::xml_attribute ref = attr(c, "r")) {
        if (!parse_ref(ref.value(), cr, cc) || cc < 0) return workbook_damaged(out, file, ws.name, "cell reference \"" + std::string(ref.value()) + "\" is malformed");
        if (cr == 0) cr = r;
      }
      if (cr != r || cc < next_col || cc >= kMaxCols) return workbook_damaged(out, file, ws.name, "cell " + std::string(attr(c, "r").value()) + " is out of order");
      next_col = cc + 1;
      std::string t = attr(c, "t").value();
      pugi::xml_node v = child(c, "v");
      std::string val;
      if (t == "inlineStr") {
        gather_text(child(c, "is"), val);
      } else if (!v) {
        if (child(c, "f")) {
          InputIssue i{InputWhy::formula_no_value, file, r, column_letters(cc)};
          i.sheet = ws.name;
          return input_error(ErrorCode::parse_error, std::move(i), out);
        }
        continue;
      } else if (t == "s") {
        long long i = v.text().as_llong(-1);
        if (i < 0 || static_cast<size_t>(i) >= sst.size())
          return workbook_damaged(out, file, ws.name, "row " + std::to_string(r) + ", column " + column_letters(cc) + ": shared string " +
                                            std::to_string(i) + " does not exist: the workbook is damaged");
        val = sst[static_cast<size_t>(i)];
      } else if (t == "str" || t == "e") {
        val = v.text().get();
      } else if (t == "b") {
        val = v.text().as_int() ? "TRUE" : "FALSE";
      } else if (t == "d") {
        val = v.text().get();  // ISO 8601 text
        if (val.size() > 10 && val[10] == 'T') val[10] = ' ';
      } else {
        const char* num = v.text().get();
        char* end = nullptr;
        double d = std::strtod(num, &end);
        if (end == num || !std::isfinite(d)) {
          val = num;
        } else {
          size_t s = attr(c, "s").as_uint();
          bool date = s < styles.date_xf.size() && styles.date_xf[s];
          if (date && d >= 0 && d < 2958466) {  // up to 9999-12-31
            bool with_time = styles.time_xf[s];
            int64_t ts = excel_serial_to_timestamp(d, wb.date1904);
            val = with_time || ts % 86400 != 0 ? format_timestamp(ts) : format_day(day_of(ts));
          } else {
            val = excel_number_text(d);
          }
        }
      }
      if (static_cast<int64_t>(cells.size()) <= cc) cells.resize(static_cast<size_t>(cc + 1));
      cells[static_cast<size_t>(cc)] = std::move(val);
    }
  }
  for (pugi::xml_node m = child(child(root, "mergeCells"), "mergeCell"); m; m = m.next_sibling()) {
    std::string ref = attr(m, "ref").value();
    size_t colon = ref.find(':');
    if (colon == std::string::npos) continue;
    SheetMerge sm;
    if (!parse_ref(ref.substr(0, colon).c_str(), sm.row0, sm.col0) || !parse_ref(ref.substr(colon + 1).c_str(), sm.row1, sm.col1))
      continue;
    if (sm.row0 < 1 || sm.col0 < 0 || sm.row1 < sm.row0 || sm.col1 < sm.col0 || sm.row1 > kMaxRows || sm.col1 >= kMaxCols) continue;
    sd.merges.push_back(sm);
  }
  return sd;
}

}  // namespace shopkeeper
