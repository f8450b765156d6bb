// Importer, reading half: begin() decodes the bytes, finds the header, chooses the preset and the
// columns and builds the plan; step() parses rows into staging memory (orders with their lines
// and refunds, or rows of another table), every rejected row listed.
#include "core/io/importer_impl.h"

#include <cstring>

#include "core/io/sniff.h"
#include "core/io/spreadsheet.h"

namespace shopkeeper {

namespace {
bool looks_like_workbook_name(const std::string& file) {
  std::string f = file;
  for (char& ch : f) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* ext : {".xlsx", ".xlsm", ".xls"})
    if (f.size() >= std::strlen(ext) && f.compare(f.size() - std::strlen(ext), std::string::npos, ext) == 0) return true;
  return false;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// begin: decode, find the header, choose the preset and the columns.

// Long on purpose (over ~120 lines): the steps of reading a file's start in order (decode, delimiter,
// header row, preset, columns, date format, preview), each needing what the one before found.
Status Importer::Impl::begin(std::string bytes, ImportOptions o) {
  opt = std::move(o);
  const std::string& file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  refusal = {};
  input_issue = {};
  auto fail = [&](FileRefusal r) { return Status(refuse(ErrorCode::parse_error, std::move(r))); };
  // The store's zone: times written with an offset are converted into it (core/tz/zone.h).
  if (auto z = tz::Zone::find(opt.timezone.empty() ? tz::kDefaultZone : opt.timezone)) zone = std::move(*z);
  else return Status(make_error(ErrorCode::invalid_argument, file + ": " + z.error().message));
  std::optional<PresetId> forced;
  if (opt.format != "auto" && !opt.format.empty()) {
    forced = preset_from_name(opt.format);
    if (!forced)
      return fail({FileWhy::unknown_format, 0, opt.format});
  }
  // A header row is recognized when a preset (the forced one) or the given mapping knows it.
  auto recognizes = [&](const std::vector<std::string>& row) {
    std::vector<std::string> h;
    for (const auto& f : row) h.emplace_back(trim(f));
    if (forced ? *forced != PresetId::generic && detect_preset(h) == *forced : detect_preset(h) != PresetId::generic)
      return true;
    return !opt.mapping.empty() && std::all_of(opt.mapping.begin(), opt.mapping.end(), [&](const auto& m) {
      return std::any_of(h.begin(), h.end(), [&](const std::string& x) { return normalize_header(x) == normalize_header(m.second); });
    });
  };
  // A workbook becomes CSV text with one line per sheet row (core/io/spreadsheet.h).
  if (FileKind kind = sniff_file(bytes); kind == FileKind::xlsx || kind == FileKind::xls || kind == FileKind::zip) {
    InputIssue why;
    auto wb = read_workbook(bytes, file, &why);
    if (wb || kind != FileKind::zip || looks_like_workbook_name(file)) {
      auto refused = [&](const Error& e) {
        input_issue = std::move(why);
        return Status(e);
      };
      if (!wb) return refused(wb.error());
      auto sd = read_sheet(*wb, bytes, opt.sheet, &why);
      if (!sd) return refused(sd.error());
      auto sc = sheet_to_csv(*sd, file, recognizes, &why);
      if (!sc) return refused(sc.error());
      for (const auto& s : wb->sheets) plan.sheets.push_back(s.name);
      plan.sheet = sc->sheet;
      plan.hidden_rows = std::move(sc->hidden_rows);
      line_rows = std::move(sc->line_rows);
      bytes = std::move(sc->csv);
      opt.encoding = "utf-8";
      opt.delimiter = ',';
    }
  }
  FileRefusal why;
  auto dec = decode_text(bytes, opt.encoding, &why);
  if (!dec) return fail(why.empty() ? FileRefusal{FileWhy::other, 0, dec.error().message} : why);
  bytes.clear();
  bytes.shrink_to_fit();
  text = std::move(dec->text);
  plan.encoding = dec->encoding;
  plan.delimiter = opt.delimiter ? opt.delimiter : detect_delimiter(text);
  if (plan.delimiter != ',' && plan.delimiter != ';' && plan.delimiter != '\t' && plan.delimiter != '|')
    return fail({FileWhy::bad_delimiter});

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
    if (!r.error.empty() && firsts.size() == 1)
      return fail({r.bad, r.line, "", r.bad == FileWhy::cut_off ? std::to_string(r.open_line) : std::string()});
  }
  if (firsts.empty()) return fail({FileWhy::empty});
  size_t hi = 0;
  for (size_t i = 0; i < firsts.size(); ++i) {
    if (recognizes(firsts[i])) {
      hi = i;
      break;
    }
  }
  plan.headers = firsts[hi];
  plan.header_line = row_of(first_lines[hi]);
  header_fields = plan.headers.size();
  preset = forced ? *forced : detect_preset(plan.headers);
  plan.format = std::string(preset_info(preset).name);

