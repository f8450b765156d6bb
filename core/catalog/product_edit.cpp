#include "core/catalog/product_edit.h"

#include <unordered_map>
#include <unordered_set>

#include "core/io/csv.h"
#include "core/store/store_clock.h"

namespace shopkeeper::catalog {

const char* field_name(ProductField f) {
  switch (f) {
    case ProductField::unit_cost: return "unit_cost";
    case ProductField::list_price: return "list_price";
    case ProductField::stock: return "stock";
    case ProductField::category: return "category";
    case ProductField::supplier: return "supplier_id";
    case ProductField::status: return "status";
  }
  return "";
}

const char* problem_code(SheetProblemCode c) {
  switch (c) {
    case SheetProblemCode::not_found: return "not_found";
    case SheetProblemCode::bad_cost: return "bad_cost";
    case SheetProblemCode::negative_cost: return "negative_cost";
    case SheetProblemCode::empty_sku: return "empty_sku";
    case SheetProblemCode::duplicate_sku: return "duplicate_sku";
    case SheetProblemCode::malformed_row: return "malformed_row";
  }
  return "";
}

bool is_product_status(std::string_view s) { return s == "active" || s == "paused" || s == "retired"; }

Result<Product> load_product(Db& db, const std::string& sku) {
  auto q = db.prepare(
      "SELECT sku,title,category,brand,tags,unit_cost,list_price,stock,supplier_id,launched_on,status,role,weight_g "
      "FROM products WHERE sku=?");
  if (!q) return q.error();
  q->bind(1, sku);
  if (!q->step()) {
    if (q->failed()) return make_error(ErrorCode::db_error, q->error());
    return make_error(ErrorCode::not_found, "no product with SKU \"" + sku + "\"");
  }
  Product p;
  p.sku = q->text(0);
  p.title = q->text(1);
  p.category = q->text(2);
  p.brand = q->text(3);
  p.tags = q->text(4);
  p.unit_cost = q->opt_i64<Money>(5);
  p.list_price = q->i64(6);
  p.stock = q->i64(7);
  p.supplier_id = q->i64(8);
  p.launched_on = q->opt_i64<Day>(9);
  p.status = q->text(10);
  p.role = q->text(11);
  p.weight_g = static_cast<int32_t>(q->i64(12));
  return p;
}

Result<std::vector<ProductExtra>> load_product_extras(Db& db) {
  std::vector<ProductExtra> out;
  auto s = each_row(db, "SELECT sku, supplier_id, status FROM products",
                    [&](const Stmt& q) { out.push_back({q.text(0), q.i64(1), q.text(2)}); });
  if (!s) return s.error();
  return out;
}

Result<std::vector<std::pair<int64_t, std::string>>> load_suppliers(Db& db) {
  std::vector<std::pair<int64_t, std::string>> out;
  auto s = each_row(db, "SELECT id, name FROM suppliers ORDER BY name, id", [&](const Stmt& q) { out.emplace_back(q.i64(0), q.text(1)); });
  if (!s) return s.error();
  return out;
}

namespace {

FieldValue current(const Product& p, ProductField f) {
  FieldValue v;
  switch (f) {
    case ProductField::unit_cost: v.number = p.unit_cost; break;
    case ProductField::list_price: v.number = p.list_price; break;
    case ProductField::stock: v.number = p.stock; break;
    case ProductField::supplier: v.number = p.supplier_id; break;
    case ProductField::category: v.text = p.category; break;
    case ProductField::status: v.text = p.status; break;
  }
  return v;
}

Status invalid(const std::string& sku, ProductField f, const std::string& why) {
  return make_error(ErrorCode::invalid_argument, "product " + sku + ", " + field_name(f) + ": " + why);
}

}  // namespace

Result<ProductEdit> apply_edit(Writer& w, const ProductEdit& e) {
  auto p = load_product(w.db(), e.sku);
  if (!p) return p.error();
  ProductEdit undo{e.sku, e.field, current(*p, e.field)};
  const char* sql = nullptr;
  switch (e.field) {
    case ProductField::unit_cost:
      if (e.value.number && *e.value.number < 0) return invalid(e.sku, e.field, "a cost cannot be negative").error();
      sql = "UPDATE products SET unit_cost=? WHERE sku=?";
      break;
    case ProductField::list_price:
    case ProductField::stock:
      if (!e.value.number) return invalid(e.sku, e.field, "a value is needed").error();
      if (*e.value.number < 0) return invalid(e.sku, e.field, "cannot be negative").error();
      sql = e.field == ProductField::list_price ? "UPDATE products SET list_price=? WHERE sku=?"
                                                : "UPDATE products SET stock=? WHERE sku=?";
      break;
    case ProductField::supplier: {
      int64_t id = e.value.number.value_or(0);
      if (id != 0) {
        auto q = w.db().prepare("SELECT 1 FROM suppliers WHERE id=?");
        if (!q) return q.error();
        q->bind(1, id);
        if (!q->step()) return invalid(e.sku, e.field, "no supplier with id " + std::to_string(id)).error();
      }
      sql = "UPDATE products SET supplier_id=? WHERE sku=?";
      break;
    }
    case ProductField::category: sql = "UPDATE products SET category=? WHERE sku=?"; break;
    case ProductField::status:
      if (!is_product_status(e.value.text))
        return invalid(e.sku, e.field, "\"" + e.value.text + "\" is not active, paused or retired").error();
      sql = "UPDATE products SET status=? WHERE sku=?";
      break;
  }
  auto s = w.db().prepare(sql);
  if (!s) return s.error();
  if (e.field == ProductField::category || e.field == ProductField::status) s->bind(1, e.value.text);
  else if (e.field == ProductField::supplier) s->bind(1, e.value.number.value_or(0));
  else s->bind(1, e.value.number);
  s->bind(2, e.sku);
  if (Status st = s->run(); !st) return st.error();
  // A new list price is logged once (price_history, source "edit"), at the store's time
  // (core/store/store_clock.h).
  if (e.field == ProductField::list_price && *e.value.number != p->list_price)
    if (Status st = log_list_price(w.db(), e.sku, p->list_price, *e.value.number, store_now(w), "edit"); !st)
      return st.error();
  return undo;
}

Result<CostSheetPlan> plan_cost_sheet(Db& db, std::string_view text, const NumberFormat& nf) {
  std::unordered_map<std::string, std::optional<Money>> costs;
  if (auto s = each_row(db, "SELECT sku, unit_cost FROM products", [&](const Stmt& q) { costs.emplace(q.text(0), q.opt_i64<Money>(1)); }); !s)
    return s.error();
  CostSheetPlan plan;
  plan.delimiter = detect_delimiter(text);
  CsvReader reader(text, plan.delimiter);
  CsvRecord rec;
  std::unordered_set<std::string> seen;
  bool first = true;
  while (reader.next(rec)) {
    std::string sku = rec.fields.empty() ? std::string() : std::string(trim(unwrap_cell(rec.fields[0])));
    std::string cost_cell = rec.fields.size() > 1 ? std::string(trim(rec.fields[1])) : std::string();
    bool blank = sku.empty() && cost_cell.empty() && rec.fields.size() <= 2;
    if (blank && rec.error.empty()) continue;
    auto amount = parse_amount(cost_cell, nf);
    if (first) {
      first = false;
      if (!amount && !costs.count(sku) && rec.error.empty()) {
        plan.had_header = true;
        continue;
      }
    }
    ++plan.rows;
    if (!rec.error.empty()) {
      plan.bad.push_back({rec.line, SheetProblemCode::malformed_row, sku, rec.error});
      continue;
    }
    if (sku.empty()) {
      plan.bad.push_back({rec.line, SheetProblemCode::empty_sku, sku, cost_cell});
      continue;
    }
    if (!amount) {
      plan.bad.push_back({rec.line, SheetProblemCode::bad_cost, sku, cost_cell});
      continue;
    }
    if (*amount < 0) {
      plan.bad.push_back({rec.line, SheetProblemCode::negative_cost, sku, cost_cell});
      continue;
    }
    if (!seen.insert(sku).second) {
      plan.bad.push_back({rec.line, SheetProblemCode::duplicate_sku, sku, cost_cell});
      continue;
    }
    auto it = costs.find(sku);
    if (it == costs.end()) {
      plan.not_found.push_back({rec.line, SheetProblemCode::not_found, sku, cost_cell});
      continue;
    }
    if (it->second && *it->second == *amount) {
      ++plan.unchanged;
      continue;
    }
    plan.changes.push_back({rec.line, sku, it->second, *amount});
  }
  return plan;
}

Status apply_cost_sheet(Writer& w, const CostSheetPlan& plan) {
  auto s = w.db().prepare("UPDATE products SET unit_cost=? WHERE sku=?");
  if (!s) return s.error();
  for (const CostChange& c : plan.changes) {
    s->reset();
    s->bind(1, c.new_cost).bind(2, c.sku);
    if (Status st = s->run(); !st) return st;
    if (w.db().changes() != 1)
      return make_error(ErrorCode::not_found, "line " + std::to_string(c.line) + ": no product with SKU \"" + c.sku + "\"");
  }
  return Ok{};
}

}  // namespace shopkeeper::catalog
