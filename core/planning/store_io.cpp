// Planning tables in the store (schema v6): suppliers (v1), purchase_orders, supply_terms,
// products.supplier_id; the purchase-order CSV import (one transaction, stock updated with it).
#include <algorithm>
#include <map>
#include <set>

#include "core/io/csv.h"
#include "core/planning/inventory.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper::planning {

Result<PlanningData> load_planning(Db& db, const Dataset& ds) {
  PlanningData pd;
  if (auto s = each_row(db, "SELECT id, name, lead_time_days, score_service FROM suppliers ORDER BY id",
                        [&](const Stmt& st) {
                          pd.suppliers.push_back({st.i64(0), st.text(1), static_cast<int32_t>(st.i64(2)),
                                                  static_cast<int32_t>(st.i64(3))});
                        });
      !s)
    return s.error();
  if (auto s = each_row(db,
                        "SELECT id, supplier_id, sku, qty, unit_cost, ordered_on, expected_on, received_on, qty_received, "
                        "qty_rejected FROM purchase_orders ORDER BY ordered_on, id, sku",
                        [&](const Stmt& st) {
                          PurchaseOrder po;
                          po.id = st.text(0);
                          po.supplier_id = st.i64(1);
                          po.sku = st.text(2);
                          po.qty = st.i64(3);
                          po.unit_cost = st.i64(4);
                          po.ordered = static_cast<Day>(st.i64(5));
                          po.expected = st.opt_i64<Day>(6);
                          po.received = st.opt_i64<Day>(7);
                          po.qty_received = st.i64(8);
                          po.qty_rejected = st.i64(9);
                          pd.orders.push_back(std::move(po));
                        });
      !s)
    return s.error();
  if (auto s = each_row(db, "SELECT sku, moq, case_pack FROM supply_terms ORDER BY sku",
                        [&](const Stmt& st) { pd.terms.push_back({st.text(0), st.i64(1), std::max<int64_t>(1, st.i64(2))}); });
      !s)
    return s.error();
  {
    std::map<std::string, int64_t> sup;
    if (auto s = each_row(db, "SELECT sku, supplier_id FROM products", [&](const Stmt& st) { sup[st.text(0)] = st.i64(1); }); !s)
      return s.error();
    pd.product_supplier.resize(ds.sku.size(), 0);
    for (size_t p = 0; p < ds.sku.size(); ++p) {
      auto it = sup.find(ds.sku[p]);
      if (it != sup.end()) pd.product_supplier[p] = it->second;
    }
  }
  return pd;
}

namespace {

bool to_i64(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = s[0] == '-' ? -v : v;
  return true;
}

// A CSV import's text and header: col[k] is the field holding cols[k] (-1 when absent); a
// column of `required` that is missing is an error naming line 1. `reader` stands after the header.
struct CsvInput {
  std::string text;
  std::vector<int> col;
};
Result<CsvInput> read_csv_header(std::string_view bytes, const std::string& name, const std::vector<const char*>& cols,
                                 std::initializer_list<int> required, InputIssue* why) {
  auto dec = decode_text(bytes);
  if (!dec) return input_error(ErrorCode::parse_error, {InputWhy::other, name, 0, "", dec.error().message}, why);
  CsvInput in{std::move(dec->text), std::vector<int>(cols.size(), -1)};
  CsvReader r(in.text, detect_delimiter(in.text));
  CsvRecord rec;
  if (!r.next(rec)) return input_error(ErrorCode::parse_error, {InputWhy::file_empty, name}, why);
  for (size_t i = 0; i < rec.fields.size(); ++i)
    for (size_t k = 0; k < cols.size(); ++k)
      if (trim(rec.fields[i]) == cols[k]) in.col[k] = static_cast<int>(i);
  for (int k : required)
    if (in.col[static_cast<size_t>(k)] < 0)
      return input_error(ErrorCode::parse_error, {InputWhy::missing_column, name, 1, cols[static_cast<size_t>(k)]}, why);
  return in;
}

// A malformed CSV record as an input issue (the reader's FileWhy: cut off or a stray quote).
InputIssue record_issue(const std::string& name, const CsvRecord& rec) {
  InputIssue i{rec.bad == FileWhy::cut_off ? InputWhy::record_cut_off : InputWhy::record_bad_quote, name, rec.line};
  i.n = rec.open_line;
  return i;
}

}  // namespace

