// Table: a small, typed result set (column names + rows of cells) that every store table and
// analysis result can be turned into, and its CSV and JSON writers.
// CSV is UTF-8 with a BOM and CRLF line ends, so Excel opens Chinese text correctly; text cells
// that a spreadsheet would run as a formula (= + - @ tab CR first) get a leading ', except plain
// numbers such as -12.5. Money cells are written as decimals in major units ("12.50"), days as
// YYYY-MM-DD, times as YYYY-MM-DD HH:MM:SS. In JSON money is a decimal string (exact).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"

namespace shopkeeper {

class Store;

struct Cell {
  enum class Kind { empty, text, integer, money, day, time, real };
  Kind kind = Kind::empty;
  std::string str;    // text
  int64_t num = 0;    // integer, money (minor units), day, time
  double real_value = 0;

  static Cell null() { return {}; }
  static Cell text(std::string v) { Cell c; c.kind = Kind::text; c.str = std::move(v); return c; }
  static Cell integer(int64_t v) { Cell c; c.kind = Kind::integer; c.num = v; return c; }
  static Cell money(Money v) { Cell c; c.kind = Kind::money; c.num = v; return c; }
  static Cell day(Day v) { Cell c; c.kind = Kind::day; c.num = v; return c; }
  static Cell time(Timestamp v) { Cell c; c.kind = Kind::time; c.num = v; return c; }
  static Cell real(double v) { Cell c; c.kind = Kind::real; c.real_value = v; return c; }

  // The cell as plain text (no formula escaping, no quoting).
  std::string to_string(int money_decimals = 2) const;
  bool operator==(const Cell&) const = default;
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  int money_decimals = 2;
  // Real cells rounded half away from zero to this many decimal places when written (CSV and
  // JSON); -1 = the shortest text that reads back as the same double.
  int real_digits = -1;
  // When set, to_csv writes it as a first line "# <note>" before the header (how the figures
  // are rounded; issue #10). JSON stays a plain array of rows.
  std::string note;
};

// `v` rounded half away from zero to `digits` decimal places (digits < 0: v itself).
double round_real(double v, int digits);

std::string to_csv(const Table& t);
std::string to_json(const Table& t);  // [{"column": value, ...}, ...]

// True when `s` is a plain decimal number ("-12.5", "+3", "1e5" is not).
bool is_plain_number(std::string_view s);
// The formula guard applied to text cells in to_csv.
std::string escape_formula(std::string_view s);

// Store tables that export_table knows, in a sensible order.
const std::vector<std::string>& exportable_tables();
// A whole store table, ordered by its key. Money, day and time columns are typed; orders'
// status is written as its name; refunds leave out their internal row id.
Result<Table> export_table(Store& store, std::string_view name);

}  // namespace shopkeeper
