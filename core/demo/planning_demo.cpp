#include "core/demo/planning_demo.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/store/store.h"

namespace shopkeeper::demo {

namespace {

struct Item {
  std::string sku;
  int64_t supplier = 0, cost = 0, units_all = 0, units_recent = 0;
};

struct Sup {
  int64_t id = 0, lead = 0, quality = 0, delivery = 0;
};

}  // namespace

Status write_planning_demo(Writer& w, uint64_t seed, Day end_day) {
  Rng r(seed, 12);  // planning's own stream (issue #12)
  Db& db = w.db();
  auto first = db.scalar("SELECT COALESCE(MIN(placed_at), 0) FROM orders");
  if (!first) return first.error();
  const Day first_day = day_of(*first);
  std::vector<Sup> sups;
  {
    auto st = db.prepare("SELECT id, lead_time_days, score_quality, score_delivery FROM suppliers ORDER BY id");
    if (!st) return st.error();
    while (st->step()) sups.push_back({st->i64(0), st->i64(1), st->i64(2), st->i64(3)});
  }
  std::vector<Item> items;
  {
    const std::string recent = std::to_string(start_of(end_day - 27));
    auto st = db.prepare(
        "SELECT p.sku, p.supplier_id, COALESCE(p.unit_cost, 0), COALESCE(SUM(l.qty), 0), "
        "COALESCE(SUM(CASE WHEN o.placed_at >= " + recent + " THEN l.qty ELSE 0 END), 0) "
        "FROM products p LEFT JOIN order_lines l ON l.sku = p.sku "
        "LEFT JOIN orders o ON o.id = l.order_id AND o.status IN (1, 2, 3, 5) "
        "GROUP BY p.sku ORDER BY p.sku");
    if (!st) return st.error();
    while (st->step()) items.push_back({st->text(0), st->i64(1), st->i64(2), st->i64(3), st->i64(4)});
    if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  }
  const int64_t span = std::max<int64_t>(1, end_day - first_day + 1);
  auto ins = db.prepare(
      "INSERT INTO purchase_orders(id, supplier_id, sku, qty, unit_cost, ordered_on, expected_on, received_on, "
      "qty_received, qty_rejected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!ins) return ins.error();
  auto terms = db.prepare("INSERT INTO supply_terms(sku, moq, case_pack) VALUES (?1, ?2, ?3)");
  if (!terms) return terms.error();
  int64_t po_no = 0;
  static const int64_t kPacks[] = {1, 6, 12, 24};
  for (const Item& it : items) {
    const int64_t pack = kPacks[r.below(4)];
    const int64_t moq = r.chance(0.3) ? pack * r.range(2, 5) : 0;
    terms->reset();
    terms->bind(1, it.sku).bind(2, moq).bind(3, pack);
    if (auto st = terms->run(); !st) return st;
    const Sup* s = nullptr;
    for (const Sup& x : sups)
      if (x.id == it.supplier) s = &x;
    if (!s || it.units_all <= 0) continue;
    const int64_t interval = r.range(25, 60);  // days between orders
    // Units per order: the average pace over the interval, in whole packs, at least the MOQ.
    int64_t qty = (it.units_all * interval + span - 1) / span;
    qty = std::max(qty, moq);
    qty = std::max<int64_t>(pack, (qty + pack - 1) / pack * pack);
    for (Day d = first_day - s->lead + static_cast<Day>(r.range(0, interval)); d <= end_day; d += static_cast<Day>(interval)) {
      const bool late = r.uniform() * 100 < static_cast<double>(100 - s->delivery) * 1.5;
      const int64_t lead = s->lead + (late ? r.range(2, 10) : r.range(-2, 0));
      const bool rejects = r.uniform() * 100 < static_cast<double>(100 - s->quality) * 1.5;
      const int64_t q = std::max<int64_t>(pack, (qty * r.range(80, 120) / 100 + pack - 1) / pack * pack);
      const int64_t rejected = rejects ? std::max<int64_t>(1, q * r.range(1, 8) / 100) : 0;
      const Day received = static_cast<Day>(d + lead);
      ins->reset();
      ins->bind(1, "PO-" + std::to_string(100000 + ++po_no)).bind(2, s->id).bind(3, it.sku).bind(4, q).bind(5, it.cost);
      ins->bind(6, static_cast<int64_t>(d)).bind(7, static_cast<int64_t>(d + s->lead));
      if (received <= end_day) ins->bind(8, static_cast<int64_t>(received)).bind(9, q).bind(10, rejected);
      else ins->bind_null(8).bind(9, int64_t{0}).bind(10, int64_t{0});
      if (auto st = ins->run(); !st) return st;
    }
  }
  // The five best sellers of the last four weeks run out within two weeks: 3..12 days of stock.
  std::vector<const Item*> best;
  for (const Item& it : items)
    if (it.units_recent > 0) best.push_back(&it);
  std::sort(best.begin(), best.end(), [](const Item* a, const Item* b) {
    return a->units_recent != b->units_recent ? a->units_recent > b->units_recent : a->sku < b->sku;
  });
  auto upd = db.prepare("UPDATE products SET stock = ?1 WHERE sku = ?2");
  if (!upd) return upd.error();
  for (size_t i = 0; i < best.size() && i < 5; ++i) {
    const int64_t stock = best[i]->units_recent * r.range(3, 12) / 28;
    upd->reset();
    upd->bind(1, stock).bind(2, best[i]->sku);
    if (auto st = upd->run(); !st) return st;
  }
  // This year's target: last calendar year's sales + 15% (month 0 = the yearly total).
  const Ymd e = civil_from_days(end_day);
  const std::string y0 = std::to_string(start_of(days_from_civil(e.y - 1, 1, 1)));
  const std::string y1 = std::to_string(start_of(days_from_civil(e.y, 1, 1)));
  auto last = db.scalar("SELECT COALESCE(SUM(paid_amount), 0) FROM orders WHERE status IN (1, 2, 3, 5) AND placed_at >= " +
                        y0 + " AND placed_at < " + y1);
  if (!last) return last.error();
  const int64_t target = (*last * 115 + 50) / 100 / 100000 * 100000;  // in whole thousands of yuan
  if (target > 0)
    if (auto st = db.exec("INSERT INTO sales_targets(year, month, scope, amount) VALUES (" + std::to_string(e.y) +
                          ", 0, '', " + std::to_string(target) + ")");
        !st)
      return st;
  return Ok{};
}

}  // namespace shopkeeper::demo
