#include "core/io/importer.h"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <deque>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "core/io/csv.h"
#include "core/io/table.h"

namespace shopkeeper {

namespace {

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

TableSpec table_spec(Target t) {
  switch (t) {
    case Target::products: return {"products", {"sku"}, {"unit_cost", "launched_on"}, ""};
    case Target::customers: return {"customers", {"id"}, {"joined_on", "birthday"}, ""};
    case Target::traffic: return {"traffic_daily", {"day", "source"}, {}, "source"};
    case Target::ad_spend: return {"ad_spend", {"day", "channel"}, {}, "channel"};
    case Target::order_lines: return {"order_lines", {"order_id", "line_no"}, {"unit_cost"}, ""};
    case Target::refunds: return {"refunds", {}, {}, ""};
    case Target::orders: break;
  }
  return {"orders", {"id"}, {}, ""};
}

bool contains(const std::vector<std::string_view>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

Timestamp local_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return start_of(days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)) + tm.tm_hour * 3600 + tm.tm_min * 60 +
         tm.tm_sec;
}

std::string lower_ascii(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return o;
}

bool mul_ok(int64_t a, int64_t b, int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }
bool add_ok(int64_t a, int64_t b, int64_t& out) { return !__builtin_add_overflow(a, b, &out); }

}  // namespace

struct Importer::Impl {
  ImportOptions opt;
  ImportPlan plan;
  PresetId preset = PresetId::generic;
  std::string text;
  std::unique_ptr<CsvReader> reader;
  CsvRecord rec;
  size_t header_fields = 0;
  std::vector<int> col;  // per target field: column index or -1
  std::deque<std::string> arena;
  bool begun = false, cancelled = false, done = false;
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
  Error nothing_error(const ImportReport& rep) const;
  Error not_saved(const Error& e) const;
  Error fail_commit(const Error& e);
};

// ---------------------------------------------------------------------------------------------
// begin: decode, find the header, choose the preset and the columns.

Status Importer::Impl::begin(std::string bytes, ImportOptions o) {
  opt = std::move(o);
  const std::string& file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  auto fail = [&](const std::string& msg) { return Status(make_error(ErrorCode::parse_error, file + ": " + msg)); };
  auto dec = decode_text(bytes, opt.encoding);
  if (!dec) return fail(dec.error().message);
  bytes.clear();
  bytes.shrink_to_fit();
  text = std::move(dec->text);
  plan.encoding = dec->encoding;
  plan.delimiter = opt.delimiter ? opt.delimiter : detect_delimiter(text);
  if (plan.delimiter != ',' && plan.delimiter != ';' && plan.delimiter != '\t' && plan.delimiter != '|')
    return fail("unsupported delimiter (use , ; tab or |)");

  std::optional<PresetId> forced;
  if (opt.format != "auto" && !opt.format.empty()) {
    forced = preset_from_name(opt.format);
    if (!forced)
      return fail("unknown format \"" + opt.format +
                  "\" (use auto, online-retail, shopify-orders, woocommerce-orders, taobao-orders or generic)");
  }

  // The header is the first record, unless an export put title lines above it: then the first
  // of the first ten records that a preset or the given mapping recognizes.
  CsvReader scan(text, plan.delimiter);
  CsvRecord r;
  std::vector<std::vector<std::string>> firsts;
  std::vector<int64_t> first_lines;
  std::vector<size_t> first_ends;
  while (firsts.size() < 10 && scan.next(r)) {
    std::vector<std::string> h;
    for (auto f : r.fields) h.emplace_back(trim(f));
    firsts.push_back(std::move(h));
    first_lines.push_back(r.line);
    first_ends.push_back(scan.offset());
    if (!r.error.empty() && firsts.size() == 1) return fail("line " + std::to_string(r.line) + ": " + r.error);
  }
  if (firsts.empty()) return fail("the file is empty");
  size_t hi = 0;
  for (size_t i = 0; i < firsts.size(); ++i) {
    bool recognized = (forced ? *forced != PresetId::generic && detect_preset(firsts[i]) == *forced
                              : detect_preset(firsts[i]) != PresetId::generic);
    if (!recognized && !opt.mapping.empty()) {
      recognized = std::all_of(opt.mapping.begin(), opt.mapping.end(), [&](const auto& m) {
        return std::any_of(firsts[i].begin(), firsts[i].end(),
                           [&](const std::string& h) { return normalize_header(h) == normalize_header(m.second); });
      });
    }
    if (recognized) {
      hi = i;
      break;
    }
  }
  plan.headers = firsts[hi];
  plan.header_line = first_lines[hi];
  header_fields = plan.headers.size();
  preset = forced ? *forced : detect_preset(plan.headers);
  plan.format = std::string(preset_info(preset).name);

  if (preset == PresetId::generic) {
    std::string t = opt.target.empty() ? "orders" : opt.target;
    auto tg = target_from_name(t);
    if (!tg) return fail("unknown target \"" + t + "\" (use orders, order_lines, refunds, products, customers, traffic or ad_spend)");
    plan.target = *tg;
  } else {
    plan.target = Target::orders;
    if (!opt.target.empty() && opt.target != "orders")
      return fail("the " + plan.format + " format imports orders; use --format generic for target " + opt.target);
  }
  Mapping base = preset == PresetId::generic ? suggest_mapping(plan.target, plan.headers)
                                             : preset_mapping(preset, plan.headers);
  if (auto st = resolve_columns(base); !st) return fail(st.error().message);

  // Date order: the option, else the preset's convention, else the file's own evidence.
  plan.date_order = opt.date_order;
  if (plan.date_order == DateOrder::automatic && preset == PresetId::online_retail)
    plan.date_order = DateOrder::month_first;
  std::vector<int> date_cols;
  for (size_t f = 0; f < fields().size(); ++f)
    if ((fields()[f].kind == FieldKind::time || fields()[f].kind == FieldKind::day) && col[f] >= 0)
      date_cols.push_back(col[f]);

  reader = std::make_unique<CsvReader>(text, plan.delimiter);
  // Skip up to and including the header record.
  for (size_t i = 0; i <= hi; ++i) reader->next(rec);
  {
    CsvReader sample = *reader;
    DateOrderVote vote;
    int64_t n = 0;
    while (n < kDateSampleRows && sample.next(r)) {
      if (static_cast<int64_t>(plan.preview.size()) < kPreviewRows) {
        std::vector<std::string> row;
        for (auto f : r.fields) row.emplace_back(f);
        plan.preview.push_back(std::move(row));
      }
      for (int c : date_cols)
        if (static_cast<size_t>(c) < r.fields.size()) vote.add(r.fields[static_cast<size_t>(c)]);
      ++n;
      if (plan.date_order != DateOrder::automatic && static_cast<int64_t>(plan.preview.size()) >= kPreviewRows) break;
    }
    if (plan.date_order == DateOrder::automatic) plan.date_order = vote.verdict();
  }

  if (plan.target == Target::orders) {
    has_line_fields = false;
    for (int f : {of_sku, of_title, of_qty, of_unit_price, of_line_total, of_line_items_packed})
      if (col[static_cast<size_t>(f)] >= 0) has_line_fields = true;
    // Taobao's order report and order-only generic files carry one row per order; a repeated id
    // there is a duplicate row, not another line.
    one_row_per_order = preset == PresetId::taobao || !has_line_fields;
    if (has_line_fields && col[of_qty] < 0 && col[of_line_items_packed] < 0)
      return fail("no column for \"qty\" (quantity of the line); columns found: " + [&] {
        std::string s;
        for (const auto& h : plan.headers) s += (s.empty() ? "" : ", ") + h;
        return s;
      }() + ". Choose it with --map qty=HEADER");
  } else {
    TableSpec spec = table_spec(plan.target);
    for (size_t f = 0; f < fields().size(); ++f) {
      if (col[f] < 0 && fields()[f].column != spec.default_key) continue;
      tcols.push_back(fields()[f].column);
      tkinds.push_back(fields()[f].kind);
      tfield.push_back(static_cast<int>(f));
    }
  }
  begun = true;
  return Ok{};
}

