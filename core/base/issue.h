// What is wrong with a seller's input (a row of a purchase-order or keyword file, a figure typed
// into the A/B form) as a code with its parameters, like the promotions' reason codes and the
// importer's FileRefusal (issue #10): the function that refuses the input fills an `InputIssue*
// why` out-parameter (like decode_text's FileRefusal*), its Error's message is the English
// sentence input_issue_en() that the CLI prints, and the UI words the code per language
// (ui/i18n/issues.cpp), so no English reaches the Chinese interface.
//
// Parameters: `file`, `sheet` and `line` say where (any may be empty/0), `field` names the column
// as the file has it (data, shown as it is), `a` and `b` carry values as written (a SKU, a date, a
// cell) and `n`, `m` counts.
#pragma once
#include <cstdint>
#include <string>

#include "core/base/result.h"

namespace shopkeeper {

enum class InputWhy : uint8_t {
  none,
  other,                     // a = the English detail (a decoding or store failure)
  // files and their header
  file_empty,                // nothing in the file
  missing_column,            // line 1 has no column `field`
  unknown_columns,           // a = the unknown header names, quoted; b = the expected names
  header_needs,              // a = the columns a header must have ("keyword, visitors and conversion")
  record_cut_off,            // a quoted field opened on line n never closes
  record_bad_quote,          // text after a closing quote
  fewer_fields,              // the row has fewer fields than the header
  // one field's value (a = the value as written)
  field_empty,
  not_whole_number,          // "a" is not a whole number
  not_positive_whole,        // must be a whole number above 0
  not_nonneg_whole,          // must be a whole number >= 0
  not_minor_units,           // must be a whole number of minor units >= 0
  not_date,                  // "a" is not a date YYYY-MM-DD
  not_count,                 // "a" is not a count
  not_rate,                  // "a" is not a rate
  rate_above_100,            // a rate above 100 %
  // purchase orders and stock snapshots
  no_supplier,               // no supplier with id a
  no_product,                // no product with SKU a
  before_order_date,         // the expected day is before the order day
  received_before_ordered,   // received a before it was ordered (b)
  rejected_over_received,    // more units rejected than received
  received_without_date,     // units received but no received date
  po_sku_twice,              // PO a lists SKU b twice
  snapshot_twice,            // SKU a on day b twice
  // the A/B test's figures (a = "A" or "B" where a variant is named)
  ab_no_visitors,            // variant a has no visitors
  ab_negative_conversions,
  ab_conversions_over_visitors,  // variant a: n conversions, m visitors
  ab_alpha_range,
  ab_power_range,
  ab_split_range,
  ab_revenue_one_sided,
  ab_revenue_too_few,
  ab_lift_range,
  // workbooks (.xlsx, .xls; `sheet` names the sheet where one is meant, `line` its row, `field`
  // the column's letters)
  workbook_not_excel,        // n: 0 not a workbook at all, 1 a zip without xl/workbook.xml, 2 an Office file of another kind
  workbook_encrypted,        // protected with a password (n = 1: the legacy obfuscation)
  workbook_damaged,          // a = the English detail (which part, which cell)
  workbook_no_sheets,        // the workbook lists no sheet
  no_such_sheet,             // no sheet named `sheet`; a = the sheets there are, quoted
  sheets_empty,              // every sheet is empty
  no_header_row,             // no header row in the first n rows of `sheet`
  formula_no_value,          // a formula cell with no saved value
  count_
};
inline constexpr int kInputWhyCount = static_cast<int>(InputWhy::count_);

struct InputIssue {
  InputWhy why = InputWhy::none;
  std::string file;
  int64_t line = 0;
  std::string field;
  std::string a, b;
  int64_t n = 0, m = 0;
  std::string sheet;
  bool empty() const { return why == InputWhy::none; }
};

// Stable snake_case name of a code ("not_date").
const char* input_why_name(InputWhy w);
// The problem in plain English, without where it is ("\"x\" is not a date YYYY-MM-DD").
std::string input_what_en(const InputIssue& i);
// With where it is: "po.csv line 3: field sku: no product with SKU \"X\"".
std::string input_issue_en(const InputIssue& i);
// The Error for `issue` (message input_issue_en(issue)); `why`, when given, receives the issue.
Error input_error(ErrorCode code, InputIssue issue, InputIssue* why);

}  // namespace shopkeeper
