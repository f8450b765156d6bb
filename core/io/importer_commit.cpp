// Importer, writing half: the staged rows go into the store in one transaction held open across
// commit_step() calls (orders, customers, products, cancellations, other tables, the log row).
#include "core/io/importer_impl.h"
#include "core/store/store_clock.h"

#include <unordered_map>

namespace shopkeeper {

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
  std::optional<Stmt> line_st, shop_st, cins, cupd, pins, pupd, match, ins, same, order_exists;
  int order_col = -1;
  // A products file's list price: its column, the SKU's, and the stored price read before each
  // row is written, so a change is logged (core/store/store_clock.h) at `at`.
  int sku_col = -1, price_col = -1;
  std::optional<Stmt> old_price;
  Timestamp at = 0;  // the import's time, store-local (the log, price_history)
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
  // The keys of `prods`, copied: a lookup then compares against these few, close together,
  // instead of reading each SKU's first line somewhere in the whole file's text (a cache miss
  // per imported line).
  std::deque<std::string> prod_keys;
  std::vector<std::pair<std::string_view, Cust>> cust_list;
  std::vector<std::pair<std::string_view, Prod>> prod_list;
  std::vector<const SOrder*> with_returns;
  // The import's shop's codes mapped to the store's SKUs (shop_codes, core/shops): their lines
  // are written with the SKU, each line's code kept in shop_code_lines.
  std::unordered_map<std::string, std::string> mapped_codes;
  std::optional<Stmt> code_line_st;
  // Order lines waiting for the next many-row INSERT (flush_lines): one statement per kLineBatch
  // lines instead of one per line spares SQLite the statement's start and end and a search of
  // the table from its root for each line (its cursor stays at the last line written, where the
  // next line of the order goes). Values bound in place (the staged text and orders outlive it).
  struct PendingLine {
    const SOrder* order;
    const SLine* line;
    std::string_view sku;
    int32_t no;
  };
  std::vector<PendingLine> pending_lines;
  std::optional<Stmt> lines_batch_st;
  int64_t units_done = 0, units_total = 0;
};

namespace {
Status prepare_into(Db& db, std::optional<Stmt>& out, const std::string& sql) {
  auto s = db.prepare(sql);
  if (!s) return s.error();
  out = std::move(*s);
  return Ok{};
}

constexpr size_t kLineBatch = 64;  // 9 values a line: 576 parameters, far below SQLite's limit
constexpr const char* kLineInsert =
    "INSERT OR REPLACE INTO order_lines(order_id,line_no,sku,title,qty,unit_price,discount_amount,unit_cost,kind) VALUES";

void bind_line(Stmt& s, int base, const auto& p) {  // a Commit::PendingLine (Impl is private: deduced)
  const SLine& l = *p.line;
  s.bind_static(base + 1, p.order->o.id).bind(base + 2, p.no).bind_static(base + 3, p.sku).bind_static(base + 4, l.title);
  s.bind(base + 5, l.qty).bind(base + 6, l.price).bind(base + 7, l.discount);
  s.bind(base + 8, l.kind == LineKind::merchandise ? l.cost : std::nullopt).bind(base + 9, static_cast<int64_t>(l.kind));
}

// Writes the pending lines: whole batches through the many-row statement, the rest one by one.
Status flush_lines(auto& c) {  // a Commit
  auto& pending = c.pending_lines;
  size_t i = 0;
  for (; i + kLineBatch <= pending.size(); i += kLineBatch) {
    Stmt& s = *c.lines_batch_st;
    for (size_t k = 0; k < kLineBatch; ++k) bind_line(s, static_cast<int>(9 * k), pending[i + k]);
    if (auto st = s.run(); !st) return st;
  }
  for (; i < pending.size(); ++i) {
    bind_line(*c.line_st, 0, pending[i]);
    if (auto st = c.line_st->run(); !st) return st;
  }
  pending.clear();
  return Ok{};
}
}  // namespace

