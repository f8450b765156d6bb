// UI tests without a window: locale formatting, the string table, and a headless smoke test that
// draws every section of the app with ImGui (no GL) over a real store.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "core/base/currency.h"
#include <imgui.h>
#include <imgui_internal.h>

#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>
#include <set>

#include "core/io/sniff.h"
#include "core/promotions/history.h"
#include "core/promotions/json_io.h"
#include "core/promotions/refund.h"
#include "core/promotions/store_io.h"
#include "ui/app.h"
#include "ui/i18n/format.h"
#include "ui/i18n/names.h"
#include "ui/i18n/reasons.h"
#include "ui/panels/promotions.h"
#include "core/promotions/profiles.h"
#include "ui/panels/insights.h"
#include "ui/i18n/strings.h"
#include "harness.h"
#include "ui/widgets/widgets.h"
#include "tests/ui/drawn_text.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;
using shopkeeper::ui::test::scan_drawn_text;

namespace {
using testing::draw_frames;
using testing::FakePlatform;
using testing::HeadlessImGui;

using testing::open_small_demo;

}  // namespace

namespace {
// A shop's realistic promotion set over the demo catalogue: a store-wide threshold discount and
// free shipping, a coupon, a flash sale on the best seller, and a draft 第二件半价.
void seed_promotions(App& app, const std::string& top_sku, const std::string& category) {
  using namespace shopkeeper::promo;
  Timestamp now = *parse_timestamp("2026-11-23 00:00");
  std::vector<std::pair<Promotion, std::string>> ps;
  Promotion t;
  t.id = "T1", t.name = "满300减30 满500减60", t.kind = Kind::threshold_tiers, t.layer = Layer::shop;
  t.params.tiers = {{30000, 3000, 0}, {50000, 6000, 0}};
  t.conditions.starts_at = now - 86400 * 3, t.conditions.ends_at = now + 86400 * 10;
  ps.push_back({t, "active"});
  Promotion c;
  c.id = "C20", c.name = "店铺券 满199减20", c.kind = Kind::coupon, c.layer = Layer::coupon, c.coupon_code = "SAVE20";
  c.params.threshold = 19900, c.params.amount = 2000;
  ps.push_back({c, "active"});
  Promotion f;
  f.id = "F1", f.name = "爆款秒杀", f.kind = Kind::flash_price, f.layer = Layer::item;
  f.scope.skus = {top_sku};
  f.params.price = 1990, f.params.stock = 200, f.params.per_customer_units = 2;
  f.conditions.starts_at = now - 86400, f.conditions.ends_at = now + 86400 * 2;
  ps.push_back({f, "active"});
  Promotion s;
  s.id = "S99", s.name = "满99包邮", s.kind = Kind::shipping, s.layer = Layer::shipping;
  s.params.threshold = 9900, s.params.free_shipping = true;
  ps.push_back({s, "active"});
  Promotion n;
  n.id = "N2", n.name = "第二件半价", n.kind = Kind::nth_item, n.layer = Layer::shop;
  n.scope.categories = {category};
  n.params.n = 2, n.params.bp = 5000;
  ps.push_back({n, "draft"});
  // The demo shop comes with its own promotions; this test works on the set above alone.
  auto demo_rows = load_stored_promotions(app.ws.store().db());
  REQUIRE(demo_rows.ok());
  Status st = app.ws.write([&](Writer& w) -> Status {
    for (const auto& r : *demo_rows)
      if (auto d = delete_promotion(w, r.promotion.id); !d) return d;
    for (const auto& [p, status] : ps)
      if (auto r = save_promotion(w, p, status); !r) return r;
    return Ok{};
  });
  REQUIRE(st.ok());
}
}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("money formatting in both locales") {
    CHECK(format_money(129900, Lang::en) == "¥1,299.00");
    CHECK(format_money(-5, Lang::en) == "-¥0.05");
    CHECK(format_money(100, Lang::en, "USD") == "$1.00");
    CHECK(format_money(123456789, Lang::zh_CN) == "¥1,234,567.89");
    // Compact: 万 = 10^4, 亿 = 10^8 in Chinese; K/M/B in English; 3 significant digits.
    CHECK(format_money_compact(1234567800, Lang::zh_CN) == "¥1235万");
    CHECK(format_money_compact(123456700, Lang::zh_CN) == "¥123万");
    CHECK(format_money_compact(12345600, Lang::zh_CN) == "¥12.3万");
    CHECK(format_money_compact(25000000000, Lang::zh_CN) == "¥2.50亿");
    CHECK(format_money_compact(999900, Lang::zh_CN) == "¥9,999.00");
    CHECK(format_money_compact(123456700, Lang::en) == "¥1.23M");
    CHECK(format_money_compact(-123456700, Lang::en) == "-¥1.23M");
    CHECK(format_int_compact(15000, Lang::zh_CN) == "1.50万");
    CHECK(format_int_compact(9999, Lang::zh_CN) == "9,999");
    // Issue #10: counts on cards alike in both languages: in full below 10,000 (main: "1.50K" in
    // English, "1,500" in Chinese), then 3 significant digits: 15,000 = 1.50万 = 15.0K.
    CHECK(format_int_compact(1500, Lang::en) == "1,500");
    CHECK(format_int_compact(1500, Lang::zh_CN) == "1,500");
    CHECK(format_int_compact(9999, Lang::en) == "9,999");
    CHECK(format_int_compact(15000, Lang::en) == "15.0K");
    CHECK(format_int_compact(1234567, Lang::en) == "1.23M");
    CHECK(format_int(1234567, Lang::en) == "1,234,567");
  }
  // Issue #10: rates change in percentage points worded per language; data names worded in
  // Chinese; alert sentences with money formatted as everywhere (main: "29212.80", "pp", "tmall").
  TEST_CASE("trust: points, source names and alert sentences in both languages") {
    set_language(Lang::zh_CN);
    CHECK(format_points(-0.0219) == "-2.19个百分点");
    set_language(Lang::en);
    CHECK(format_points(0.0219) == "+2.19 pp");
    CHECK(source_label("tmall", Lang::zh_CN) == "天猫");
    CHECK(source_label("Direct", Lang::zh_CN) == "直接访问");
    CHECK(source_label("mini-program", Lang::zh_CN) == "小程序");
    CHECK(source_label("tmall", Lang::en) == "tmall");
    CHECK(source_label("My Shop", Lang::zh_CN) == "My Shop");  // a name from the data stays
    Alert a;
    a.day = days_from_civil(2025, 3, 15);  // a Saturday
    a.metric = Metric::sales;
    a.value = 2921280;
    a.direction = 1;
    a.band.n = 8, a.band.median = 1500000, a.band.low = 975000, a.band.high = 2025000;
    const std::string en = alert_sentence(a, Lang::en, "");
    CHECK(en == "2025-03-15 (Saturday): Sales (paid) was ¥29,212.80, 95% above the usual for a Saturday (median "
                "¥15,000.00, expected ¥9,750.00 to ¥20,250.00, from the last 8 Saturdays).");
    const std::string zh = alert_sentence(a, Lang::zh_CN, "双11");
    CHECK(zh.find("¥29,212.80") != std::string::npos);
    CHECK(zh.find("正常范围 ¥9,750.00 至 ¥20,250.00") != std::string::npos);
    CHECK(zh.find("预期中：双11") != std::string::npos);
  }
  TEST_CASE("percentages and dates") {
    CHECK(format_percent(0.1234) == "12.3%");
    CHECK(format_percent(0.12345, 2) == "12.35%");
    CHECK(format_change(0.08) == "+8.0%");
    CHECK(format_change(-0.031) == "-3.1%");
    CHECK(format_change(std::numeric_limits<double>::infinity()) == "—");
    Day d = days_from_civil(2025, 11, 11);
    CHECK(format_date(d, Lang::en) == "2025-11-11");
    CHECK(format_date(d, Lang::zh_CN) == "2025年11月11日");
    CHECK(format_date_short(d, Lang::en) == "Nov 11");
    CHECK(format_date_short(d, Lang::zh_CN) == "11月11日");
  }
  TEST_CASE("every string has both languages, and Chinese differs from English") {
    for (int i = 0; i < static_cast<int>(S::count_); ++i) {
      S k = static_cast<S>(i);
      CHECK(std::strlen(tr(k, Lang::en)) > 0);
      CHECK(std::strlen(tr(k, Lang::zh_CN)) > 0);
    }
    CHECK(std::string(tr(S::nav_dashboard, Lang::zh_CN)) != tr(S::nav_dashboard, Lang::en));
  }
  TEST_CASE("not-applied reasons: every code has a Chinese sentence with the same placeholders") {
    auto placeholders = [](const std::string& t) {
      std::multiset<std::string> out;
      for (size_t i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1)) {
        size_t j = t.find('}', i);
        if (j != std::string::npos) out.insert(t.substr(i, j - i + 1));
      }
      return out;
    };
    for (int i = 1; i < promo::kWhyCount; ++i) {
      auto w = static_cast<promo::Why>(i);
      std::string en = reason_template(w, Lang::en), zh = reason_template(w, Lang::zh_CN);
      CAPTURE(promo::why_name(w));
      CHECK(!zh.empty());
      CHECK(zh != en);
      // Each placeholder of the English sentence appears in the Chinese one (a figure is never
      // dropped); {Ka} may be named once instead of twice.
      auto pe = placeholders(en), pz = placeholders(zh);
      for (const auto& p : pe) CHECK(pz.count(p) >= 1);
      for (const auto& p : pz) CHECK(pe.count(p) >= 1);
    }
    promo::Reason r{promo::Why::threshold_short, 30000, 19900, 10100};
    CHECK(reason_sentence(r, Lang::zh_CN, nullptr) == "需满 ¥300.00，适用商品只有 ¥199.00（还差 ¥101.00）");
    CHECK(reason_sentence(r, Lang::en, nullptr) == "needs ¥300.00, scope has ¥199.00 (add ¥101.00)");
    promo::Reason c{promo::Why::coupon_not_held, 0, 0, 0, "SAVE40"};
    CHECK(reason_sentence(c, Lang::zh_CN, nullptr) == "买家没有或未选用优惠券 SAVE40");
  }

  TEST_CASE("date range presets") {
    Day anchor = days_from_civil(2026, 3, 15);
    DayRange all{days_from_civil(2024, 1, 1), anchor};
    CHECK(preset_range(RangePreset::last7, anchor, all) == DayRange{anchor - 6, anchor});
    CHECK(preset_range(RangePreset::this_month, anchor, all) == DayRange{days_from_civil(2026, 3, 1), anchor});
    CHECK(preset_range(RangePreset::last_month, anchor, all) ==
          DayRange{days_from_civil(2026, 2, 1), days_from_civil(2026, 2, 28)});
    CHECK(preset_range(RangePreset::this_year, anchor, all) == DayRange{days_from_civil(2026, 1, 1), anchor});
    CHECK(preset_range(RangePreset::all, anchor, all) == all);
  }
  TEST_CASE("sections parse by name") {
    for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
      Section s = static_cast<Section>(i), back;
      REQUIRE(parse_section(section_name(s), back));
      CHECK(back == s);
    }
    Section s;
    CHECK_FALSE(parse_section("nope", s));
  }
  TEST_CASE("headless smoke: every section draws, demo opens through the UI flow, language switches") {
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    app.ws.set_on_commit([&p] { p.persist(); });
    CHECK_FALSE(app.ws.initialized());
    draw_frames(app, p, 2);
    request_open_demo(app);
    draw_frames(app, p, 3);  // message frame, then generation
    CHECK(app.ui.error.empty());
    CHECK(app.ws.initialized());
    CHECK(app.ws.counts().orders > 0);
    CHECK(p.persisted >= 1);
    for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
      navigate(app, static_cast<Section>(i));
      draw_frames(app, p, 2);
      CHECK(app.ui.section == static_cast<Section>(i));
    }
    CHECK(app.ui.range.range.length() == 30);  // "last 30 days" ending on the last order day
    CHECK(app.ui.range.range.last == app.ws.dataset().order_days().last);
    set_app_language(app, Lang::zh_CN);
    CHECK(language() == Lang::zh_CN);
    CHECK(app.ws.store().setting("language") == "zh-CN");
    draw_frames(app, p, 2);
    set_app_language(app, Lang::en);
  }
  TEST_CASE("headless promotions over an empty store: every tab draws, the guard finishes on nothing") {
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    REQUIRE(app.ws.start_empty().ok());
    navigate(app, Section::promotions);
    for (int t = 0; t < 4; ++t) {
      app.ui.promotions.tab_request = t;
      draw_frames(app, p, 3);
    }
    REQUIRE(app.ui.promotions.data);
    CHECK(app.ui.promotions.data->rows.empty());
    CHECK(app.ui.promotions.quote->cart.empty());
    CHECK(app.ui.promotions.guard->job.done());
    CHECK(app.ui.promotions.guard->job.findings.empty());
    CHECK(app.ui.promotions.calendar->selected.empty());
  }
  TEST_CASE("headless promotions: editor round trip, quote equals the engine's, guard runs in slices") {
    using namespace shopkeeper::promo;
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    open_small_demo(app);
    // The Workspace's guard products: with each SKU's floor in force from the price book (#13),
    // the input the quote tab and the guard use.
    auto products = app.ws.guard_products();
    REQUIRE(products.ok());
    REQUIRE(products->size() >= 40);
    seed_promotions(app, (*products)[0].sku, (*products)[1].category);

    navigate(app, Section::promotions);
    draw_frames(app, p, 1);
    PromotionsUi& pu = app.ui.promotions;
    REQUIRE(pu.data);
    CHECK(pu.data->rows.size() == 5);
    // The loss guard starts with the panel and runs one slice of 50 SKUs per frame.
    REQUIRE(pu.guard);
    GuardJob& job = pu.guard->job;
    REQUIRE(job.guard);
    CHECK(job.guard->size() == products->size());
    CHECK(job.running);
    CHECK(job.next == 50);
    draw_frames(app, p, 1);
    CHECK(job.next == products->size());
    CHECK(job.done());
    CHECK(pu.data->error.empty());

    // Every stored promotion goes through the editor's text fields and comes back identical.
    for (const auto& row : pu.data->rows) {
      PromoEditor e;
      promo_editor_load(e, row.promotion, row.status);
      promo_editor_build(e, *pu.data);
      CHECK(e.parse_errors.empty());
      REQUIRE(e.built.has_value());
      CHECK(to_text(promotion_to_json(*e.built)) == to_text(promotion_to_json(row.promotion)));
    }
    // A money field that is not an amount is named, not guessed.
    {
      PromoEditor e;
      promo_editor_load(e, pu.data->rows[0].promotion, "draft");
      e.threshold = "19.999";
      e.amount = "20";
      promo_editor_build(e, *pu.data);
      CHECK(e.parse_errors.size() == 1);
    }

    // The quote tab: its cached quote equals the engine's quote of the same input built here.
    pu.tab_request = 1;
    draw_frames(app, p, 2);
    REQUIRE(pu.quote);
    PromoQuoteUi& q = *pu.quote;
    REQUIRE(q.error.empty());
    REQUIRE(q.has_result);
    REQUIRE(q.cart.size() >= 2);
    QuoteInput in;
    in.at = *parse_timestamp("2026-11-23 20:00");  // the default moment: today 20:00
    in.shipping = 800;
    in.customer.id = "buyer";
    in.customer.orders_before = 1;
    in.customer.points = 1000;
    in.fee_bp = 500;
    in.promotions = *load_promotions(app.ws.store().db(), {"active", "scheduled"});
    in.coupons_held = {"SAVE20"};
    for (const auto& r : q.cart) {
      auto it = std::find_if(products->begin(), products->end(), [&](const GuardProduct& g) { return g.sku == r.sku; });
      REQUIRE(it != products->end());
      in.cart.push_back(to_cart_line(*it, r.qty));
    }
    Quote expect = quote(in);
    CHECK(q.quote.total == expect.total);
    CHECK(q.quote.goods_paid == expect.goods_paid);
    CHECK(q.quote.line_paid == expect.line_paid);
    CHECK(q.quote.shipping == expect.shipping);
    CHECK(q.quote.profit == expect.profit);
    REQUIRE(q.quote.discounts.size() == expect.discounts.size());
    CHECK(expect.discounts.size() >= 1);
    for (size_t i = 0; i < expect.discounts.size(); ++i) {
      CHECK(q.quote.discounts[i].promotion == expect.discounts[i].promotion);
      CHECK(q.quote.discounts[i].amount == expect.discounts[i].amount);
    }
    CHECK(q.best.quote.total == best_price(in).quote.total);
    CHECK(q.offers.size() == q.cart.size());
    // A changed input is picked up (cache keyed by the inputs), an unchanged one is not recomputed.
    q.cart[0].qty += 1;
    draw_frames(app, p, 1);
    in.cart[0].qty += 1;
    CHECK(q.quote.total == quote(in).total);

    // Returning units: nothing until a quantity is set; then the panel's refund equals the
    // core's refund quote of the same order; a quantity above what was bought is clamped.
    CHECK_FALSE(q.refund);
    q.returns.assign(q.cart.size(), 0);
    q.returns[0] = 1;
    draw_frames(app, p, 1);
    REQUIRE(q.refund);
    std::vector<int64_t> back(in.cart.size(), 0);
    back[0] = 1;
    auto expect_refund = refund_quote(in, back);
    REQUIRE(expect_refund);
    CHECK(q.refund->total == expect_refund->total);
    CHECK(q.refund->goods_refund == expect_refund->goods_refund);
    CHECK(q.refund->clawback == expect_refund->clawback);
    REQUIRE(q.refund->lines.size() == 1);
    CHECK(q.refund->lines[0].refund == expect_refund->lines[0].refund);
    // Everything back: the whole order is refunded, shipping included.
    for (size_t i = 0; i < q.returns.size(); ++i) q.returns[i] = 999;
    draw_frames(app, p, 1);
    REQUIRE(q.refund);
    CHECK(q.returns[0] == static_cast<int>(in.cart[0].qty));
    CHECK(q.refund->total == q.quote.total);
    CHECK(q.refund->shipping_refund == q.quote.shipping);

    // The loss guard's findings, slice by slice, equal one run over every SKU.
    pu.tab_request = 2;
    draw_frames(app, p, 2);
    CHECK(job.done());
    GuardOptions gopt;
    gopt.floor_bp = 1000;
    gopt.fee_bp = 500;
    Guard g(*products, *load_promotions(app.ws.store().db(), {"active", "scheduled"}), gopt);
    auto all = g.run_all();
    REQUIRE(job.findings.size() == all.size());
    for (size_t i = 0; i < all.size(); ++i) {
      CHECK(job.findings[i].sku == all[i].sku);
      CHECK(job.findings[i].lowest_unit_price == all[i].lowest_unit_price);
      CHECK(job.findings[i].violation == all[i].violation);
    }
    // The flash price (19.90 on the best seller) is below its floor unless its cost is tiny.
    if ((*products)[0].cost && *floor_price(*(*products)[0].cost, 500, 1000) > 1990) CHECK(job.findings[0].violation);

    // Saving from the editor: a draft is written at once; going active runs the loss guard first
    // and, when it finds SKUs below the floor, waits for the seller instead of writing.
    {
      pu.tab_request = 0;
      draw_frames(app, p, 2);
      PromoEditor& e = *pu.editor;
      const StoredPromotion* n2 = nullptr;
      for (const auto& r : pu.data->rows)
        if (r.promotion.id == "N2") n2 = &r;
      REQUIRE(n2 != nullptr);
      const Promotion n2p = n2->promotion;  // the panel reloads its rows after each write
      promo_editor_load(e, n2p, "draft");
      e.name = "零食 第2件半价";
      e.dirty = true;
      promo_editor_save(app, e);
      CHECK(e.save_stage == 0);
      auto stored = load_stored_promotions(app.ws.store().db());
      REQUIRE(stored.ok());
      auto find = [&](const std::string& id) -> const StoredPromotion* {
        for (const auto& r : *stored)
          if (r.promotion.id == id) return &r;
        return nullptr;
      };
      REQUIRE(find("N2") != nullptr);
      CHECK(find("N2")->promotion.name == "零食 第2件半价");
      CHECK(find("N2")->status == "draft");

      draw_frames(app, p, 1);  // the panel reloads the store after the write
      e.status = 2;            // active
      promo_editor_save(app, e);
      CHECK(e.save_stage == 1);
      for (int i = 0; i < 100 && e.save_stage == 1; ++i) draw_frames(app, p, 1);
      GuardOptions o;
      o.floor_bp = 1000;
      o.fee_bp = 500;
      auto live = *load_promotions(app.ws.store().db(), {"active", "scheduled"});
      live.push_back(*e.built);
      int64_t expected = 0;
      for (const auto& f : Guard(*products, live, o).run_all()) expected += f.violation ? 1 : 0;
      CHECK(e.check.violations() == expected);
      stored = load_stored_promotions(app.ws.store().db());
      if (expected > 0) {
        CHECK(e.save_stage == 2);  // asks: save anyway / keep as draft / back
        CHECK(find("N2")->status == "draft");
      } else {
        CHECK(e.save_stage == 0);
        CHECK(find("N2")->status == "active");
      }
      e.save_stage = 0;

      // A new promotion with an id already in use is refused, not written over the other one.
      PromoEditor fresh;
      promo_editor_load(fresh, n2p, "draft");
      fresh.original_id.clear();
      fresh.id = "T1";
      fresh.dirty = true;
      promo_editor_save(app, fresh);
      stored = load_stored_promotions(app.ws.store().db());
      CHECK(find("T1")->promotion.kind == Kind::threshold_tiers);
      CHECK_FALSE(fresh.message.empty());
      e.open = false;
    }

    // Guard settings persist in the store.
    REQUIRE(app.ws.set_setting("promo_guard_floor_bp", "1500").ok());
    pu.tab_request = 2;
    draw_frames(app, p, 2);
    CHECK(pu.data->floor_bp == 1500);
    CHECK(pu.guard->floor_bp == 1500);
    CHECK(job.key.find("|1500|") != std::string::npos);  // the guard re-runs with the new floor
    pu.guard->fee_bp = 600;  // typed in the tab: written once no widget is active
    draw_frames(app, p, 2);
    CHECK(app.ws.store().setting("promo_guard_fee_bp") == "600");
    CHECK(app.ws.store().setting("promo_guard_floor_bp") == "1500");
    CHECK(pu.data->fee_bp == 600);

    // The calendar opens on the next campaign (after the data) and simulates it.
    pu.tab_request = 3;
    draw_frames(app, p, 2);
    REQUIRE(pu.calendar);
    PromoCalendarUi& cal = *pu.calendar;
    REQUIRE_FALSE(cal.selected.empty());
    CHECK(cal.sim_error.empty());
    REQUIRE(cal.sim.has_value());
    const Campaign* cp = nullptr;
    for (const auto& c : pu.data->campaigns)
      if (c.id == cal.selected) cp = &c;
    REQUIRE(cp != nullptr);
    CHECK(cp->window.last > app.ws.dataset().order_days().last);
    CHECK(cal.sim->days.size() == static_cast<size_t>(cp->window.length()));
    CHECK(cal.sim->baseline_sales > 0);  // the look-back after the data uses the last 4 weeks

    // A past campaign is evaluated: its sales are the goods paid of the valid orders in its window.
    const Dataset& ds = app.ws.dataset();
    const Campaign* past = nullptr;
    for (const auto& c : pu.data->campaigns)
      if (c.window.last + 14 <= ds.order_days().last) past = &c;
    REQUIRE(past != nullptr);
    cal.selected = past->id;
    cal.uplift = "20";
    cal.budget = money_to_decimal(past->budget);
    draw_frames(app, p, 1);
    CHECK(cal.past);
    CHECK(cal.eval_error.empty());
    REQUIRE(cal.eval.has_value());
    Money sales = 0, discount = 0;
    auto [lo, hi] = ds.orders_in(past->window);
    for (size_t i = lo; i < hi; ++i) {
      if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
      sales += ds.order_items[i] - ds.order_discount[i];
      discount += ds.order_discount[i];
    }
    CHECK(cal.eval->sales == sales);
    CHECK(cal.eval->discount_cost == discount);
    CHECK(cal.after_days == 14);

    set_app_language(app, Lang::zh_CN);
    for (int t = 0; t < 4; ++t) {
      pu.tab_request = t;
      draw_frames(app, p, 2);
    }
    set_app_language(app, Lang::en);
  }
}

