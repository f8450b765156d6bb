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

// A subcommand of `parent` that works on a store: with the required --db option.
CLI::App* store_command(CLI::App* parent, const char* name, const char* what, std::string& db_dir);
// The --format option (csv unless the help says otherwise).
void add_format_option(CLI::App* cmd, std::string& format, const char* help = "csv | json (default csv)");
// A whole input file the user named, or "cannot open PATH".
Result<std::string> read_input(const std::string& path);
// The file the user named, parsed by parse(text): "cannot open PATH", or the parse error
// prefixed with "PATH: ".
template <class Parse>
auto parse_input(const std::string& path, Parse&& parse) -> decltype(parse(std::string())) {
  auto text = read_input(path);
  if (!text) return text.error();
  auto r = parse(*text);
  if (!r) return make_error(r.error().code, path + ": " + r.error().message);
  return r;
}
// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);
// `table` as an .xlsx file at `path` (sheet `sheet`, money in the store's currency and digits).
Status write_xlsx_file(Store& store, Table table, const std::string& sheet, const std::string& path);

}  // namespace shopkeeper::cli
