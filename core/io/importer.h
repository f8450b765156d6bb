// Importer: turns one CSV export into store rows, in slices, and commits them in one transaction.
//
//   Importer imp;
//   if (auto st = imp.begin(bytes, opts); !st) ...      // decode, detect, read the header
//   while (!imp.step(20000).done) { draw a progress bar from imp.progress() }
//   auto report = imp.commit(store);                    // one transaction; nothing before it
// or, to keep a UI drawing while it writes:
//   imp.begin_commit(store);                            // opens the transaction
//   while (!(r = imp.commit_step(20000)) || !*r) ...    // until the report (or an error) comes
//
// Until the final COMMIT nothing reaches the store's committed content, so cancelling (or
// closing the tab) at any point leaves it exactly as it was. Orders are keyed by their id: an order already in the store is skipped and counted
// as a duplicate, so importing the same file twice adds nothing the second time. An order any of
// whose rows is rejected is rejected whole (every row listed), so fixing the file and importing
// it again brings the order in complete.
//
// Ownership: the Importer owns the decoded text and everything staged; the report is a value.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/io/line_kinds.h"
#include "core/io/presets.h"
#include "core/base/issue.h"
#include "core/io/refusal.h"
#include "core/io/values.h"
#include "core/store/store.h"

namespace shopkeeper {

struct ImportOptions {
  std::string file_name;          // shown in messages and kept in the import log
  std::string format = "auto";    // auto | a preset's name (core/io/presets.cpp presets()) | generic
  std::string encoding = "auto";  // auto | utf-8 | utf-16le | utf-16be | gbk | gb18030
  char delimiter = 0;             // 0 = detect (, ; or tab)
  // automatic: the preset's convention (online-retail is month-first), else what the file's
  // own unambiguous dates show; a file with only ambiguous dates must be told.
  DateOrder date_order = DateOrder::automatic;
  NumberFormat number;            // decimal comma, currency decimals
  std::string target;             // generic: orders | order_lines | refunds | products | customers | traffic | ad_spend | competitor_prices
  Mapping mapping;                // field -> header; for generic (merged over suggestions) or to override a preset
  Timestamp now = 0;              // the import's time for the log (0 = the machine clock)
  // The seller's list of lines that are not products (Settings; setting kNonMerchandiseKey,
  // core/io/line_kinds.h), applied before the preset's own rules.
  std::vector<LineKindRule> line_kind_rules;
  // .xlsx / .xls (core/io/spreadsheet.h): the sheet to import; "" = the first with data.
  std::string sheet;
  // The shop the rows belong to (core/shops/shops.h; 0 = the store's own shop): orders and the
  // traffic tables are tagged with it.
  int64_t shop_id = 0;
  // The store's time zone (setting timezone, core/store/store_money.h; "" = tz::kDefaultZone):
  // a time the file writes with an offset ("-0500", "Z") is converted into it (core/tz/zone.h);
  // a time without one is the shop's local time, kept as written.
  std::string timezone;
};

// What begin() found, for the UI's preview and mapping screen.
struct ImportPlan {
  std::string format;    // preset name
  Target target = Target::orders;
  std::string encoding;
  char delimiter = ',';
  DateOrder date_order = DateOrder::automatic;
  std::vector<std::string> headers;
  int64_t header_line = 1;
  Mapping mapping;       // field -> header actually used
  std::vector<std::vector<std::string>> preview;  // up to 20 data rows as read
  // A workbook: its sheets, the one read, and its hidden rows (skipped; 1-based sheet rows).
  // Line numbers (header_line, RowError::line) are then the sheet's row numbers.
  std::vector<std::string> sheets;
  std::string sheet;
  std::vector<int64_t> hidden_rows;
};

struct ImportProgress {
  int64_t rows_read = 0;
  int64_t bytes_done = 0, bytes_total = 0;
  bool done = false;                       // every row read (or nothing left to read)
  bool committing = false;                 // between begin_commit() and the end of the commit
  int64_t units_done = 0, units_total = 0; // the commit's work: orders, lines, refunds, customers...
  double overall = 0;                      // see fraction()
  double read_fraction() const {
    return bytes_total > 0 ? static_cast<double>(bytes_done) / static_cast<double>(bytes_total) : 1.0;
  }
  // The whole import, reading and writing, 0..1; never goes backwards.
  double fraction() const { return overall; }
};

// Why a row was rejected, as a code the UI words per language (ui/i18n/names.cpp), like the
// promotions' reason codes; `message` is the same reason in plain English (CLI, CSV of errors).
enum class RowWhy : uint8_t {
  other,                 // only `message`
  missing,               // the field is empty
  bad_value,             // the value does not parse as the field's kind (`kind`)
  bad_status,            // not an order status word
  other_day,             // a later row of order `a` is dated `b`'s day: first row line `n` dated `c`
  rejected_with_order,   // an error on line `n` of order `a` rejects the whole order
  out_of_range,          // quantity out of range
  zero_qty_with_amount,  // quantity 0 with a line amount
  too_large,             // line amount too large
  cancel_positive_qty,   // a C... cancellation line with a positive quantity
  negative_refund,       // a negative refunded amount
  packed_item,           // a WooCommerce line_items entry without a valid quantity or total
  cut_off,               // the file ends inside this row: a quoted field opened on line `n` never closes
  bad_quote,             // text after a closing quote
  too_many_fields,       // `n` fields where the header has `a`
  no_such_order,         // a refund or line file names an order the store does not hold
  order_too_large,       // the order's amounts add up beyond what money can hold
  bad_time_zone,         // the time's zone suffix `a` is not an offset (Z, UTC, +08:00, -0500, GMT+8)
};

struct RowError {
  int64_t line = 0;      // 1-based line in the file (0 = the file as a whole)
  std::string column;    // header of the offending column ("" = the row)
  std::string value;
  std::string message;   // plain reason
  RowWhy why = RowWhy::other;
  std::string field;     // the field's name (order_id, placed_at ...); "" = the row
  FieldKind kind = FieldKind::text;
  std::string a, b, c;   // parameters, see RowWhy
  int64_t n = 0;
};

struct ImportReport {
  std::string file, format, target, encoding;
  std::string sheet;                       // a workbook's sheet ("" for CSV)
  std::vector<int64_t> hidden_rows;        // its hidden rows, skipped
  int64_t rows_read = 0, rows_imported = 0, rows_skipped_duplicate = 0, rows_rejected = 0;
  int64_t orders_imported = 0, lines_imported = 0, refunds_imported = 0;
  int64_t returns_unmatched = 0;  // online-retail cancellation lines with no earlier purchase to refund
  int64_t customers_added = 0, products_added = 0;
  // Lines classified as not products (postage, fees, adjustments), per LineKind (index 0 unused).
  std::array<int64_t, kLineKinds> lines_by_kind{};
  // Zero-price negative-quantity rows that are not cancellations: stock written off (damaged,
  // lost), not sales orders, so not imported as orders.
  int64_t stock_write_offs = 0, stock_write_off_units = 0, stock_write_off_rows = 0;
  std::vector<std::string> duplicate_ids;  // order ids skipped as already present (first 1000)
  std::vector<RowError> errors;            // every rejected row, by line
};

nlohmann::ordered_json report_to_json(const ImportReport& r);
// The rejected rows as a CSV file (UTF-8 with BOM): line, column, value, message.
std::string report_errors_csv(const ImportReport& r);
// "orders.csv line 12, column Quantity: not a whole number: \"abc\"".
std::string describe_error(const std::string& file, const RowError& e);

class Importer {
 public:
  Importer();
  ~Importer();
  Importer(Importer&&) noexcept;
  Importer& operator=(Importer&&) noexcept;