#include "ui/widgets/charts.h"

TEST_SUITE("charts") {
  TEST_CASE("nice ticks are 1/2/5 x 10^k steps covering the range") {
    auto t = nice_ticks(0, 97, 5);
    REQUIRE(t.size() >= 2);
    CHECK(t.front() == doctest::Approx(0));
    CHECK(t.back() >= 97);
    CHECK(t[1] - t[0] == doctest::Approx(25).epsilon(0.5));  // 20 or 50: a nice step
    double step = t[1] - t[0];
    double mant = step / std::pow(10.0, std::floor(std::log10(step)));
    CHECK((mant == doctest::Approx(1) || mant == doctest::Approx(2) || mant == doctest::Approx(5)));
    auto u = nice_ticks(12340, 98760, 6);
    CHECK(u.front() <= 12340);
    CHECK(u.back() >= 98760);
    CHECK(u.size() <= 8);
    auto neg = nice_ticks(-3.2, 7.9, 5);
    CHECK(neg.front() <= -3.2);
    CHECK(neg.back() >= 7.9);
    bool has_zero = std::any_of(neg.begin(), neg.end(), [](double v) { return v == 0.0; });
    CHECK(has_zero);
  }
}

#include <filesystem>
#include <fstream>

#include "ui/panels/panels.h"