Status Importer::Impl::resolve_columns(const Mapping& base) {
  Mapping m = base;
  for (const auto& entry : opt.mapping) {
    const std::string& field = entry.first;  // not a structured binding: clang 14 cannot capture those
    const std::string& header = entry.second;
    if (field_index(plan.target, field) < 0)
      return make_error(ErrorCode::invalid_argument,
                        "unknown field \"" + field + "\" for target " + target_name(plan.target));
    auto it = std::find_if(m.begin(), m.end(), [&](const auto& p) { return p.first == field; });
    if (it != m.end()) it->second = header;
    else m.emplace_back(field, header);
  }
  col.assign(fields().size(), -1);
  plan.mapping.clear();
  auto find = [&](const std::string& header) -> int {
    for (size_t i = 0; i < plan.headers.size(); ++i)
      if (plan.headers[i] == header) return static_cast<int>(i);
    std::string n = normalize_header(header);
    for (size_t i = 0; i < plan.headers.size(); ++i)
      if (normalize_header(plan.headers[i]) == n) return static_cast<int>(i);
    return -1;
  };
  std::string found;
  for (const auto& h : plan.headers) found += (found.empty() ? "" : ", ") + h;
  for (const auto& [field, header] : m) {
    if (header.empty()) continue;  // an explicit "field=" unmaps a suggestion
    int c = find(header);
    if (c < 0) return make_error(ErrorCode::invalid_argument, "no column named \"" + header + "\" for field " + field +
                                                                  "; columns found: " + found);
    col[static_cast<size_t>(field_index(plan.target, field))] = c;
    plan.mapping.emplace_back(field, plan.headers[static_cast<size_t>(c)]);
  }
  for (size_t f = 0; f < fields().size(); ++f) {
    if (fields()[f].required && col[f] < 0)
      return make_error(ErrorCode::invalid_argument,
                        "line " + std::to_string(plan.header_line) + ": no column for \"" + std::string(fields()[f].name) +
                            "\" (" + std::string(fields()[f].description) + "); columns found: " + found +
                            ". Choose it with --map " + std::string(fields()[f].name) + "=HEADER");
  }
  return Ok{};
}

// ---------------------------------------------------------------------------------------------
// Rows.

void Importer::Impl::process(const CsvRecord& r) {
  bool all_empty = std::all_of(r.fields.begin(), r.fields.end(), [](std::string_view f) { return trim(f).empty(); });
  if (all_empty && r.error.empty()) return;
  ++rows_read;
  if (!r.error.empty()) {
    errors.push_back({r.line, "", "", r.error});
    ++rejected_rows;
    return;
  }
  if (r.fields.size() > header_fields) {
    bool extras_empty = std::all_of(r.fields.begin() + static_cast<std::ptrdiff_t>(header_fields), r.fields.end(),
                                    [](std::string_view f) { return trim(f).empty(); });
    if (!extras_empty) {
      errors.push_back({r.line, "", "",
                        std::to_string(r.fields.size()) + " fields where the header has " + std::to_string(header_fields) +
                            " (an unquoted delimiter inside a value?)"});
      ++rejected_rows;
      return;
    }
  }
  if (plan.target == Target::orders) process_order_row();
  else process_table_row();
}

void Importer::Impl::process_order_row() {
  std::string_view id = unwrap_cell(cell(of_order_id));
  if (id.empty()) {
    row_error(of_order_id, "", "missing order id", RowWhy::missing);
    ++rejected_rows;
    return;
  }
  id = keep(id);
  auto it = order_index.find(id);
  SOrder* so;
  if (it == order_index.end()) {
    order_index.emplace(id, static_cast<uint32_t>(orders.size()));
    orders.emplace_back();
    so = &orders.back();
    so->o.id = std::string(id);
    so->rows.push_back({rec.line, false});
    if (!parse_order_fields(*so)) {
      so->rows.back().errored = true;
      if (!so->bad_line) so->bad_line = rec.line;
    }
  } else {
    so = &orders[it->second];
    if (one_row_per_order) {
      ++dup_rows_in_file;
      if (dup_ids_in_file.size() < kMaxDuplicateIds) dup_ids_in_file.emplace_back(id);
      return;
    }
    so->rows.push_back({rec.line, false});
    if (!check_later_row_date(*so)) {
      so->rows.back().errored = true;
      if (!so->bad_line) so->bad_line = rec.line;
    }
  }
  if (has_line_fields && !parse_line(*so)) {
    so->rows.back().errored = true;
    if (!so->bad_line) so->bad_line = rec.line;
  }
}

// Order fields come from an order's first row; a later row's order date must still parse, and
// fall on the same day (issue #10: a bad date on row 3 of an invoice was silently ignored).
// Rows a few minutes apart are normal (real exports have invoices spanning two minutes); a
// different day means the rows are not one order. An empty date on a later row is allowed
// (exports that print order fields on the first row only).
bool Importer::Impl::check_later_row_date(const SOrder& so) {
  std::string_view v = cell(of_placed_at);
  if (v.empty() || so.bad_line) return true;
  auto t = parse_datetime(v, plan.date_order);
  if (!t) {
    row_error(of_placed_at, v, t.error().message, RowWhy::bad_value);
    return false;
  }
  if (day_of(*t) != day_of(so.o.placed_at)) {
    row_error(of_placed_at, v,
              "order " + so.o.id + " is dated " + format_day(day_of(so.o.placed_at)) + " on its first row (line " +
                  std::to_string(so.rows.front().line) + ") but " + format_day(day_of(*t)) +
                  " here: the rows of one order must be of the same day",
              RowWhy::other_day);
    RowError& e = errors.back();
    e.a = so.o.id, e.b = format_day(day_of(*t)), e.c = format_day(day_of(so.o.placed_at)), e.n = so.rows.front().line;
    return false;
  }
  return true;
}

