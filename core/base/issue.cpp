#include "core/base/issue.h"

namespace shopkeeper {

// No default: a new code without its name and English sentence is a -Wswitch warning here.
const char* input_why_name(InputWhy w) {
  switch (w) {
    case InputWhy::none: return "none";
    case InputWhy::other: return "other";
    case InputWhy::file_empty: return "file_empty";
    case InputWhy::missing_column: return "missing_column";
    case InputWhy::unknown_columns: return "unknown_columns";
    case InputWhy::header_needs: return "header_needs";
    case InputWhy::record_cut_off: return "record_cut_off";
    case InputWhy::record_bad_quote: return "record_bad_quote";
    case InputWhy::fewer_fields: return "fewer_fields";
    case InputWhy::field_empty: return "field_empty";
    case InputWhy::not_whole_number: return "not_whole_number";
    case InputWhy::not_positive_whole: return "not_positive_whole";
    case InputWhy::not_nonneg_whole: return "not_nonneg_whole";
    case InputWhy::not_minor_units: return "not_minor_units";
    case InputWhy::not_date: return "not_date";
    case InputWhy::not_count: return "not_count";
    case InputWhy::not_rate: return "not_rate";
    case InputWhy::rate_above_100: return "rate_above_100";
    case InputWhy::no_supplier: return "no_supplier";
    case InputWhy::no_product: return "no_product";
    case InputWhy::before_order_date: return "before_order_date";
    case InputWhy::received_before_ordered: return "received_before_ordered";
    case InputWhy::rejected_over_received: return "rejected_over_received";
    case InputWhy::received_without_date: return "received_without_date";
    case InputWhy::po_sku_twice: return "po_sku_twice";
    case InputWhy::snapshot_twice: return "snapshot_twice";
    case InputWhy::ab_no_visitors: return "ab_no_visitors";
    case InputWhy::ab_negative_conversions: return "ab_negative_conversions";
    case InputWhy::ab_conversions_over_visitors: return "ab_conversions_over_visitors";
    case InputWhy::ab_alpha_range: return "ab_alpha_range";
    case InputWhy::ab_power_range: return "ab_power_range";
    case InputWhy::ab_split_range: return "ab_split_range";
    case InputWhy::ab_revenue_one_sided: return "ab_revenue_one_sided";
    case InputWhy::ab_revenue_too_few: return "ab_revenue_too_few";
    case InputWhy::ab_lift_range: return "ab_lift_range";
    case InputWhy::workbook_not_excel: return "workbook_not_excel";
    case InputWhy::workbook_encrypted: return "workbook_encrypted";
    case InputWhy::workbook_damaged: return "workbook_damaged";
    case InputWhy::workbook_no_sheets: return "workbook_no_sheets";
    case InputWhy::no_such_sheet: return "no_such_sheet";
    case InputWhy::sheets_empty: return "sheets_empty";
    case InputWhy::no_header_row: return "no_header_row";
    case InputWhy::formula_no_value: return "formula_no_value";
    case InputWhy::count_: return "";
  }
  return "";
}

std::string input_what_en(const InputIssue& i) {
  const std::string q = "\"" + i.a + "\"";
  switch (i.why) {
    case InputWhy::none: return "";
    case InputWhy::other: return i.a;
    case InputWhy::file_empty: return "empty file";
    case InputWhy::missing_column: return "missing column " + i.field;
    case InputWhy::unknown_columns: return "unknown column " + i.a + " (expected " + i.b + ")";
    case InputWhy::header_needs: return "the header needs " + i.a + " columns";
    case InputWhy::record_cut_off:
      return "the file ends in the middle of a row: was it cut off? (a quoted field opened on line " +
             std::to_string(i.n) + " is never closed)";
    case InputWhy::record_bad_quote: return "unexpected text after a closing quote (a quote inside a field must be doubled)";
    case InputWhy::fewer_fields: return "fewer fields than the header";
    case InputWhy::field_empty: return "empty";
    case InputWhy::not_whole_number: return q + " is not a whole number";
    case InputWhy::not_positive_whole: return "must be a whole number above 0";
    case InputWhy::not_nonneg_whole: return "must be a whole number >= 0";
    case InputWhy::not_minor_units: return "must be a whole number of minor units >= 0";
    case InputWhy::not_date: return q + " is not a date YYYY-MM-DD";
    case InputWhy::not_count: return q + " is not a count";
    case InputWhy::not_rate: return q + " is not a rate";
    case InputWhy::rate_above_100: return "above 100%";
    case InputWhy::no_supplier: return "no supplier with id " + i.a;
    case InputWhy::no_product: return "no product with SKU " + q;
    case InputWhy::before_order_date: return "before the order date";
    case InputWhy::received_before_ordered: return "received " + i.a + " before it was ordered (" + i.b + ")";
    case InputWhy::rejected_over_received: return "more units rejected than received";
    case InputWhy::received_without_date: return "units received but no received date";
    case InputWhy::po_sku_twice: return "PO " + i.a + " lists SKU " + i.b + " twice";
    case InputWhy::snapshot_twice: return "SKU " + i.a + " on " + i.b + " twice";
    case InputWhy::ab_no_visitors: return i.a + " has no visitors: a rate needs at least one visitor";
    case InputWhy::ab_negative_conversions: return "conversions cannot be negative";
    case InputWhy::ab_conversions_over_visitors:
      return i.a + " has more conversions (" + std::to_string(i.n) + ") than visitors (" + std::to_string(i.m) + ")";
    case InputWhy::ab_alpha_range: return "alpha must be between 0 and 1";
    case InputWhy::ab_power_range: return "power must be between alpha and 1";
    case InputWhy::ab_split_range: return "the planned split must be between 0 and 1";
    case InputWhy::ab_revenue_one_sided: return "give revenue for both A and B, or for neither";
    case InputWhy::ab_revenue_too_few: return "the revenue test needs at least two values per variant";
    case InputWhy::ab_lift_range: return "the lift must be above -100%";
    case InputWhy::workbook_not_excel:
      if (i.n == 1)
        return "this zip archive holds no Excel workbook (no xl/workbook.xml): it is not an .xlsx file, perhaps another "
               "file renamed; unpack it or export the data from Excel again";
      if (i.n == 2) return "this Office file holds no Excel workbook (it may be a Word or PowerPoint file)";
      return "this is not an Excel workbook (.xlsx or .xls)";
    case InputWhy::workbook_encrypted:
      if (i.n == 1)
        return "this workbook is protected with a password: open it in Excel, remove the password and save it again, then "
               "import it";
      return "this workbook is protected with a password (it is encrypted): open it in Excel, remove the password (File > "
             "Info > Protect Workbook) and save it again, then import it";
    case InputWhy::workbook_damaged: return i.a;
    case InputWhy::workbook_no_sheets: return "the workbook holds no worksheets";
    case InputWhy::no_such_sheet: return "no sheet named \"" + i.sheet + "\"; the sheets are " + i.a;
    case InputWhy::sheets_empty: return "every sheet of the workbook is empty";
    case InputWhy::no_header_row:
      return "no header row in the first " + std::to_string(i.n) +
             " rows (a header is a row of column names, without numbers or dates, above the data)";
    case InputWhy::formula_no_value:
      return "a formula without a saved value (the file was written by a program that does not calculate); open it in "
             "Excel or LibreOffice and save it again so the values are stored";
    case InputWhy::count_: return "";
  }
  return "";
}

std::string input_issue_en(const InputIssue& i) {
  // In a workbook: "orders.xlsx, sheet \"Data\": row 2, column B: ...".
  if (!i.sheet.empty() && i.why != InputWhy::no_such_sheet) {
    std::string s = i.file + (i.file.empty() ? "" : ", ") + "sheet \"" + i.sheet + "\": ";
    if (i.line > 0) s += "row " + std::to_string(i.line) + (i.field.empty() ? "" : ", column " + i.field) + ": ";
    return s + input_what_en(i);
  }
  std::string where = i.file;
  if (i.line > 0) where += (where.empty() ? "line " : " line ") + std::to_string(i.line);
  const bool field_in_what = i.why == InputWhy::missing_column;
  if (!i.field.empty() && !field_in_what) where += (where.empty() ? "field " : ": field ") + i.field;
  return where.empty() ? input_what_en(i) : where + ": " + input_what_en(i);
}

Error input_error(ErrorCode code, InputIssue issue, InputIssue* why) {
  Error e{code, input_issue_en(issue)};
  if (why) *why = std::move(issue);
  return e;
}

}  // namespace shopkeeper
