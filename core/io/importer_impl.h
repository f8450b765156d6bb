// The importer's internals, shared by its two halves: core/io/importer_parse.cpp (decode, detect,
// map and parse rows into staging memory) and core/io/importer_commit.cpp (write the staged rows
// in one transaction, in slices). Only core/io/importer*.cpp include this header.
#pragma once
#include "core/io/importer.h"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "core/base/text.h"
#include "core/io/csv.h"
#include "core/io/table.h"

namespace shopkeeper {

namespace import_detail {

constexpr int64_t kPreviewRows = 20;
constexpr int64_t kDateSampleRows = 5000;
constexpr size_t kMaxDuplicateIds = 1000;
// The share of reading in the whole import's progress (the rest is writing): about what the
// 1,000,000-line benchmark measures, natively and in wasm.
constexpr double kReadShare = 0.3;
// Empty text with a non-null pointer: SQLite binds a null pointer as NULL, and the text columns
// are NOT NULL.
constexpr std::string_view kEmpty("", 0);

struct SLine {
  std::string_view sku, title;
  int64_t qty = 0;
  Money price = 0, discount = 0;
  std::optional<Money> cost;
  LineKind kind = LineKind::merchandise;
};

struct SRefund {
  std::string_view sku;
  int64_t qty = 0;
  Money amount = 0;
  std::string reason;
  Timestamp at = 0;
};

struct SRow {
  int64_t line;
  bool errored;
};

struct SOrder {
  Order o;
  std::string_view customer_name, region;
  std::string_view placed_text;  // the first row's order date as written (a later row with the same text is the same day)
  bool is_return = false;  // online-retail "C" invoice
  bool write_off = false;  // zero-price negative-quantity rows, not a cancellation: stock written off
  bool explicit_items = false, explicit_discount = false, explicit_paid = false;
  Money refunded = 0;
  std::vector<SLine> lines;
  std::vector<SRefund> refunds;  // refunds of this order
  std::vector<SRefund> returns;  // online-retail: refunds of an earlier purchase, matched at commit
  std::vector<SRow> rows;
  int64_t bad_line = 0;  // first rejected row (0 = good)
};

using SqlVal = std::variant<std::monostate, int64_t, double, std::string_view>;
struct TRow {
  int64_t line;
  std::vector<SqlVal> vals;  // one per TableSpec column
};

struct TableSpec {
  const char* table;
  std::vector<std::string_view> key;
  std::vector<std::string_view> nullable;
  std::string_view default_key;  // key column defaulted to "all" when unmapped or empty
};

inline TableSpec table_spec(Target t) {
  switch (t) {
    case Target::products: return {"products", {"sku"}, {"unit_cost", "launched_on"}, ""};
    case Target::customers: return {"customers", {"id"}, {"joined_on", "birthday"}, ""};
    case Target::traffic: return {"traffic_daily", {"day", "shop_id", "source"}, {}, "source"};
    case Target::ad_spend: return {"ad_spend", {"day", "channel"}, {}, "channel"};
    case Target::competitor_prices: return {"competitor_prices", {"sku", "competitor", "day"}, {}, ""};
    case Target::order_lines: return {"order_lines", {"order_id", "line_no"}, {"unit_cost"}, ""};
    case Target::refunds: return {"refunds", {}, {}, ""};
    case Target::product_traffic: return {"product_traffic", {"day", "shop_id", "sku"}, {}, ""};
    case Target::keyword_traffic: return {"keyword_traffic", {"day", "shop_id", "keyword"}, {}, ""};
    case Target::orders: break;
  }
  return {"orders", {"id"}, {}, ""};
}

inline bool contains(const std::vector<std::string_view>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

inline bool mul_ok(int64_t a, int64_t b, int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }
inline bool add_ok(int64_t a, int64_t b, int64_t& out) { return !__builtin_add_overflow(a, b, &out); }

}  // namespace import_detail

using namespace import_detail;

struct Importer::Impl {
  ImportOptions opt;
  tz::Zone zone;  // the store's (opt.timezone)
  ImportPlan plan;
  PresetId preset = PresetId::generic;
  std::string text;
  std::unique_ptr<CsvReader> reader;
  CsvRecord rec;
  size_t header_fields = 0;
  std::vector<int> col;  // per target field: column index or -1
  std::vector<int64_t> line_rows;  // a workbook's sheet row per CSV line, when they differ (SheetCsv)
  int64_t row_of(int64_t line) const {
    return line >= 0 && static_cast<size_t>(line) < line_rows.size() ? line_rows[static_cast<size_t>(line)] : line;
  }
  std::deque<std::string> arena;
  bool begun = false, cancelled = false, done = false;
  // The last whole-file refusal (Importer::refusal()); for nothing_imported, its root row.
  FileRefusal refusal;
  RowError refusal_row;
  InputIssue input_issue;  // a workbook's refusal (Importer::input_issue())
  int64_t rows_read = 0;
  std::vector<RowError> errors;
  int64_t rejected_rows = 0;  // rows rejected on their own (not with an order)
  // orders target
  std::vector<SOrder> orders;
  std::unordered_map<std::string_view, uint32_t> order_index;
  bool one_row_per_order = false;
  bool has_line_fields = false;
  int64_t dup_rows_in_file = 0;
  std::vector<std::string> dup_ids_in_file;
  // other targets
  std::vector<TRow> trows;
  std::vector<std::string_view> tcols;      // store column per TRow value
  std::vector<FieldKind> tkinds;
  std::vector<int> tfield;                  // target field index per value (-1 = defaulted key)