bool Importer::Impl::parse_order_fields(SOrder& so) {
  bool ok = true;
  Order& o = so.o;
  auto time_field = [&](int f, std::optional<Timestamp>& out) {
    std::string_view v = cell(f);
    if (v.empty()) return;
    auto t = parse_datetime(v, plan.date_order);
    if (!t) {
      row_error(f, v, t.error().message, RowWhy::bad_value);
      ok = false;
      return;
    }
    out = *t;
  };
  auto money_field = [&](int f, Money& out, bool* given) {
    std::string_view v = cell(f);
    if (v.empty()) return;
    auto m = parse_amount(v, opt.number);
    if (!m) {
      row_error(f, v, m.error().message, RowWhy::bad_value);
      ok = false;
      return;
    }
    out = *m;
    if (given) *given = true;
  };

  std::optional<Timestamp> placed, paid, cancelled;
  std::string_view pv = cell(of_placed_at);
  if (pv.empty()) {
    row_error(of_placed_at, "", "missing order date", RowWhy::missing);
    ok = false;
  } else {
    time_field(of_placed_at, placed);
  }
  time_field(of_paid_at, paid);
  time_field(of_cancelled_at, cancelled);
  o.placed_at = placed.value_or(0);
  o.paid_at = paid;

  // Status.
  std::string_view sv = cell(of_status);
  OrderStatus status = OrderStatus::completed;
  if (!sv.empty()) {
    auto s = map_status_word(sv);
    if (!s) {
      row_error(of_status, sv,
                "unknown order status \"" + std::string(sv) + "\" (expected pending, paid, shipped, completed, cancelled, refunded or the "
                "export's own words such as 交易成功)",
                RowWhy::bad_status);
      ok = false;
    } else {
      status = *s;
    }
  } else if (preset == PresetId::generic && col[of_status] < 0 && !paid && col[of_paid_at] >= 0) {
    status = OrderStatus::pending;  // a paid-at column that is empty: not paid
  }
  std::string fulfil = lower_ascii(cell(of_fulfillment_status));
  if (status == OrderStatus::paid && fulfil == "fulfilled") status = OrderStatus::completed;
  else if (status == OrderStatus::paid && (fulfil == "partial" || fulfil == "shipped")) status = OrderStatus::shipped;
  if (cancelled && status != OrderStatus::refunded) status = OrderStatus::cancelled;

  // Customer: id, else e-mail, else guest. "0" is WooCommerce's guest id; "17850.0" is how
  // spreadsheet tools write the UCI customer numbers.
  std::string_view cust = unwrap_cell(cell(of_customer_id));
  if (cust == "0") cust = {};
  if (preset == PresetId::online_retail && cust.size() > 2 && cust.substr(cust.size() - 2) == ".0")
    cust.remove_suffix(2);
  if (cust.empty()) {
    std::string_view email = cell(of_email);
    if (!email.empty()) cust = keep_owned(lower_ascii(email));
  }
  o.customer_id = std::string(cust);
  so.customer_name = keep(cell(of_customer_name));
  std::string_view region = cell(of_region);
  if (preset == PresetId::taobao) region = region.substr(0, region.find(' '));  // 收货地址: province first
  so.region = keep(region);
  o.region = std::string(region);  // kept on the order: guests have no customer row to hold it

  money_field(of_items_amount, o.items_amount, &so.explicit_items);
  money_field(of_discount_amount, o.discount_amount, &so.explicit_discount);
  money_field(of_shipping_amount, o.shipping_amount, nullptr);
  money_field(of_paid_amount, o.paid_amount, &so.explicit_paid);
  money_field(of_refunded_amount, so.refunded, nullptr);
  if (so.refunded < 0) {
    row_error(of_refunded_amount, cell(of_refunded_amount), "a refunded amount cannot be negative", RowWhy::negative_refund);
    ok = false;
  }
  o.coupon_code = std::string(cell(of_coupon_code));
  o.campaign_id = std::string(cell(of_campaign_id));
  o.traffic_source = std::string(cell(of_traffic_source));
  std::string_view ch = cell(of_channel);
  o.channel = ch.empty() ? std::string(preset_info(preset).channel) : std::string(ch);

  if (preset == PresetId::online_retail && (o.id[0] == 'C' || o.id[0] == 'c')) {
    so.is_return = true;
    status = OrderStatus::cancelled;
  }
  // A closed order that had been paid and carries a refund was refunded, not just closed.
  if (status == OrderStatus::cancelled && so.refunded > 0 && paid) status = OrderStatus::refunded;
  o.status = status;
  return ok;
}

bool Importer::Impl::parse_line(SOrder& so) {
  std::string_view packed = cell(of_line_items_packed);
  std::string_view sku = unwrap_cell(cell(of_sku)), title = cell(of_title), qv = cell(of_qty),
                   pv = cell(of_unit_price), tv = cell(of_line_total);
  if (sku.empty() && title.empty() && qv.empty() && pv.empty() && tv.empty()) {
    if (!packed.empty()) return parse_packed_lines(so, packed);
    return true;  // an order row without a line (Shopify's extra rows, order-only files)
  }
  bool ok = true;
  SLine l;
  l.sku = keep(sku);
  l.title = keep(title);
  if (qv.empty()) {
    row_error(of_qty, "", "missing quantity", RowWhy::missing);
    return false;
  }
  auto q = parse_count(qv, opt.number);
  if (!q) {
    row_error(of_qty, qv, q.error().message, RowWhy::bad_value);
    return false;
  }
  l.qty = *q;
  if (l.qty > 1000000000 || l.qty < -1000000000) {
    row_error(of_qty, qv, "quantity out of range", RowWhy::out_of_range);
    return false;
  }
  auto money = [&](int f, std::string_view v, Money& out) {
    auto m = parse_amount(v, opt.number);
    if (!m) {
      row_error(f, v, m.error().message, RowWhy::bad_value);
      ok = false;
      return false;
    }
    out = *m;
    return true;
  };
  if (!pv.empty()) {
    money(of_unit_price, pv, l.price);
  } else if (!tv.empty()) {
    Money total = 0;
    if (money(of_line_total, tv, total)) {
      if (l.qty == 0) {
        row_error(of_qty, qv, "quantity 0 with a line amount: no unit price can be derived", RowWhy::zero_qty_with_amount);
        ok = false;
      } else {
        l.price = div_round(total, l.qty);  // rounded half away from zero to the minor unit
      }
    }
  } else if (one_row_per_order && so.explicit_items && l.qty != 0) {
    l.price = div_round(so.o.items_amount, l.qty);  // Taobao: goods amount / quantity, rounded half away
  } else if (one_row_per_order && so.explicit_items) {
    l.price = 0;
  } else {
    row_error(of_unit_price, "", "missing unit price", RowWhy::missing);
    ok = false;
  }
  std::string_view dv = cell(of_line_discount);
  if (!dv.empty()) money(of_line_discount, dv, l.discount);
  std::string_view cv = cell(of_unit_cost);
  if (!cv.empty()) {
    Money c = 0;
    if (money(of_unit_cost, cv, c)) l.cost = c;
  }
  Money amount = 0;
  if (ok && !mul_ok(l.qty, l.price, amount)) {
    row_error(of_qty, qv, "line amount too large", RowWhy::too_large);
    ok = false;
  }
  if (ok && amount == INT64_MIN) {
    row_error(of_qty, qv, "line amount too large", RowWhy::too_large);
    ok = false;
  }
  l.kind = classify_line(preset, l.sku, l.title, opt.line_kind_rules);
  if (ok && so.is_return) {
    if (l.qty >= 0) {
      row_error(of_qty, qv, "a cancellation invoice (C...) line must have a negative quantity", RowWhy::cancel_positive_qty);
      return false;
    }
    // A returned product refunds the purchase; a cancelled fee or postage line matches no product.
    if (l.kind == LineKind::merchandise) so.returns.push_back({l.sku, -l.qty, -amount, "return " + so.o.id, so.o.placed_at});
  }
  if (ok) so.lines.push_back(l);
  return ok;
}