TEST_SUITE("ui") {
  TEST_CASE("import through the Data section: plan, slices across frames, one commit, report") {
    HeadlessImGui imgui;
    auto path = std::filesystem::temp_directory_path() / "sk-ui-import.csv";
    {
      std::ofstream f(path);
      f << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
           "536365,85123A,HEART HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
           "536365,71053,LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
           "536366,22633,HAND WARMER,abc,12/1/2010 8:28,1.85,17850,United Kingdom\n"
           "536367,22632,HAND WARMER RED,2,12/1/2010 8:34,2.10,,United Kingdom\n";
    }
    FakePlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    app.ws.set_on_commit([&p] { p.persist(); });
    start_import(app, path.string(), "sk-ui-import.csv");
    REQUIRE(app.ui.data.job != nullptr);
    CHECK(app.ui.section == Section::dashboard);  // start_import itself does not navigate
    navigate(app, Section::data);
    draw_frames(app, p, 2);
    CHECK(app.ws.counts().orders == 0);  // nothing is written before the user confirms
    REQUIRE(confirm_import(app));
    for (int i = 0; i < 10 && app.ui.data.job; ++i) draw_frames(app, p, 1);
    CHECK(app.ui.data.job == nullptr);
    REQUIRE(app.ui.data.report != nullptr);
    // 536366 has a bad quantity: that order is rejected whole; 536365 (2 lines) and the guest
    // order 536367 are imported.
    CHECK(app.ws.counts().orders == 2);
    CHECK(app.ws.counts().order_lines == 3);
    CHECK(p.persisted >= 1);
    CHECK(app.ws.initialized());
    std::filesystem::remove(path);
  }
}

