// Why a whole file was refused by the importer (nothing read, nothing written), as a code with
// its parameters, like the rejected rows' RowWhy (core/io/importer.h) and the promotions'
// reason codes: the UI words each code per language (ui/i18n/names.cpp file_refusal_text), the
// CLI prints refusal_en(), which is also the refusal's Error message.
#pragma once
#include <cstdint>
#include <string>

namespace shopkeeper {

enum class FileWhy : uint8_t {
  none,
  other,               // a store or system failure: only the Error's message (a = that message)
  cannot_open,         // the file cannot be read
  not_text,            // n = FileKind (core/io/sniff.h): an image, a workbook, an archive ...
  gzip_cut,            // the gzip data ends early
  gzip_damaged,        // the gzip data is damaged
  gzip_unsupported,    // this build cannot unpack gzip
  bad_utf8,            // line n: an invalid UTF-8 byte sequence
  bad_bytes,           // line n: an invalid byte sequence for encoding a
  unknown_encoding,    // a = the encoding asked for
  bad_delimiter,       // the delimiter is not , ; tab or |
  unknown_format,      // a = the format asked for
  empty,               // no record at all
  cut_off,             // the first record is cut: line n, its quoted field opened on line b
  bad_quote,           // line n: text after a closing quote
  unknown_target,      // a = the target asked for
  format_orders_only,  // format a imports target c ("" = orders); target b asked for
  unknown_field,       // field a is not a field of target b
  no_such_column,      // no column named a for field b; c = the columns found
  missing_column,      // line n: no column for field a (b = its description); c = the columns found
  no_qty_column,       // lines without a quantity column; c = the columns found
  no_data_rows,        // nothing after the header
  nothing_imported,    // every row rejected: the importer's `root` row error, n more rejected
  cancelled,           // the import was cancelled
  not_begun,           // commit before begin (a programming slip; n = 1: commit_step before begin_commit)
  already_saving,      // commit while the commit runs (a programming slip)
  not_saved,           // writing failed and was rolled back: a = the store's message
  unknown_report,      // a traffic-like report no preset knows (auto format); c = the columns found
  count_
};
inline constexpr int kFileWhyCount = static_cast<int>(FileWhy::count_);

struct FileRefusal {
  FileWhy why = FileWhy::none;
  int64_t n = 0;
  std::string a, b, c;
  bool empty() const { return why == FileWhy::none; }
};

// Stable snake_case name of a code ("missing_column").
const char* file_why_name(FileWhy w);
// The refusal in plain English, without the file name ("the file is empty"). For
// nothing_imported the sentence names no row: the Importer's message adds the row's own.
std::string refusal_en(const FileRefusal& r);

}  // namespace shopkeeper
