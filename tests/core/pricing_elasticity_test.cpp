// Pricing: the elasticity regression (hand-computed OLS and recovery of a known elasticity), the
// what-if, the price book with its floors, competitor positions and suggestions, and the
// competitor_prices import target.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "core/io/importer.h"
#include "core/pricing/competitors.h"
#include "core/pricing/economics.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/pricebook.h"
#include "core/pricing/whatif.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::pricing;

namespace {

using fixture::D;
using fixture::product;

// Weekly sales from Monday 2024-01-01 for `weeks` weeks: one order per week on the Monday with
// `units(w)` units at `price(w)`; a cancelled order on the last Sunday keeps the last week whole.
template <class Price, class Units>
Status weekly(Writer& w, const char* sku, int weeks, Price price, Units units) {
  for (int k = 0; k < weeks; ++k) {
    Order o;
    o.id = std::string(sku) + "-" + std::to_string(k);
    o.placed_at = start_of(D(2024, 1, 1) + 7 * k) + 36000;
    o.status = OrderStatus::completed;
    o.channel = "tmall";
    if (auto r = w.add_order(o); !r) return r.error();
    if (auto r = w.put(OrderLine{o.id, 1, sku, "", units(k), price(k), 0, std::nullopt}); !r) return r;
  }
  Order end;
  end.id = std::string(sku) + "-end";
  end.placed_at = start_of(D(2024, 1, 1) + 7 * weeks - 1) + 36000;
  end.status = OrderStatus::cancelled;
  if (auto r = w.add_order(end); !r) return r.error();
  return Ok{};
}

Money level(int k) { return std::array<Money, 4>{900, 1000, 1100, 1200}[static_cast<size_t>(k % 4)]; }
int64_t demand(Money p) { return std::llround(20000.0 * std::pow(static_cast<double>(p) / 1000.0, -1.8)); }

// A: 4 price levels, units = 20000 (p / 10)^-1.8 (rounded); B: one price; C: 5 weeks only (same
// category "tea"); D (category "ware"): prices within 2%, plus a zero-price line.
Store elasticity_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  REQUIRE(s->write([](Writer& w) -> Status {
               for (const Product& p : {product("A", 500, 1000, "tea"), product("B", 500, 1000, "tea"),
                                        product("C", 500, 1000, "tea"), product("D", 500, 1000, "ware")})
                 if (auto r = w.put(p); !r) return r;
               if (auto r = weekly(w, "A", 52, level, [](int k) { return demand(level(k)); }); !r) return r;
               if (auto r = weekly(w, "B", 52, [](int) { return Money{1000}; }, [](int k) { return int64_t{100 + k % 3}; }); !r)
                 return r;
               if (auto r = weekly(w, "C", 5, level, [](int) { return int64_t{7}; }); !r) return r;
               if (auto r = weekly(w, "D", 52, [](int k) { return Money{1000 + 10 * (k % 3)}; }, [](int k) { return int64_t{50 + k % 5}; });
                   !r)
                 return r;
               Order z;
               z.id = "Z";
               z.placed_at = start_of(D(2024, 3, 5));
               z.status = OrderStatus::paid;
               if (auto r = w.add_order(z); !r) return r.error();
               return w.put(OrderLine{"Z", 1, "D", "", 1, 0, 0, std::nullopt});
             }).ok());
  return std::move(*s);
}

const ElasticityRow& find(const Elasticity& e, const std::string& sku) {
  for (const auto& r : e.rows)
    if (r.sku == sku) return r;
  FAIL("no row for " << sku);
  return e.rows.front();
}

// `csv` through `shopkeeper import --format generic --target competitor_prices` into `s`.
Result<ImportReport> import_competitors(Store& s, const std::string& csv) {
  ImportOptions o;
  o.format = "generic";
  o.target = "competitor_prices";
  o.file_name = "competitors.csv";
  Importer imp;
  if (auto b = imp.begin(csv, o); !b) return b.error();
  return imp.commit(s);
}

}  // namespace

