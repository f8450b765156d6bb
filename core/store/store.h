// Store: the repository over the two SQLite files of one shop directory, and the only writer.
// Every write goes through Store::write, which runs the caller's function inside one
// transaction spanning both files: it commits whole or leaves the store as it was.
#pragma once
#include <functional>
#include <string>

#include "core/base/result.h"
#include "core/model/entities.h"
#include "core/store/db.h"

namespace shopkeeper {

struct Counts {
  int64_t products = 0, customers = 0, orders = 0, order_lines = 0, refunds = 0, traffic_days = 0;
};

class Store;

// Handed to Store::write's callback; statements are prepared once per transaction.
class Writer {
 public:
  explicit Writer(Db& db) : db_(db) {}
  // Insert or replace (keyed by the primary key).
  Status put(const Product& p);
  Status put(const Supplier& s);
  Status put(const Customer& c);
  Status put(const OrderLine& l);
  Status put(const Refund& r);
  Status put(const TrafficDay& t);
  Status put(const AdSpend& a);
  // Orders are keyed by id and never silently replaced: returns false when the id exists
  // (imports report those as duplicates).
  Result<bool> add_order(const Order& o);
  Status set_setting(const std::string& key, const std::string& value);
  Db& db() { return db_; }

 private:
  Result<Stmt*> stmt(int slot, const char* sql);
  Db& db_;
  Stmt stmts_[10];
};

class Store {
 public:
  // Opens (creating when missing, unless readonly) the store in `dir` and migrates it.
  static Result<Store> open(const std::string& dir, bool readonly = false);
  // Opens a store in memory (tests, scratch work); `readonly` refuses writes after creation.
  static Result<Store> open_memory(bool readonly = false);
  Store() = default;
  Store(Store&& o) noexcept;
  Store& operator=(Store&& o) noexcept;
  // Rolls back a held transaction still open (the connection closing would do the same).
  ~Store();

  bool readonly() const { return readonly_; }
  const std::string& dir() const { return dir_; }
  Db& db() { return db_; }

  // Refused (ErrorCode::conflict) while a held transaction is open.
  Status write(const std::function<Status(Writer&)>& fn);

  // A write transaction held open across calls, for work split over many frames (a large
  // import): nothing is visible to other connections, nor written to the files' committed
  // content, until end_transaction(true); end_transaction(false), a failed COMMIT, or closing
  // the store rolls it all back. While it is open, write() (and so set_setting, clear_all) is
  // refused, so nothing else can slip into the same transaction.
  Status begin_transaction();
  Status end_transaction(bool commit);
  bool in_transaction() const { return in_txn_; }
  Result<Counts> counts();
  std::string setting(const std::string& key, const std::string& fallback = "");
  Status set_setting(const std::string& key, const std::string& value);
  // Deletes every row of every table (schema kept), in one transaction.
  Status clear_all();

 private:
  Db db_;
  std::string dir_;
  bool readonly_ = false;
  bool in_txn_ = false;
};

}  // namespace shopkeeper
