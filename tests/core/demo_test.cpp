#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>
#include <string>

#include "core/demo/calendar.h"
#include "core/demo/generator.h"
#include "core/base/random.h"
#include "core/store/store.h"
#include "core/promotions/engine.h"
#include "core/promotions/guard.h"
#include "core/promotions/upcoming.h"
#include "core/promotions/validate.h"

using namespace shopkeeper;

namespace {

const Day kEnd = days_from_civil(2025, 6, 30);

DemoOptions small(uint64_t seed = 7, int64_t lines = 5000) {
  DemoOptions o;
  o.seed = seed;
  o.order_lines = lines;
  o.end_day = kEnd;
  o.months = 24;
  return o;
}

Store generated(const DemoOptions& opt) {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  auto r = generate_demo(*s, opt);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return std::move(*s);
}

int64_t q(Store& s, const std::string& sql) {
  auto v = s.db().scalar(sql);
  REQUIRE_MESSAGE(v.ok(), sql);
  return *v;
}

// Every row of every table the generator writes, in insertion order, as text.
std::string dump(Store& s) {
  std::string out;
  for (const char* t : {"products", "suppliers", "customers", "campaigns", "settings", "orders", "order_lines",
                        "refunds", "traffic_daily", "ad_spend", "product_traffic"}) {
    // order_lines has no rowid since schema 26: in its key's order.
    const std::string by = std::string(t) == "order_lines" ? "order_id, line_no" : "rowid";
    auto st = s.db().prepare(std::string("SELECT * FROM ") + t + " ORDER BY " + by);
    REQUIRE(st.ok());
    int cols = sqlite3_column_count(st->raw());
    out += t;
    out += '\n';
    while (st->step()) {
      for (int c = 0; c < cols; ++c) {
        out += st->is_null(c) ? std::string("\\N") : st->text(c);
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("demo") {
  TEST_CASE("the random generator is reproducible and its helpers stay in range") {
    demo::Rng a(42, 1), b(42, 1), c(42, 2);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
      uint64_t x = a.next();
      CHECK(x == b.next());
      differs |= x != c.next();
    }
    CHECK(differs);
    double sum = 0;
    int out_of_range = 0, seen[3] = {0, 0, 0};
    for (int i = 0; i < 10000; ++i) {
      double u = a.uniform();
      out_of_range += u < 0.0 || u >= 1.0;
      auto k = a.range(3, 5);
      if (k < 3 || k > 5) ++out_of_range;
      else ++seen[k - 3];
      sum += a.normal();
    }
    CHECK(out_of_range == 0);
    for (int n : seen) CHECK(n > 3000);  // each of three values about 3333 times
    CHECK(std::abs(sum / 10000) < 0.05);  // mean 0, sd 1: 10000 draws -> sd of the mean 0.01
  }

  TEST_CASE("Chinese New Year table") {
    CHECK(demo::chinese_new_year(2024) == days_from_civil(2024, 2, 10));
    CHECK(demo::chinese_new_year(2025) == days_from_civil(2025, 1, 29));
    CHECK(demo::chinese_new_year(2035) == days_from_civil(2035, 2, 8));
    CHECK_FALSE(demo::chinese_new_year(2019).has_value());
    // Holiday dip and stocking-up before it.
    CHECK(demo::event_factor(days_from_civil(2025, 1, 31)) < 0.5);
    CHECK(demo::event_factor(days_from_civil(2025, 1, 10)) > 1.2);
    CHECK(demo::event_factor(days_from_civil(2024, 11, 11)) > demo::event_factor(days_from_civil(2024, 11, 5)));
    CHECK(demo::event_factor(days_from_civil(2024, 6, 18)) > 2);
  }

  TEST_CASE("same seed gives identical data; another seed differs") {
    Store a = generated(small(7));
    Store b = generated(small(7));
    Store c = generated(small(8));
    std::string da = dump(a);
    CHECK(da.size() > 100000);
    CHECK(da == dump(b));
    CHECK(da != dump(c));
  }

  TEST_CASE("the order-line target is hit and the summary matches the store") {
    for (int64_t n : {5000, 777}) {
      auto s = Store::open_memory();
      REQUIRE(s.ok());
      auto r = generate_demo(*s, small(3, n));
      REQUIRE(r.ok());
      auto c = s->counts();
      REQUIRE(c.ok());
      CHECK(std::abs(c->order_lines - n) <= n / 50);
      CHECK(r->order_lines == c->order_lines);
      CHECK(r->orders == c->orders);
      CHECK(r->products == c->products);
      CHECK(r->products == 300);
      CHECK(r->customers == c->customers);
      CHECK(r->refunds == c->refunds);
      CHECK(r->traffic_days == c->traffic_days);
      // 2023-07-01 .. 2025-06-30 is 365 + 366 days (2024 is a leap year).
      CHECK(c->traffic_days == 731);
      // Lines per order average 1.6 .. 2.5.
      CHECK(c->order_lines >= c->orders * 16 / 10);
      CHECK(c->order_lines <= c->orders * 25 / 10);
    }
  }

  TEST_CASE("order money adds up exactly") {
    Store s = generated(small());
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE paid_amount != items_amount - discount_amount + shipping_amount") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders o WHERE items_amount != "
               "(SELECT SUM(qty * unit_price) FROM order_lines l WHERE l.order_id = o.id)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders o WHERE discount_amount != "
               "(SELECT SUM(discount_amount) FROM order_lines l WHERE l.order_id = o.id)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE discount_amount < 0 OR discount_amount > items_amount") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE discount_amount < 0 OR discount_amount > qty * unit_price") == 0);
    // The identities are not vacuous: discounts spread over several lines, shipping charged.
    CHECK(q(s, "SELECT COUNT(*) FROM orders o WHERE discount_amount > 0 AND "
               "(SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id AND l.discount_amount > 0) > 1") > 10);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE shipping_amount > 0") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE coupon_code != ''") > 0);
    // Free shipping above 99 yuan (199 for remote regions), so never charged above 199.
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE shipping_amount > 0 AND items_amount - discount_amount >= 19900") == 0);
    // Festival orders carry the campaign id, and the campaigns exist.
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE campaign_id LIKE 'D11-%'") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders o WHERE campaign_id != '' AND campaign_id NOT IN (SELECT id FROM campaigns)") == 0);
    // Lines carry the price and cost of the product (a product's cost may have changed once).
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE sku NOT IN (SELECT sku FROM products)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE unit_price <= 0 OR qty <= 0") == 0);
  }

  TEST_CASE("orders: times, statuses and customers are plausible") {
    Store s = generated(small());
    const int64_t orders = q(s, "SELECT COUNT(*) FROM orders");
    CHECK(q(s, "SELECT MIN(placed_at) FROM orders") >= start_of(days_from_civil(2023, 7, 1)));
    CHECK(q(s, "SELECT MAX(placed_at) FROM orders") < start_of(kEnd + 1));
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE paid_at IS NOT NULL AND (paid_at <= placed_at OR paid_at >= " +
                   std::to_string(start_of(kEnd + 1)) + ")") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE status IN (0, 4) AND paid_at IS NOT NULL") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE status IN (1, 2, 3, 5) AND paid_at IS NULL") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE status = 3") * 10 > orders * 8);
    const int64_t refunded = q(s, "SELECT COUNT(*) FROM orders WHERE status = 5");
    CHECK(refunded * 100 >= orders * 2);
    CHECK(refunded * 100 <= orders * 6);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE status = 4") > 0);
    // Guests and returning customers both exist; every customer id is in customers.
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE customer_id IS NULL") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL "
               "GROUP BY customer_id HAVING COUNT(*) > 1)") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE customer_id IS NOT NULL AND customer_id NOT IN "
               "(SELECT id FROM customers)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM customers WHERE region = ''") == 0);
    CHECK(q(s, "SELECT COUNT(DISTINCT channel) FROM orders") == 4);
    CHECK(q(s, "SELECT COUNT(DISTINCT traffic_source) FROM orders") == 6);
    CHECK(s.setting("currency") == "CNY");
    CHECK(s.setting("store_name") == "示例茶铺 Demo Tea Shop");
  }

  TEST_CASE("refunds never exceed what was paid and follow payment") {
    Store s = generated(small());
    CHECK(q(s, "SELECT COUNT(*) FROM refunds") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM refunds WHERE amount <= 0") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM (SELECT r.order_id, SUM(r.amount) a, o.paid_amount p FROM refunds r "
               "JOIN orders o ON o.id = r.order_id GROUP BY r.order_id) WHERE a > p") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM (SELECT r.order_id, r.sku, SUM(r.amount) a, SUM(r.qty) n FROM refunds r "
               "WHERE r.sku != '' GROUP BY r.order_id, r.sku) x JOIN order_lines l ON l.order_id = x.order_id AND "
               "l.sku = x.sku WHERE x.a > l.qty * l.unit_price - l.discount_amount OR x.n > l.qty") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id "
               "WHERE o.paid_at IS NULL OR r.refunded_at <= o.paid_at") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM refunds WHERE refunded_at >= " + std::to_string(start_of(kEnd + 1))) == 0);
    // Every fully refunded order has its refund.
    CHECK(q(s, "SELECT COUNT(*) FROM orders o WHERE status = 5 AND NOT EXISTS "
               "(SELECT 1 FROM refunds r WHERE r.order_id = o.id)") == 0);
    // Partial refunds exist too (on orders that stay completed).
    CHECK(q(s, "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.status != 5") > 0);
  }

  TEST_CASE("traffic funnel is monotone and converts at 2-5%") {
    Store s = generated(small());
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily") == 731 * 6);
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily WHERE NOT (page_views >= sessions AND sessions >= visitors AND "
               "visitors >= product_views AND product_views >= add_to_carts AND add_to_carts >= 0 AND "
               "avg_seconds > 0)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily t WHERE add_to_carts < (SELECT COUNT(*) FROM orders o WHERE "
               "o.traffic_source = t.source AND o.placed_at / 86400 = t.day)") == 0);
    const int64_t visitors = q(s, "SELECT SUM(visitors) FROM traffic_daily");
    const int64_t orders = q(s, "SELECT COUNT(*) FROM orders");
    CHECK(orders * 100 >= visitors * 2);
    CHECK(orders * 100 <= visitors * 5);
    // Ads, live and social are paid: one row each per day, clicks below impressions.
    CHECK(q(s, "SELECT COUNT(*) FROM ad_spend") == 731 * 3);
    CHECK(q(s, "SELECT COUNT(DISTINCT channel) FROM ad_spend") == 3);
    CHECK(q(s, "SELECT COUNT(*) FROM ad_spend WHERE spend <= 0 OR clicks <= 0 OR impressions <= clicks") == 0);
  }

  TEST_CASE("seasonality: Double 11 week beats an ordinary November week, weekends beat weekdays") {
    Store s = generated(small());
    auto sales = [&](Day first, Day last) {
      return q(s, "SELECT COALESCE(SUM(paid_amount), 0) FROM orders WHERE status IN (1, 2, 3, 5) AND placed_at >= " +
                      std::to_string(start_of(first)) + " AND placed_at < " + std::to_string(start_of(last + 1)));
    };
    for (int y : {2023, 2024}) {
      CHECK(sales(days_from_civil(y, 11, 5), days_from_civil(y, 11, 11)) >
            sales(days_from_civil(y, 11, 18), days_from_civil(y, 11, 24)));
    }
    // Average orders per weekend day vs per weekday over the whole history.
    std::map<Day, int64_t> per_day;
    auto st = s.db().prepare("SELECT placed_at / 86400, COUNT(*) FROM orders GROUP BY 1");
    REQUIRE(st.ok());
    while (st->step()) per_day[static_cast<Day>(st->i64(0))] = st->i64(1);
    int64_t we = 0, wd = 0, we_days = 0, wd_days = 0;
    for (Day d = days_from_civil(2023, 7, 1); d <= kEnd; ++d) {
      bool weekend = weekday(d) >= 5;
      (weekend ? we : wd) += per_day.count(d) ? per_day[d] : 0;
      ++(weekend ? we_days : wd_days);
    }
    CHECK(we * wd_days > wd * we_days);
    // Growth: the last quarter sells more orders than the first.
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE placed_at >= " + std::to_string(start_of(days_from_civil(2025, 4, 1)))) >
          q(s, "SELECT COUNT(*) FROM orders WHERE placed_at < " + std::to_string(start_of(days_from_civil(2023, 10, 1)))));
  }

  TEST_CASE("catalogue: some products without cost, roles, low stock, suppliers") {
    Store s = generated(small());
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE unit_cost IS NULL") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE unit_cost IS NULL") < 30);
    // Lines carry no cost exactly where the product has none.
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines l JOIN products p ON p.sku = l.sku WHERE "
               "(p.unit_cost IS NULL) != (l.unit_cost IS NULL)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE unit_cost >= list_price") == 0);
    for (const char* role : {"traffic", "profit", "image", "clearance"})
      CHECK(q(s, std::string("SELECT COUNT(*) FROM products WHERE role = '") + role + "'") > 0);
    CHECK(q(s, "SELECT COUNT(DISTINCT category) FROM products") >= 6);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE stock < 5") > 0);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE supplier_id NOT IN (SELECT id FROM suppliers)") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM suppliers WHERE lead_time_days <= 0") == 0);
    // Gross margin on the list price is 10..80% wherever a cost is known.
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE unit_cost IS NOT NULL AND "
               "(unit_cost * 100 > list_price * 90 OR unit_cost * 100 < list_price * 20)") == 0);
  }

  TEST_CASE("a non-empty store is refused and left as it was") {
    Store s = generated(small(7, 1000));
    auto before = s.counts();
    REQUIRE(before.ok());
    auto r = generate_demo(s, small(9, 1000));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::conflict);
    CHECK(r.error().message.find("empty") != std::string::npos);
    CHECK(s.counts()->orders == before->orders);

    auto t = Store::open_memory();
    REQUIRE(t.ok());
    REQUIRE(t->write([](Writer& w) {
      Product p;
      p.sku = "MINE";
      return w.put(p);
    }).ok());
    CHECK_FALSE(generate_demo(*t, small(7, 1000)).ok());
    CHECK(t->counts()->products == 1);
  }

  TEST_CASE("cancelling through progress rolls everything back") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    int calls = 0;
    auto r = generate_demo(*s, small(), [&](double) { return ++calls < 50; });
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::cancelled);
    CHECK(calls == 50);
    auto c = s->counts();
    REQUIRE(c.ok());
    CHECK(c->products == 0);
    CHECK(c->orders == 0);
    CHECK(c->order_lines == 0);
    CHECK(c->traffic_days == 0);
    CHECK(s->setting("store_name").empty());

    // Without cancelling, progress rises to 1.
    double last = 0;
    bool monotone = true;
    auto ok = generate_demo(*s, small(7, 1000), [&](double f) {
      monotone &= f >= last;
      last = f;
      return true;
    });
    CHECK(ok.ok());
    CHECK(monotone);
    CHECK(last == 1.0);
  }

  TEST_CASE("bad options are refused") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    DemoOptions o = small();
    o.end_day = 0;
    CHECK(generate_demo(*s, o).error().code == ErrorCode::invalid_argument);
    o = small();
    o.products = 3;
    CHECK(generate_demo(*s, o).error().code == ErrorCode::invalid_argument);
    CHECK(s->counts()->orders == 0);
  }

  TEST_CASE("the demo shop's promotions: valid, one starting tomorrow, and the guard catches its flash sale") {
    DemoOptions opt = small();
    Store store = generated(opt);
    auto rows = promo::load_stored_promotions(store.db());
    REQUIRE(rows.ok());
    CHECK(rows->size() == 8);
    std::vector<promo::Promotion> all;
    for (const auto& r : *rows) all.push_back(r.promotion);
    CHECK(promo::validate(all).empty());
    // "Tomorrow" for a seller opening the demo is end_day + 2 (the data ends yesterday).
    auto items = promo::promotions_starting(*rows, opt.end_day + 2);
    REQUIRE(items.size() == 1);
    CHECK(items[0].ref == "FLASH-TEA");
    CHECK(items[0].severity == Severity::info);  // no guard run without products
    // The flash price is above cost but below cost + 5 % fees + 10 % floor; stacked, lower still.
    auto products = promo::load_guard_products(store.db());
    REQUIRE(products.ok());
    auto live = promo::load_promotions(store.db(), {"active", "scheduled"});
    REQUIRE(live.ok());
    promo::Guard guard(*products, *live, promo::GuardOptions{1000, 500});
    bool flagged = false;
    for (const auto& f : guard.run_all())
      if (std::find(f.promotions.begin(), f.promotions.end(), "FLASH-TEA") != f.promotions.end() && f.violation) {
        flagged = true;
        CHECK(quote(guard.reproduce(f)).line_paid[0] == f.line_paid);
      }
    CHECK(flagged);
    // With the products, the check-list item runs the guard over the flash sale's one SKU and
    // warns, naming the price it finds.
    promo::StartingOptions so;
    so.products = &*products;
    so.guard = promo::GuardOptions{1000, 500};
    auto warned = promo::promotions_starting(*rows, opt.end_day + 2, so);
    REQUIRE(warned.size() == 1);
    CHECK(warned[0].severity == Severity::warning);
    CHECK(warned[0].why == ItemWhy::promotion_below_floor);
    CHECK(warned[0].price < warned[0].floor);
    // Floor and fees 0: the stacked price must still be below cost for the warning to stay.
    so.guard = promo::GuardOptions{0, 0};
    auto at_cost = promo::promotions_starting(*rows, opt.end_day + 2, so);
    REQUIRE(at_cost.size() == 1);
    CHECK(at_cost[0].severity == Severity::warning);
  }

  TEST_CASE("a demo store cleared and generated again holds what a fresh one holds (demo --replace, the UI's new demo)") {
    // Store::clear_all once forgot the planning tables: generating again failed on a duplicate
    // supply term (UNIQUE constraint failed: supply_terms.sku).
    Store s = generated(small(7, 3000));
    REQUIRE(s.clear_all().ok());
    for (const char* schema : {"main", "facts"}) {
      auto names = s.db().prepare(std::string("SELECT name FROM ") + schema + ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
      REQUIRE(names.ok());
      int tables = 0;
      while (names->step()) {
        ++tables;
        const std::string t = std::string(schema) + "." + names->text(0);
        INFO(t);
        CHECK(q(s, "SELECT COUNT(*) FROM " + t) == 0);
      }
      CHECK(tables > 5);
    }
    auto again = generate_demo(s, small(7, 3000));
    REQUIRE_MESSAGE(again.ok(), (again.ok() ? "" : again.error().message));
    Store fresh = generated(small(7, 3000));
    CHECK(dump(s) == dump(fresh));
  }

  TEST_CASE("members: the customer cap (--customers) bounds the pool and keeps every line") {
    // 5,000 lines bring about 1,300 customers uncapped (~3.8 lines each); a cap of 400 must give
    // exactly 400 customers (the pool fills long before the end), the same line count, and every
    // order's customer among them; with no cap the count is well above 400.
    DemoOptions capped = small(3, 5000);
    capped.customers = 400;
    Store s = generated(capped);
    Store u = generated(small(3, 5000));
    CHECK(q(s, "SELECT COUNT(*) FROM customers") == 400);
    CHECK(q(u, "SELECT COUNT(*) FROM customers") > 800);
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines") == q(u, "SELECT COUNT(*) FROM order_lines"));
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE customer_id <> '' AND customer_id NOT IN (SELECT id FROM customers)") == 0);
    // More than one order a customer on average: the cap spreads the lines over the pool.
    CHECK(q(s, "SELECT COUNT(*) FROM orders WHERE customer_id <> ''") > 2 * 400);
  }
}