// WooCommerce's one-row-per-order export packs the items into one cell:
// "name:Hoodie|sku:HD-1|quantity:2|total:40.00|subtotal:45.00;name:Cap|...".
bool Importer::Impl::parse_packed_lines(SOrder& so, std::string_view packed) {
  packed = keep(packed);
  size_t start = 0;
  while (start <= packed.size()) {
    size_t end = packed.find(';', start);
    std::string_view item = packed.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? packed.size() + 1 : end + 1;
    if (trim(item).empty()) continue;
    std::string_view name, sku, qty, total, subtotal;
    size_t p = 0;
    while (p <= item.size()) {
      size_t e = item.find('|', p);
      std::string_view kv = item.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p);
      p = e == std::string_view::npos ? item.size() + 1 : e + 1;
      size_t c = kv.find(':');
      if (c == std::string_view::npos) continue;
      std::string_view k = trim(kv.substr(0, c)), v = trim(kv.substr(c + 1));
      if (k == "name") name = v;
      else if (k == "sku") sku = v;
      else if (k == "quantity") qty = v;
      else if (k == "total") total = v;
      else if (k == "subtotal") subtotal = v;
    }
    SLine l;
    l.sku = sku;
    l.title = name;
    auto q = parse_count(qty, opt.number);
    if (!q || *q == 0) {
      row_error(of_line_items_packed, item, "item without a valid quantity", RowWhy::packed_item);
      return false;
    }
    l.qty = *q;
    auto t = parse_amount(total.empty() ? subtotal : total, opt.number);
    auto st = parse_amount(subtotal.empty() ? total : subtotal, opt.number);
    if (!t || !st || l.qty > 1000000000 || l.qty < -1000000000) {
      row_error(of_line_items_packed, item, "item without a valid total", RowWhy::packed_item);
      return false;
    }
    l.price = div_round(*st, l.qty);  // rounded half away from zero to the minor unit
    if (__builtin_sub_overflow(*st, *t, &l.discount)) {
      row_error(of_line_items_packed, item, "item amounts too large", RowWhy::packed_item);
      return false;
    }
    so.lines.push_back(l);
  }
  return true;
}

void Importer::Impl::finalize_order(SOrder& so) {
  if (so.bad_line) return;
  Order& o = so.o;
  auto reject = [&](const std::string& msg) {
    errors.push_back({so.rows.front().line, header_of(of_order_id), o.id, msg});
    so.rows.front().errored = true;
    so.bad_line = so.rows.front().line;
  };
  // Zero-price lines with a negative quantity that are not a cancellation: stock written off
  // (Online Retail's "damaged", "check", "?" rows), not an order.
  so.write_off = !so.is_return && !so.lines.empty() &&
                 std::all_of(so.lines.begin(), so.lines.end(), [](const SLine& l) { return l.price == 0 && l.qty < 0; });
  if (so.write_off) return;
  Money items = 0, discount = 0, amount = 0;
  for (const SLine& l : so.lines) {
    if (!mul_ok(l.qty, l.price, amount) || !add_ok(items, amount, items) || !add_ok(discount, l.discount, discount))
      return reject("order amounts too large");
  }
  if (!so.explicit_items) o.items_amount = items;
  if (!so.explicit_discount) {
    o.discount_amount = discount;
    // Taobao gives goods, postage and what was paid: the difference is the discount.
    if (preset == PresetId::taobao && so.explicit_paid && is_valid_order(o.status)) {
      Money d = 0;
      if (!add_ok(o.items_amount, o.shipping_amount, d) || __builtin_sub_overflow(d, o.paid_amount, &d))
        return reject("order amounts too large");
      o.discount_amount = d > 0 ? d : 0;
    }
  }
  if (!so.explicit_paid) {
    Money p = 0;
    if (!add_ok(o.items_amount, o.shipping_amount, p) || __builtin_sub_overflow(p, o.discount_amount, &p))
      return reject("order amounts too large");
    o.paid_amount = so.is_return ? 0 : p;
  }
  if (!o.paid_at && is_valid_order(o.status)) o.paid_at = o.placed_at;  // paid when placed, unless told
  if (so.refunded > 0)
    so.refunds.push_back({{}, 0, so.refunded, plan.format + " export: refunded amount", o.paid_at.value_or(o.placed_at)});
}

void Importer::Impl::process_table_row() {
  TRow row{rec.line, {}};
  row.vals.reserve(tcols.size());
  bool ok = true;
  TableSpec spec = table_spec(plan.target);
  for (size_t i = 0; i < tcols.size(); ++i) {
    int f = tfield[i];
    std::string_view v = cell(f);
    const FieldInfo& fi = fields()[static_cast<size_t>(f)];
    bool key = contains(spec.key, fi.column);
    if (v.empty()) {
      if (fi.column == spec.default_key) {
        row.vals.emplace_back(std::string_view("all"));
      } else if (key || fi.required) {
        row_error(f, "", "missing " + std::string(fi.description), RowWhy::missing);
        ok = false;
        row.vals.emplace_back(std::monostate{});
      } else if (contains(spec.nullable, fi.column)) {
        row.vals.emplace_back(std::monostate{});
      } else if (fi.kind == FieldKind::text || fi.kind == FieldKind::id) {
        row.vals.emplace_back(kEmpty);
      } else if (fi.kind == FieldKind::real) {
        row.vals.emplace_back(0.0);
      } else {
        row.vals.emplace_back(int64_t{0});
      }
      continue;
    }
    auto bad = [&](const Error& e) {
      row_error(f, v, e.message, RowWhy::bad_value);
      ok = false;
      row.vals.emplace_back(std::monostate{});
    };
    switch (fi.kind) {
      case FieldKind::id: row.vals.emplace_back(keep(unwrap_cell(v))); break;
      case FieldKind::text:
      case FieldKind::status: row.vals.emplace_back(keep(v)); break;
      case FieldKind::money: {
        auto m = parse_amount(v, opt.number);
        if (m) row.vals.emplace_back(*m); else bad(m.error());
        break;
      }
      case FieldKind::count: {
        auto m = parse_count(v, opt.number);
        if (m) row.vals.emplace_back(*m); else bad(m.error());
        break;
      }
      case FieldKind::real: {
        auto m = parse_real(v, opt.number);
        if (m) row.vals.emplace_back(*m); else bad(m.error());
        break;
      }
      case FieldKind::day: {
        auto m = parse_date(v, plan.date_order);
        if (m) row.vals.emplace_back(static_cast<int64_t>(*m)); else bad(m.error());
        break;
      }
      case FieldKind::time: {
        auto m = parse_datetime(v, plan.date_order);
        if (m) row.vals.emplace_back(*m); else bad(m.error());
        break;
      }
    }
  }
  if (!ok) {
    ++rejected_rows;
    return;
  }
  trows.push_back(std::move(row));
}

