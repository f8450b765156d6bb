#include "core/io/refusal.h"

#include "core/io/sniff.h"

namespace shopkeeper {

namespace {
std::string line(int64_t n) { return "line " + std::to_string(n); }
}  // namespace

// No default: a new code without its name and English sentence is a -Wswitch warning here.
const char* file_why_name(FileWhy w) {
  switch (w) {
    case FileWhy::none: return "none";
    case FileWhy::other: return "other";
    case FileWhy::cannot_open: return "cannot_open";
    case FileWhy::not_text: return "not_text";
    case FileWhy::gzip_cut: return "gzip_cut";
    case FileWhy::gzip_damaged: return "gzip_damaged";
    case FileWhy::gzip_unsupported: return "gzip_unsupported";
    case FileWhy::bad_utf8: return "bad_utf8";
    case FileWhy::bad_bytes: return "bad_bytes";
    case FileWhy::unknown_encoding: return "unknown_encoding";
    case FileWhy::bad_delimiter: return "bad_delimiter";
    case FileWhy::unknown_format: return "unknown_format";
    case FileWhy::empty: return "empty";
    case FileWhy::cut_off: return "cut_off";
    case FileWhy::bad_quote: return "bad_quote";
    case FileWhy::unknown_target: return "unknown_target";
    case FileWhy::format_orders_only: return "format_orders_only";
    case FileWhy::unknown_field: return "unknown_field";
    case FileWhy::no_such_column: return "no_such_column";
    case FileWhy::missing_column: return "missing_column";
    case FileWhy::no_qty_column: return "no_qty_column";
    case FileWhy::no_data_rows: return "no_data_rows";
    case FileWhy::nothing_imported: return "nothing_imported";
    case FileWhy::cancelled: return "cancelled";
    case FileWhy::not_begun: return "not_begun";
    case FileWhy::already_saving: return "already_saving";
    case FileWhy::not_saved: return "not_saved";
    case FileWhy::unknown_report: return "unknown_report";
    case FileWhy::count_: return "";
  }
  return "";
}

std::string refusal_en(const FileRefusal& r) {
  switch (r.why) {
    case FileWhy::none: return "";
    case FileWhy::other: return r.a;
    case FileWhy::cannot_open: return "cannot open the file";
    case FileWhy::not_text: return not_text_message(static_cast<FileKind>(r.n));
    case FileWhy::gzip_cut: return "the gzip file ends early: was it cut off?";
    case FileWhy::gzip_damaged: return "the gzip file is damaged";
    case FileWhy::gzip_unsupported: return "this is a gzip-compressed file and this build cannot unpack it: unpack it first";
    case FileWhy::bad_utf8: return line(r.n) + ": invalid UTF-8 byte sequence (is the file GBK?)";
    case FileWhy::bad_bytes: return line(r.n) + ": invalid " + r.a + " byte sequence (choose another encoding?)";
    case FileWhy::unknown_encoding:
      return "unknown encoding \"" + r.a + "\" (use utf-8, utf-16le, utf-16be, gbk, gb18030 or big5)";
    case FileWhy::bad_delimiter: return "unsupported delimiter (use , ; tab or |)";
    case FileWhy::unknown_format:
      return "unknown format \"" + r.a +
             "\" (use auto, online-retail, shopify-orders, woocommerce-orders, taobao-orders, douyin-orders, "
             "pinduoduo-orders, jd-orders, sycm-shop, sycm-product, sycm-source, sycm-keyword or generic)";
    case FileWhy::empty: return "the file is empty";
    case FileWhy::cut_off:
      return line(r.n) + ": the file ends in the middle of a row (line " + std::to_string(r.n) +
             "): was it cut off? (a quoted field opened on line " + r.b + " is never closed)";
    case FileWhy::bad_quote:
      return line(r.n) + ": unexpected text after a closing quote (a quote inside a field must be doubled)";
    case FileWhy::unknown_target:
      return "unknown target \"" + r.a +
             "\" (use orders, order_lines, refunds, products, customers, traffic, ad_spend, competitor_prices, "
             "product_traffic or keyword_traffic)";
    case FileWhy::format_orders_only:
      return "the " + r.a + " format imports " + (r.c.empty() ? std::string("orders") : r.c) +
             "; use --format generic for target " + r.b;
    case FileWhy::unknown_field: return "unknown field \"" + r.a + "\" for target " + r.b;
    case FileWhy::no_such_column: return "no column named \"" + r.a + "\" for field " + r.b + "; columns found: " + r.c;
    case FileWhy::missing_column:
      return line(r.n) + ": no column for \"" + r.a + "\" (" + r.b + "); columns found: " + r.c +
             ". Choose it with --map " + r.a + "=HEADER";
    case FileWhy::no_qty_column:
      return "no column for \"qty\" (quantity of the line); columns found: " + r.c + ". Choose it with --map qty=HEADER";
    case FileWhy::no_data_rows: return "no data rows after the header";
    case FileWhy::nothing_imported: return "nothing imported";
    case FileWhy::cancelled: return "the import was cancelled";
    case FileWhy::not_begun: return r.n ? "begin_commit() first" : "begin() the import first";
    case FileWhy::already_saving: return "the import is already being saved";
    case FileWhy::not_saved: return "the import was not saved: " + r.a;
    case FileWhy::unknown_report:
      return "this looks like a platform report, but not one Shopkeeper knows (sycm-shop, sycm-product, sycm-source, "
             "sycm-keyword); columns found: " + r.c +
             ". Nothing was imported: use --format generic --target traffic (or product_traffic, keyword_traffic) with --map";
    case FileWhy::count_: return "";
  }
  return "";
}

}  // namespace shopkeeper