  // Takes the file's bytes. Fails (naming file, line and column) when the file cannot be read
  // at all: bad encoding, no header, an unknown format, a required column missing.
  Status begin(std::string bytes, ImportOptions options);
  // Parses up to `max_rows` more rows into staging memory.
  ImportProgress step(int64_t max_rows);
  ImportProgress progress() const;
  // Parses what is left, then writes everything in one transaction together with the import
  // log entry. Fails, writing nothing, when no row could be taken (all rejected), naming the
  // first error; a file whose rows are all duplicates commits (and reports them).
  // Same as begin_commit() and commit_step() until done.
  Result<ImportReport> commit(Store& store);

  // The commit in slices, for a UI that keeps drawing: begin_commit() parses what is left and
  // opens ONE transaction on `store` (store.in_transaction() is true, other writes are refused);
  // each commit_step() writes about `max_units` units (an order with its lines and refunds
  // counts 1 + lines + refunds; a customer, product or cancellation to match 1) and returns
  // nullopt while there is more; the call that finishes writes the import log, COMMITs and
  // returns the report. Any failure rolls back and is returned; so do cancel() and destroying
  // the Importer mid-way: the store is then exactly as before. `store` must stay alive (and
  // not move) until the commit ends.
  Status begin_commit(Store& store);
  Result<std::optional<ImportReport>> commit_step(int64_t max_units);
  bool committing() const;

  // Drops everything staged (rolling back a commit in progress); commit() afterwards fails
  // with ErrorCode::cancelled.
  void cancel();
  const ImportPlan& plan() const;
  // Why the last begin(), begin_commit() or commit_step() failed, as a code with parameters
  // (none after a success); the failure's Error message is its English. For
  // FileWhy::nothing_imported, refused_row() is the row error that names the root cause.
  const FileRefusal& refusal() const;
  const RowError& refused_row() const;
  // A workbook (.xlsx, .xls) refused by begin(): the problem as a code with file, sheet, row and
  // column (core/base/issue.h); refusal() is then empty. Empty otherwise.
  const InputIssue& input_issue() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads `path` and runs a whole import (the CLI and tests use this).
Result<ImportReport> import_file(Store& store, const std::string& path, ImportOptions options);

}  // namespace shopkeeper