ImportProgress Importer::Impl::step(int64_t max_rows) {
  if (begun && !cancelled && !done) {
    for (int64_t i = 0; i < max_rows; ++i) {
      if (!reader->next(rec)) {
        done = true;
        break;
      }
      process(rec);
    }
    if (done && plan.target == Target::orders)
      for (SOrder& so : orders) finalize_order(so);
  }
  return progress();
}

// ---------------------------------------------------------------------------------------------
// commit: one transaction held open across commit_step() calls.
//
// Units of work (the budget of a step and the commit's share of the progress): an order with
// its lines and refunds counts 1 + lines + refunds, a customer or product row 1, a cancellation
// to match 1, a row of another target 1.

struct Importer::Impl::Commit {
  enum class Phase { orders, customers, products, returns, table, finish };
  Store* store = nullptr;
  Phase phase = Phase::orders;
  ImportReport rep;
  std::unique_ptr<Writer> w;
  std::optional<Stmt> line_st, cins, cupd, pins, pupd, match, ins, same, order_exists;
  int order_col = -1;
  size_t cursor = 0, sub = 0;
  struct Cust {
    std::string_view name, region;
    Day first;
  };
  struct Prod {
    std::string_view title;
    Money price;
  };
  std::unordered_map<std::string_view, Cust> custs;
  std::unordered_map<std::string_view, Prod> prods;
  std::vector<std::pair<std::string_view, Cust>> cust_list;
  std::vector<std::pair<std::string_view, Prod>> prod_list;
  std::vector<const SOrder*> with_returns;
  int64_t units_done = 0, units_total = 0;
};

namespace {
Status prepare_into(Db& db, std::optional<Stmt>& out, const std::string& sql) {
  auto s = db.prepare(sql);
  if (!s) return s.error();
  out = std::move(*s);
  return Ok{};
}
}  // namespace

Importer::Impl::~Impl() { abort_commit(); }

ImportProgress Importer::Impl::progress() const {
  ImportProgress p;
  p.rows_read = rows_read;
  p.bytes_total = static_cast<int64_t>(text.size());
  p.bytes_done = done || !reader || cancelled ? p.bytes_total : static_cast<int64_t>(reader->offset());
  p.done = done || cancelled || !begun;
  if (commit_state) {
    p.committing = true;
    p.units_done = commit_state->units_done;
    p.units_total = commit_state->units_total;
  }
  double write = p.units_total > 0 ? std::min(1.0, static_cast<double>(p.units_done) / static_cast<double>(p.units_total)) : 0.0;
  double f = kReadShare * p.read_fraction() + (1.0 - kReadShare) * write;
  if (f > last_fraction) last_fraction = f;
  p.overall = last_fraction;
  return p;
}

Status Importer::Impl::begin_commit(Store& store) {
  if (cancelled) return make_error(ErrorCode::cancelled, "the import was cancelled");
  if (!begun) return make_error(ErrorCode::invalid_argument, "begin() the import first");
  if (commit_state) return make_error(ErrorCode::conflict, "the import is already being saved");
  while (!done) step(1 << 20);
  const std::string file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  auto c = std::make_unique<Commit>();
  c->rep.file = file;
  c->rep.format = plan.format;
  c->rep.target = target_name(plan.target);
  c->rep.encoding = plan.encoding;
  c->rep.rows_read = rows_read;
  bool anything = plan.target == Target::orders
                      ? std::any_of(orders.begin(), orders.end(), [](const SOrder& s) { return !s.bad_line; })
                      : !trows.empty();
  if (!anything) {
    finish_counts(c->rep);
    return nothing_error(c->rep);
  }
  if (plan.target == Target::orders) {
    c->phase = Commit::Phase::orders;
    for (const SOrder& so : orders)
      if (!so.bad_line)
        c->units_total += 1 + static_cast<int64_t>(so.lines.size() + so.refunds.size() + so.returns.size());
  } else {
    c->phase = Commit::Phase::table;
    c->units_total = static_cast<int64_t>(trows.size());
  }
  if (auto st = store.begin_transaction(); !st) return not_saved(st.error());
  c->store = &store;
  // A big import dirties more pages than the page cache holds; spilling them mid-transaction
  // would write the database files (and sync the journal) before COMMIT. Keep them in memory
  // until COMMIT (the staging already is): the files keep their committed content meanwhile.
  (void)store.db().exec("PRAGMA cache_spill=OFF");
  c->w = std::make_unique<Writer>(store.db());
  Db& db = store.db();
  Status st = Ok{};
  if (plan.target == Target::orders) {
    st = prepare_into(db, c->line_st,
                      "INSERT OR REPLACE INTO order_lines(order_id,line_no,sku,title,qty,unit_price,discount_amount,"
                      "unit_cost,kind) VALUES(?,?,?,?,?,?,?,?,?)");
  } else {
    st = prepare_table(*c);
  }
  commit_state = std::move(c);
  if (!st) return fail_commit(st.error());
  return Ok{};
}

