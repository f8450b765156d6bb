#include "core/promotions/store_io.h"

#include <cstdlib>

#include <algorithm>

#include "core/promotions/json_io.h"
#include "core/promotions/usage.h"

namespace shopkeeper::promo {

namespace {

constexpr const char* kSelectPromotions =
    "SELECT id, name, kind, layer, starts_at, ends_at, priority, exclusive, stackable, status, spec_json "
    "FROM promotions ORDER BY id";

// One row of kSelectPromotions as a Promotion: the spec, with the columns filling what it omits.
Result<Promotion> parse_row(const Stmt& st) {
  std::string id = st.text(0);
  auto spec = parse_exact(st.text_view(10));
  if (!spec) return make_error(ErrorCode::parse_error, "promotion " + id + ": spec_json: " + spec.error().message);
  json& j = *spec;
  if (!j.is_object()) return make_error(ErrorCode::parse_error, "promotion " + id + ": spec_json is not an object");
  if (!j.contains("id")) j["id"] = id;
  if (!j.contains("name")) j["name"] = st.text(1);
  if (!j.contains("kind")) j["kind"] = st.text(2);
  if (!j.contains("layer") && !st.text(3).empty()) j["layer"] = st.text(3);
  if (!j.contains("priority")) j["priority"] = st.i64(6);
  if (!j.contains("exclusive")) j["exclusive"] = st.i64(7) != 0;
  if (!j.contains("stackable")) j["stackable"] = st.i64(8) != 0;
  if (!j.contains("conditions")) j["conditions"] = json::object();
  if (j["conditions"].is_object()) {
    if (!j["conditions"].contains("starts_at") && !st.is_null(4)) j["conditions"]["starts_at"] = st.i64(4);
    if (!j["conditions"].contains("ends_at") && !st.is_null(5)) j["conditions"]["ends_at"] = st.i64(5);
  }
  return parse_promotion(j, "promotion " + id);
}

}  // namespace

bool is_promotion_status(const std::string& s) {
  for (const char* k : kPromotionStatuses)
    if (s == k) return true;
  return false;
}

Result<std::vector<Promotion>> load_promotions(Db& db, const std::vector<std::string>& statuses) {
  auto st = db.prepare(kSelectPromotions);
  if (!st) return st.error();
  std::vector<Promotion> out;
  while (st->step()) {
    std::string status = st->text(9);
    if (std::find(statuses.begin(), statuses.end(), status) == statuses.end()) continue;
    auto p = parse_row(*st);
    if (!p) return p.error();
    out.push_back(std::move(*p));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  auto used = load_usage(db);
  if (!used) return used.error();
  apply_usage(out, *used);
  return out;
}

Result<std::vector<StoredPromotion>> load_stored_promotions(Db& db) {
  auto st = db.prepare(kSelectPromotions);
  if (!st) return st.error();
  std::vector<StoredPromotion> out;
  while (st->step()) {
    auto p = parse_row(*st);
    if (!p) return p.error();
    out.push_back({std::move(*p), st->text(9)});
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

Status save_promotion(Writer& w, const Promotion& p, const std::string& status) {
  if (p.id.empty()) return make_error(ErrorCode::invalid_argument, "a promotion needs an id");
  if (!is_promotion_status(status))
    return make_error(ErrorCode::invalid_argument, "promotion " + p.id + ": unknown status \"" + status + "\"");
  auto st = w.db().prepare(
      "INSERT OR REPLACE INTO promotions(id,name,kind,layer,starts_at,ends_at,priority,exclusive,stackable,status,"
      "spec_json) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return st.error();
  st->bind(1, p.id).bind(2, p.name).bind(3, kind_name(p.kind)).bind(4, layer_name(p.layer));
  st->bind(5, p.conditions.starts_at).bind(6, p.conditions.ends_at).bind(7, p.priority);
  st->bind(8, p.exclusive ? 1 : 0).bind(9, p.stackable ? 1 : 0).bind(10, status);
  st->bind(11, to_text(promotion_to_json(p), -1));
  return st->run();
}

Status delete_promotion(Writer& w, const std::string& id) {
  auto st = w.db().prepare("DELETE FROM promotions WHERE id = ?");
  if (!st) return st.error();
  st->bind(1, id);
  return st->run();
}

Result<std::vector<Campaign>> load_campaigns(Db& db) {
  auto st = db.prepare(
      "SELECT id, name, starts_on, ends_on, budget, target_sales, assumed_uplift_bp FROM campaigns "
      "ORDER BY starts_on, id");
  if (!st) return st.error();
  std::vector<Campaign> out;
  while (st->step()) {
    Campaign c;
    c.id = st->text(0);
    c.name = st->text(1);
    c.window = DayRange{static_cast<Day>(st->i64(2)), static_cast<Day>(st->i64(3))};
    c.budget = st->i64(4);
    c.target_sales = st->i64(5);
    c.uplift_bp = st->i64(6);
    out.push_back(std::move(c));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

Result<std::vector<GuardProduct>> load_guard_products(Db& db) {
  auto st = db.prepare(
      "SELECT sku, category, tags, unit_cost, list_price, floor_price FROM products WHERE status != 'retired' ORDER BY sku");
  if (!st) return st.error();
  std::vector<GuardProduct> out;
  while (st->step()) {
    GuardProduct g;
    g.sku = st->text(0);
    g.category = st->text(1);
    std::string tags = st->text(2);
    size_t start = 0;
    while (start < tags.size()) {
      size_t comma = tags.find(',', start);
      if (comma == std::string::npos) comma = tags.size();
      std::string t = tags.substr(start, comma - start);
      while (!t.empty() && t.front() == ' ') t.erase(t.begin());
      while (!t.empty() && t.back() == ' ') t.pop_back();
      if (!t.empty()) g.tags.push_back(t);
      start = comma + 1;
    }
    if (!st->is_null(3)) g.cost = st->i64(3);
    g.price = st->i64(4);
    if (!st->is_null(5)) {
      g.floor_price = st->i64(5);
      if (*g.floor_price > g.price)
        return make_error(ErrorCode::invalid_argument, "products.floor_price of " + g.sku + ": " +
                                                           money_to_decimal(*g.floor_price) + " is above the list price " +
                                                           money_to_decimal(g.price));
    }
    out.push_back(std::move(g));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

GuardOptions guard_settings(Store& store) {
  auto num = [&](const char* key, int64_t fallback) {
    const std::string v = store.setting(key, "");
    char* end = nullptr;
    const long long x = std::strtoll(v.c_str(), &end, 10);
    return (v.empty() || *end) ? fallback : static_cast<int64_t>(x);
  };
  GuardOptions o;
  o.floor_bp = num(kGuardFloorKey, 1000);
  o.fee_bp = num(kGuardFeeKey, 500);
  return o;
}

}  // namespace shopkeeper::promo