PoProblem check_purchase_order(const PurchaseOrder& po) {
  if (po.id.empty()) return PoProblem::empty_id;
  if (po.qty <= 0) return PoProblem::qty_not_positive;
  if (po.unit_cost < 0) return PoProblem::negative;
  if (po.qty_received < 0 || po.qty_rejected < 0) return PoProblem::negative;
  if (po.expected && *po.expected < po.ordered) return PoProblem::expected_before_ordered;
  if (po.received && *po.received < po.ordered) return PoProblem::received_before_ordered;
  if (po.qty_rejected > po.qty_received) return PoProblem::rejected_over_received;
  if (po.qty_received > 0 && !po.received) return PoProblem::received_without_date;
  return PoProblem::none;
}

Status save_purchase_order(Writer& w, const PurchaseOrder& po, int64_t* stock_added) {
  if (check_purchase_order(po) != PoProblem::none) return make_error(ErrorCode::invalid_argument, "purchase order " + po.id + " is not valid");
  auto added = write_purchase_orders(w, {po});
  if (!added) return added.error();
  if (stock_added) *stock_added = *added;
  return Ok{};
}

Result<PoImportReport> import_purchase_orders(Store& store, std::string_view bytes, const std::string& name, InputIssue* why) {
  auto rows = parse_purchase_orders(store.db(), bytes, name, why);
  if (!rows) return rows.error();
  PoImportReport rep;
  rep.rows = static_cast<int64_t>(rows->size());
  Status st = store.write([&](Writer& w) -> Status {
    auto added = write_purchase_orders(w, *rows);
    if (!added) return added.error();
    rep.stock_units_added = *added;
    return Ok{};
  });
  if (!st) return st.error();
  return rep;
}