  const std::vector<FieldInfo>& fields() const { return target_fields(plan.target); }

  std::string_view keep(std::string_view v) {
    if (v.empty()) return kEmpty;
    if (v.data() >= text.data() && v.data() + v.size() <= text.data() + text.size()) return v;
    arena.emplace_back(v);
    return arena.back();
  }
  std::string_view keep_owned(std::string s) {
    arena.push_back(std::move(s));
    return arena.back();
  }

  std::string_view cell(int field) const {
    int c = col[static_cast<size_t>(field)];
    if (c < 0 || static_cast<size_t>(c) >= rec.fields.size()) return kEmpty;
    std::string_view v = trim(rec.fields[static_cast<size_t>(c)]);
    // Undo the spreadsheet formula guard that to_csv adds ('=..., '-..., '@...).
    if (v.size() >= 2 && v[0] == '\'' && std::string_view("=+-@").find(v[1]) != std::string_view::npos) v.remove_prefix(1);
    return v;
  }
  std::string header_of(int field) const {
    int c = col[static_cast<size_t>(field)];
    return c >= 0 ? plan.headers[static_cast<size_t>(c)] : std::string(fields()[static_cast<size_t>(field)].name);
  }
  RowError& row_error(int field, std::string_view value, std::string message, RowWhy why = RowWhy::other) {
    RowError e{rec.line, field >= 0 ? header_of(field) : std::string(), std::string(value), std::move(message)};
    e.why = why;
    if (field >= 0) {
      e.field = std::string(fields()[static_cast<size_t>(field)].name);
      e.kind = fields()[static_cast<size_t>(field)].kind;
    }
    errors.push_back(std::move(e));
    return errors.back();
  }

  // A cell that does not read as a date/time: bad_value, or bad_time_zone (a = the suffix) when
  // its zone suffix is what was refused.
  void time_error(int field, std::string_view value, const Error& e, const std::string& bad_zone) {
    RowError& r = row_error(field, value, e.message, bad_zone.empty() ? RowWhy::bad_value : RowWhy::bad_time_zone);
    r.a = bad_zone;
  }

  Status begin(std::string bytes, ImportOptions o);
  Status resolve_columns(const Mapping& base);
  void process(const CsvRecord& r);
  void process_order_row();
  bool parse_order_fields(SOrder& so);
  bool check_later_row_date(const SOrder& so);
  bool parse_line(SOrder& so);
  bool parse_packed_lines(SOrder& so, std::string_view packed);
  void finalize_order(SOrder& so);
  void process_table_row();
  ImportProgress step(int64_t max_rows);
  ImportProgress progress() const;

  struct Commit;
  Impl();  // out of line (importer_commit.cpp): Commit is complete only there
  ~Impl();
  std::unique_ptr<Commit> commit_state;  // set between begin_commit() and the end of the commit
  mutable double last_fraction = 0;      // progress never goes backwards
  Status begin_commit(Store& store);
  Result<std::optional<ImportReport>> commit_step(int64_t budget);
  void abort_commit();
  Result<ImportReport> commit(Store& store);
  Status prepare_table(Commit& c);
  Status write_orders(Commit& c, int64_t budget);
  Status write_customers(Commit& c, int64_t budget);
  Status write_products(Commit& c, int64_t budget);
  Status write_returns(Commit& c, int64_t budget);
  Status write_table(Commit& c, int64_t budget);
  Status write_log(Commit& c);
  void finish_counts(ImportReport& rep);
  // Records `r` as the refusal and returns it as an Error: "<file>: <refusal_en>".
  Error refuse(ErrorCode code, FileRefusal r);
  // The same without the file name (the importer's own state, not the file's).
  Error bare_refusal(ErrorCode code, FileRefusal r) {
    refusal = std::move(r);
    return make_error(code, refusal_en(refusal));
  }
  Error nothing_error(const ImportReport& rep);
  Error not_saved(const Error& e);
  Error fail_commit(const Error& e);
};

}  // namespace shopkeeper
