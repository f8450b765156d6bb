// The import log (facts.import_log): one row per committed import, newest first.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/store/store.h"

namespace shopkeeper {

struct ImportLogRow {
  Timestamp at = 0;
  std::string file, format;
  int64_t rows_read = 0, rows_imported = 0, rows_rejected = 0;
};

// At most `limit` rows, the newest first.
Result<std::vector<ImportLogRow>> read_import_log(Store& store, int limit);

}  // namespace shopkeeper
