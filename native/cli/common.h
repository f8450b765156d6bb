// Set-up shared by the subcommands that analyse a date range of a store (kpi, report, and the
// new modules' commands): the --db/--from/--to options, their parsing, and opening the store
// read-only with its Dataset. Errors are the one-line messages the commands print.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/io/table.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper::cli {

struct RangeArgs {
  std::string db_dir, from, to;
};

// Adds the required --db option; then the required --from and --to.
void add_db_option(CLI::App* cmd, RangeArgs& args);
void add_range_options(CLI::App* cmd, RangeArgs& args);
// --from and --to as a range: "--from: ...", "--to: ...", "--to X is before --from Y".
Result<DayRange> parse_range(const RangeArgs& args);

struct OpenedStore {
  Store store;
  Dataset ds;
};
// Opens the store in `db_dir` read-only and loads its Dataset.
Result<OpenedStore> open_readonly(const std::string& db_dir);

// `table` as an .xlsx file at `path` (sheet `sheet`, money in the store's currency and digits).
Status write_xlsx_file(Store& store, Table table, const std::string& sheet, const std::string& path);

}  // namespace shopkeeper::cli