// ---- Issue #10, item 10: everything drawn in the Chinese interface is Chinese ----------------
// How the drawn text is collected: ImGui keeps no text after a frame, but every glyph it draws
// is one textured quad in the frame's vertex buffers whose texture coordinates are that glyph's
// rectangle in the font atlas. The scan maps each quad back to its character through the
// atlas' glyph table and joins glyphs that sit side by side into lines. It sees everything
// drawn - labels, table cells, chart axes, buttons, headers, modal text - whatever function drew
// it, without any hook in ui/ or ImGui. The headless font is ImGui's ASCII-only default, so a
// Chinese character is drawn as the fallback glyph '?' and splits the ASCII runs around it;
// text clipped by ImGui's fine CPU clipping (a glyph cut at a window edge) is skipped.
namespace {
// Runs of 3 or more ASCII letters in `s`.
std::vector<std::string> letter_runs(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    auto letter = [&](size_t k) { return k < s.size() && std::isalpha(static_cast<unsigned char>(s[k])); };
    if (!letter(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (letter(j)) ++j;
    if (j - i >= 3) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

TEST_SUITE("ui") {
  // What may stay in Latin letters in the Chinese interface: words from the seller's own data
  // (SKUs, product titles with their brands, categories, regions, tiers, customer and order
  // ids, promotion ids, names and coupon codes) and this short list of file formats and units
  // that Chinese sellers read as they are:
  //   CSV, JSON, XLSX  file formats (the download buttons and file names)
  //   SKU        the stock-keeping unit, as Taobao/Tmall and JD seller back ends write it
  //              (SKU数, SKU编码): a deliberate choice over 商品编码
  //   SQLite     the storage engine named in Settings' data folder note
  //   GMV        gross merchandise volume, as Chinese platforms write it
  //   UTC        the time zone of stored times
  //   UTF, GBK   text encodings (UTF-8, GBK), as Chinese tools write them
  //   ABC, RFM   the analyses' usual names in Chinese too (ABC分析, RFM模型)
  //   English    the language switch names each language in itself
  //   Excel      the spreadsheet, a brand Chinese sellers write as it is (Excel 表格)
  //   Fisher     the statistician whose exact test the A/B view names (Fisher 精确检验)
  //   NBD, Pareto, Gamma  the lifetime models' names (BG/NBD, Pareto/NBD, Gamma-Gamma 模型)
  //   Shopify, WooCommerce, UCI Online Retail: the platforms and the public data set whose
  //              export layouts the importer reads (brands)
  // Sources and channels (tmall, douyin, direct ...) are NOT allowed: they are worded in Chinese.
  TEST_CASE("trust: every section drawn in Chinese shows no English words (issue #10)") {
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    open_small_demo(app);
    set_app_language(app, Lang::zh_CN);

    std::set<std::string> allowed = {"CSV",     "JSON",    "XLSX",    "SKU",  "SQLite",      "GMV", "UTC", "UTF", "GBK",
                                     "ABC",     "RFM",     "English", "Shopify", "WooCommerce", "UCI", "Online", "Retail"};
    auto allow = [&](const std::string& s) {
      for (auto& w : letter_runs(s)) allowed.insert(w);
    };
    const Dataset& ds = app.ws.dataset();
    for (const auto* v : {&ds.sku, &ds.product_title, &ds.customer_id, &ds.order_id, &ds.categories.names,
                          &ds.regions.names, &ds.tiers.names})
      for (const auto& s : *v) allow(s);
    // A SKU cut at a narrow column's edge ("HOME-0012" drawn as "HOM"): a start of a SKU's letters.
    std::set<std::string> sku_letters;
    for (const auto& s : ds.sku)
      for (auto& w : letter_runs(s)) sku_letters.insert(w);
    auto cut_sku = [&](const std::string& w) {
      for (const auto& k : sku_letters)
        if (k.size() > w.size() && k.compare(0, w.size(), w) == 0) return true;
      return false;
    };
    auto promos = promo::load_stored_promotions(app.ws.store().db());
    REQUIRE(promos.ok());
    for (const auto& r : *promos) allow(r.promotion.id), allow(r.promotion.name), allow(r.promotion.coupon_code);
    // The seller's own member tags (rule names and hand-given ones), tier and segment names.
    auto mt = app.ws.members_tables();
    REQUIRE(mt.ok());
    for (const auto& r : mt->tag_rules) allow(r.tag);
    for (const auto& v : mt->tag_inputs.manual)
      for (const auto& t : v) allow(t);
    for (const auto& l : mt->programme.tiers.levels) allow(l.name);
    for (const auto& sg : mt->segments) allow(sg.name), allow(sg.id);
    // The products' brands and tags (the title checks name the missing ones, e.g. the tag ins风).
    auto attrs = app.ws.product_attributes();
    REQUIRE(attrs.ok());
    for (const auto& a : *attrs) {
      allow(a.brand);
      for (const auto& t : a.attributes) allow(t);
    }
    allow(app.ws.store().setting("store_name"));  // the seller's own shop name
    allow(p.data_dir());                          // the data folder's path
    for (const auto& c : currencies()) allow(c.code);  // ISO 4217 codes (CNY), shown beside the symbol
    allow(app.ws.money().timezone);                    // the IANA time-zone name the seller chose
    allowed.insert("Esc");                             // a key's name, as printed on the keyboard
    allowed.insert("Excel");   // a brand: Chinese sellers write Excel (Excel 表格), like Shopify
    allowed.insert("Fisher");  // a statistician's name, as Chinese texts name the test (Fisher 精确检验)
    // The lifetime models' names, as Chinese texts write them (BG/NBD 模型, Pareto/NBD 模型,
    // Gamma-Gamma 模型): Pareto and Gamma are the distributions' names, NBD the negative binomial's.
    for (const char* w : {"NBD", "Pareto", "Gamma"}) allowed.insert(w);

    std::map<std::string, std::set<std::string>> found;  // word -> where (section: line)
    auto scan = [&](const std::string& where) {
      bool code = false;  // a command wrapped over two lines stays code on the second
      for (const auto& drawn : scan_drawn_text().lines) {
        // A command to type, shown as code between backticks (`shopkeeper pricing fees`), is
        // not English words: it is left out of the scan.
        std::string line;
        for (char c : drawn) {
          if (c == '`') code = !code;
          else if (!code) line += c;
        }
        for (const auto& w : letter_runs(line))
          if (!allowed.count(w) && !cut_sku(w)) found[w].insert(where + ": " + line);
      }
    };
    auto frames = [&](int n) {
      for (int i = 0; i < n; ++i) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1920, 2400);  // tall, so that long panels draw whole
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        draw_app(app, p);
        ImGui::Render();
      }
    };
    // Every section, every tab of every tab bar it draws (nested ones too, found as they appear,
    // so a section's new tabs are walked without listing them here), and in each view every
    // hover tooltip: each item that has one reports its rectangle (tooltip_target_hook), the
    // mouse is put on it and the frame's drawn text, tooltip included, is read.
    static std::vector<ImVec4> targets;
    tooltip_target_hook = [](float x0, float y0, float x1, float y1) { targets.emplace_back(x0, y0, x1, y1); };
    int views = 0, hovers = 0;
    auto scan_view = [&](const std::string& where) {
      ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      targets.clear();
      frames(3);
      scan(where);
      ++views;
      std::vector<ImVec4> here = targets;
      std::set<std::pair<int, int>> done;  // one hover per item position
      for (const ImVec4& r : here) {
        ImVec2 c((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
        if (r.z <= r.x || r.w <= r.y || !done.insert({static_cast<int>(c.x), static_cast<int>(c.y)}).second) continue;
        ImGui::GetIO().MousePos = c;
        frames(2);
        scan(where + " (tooltip)");
        ++hovers;
      }
      ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    };
    auto walk_tabs = [&](const std::string& where) {
      testing::walk_tabs([&](const std::string& name) { scan_view(where + " tab " + name); });
    };
    for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
      auto s = static_cast<Section>(i);
      navigate(app, s);
      scan_view(section_name(s));
      walk_tabs(section_name(s));
    }
    // Settings with refused rule lines (a line without a colon, an unknown kind, no match) and
    // a stored rule shown with its Chinese kind word.
    {
      REQUIRE(app.ws.set_setting(kNonMerchandiseKey, "shipping: 邮费\n").ok());
      navigate(app, Section::settings);
      frames(2);
      CHECK(std::string(app.ui.settings.non_merch) == "运费: 邮费\n");
      app.ui.settings.non_merch_errors = parse_line_kind_rules("一二三\n礼品: 赠品\n运费:\n").problems;
      REQUIRE(app.ui.settings.non_merch_errors.size() == 3);
      scan_view("settings with refused rules");
      app.ui.settings.non_merch_errors.clear();
    }
    // Modals reachable with the demo store: the promotion save check (the loss guard's
    // progress, then what it found), the error modal, and the first-run welcome of an empty store.
    {
      navigate(app, Section::promotions);
      app.ui.promotions.tab_request = 0;
      frames(2);
      PromotionsUi& pu = app.ui.promotions;
      REQUIRE(pu.editor != nullptr);
      REQUIRE(pu.data != nullptr);
      REQUIRE_FALSE(pu.data->rows.empty());
      PromoEditor& e = *pu.editor;
      const promo::Promotion first = pu.data->rows.front().promotion;
      promo_editor_load(e, first, "draft");
      e.status = 2;  // active: the loss guard runs before anything is written
      e.dirty = true;
      promo_editor_save(app, e);
      if (e.save_stage == 1) {
        frames(1);
        scan("promotion save check (running)");
        for (int i = 0; i < 300 && e.save_stage == 1; ++i) frames(1);
      }
      if (e.save_stage == 2) {
        frames(2);
        scan("promotion save check (findings)");
        ++views;
      }
      e.save_stage = 0;
      frames(1);
      app.ui.error = tr(S::data_readonly_no_import);
      frames(2);
      scan("error modal");
      app.ui.error.clear();
      frames(1);
    }
    {
      App fresh;
      REQUIRE(fresh.ws.open_memory().ok());
      for (int i = 0; i < 3; ++i) {
        ImGui::GetIO().DisplaySize = ImVec2(1920, 2400);
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        draw_app(fresh, p);
        ImGui::Render();
      }
      scan("welcome");
    }
    MESSAGE("words test: " << views << " views, " << hovers << " tooltips hovered");
    CHECK(views > 20);   // 9 sections, 6 dashboard tabs, 4 promotions tabs, pricing's, insights'
    CHECK(hovers > 50);  // every card, table header and (?) marker in them
    // An import: its plan with the field mapping, then its report with rejected rows.
    auto path = std::filesystem::temp_directory_path() / "sk-ui-import-zh.csv";
    {
      std::ofstream f(path);
      f << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
           "536365,85123A,HEART HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
           "536366,22633,HAND WARMER,abc,12/1/2010 8:28,1.85,17850,United Kingdom\n"
           "536367,22632,HAND WARMER RED,2,not-a-date,2.10,,United Kingdom\n"
           "C536368,22632,HAND WARMER RED,-1,12/1/2010 9:00,2.10,17850,United Kingdom\n"
           "536369,POST,POSTAGE,1,12/1/2010 9:10,18.00,17850,United Kingdom\n";
    }
    // Words of the file itself (its descriptions, country, column names) are the seller's data.
    for (const char* w : {"HEART HOLDER HAND WARMER RED POSTAGE United Kingdom POST abc not-a-date",
                          "InvoiceNo StockCode Description Quantity InvoiceDate UnitPrice CustomerID Country",
                          "sk-ui-import-zh.csv sk-ui-generic-zh.csv Who"})
      allow(w);
    // A file whose layout is not known: the generic format, with its field mapping shown open
    // (its required fields found by their Chinese names).
    auto generic = std::filesystem::temp_directory_path() / "sk-ui-generic-zh.csv";
    {
      std::ofstream f(generic);
      f << "订单号,下单时间,金额,Who\nA1,2026-11-01 10:00,12.50,c1\n";
    }
    start_import(app, generic.string(), "sk-ui-generic-zh.csv");
    navigate(app, Section::data);
    frames(3);
    scan("generic import plan");
    REQUIRE(app.ui.data.job != nullptr);
    app.ui.data.job.reset();
    std::filesystem::remove(generic);
    start_import(app, path.string(), "sk-ui-import-zh.csv");
    navigate(app, Section::data);
    frames(3);
    scan("import plan");
    REQUIRE(confirm_import(app));
    for (int i = 0; i < 20 && app.ui.data.job; ++i) frames(1);
    REQUIRE(app.ui.data.report != nullptr);
    frames(2);
    scan("import report");
    std::filesystem::remove(path);
    set_app_language(app, Lang::en);
    tooltip_target_hook = nullptr;

    for (const auto& [w, where] : found) {
      std::string ctx;
      int n = 0;
      for (const auto& s : where)
        if (n++ < 3) ctx += "\n    " + s;
      MESSAGE("English in the Chinese UI: \"" << w << "\"" << ctx);
    }
    CHECK(found.empty());
  }
}

// ---- Issue #10: a refused file is worded per language -------------------------------------------
TEST_SUITE("ui") {
  // Every whole-file refusal code (core/io/refusal.h) has a Chinese sentence without English
  // words (its parameters aside: two-letter stand-ins here, so any run of 3+ letters is the
  // sentence's own), and the English one is the importer's sentence.
  TEST_CASE("trust: every file refusal code is worded in Chinese and in the importer's English") {
    const std::set<std::string> allowed = {"CSV", "UTF", "GBK", "Excel", "PNG", "JPEG", "GIF", "PDF"};
    RowError row;
    row.line = 4;
    row.column = "Qt";
    row.why = RowWhy::missing;
    row.field = "qty";
    row.message = "missing quantity";
    for (int i = 1; i < kFileWhyCount; ++i) {
      std::vector<FileRefusal> cases{{static_cast<FileWhy>(i), 2, "pa", "pb", "pc"}};
      if (cases[0].why == FileWhy::not_text) {
        cases.clear();
        for (FileKind k : {FileKind::zip, FileKind::xlsx, FileKind::xls, FileKind::png, FileKind::jpeg, FileKind::gif,
                           FileKind::pdf, FileKind::sqlite, FileKind::other_binary})
          cases.push_back({FileWhy::not_text, static_cast<int64_t>(k)});
      }
      for (const FileRefusal& r : cases) {
        CAPTURE(file_why_name(r.why));
        CAPTURE(r.n);
        const std::string zh = file_refusal_text(r, row, Lang::zh_CN);
        CHECK_FALSE(zh.empty());
        for (const auto& w : letter_runs(zh)) {
          CAPTURE(zh);
          CHECK_MESSAGE(allowed.count(w), "English word in a Chinese refusal: " << w);
        }
        const std::string en = file_refusal_text(r, row, Lang::en);
        CHECK(en.rfind(refusal_en(r), 0) == 0);
      }
    }
    // The root row of nothing_imported is worded too, with the count of the other rejected rows.
    const std::string zh = file_refusal_text({FileWhy::nothing_imported, 3}, row, Lang::zh_CN);
    CHECK(zh.find("第 4 行") != std::string::npos);
    CHECK(zh.find("缺少数量") != std::string::npos);
    CHECK(zh.find("另有 3 行被拒绝") != std::string::npos);
    CHECK(file_refusal_text({FileWhy::nothing_imported, 3}, row, Lang::en) ==
          "nothing imported: missing quantity (and 3 more rejected rows)");
  }

  TEST_CASE("trust: every funnel step is worded in both languages") {
    std::set<std::string> zh_seen;
    for (int i = 0; i < kFunnelSteps; ++i) {
      const auto step = static_cast<FunnelStep>(i);
      const std::string en = funnel_step_label(step, Lang::en), zh = funnel_step_label(step, Lang::zh_CN);
      CAPTURE(i);
      CHECK(en == funnel_step_label_en(i));
      CHECK_FALSE(zh.empty());
      CHECK(zh != en);
      CHECK(letter_runs(zh).empty());
      zh_seen.insert(zh);
    }
    CHECK(static_cast<int>(zh_seen.size()) == kFunnelSteps);
  }

  // Through the Data section: an empty file, a file without a required column (the generic
  // format's placed_at), in each language.
  TEST_CASE("trust: the Data section says why a file was refused, in Chinese and in English") {
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    auto dir = std::filesystem::temp_directory_path();
    auto empty = dir / "sk-ui-empty.csv", nodate = dir / "sk-ui-nodate.csv";
    { std::ofstream f(empty); }
    {
      std::ofstream f(nodate);
      f << "order_id,amount\nA1,10\n";
    }
    for (Lang lang : {Lang::zh_CN, Lang::en}) {
      set_app_language(app, lang);
      CAPTURE(static_cast<int>(lang));
      start_import(app, empty.string(), "sk-ui-empty.csv");
      CHECK(app.ui.data.job == nullptr);
      if (lang == Lang::zh_CN) CHECK(app.ui.notice == "未导入任何数据: sk-ui-empty.csv：文件是空的");
      else CHECK(app.ui.notice == "Nothing was imported: sk-ui-empty.csv: the file is empty");
      start_import(app, nodate.string(), "sk-ui-nodate.csv");
      CHECK(app.ui.data.job == nullptr);  // no preset knows it: generic orders, placed_at required
      if (lang == Lang::zh_CN) {
        CHECK(app.ui.notice.find("sk-ui-nodate.csv：第 1 行：找不到“下单时间”这一列；文件里的列：order_id, amount") !=
              std::string::npos);
      } else {
        CHECK(app.ui.notice.rfind("Nothing was imported: sk-ui-nodate.csv: line 1: no column for \"placed_at\"", 0) == 0);
      }
      draw_frames(app, p, 1);
    }
    std::filesystem::remove(empty);
    std::filesystem::remove(nodate);
  }
}

TEST_SUITE("ui") {
  TEST_CASE("pricing: fee and price-book edits are checked in words first, saved in one write, list price logged") {
    using namespace shopkeeper::pricing;
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    open_small_demo(app);
    navigate(app, Section::pricing);
    draw_frames(app, p, 1);
    PricingUi& pu = app.ui.pricing;
    REQUIRE_FALSE(pu.economics.rows.empty());

    // Fee schedule of the first row's channel: 60% + 50% is refused in words, nothing written.
    int fee_row = 0;
    while (fee_row < static_cast<int>(pu.economics.rows.size()) && pu.economics.rows[static_cast<size_t>(fee_row)].channel_name.empty()) ++fee_row;
    REQUIRE(fee_row < static_cast<int>(pu.economics.rows.size()));
    fill_fee_edit(pu, fee_row);
    const std::string channel = pu.fee_edit.channel;
    pu.fee_edit.commission = 60;
    pu.fee_edit.payment = 50;
    auto problems = fee_edit_problems(pu);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == tr(S::pricing_fee_rates_over_100));
    pu.fee_edit.packaging = -1;
    CHECK(fee_edit_problems(pu).size() == 2);
    const int64_t rev = app.ws.revision();
    CHECK_FALSE(save_fee_edit(app.ws, pu).ok());
    CHECK(app.ws.revision() == rev);
    pu.fee_edit.commission = 4.5;
    pu.fee_edit.payment = 0.6;
    pu.fee_edit.packaging = 1.2;
    CHECK(fee_edit_problems(pu).empty());
    REQUIRE(save_fee_edit(app.ws, pu).ok());
    CHECK(app.ws.revision() == rev + 1);  // one write
    draw_frames(app, p, 1);               // recomputed with the seller's schedule
    bool seen = false;
    for (const auto& r : pu.economics.rows)
      if (r.channel_name == channel) {
        seen = true;
        CHECK(r.fees.seller_set);
        CHECK(r.fees.commission_bp == 450);
        CHECK(r.fees.payment_bp == 60);
        CHECK(r.packaging == 120);
      }
    CHECK(seen);

    // Price book of a SKU whose default floor (cost + 10%) is well under its list price.
    int pick = -1;
    for (size_t i = 0; i < pu.book.skus.size() && pick < 0; ++i) {
      const SkuBook& s = pu.book.skus[i];
      if (s.unit_cost && *s.unit_cost * 11 / 10 < s.list_price - 1000 && s.member.empty() && s.ladder.empty()) pick = static_cast<int>(i);
    }
    REQUIRE(pick >= 0);
    fill_book_edit(pu, pick);
    SkuBook& n = pu.book_edit.next;
    const std::string sku = n.sku;
    const Money list0 = n.list_price;
    const std::string tier = app.ws.dataset().tiers.size() ? app.ws.dataset().tiers.names[0] : std::string("gold");
    n.member.push_back({sku, BookKind::member, tier, 1, list0 + 100});  // above the list price
    n.ladder.push_back({sku, BookKind::ladder, "", 2, list0 - 200});
    n.ladder.push_back({sku, BookKind::ladder, "", 3, list0 - 150});   // rises with quantity
    problems = book_edit_problems(pu);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find(tr(S::pricing_issue_member)) != std::string::npos);
    CHECK(problems[1].find(tr(S::pricing_issue_ladder)) != std::string::npos);
    CHECK_FALSE(save_book_edit(app.ws, pu).ok());
    CHECK(app.ws.revision() == rev + 1);
    n.member.back().price = list0 - 100;
    n.ladder.back().price = list0 - 300;
    n.book_floor = list0 - 250;  // above the 3-unit price: refused in words
    problems = book_edit_problems(pu);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find(tr(S::pricing_issue_floor)) != std::string::npos);
    n.book_floor = list0 - 400;
    n.list_price = list0 + 500;
    CHECK(book_edit_problems(pu).empty());
    REQUIRE(save_book_edit(app.ws, pu).ok());
    CHECK(app.ws.revision() == rev + 2);  // one write for the whole SKU
    draw_frames(app, p, 1);
    const SkuBook* b = find_book(pu.book, sku);
    REQUIRE(b);
    CHECK(b->list_price == list0 + 500);
    CHECK(*b->floor == list0 - 400);
    CHECK(b->floor_source == FloorSource::book);
    REQUIRE(b->member.size() == 1);
    CHECK(b->member[0].price == list0 - 100);
    REQUIRE(b->ladder.size() == 2);
    CHECK(b->ladder[1].price == list0 - 300);
    const Dataset& ds = app.ws.dataset();
    for (size_t i = 0; i < ds.sku.size(); ++i)
      if (ds.sku[i] == sku) CHECK(ds.product_price[i] == list0 + 500);  // the Dataset reloaded
    auto hist = load_price_history(app.ws.store().db(), sku);
    REQUIRE(hist.ok());
    REQUIRE_FALSE(hist->empty());
    CHECK(hist->back().source == "edit");
    CHECK(*hist->back().old_price == list0);
    CHECK(hist->back().new_price == list0 + 500);
  }
}
