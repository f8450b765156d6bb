// SQLite schema and forward-only migrations. The store is two files in one directory:
//   store.db  products, suppliers, customers, promotions, coupons, campaigns, points, settings...
//   facts.db  orders, order_lines, refunds, traffic_daily, ad_spend, import_log (bulk, append-mostly)
// facts.db is ATTACHed as schema `facts`, so a small edit does not rewrite the large file.
// The schema version is PRAGMA user_version of store.db (and mirrored in facts.db).
#pragma once
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/store/db.h"

namespace shopkeeper {

constexpr int kSchemaVersion = 30;

// A column a migration adds when the table lacks it (SQLite has no ADD COLUMN IF NOT EXISTS),
// so the migration can run again over its own result.
struct AddColumn {
  const char* table;          // schema-qualified: "facts.orders"
  const char* column;
  const char* declaration;    // "INTEGER NOT NULL DEFAULT 0"
};

struct Migration {
  int version;                // the version this migration brings the store to
  const char* main_sql;       // run against store.db (main)
  const char* facts_sql;      // run against facts.db (schema-qualified with facts.)
  std::vector<AddColumn> columns = {};  // added first, each only when missing
};

const std::vector<Migration>& migrations();

// Brings an attached store to kSchemaVersion inside one transaction. Refuses a store newer
// than this build (schema_mismatch).
Status migrate(Db& db);
Result<int> schema_version(Db& db);

}  // namespace shopkeeper
