#include "core/io/backup.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <utility>

#include "core/store/schema.h"
#include "core/store/store_clock.h"

namespace shopkeeper {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "shopkeeper-backup-1";
constexpr const char* kFactsPrefix = "facts__";

struct TableSql {
  std::string name, sql;
};

Result<std::vector<TableSql>> list_tables(Db& db, const std::string& schema) {
  auto st = db.prepare("SELECT name, sql FROM " + schema +
                       ".sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  if (!st) return st.error();
  std::vector<TableSql> out;
  while (st->step()) out.push_back({st->text(0), st->text(1)});
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

Result<std::vector<std::string>> columns(Db& db, const std::string& schema, const std::string& table) {
  auto st = db.prepare("SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid");
  if (!st) return st.error();
  st->bind(1, table).bind(2, schema);
  std::vector<std::string> out;
  while (st->step()) out.push_back(st->text(0));
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

std::string quote(const std::string& id) { return "\"" + id + "\""; }

Status integrity(Db& db, const std::string& schema, const std::string& what) {
  auto st = db.prepare("PRAGMA " + schema + ".integrity_check");
  if (!st) return st.error();
  std::string first;
  if (st->step()) first = st->text(0);
  if (st->failed()) return make_error(ErrorCode::db_error, what + ": " + st->error());
  if (first != "ok") return make_error(ErrorCode::db_error, what + " is damaged (integrity check: " + first + ")");
  return Ok{};
}

// Copies one schema's tables into schema `dst`, renaming them with `prefix`.
Status copy_out(Db& db, const std::string& schema, const std::string& prefix, const std::string& dst = "bk") {
  auto tables = list_tables(db, schema);
  if (!tables) return tables.error();
  for (const auto& t : *tables) {
    // sqlite_master keeps "CREATE TABLE name(...)" without the schema: re-target it to bk.
    std::string head = "CREATE TABLE " + t.name;
    if (t.sql.compare(0, head.size(), head) != 0)
      return make_error(ErrorCode::db_error, "unexpected definition of table " + t.name);
    std::string sql = "CREATE TABLE " + dst + "." + quote(prefix + t.name) + t.sql.substr(head.size());
    if (auto st = db.exec(sql); !st) return st;
    if (auto st = db.exec("INSERT INTO " + dst + "." + quote(prefix + t.name) + " SELECT * FROM " + schema + "." + quote(t.name));
        !st)
      return st;
  }
  return Ok{};
}

}  // namespace

Status backup_store(Store& store, const std::string& path) {
  // A held transaction (an import being saved) would leak its uncommitted rows into the backup.
  if (store.in_transaction())
    return make_error(ErrorCode::conflict, "an import is being saved; make the backup when it has finished");
  auto version = schema_version(store.db());
  if (!version) return version.error();
  // The backup's stamp is the store's wall-clock time (its zone), not the machine's.
  const std::string created_at = format_timestamp(store_now(store.db()));
  std::string tmp = path + ".partial";
  std::error_code ec;
  fs::remove(tmp, ec);
  // A writable store attaches the backup file to its own connection. An attached file takes the
  // connection's flags, so a read-only store (a second tab) is read through a new connection
  // opened on the backup file instead, with the store's two files attached to it.
  std::optional<Db> own;
  std::string src_main = "main", src_facts = "facts";
  if (store.readonly()) {
    auto d = Db::open(tmp, false);
    if (!d) return make_error(ErrorCode::io_error, "cannot create " + tmp + ": " + d.error().message);
    own = std::move(*d);
    for (auto [file, name] : {std::pair{"/store.db", "src"}, std::pair{"/facts.db", "srcfacts"}}) {
      auto att = own->prepare(std::string("ATTACH DATABASE ? AS ") + name);
      if (!att) return att.error();
      att->bind(1, store.dir() + file);
      if (auto st = att->run(); !st) return st;
    }
    src_main = "src", src_facts = "srcfacts";
  } else {
    auto att = store.db().prepare("ATTACH DATABASE ? AS bk");
    if (!att) return att.error();
    att->bind(1, tmp);
    if (auto st = att->run(); !st) return make_error(ErrorCode::io_error, "cannot create " + tmp + ": " + st.error().message);
  }
  Db& db = own ? *own : store.db();
  const std::string dst = own ? "main" : "bk";
  Status result = db.exec("BEGIN");
  if (result) result = copy_out(db, src_main, "", dst);
  if (result) result = copy_out(db, src_facts, kFactsPrefix, dst);
  if (result) result = db.exec("CREATE TABLE " + dst + ".shopkeeper_backup(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  if (result) {
    auto ins = db.prepare("INSERT INTO " + dst +
                          ".shopkeeper_backup(key,value) VALUES('format',?1),('schema_version',?2),('created_at',?3)");
    if (!ins) result = ins.error();
    else {
      ins->bind(1, kFormat).bind(2, std::to_string(*version)).bind(3, created_at);
      result = ins->run();
    }
  }
  if (result) result = db.exec("PRAGMA " + dst + ".user_version=" + std::to_string(*version));
  if (result) result = db.exec("COMMIT");
  else (void)db.exec("ROLLBACK");
  if (own) own.reset();
  else (void)db.exec("DETACH DATABASE bk");
  if (!result) {
    fs::remove(tmp, ec);
    return make_error(result.error().code, "backup failed: " + result.error().message);
  }
  fs::rename(tmp, path, ec);
  if (ec) return make_error(ErrorCode::io_error, "cannot write " + path + ": " + ec.message());
  return Ok{};
}

Result<BackupInfo> verify_backup(const std::string& path) {
  if (!fs::exists(path)) return make_error(ErrorCode::not_found, path + ": no such file");
  auto db = Db::open(path, true);
  if (!db) return db.error();
  // A file that is not SQLite fails here, in the first read.
  if (auto st = integrity(*db, "main", path); !st) return st.error();
  auto has_marker = db->scalar("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='shopkeeper_backup'");
  if (!has_marker) return make_error(ErrorCode::parse_error, path + " is not a Shopkeeper backup: " + has_marker.error().message);
  if (*has_marker == 0) return make_error(ErrorCode::parse_error, path + " is not a Shopkeeper backup (no shopkeeper_backup table)");
  BackupInfo info;
  auto st = db->prepare("SELECT key, value FROM shopkeeper_backup");
  if (!st) return st.error();
  std::string format;
  while (st->step()) {
    std::string k = st->text(0), v = st->text(1);
    if (k == "format") format = v;
    else if (k == "schema_version") info.schema_version = std::atoi(v.c_str());
    else if (k == "created_at") info.created_at = v;
  }
  if (format != kFormat) return make_error(ErrorCode::parse_error, path + ": unknown backup format \"" + format + "\"");
  if (info.schema_version < 1 || info.schema_version > kSchemaVersion)
    return make_error(ErrorCode::schema_mismatch, path + ": backup of schema " + std::to_string(info.schema_version) +
                                                      ", this build reads up to " + std::to_string(kSchemaVersion));
  auto tables = list_tables(*db, "main");
  if (!tables) return tables.error();
  for (const auto& t : *tables)
    if (t.name != "shopkeeper_backup") info.tables.push_back(t.name);
  return info;
}

Result<Store> restore_store(const std::string& dir, const std::string& backup_path) {
  auto info = verify_backup(backup_path);
  if (!info) return info.error();
  const std::string staging = dir + "/.restore-tmp";
  std::error_code ec;
  fs::remove_all(staging, ec);
  {
    auto fresh = Store::open(staging);
    if (!fresh) return fresh.error();
    Db& db = fresh->db();
    auto att = db.prepare("ATTACH DATABASE ? AS bk");
    if (!att) return att.error();
    att->bind(1, backup_path);
    if (auto st = att->run(); !st) return st.error();
    Status result = db.exec("BEGIN");
    // Rows go into the tables of the current schema; columns both sides know are copied (a
    // backup from an older schema gets the newer columns' defaults).
    for (const char* schema : {"main", "facts"}) {
      if (!result) break;
      auto tables = list_tables(db, schema);
      if (!tables) {
        result = tables.error();
        break;
      }
      for (const auto& t : *tables) {
        std::string src = (std::string(schema) == "facts" ? kFactsPrefix : "") + t.name;
        auto dst_cols = columns(db, schema, t.name);
        auto src_cols = columns(db, "bk", src);
        if (!dst_cols || !src_cols) {
          result = make_error(ErrorCode::db_error, "cannot read the columns of " + t.name);
          break;
        }
        std::string cols;
        for (const auto& c : *dst_cols)
          if (std::find(src_cols->begin(), src_cols->end(), c) != src_cols->end()) cols += (cols.empty() ? "" : ",") + quote(c);
        if (cols.empty()) continue;  // a table the backup does not have
        result = db.exec("INSERT INTO " + std::string(schema) + "." + quote(t.name) + "(" + cols + ") SELECT " + cols +
                         " FROM bk." + quote(src));
        if (!result) break;
      }
    }
    if (result) result = db.exec("COMMIT");
    else (void)db.exec("ROLLBACK");
    (void)db.exec("DETACH DATABASE bk");
    if (result) result = integrity(db, "main", "the restored store.db");
    if (result) result = integrity(db, "facts", "the restored facts.db");
    if (!result) {
      fs::remove_all(staging, ec);
      return make_error(result.error().code, "restore failed, the store is unchanged: " + result.error().message);
    }
  }  // the staging store is closed here

  // Swap: keep the current files until the restored store opens.
  const char* files[] = {"store.db", "facts.db"};
  for (const char* f : files) {
    if (fs::exists(dir + "/" + f)) fs::rename(dir + "/" + f, dir + "/" + f + ".before-restore", ec);
    if (!ec) fs::rename(staging + "/" + f, dir + "/" + f, ec);
    if (ec) break;
  }
  auto put_back = [&] {
    std::error_code e2;
    for (const char* f : files)
      if (fs::exists(dir + "/" + f + ".before-restore")) fs::rename(dir + "/" + f + ".before-restore", dir + "/" + f, e2);
  };
  if (ec) {
    put_back();
    return make_error(ErrorCode::io_error, "restore failed while swapping files, the store is unchanged: " + ec.message());
  }
  auto opened = Store::open(dir);
  if (!opened) {
    put_back();
    return make_error(opened.error().code, "the restored store did not open, the previous one is back: " + opened.error().message);
  }
  for (const char* f : files) fs::remove(dir + "/" + f + ".before-restore", ec);
  fs::remove_all(staging, ec);
  return opened;
}

}  // namespace shopkeeper
