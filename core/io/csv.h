// CSV input: text encodings (UTF-8 with/without BOM, UTF-16 with BOM, GBK/GB18030) decoded to
// UTF-8 with iconv, delimiter detection (, ; tab), and a fast RFC 4180 reader over one buffer.
// The reader does not own its text: fields are string_views into the buffer (or into the
// reader's own scratch space for quoted fields with doubled quotes), valid until the next call.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/io/refusal.h"

namespace shopkeeper {

// Names used in reports and accepted as options: "utf-8", "utf-16le", "utf-16be", "gbk",
// "gb18030". "auto" detects: BOM first, then valid UTF-8, then UTF-16 by its zero bytes, else
// GB18030 (a superset of GBK and GB2312, so Taobao's GBK exports decode with it).
struct Decoded {
  std::string text;      // UTF-8, without BOM
  std::string encoding;  // what was used
  bool had_bom = false;
};
std::string detect_encoding(std::string_view bytes);
// Converts `bytes` to UTF-8. Invalid input is an error naming the line (1-based) where the
// first bad byte sequence is; `why`, when given, receives the refusal's code and parameters.
Result<Decoded> decode_text(std::string_view bytes, std::string_view encoding = "auto", FileRefusal* why = nullptr);

// The most frequent of ',', ';', '\t' outside quotes on the first record's line; ',' if none.
char detect_delimiter(std::string_view text);

struct CsvRecord {
  std::vector<std::string_view> fields;
  int64_t line = 0;      // 1-based physical line where the record starts
  std::string error;     // non-empty: the record is malformed (fields are what could be read)
  // The malformation as a code: FileWhy::cut_off (a quoted field opened on `open_line` never
  // closes) or FileWhy::bad_quote; none when `error` is empty.
  FileWhy bad = FileWhy::none;
  int64_t open_line = 0;
};

class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : text_(text), delim_(delimiter) {}
  // Reads the next record into `rec`; false at the end of the text. Blank lines are skipped.
  // A malformed record (text after a closing quote, a quote never closed) comes back with
  // rec.error set; reading goes on at the next line so one bad record costs one record.
  bool next(CsvRecord& rec);
  size_t offset() const { return pos_; }
  size_t size() const { return text_.size(); }
  int64_t line() const { return line_; }

 private:
  std::string_view text_;
  char delim_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  std::string scratch_;
  struct Span {
    bool scratch;
    size_t off, len;
  };
  std::vector<Span> spans_;
};

// Strips spreadsheet protection that exports add around ids: ="123" -> 123, a leading ' or tab.
std::string_view unwrap_cell(std::string_view v);
std::string_view trim(std::string_view v);

}  // namespace shopkeeper
