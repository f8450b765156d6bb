#include "core/demo/traffic_demo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/store/store.h"

namespace shopkeeper::demo {

namespace {

constexpr int32_t kDays = 30;

struct Sku {
  std::string sku, title, category;
  std::vector<int64_t> buyers, units, paid;  // per day of the window
  int64_t total_buyers = 0;
};

int64_t round_half_up(double v) { return static_cast<int64_t>(std::floor(v + 0.5)); }

}  // namespace

Status write_traffic_demo(Writer& w, uint64_t seed, Day end_day) {
  Rng r(seed, 16);  // the product report's own stream (issue #16)
  Db& db = w.db();
  const Day first = end_day - (kDays - 1);
  std::vector<Sku> skus;
  std::map<std::string, size_t> at;
  {
    auto st = db.prepare("SELECT sku, title, category FROM products ORDER BY sku");
    if (!st) return st.error();
    while (st->step()) {
      at.emplace(st->text(0), skus.size());
      Sku s{st->text(0), st->text(1), st->text(2), {}, {}, {}, 0};
      s.buyers.assign(kDays, 0), s.units.assign(kDays, 0), s.paid.assign(kDays, 0);
      skus.push_back(std::move(s));
    }
    if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  }
  {
    auto st = db.prepare(
        "SELECT o.placed_at, l.order_id, l.sku, SUM(l.qty), SUM(l.qty * l.unit_price - l.discount_amount) "
        "FROM orders o JOIN order_lines l ON l.order_id = o.id "
        "WHERE o.status IN (1, 2, 3, 5) AND l.kind = 0 AND o.placed_at >= ?1 AND o.placed_at < ?2 "
        "GROUP BY l.order_id, l.sku");
    if (!st) return st.error();
    st->bind(1, start_of(first)).bind(2, start_of(end_day + 1));
    while (st->step()) {
      auto it = at.find(st->text(2));
      if (it == at.end()) continue;
      Sku& s = skus[it->second];
      const auto d = static_cast<size_t>(day_of(st->i64(0)) - first);
      s.buyers[d] += 1, s.units[d] += st->i64(3), s.paid[d] += st->i64(4), s.total_buyers += 1;
    }
    if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  }
  auto ins = db.prepare(
      "INSERT OR REPLACE INTO product_traffic(day, shop_id, sku, title, visitors, page_views, add_to_cart_buyers, "
      "add_to_cart_units, buyers, units, paid_amount, conversion) VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!ins) return ins.error();
  std::map<std::string, double> category_rate;
  int64_t selling = 0;
  for (const Sku& s : skus) {
    if (s.total_buyers == 0) continue;
    ++selling;
    auto [c, fresh] = category_rate.try_emplace(s.category, 0.0);
    if (fresh) c->second = r.uniform(0.03, 0.09);
    double rate = c->second * r.uniform(0.7, 1.3);
    if (selling % 8 == 4) rate /= 3;  // every eighth selling product: the low converter
    const double per_day = static_cast<double>(s.total_buyers) / rate / kDays;
    for (int32_t d = 0; d < kDays; ++d) {
      const size_t i = static_cast<size_t>(d);
      const double f = r.uniform(0.7, 1.3);
      const int64_t visitors = std::max(s.buyers[i], std::max<int64_t>(1, round_half_up(per_day * f)));
      const double pv = r.uniform(1.3, 2.2);
      const double cart = r.uniform(0.06, 0.14);
      const int64_t carts = s.buyers[i] + round_half_up(static_cast<double>(visitors - s.buyers[i]) * cart);
      ins->reset();
      ins->bind(1, static_cast<int64_t>(first + d)).bind(2, s.sku).bind(3, s.title).bind(4, visitors);
      ins->bind(5, round_half_up(static_cast<double>(visitors) * pv)).bind(6, carts).bind(7, carts + s.units[i] / 3);
      ins->bind(8, s.buyers[i]).bind(9, s.units[i]).bind(10, s.paid[i]);
      ins->bind(11, static_cast<double>(s.buyers[i]) / static_cast<double>(visitors));
      if (auto st = ins->run(); !st) return st;
    }
  }
  return Ok{};
}

}  // namespace shopkeeper::demo
