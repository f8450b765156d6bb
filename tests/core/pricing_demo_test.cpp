// Issue #13: the demo shop's prices (core/demo/prices.h). Its generator gives every SKU an
// own-price elasticity and list-price changes over the two years; the elasticity regression run
// on the generated store recovers those elasticities within its 95% intervals.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/demo/catalog.h"
#include "core/demo/generator.h"
#include "core/demo/prices.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/pricebook.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

// The default demo shop (60,000 lines, 300 products, 24 months) ending 2025-06-30.
DemoOptions default_demo() {
  DemoOptions o;
  o.end_day = fixture::D(2025, 6, 30);
  return o;
}

}  // namespace

TEST_SUITE("pricing") {
  TEST_CASE("pricing demo: det_pow is std::pow to 1e-12 without libm") {
    int checked = 0;
    for (double x = 0.01; x <= 100; x *= 1.37)
      for (double e = -5; e <= 5; e += 0.37) {
        const double want = std::pow(x, e), got = demo::det_pow(x, e);
        CAPTURE(x);
        CAPTURE(e);
        CHECK(std::abs(got - want) <= 1e-12 * want);
        ++checked;
      }
    CHECK(checked > 500);
    CHECK(demo::det_pow(1.0, -1.7) == 1.0);
    // 0.8^-2 = 1.5625 exactly; 2^-1 = 0.5.
    CHECK(std::abs(demo::det_pow(0.8, -2) - 1.5625) < 1e-15);
    CHECK(std::abs(demo::det_pow(2.0, -1) - 0.5) < 1e-16);
  }

  TEST_CASE("pricing demo: every SKU has an elasticity and a price path that the orders and the log show") {
    const DemoOptions opt = default_demo();
    const auto facts = demo_price_facts(opt);
    REQUIRE(facts.size() == 300);
    int with_changes = 0, steps = 0;
    for (const auto& f : facts) {
      // Centres -0.9 .. -2.2 per category, +- 0.5: every elasticity in [-2.7, -0.4].
      CHECK(f.elasticity <= -0.4);
      CHECK(f.elasticity >= -2.7);
      REQUIRE(!f.steps.empty());
      with_changes += f.steps.size() > 1;
      steps += static_cast<int>(f.steps.size()) - 1;
    }
    // 15 % keep one price, 10 % change once, 75 % every 14..49 days (31.5 on average) over the
    // 731-day history less four weeks: about 22 changes, some lost to rounding or short selling
    // windows. So about 255 SKUs change at least once and about 300 x 0.75 x 22 = 5,000 changes.
    CHECK(with_changes > 220);
    CHECK(with_changes < 280);
    CHECK(steps > 3800);
    CHECK(steps < 6000);
    Store s = fixture::memory_store();
    REQUIRE(generate_demo(s, opt).ok());
    // The log holds one row per change, old -> new as the path says.
    auto n = s.db().scalar("SELECT COUNT(*) FROM price_history");
    REQUIRE(n.ok());
    CHECK(*n == steps);
    const auto& f0 = *std::find_if(facts.begin(), facts.end(), [](const DemoPriceFacts& f) { return f.steps.size() >= 3; });
    auto h = pricing::load_price_history(s.db(), f0.sku);
    REQUIRE(h.ok());
    REQUIRE(h->size() == f0.steps.size() - 1);
    for (size_t k = 1; k < f0.steps.size(); ++k) {
      CHECK(day_of((*h)[k - 1].at) == f0.steps[k].first);
      CHECK((*h)[k - 1].old_price == f0.steps[k - 1].second);
      CHECK((*h)[k - 1].new_price == f0.steps[k].second);
    }
    // Order lines carry the day's list price (or the live-room price, 90 % in shop endings, or
    // the clearance price): checked on every line of the SKUs that are not clearance items.
    std::map<std::string, const DemoPriceFacts*> by_sku;
    for (const auto& f : facts) by_sku[f.sku] = &f;
    auto st = s.db().prepare(
        "SELECT l.sku, o.placed_at, l.unit_price FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " JOIN products p ON p.sku = l.sku WHERE p.role != 'clearance'");
    REQUIRE(st.ok());
    int64_t lines = 0, at_list = 0, bad = 0;
    while (st->step()) {
      const DemoPriceFacts& f = *by_sku.at(st->text(0));
      const Day d = day_of(st->i64(1));
      Money list = 0;
      for (const auto& step : f.steps)
        if (step.first <= d) list = step.second;
      const Money price = st->i64(2);
      ++lines;
      if (price == list) ++at_list;
      else if (price != demo::nice_price(list * 9 / 10)) ++bad;
    }
    CHECK(lines > 50000);
    CHECK(bad == 0);
    CHECK(at_list > lines * 9 / 10);  // live-room prices are about 5 % of lines
  }

  TEST_CASE("pricing demo: the weekly estimates recover the generator's elasticities within their intervals") {
    const DemoOptions opt = default_demo();
    std::map<std::string, double> truth;
    for (const auto& f : demo_price_facts(opt)) truth[f.sku] = f.elasticity;
    Store s = fixture::memory_store();
    REQUIRE(generate_demo(s, opt).ok());
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    auto in = pricing::load_elasticity_inputs(s.db());
    REQUIRE(in.ok());
    const auto e = pricing::compute_elasticity(*ds, *in, pricing::ElasticityQuery{});
    // The usable SKUs by weeks with sales (of the 104 whole weeks): the log-log fit on weeks with
    // sales is unbiased when a SKU sells every week, and drifts towards zero for thin SKUs (weeks
    // without sales drop out, the log of 1 or 2 units is coarse). Figures printed for all; the
    // recovery is asserted on the well-sold SKUs (sales in >= 95 weeks).
    const std::string names[4] = {">= 95 weeks", "80..94 weeks", "50..79 weeks", "< 50 weeks"};
    int n[4] = {}, covered[4] = {}, ppml[4] = {};
    double err[4] = {}, abs_err[4] = {};
    std::vector<double> widths, bwidths[4];
    for (const auto& r : e.rows) {
      if (!r.usable) continue;
      REQUIRE(r.source == pricing::EstimateSource::own);
      const int b = r.sale_periods >= 95 ? 0 : r.sale_periods >= 80 ? 1 : r.sale_periods >= 50 ? 2 : 3;
      const double t = truth.at(r.sku);
      ++n[b];
      covered[b] += *r.ci_low <= t && t <= *r.ci_high;
      err[b] += *r.elasticity - t;
      abs_err[b] += std::abs(*r.elasticity - t);
      ppml[b] += r.method == pricing::Method::ppml;
      // A SKU with a week without a sale inside its selling span is fitted by PPML over every week.
      CHECK((r.method == pricing::Method::ppml) == (r.zero_periods > 0));
      if (b == 0) widths.push_back(*r.ci_high - *r.ci_low);
      bwidths[b].push_back(*r.ci_high - *r.ci_low);
    }
    auto median_width = [&](int b) {
      std::vector<double> w = bwidths[b];
      std::sort(w.begin(), w.end());
      return w.empty() ? 0.0 : w[w.size() / 2];
    };
    for (int b = 0; b < 4; ++b)
      if (n[b] > 0)
        MESSAGE(names[b] << ": " << n[b] << " usable SKUs (" << ppml[b] << " PPML), truth inside the 95% interval for "
                         << covered[b] << ", mean error " << err[b] / n[b] << ", mean |error| " << abs_err[b] / n[b]
                         << ", median interval width " << median_width(b));
    REQUIRE(n[0] >= 30);
    std::sort(widths.begin(), widths.end());
    // Seed 7: 35 SKUs, 33 intervals hold the truth, mean error +0.15, mean |error| 0.61, median
    // width 2.05 (23 of them by PPML: a week without a sale inside the span). A generator whose demand ignored the price would give estimates near 0 and a
    // mean error near +1.5 (the truths average about -1.5): every check below would fail.
    CHECK(covered[0] * 100 >= n[0] * 90);
    CHECK(std::abs(err[0] / n[0]) < 0.25);
    CHECK(abs_err[0] / n[0] < 0.8);
    CHECK(widths[widths.size() / 2] < 3.5);
    // The thinner rows: weeks without a sale inside the selling span send a SKU to PPML over every
    // week of the span (all but 1 of these 207). Seed 7, measured: 80..94 weeks 27 SKUs, 25
    // covered (93 %), mean error +0.39; 50..79 weeks 71, 66 (93 %), -0.22; < 50 weeks 109, 96
    // (88 %), -0.15. The log-log fit on the weeks with sales gave 88 %, 74 %, 73 % and +0.87, +0.91,
    // +1.03 (biased towards zero, docs/pricing.md). Bounds a little outside the measured figures.
    for (int b = 1; b < 4; ++b) {
      CAPTURE(b);
      REQUIRE(n[b] >= 25);
      CHECK(ppml[b] * 10 >= n[b] * 9);
      CHECK(covered[b] * 100 >= n[b] * 85);
    }
    CHECK(std::abs(err[1] / n[1]) < 0.6);
    CHECK(std::abs(err[2] / n[2]) < 0.4);
    CHECK(std::abs(err[3] / n[3]) < 0.3);
    // The categories' pooled estimates (shown for the SKUs that are not usable) against the mean
    // truth of the category's SKUs with sales: one elasticity for SKUs that differ by +- 0.5.
    std::map<int32_t, std::pair<double, int>> cat_truth;
    for (const auto& r : e.rows) {
      auto& [sum, count] = cat_truth[r.category];
      sum += truth.at(r.sku);
      ++count;
    }
    int cats = 0, cat_covered = 0;
    double cat_err = 0, cat_abs = 0;
    for (const auto& c : e.categories) {
      if (!c.fit.ok) continue;
      REQUIRE(c.fit.method == pricing::Method::ppml);
      const double t = cat_truth.at(c.category).first / cat_truth.at(c.category).second;
      ++cats;
      cat_covered += c.fit.ci_low <= t && t <= c.fit.ci_high;
      cat_err += c.fit.elasticity - t;
      cat_abs += std::abs(c.fit.elasticity - t);
      MESSAGE("category " << ds->categories.names[static_cast<size_t>(c.category)] << ": " << c.skus << " SKUs, pooled "
                          << c.fit.elasticity << " [" << c.fit.ci_low << ", " << c.fit.ci_high << "], mean truth " << t);
    }
    MESSAGE(cats << " categories pooled, mean truth inside the interval for " << cat_covered << ", mean error "
                 << cat_err / cats << ", mean |error| " << cat_abs / cats);
    // Seed 7, measured: 9 categories, 7 intervals hold the mean truth, mean error +0.09, mean
    // |error| 0.20 (PPML with SKU effects over every week of each SKU's span). The log-log within
    // regression on the weeks with sales that it replaced (session 5) gave 1 of 9, +0.69 and
    // 0.69 on the same store: every check below fails for it.
    REQUIRE(cats >= 8);
    CHECK(cat_covered * 3 >= cats * 2);
    CHECK(std::abs(cat_err / cats) < 0.3);
    CHECK(cat_abs / cats < 0.4);
  }
}