TEST_SUITE("demo") {
  // Issue #9 (a seller's first day): a demo made with the UI in Chinese (or `demo --lang zh-CN`)
  // names its tiers, tags and segments in Chinese; the default demo keeps its names, and only the
  // names differ: the same customers, orders and tier thresholds.
  TEST_CASE("demo in Chinese: tiers, tags and segments named in Chinese, everything else as the default demo") {
    DemoOptions zh_opt = small(7, 3000);
    zh_opt.chinese_names = true;
    Store en = generated(small(7, 3000));
    Store zh = generated(zh_opt);
    auto text = [](Store& s, const std::string& sql) {
      std::string out;
      auto st = s.db().prepare(sql);
      REQUIRE(st.ok());
      while (st->step()) out += st->text(0) + "\n";
      return out;
    };
    // The default demo's names, as before.
    CHECK(text(en, "SELECT DISTINCT tier FROM customers ORDER BY tier") == "gold\nplatinum\nregular\nsilver\n");
    CHECK(q(en, "SELECT COUNT(*) FROM member_tags") > 0);
    CHECK(q(en, "SELECT COUNT(*) FROM member_tags WHERE tag NOT IN ('VIP', '批发 wholesale', '老客推荐 referral')") == 0);
    // In Chinese: the customers' tiers are the programme's tiers, and no name has a Latin letter.
    CHECK(text(zh, "SELECT DISTINCT tier FROM customers ORDER BY tier") ==
          text(zh, "SELECT DISTINCT tier FROM customers WHERE tier IN ('普通会员', '银卡会员', '金卡会员', '铂金会员') ORDER BY tier"));
    CHECK(q(zh, "SELECT COUNT(DISTINCT tier) FROM customers") == q(en, "SELECT COUNT(DISTINCT tier) FROM customers"));
    const std::string settings = text(zh, "SELECT value FROM settings WHERE key IN ('members.tiers', 'members.tag_rules') ORDER BY key");
    CHECK(settings.find("铂金会员") != std::string::npos);
    CHECK(settings.find("近30天下单") != std::string::npos);
    std::string names = text(zh, "SELECT DISTINCT tier FROM customers") + text(zh, "SELECT DISTINCT tag FROM member_tags") +
                        text(zh, "SELECT name FROM member_segments") + text(zh, "SELECT DISTINCT reason FROM member_point_entries WHERE kind = 'adjust'");
    for (const char* english : {"platinum", "gold", "silver", "regular", "VIP", "wholesale", "referral", "compensation", "Valuable", "win-back"})
      CHECK_MESSAGE(names.find(english) == std::string::npos, english);
    // Only the names differ: the same customers (tier by tier), orders and lines.
    CHECK(text(zh, "SELECT id FROM customers ORDER BY id") == text(en, "SELECT id FROM customers ORDER BY id"));
    CHECK(q(zh, "SELECT COUNT(*) FROM customers WHERE tier = '铂金会员'") == q(en, "SELECT COUNT(*) FROM customers WHERE tier = 'platinum'"));
    CHECK(q(zh, "SELECT COUNT(*) FROM member_tags") == q(en, "SELECT COUNT(*) FROM member_tags"));
    CHECK(text(zh, "SELECT id || '|' || paid_amount FROM orders ORDER BY id") == text(en, "SELECT id || '|' || paid_amount FROM orders ORDER BY id"));
  }
}
