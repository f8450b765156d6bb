// Thin RAII wrapper over SQLite: a connection (Db) and prepared statements (Stmt).
// Errors come back as Result values carrying SQLite's message.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace shopkeeper {

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i);
  // Text SQLite does not copy: `v` must stay valid until the statement has run (bulk writers
  // whose values live in a staged file, e.g. the importer's order lines).
  Stmt& bind_static(int i, std::string_view v);
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  // true = a row is available; false = done. Errors are reported through `error()`.
  bool step();
  // Runs to completion (for INSERT/UPDATE); returns the error if any.
  Status run();
  void reset();
  bool failed() const { return !err_.empty(); }
  const std::string& error() const { return err_; }

  int64_t i64(int col) const;
  double f64(int col) const;
  std::string text(int col) const;
  std::string_view text_view(int col) const;
  bool is_null(int col) const;
  template <class T>
  std::optional<T> opt_i64(int col) const {
    if (is_null(col)) return std::nullopt;
    return static_cast<T>(i64(col));
  }
  sqlite3_stmt* raw() const { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
  std::string err_;
};

class Db {
 public:
  Db() = default;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  static Result<Db> open(const std::string& path, bool readonly);
  Status exec(std::string_view sql);
  Result<Stmt> prepare(std::string_view sql);
  // A single integer from a query (e.g. COUNT(*)).
  Result<int64_t> scalar(std::string_view sql);
  int64_t changes() const;
  std::string last_error() const;
  sqlite3* raw() const { return db_; }
  bool is_open() const { return db_ != nullptr; }

 private:
  sqlite3* db_ = nullptr;
};

// Runs `sql` (no parameters) and calls on_row(stmt) for every row: the one copy of the
// prepare / step / check-failed loop that loads a table. A failure comes back as db_error.
template <class OnRow>
Status each_row(Db& db, std::string_view sql, OnRow&& on_row) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  while (st->step()) on_row(static_cast<const Stmt&>(*st));
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return Ok{};
}

}  // namespace shopkeeper
