// Backup and restore of a whole store as ONE file.
//
// The backup file is itself a SQLite database: every table of store.db under its own name and
// every table of facts.db under "facts__<name>" (VACUUM INTO covers one schema only, so the
// tables are copied through an ATTACH), plus a `shopkeeper_backup` table (format, schema
// version, time) and PRAGMA user_version = the schema version. Indexes are not copied: a
// restore builds a fresh store with the current schema and copies the rows into it.
//
// Restore verifies the file first (PRAGMA integrity_check, the marker table, a schema version
// this build can read), builds the new store.db/facts.db in DIR/.restore-tmp, checks them, then
// renames them over the current files; the old files are kept as *.before-restore until the new
// store has opened, and put back if it does not.
#pragma once
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/store/store.h"

namespace shopkeeper {

struct BackupInfo {
  int schema_version = 0;
  std::string created_at;  // YYYY-MM-DD HH:MM:SS, the store's wall-clock time (store_now)
  std::vector<std::string> tables;
};

// Writes the backup of `store` to `path` (through a temporary file, renamed when complete).
Status backup_store(Store& store, const std::string& path);
// Checks a backup file without changing anything.
Result<BackupInfo> verify_backup(const std::string& path);
// Replaces the store in `dir` with the backup's content and returns it opened. A Store the
// caller still holds on `dir` keeps reading the old (renamed) files: drop it and use this one.
Result<Store> restore_store(const std::string& dir, const std::string& backup_path);

}  // namespace shopkeeper
