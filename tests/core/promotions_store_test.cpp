// Promotions <-> store: saving, loading and deleting promotion rows, the campaigns table, and the
// planner's daily series built from a Dataset (values computed by hand in the comments).
#include <doctest/doctest.h>

#include "core/promotions/history.h"
#include "core/promotions/store_io.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::promo;

namespace {

Promotion tiers_promo() {
  Promotion p;
  p.id = "T1";
  p.name = "满300减30";
  p.kind = Kind::threshold_tiers;
  p.layer = Layer::shop;
  p.priority = 2;
  p.scope.categories = {"tea", "teaware"};
  p.conditions.starts_at = *parse_timestamp("2026-11-01 00:00");
  p.conditions.ends_at = *parse_timestamp("2026-11-12 00:00");
  p.params.tiers = {{29999, 3000, 0}, {50000, 6001, 0}};  // 299.99 / 30.00, 500.00 / 60.01: exact
  return p;
}

Promotion coupon_promo() {
  Promotion p;
  p.id = "C1";
  p.name = "店铺券";
  p.kind = Kind::coupon;
  p.layer = Layer::coupon;
  p.coupon_code = "SAVE20";
  p.params.threshold = 19900;
  p.params.amount = 2000;
  p.conditions.per_customer_limit = 1;
  return p;
}

int64_t count_rows(Store& s) { return *s.db().scalar("SELECT COUNT(*) FROM promotions"); }

Order order(const char* id, const char* cust, const char* at, OrderStatus st, Money items, Money discount,
            Money shipping = 0) {
  return fixture::order(id, at).with_customer(cust).with_status(st).with_amounts(items, discount, shipping)
      .with_channel("web").paid_when_placed();
}

using fixture::line;

}  // namespace

