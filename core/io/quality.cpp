#include "core/io/quality.h"

#include <ctime>

#include "core/base/money.h"
#include "core/store/store_money.h"

namespace shopkeeper {

namespace {

struct Check {
  const char* code;
  const char* title;
  const char* key;
  std::string sql;  // returns one text column: the sample key, one row per finding
  std::string amount_sql = {};  // optional: one integer, the money the findings involve
};

// Return lines (negative quantity on a cancelled return order, as the Online Retail import writes
// its "C" invoices; merchandise only, a cancelled fee is no return) that no refund carries: the importer refunds a return against the customer's
// latest earlier purchase of the SKU with reason "return <return order id>"; guests and
// purchases from before the data match nothing (issue #10: they showed only in the import report).
constexpr const char* kUnmatchedReturns =
    "WITH matched AS (SELECT DISTINCT substr(reason, 8) AS oid, sku FROM refunds WHERE reason LIKE 'return %') "
    "SELECT l.order_id||'#'||l.line_no AS k, -l.qty * l.unit_price AS amount FROM order_lines l "
    "JOIN orders o ON o.id=l.order_id AND o.status=4 "
    "WHERE l.qty<0 AND l.kind=0 AND NOT EXISTS(SELECT 1 FROM matched m WHERE m.oid=l.order_id AND m.sku=l.sku)";

}  // namespace

int64_t QualityReport::issues() const {
  int64_t n = 0;
  for (const auto& f : findings) n += f.count;
  return n;
}

const QualityFinding* QualityReport::find(const std::string& code) const {
  for (const auto& f : findings)
    if (f.code == code) return &f;
  return nullptr;
}

Result<QualityReport> check_quality(Store& store, const QualityOptions& options) {
  Day earliest = options.earliest;
  if (earliest == 0) {
    auto d = parse_day(store.setting("store.opened_on", "2000-01-01"));
    earliest = d ? *d : days_from_civil(2000, 1, 1);
  }
  Day latest = options.latest ? options.latest : store_today(store) + 1;  // the store's today, in its zone
  const std::string lo = std::to_string(start_of(earliest)), hi = std::to_string(start_of(latest + 1));

  const std::vector<Check> checks = {
      {"orders_without_lines", "orders without lines", "order id",
       "SELECT o.id FROM orders o WHERE NOT EXISTS(SELECT 1 FROM order_lines l WHERE l.order_id=o.id) ORDER BY o.id"},
      {"lines_unknown_sku", "order lines whose SKU is not a product (empty SKU included)", "order id#line",
       "SELECT l.order_id||'#'||l.line_no FROM order_lines l WHERE NOT EXISTS(SELECT 1 FROM products p WHERE "
       "p.sku=l.sku) ORDER BY l.order_id, l.line_no"},
      {"lines_orphaned", "order lines whose order is missing", "order id#line",
       "SELECT l.order_id||'#'||l.line_no FROM order_lines l WHERE NOT EXISTS(SELECT 1 FROM orders o WHERE "
       "o.id=l.order_id) ORDER BY l.order_id, l.line_no"},
      {"products_without_cost", "products without a unit cost (their margins cannot be computed)", "sku",
       "SELECT sku FROM products WHERE unit_cost IS NULL ORDER BY sku"},
      {"nonpositive_prices", "order lines with a zero or negative unit price", "order id#line",
       "SELECT order_id||'#'||line_no FROM order_lines WHERE unit_price<=0 ORDER BY order_id, line_no"},
      {"negative_product_prices", "products with a negative list price or cost", "sku",
       "SELECT sku FROM products WHERE list_price<0 OR unit_cost<0 ORDER BY sku"},
      {"duplicate_lines", "identical lines repeated within an order (same SKU, quantity and price)", "order id sku",
       "SELECT order_id||' '||sku FROM order_lines GROUP BY order_id, sku, qty, unit_price HAVING COUNT(*)>1 ORDER BY "
       "order_id, sku"},
      {"duplicate_skus", "product SKUs that differ only in case or spaces", "sku",
       "SELECT MIN(sku) FROM products GROUP BY lower(trim(sku)) HAVING COUNT(*)>1 ORDER BY 1"},
      {"duplicate_customers", "customer ids that differ only in case or spaces", "customer id",
       "SELECT MIN(id) FROM customers GROUP BY lower(trim(id)) HAVING COUNT(*)>1 ORDER BY 1"},
      {"dates_out_of_range", "orders placed outside the store's date range", "order id",
       "SELECT id FROM orders WHERE placed_at<" + lo + " OR placed_at>=" + hi + " ORDER BY placed_at, id"},
      {"refunds_before_order", "refunds dated before their order", "order id",
       "SELECT DISTINCT r.order_id FROM refunds r JOIN orders o ON o.id=r.order_id WHERE r.refunded_at<o.placed_at "
       "ORDER BY r.order_id"},
      {"refunds_exceed_order", "orders refunded more than was paid", "order id",
       "SELECT r.order_id FROM refunds r JOIN orders o ON o.id=r.order_id GROUP BY r.order_id HAVING "
       "SUM(r.amount)>MAX(o.paid_amount) ORDER BY r.order_id"},
      {"refunds_orphaned", "refunds whose order is missing", "order id",
       "SELECT DISTINCT order_id FROM refunds r WHERE NOT EXISTS(SELECT 1 FROM orders o WHERE o.id=r.order_id) ORDER "
       "BY order_id"},
      {"returns_unmatched", "returns that match no purchase (not counted as refunds)", "order id#line",
       std::string("SELECT k FROM (") + kUnmatchedReturns + ") ORDER BY k",
       std::string("SELECT COALESCE(SUM(amount), 0) FROM (") + kUnmatchedReturns + ")"},
  };
  QualityReport rep;
  Db& db = store.db();
  for (const Check& c : checks) {
    QualityFinding f{c.code, c.title, c.key, 0, {}};
    auto n = db.scalar("SELECT COUNT(*) FROM (" + c.sql + ")");
    if (!n) return make_error(n.error().code, std::string("quality check ") + c.code + ": " + n.error().message);
    f.count = *n;
    if (!c.amount_sql.empty()) {
      auto a = db.scalar(c.amount_sql);
      if (!a) return make_error(a.error().code, std::string("quality check ") + c.code + ": " + a.error().message);
      f.has_amount = true;
      f.amount = *a;
    }
    if (f.count > 0 && options.sample_limit > 0) {
      auto st = db.prepare(c.sql + " LIMIT " + std::to_string(options.sample_limit));
      if (!st) return st.error();
      while (st->step()) f.samples.push_back(st->text(0));
    }
    rep.findings.push_back(std::move(f));
  }
  return rep;
}

nlohmann::ordered_json quality_to_json(const QualityReport& r) {
  nlohmann::ordered_json j;
  j["issues"] = r.issues();
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& f : r.findings)
  {
    nlohmann::ordered_json e = {{"code", f.code}, {"title", f.title}, {"key", f.key}, {"count", f.count}};
    if (f.has_amount) e["amount"] = money_to_decimal(f.amount);
    e["samples"] = f.samples;
    arr.push_back(std::move(e));
  }
  j["findings"] = std::move(arr);
  return j;
}

}  // namespace shopkeeper