Status Importer::Impl::prepare_table(Commit& c) {
  Db& db = c.store->db();
  TableSpec spec = table_spec(plan.target);
  std::string cols, qs, sets, diffs;
  for (size_t i = 0; i < tcols.size(); ++i) {
    std::string col_name(tcols[i]);
    cols += (i ? "," : "") + col_name;
    qs += (i ? ",?" : "?");
    if (contains(spec.key, tcols[i])) continue;
    sets += (sets.empty() ? "" : ",") + col_name + "=excluded." + col_name;
    diffs += (diffs.empty() ? "" : " OR ") + std::string(spec.table) + "." + col_name + " IS NOT excluded." + col_name;
  }
  std::string sql = "INSERT INTO " + std::string(spec.table) + "(" + cols + ") VALUES(" + qs + ")";
  if (!spec.key.empty()) {
    std::string keys;
    for (auto k : spec.key) keys += (keys.empty() ? "" : ",") + std::string(k);
    sql += sets.empty() ? " ON CONFLICT(" + keys + ") DO NOTHING"
                        : " ON CONFLICT(" + keys + ") DO UPDATE SET " + sets + " WHERE " + diffs;
  }
  if (auto st = prepare_into(db, c.ins, sql); !st) return st;
  // Refunds have no natural key: an identical row already present is a duplicate.
  if (spec.key.empty()) {
    std::string where;
    for (size_t i = 0; i < tcols.size(); ++i)
      where += (i ? " AND " : "") + std::string(tcols[i]) + " IS ?" + std::to_string(i + 1);
    if (auto st = prepare_into(db, c.same, "SELECT 1 FROM refunds WHERE " + where + " LIMIT 1"); !st) return st;
  }
  // Lines and refunds must belong to an order in the store.
  for (size_t i = 0; i < tcols.size(); ++i)
    if (tcols[i] == "order_id") c.order_col = static_cast<int>(i);
  if (c.order_col >= 0)
    if (auto st = prepare_into(db, c.order_exists, "SELECT 1 FROM orders WHERE id=?"); !st) return st;
  return Ok{};
}

// Writes up to `budget` units of the orders phase.
Status Importer::Impl::write_orders(Commit& c, int64_t budget) {
  ImportReport& rep = c.rep;
  Writer& w = *c.w;
  int64_t spent = 0;
  while (c.cursor < orders.size() && spent < budget) {
    const SOrder& so = orders[c.cursor++];
    if (so.bad_line) continue;
    if (so.write_off) {
      ++rep.stock_write_offs;
      rep.stock_write_off_rows += static_cast<int64_t>(so.rows.size());
      for (const SLine& l : so.lines) rep.stock_write_off_units -= l.qty;
      c.units_done += 1 + static_cast<int64_t>(so.lines.size());
      continue;
    }
    int64_t units = 1 + static_cast<int64_t>(so.lines.size() + so.refunds.size());
    spent += units;
    c.units_done += units;
    auto added = w.add_order(so.o);
    if (!added) return added.error();
    int64_t nrows = static_cast<int64_t>(so.rows.size());
    if (!*added) {
      c.units_done += static_cast<int64_t>(so.returns.size());  // not matched: nothing of it is written
      rep.rows_skipped_duplicate += nrows;
      if (rep.duplicate_ids.size() < kMaxDuplicateIds) rep.duplicate_ids.push_back(so.o.id);
      continue;
    }
    ++rep.orders_imported;
    rep.rows_imported += nrows;
    int32_t no = 0;
    Stmt& s = *c.line_st;
    for (const SLine& l : so.lines) {
      s.bind(1, so.o.id).bind(2, ++no).bind(3, l.sku).bind(4, l.title).bind(5, l.qty).bind(6, l.price);
      s.bind(7, l.discount).bind(8, l.kind == LineKind::merchandise ? l.cost : std::nullopt);
      s.bind(9, static_cast<int64_t>(l.kind));
      if (auto st = s.run(); !st) return st;
      ++rep.lines_imported;
      ++rep.lines_by_kind[static_cast<size_t>(l.kind)];
      // Postage, fees and adjustments are not products: no catalogue entry for them.
      if (l.kind == LineKind::merchandise && !l.sku.empty() && !c.prods.count(l.sku))
        c.prods.emplace(l.sku, Commit::Prod{l.title, l.price});
    }
    for (const SRefund& r : so.refunds) {
      Refund rf{so.o.id, std::string(r.sku), r.qty, r.amount, r.reason, r.at};
      if (auto st = w.put(rf); !st) return st;
      ++rep.refunds_imported;
    }
    if (!so.o.customer_id.empty()) {
      std::string_view cid = so.o.customer_id;
      Day d = day_of(so.o.placed_at);
      auto it = c.custs.find(cid);
      if (it == c.custs.end()) c.custs.emplace(cid, Commit::Cust{so.customer_name, so.region, d});
      else if (d < it->second.first) it->second.first = d;
    }
    if (!so.returns.empty()) c.with_returns.push_back(&so);
  }
  if (c.cursor < orders.size()) return Ok{};
  // Customers and products seen in the new orders: added when missing; an existing row only
  // gains what it lacked (an earlier first order, an empty name or region, an empty title).
  // Written in key order (the primary key's order: cheaper inserts, and the same on every platform).
  c.cust_list.assign(c.custs.begin(), c.custs.end());
  c.prod_list.assign(c.prods.begin(), c.prods.end());
  c.custs.clear();
  c.prods.clear();
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(c.cust_list.begin(), c.cust_list.end(), by_key);
  std::sort(c.prod_list.begin(), c.prod_list.end(), by_key);
  c.units_total += static_cast<int64_t>(c.cust_list.size() + c.prod_list.size());
  Db& db = c.store->db();
  if (auto st = prepare_into(db, c.cins, "INSERT OR IGNORE INTO customers(id,name,region,joined_on,channel) VALUES(?,?,?,?,?)"); !st) return st;
  if (auto st = prepare_into(db, c.cupd,
                             "UPDATE customers SET name=CASE WHEN name='' THEN ?2 ELSE name END, region=CASE WHEN region='' "
                             "THEN ?3 ELSE region END, joined_on=CASE WHEN joined_on IS NULL OR joined_on>?4 THEN ?4 ELSE "
                             "joined_on END WHERE id=?1");
      !st)
    return st;
  if (auto st = prepare_into(db, c.pins, "INSERT OR IGNORE INTO products(sku,title,list_price) VALUES(?,?,?)"); !st) return st;
  if (auto st = prepare_into(db, c.pupd, "UPDATE products SET title=?2 WHERE sku=?1 AND title='' AND ?2<>''"); !st) return st;
  c.phase = Commit::Phase::customers;
  c.cursor = 0;
  return Ok{};
}

Status Importer::Impl::write_customers(Commit& c, int64_t budget) {
  Db& db = c.store->db();
  std::string channel(preset_info(preset).channel);
  for (int64_t spent = 0; c.cursor < c.cust_list.size() && spent < budget; ++spent, ++c.units_done) {
    const auto& [id, cu] = c.cust_list[c.cursor++];
    c.cins->bind(1, id).bind(2, cu.name).bind(3, cu.region).bind(4, static_cast<int64_t>(cu.first)).bind(5, channel);
    if (auto st = c.cins->run(); !st) return st;
    if (db.changes() > 0) {
      ++c.rep.customers_added;
      continue;
    }
    c.cupd->bind(1, id).bind(2, cu.name).bind(3, cu.region).bind(4, static_cast<int64_t>(cu.first));
    if (auto st = c.cupd->run(); !st) return st;
  }
  if (c.cursor == c.cust_list.size()) c.phase = Commit::Phase::products, c.cursor = 0;
  return Ok{};
}