TEST_SUITE("promotions") {
  TEST_CASE("save_promotion writes the columns and a spec that loads back exactly") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      if (auto r = save_promotion(w, tiers_promo(), "active"); !r) return r;
      return save_promotion(w, coupon_promo(), "draft");
    });
    REQUIRE(st.ok());
    CHECK(count_rows(*s) == 2);

    auto q = s->db().prepare("SELECT name, kind, layer, starts_at, ends_at, priority, exclusive, stackable, status "
                             "FROM promotions WHERE id = 'T1'");
    REQUIRE(q.ok());
    REQUIRE(q->step());
    CHECK(q->text(0) == "满300减30");
    CHECK(q->text(1) == "threshold_tiers");
    CHECK(q->text(2) == "shop");
    CHECK(q->i64(3) == *parse_timestamp("2026-11-01 00:00"));
    CHECK(q->i64(4) == *parse_timestamp("2026-11-12 00:00"));
    CHECK(q->i64(5) == 2);
    CHECK(q->i64(6) == 0);
    CHECK(q->i64(7) == 0);
    CHECK(q->text(8) == "active");

    auto all = load_stored_promotions(s->db());
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    // ORDER BY id: C1 before T1.
    CHECK((*all)[0].status == "draft");
    CHECK((*all)[1].status == "active");
    const Promotion& t = (*all)[1].promotion;
    CHECK(t.id == "T1");
    CHECK(t.kind == Kind::threshold_tiers);
    CHECK(t.priority == 2);
    CHECK(t.scope.categories == std::vector<std::string>{"tea", "teaware"});
    REQUIRE(t.params.tiers.size() == 2);
    CHECK(t.params.tiers[0].threshold == 29999);
    CHECK(t.params.tiers[0].amount == 3000);
    CHECK(t.params.tiers[1].threshold == 50000);
    CHECK(t.params.tiers[1].amount == 6001);
    CHECK(t.conditions.starts_at == parse_timestamp("2026-11-01 00:00").value());
    const Promotion& c = (*all)[0].promotion;
    CHECK(c.coupon_code == "SAVE20");
    CHECK(c.params.threshold == 19900);
    CHECK(c.params.amount == 2000);
    CHECK(c.conditions.per_customer_limit == std::optional<int64_t>(1));
    CHECK_FALSE(c.conditions.starts_at.has_value());

    auto active = load_promotions(s->db(), {"active", "scheduled"});
    REQUIRE(active.ok());
    REQUIRE(active->size() == 1);
    CHECK((*active)[0].id == "T1");
  }

  TEST_CASE("saving again replaces the row; a bad status or id writes nothing; delete removes it") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) { return save_promotion(w, tiers_promo(), "draft"); }).ok());
    Promotion p = tiers_promo();
    p.name = "满300减40";
    p.params.tiers[0].amount = 4000;
    REQUIRE(s->write([&](Writer& w) { return save_promotion(w, p, "paused"); }).ok());
    CHECK(count_rows(*s) == 1);
    auto all = load_stored_promotions(s->db());
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    CHECK((*all)[0].status == "paused");
    CHECK((*all)[0].promotion.name == "满300减40");
    CHECK((*all)[0].promotion.params.tiers[0].amount == 4000);

    Status bad = s->write([&](Writer& w) { return save_promotion(w, p, "live"); });
    CHECK_FALSE(bad.ok());
    Promotion noid = p;
    noid.id.clear();
    CHECK_FALSE(s->write([&](Writer& w) { return save_promotion(w, noid, "draft"); }).ok());
    CHECK((*load_stored_promotions(s->db()))[0].status == "paused");

    REQUIRE(s->write([](Writer& w) { return delete_promotion(w, "T1"); }).ok());
    CHECK(count_rows(*s) == 0);
    CHECK(s->write([](Writer& w) { return delete_promotion(w, "nope"); }).ok());
  }

  TEST_CASE("load_campaigns reads the campaigns table") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->db()
                .exec("INSERT INTO campaigns(id,name,starts_on,ends_on,budget,target_sales,assumed_uplift_bp) "
                      "VALUES('D12','双12',20430,20434,500000,8000000,2500),('618','618',20200,20218,100,0,0)")
                .ok());
    auto c = load_campaigns(s->db());
    REQUIRE(c.ok());
    REQUIRE(c->size() == 2);
    CHECK((*c)[0].id == "618");  // by start day
    CHECK((*c)[1].id == "D12");
    CHECK((*c)[1].name == "双12");
    CHECK((*c)[1].window == DayRange{20430, 20434});
    CHECK((*c)[1].budget == 500000);
    CHECK((*c)[1].target_sales == 8000000);
    CHECK((*c)[1].uplift_bp == 2500);
    CHECK((*c)[1].discount_bp == 0);
  }

  TEST_CASE("daily_sales_from_dataset: valid orders per day, goods paid, known costs, first orders") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      for (const char* id : {"C1", "C2", "C3"}) {
        shopkeeper::Customer c;
        c.id = id;
        if (auto r = w.put(c); !r) return r;
      }
      struct O {
        Order o;
        std::vector<OrderLine> lines;
      };
      std::vector<O> os = {
          // 2025-03-02, before the range: C3's first order; must not count anywhere.
          {order("O0", "C3", "2025-03-02 12:00", OrderStatus::completed, 5000, 0), {line("O0", 1, "A", 1, 5000, 2000)}},
          // Day 1 (Mon 2025-03-03): C1's first valid order. B has no known cost.
          {order("O1", "C1", "2025-03-03 10:00", OrderStatus::completed, 30000, 3000),
           {line("O1", 1, "A", 2, 10000, 4000), line("O1", 2, "B", 1, 10000, std::nullopt)}},
          // Day 1: cancelled, not valid (and so not C2's first order).
          {order("O2", "C2", "2025-03-03 15:00", OrderStatus::cancelled, 5000, 0), {line("O2", 1, "A", 1, 5000, 2000)}},
          // Day 2: a refunded order is still valid; shipping is not goods.
          {order("O3", "C1", "2025-03-04 09:00", OrderStatus::refunded, 8000, 0, 800), {line("O3", 1, "C", 4, 2000, 500)}},
          // Day 2: a guest order.
          {order("O4", "", "2025-03-04 20:00", OrderStatus::paid, 12000, 1200), {line("O4", 1, "A", 1, 12000, 4000)}},
          // Day 3: C2's first valid order.
          {order("O5", "C2", "2025-03-05 11:00", OrderStatus::shipped, 6000, 600), {line("O5", 1, "B", 3, 2000, 900)}},
      };
      for (const O& o : os) {
        auto r = w.add_order(o.o);
        if (!r) return r.error();
        for (const OrderLine& l : o.lines)
          if (auto x = w.put(l); !x) return x;
      }
      return Ok{};
    });
    REQUIRE(st.ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    const Day d1 = days_from_civil(2025, 3, 3);
    auto series = daily_sales_from_dataset(*ds, DayRange{d1, d1 + 3});
    REQUIRE(series.size() == 4);
    // Day 1: O1 only. sales 30000 - 3000 = 27000; cost 2 x 4000 (B unknown adds 0); C1 new.
    CHECK(series[0].day == d1);
    CHECK(series[0].orders == 1);
    CHECK(series[0].sales == 27000);
    CHECK(series[0].discount == 3000);
    CHECK(series[0].cost == 8000);
    CHECK(series[0].new_customers == 1);
    // Day 2: O3 + O4. sales 8000 + (12000 - 1200) = 18800; cost 4 x 500 + 4000 = 6000; no new.
    CHECK(series[1].orders == 2);
    CHECK(series[1].sales == 18800);
    CHECK(series[1].discount == 1200);
    CHECK(series[1].cost == 6000);
    CHECK(series[1].new_customers == 0);
    // Day 3: O5. sales 5400, cost 3 x 900 = 2700, C2 new.
    CHECK(series[2].orders == 1);
    CHECK(series[2].sales == 5400);
    CHECK(series[2].cost == 2700);
    CHECK(series[2].new_customers == 1);
    // Day 4: no orders.
    CHECK(series[3].day == d1 + 3);
    CHECK(series[3].orders == 0);
    CHECK(series[3].sales == 0);
    CHECK(series[3].new_customers == 0);
  }

  TEST_CASE("carry_forward fills days after the data with the same weekday's mean") {
    const Day last = days_from_civil(2026, 11, 22);
    std::vector<DailySales> s;
    for (Day d = last - 20; d <= last + 3; ++d) {
      DailySales x;
      x.day = d;
      s.push_back(x);
    }
    auto at = [&](Day d) -> DailySales& { return s[static_cast<size_t>(d - (last - 20))]; };
    // Two weeks back from `last`: the weekday of last+1 is that of last-6 and last-13.
    at(last - 6).sales = 100;
    at(last - 13).sales = 101;  // mean 100.5 -> 101 (half away from zero)
    at(last - 6).orders = 1;
    at(last - 13).orders = 2;   // 1.5 -> 2
    at(last - 20).sales = 999;  // three weeks back: outside a 2-week look-back
    at(last + 1).sales = 5;     // after the data: replaced
    auto out = carry_forward(s, last, 2);
    CHECK(out[static_cast<size_t>(last + 1 - (last - 20))].sales == 101);
    CHECK(out[static_cast<size_t>(last + 1 - (last - 20))].orders == 2);
    CHECK(out[static_cast<size_t>(last + 2 - (last - 20))].sales == 0);  // that weekday had no sales
    CHECK(out[static_cast<size_t>(last - 6 - (last - 20))].sales == 100);  // data days untouched
    CHECK(out[0].sales == 999);
  }
}

