// Editing what the seller owns in the catalogue: one product's cost, list price, stock,
// category, supplier and status (the Products table's inline cells, with undo of the last
// change), and a two-column sheet (SKU, cost) pasted or imported in bulk, planned first (what
// changes, what stays, which SKUs are not in the catalogue, which rows cannot be read) and then
// written. Every write is one transaction through a Writer; nothing else of the product moves.
//
// Counting rules of a cost sheet:
//   - a row is one record of the sheet; blank rows are skipped and not counted;
//   - a first row whose cost cell is not a number and whose SKU cell names no product is a
//     header (e.g. "SKU,cost", "货号\t成本") and is not counted;
//   - a SKU may appear once: a later row for the same SKU is reported (duplicate), the first
//     one counts;
//   - "changes" are rows whose cost differs from the stored one (an unknown stored cost always
//     differs); "unchanged" rows equal it; "not_found" rows name no product; "bad" rows have an
//     empty SKU, a cost that is not an amount, or a negative cost.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/io/values.h"
#include "core/model/entities.h"
#include "core/store/db.h"
#include "core/store/store.h"

namespace shopkeeper::catalog {

enum class ProductField { unit_cost, list_price, stock, category, supplier, status };
const char* field_name(ProductField f);  // "unit_cost", "list_price", ...

// One field's new value. Money and stock as integers (minor units); unit_cost may be cleared
// (unknown); supplier is a suppliers.id (0 = none); status one of active, paused, retired.
struct FieldValue {
  std::optional<int64_t> number;  // unit_cost (nullopt = unknown), list_price, stock, supplier
  std::string text;               // category, status
};

struct ProductEdit {
  std::string sku;
  ProductField field = ProductField::unit_cost;
  FieldValue value;
};

// The stored product (every column), or not_found.
Result<Product> load_product(Db& db, const std::string& sku);

// Writes `edit` and returns the edit that puts the field back as it was (the undo). Errors:
// not_found for an unknown SKU, invalid_argument for a negative money/stock value, an unknown
// status or a supplier id that is not in the suppliers table.
Result<ProductEdit> apply_edit(Writer& w, const ProductEdit& edit);

bool is_product_status(std::string_view s);  // active | paused | retired

// Supplier id and status of every product (the Dataset holds neither), and the suppliers to
// pick from (id, name) by name.
struct ProductExtra {
  std::string sku;
  int64_t supplier_id = 0;
  std::string status;
};
Result<std::vector<ProductExtra>> load_product_extras(Db& db);
Result<std::vector<std::pair<int64_t, std::string>>> load_suppliers(Db& db);

// --- cost sheet ----------------------------------------------------------------------------
struct CostChange {
  int64_t line = 0;  // 1-based line of the sheet
  std::string sku;
  std::optional<Money> old_cost;
  Money new_cost = 0;
};

enum class SheetProblemCode { not_found, bad_cost, negative_cost, empty_sku, duplicate_sku, malformed_row };
struct SheetProblem {
  int64_t line = 0;
  SheetProblemCode code = SheetProblemCode::not_found;
  std::string sku;
  std::string value;  // the cell as written (cost), or the reader's reason (malformed_row)
};
const char* problem_code(SheetProblemCode c);  // "not_found", "bad_cost", ...

struct CostSheetPlan {
  std::vector<CostChange> changes;
  int64_t unchanged = 0;
  std::vector<SheetProblem> not_found;  // SKUs the catalogue does not have
  std::vector<SheetProblem> bad;        // rows that cannot be read
  bool had_header = false;
  char delimiter = ',';
  int64_t rows = 0;  // records counted (header and blank rows excluded)
};

// Reads `text` (UTF-8: a paste from a spreadsheet, tab-separated, or a CSV file already
// decoded) against the stored catalogue. Nothing is written.
Result<CostSheetPlan> plan_cost_sheet(Db& db, std::string_view text, const NumberFormat& nf = {});
// Writes every change of the plan (unit_cost only). Rows that changed in the store since the
// plan was made are written as planned: the preview is what the seller agreed to.
Status apply_cost_sheet(Writer& w, const CostSheetPlan& plan);

}  // namespace shopkeeper::catalog
