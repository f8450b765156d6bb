// Promotions benchmark (prints figures, asserts nothing): a quote of a 30-line cart under 20
// active promotions with 8 held coupons, the best-price search over those, and the loss guard
// over 5,000 SKUs and 50 promotions.
#include <chrono>
#include <ctime>
#include <cstdio>

#include "core/base/random.h"
#include "core/promotions/best.h"
#include "core/promotions/engine.h"
#include "core/promotions/guard.h"

using namespace shopkeeper;
using namespace shopkeeper::promo;

namespace {

using Rng = demo::Rng;  // the project's deterministic generator (same numbers natively and in wasm)

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
// Process CPU time: on a shared, loaded machine wall time mostly measures the neighbours.
double cpu_ms_since(std::clock_t c0) { return 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }

std::string cat(int64_t i) { return "cat" + std::to_string(i); }

// A realistic mix: item offers on SKUs / categories, shop thresholds and tiers, coupons,
// a platform offer, points and shipping.
std::vector<Promotion> make_promotions(Rng& r, int count, int coupons, int skus) {
  std::vector<Promotion> v;
  for (int i = 0; i < count; ++i) {
    Promotion p;
    p.id = "P" + std::to_string(i);
    p.name = p.id;
    int kind = i < coupons ? -1 : static_cast<int>(r.range(0, 11));
    Params& q = p.params;
    if (kind == -1) {
      p.kind = Kind::coupon;
      p.coupon_code = "CODE" + std::to_string(i);
      q.threshold = r.range(0, 4) * 10000;
      if (i % 3 == 0) q.bp = r.range(300, 1500), q.cap = 5000;
      else q.amount = r.range(5, 60) * 100;
      if (i % 4 == 3) p.layer = Layer::platform;
      else p.layer = Layer::coupon;
      if (i % 2) p.scope.categories = {cat(r.range(0, 19))};
    } else {
      static const Kind kinds[] = {Kind::percent_off,     Kind::flash_price,  Kind::amount_off_each, Kind::threshold_tiers,
                                   Kind::per_each,        Kind::quantity_tiers, Kind::nth_item,      Kind::buy_x_get_y,
                                   Kind::gift,            Kind::points,       Kind::shipping,        Kind::threshold_tiers};
      p.kind = kinds[kind];
      switch (p.kind) {
        case Kind::percent_off: q.bp = r.range(5, 30) * 100, p.scope.categories = {cat(r.range(0, 19))}; break;
        case Kind::flash_price:
          p.scope.skus = {"SKU" + std::to_string(r.range(0, skus - 1))};
          q.price = r.range(10, 200) * 100;
          q.per_customer_units = 2;
          p.conditions.starts_at = 1'762'790'400, p.conditions.ends_at = 1'762'790'400 + 3600;
          break;
        case Kind::amount_off_each: q.amount = r.range(1, 20) * 100, p.scope.categories = {cat(r.range(0, 19))}; break;
        case Kind::threshold_tiers: q.tiers = {{20000, 2000, 0}, {40000, 5000, 0}, {80000, 12000, 0}}; break;
        case Kind::per_each: q.threshold = 30000, q.amount = 4000, p.layer = Layer::platform; break;
        case Kind::quantity_tiers: q.tiers = {{2, 0, 500}, {3, 0, 1000}}, p.scope.categories = {cat(r.range(0, 19))}; break;
        case Kind::nth_item: q.n = 2, q.bp = 5000, p.scope.categories = {cat(r.range(0, 19))}; break;
        case Kind::buy_x_get_y: q.buy = 2, q.get = 1, q.bp = 10000, p.scope.categories = {cat(r.range(0, 19))}; break;
        case Kind::gift: q.threshold = 30000, q.gift_cost = 1500, q.gift_sku = "GIFT"; break;
        case Kind::points: q.points_per_unit = 100, q.max_share_bp = 1000; break;
        case Kind::shipping: q.threshold = 9900, q.free_shipping = true; break;
        default: break;
      }
      p.layer = p.kind == Kind::per_each ? Layer::platform : default_layer(p.kind);
      p.priority = r.range(0, 3);
      p.stackable = r.range(0, 9) == 0;
    }
    v.push_back(std::move(p));
  }
  return v;
}

}  // namespace