#include "core/promotions/upcoming.h"
#include "core/workspace/workspace.h"

TEST_SUITE("promotions") {
  TEST_CASE("check-list: promotions starting tomorrow, warned when they will not run as saved") {
    const Day tomorrow = *parse_day("2026-11-24");
    auto at = [](const char* t) { return *parse_timestamp(t); };
    std::vector<StoredPromotion> rows;
    Promotion a = coupon_promo();  // scheduled, clean, starts tomorrow 20:00
    a.conditions.starts_at = at("2026-11-24 20:00");
    rows.push_back({a, "scheduled"});
    Promotion b = tiers_promo();  // a draft starting tomorrow 00:00
    b.id = "T2";
    b.conditions.starts_at = at("2026-11-24 00:00");
    b.conditions.ends_at = at("2026-11-30 00:00");
    rows.push_back({b, "draft"});
    Promotion c = tiers_promo();  // scheduled, but its second tier is not above the first
    c.id = "T3";
    c.params.tiers = {{30000, 3000, 0}, {20000, 4000, 0}};
    c.conditions.starts_at = at("2026-11-24 10:00");
    c.conditions.ends_at = at("2026-11-25 00:00");
    rows.push_back({c, "scheduled"});
    Promotion d = tiers_promo();  // ended: left out even though the day matches
    d.id = "T4";
    d.conditions.starts_at = at("2026-11-24 09:00");
    d.conditions.ends_at = at("2026-11-24 12:00");
    rows.push_back({d, "ended"});
    Promotion e = tiers_promo();  // starts the day after tomorrow: left out
    e.id = "T5";
    e.conditions.starts_at = at("2026-11-25 00:00");
    e.conditions.ends_at = at("2026-11-26 00:00");
    rows.push_back({e, "scheduled"});
    Promotion f = tiers_promo();  // no start time: always on, never "starting"
    f.id = "T6";
    f.conditions.starts_at.reset();
    rows.push_back({f, "active"});

    auto items = promotions_starting(rows, tomorrow);
    REQUIRE(items.size() == 3);
    // In start-time order: T2 00:00, T3 10:00, C1 20:00.
    CHECK(items[0].ref == "T2");
    CHECK(items[1].ref == "T3");
    CHECK(items[2].ref == "C1");
    for (const auto& it : items) CHECK(it.key == "promotion_starts");
    CHECK(items[0].severity == Severity::warning);
    CHECK(items[0].why == ItemWhy::promotion_not_scheduled);  // worded in ui/i18n/checklist_words.cpp
    CHECK(items[0].draft);
    CHECK(items[1].severity == Severity::warning);
    CHECK(items[1].reference == 1.0);  // one problem: tier 2's threshold is below tier 1's
    CHECK(items[1].why == ItemWhy::promotion_problems);
    CHECK(items[1].count == 1);
    CHECK(items[2].severity == Severity::info);
    CHECK(items[2].why == ItemWhy::promotion_check);
    CHECK(format_timestamp(items[2].at).substr(0, 16) == "2026-11-24 20:00");
    CHECK(promotions_starting(rows, tomorrow + 2).empty());
  }

  TEST_CASE("workspace: writing the shop's own records leaves the Dataset as it is; facts reload it") {
    Workspace ws;
    REQUIRE(ws.open_memory());
    REQUIRE(ws.write([](Writer& w) -> Status {
      Product p;
      p.sku = "A";
      p.title = "a";
      return w.put(p);
    }));
    const int64_t rev = ws.revision();
    const int64_t ds_rev = ws.dataset().revision;
    CHECK(ws.dataset().sku.size() == 1);
    REQUIRE(ws.write([](Writer& w) { return save_promotion(w, coupon_promo(), "scheduled"); }, Workspace::Touches::records));
    CHECK(ws.revision() == rev + 1);
    CHECK(ws.dataset().revision == ds_rev);  // not reloaded
    REQUIRE(ws.set_setting("language", "zh-CN"));
    CHECK(ws.revision() == rev + 2);
    CHECK(ws.dataset().revision == ds_rev);
    REQUIRE(ws.write([](Writer& w) -> Status {
      Product p;
      p.sku = "B";
      p.title = "b";
      return w.put(p);
    }));
    CHECK(ws.dataset().revision != ds_rev);  // facts: reloaded
    CHECK(ws.dataset().sku.size() == 2);
  }
}