  if (preset == PresetId::generic) {
    std::string t = opt.target.empty() ? "orders" : opt.target;
    auto tg = target_from_name(t);
    if (!tg) return fail({FileWhy::unknown_target, 0, t});
    plan.target = *tg;
  } else {
    plan.target = preset_info(preset).target;
    if (!opt.target.empty() && target_from_name(opt.target) != plan.target)
      return fail({FileWhy::format_orders_only, 0, plan.format, opt.target,
                   plan.target == Target::orders ? std::string() : std::string(target_name(plan.target))});
  }
  // A report from a platform no preset knows: refused by name rather than read as orders.
  if (!forced && preset == PresetId::generic && opt.target.empty() && opt.mapping.empty() &&
      looks_like_report(plan.headers)) {
    std::string s;
    for (const auto& h : plan.headers) s += (s.empty() ? "" : ", ") + h;
    return fail({FileWhy::unknown_report, 0, "", "", s});
  }
  Mapping base = preset == PresetId::generic ? suggest_mapping(plan.target, plan.headers)
                                             : preset_mapping(preset, plan.headers);
  if (auto st = resolve_columns(base); !st) return fail(refusal);

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
      return fail({FileWhy::no_qty_column, 0, "", "", [&] {
                     std::string s;
                     for (const auto& h : plan.headers) s += (s.empty() ? "" : ", ") + h;
                     return s;
                   }()});
  } else {
    TableSpec spec = table_spec(plan.target);
    for (size_t f = 0; f < fields().size(); ++f) {
      if (col[f] < 0 && fields()[f].column != spec.default_key) continue;
      tcols.push_back(fields()[f].column);
      tkinds.push_back(fields()[f].kind);
      tfield.push_back(static_cast<int>(f));
    }
    // The shop the rows belong to (ImportOptions::shop_id), a key column of the traffic tables.
    if (contains(spec.key, "shop_id")) {
      tcols.push_back("shop_id");
      tkinds.push_back(FieldKind::count);
      tfield.push_back(-1);
    }
  }
  begun = true;
  return Ok{};
}

// Fails with the refusal recorded (begin() adds the file name to the message).
Status Importer::Impl::resolve_columns(const Mapping& base) {
  auto refuse_column = [&](FileRefusal r) {
    refusal = std::move(r);
    return Status(make_error(ErrorCode::invalid_argument, refusal_en(refusal)));
  };
  Mapping m = base;
  for (const auto& entry : opt.mapping) {
    const std::string& field = entry.first;  // not a structured binding: clang 14 cannot capture those
    const std::string& header = entry.second;
    if (field_index(plan.target, field) < 0)
      return refuse_column({FileWhy::unknown_field, 0, field, std::string(target_name(plan.target))});
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
    if (c < 0) return refuse_column({FileWhy::no_such_column, 0, header, field, found});
    col[static_cast<size_t>(field_index(plan.target, field))] = c;
    plan.mapping.emplace_back(field, plan.headers[static_cast<size_t>(c)]);
  }
  for (size_t f = 0; f < fields().size(); ++f) {
    if (fields()[f].required && col[f] < 0)
      return refuse_column({FileWhy::missing_column, plan.header_line, std::string(fields()[f].name),
                            std::string(fields()[f].description), found});
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
    errors.back().why = r.bad == FileWhy::cut_off ? RowWhy::cut_off : RowWhy::bad_quote;
    errors.back().n = r.open_line;
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
      errors.back().why = RowWhy::too_many_fields;
      errors.back().n = static_cast<int64_t>(r.fields.size());
      errors.back().a = std::to_string(header_fields);
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
  if (v.empty() || so.bad_line || v == so.placed_text) return true;  // the same text parses to the same day
  std::string bad_zone;
  auto t = parse_datetime(v, plan.date_order, &zone, &bad_zone);
  if (!t) {
    time_error(of_placed_at, v, t.error(), bad_zone);
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
    std::string bad_zone;
    auto t = parse_datetime(v, plan.date_order, &zone, &bad_zone);
    if (!t) {
      time_error(f, v, t.error(), bad_zone);
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
    if (placed) so.placed_text = keep(pv);
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
  std::string fulfil = ascii_lower(cell(of_fulfillment_status));
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
    if (!email.empty()) cust = keep_owned(ascii_lower(email));
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
    errors.back().why = RowWhy::order_too_large;  // the only reason an order is rejected here
    errors.back().field = "order_id";
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
    if (f < 0) {
      row.vals.emplace_back(opt.shop_id);
      continue;
    }
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
    std::string bad_zone;
    auto bad = [&](const Error& e) {
      time_error(f, v, e, bad_zone);
      ok = false;
      row.vals.emplace_back(std::monostate{});
    };
    switch (fi.kind) {
      case FieldKind::id: row.vals.emplace_back(keep(unwrap_cell(v))); break;
      case FieldKind::text:
      case FieldKind::status: row.vals.emplace_back(keep(v)); break;
      case FieldKind::money: {
        auto m = parse_amount(v, opt.number);
        // Issue #13, bad input: a competitor's price of zero or less is no observation (the UI
        // words it as "not a valid amount" for the price field).
        if (m && *m <= 0 && plan.target == Target::competitor_prices && fi.column == "price")
          m = make_error(ErrorCode::invalid_argument, "a competitor price must be above zero");
        if (m) row.vals.emplace_back(*m); else bad(m.error());
        break;
      }
      case FieldKind::count: {
        auto m = parse_count(v, opt.number);
        if (m) row.vals.emplace_back(*m); else bad(m.error());
        break;
      }
      case FieldKind::real: {
        // A rate as reports print it, "3.5%", is the fraction 0.035.
        std::string_view t = trim(v);
        const bool percent = !t.empty() && t.back() == '%';
        auto m = parse_real(percent ? t.substr(0, t.size() - 1) : t, opt.number);
        if (m) row.vals.emplace_back(percent ? *m / 100.0 : *m); else bad(m.error());
        break;
      }
      case FieldKind::day: {
        auto m = fi.column == "birthday" ? parse_birthday(v, plan.date_order) : parse_date(v, plan.date_order, &zone, &bad_zone);
        if (m) row.vals.emplace_back(static_cast<int64_t>(*m)); else bad(m.error());
        break;
      }
      case FieldKind::time: {
        auto m = parse_datetime(v, plan.date_order, &zone, &bad_zone);
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
      rec.line = row_of(rec.line);
      process(rec);
    }
    if (done && plan.target == Target::orders)
      for (SOrder& so : orders) finalize_order(so);
  }
  return progress();
}

}  // namespace shopkeeper