Status Importer::Impl::write_products(Commit& c, int64_t budget) {
  Db& db = c.store->db();
  for (int64_t spent = 0; c.cursor < c.prod_list.size() && spent < budget; ++spent, ++c.units_done) {
    const auto& [sku, p] = c.prod_list[c.cursor++];
    c.pins->bind(1, sku).bind(2, p.title).bind(3, p.price);
    if (auto st = c.pins->run(); !st) return st;
    if (db.changes() > 0) {
      ++c.rep.products_added;
      continue;
    }
    c.pupd->bind(1, sku).bind(2, p.title);
    if (auto st = c.pupd->run(); !st) return st;
  }
  if (c.cursor < c.prod_list.size()) return Ok{};
  c.phase = Commit::Phase::returns;
  c.cursor = 0;
  c.sub = 0;
  if (c.with_returns.empty()) return Ok{};
  // Online Retail cancellations refund the customer's latest earlier purchase of the same SKU
  // (in this file or already in the store). Guests and purchases before the data cannot be
  // matched: those stay only as the cancelled "C" order and are counted as unmatched.
  // The unary + keeps SQLite on the customer's orders and each order's own lines; left to
  // itself it walks every line of the SKU (or every earlier order) for each return, which
  // grows with the square of the store.
  return prepare_into(db, c.match,
                      "SELECT o.id FROM orders o WHERE o.customer_id=?1 AND +o.placed_at<=?2 AND o.status<>4 AND "
                      "o.id<>?3 AND EXISTS(SELECT 1 FROM order_lines l WHERE l.order_id=o.id AND +l.sku=?4) ORDER BY "
                      "+o.placed_at DESC, o.id DESC LIMIT 1");
}

Status Importer::Impl::write_returns(Commit& c, int64_t budget) {
  int64_t spent = 0;
  while (c.cursor < c.with_returns.size() && spent < budget) {
    const SOrder* so = c.with_returns[c.cursor];
    if (c.sub >= so->returns.size()) {
      ++c.cursor;
      c.sub = 0;
      continue;
    }
    const SRefund& r = so->returns[c.sub++];
    ++spent;
    ++c.units_done;
    std::string target;
    if (!so->o.customer_id.empty()) {
      c.match->bind(1, so->o.customer_id).bind(2, so->o.placed_at).bind(3, so->o.id).bind(4, r.sku);
      if (c.match->step()) target = c.match->text(0);
      if (c.match->failed()) return make_error(ErrorCode::db_error, c.match->error());
      c.match->reset();
    }
    if (target.empty()) {
      ++c.rep.returns_unmatched;
      continue;
    }
    Refund rf{target, std::string(r.sku), r.qty, r.amount, r.reason, r.at};
    if (auto st = c.w->put(rf); !st) return st;
    ++c.rep.refunds_imported;
  }
  if (c.cursor >= c.with_returns.size()) c.phase = Commit::Phase::finish;
  return Ok{};
}

Status Importer::Impl::write_table(Commit& c, int64_t budget) {
  Db& db = c.store->db();
  ImportReport& rep = c.rep;
  auto bind_all = [&](Stmt& s, const TRow& r) {
    for (size_t i = 0; i < r.vals.size(); ++i) {
      int k = static_cast<int>(i + 1);
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) s.bind_null(k);
            else s.bind(k, v);
          },
          r.vals[i]);
    }
  };
  for (int64_t spent = 0; c.cursor < trows.size() && spent < budget; ++spent, ++c.units_done) {
    const TRow& r = trows[c.cursor++];
    if (c.order_exists) {
      auto id = std::get_if<std::string_view>(&r.vals[static_cast<size_t>(c.order_col)]);
      c.order_exists->bind(1, id ? *id : std::string_view());
      bool found = c.order_exists->step();
      c.order_exists->reset();
      if (!found) {
        errors.push_back({r.line, header_of(tfield[static_cast<size_t>(c.order_col)]), std::string(id ? *id : ""),
                          "no order with this id in the store (import the orders first)"});
        ++rejected_rows;
        continue;
      }
    }
    if (c.same) {
      bind_all(*c.same, r);
      bool exists = c.same->step();
      c.same->reset();
      if (exists) {
        ++rep.rows_skipped_duplicate;
        continue;
      }
    }
    bind_all(*c.ins, r);
    if (auto st = c.ins->run(); !st) return st;
    if (db.changes() > 0) ++rep.rows_imported;
    else ++rep.rows_skipped_duplicate;  // present and unchanged
  }
  if (c.cursor == trows.size()) c.phase = Commit::Phase::finish;
  return Ok{};
}

Status Importer::Impl::write_log(Commit& c) {
  const ImportReport& rep = c.rep;
  auto st = c.store->db().prepare(
      "INSERT INTO import_log(at,file,format,rows_read,rows_imported,rows_rejected,report) VALUES(?,?,?,?,?,?,?)");
  if (!st) return st.error();
  st->bind(1, opt.now ? opt.now : local_now()).bind(2, rep.file).bind(3, rep.format).bind(4, rep.rows_read);
  st->bind(5, rep.rows_imported).bind(6, rep.rows_rejected).bind(7, report_to_json(rep).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return st->run();
}

void Importer::Impl::finish_counts(ImportReport& rep) {
  // Rows of rejected orders are listed too, pointing at the row that sank them.
  int64_t rejected = rejected_rows;
  for (const SOrder& so : orders) {
    if (!so.bad_line) continue;
    for (const SRow& r : so.rows) {
      ++rejected;
      if (r.errored) continue;
      errors.push_back({r.line, header_of(of_order_id), so.o.id,
                        "rejected with its order: line " + std::to_string(so.bad_line) + " of order " + so.o.id +
                            " has an error"});
      errors.back().why = RowWhy::rejected_with_order;
      errors.back().field = "order_id";
      errors.back().a = so.o.id;
      errors.back().n = so.bad_line;
    }
  }
  rep.rows_rejected = rejected;
  rep.rows_skipped_duplicate += dup_rows_in_file;
  for (const auto& id : dup_ids_in_file)
    if (rep.duplicate_ids.size() < kMaxDuplicateIds) rep.duplicate_ids.push_back(id);
  std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) { return a.line < b.line; });
  rep.errors = errors;
}

Error Importer::Impl::nothing_error(const ImportReport& rep) const {
  const std::string file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  // Name the root cause: the first error that is not a row sunk by another row of its order.
  auto root = std::find_if(rep.errors.begin(), rep.errors.end(),
                           [](const RowError& e) { return e.message.rfind("rejected with its order", 0) != 0; });
  std::string why = rep.errors.empty() ? file + ": no data rows after the header"
                                       : describe_error(file, root != rep.errors.end() ? *root : rep.errors.front());
  if (rep.rows_rejected > 1) why += " (and " + std::to_string(rep.rows_rejected - 1) + " more rejected rows)";
  return make_error(ErrorCode::parse_error, "nothing imported: " + why);
}

