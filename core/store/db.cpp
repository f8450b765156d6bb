#include "core/store/db.h"

#include <sqlite3.h>

namespace shopkeeper {

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (s_) sqlite3_finalize(s_);
    s_ = o.s_;
    o.s_ = nullptr;
    err_ = std::move(o.err_);
  }
  return *this;
}

Stmt::~Stmt() {
  if (s_) sqlite3_finalize(s_);
}

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  // An empty view may carry a null pointer, which SQLite would store as NULL: bind "" instead.
  sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_static(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) err_ = sqlite3_errmsg(sqlite3_db_handle(s_));
  return false;
}

Status Stmt::run() {
  int rc = sqlite3_step(s_);
  Status st = Ok{};
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) st = make_error(ErrorCode::db_error, sqlite3_errmsg(sqlite3_db_handle(s_)));
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  return st;
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  err_.clear();
}

int64_t Stmt::i64(int col) const { return sqlite3_column_int64(s_, col); }
double Stmt::f64(int col) const { return sqlite3_column_double(s_, col); }
std::string Stmt::text(int col) const { return std::string(text_view(col)); }
std::string_view Stmt::text_view(int col) const {
  const unsigned char* p = sqlite3_column_text(s_, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}
bool Stmt::is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close(db_);
    db_ = o.db_;
    o.db_ = nullptr;
  }
  return *this;
}

Db::~Db() {
  if (db_) sqlite3_close(db_);
}

Result<Db> Db::open(const std::string& path, bool readonly) {
  Db d;
  int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // A connection is only ever used by one thread at a time: without SQLite's per-connection
  // mutex every sqlite3_column_* call is cheaper (loading a large store reads millions of values).
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &d.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = d.db_ ? sqlite3_errmsg(d.db_) : "out of memory";
    return make_error(ErrorCode::db_error, "cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(d.db_, 2000);
  return d;
}

Status Db::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return make_error(ErrorCode::db_error, msg);
  }
  return Ok{};
}

Result<Stmt> Db::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return make_error(ErrorCode::db_error, std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
  return Stmt(s);
}

Result<int64_t> Db::scalar(std::string_view sql) {
  auto st = prepare(sql);
  if (!st) return st.error();
  if (!st->step()) {
    if (st->failed()) return make_error(ErrorCode::db_error, st->error());
    return make_error(ErrorCode::not_found, "no row");
  }
  return st->i64(0);
}

int64_t Db::changes() const { return sqlite3_changes64(db_); }
std::string Db::last_error() const { return sqlite3_errmsg(db_); }

}  // namespace shopkeeper
