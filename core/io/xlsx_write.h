// Tables out as .xlsx (libxlsxwriter), beside to_csv / to_json (core/io/table.h): the same cells,
// typed. Numbers and counts are numbers, money a number in the store's currency format with its
// digits ("¥"#,##0.00), days and times real dates (yyyy-mm-dd, yyyy-mm-dd hh:mm:ss), rates rounded
// as in the CSV (Table::real_digits); the header row is bold, frozen and filtered, the columns as
// wide as their longest cell (a CJK character counts two), and Table::note becomes a comment on
// the first header cell (the CSV's "# ..." line). docs/excel.md.
#pragma once
#include <string>

#include "core/base/result.h"
#include "core/io/table.h"

namespace shopkeeper {

struct XlsxOptions {
  std::string sheet = "Sheet1";  // cut to 31 characters, []:*?/\ replaced
  std::string currency_symbol;   // "¥", "$" ...; "" = money as a plain number with its digits
};

// The workbook's bytes. Fails for more rows than a sheet holds (1,048,575 below the header) or a
// text cell longer than Excel's 32,767 characters, naming the row and column.
Result<std::string> to_xlsx(const Table& t, const XlsxOptions& o = {});

// The number format of money cells: "\"¥\"#,##0.00" for ("¥", 2), "#,##0" for ("", 0).
std::string money_number_format(const std::string& symbol, int digits);

}  // namespace shopkeeper
