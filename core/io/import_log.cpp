#include "core/io/import_log.h"

namespace shopkeeper {

Result<std::vector<ImportLogRow>> read_import_log(Store& store, int limit) {
  auto st = store.db().prepare(
      "SELECT at,file,format,rows_read,rows_imported,rows_rejected FROM import_log ORDER BY id DESC LIMIT ?");
  if (!st) return st.error();
  st->bind(1, static_cast<int64_t>(limit));
  std::vector<ImportLogRow> rows;
  while (st->step()) rows.push_back({st->i64(0), st->text(1), st->text(2), st->i64(3), st->i64(4), st->i64(5)});
  return rows;
}

}  // namespace shopkeeper