TEST_SUITE("pricing") {
  TEST_CASE("OLS by hand: slope, standard error, t interval, R2") {
    // x = 0,1,2,3; y = 1,3,2,5. Sxx = 5, Sxy = 5.5 -> b = 1.1, a = 2.75 - 1.65 = 1.1.
    // Residuals -0.1, 0.8, -1.3, 0.6: RSS = 2.7, df = 2, s2 = 1.35, se(b) = sqrt(1.35 / 5) = 0.519615.
    // t(0.975, 2) = 4.302653: CI = 1.1 -+ 2.235720. TSS = 8.75: R2 = 1 - 2.7 / 8.75 = 0.691429.
    std::vector<double> x = {1, 0, 1, 1, 1, 2, 1, 3}, y = {1, 3, 2, 5};
    Fit f = ols(x, y, {"const", "log_price"}, 1);
    REQUIRE(f.ok);
    CHECK(f.elasticity == doctest::Approx(1.1).epsilon(1e-12));
    CHECK(f.coef[0] == doctest::Approx(1.1).epsilon(1e-12));
    CHECK(f.elasticity_se == doctest::Approx(0.5196152423).epsilon(1e-9));
    CHECK(f.ci_low == doctest::Approx(1.1 - 4.302652730 * 0.5196152423).epsilon(1e-8));
    CHECK(f.ci_high == doctest::Approx(1.1 + 4.302652730 * 0.5196152423).epsilon(1e-8));
    CHECK(f.r2 == doctest::Approx(1 - 2.7 / 8.75).epsilon(1e-12));
    CHECK(f.df == 2);
    // Collinear columns and too few rows give no fit.
    CHECK_FALSE(ols({1, 2, 1, 2, 1, 2}, {1, 2, 3}, {"const", "log_price"}, 1).ok);
    CHECK_FALSE(ols({1, 0, 1, 1}, {1, 2}, {"const", "log_price"}, 1).ok);
  }

  TEST_CASE("elasticity recovers a known elasticity and states why others are not usable") {
    Store s = elasticity_store();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    auto in = load_elasticity_inputs(s.db());
    REQUIRE(in.ok());
    Elasticity e = compute_elasticity(*ds, *in, ElasticityQuery{});
    REQUIRE(e.rows.size() == 4);
    CHECK(e.used.first == D(2024, 1, 1));
    const ElasticityRow& a = find(e, "A");
    CHECK(a.n_obs == 52);
    CHECK(a.price_points == 4);
    CHECK(a.price_range_bp == 3333);  // 12 / 9 - 1
    CHECK(a.usable);
    CHECK(a.source == EstimateSource::own);
    REQUIRE(a.elasticity);
    CHECK(*a.elasticity == doctest::Approx(-1.8).epsilon(1e-4));  // only the unit rounding is noise
    CHECK(*a.ci_low < -1.8);
    CHECK(*a.ci_high > -1.8);
    CHECK(*a.r2 > 0.999);
    // The promotion share is 0 in every week (no promotions): left out of the design.
    for (const auto& c : a.own.columns) CHECK(c != "promotion");

    const ElasticityRow& b = find(e, "B");
    CHECK(b.why == ElasticityWhy::one_price);
    CHECK(b.a == 1000);
    CHECK_FALSE(b.usable);
    CHECK(b.source == EstimateSource::category);  // the pooled "tea" estimate, never usable from it
    REQUIRE(b.elasticity);
    CHECK(*b.elasticity < -1.0);

    const ElasticityRow& c = find(e, "C");
    CHECK(c.why == ElasticityWhy::few_periods);
    CHECK(c.a == 5);
    CHECK(c.b == kMinWeeks);
    CHECK_FALSE(c.usable);

    const ElasticityRow& d = find(e, "D");
    CHECK(d.why == ElasticityWhy::narrow_range);
    CHECK(d.a == 200);  // 10.20 / 10.00 - 1 = 2%
    CHECK(d.bad_price_lines == 1);
    CHECK_FALSE(d.usable);

    // --sku keeps one row; --category the category's.
    ElasticityQuery q;
    q.product = a.product;
    auto one = compute_elasticity(*ds, *in, q);
    REQUIRE(one.rows.size() == 1);
    CHECK(*one.rows[0].elasticity == *a.elasticity);
    q = {};
    q.category = d.category;
    CHECK(compute_elasticity(*ds, *in, q).rows.size() == 1);
    // Daily grain: weekday indicators enter (sales only on Mondays: the days with sales are all
    // Mondays, so the indicators are constant and left out); the estimate is the same data.
    q = {};
    q.grain = Grain::day;
    q.product = a.product;
    auto daily = compute_elasticity(*ds, *in, q);
    REQUIRE(daily.rows.size() == 1);
    CHECK(daily.rows[0].n_obs == 52);
    CHECK(*daily.rows[0].elasticity == doctest::Approx(-1.8).epsilon(1e-3));
  }

  TEST_CASE("what-if: units follow the elasticity; the best price stays within the bounds") {
    Store s = elasticity_store();
    auto ds = load_dataset(s);
    auto in = load_elasticity_inputs(s.db());
    Elasticity el = compute_elasticity(*ds, *in, ElasticityQuery{});
    auto ein = load_economics_inputs(s.db(), *ds);
    Economics econ = compute_economics(*ds, *ein, EconomicsQuery{});
    int32_t a = find(el, "A").product;
    WhatIfQuery q;
    q.product = a;
    q.price = 1000;
    q.floor = 900;
    WhatIf w = what_if(*ds, el, econ, q);
    REQUIRE(w.why == WhatIfWhy::ok);
    // Baseline: the last 8 weeks (44..51) cycle the 4 levels twice: units 2 x (d(9)+d(10)+d(11)+d(12)) / 8.
    const double u0 = (demand(900) + demand(1000) + demand(1100) + demand(1200)) * 2 / 8.0;
    CHECK(w.baseline_units == doctest::Approx(u0));
    const int64_t rev = 2 * (900 * demand(900) + 1000 * demand(1000) + 1100 * demand(1100) + 1200 * demand(1200));
    const int64_t units = 2 * (demand(900) + demand(1000) + demand(1100) + demand(1200));
    CHECK(w.baseline_price == div_round(rev, units));
    const double ratio = 1000.0 / static_cast<double>(w.baseline_price);
    CHECK(w.at_price.units.mid == doctest::Approx(u0 * std::pow(ratio, w.elasticity)));
    CHECK(w.at_price.units.low <= w.at_price.units.mid);
    CHECK(w.at_price.units.high >= w.at_price.units.mid);
    CHECK(w.at_price.sales.mid == doctest::Approx(w.at_price.units.mid * 1000));
    CHECK(w.at_price.gross_profit.mid == doctest::Approx(w.at_price.units.mid * 500));
    REQUIRE(w.best);
    CHECK(w.best->price >= w.bound_low);
    CHECK(w.best->price <= w.bound_high);
    CHECK(w.bound_low >= 900);
    // Elastic demand (-1.8) with cost 5.00: the optimum e F / ((1 + e)(1 - v)) = 11.25 lies
    // within +-20% of p0, so the best beats both ends.
    CHECK(w.best->contribution.mid >= what_if(*ds, el, econ, WhatIfQuery{a, w.bound_low}).at_price.contribution.mid);
    q.price = 0;
    CHECK(what_if(*ds, el, econ, q).why == WhatIfWhy::bad_price);
  }

  TEST_CASE("price book: default floor, checks, refusals that change nothing") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) -> Status {
                 if (auto r = w.put(product("TEA", 600, 1000, "tea")); !r) return r;
                 Product mug = product("MUG", 0, 2000, "ware");
                 mug.unit_cost = std::nullopt;
                 return w.put(mug);
               }).ok());
    auto b = load_price_book(s->db());
    REQUIRE(b.ok());
    CHECK(b->margin_floor_bp == 1000);
    const SkuBook* tea = find_book(*b, "TEA");
    REQUIRE(tea);
    CHECK(*tea->floor == 660);  // 6.00 x 1.10
    CHECK(tea->floor_is_default);
    CHECK_FALSE(find_book(*b, "MUG")->floor.has_value());
    CHECK(default_floor(333, 1000) == 366);  // 333 + 33.3 -> 366

    CHECK(save_book_entry(*s, {"TEA", BookKind::member, "gold", 1, 900}).ok());
    CHECK(save_book_entry(*s, {"TEA", BookKind::ladder, "", 2, 950}).ok());
    CHECK(save_book_entry(*s, {"TEA", BookKind::ladder, "", 3, 900}).ok());
    // Refused: a member price above list, a ladder that rises, a floor above a price, zero prices.
    auto r1 = save_book_entry(*s, {"TEA", BookKind::member, "silver", 1, 1100});
    CHECK(r1.error().message.find("above the list price") != std::string::npos);
    CHECK(save_book_entry(*s, {"TEA", BookKind::ladder, "", 4, 960}).error().message.find("step before") != std::string::npos);
    auto r3 = save_book_entry(*s, {"TEA", BookKind::floor, "", 1, 1200});
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().message.find("above the") != std::string::npos);
    CHECK_FALSE(save_book_entry(*s, {"TEA", BookKind::channel, "jd", 1, 0}).ok());
    CHECK_FALSE(save_book_entry(*s, {"NOPE", BookKind::floor, "", 1, 100}).ok());
    CHECK(*s->db().scalar("SELECT COUNT(*) FROM price_book") == 3);
    // An explicit floor below every price is taken.
    CHECK(save_book_entry(*s, {"TEA", BookKind::floor, "", 1, 700}).ok());
    auto floors = load_floor_prices(s->db());
    REQUIRE(floors->size() == 1);
    CHECK((*floors)[0].floor == 700);
    CHECK_FALSE((*floors)[0].is_default);
    CHECK(check_price_book(*load_price_book(s->db())).empty());
    // A lower list price than the floor is refused; a good one is logged.
    CHECK_FALSE(set_list_price(*s, "TEA", 650, 0).ok());
    CHECK(set_list_price(*s, "TEA", 980, 1000).ok());
    auto h = load_price_history(s->db(), "TEA");
    REQUIRE(h->size() == 1);
    CHECK(*(*h)[0].old_price == 1000);
    CHECK((*h)[0].new_price == 980);
    // A write of the product row with another price (an import or an edit) logs through the trigger.
    REQUIRE(s->write([](Writer& w) { return w.put(product("TEA", 600, 990, "tea")); }).ok());
    h = load_price_history(s->db(), "TEA");
    REQUIRE(h->size() == 2);
    CHECK(*(*h)[1].old_price == 980);
    CHECK((*h)[1].source == "write");
    // The same price again logs nothing.
    REQUIRE(s->write([](Writer& w) { return w.put(product("TEA", 600, 990, "tea")); }).ok());
    CHECK(load_price_history(s->db(), "TEA")->size() == 2);
  }

  TEST_CASE("price endings round down, or up to the floor") {
    CHECK(round_ending(4375, Ending::x9, false) == 3900);
    CHECK(round_ending(4375, Ending::x9, true) == 4900);
    CHECK(round_ending(3900, Ending::x9, false) == 3900);
    CHECK(round_ending(4375, Ending::x90, false) == 4290);
    CHECK(round_ending(4375, Ending::x90, true) == 4390);
    CHECK(round_ending(4375, Ending::whole, false) == 4300);
    CHECK(round_ending(4375, Ending::whole, true) == 4400);
    CHECK(round_ending(4375, Ending::none, false) == 4375);
  }

  TEST_CASE("competitor positions, changes, unmatched and future rows; suggestions respect the floor") {
    std::vector<CompetitorObs> log = {
        {D(2025, 3, 1), "shopA", "their tea", "TEA", 4500, 0, true, "", ""},
        {D(2025, 3, 8), "shopA", "their tea", "TEA", 4200, 0, true, "满200减20", ""},  // change -6.67%
        {D(2025, 3, 8), "shopB", "tea 250g", "TEA", 4600, 500, true, "", ""},          // total 51.00
        {D(2025, 3, 8), "shopC", "tea", "TEA", 3000, 0, false, "", ""},                 // out of stock
        {D(2025, 3, 9), "shopA", "new thing", "ZZZ", 999, 0, true, "", ""},             // unknown SKU
        {D(2025, 4, 1), "shopB", "tea 250g", "TEA", 100, 0, true, "", ""},              // future
    };
    CompetitorReport rep = competitor_report(log, {{"TEA", 4800}, {"POT", 9000}}, D(2025, 3, 10));
    REQUIRE(rep.positions.size() == 1);
    const Position& p = rep.positions[0];
    CHECK(p.competitors == 2);
    CHECK(p.out_of_stock == 1);
    CHECK(p.cheapest == 4200);
    CHECK(p.cheapest_competitor == "shopA");
    CHECK(p.dearest == 5100);
    CHECK(p.average == 4650);
    CHECK(p.gap == 600);
    CHECK(p.gap_bp == 1429);  // 600 / 4200 = 14.29%
    CHECK(p.rank == Rank::middle);
    REQUIRE(rep.changes.size() == 1);
    CHECK(rep.changes[0].change_bp == -667);
    REQUIRE(rep.unmatched.size() == 1);
    CHECK(rep.unmatched[0].product == "new thing");
    REQUIRE(rep.future_dated.size() == 1);

    PriceBook book;
    SkuBook tea;
    tea.sku = "TEA";
    tea.list_price = 4800;
    tea.floor = 4000;
    book.skus.push_back(tea);
    Rule rule;  // beat by 1.00, at most 10% a step, x9
    auto s = suggest_prices(rep, book, nullptr, rule);
    REQUIRE(s.size() == 1);
    // target 41.00; step bounds 43.20..52.80 -> 43.20; x9 down = 39.00 leaves the step, x9 up =
    // 49.00 is above ours: no ending fits, the unrounded 43.20 is suggested.
    CHECK(s[0].target == 4100);
    CHECK(s[0].suggested == 4320);
    CHECK(s[0].why == SuggestWhy::capped_by_step);
    rule.max_step_bp = 2000;  // 38.40..57.60: 41.00 -> x9 down 39.00, below the floor 40.00;
    s = suggest_prices(rep, book, nullptr, rule);
    CHECK(s[0].suggested == 4800);  // the floor's x9 up is 49.00, not below ours: held at 48.00
    CHECK(s[0].why == SuggestWhy::held_by_floor);
    rule.ending = Ending::x90;  // 41.00 -> 40.90, above the floor
    s = suggest_prices(rep, book, nullptr, rule);
    CHECK(s[0].suggested == 4090);
    CHECK(s[0].why == SuggestWhy::change);
  }

  TEST_CASE("competitor prices import through the generic target, unknown SKUs kept") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) { return w.put(product("TEA", 600, 1000, "tea")); }).ok());
    std::string csv =
        "日期,竞品店铺,竞品名称,商家编码,价格,运费,有货,促销\n"
        "2025-03-01,shopA,their tea,TEA,45.00,0,1,满200减20\n"
        "2025-03-01,shopB,mystery,NEW1,9.99,,0,\n"
        "2025-03-02,shopB,no sku,,9.99,,1,\n";
    auto r = import_competitors(*s, csv);
    REQUIRE(r.ok());
    CHECK(r->rows_imported == 2);
    CHECK(r->rows_rejected == 1);  // no matched SKU: rejected with its line, not silently dropped
    REQUIRE(r->errors.size() == 1);
    CHECK(r->errors[0].line == 4);
    auto log = load_competitor_prices(s->db());
    REQUIRE(log->size() == 2);
    CHECK((*log)[0].sku == "NEW1");
    CHECK_FALSE((*log)[0].in_stock);
    CHECK((*log)[1].price == 4500);
    CHECK((*log)[1].promotion == "满200减20");
    auto rep = competitor_report(*log, {{"TEA", 1000}}, D(2025, 3, 5));
    REQUIRE(rep.unmatched.size() == 1);
    CHECK(rep.unmatched[0].sku == "NEW1");
  }
}