Importer::Impl::Impl() = default;
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
  if (cancelled) return bare_refusal(ErrorCode::cancelled, {FileWhy::cancelled});
  if (!begun) return bare_refusal(ErrorCode::invalid_argument, {FileWhy::not_begun});
  if (commit_state) return bare_refusal(ErrorCode::conflict, {FileWhy::already_saving});
  while (!done) step(1 << 20);
  const std::string file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  auto c = std::make_unique<Commit>();
  c->rep.file = file;
  c->rep.format = plan.format;
  c->rep.target = target_name(plan.target);
  c->rep.encoding = plan.encoding;
  c->rep.sheet = plan.sheet;
  c->rep.hidden_rows = plan.hidden_rows;
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
  c->at = opt.now ? opt.now : zone.local(static_cast<int64_t>(std::time(nullptr)));
  Db& db = store.db();
  Status st = Ok{};
  if (plan.target == Target::orders) {
    st = prepare_into(db, c->line_st, std::string(kLineInsert) + "(?,?,?,?,?,?,?,?,?)");
    if (st) {
      std::string many = kLineInsert;
      for (size_t k = 0; k < kLineBatch; ++k) many += k ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
      st = prepare_into(db, c->lines_batch_st, many);
      c->pending_lines.reserve(4 * kLineBatch);
    }
    if (st && opt.shop_id != 0) st = prepare_into(db, c->shop_st, "UPDATE orders SET shop_id=? WHERE id=?");
    if (st && opt.shop_id != 0)
      st = each_row(db, "SELECT code,sku FROM shop_codes WHERE shop_id=" + std::to_string(opt.shop_id),
                    [&](const Stmt& r) { c->mapped_codes.emplace(r.text_view(0), r.text_view(1)); });
    if (st && !c->mapped_codes.empty())
      st = prepare_into(db, c->code_line_st, "INSERT OR REPLACE INTO shop_code_lines(order_id,line_no,code) VALUES(?,?,?)");
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
  if (plan.target == Target::products) {
    for (size_t i = 0; i < tcols.size(); ++i) {
      if (tcols[i] == "sku") c.sku_col = static_cast<int>(i);
      if (tcols[i] == "list_price") c.price_col = static_cast<int>(i);
    }
    if (c.sku_col >= 0 && c.price_col >= 0)
      if (auto st = prepare_into(db, c.old_price, "SELECT list_price FROM products WHERE sku=?"); !st) return st;
  }
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
    if (c.shop_st) {  // another shop than the store's own (schema 25)
      c.shop_st->bind(1, opt.shop_id).bind(2, so.o.id);
      if (auto st = c.shop_st->run(); !st) return st;
    }
    int32_t no = 0;
    for (const SLine& l : so.lines) {
      std::string_view sku = l.sku;
      if (!c.mapped_codes.empty())
        if (auto m = c.mapped_codes.find(std::string(l.sku)); m != c.mapped_codes.end()) {
          sku = m->second;
          c.code_line_st->bind(1, so.o.id).bind(2, no + 1).bind(3, l.sku);
          if (auto st = c.code_line_st->run(); !st) return st;
        }
      c.pending_lines.push_back({&so, &l, sku, ++no});
      if (c.pending_lines.size() >= kLineBatch)
        if (auto st = flush_lines(c); !st) return st;
      ++rep.lines_imported;
      ++rep.lines_by_kind[static_cast<size_t>(l.kind)];
      // Postage, fees and adjustments are not products: no catalogue entry for them.
      if (l.kind == LineKind::merchandise && !sku.empty() && !c.prods.count(sku))
        c.prods.emplace(c.prod_keys.emplace_back(sku), Commit::Prod{l.title, l.price});
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
  // Every line of this slice is in the table before it ends (the returns' matching reads them).
  if (auto st = flush_lines(c); !st) return st;
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
        errors.back().why = RowWhy::no_such_order;
        errors.back().field = "order_id";
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
    // A known product's list price that this row changes: logged once, as the schema-7 trigger
    // did (a positive new price that differs), but at the store's time.
    std::optional<Money> was;
    const int64_t* price = nullptr;
    std::string_view sku;
    if (c.old_price) {
      price = std::get_if<int64_t>(&r.vals[static_cast<size_t>(c.price_col)]);
      if (auto k = std::get_if<std::string_view>(&r.vals[static_cast<size_t>(c.sku_col)])) sku = *k;
      if (price && *price > 0) {
        c.old_price->bind(1, sku);
        if (c.old_price->step()) was = c.old_price->i64(0);
        if (c.old_price->failed()) return make_error(ErrorCode::db_error, c.old_price->error());
        c.old_price->reset();
      }
    }
    bind_all(*c.ins, r);
    if (auto st = c.ins->run(); !st) return st;
    if (db.changes() > 0) ++rep.rows_imported;
    else ++rep.rows_skipped_duplicate;  // present and unchanged
    if (was && *was != *price)
      if (auto st = log_list_price(db, sku, *was, *price, c.at, "write"); !st) return st;
  }
  if (c.cursor == trows.size()) c.phase = Commit::Phase::finish;
  return Ok{};
}

Status Importer::Impl::write_log(Commit& c) {
  const ImportReport& rep = c.rep;
  auto st = c.store->db().prepare(
      "INSERT INTO import_log(at,file,format,rows_read,rows_imported,rows_rejected,report) VALUES(?,?,?,?,?,?,?)");
  if (!st) return st.error();
  st->bind(1, c.at).bind(2, rep.file).bind(3, rep.format).bind(4, rep.rows_read);
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

Error Importer::Impl::refuse(ErrorCode code, FileRefusal r) {
  const std::string file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  refusal = std::move(r);
  return make_error(code, file + ": " + refusal_en(refusal));
}

Error Importer::Impl::nothing_error(const ImportReport& rep) {
  const std::string file = opt.file_name.empty() ? std::string("input") : opt.file_name;
  // Name the root cause: the first error that is not a row sunk by another row of its order.
  auto root = std::find_if(rep.errors.begin(), rep.errors.end(),
                           [](const RowError& e) { return e.why != RowWhy::rejected_with_order; });
  refusal = {rep.errors.empty() ? FileWhy::no_data_rows : FileWhy::nothing_imported,
             rep.rows_rejected > 1 ? rep.rows_rejected - 1 : 0};
  refusal_row = rep.errors.empty() ? RowError{} : root != rep.errors.end() ? *root : rep.errors.front();
  std::string why = rep.errors.empty() ? file + ": " + refusal_en({FileWhy::no_data_rows}) : describe_error(file, refusal_row);
  if (rep.rows_rejected > 1) why += " (and " + std::to_string(rep.rows_rejected - 1) + " more rejected rows)";
  return make_error(ErrorCode::parse_error, refusal_en({FileWhy::nothing_imported}) + ": " + why);
}

Error Importer::Impl::not_saved(const Error& e) {
  return refuse(e.code, {FileWhy::not_saved, 0, e.message});
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
    if (cancelled) return bare_refusal(ErrorCode::cancelled, {FileWhy::cancelled});
    return bare_refusal(ErrorCode::invalid_argument, {FileWhy::not_begun, 1});
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
}  // namespace shopkeeper
