#include "native/cli/common.h"

#include "core/base/currency.h"
#include "core/base/file.h"
#include "core/io/xlsx_write.h"
#include "core/store/store_money.h"

namespace shopkeeper::cli {

void add_db_option(CLI::App* cmd, RangeArgs& args) {
  cmd->add_option("--db", args.db_dir, "store directory")->required();
}

void add_range_options(CLI::App* cmd, RangeArgs& args) {
  cmd->add_option("--from", args.from, "first day, YYYY-MM-DD")->required();
  cmd->add_option("--to", args.to, "last day, YYYY-MM-DD (inclusive)")->required();
}

Result<DayRange> parse_range(const RangeArgs& args) {
  auto f = parse_day(args.from);
  if (!f) return make_error(f.error().code, "--from: " + f.error().message);
  auto t = parse_day(args.to);
  if (!t) return make_error(t.error().code, "--to: " + t.error().message);
  if (*t < *f) return make_error(ErrorCode::invalid_argument, "--to " + args.to + " is before --from " + args.from);
  return DayRange{*f, *t};
}

Result<OpenedStore> open_readonly(const std::string& db_dir) {
  auto store = Store::open(db_dir, true);
  if (!store) return store.error();
  auto ds = load_dataset(*store);
  if (!ds) return ds.error();
  return OpenedStore{std::move(*store), std::move(*ds)};
}

CLI::App* store_command(CLI::App* parent, const char* name, const char* what, std::string& db_dir) {
  CLI::App* cmd = parent->add_subcommand(name, what);
  cmd->add_option("--db", db_dir, "store directory")->required();
  return cmd;
}

void add_format_option(CLI::App* cmd, std::string& format, const char* help) { cmd->add_option("--format", format, help); }

Result<std::string> read_input(const std::string& path) {
  auto text = read_file(path);
  if (!text) return make_error(ErrorCode::io_error, "cannot open " + path);
  return std::move(*text);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += '"';
    o += c;
  }
  return o + "\"";
}

Status write_xlsx_file(Store& store, Table table, const std::string& sheet, const std::string& path) {
  StoreMoney money = read_store_money(store);
  table.money_decimals = money.digits;
  XlsxOptions o;
  o.sheet = sheet;
  if (const CurrencyInfo* c = find_currency(money.currency)) o.currency_symbol = c->symbol;
  auto bytes = to_xlsx(table, o);
  if (!bytes) return bytes.error();
  if (!write_file(path, *bytes)) return make_error(ErrorCode::io_error, "could not write " + path);
  return Ok{};
}

}  // namespace shopkeeper::cli