int main() {
  Rng r{11};
  const int kSkus = 5000;
  std::vector<GuardProduct> products;
  for (int i = 0; i < kSkus; ++i) {
    GuardProduct g;
    g.sku = "SKU" + std::to_string(i);
    g.category = cat(r.range(0, 19));
    g.price = r.range(5, 800) * 100 + 99;
    g.cost = g.price * r.range(30, 80) / 100;
    products.push_back(std::move(g));
  }

  // Quote: 30 lines, 20 promotions (8 of them coupons, all held).
  QuoteInput in;
  in.at = 1'762'790'700;  // 2025-11-11 00:05
  in.shipping = 1000;
  in.customer.points = 50000;
  in.promotions = make_promotions(r, 20, 8, kSkus);
  for (const auto& p : in.promotions)
    if (!p.coupon_code.empty()) in.coupons_held.push_back(p.coupon_code);
  for (int i = 0; i < 30; ++i) in.cart.push_back(to_cart_line(products[static_cast<size_t>(r.range(0, kSkus - 1))], r.range(1, 3)));

  const int kQuotes = 2000;
  auto t0 = std::chrono::steady_clock::now();
  auto c0 = std::clock();
  Money sink = 0;
  for (int i = 0; i < kQuotes; ++i) sink += quote(in).total;
  double quote_ms = ms_since(t0) / kQuotes, quote_cpu = cpu_ms_since(c0) / kQuotes;
  Quote q = quote(in);
  std::printf("quote: 30 lines, %zu promotions, %zu held coupons: %.3f ms per quote (cpu %.3f ms; %zu discounts applied, total %s)\n",
              in.promotions.size(), in.coupons_held.size(), quote_ms, quote_cpu, q.discounts.size(), money_to_decimal(q.total).c_str());

  const int kBest = 50;
  t0 = std::chrono::steady_clock::now();
  c0 = std::clock();
  BestChoice b;
  for (int i = 0; i < kBest; ++i) b = best_price(in);
  double best_ms = ms_since(t0) / kBest, best_cpu = cpu_ms_since(c0) / kBest;
  std::printf("best price: %.3f ms per search (cpu %.3f ms; %lld quotes, %s; %zu coupons chosen, %lld points, total %s)\n", best_ms, best_cpu,
              static_cast<long long>(b.quotes_run), b.exhaustive ? "exhaustive" : "greedy", b.coupons.size(),
              static_cast<long long>(b.points), money_to_decimal(b.quote.total).c_str());

  // Guard: 5,000 SKUs, 50 promotions (12 coupons).
  Rng r2{12};
  Guard guard(products, make_promotions(r2, 50, 12, kSkus), GuardOptions{1000, 500});
  t0 = std::chrono::steady_clock::now();
  c0 = std::clock();
  size_t violations = 0;
  const size_t slice = 250;  // as a UI would run it, a slice per frame
  double worst_slice = 0;
  for (size_t s = 0; s < guard.size(); s += slice) {
    auto ts = std::chrono::steady_clock::now();
    for (const auto& f : guard.run(s, s + slice)) violations += f.violation;
    worst_slice = std::max(worst_slice, ms_since(ts));
  }
  double guard_ms = ms_since(t0), guard_cpu = cpu_ms_since(c0);
  std::printf("loss guard: %d SKUs, 50 promotions: %.0f ms (cpu %.0f ms; %zu violations; slowest %zu-SKU slice %.1f ms)\n",
              kSkus, guard_ms, guard_cpu, violations, slice, worst_slice);
  return sink == 42 ? 1 : 0;
}