Error Importer::Impl::not_saved(const Error& e) const {
  const std::string file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  return make_error(e.code, file + ": the import was not saved: " + e.message);
}

// Rolls the open transaction back; the importer is spent (its staging is dropped).
void Importer::Impl::abort_commit() {
  if (!commit_state) return;
  Store* store = commit_state->store;
  commit_state.reset();  // statements finalized before ROLLBACK
  if (store && store->in_transaction()) {
    (void)store->end_transaction(false);
    (void)store->db().exec("PRAGMA cache_spill=ON");
  }
  cancelled = true;
  orders.clear();
  order_index.clear();
  trows.clear();
}

Error Importer::Impl::fail_commit(const Error& e) {
  abort_commit();
  return not_saved(e);
}

Result<std::optional<ImportReport>> Importer::Impl::commit_step(int64_t budget) {
  if (!commit_state) {
    if (cancelled) return make_error(ErrorCode::cancelled, "the import was cancelled");
    return make_error(ErrorCode::invalid_argument, "begin_commit() first");
  }
  Commit& c = *commit_state;
  if (budget < 1) budget = 1;
  // A phase that ends with budget left hands the rest to the next one.
  const int64_t start = c.units_done;
  while (c.phase != Commit::Phase::finish) {
    int64_t left = budget - (c.units_done - start);
    if (left <= 0) break;
    Commit::Phase before = c.phase;
    Status st = Ok{};
    switch (c.phase) {
      case Commit::Phase::orders: st = write_orders(c, left); break;
      case Commit::Phase::customers: st = write_customers(c, left); break;
      case Commit::Phase::products: st = write_products(c, left); break;
      case Commit::Phase::returns: st = write_returns(c, left); break;
      case Commit::Phase::table: st = write_table(c, left); break;
      case Commit::Phase::finish: break;
    }
    if (!st) return fail_commit(st.error());
    if (c.phase == before) break;  // the budget ran out inside the phase
  }
  if (c.phase != Commit::Phase::finish) return std::optional<ImportReport>();
  // Everything written: the report, the log entry in the same transaction, then COMMIT.
  finish_counts(c.rep);
  if (c.rep.rows_imported + c.rep.rows_skipped_duplicate == 0) {
    Error e = nothing_error(c.rep);
    abort_commit();
    return e;
  }
  if (auto s = write_log(c); !s) return fail_commit(s.error());
  Store* store = c.store;
  ImportReport rep = std::move(c.rep);
  commit_state.reset();  // statements finalized before COMMIT
  Status done_st = store->end_transaction(true);
  (void)store->db().exec("PRAGMA cache_spill=ON");
  orders.clear();
  order_index.clear();
  trows.clear();
  cancelled = true;  // staged data is gone; a second commit would import nothing
  if (!done_st) return not_saved(done_st.error());
  return std::optional<ImportReport>(std::move(rep));
}

Result<ImportReport> Importer::Impl::commit(Store& store) {
  if (auto st = begin_commit(store); !st) return st.error();
  for (;;) {
    auto r = commit_step(INT64_MAX);
    if (!r) return r.error();
    if (*r) return std::move(**r);
  }
}
// ---------------------------------------------------------------------------------------------

Importer::Importer() : impl_(std::make_unique<Impl>()) {}
Importer::~Importer() = default;
Importer::Importer(Importer&&) noexcept = default;
Importer& Importer::operator=(Importer&&) noexcept = default;

Status Importer::begin(std::string bytes, ImportOptions options) {
  impl_ = std::make_unique<Impl>();
  return impl_->begin(std::move(bytes), std::move(options));
}
ImportProgress Importer::step(int64_t max_rows) { return impl_->step(max_rows); }
ImportProgress Importer::progress() const { return impl_->progress(); }
Result<ImportReport> Importer::commit(Store& store) { return impl_->commit(store); }
Status Importer::begin_commit(Store& store) { return impl_->begin_commit(store); }
Result<std::optional<ImportReport>> Importer::commit_step(int64_t max_units) { return impl_->commit_step(max_units); }
bool Importer::committing() const { return impl_->commit_state != nullptr; }
void Importer::cancel() {
  impl_->abort_commit();
  impl_->cancelled = true;
  impl_->orders.clear();
  impl_->order_index.clear();
  impl_->trows.clear();
}
const ImportPlan& Importer::plan() const { return impl_->plan; }

std::string describe_error(const std::string& file, const RowError& e) {
  std::string s = file;
  if (e.line > 0) s += " line " + std::to_string(e.line);
  if (!e.column.empty()) s += ", column " + e.column;
  return s + ": " + e.message;
}

nlohmann::ordered_json report_to_json(const ImportReport& r) {
  nlohmann::ordered_json j;
  j["file"] = r.file;
  j["format"] = r.format;
  j["target"] = r.target;
  j["encoding"] = r.encoding;
  j["rows_read"] = r.rows_read;
  j["rows_imported"] = r.rows_imported;
  j["rows_skipped_duplicate"] = r.rows_skipped_duplicate;
  j["rows_rejected"] = r.rows_rejected;
  j["orders_imported"] = r.orders_imported;
  j["lines_imported"] = r.lines_imported;
  j["refunds_imported"] = r.refunds_imported;
  j["returns_unmatched"] = r.returns_unmatched;
  j["customers_added"] = r.customers_added;
  j["products_added"] = r.products_added;
  j["shipping_lines"] = r.lines_by_kind[static_cast<size_t>(LineKind::shipping)];
  j["fee_lines"] = r.lines_by_kind[static_cast<size_t>(LineKind::fee)];
  j["adjustment_lines"] = r.lines_by_kind[static_cast<size_t>(LineKind::adjustment)];
  j["stock_write_offs"] = r.stock_write_offs;
  j["stock_write_off_units"] = r.stock_write_off_units;
  j["duplicate_ids"] = r.duplicate_ids;
  nlohmann::ordered_json errs = nlohmann::ordered_json::array();
  for (const auto& e : r.errors)
    errs.push_back({{"line", e.line}, {"column", e.column}, {"value", e.value}, {"message", e.message}});
  j["errors"] = std::move(errs);
  return j;
}

std::string report_errors_csv(const ImportReport& r) {
  Table t;
  t.columns = {"line", "column", "value", "message"};
  t.rows.reserve(r.errors.size());
  for (const auto& e : r.errors) t.rows.push_back({Cell::integer(e.line), Cell::text(e.column), Cell::text(e.value), Cell::text(e.message)});
  return to_csv(t);
}

Result<ImportReport> import_file(Store& store, const std::string& path, ImportOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::io_error, path + ": cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (options.file_name.empty()) {
    size_t slash = path.find_last_of('/');
    options.file_name = slash == std::string::npos ? path : path.substr(slash + 1);
  }
  Importer imp;
  if (auto st = imp.begin(ss.str(), std::move(options)); !st) return st.error();
  return imp.commit(store);
}

}  // namespace shopkeeper