Result<std::vector<PurchaseOrder>> parse_purchase_orders(Db& db, std::string_view bytes, const std::string& name,
                                                          InputIssue* why) {
  static const std::vector<const char*> kCols = {"id",       "supplier_id", "sku",          "qty",         "unit_cost",
                                                 "ordered",  "expected",    "received",     "qty_received", "qty_rejected"};
  auto in = read_csv_header(bytes, name, kCols, {0, 1, 2, 3, 5}, why);
  if (!in) return in.error();
  const std::string& text = in->text;
  const std::vector<int>& col = in->col;
  CsvReader r(text, detect_delimiter(text));
  CsvRecord rec;
  r.next(rec);  // the header

  std::set<std::string> skus;
  if (auto s = each_row(db, "SELECT sku FROM products", [&](const Stmt& st) { skus.insert(st.text(0)); }); !s)
    return s.error();
  std::set<int64_t> suppliers;
  if (auto s = each_row(db, "SELECT id FROM suppliers", [&](const Stmt& st) { suppliers.insert(st.i64(0)); }); !s)
    return s.error();
  std::vector<PurchaseOrder> rows;
  std::set<std::pair<std::string, std::string>> seen;
  while (r.next(rec)) {
    if (!rec.error.empty()) return input_error(ErrorCode::parse_error, record_issue(name, rec), why);
    auto field = [&](int k) -> std::string_view {
      return col[k] >= 0 && static_cast<size_t>(col[k]) < rec.fields.size() ? trim(unwrap_cell(rec.fields[col[k]]))
                                                                             : std::string_view();
    };
    auto bad = [&](int k, InputWhy w, std::string a = {}, std::string b = {}) {
      return input_error(ErrorCode::parse_error, {w, name, rec.line, kCols[k], std::move(a), std::move(b)}, why);
    };
    PurchaseOrder po;
    po.id = std::string(field(0));
    if (po.id.empty()) return bad(0, InputWhy::field_empty);
    if (!to_i64(field(1), po.supplier_id)) return bad(1, InputWhy::not_whole_number, std::string(field(1)));
    if (!suppliers.count(po.supplier_id)) return bad(1, InputWhy::no_supplier, std::to_string(po.supplier_id));
    po.sku = std::string(field(2));
    if (!skus.count(po.sku)) return bad(2, InputWhy::no_product, po.sku);
    if (!to_i64(field(3), po.qty) || po.qty <= 0) return bad(3, InputWhy::not_positive_whole);
    if (!field(4).empty() && (!to_i64(field(4), po.unit_cost) || po.unit_cost < 0))
      return bad(4, InputWhy::not_minor_units);
    auto day = [&](int k, std::optional<Day>& out) -> Status {
      if (field(k).empty()) return Ok{};
      auto d = parse_day(field(k));
      if (!d) return bad(k, InputWhy::not_date, std::string(field(k)));
      out = *d;
      return Ok{};
    };
    std::optional<Day> ordered;
    for (auto [k, dst] : {std::pair{5, &ordered}, std::pair{6, &po.expected}, std::pair{7, &po.received}})
      if (auto st = day(k, *dst); !st) return st.error();
    if (!ordered) return bad(5, InputWhy::field_empty);
    po.ordered = *ordered;
    if (po.expected && *po.expected < po.ordered) return bad(6, InputWhy::before_order_date);
    if (po.received && *po.received < po.ordered)
      return bad(7, InputWhy::received_before_ordered, format_day(*po.received), format_day(po.ordered));
    if (!field(8).empty() && (!to_i64(field(8), po.qty_received) || po.qty_received < 0)) return bad(8, InputWhy::not_nonneg_whole);
    if (!field(9).empty() && (!to_i64(field(9), po.qty_rejected) || po.qty_rejected < 0)) return bad(9, InputWhy::not_nonneg_whole);
    if (po.qty_rejected > po.qty_received) return bad(9, InputWhy::rejected_over_received);
    if (po.qty_received > 0 && !po.received) return bad(7, InputWhy::received_without_date);
    if (!seen.insert({po.id, po.sku}).second) return bad(0, InputWhy::po_sku_twice, po.id, po.sku);
    rows.push_back(std::move(po));
  }
  return rows;
}

