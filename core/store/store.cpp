#include "core/store/store.h"

#include <filesystem>

#include "core/store/store_clock.h"
#include "core/store/schema.h"

namespace shopkeeper {

Result<Stmt*> Writer::stmt(int slot, const char* sql) {
  Stmt& s = stmts_[slot];
  if (!s.raw()) {
    auto p = db_.prepare(sql);
    if (!p) return p.error();
    s = std::move(*p);
  }
  return &s;
}

#define SK_STMT(slot, sql)                   \
  auto st_ = stmt(slot, sql);                \
  if (!st_) return st_.error();              \
  Stmt& s = **st_

Status Writer::put(const Product& p) {
  // The list-price log (core/store/store_clock.h): a replaced product whose price changes.
  std::optional<Money> old_price;
  if (p.list_price > 0) {
    auto q = stmt(9, "SELECT list_price FROM products WHERE sku=?");
    if (!q) return q.error();
    (*q)->reset();
    (*q)->bind(1, p.sku);
    if ((*q)->step()) old_price = (*q)->i64(0);
    if ((*q)->failed()) return make_error(ErrorCode::db_error, (*q)->error());
    (*q)->reset();
  }
  if (old_price && *old_price != p.list_price)
    if (Status st = log_list_price(db_, p.sku, *old_price, p.list_price, store_now(db_), "write"); !st) return st;
  SK_STMT(0,
          "INSERT OR REPLACE INTO products(sku,title,category,brand,tags,unit_cost,list_price,stock,"
          "supplier_id,launched_on,status,role,weight_g) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, p.sku).bind(2, p.title).bind(3, p.category).bind(4, p.brand).bind(5, p.tags).bind(6, p.unit_cost);
  s.bind(7, p.list_price).bind(8, p.stock).bind(9, p.supplier_id).bind(10, p.launched_on).bind(11, p.status);
  s.bind(12, p.role).bind(13, p.weight_g);
  return s.run();
}

Status Writer::put(const Supplier& x) {
  SK_STMT(1,
          "INSERT OR REPLACE INTO suppliers(id,name,lead_time_days,score_quality,score_price,score_delivery,"
          "score_service) VALUES(?,?,?,?,?,?,?)");
  s.bind(1, x.id).bind(2, x.name).bind(3, x.lead_time_days).bind(4, x.score_quality).bind(5, x.score_price);
  s.bind(6, x.score_delivery).bind(7, x.score_service);
  return s.run();
}

Status Writer::put(const Customer& c) {
  SK_STMT(2,
          "INSERT OR REPLACE INTO customers(id,name,joined_on,channel,region,tier,points_balance,birthday,tags)"
          " VALUES(?,?,?,?,?,?,?,?,?)");
  s.bind(1, c.id).bind(2, c.name).bind(3, c.joined_on).bind(4, c.channel).bind(5, c.region).bind(6, c.tier);
  s.bind(7, c.points_balance).bind(8, c.birthday).bind(9, c.tags);
  return s.run();
}

Result<bool> Writer::add_order(const Order& o) {
  SK_STMT(3,
          "INSERT OR IGNORE INTO orders(id,customer_id,placed_at,paid_at,status,channel,traffic_source,"
          "items_amount,discount_amount,shipping_amount,paid_amount,coupon_code,campaign_id,region)"
          " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, o.id);
  if (o.customer_id.empty()) s.bind_null(2); else s.bind(2, o.customer_id);
  s.bind(3, o.placed_at).bind(4, o.paid_at).bind(5, static_cast<int64_t>(o.status)).bind(6, o.channel);
  s.bind(7, o.traffic_source).bind(8, o.items_amount).bind(9, o.discount_amount).bind(10, o.shipping_amount);
  s.bind(11, o.paid_amount).bind(12, o.coupon_code).bind(13, o.campaign_id).bind(14, o.region);
  Status r = s.run();
  if (!r) return r.error();
  return db_.changes() > 0;
}

Status Writer::put(const OrderLine& l) {
  SK_STMT(4,
          "INSERT OR REPLACE INTO order_lines(order_id,line_no,sku,title,qty,unit_price,discount_amount,unit_cost,kind)"
          " VALUES(?,?,?,?,?,?,?,?,?)");
  s.bind(1, l.order_id).bind(2, l.line_no).bind(3, l.sku).bind(4, l.title).bind(5, l.qty).bind(6, l.unit_price);
  s.bind(7, l.discount_amount).bind(8, l.unit_cost).bind(9, static_cast<int64_t>(l.kind));
  return s.run();
}

Status Writer::put(const Refund& r) {
  SK_STMT(5, "INSERT INTO refunds(order_id,sku,qty,amount,reason,refunded_at) VALUES(?,?,?,?,?,?)");
  s.bind(1, r.order_id).bind(2, r.sku).bind(3, r.qty).bind(4, r.amount).bind(5, r.reason).bind(6, r.refunded_at);
  return s.run();
}

Status Writer::put(const TrafficDay& t) {
  SK_STMT(6,
          "INSERT OR REPLACE INTO traffic_daily(day,source,visitors,page_views,sessions,product_views,"
          "add_to_carts,avg_seconds) VALUES(?,?,?,?,?,?,?,?)");
  s.bind(1, t.day).bind(2, t.source).bind(3, t.visitors).bind(4, t.page_views).bind(5, t.sessions);
  s.bind(6, t.product_views).bind(7, t.add_to_carts).bind(8, t.avg_seconds);
  return s.run();
}

Status Writer::put(const AdSpend& a) {
  SK_STMT(7, "INSERT OR REPLACE INTO ad_spend(day,channel,spend,impressions,clicks) VALUES(?,?,?,?,?)");
  s.bind(1, a.day).bind(2, a.channel).bind(3, a.spend).bind(4, a.impressions).bind(5, a.clicks);
  return s.run();
}

Status Writer::set_setting(const std::string& key, const std::string& value) {
  SK_STMT(8, "INSERT OR REPLACE INTO settings(key,value) VALUES(?,?)");
  s.bind(1, key).bind(2, value);
  return s.run();
}

#undef SK_STMT

static Status configure(Db& db, const std::string& facts_path, bool readonly) {
  // Rollback journal (not WAL): a transaction over ATTACHed files is atomic only with a
  // journal, and IDBFS persists plain files.
  if (auto st = db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
                        "PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY;");
      !st && !readonly)
    return st;
  // An attached file is opened with the main connection's flags, so read-only carries over.
  auto st = db.prepare("ATTACH DATABASE ? AS facts");
  if (!st) return st.error();
  st->bind(1, facts_path);
  return st->run();
}

Result<Store> Store::open(const std::string& dir, bool readonly) {
  std::error_code ec;
  if (!readonly) std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(ErrorCode::io_error, "cannot create " + dir + ": " + ec.message());
  std::string main_path = dir + "/store.db";
  std::string facts_path = dir + "/facts.db";
  if (readonly && !std::filesystem::exists(main_path))
    return make_error(ErrorCode::not_found, "no store in " + dir);
  auto db = Db::open(main_path, readonly);
  if (!db) return db.error();
  Store s;
  s.db_ = std::move(*db);
  s.dir_ = dir;
  s.readonly_ = readonly;
  if (auto st = configure(s.db_, facts_path, readonly); !st) return st.error();
  if (readonly) {
    auto v = schema_version(s.db_);
    if (!v) return v.error();
    if (*v != kSchemaVersion)
      return make_error(ErrorCode::schema_mismatch, "store schema " + std::to_string(*v) + " is not " +
                                                        std::to_string(kSchemaVersion) + " (open it writable once)");
  } else if (auto st = migrate(s.db_); !st) {
    return st.error();
  }
  return s;
}

Result<Store> Store::open_memory(bool readonly) {
  auto db = Db::open(":memory:", false);
  if (!db) return db.error();
  Store s;
  s.db_ = std::move(*db);
  s.dir_ = ":memory:";
  if (auto st = configure(s.db_, ":memory:", false); !st) return st.error();
  if (auto st = migrate(s.db_); !st) return st.error();
  s.readonly_ = readonly;
  return s;
}

Store::Store(Store&& o) noexcept
    : db_(std::move(o.db_)), dir_(std::move(o.dir_)), readonly_(o.readonly_), in_txn_(o.in_txn_) {
  o.in_txn_ = false;
}

Store& Store::operator=(Store&& o) noexcept {
  if (this != &o) {
    if (in_txn_) (void)end_transaction(false);
    db_ = std::move(o.db_);
    dir_ = std::move(o.dir_);
    readonly_ = o.readonly_;
    in_txn_ = o.in_txn_;
    o.in_txn_ = false;
  }
  return *this;
}

Store::~Store() {
  if (in_txn_) (void)end_transaction(false);
}

Status Store::begin_transaction() {
  if (readonly_) return make_error(ErrorCode::readonly, "the store is open read-only (another tab is writing)");
  if (in_txn_) return make_error(ErrorCode::conflict, "an import is being saved; try again when it has finished");
  if (auto st = db_.exec("BEGIN IMMEDIATE"); !st) return st;
  in_txn_ = true;
  return Ok{};
}

Status Store::end_transaction(bool commit) {
  if (!in_txn_) return make_error(ErrorCode::invalid_argument, "no transaction is open");
  in_txn_ = false;
  if (!commit) return db_.exec("ROLLBACK");
  if (auto st = db_.exec("COMMIT"); !st) {
    (void)db_.exec("ROLLBACK");
    return st;
  }
  return Ok{};
}

Status Store::write(const std::function<Status(Writer&)>& fn) {
  if (readonly_) return make_error(ErrorCode::readonly, "the store is open read-only (another tab is writing)");
  if (in_txn_) return make_error(ErrorCode::conflict, "an import is being saved; try again when it has finished");
  if (auto st = db_.exec("BEGIN IMMEDIATE"); !st) return st;
  Status result = Ok{};
  {
    Writer w(db_);
    result = fn(w);
  }  // statements finalized before COMMIT
  if (!result) {
    (void)db_.exec("ROLLBACK");
    return result;
  }
  if (auto st = db_.exec("COMMIT"); !st) {
    (void)db_.exec("ROLLBACK");
    return st;
  }
  return Ok{};
}

Result<Counts> Store::counts() {
  Counts c;
  struct Q {
    int64_t* out;
    const char* sql;
  } qs[] = {{&c.products, "SELECT COUNT(*) FROM products"},
            {&c.customers, "SELECT COUNT(*) FROM customers"},
            {&c.orders, "SELECT COUNT(*) FROM orders"},
            {&c.order_lines, "SELECT COUNT(*) FROM order_lines"},
            {&c.refunds, "SELECT COUNT(*) FROM refunds"},
            {&c.traffic_days, "SELECT COUNT(DISTINCT day) FROM traffic_daily"}};
  for (auto& q : qs) {
    auto v = db_.scalar(q.sql);
    if (!v) return v.error();
    *q.out = *v;
  }
  return c;
}

std::string Store::setting(const std::string& key, const std::string& fallback) {
  auto st = db_.prepare("SELECT value FROM settings WHERE key=?");
  if (!st) return fallback;
  st->bind(1, key);
  if (st->step()) return st->text(0);
  return fallback;
}

Status Store::set_setting(const std::string& key, const std::string& value) {
  return write([&](Writer& w) { return w.set_setting(key, value); });
}

// Every table of both files, read from the schema itself, so a table a later migration adds is
// cleared too (a fixed list forgot supply_terms and purchase orders: `demo --replace` on a demo
// store failed on a duplicate supply term). The schema version lives in user_version, not in a
// table, so nothing the store needs to open is lost.
Status Store::clear_all() {
  return write([](Writer& w) {
    std::vector<std::string> tables;
    for (const char* schema : {"main", "facts"}) {
      const std::string sql = std::string("SELECT name FROM ") + schema +
                              ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
      if (auto st = each_row(w.db(), sql, [&](const Stmt& row) { tables.push_back(std::string(schema) + "." + row.text(0)); }); !st)
        return st;
    }
    for (const std::string& t : tables)
      if (auto st = w.db().exec("DELETE FROM " + t); !st) return st;
    return Status(Ok{});
  });
}

}  // namespace shopkeeper