TEST_SUITE("pricing") {
  TEST_CASE("schema 7 keeps a schema-2 competitor log and can run again over its own result") {
    std::string dir = (std::filesystem::temp_directory_path() / "sk_pricing_schema7").string();
    std::filesystem::remove_all(dir);
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      CHECK(s->db().exec("INSERT INTO competitor_prices(sku, competitor, day, price, url) VALUES('TEA','shopA',20000,4500,'u');"
                         "PRAGMA main.user_version=2; PRAGMA facts.user_version=2;"
                         // and without schema 4's columns, as a schema-2 store was
                         "ALTER TABLE facts.order_lines DROP COLUMN kind; ALTER TABLE facts.orders DROP COLUMN region;"
                         "ALTER TABLE products DROP COLUMN floor_price").ok());
    }
    auto s = Store::open(dir);
    REQUIRE(s.ok());
    auto log = load_competitor_prices(s->db());
    REQUIRE(log->size() == 1);
    CHECK((*log)[0].price == 4500);
    CHECK((*log)[0].url == "u");
    CHECK((*log)[0].in_stock);
    CHECK((*log)[0].shipping == 0);
    std::filesystem::remove_all(dir);
  }
}

// Issue #13, bad input: a competitor price of zero or less is rejected with its line and field
// (nothing else in the file is lost), like the row without a SKU above.
TEST_SUITE("pricing") {
  TEST_CASE("pricing bad input: competitor prices of zero or less are rejected with line and field, the rest kept") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) { return w.put(product("TEA", 600, 1000, "tea")); }).ok());
    const std::string csv =
        "day,competitor,product,sku,price,shipping,in_stock,promotion\n"
        "2025-03-01,shopA,their tea,TEA,45.00,0,1,\n"
        "2025-03-01,shopB,free tea,TEA,0,0,1,\n"
        "2025-03-01,shopC,odd tea,TEA,-3.00,0,1,\n"
        "2025-03-02,shopD,mystery,NEW1,9.99,,1,\n";
    auto r = import_competitors(*s, csv);
    REQUIRE(r.ok());
    CHECK(r->rows_imported == 2);  // shopA's and the unknown SKU's (kept, listed for matching)
    CHECK(r->rows_rejected == 2);
    REQUIRE(r->errors.size() == 2);
    CHECK(r->errors[0].line == 3);
    CHECK(r->errors[1].line == 4);
    for (const auto& e : r->errors) {
      CHECK(e.why == RowWhy::bad_value);
      CHECK(e.field == "price");
      CHECK(e.message == "a competitor price must be above zero");
    }
    auto log = load_competitor_prices(s->db());
    REQUIRE(log.ok());
    REQUIRE(log->size() == 2);
    for (const auto& x : *log) CHECK(x.price > 0);
  }

  TEST_CASE("PPML by hand: group means, HC0 sandwich, normal interval, deviance R2; separation does not converge") {
    // Const + a 0/1 regressor: the Poisson MLE puts exp(b0) at the mean of y where x = 0 and
    // exp(b0 + b1) at the mean where x = 1. y = 0,1,2 | 3,3,6: means 1 and 4, b0 = 0, b1 = ln 4.
    // HC0 variance of a group's log mean = sum (y - mean)^2 / (n mean)^2: 2 / 9 and 6 / 144, so
    // se(b1) = sqrt(2/9 + 1/24) = sqrt(19/72) = 0.513701, interval ln 4 -+ 1.959964 se.
    // Deviance 2 sum y ln(y / mu) = 4.185985, null deviance (mu = 2.5) 9.968328: R2 = 0.580071.
    // (statsmodels GLM Poisson cov_type HC0 gives the same: 1.386294 [0.379459, 2.393130], 0.580071.)
    std::vector<double> x = {1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1}, y = {0, 1, 2, 3, 3, 6};
    Fit f = ppml(x, y, {"const", "log_price"}, 1);
    REQUIRE(f.ok);
    CHECK(f.method == Method::ppml);
    CHECK(f.converged);
    CHECK(f.iterations < 20);
    CHECK(f.coef[0] == doctest::Approx(0.0).scale(1).epsilon(1e-9));
    CHECK(f.elasticity == doctest::Approx(std::log(4.0)).epsilon(1e-10));
    CHECK(f.elasticity_se == doctest::Approx(std::sqrt(19.0 / 72)).epsilon(1e-9));
    CHECK(f.se[0] == doctest::Approx(std::sqrt(2.0 / 9)).epsilon(1e-9));
    CHECK(f.ci_low == doctest::Approx(0.37945858).epsilon(1e-7));
    CHECK(f.ci_high == doctest::Approx(2.39313015).epsilon(1e-7));
    CHECK(f.r2 == doctest::Approx(0.5800714815).epsilon(1e-8));
    // No sale where x = 0: b0 runs to minus infinity, Newton never settles (the step stays about
    // 1), and the bounded loop says so instead of returning a number.
    Fit g = ppml(x, {0, 0, 0, 1, 2, 3}, {"const", "log_price"}, 1);
    CHECK_FALSE(g.ok);
    CHECK_FALSE(g.converged);
    CHECK(g.iterations == kPpmlMaxIter);
    // A rank-deficient design is not a convergence failure.
    Fit h = ppml({1, 2, 1, 2, 1, 2}, {1, 2, 3}, {"const", "log_price"}, 1);
    CHECK_FALSE(h.ok);
    CHECK(h.converged);
  }

  TEST_CASE("pooled PPML by hand: SKU effects concentrated out, HC0 sandwich of the slope, within deviance R2") {
    // Two SKUs, each two periods at price 1 (ln 1 = 0) and two at price 2 (ln 2), no controls.
    //   A: 2, 4 at price 1; 1, 2 at price 2.   B: 1, 1 at price 1; 0, 1 at price 2.
    // With the same number of rows at each price in every SKU, the conditional likelihood puts
    // the share of units at price 2 at 2^e / (1 + 2^e) in each SKU; pooled 4 of 12 units, so
    // 2^e = 1/2 and e = -1. Fitted: A 3, 3 | 1.5, 1.5 (its 9 units), B 1, 1 | 0.5, 0.5.
    // mu-weighted mean of ln p in each SKU: ln 2 / 3. Schur block A = sum mu (z - zbar)^2 =
    // (ln 2)^2 (2 + 2/3) = 8/3 (ln 2)^2; B = sum r^2 (z - zbar)^2 = (ln 2)^2 (2/9 + 2/9 + 0 + 2/9)
    // = 2/3 (ln 2)^2; var = B / A^2 = (3/32) / (ln 2)^2, se = 0.441733. Deviance 2 sum y ln(y/mu)
    // = 2.405689; at each SKU's mean count (2.25, 0.75) 3.764881: R2 = 0.361019.
    // (statsmodels GLM Poisson on [ln p, dummy A, dummy B], cov_type HC0: -1.000000, se 0.441733,
    // [-1.865781, -0.134219]; the dummies-only GLM's deviance 3.764881.)
    const double l2 = std::log(2.0);
    PooledRows rows;
    rows.period = {0, 1, 2, 3, 0, 1, 2, 3};
    rows.ln_price = {0, 0, l2, l2, 0, 0, l2, l2};
    rows.y = {2, 4, 1, 2, 1, 1, 0, 1};
    rows.group_begin = {0, 4, 8};
    const std::vector<double> ctl(4, 0.0);  // one control, constant: left out
    Fit f = ppml_within(rows, ctl, {"trend"});
    REQUIRE(f.ok);
    CHECK(f.method == Method::ppml);
    CHECK(f.columns == std::vector<std::string>{"log_price"});
    CHECK(f.n_obs == 8);
    CHECK(f.df == 8 - 2 - 1);
    CHECK(f.elasticity == doctest::Approx(-1.0).epsilon(1e-10));
    CHECK(f.elasticity_se == doctest::Approx(std::sqrt(3.0 / 32) / l2).epsilon(1e-9));
    CHECK(f.ci_low == doctest::Approx(-1.865781).epsilon(1e-6));
    CHECK(f.ci_high == doctest::Approx(-0.134219).epsilon(1e-5));
    const double dev = 2 * (2 * std::log(2 / 3.0) + 4 * std::log(4 / 3.0) + std::log(1 / 1.5) + 2 * std::log(2 / 1.5) + std::log(2.0));
    const double dev0 = 2 * (2 * std::log(2 / 2.25) + 4 * std::log(4 / 2.25) + std::log(1 / 2.25) + 2 * std::log(2 / 2.25) +
                             3 * std::log(1 / 0.75));
    CHECK(f.r2 == doctest::Approx(1 - dev / dev0).epsilon(1e-9));
    CHECK(f.r2 == doctest::Approx(0.361019).epsilon(1e-5));
    // A price that moves only between SKUs, never within one, is all in the SKU effects: no fit.
    PooledRows flat = rows;
    flat.ln_price = {0, 0, 0, 0, l2, l2, l2, l2};
    Fit g = ppml_within(flat, ctl, {"trend"});
    CHECK_FALSE(g.ok);
    CHECK(g.columns.empty());
  }

  TEST_CASE("pooled PPML equals the plain PPML with one dummy per SKU, controls included") {
    // Three SKUs over 30 periods (one sells only in 12..29) with two controls; the same model
    // fitted by ppml() on [ln p, controls, dummies] (its own Newton on the full design, pinned to
    // statsmodels by tests/oracle/pricing_check.py) gives the same slopes and HC0 errors.
    const int nper = 30;
    std::vector<double> ctl;
    for (int t = 0; t < nper; ++t) {
      ctl.push_back(t / 30.0);
      ctl.push_back(std::sin(t * 0.7));
    }
    PooledRows rows;
    std::vector<double> x, y;
    uint64_t seed = 12345;
    auto rnd = [&] {  // a fixed LCG: the same draws on every platform
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<double>(seed >> 11) / 9007199254740992.0;
    };
    for (int g = 0; g < 3; ++g) {
      for (int t = g == 2 ? 12 : 0; t < nper; ++t) {
        const double lp = std::log(10.0 + 5 * ((t / 4 + g) % 3));
        const double mu = std::exp(1.0 + 0.4 * g - 1.5 * (lp - std::log(10.0)) + 0.3 * ctl[2 * t] + 0.2 * ctl[2 * t + 1]);
        double u = 0;  // Poisson by inversion
        for (double pr = std::exp(-mu), c = pr, v = rnd(); v > c; pr *= mu / ++u, c += pr) {
        }
        rows.period.push_back(t);
        rows.ln_price.push_back(lp);
        rows.y.push_back(u);
        x.insert(x.end(), {lp, ctl[2 * t], ctl[2 * t + 1], g == 0 ? 1.0 : 0.0, g == 1 ? 1.0 : 0.0, g == 2 ? 1.0 : 0.0});
        y.push_back(u);
      }
      rows.group_begin.push_back(static_cast<uint32_t>(rows.y.size()));
    }
    Fit pooled = ppml_within(rows, ctl, {"trend", "wave"});
    Fit full = ppml(x, y, {"log_price", "trend", "wave", "a", "b", "c"}, 0);
    REQUIRE(pooled.ok);
    REQUIRE(full.ok);
    CHECK(pooled.columns == std::vector<std::string>{"log_price", "trend", "wave"});
    CHECK(pooled.df == full.df);
    for (size_t j = 0; j < 3; ++j) {
      CAPTURE(j);
      CHECK(pooled.coef[j] == doctest::Approx(full.coef[j]).epsilon(1e-8));
      CHECK(pooled.se[j] == doctest::Approx(full.se[j]).epsilon(1e-7));
    }
    CHECK(pooled.elasticity == doctest::Approx(full.elasticity).epsilon(1e-8));
    CHECK(pooled.elasticity < -0.5);  // the truth is -1.5: not a fit of noise
  }

  TEST_CASE("elasticity: weeks without a sale send a SKU to PPML priced at the list price in force; an unknown one is refused") {
    // F and E sell in weeks k = 0..23 except every third (k % 3 == 2), at level(k) with units
    // demand(level(k)) / 100: span weeks 0..22 (week 23 has no sale), 7 zero weeks (2, 5, .., 20).
    // F's list-price path is in price_history; E has none: its zero weeks carry the shelf price of
    // the sale week before them (the line prices), so E's design is F's. G is F with a first logged
    // change that has no old price: weeks 0..6 (before week 7's change) have no known list price.
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) -> Status {
                 for (const Product& p : {product("E", 500, 0, "tea"), product("F", 500, 1000, "tea"), product("G", 500, 1000, "tea")})
                   if (auto r = w.put(p); !r) return r;
                 for (const char* sku : {"E", "F", "G"})
                   for (int k = 0; k < 24; ++k) {
                     Order o;
                     o.id = std::string(sku) + "-" + std::to_string(k);
                     o.placed_at = start_of(D(2024, 1, 1) + 7 * k) + 36000;
                     o.status = k % 3 == 2 ? OrderStatus::cancelled : OrderStatus::completed;
                     o.channel = "tmall";
                     if (auto r = w.add_order(o); !r) return r.error();
                     if (auto r = w.put(OrderLine{o.id, 1, sku, "", std::max<int64_t>(1, demand(level(k)) / 100), level(k), 0, std::nullopt}); !r)
                       return r;
                   }
                 // F's path: level(k) from Monday k (09:00), the first change from 9.00 to 10.00.
                 auto h = w.db().prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES('F',?,?,?,'edit')");
                 if (!h) return Status(h.error());
                 for (int k = 1; k < 24; ++k) {
                   h->reset();
                   h->bind(1, start_of(D(2024, 1, 1) + 7 * k) + 9 * 3600).bind(2, level(k - 1)).bind(3, level(k));
                   if (auto r = h->run(); !r) return r;
                 }
                 auto g = w.db().prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES('G',?,NULL,?,'edit')");
                 if (!g) return Status(g.error());
                 g->bind(1, start_of(D(2024, 1, 1) + 7 * 7) + 9 * 3600).bind(2, level(7));
                 if (auto r = g->run(); !r) return r;
                 // The last week whole: a cancelled order on Sunday of week 23.
                 Order end;
                 end.id = "end";
                 end.placed_at = start_of(D(2024, 1, 1) + 7 * 24 - 1) + 36000;
                 end.status = OrderStatus::cancelled;
                 if (auto r = w.add_order(end); !r) return r.error();
                 return Ok{};
               }).ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    auto in = load_elasticity_inputs(s->db());
    REQUIRE(in.ok());
    CHECK(in->list_changes.size() == 24);
    Elasticity e = compute_elasticity(*ds, *in, ElasticityQuery{});
    REQUIRE(e.rows.size() == 3);
    const ElasticityRow& f = find(e, "F");
    CHECK(f.method == Method::ppml);
    CHECK(f.sale_periods == 16);
    CHECK(f.zero_periods == 7);
    CHECK(f.n_obs == 23);
    CHECK(f.price_points == 4);
    CHECK(f.usable);
    REQUIRE(f.own.ok);
    CHECK(f.own.method == Method::ppml);
    CHECK(estimate_method(f) == Method::ppml);
    // The zero weeks fall on levels 11.00, 10.00, 9.00, 12.00, 11.00, 10.00, 9.00: two each at
    // 9, 10 and 11 but one at 12, so the dearest level keeps more of its weeks and the slope is
    // flatter than the -1.8 of the sale weeks (-1.26 here; the oracle checks the numbers against statsmodels).
    CHECK(*f.elasticity < -1.0);
    CHECK(*f.elasticity > -1.5);
    CHECK(*f.ci_low < *f.elasticity);
    CHECK(*f.ci_high > *f.elasticity);
    // E: no history. Its sale weeks are at level(k) (the lines), and each zero week k = 3j + 2
    // carries week 3j + 1's level: the same periods as F with other prices in the zero weeks.
    const ElasticityRow& r = find(e, "E");
    CHECK(r.method == Method::ppml);
    CHECK(r.n_obs == 23);
    CHECK(r.zero_periods == 7);
    REQUIRE(r.own.ok);
    CHECK(r.usable);
    CHECK(*r.elasticity != *f.elasticity);
    // G: weeks 2 and 5 (zero weeks before the first logged change, which has no old price) are
    // unpriced: no own fit, and it adds no rows to the pool; it shows the pooled "tea" estimate
    // (PPML with SKU effects over the SKUs that are priced), never usable from it.
    const ElasticityRow& gr = find(e, "G");
    CHECK(gr.method == Method::ppml);
    CHECK(gr.why == ElasticityWhy::no_shelf_price);
    CHECK(gr.a == 2);
    CHECK_FALSE(gr.usable);
    CHECK_FALSE(gr.own.ok);
    CHECK(gr.source == EstimateSource::category);
    CHECK(estimate_method(gr) == Method::ppml);
    const CategoryFit* tea = nullptr;
    for (const auto& c : e.categories)
      if (c.category == gr.category) tea = &c;
    REQUIRE(tea != nullptr);
    CHECK(tea->fit.ok);
    CHECK(tea->fit.method == Method::ppml);
    CHECK(*gr.elasticity == tea->fit.elasticity);
    int64_t priced_rows = 0, priced_skus = 0;  // every tea SKU but G, each over its fit's periods
    for (const auto& r : e.rows)
      if (r.category == gr.category && r.sku != "G") priced_rows += r.n_obs, ++priced_skus;
    CHECK(tea->skus == priced_skus);
    CHECK(tea->fit.n_obs == priced_rows);
  }
}