Result<int64_t> write_purchase_orders(Writer& w, const std::vector<PurchaseOrder>& rows) {
  int64_t added = 0;
  {
    auto prev = w.db().prepare("SELECT qty_received - qty_rejected FROM purchase_orders WHERE id = ?1 AND sku = ?2");
    if (!prev) return prev.error();
    auto ins = w.db().prepare(
        "INSERT OR REPLACE INTO purchase_orders(id, supplier_id, sku, qty, unit_cost, ordered_on, expected_on, received_on, "
        "qty_received, qty_rejected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!ins) return ins.error();
    auto stock = w.db().prepare("UPDATE products SET stock = stock + ?1 WHERE sku = ?2");
    if (!stock) return stock.error();
    for (const PurchaseOrder& po : rows) {
      prev->reset();
      prev->bind(1, po.id).bind(2, po.sku);
      int64_t before = 0;
      if (prev->step()) before = prev->i64(0);
      if (prev->failed()) return make_error(ErrorCode::db_error, prev->error());
      ins->reset();
      ins->bind(1, po.id).bind(2, po.supplier_id).bind(3, po.sku).bind(4, po.qty).bind(5, po.unit_cost);
      ins->bind(6, static_cast<int64_t>(po.ordered));
      ins->bind(7, po.expected ? std::optional<int64_t>(*po.expected) : std::nullopt);
      ins->bind(8, po.received ? std::optional<int64_t>(*po.received) : std::nullopt);
      ins->bind(9, po.qty_received).bind(10, po.qty_rejected);
      if (auto s = ins->run(); !s) return s.error();
      const int64_t add = (po.qty_received - po.qty_rejected) - before;
      if (add != 0) {
        stock->reset();
        stock->bind(1, add).bind(2, po.sku);
        if (auto s = stock->run(); !s) return s.error();
        added += add;
      }
    }
  }
  return added;
}

Result<SnapshotImportReport> import_stock_snapshots(Store& store, std::string_view bytes, const std::string& name,
                                                    InputIssue* why) {
  auto in = read_csv_header(bytes, name, {"day", "sku", "on_hand"}, {0, 1, 2}, why);
  if (!in) return in.error();
  const std::string& text = in->text;
  const std::vector<int>& col = in->col;
  CsvReader r(text, detect_delimiter(text));
  CsvRecord rec;
  r.next(rec);  // the header
  std::set<std::string> skus;
  if (auto s = each_row(store.db(), "SELECT sku FROM products", [&](const Stmt& st) { skus.insert(st.text(0)); }); !s)
    return s.error();
  struct Row {
    Day day;
    std::string sku;
    int64_t on_hand;
  };
  std::vector<Row> rows;
  std::set<std::pair<Day, std::string>> seen;
  while (r.next(rec)) {
    if (!rec.error.empty()) return input_error(ErrorCode::parse_error, record_issue(name, rec), why);
    auto field = [&](int k) -> std::string_view {
      return static_cast<size_t>(col[k]) < rec.fields.size() ? trim(unwrap_cell(rec.fields[col[k]])) : std::string_view();
    };
    auto bad = [&](const char* f, InputWhy w, std::string a = {}, std::string b = {}) {
      return input_error(ErrorCode::parse_error, {w, name, rec.line, f, std::move(a), std::move(b)}, why);
    };
    Row row;
    auto d = parse_day(field(0));
    if (!d) return bad("day", InputWhy::not_date, std::string(field(0)));
    row.day = *d;
    row.sku = std::string(field(1));
    if (!skus.count(row.sku)) return bad("sku", InputWhy::no_product, row.sku);
    if (!to_i64(field(2), row.on_hand) || row.on_hand < 0) return bad("on_hand", InputWhy::not_nonneg_whole);
    if (!seen.insert({row.day, row.sku}).second) return bad("", InputWhy::snapshot_twice, row.sku, format_day(row.day));
    rows.push_back(std::move(row));
  }
  SnapshotImportReport rep;
  rep.rows = static_cast<int64_t>(rows.size());
  Status st = store.write([&](Writer& w) -> Status {
    auto ins = w.db().prepare("INSERT OR REPLACE INTO stock_snapshots(day, sku, on_hand) VALUES (?1, ?2, ?3)");
    if (!ins) return ins.error();
    for (const Row& x : rows) {
      ins->reset();
      ins->bind(1, static_cast<int64_t>(x.day)).bind(2, x.sku).bind(3, x.on_hand);
      if (auto s = ins->run(); !s) return s;
    }
    auto upd = w.db().prepare(
        "UPDATE products SET stock = (SELECT on_hand FROM stock_snapshots s WHERE s.sku = products.sku "
        "ORDER BY day DESC LIMIT 1) WHERE sku = ?1");
    if (!upd) return upd.error();
    std::set<std::string> touched;
    for (const Row& x : rows) touched.insert(x.sku);
    for (const std::string& sku : touched) {
      upd->reset();
      upd->bind(1, sku);
      if (auto s = upd->run(); !s) return s;
    }
    rep.products_updated = static_cast<int64_t>(touched.size());
    return Ok{};
  });
  if (!st) return st.error();
  return rep;
}

}  // namespace shopkeeper::planning
