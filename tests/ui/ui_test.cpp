// UI tests without a window: locale formatting, the string table, and a headless smoke test that
// draws every section of the app with ImGui (no GL) over a real store.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "core/base/currency.h"
#include <imgui.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>
#include <set>

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

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {
class FakePlatform : public Platform {
 public:
  int persisted = 0;
  void persist() override { ++persisted; }
  SaveState save_state() const override { return {}; }
  bool persisted_storage() const override { return true; }
  std::string storage_error() const override { return {}; }
  void open_file(const char*) override {}
  std::optional<OpenedFile> take_opened_file() override { return std::nullopt; }
  void offer_download(const std::string&, const std::string&, const std::string&) override {}
  void set_clipboard(const std::string&) override {}
  Day today() const override { return days_from_civil(2026, 11, 23); }
  std::string data_dir() const override { return ":memory:"; }
  bool is_web() const override { return false; }
};

// A small demo store (4,000 order lines, 60 products, 18 months to 2026-11-22) in memory.
void open_small_demo(App& app) {
  REQUIRE(app.ws.open_memory().ok());
  DemoOptions opt;
  opt.order_lines = 4000;
  opt.products = 60;
  opt.months = 18;
  opt.end_day = days_from_civil(2026, 11, 22);
  REQUIRE(app.ws.open_demo(opt).ok());
}

// A headless ImGui context (default font atlas built, no imgui.ini) for the test's lifetime.
struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.Fonts->AddFontDefault();
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

void draw_frames(App& app, Platform& p, int n) {
  for (int i = 0; i < n; ++i) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    draw_app(app, p);
    ImGui::Render();
  }
}
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
    auto products = load_guard_products(app.ws.store().db());
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
      std::snprintf(e.threshold, sizeof e.threshold, "19.999");
      std::snprintf(e.amount, sizeof e.amount, "20");
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
      std::snprintf(e.name, sizeof e.name, "零食 第2件半价");
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
      std::snprintf(fresh.id, sizeof fresh.id, "T1");
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
    std::snprintf(cal.uplift, sizeof cal.uplift, "20");
    std::snprintf(cal.budget, sizeof cal.budget, "%s", money_to_decimal(past->budget).c_str());
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
struct DrawnText {
  std::vector<std::string> lines;
};
DrawnText scan_drawn_text() {
  DrawnText out;
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  struct Key {
    float u0, v0, u1, v1;
    bool operator<(const Key& o) const {
      return std::tie(u0, v0, u1, v1) < std::tie(o.u0, o.v0, o.u1, o.v1);
    }
  };
  std::map<Key, const ImFontGlyph*> glyphs;
  for (const ImFontGlyph& g : font->Glyphs)
    if (g.Visible) glyphs.emplace(Key{g.U0, g.V0, g.U1, g.V1}, &g);
  ImDrawData* dd = ImGui::GetDrawData();
  REQUIRE(dd != nullptr);
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = dd->CmdLists[l]->VtxBuffer;
    std::string line;
    float next_x = 0, y = -1e9f, advance = 0;
    for (int i = 0; i + 3 < v.Size;) {
      auto it = glyphs.find(Key{v[i].uv.x, v[i].uv.y, v[i + 2].uv.x, v[i + 2].uv.y});
      if (it == glyphs.end() || v[i + 1].uv.x != v[i + 2].uv.x || v[i + 3].uv.x != v[i].uv.x) {
        ++i;
        continue;
      }
      const ImFontGlyph& g = *it->second;
      float x = v[i].pos.x - g.X0, top = v[i].pos.y - g.Y0;
      if (std::fabs(top - y) > 0.5f || x < next_x - 0.5f || x > next_x + 4 * advance) {
        if (!line.empty()) out.lines.push_back(line);
        line.clear();
      } else if (x > next_x + 0.5f) {
        line += ' ';
      }
      line += static_cast<char>(g.Codepoint < 128 ? g.Codepoint : '?');
      y = top, advance = g.AdvanceX, next_x = x + g.AdvanceX;
      i += 4;
    }
    if (!line.empty()) out.lines.push_back(line);
  }
  return out;
}
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
  //   CSV, JSON  file formats (the download buttons and file names)
  //   SKU        the stock-keeping unit, as Taobao/Tmall and JD seller back ends write it
  //              (SKU数, SKU编码): a deliberate choice over 商品编码
  //   SQLite     the storage engine named in Settings' data folder note
  //   GMV        gross merchandise volume, as Chinese platforms write it
  //   UTC        the time zone of stored times
  //   UTF, GBK   text encodings (UTF-8, GBK), as Chinese tools write them
  //   ABC, RFM   the analyses' usual names in Chinese too (ABC分析, RFM模型)
  //   English    the language switch names each language in itself
  //   Shopify, WooCommerce, UCI Online Retail: the platforms and the public data set whose
  //              export layouts the importer reads (brands)
  // Sources and channels (tmall, douyin, direct ...) are NOT allowed: they are worded in Chinese.
  TEST_CASE("trust: every section drawn in Chinese shows no English words (issue #10)") {
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    open_small_demo(app);
    set_app_language(app, Lang::zh_CN);

    std::set<std::string> allowed = {"CSV",     "JSON",    "SKU",  "SQLite",      "GMV", "UTC", "UTF", "GBK",
                                     "ABC",     "RFM",     "English", "Shopify", "WooCommerce", "UCI", "Online", "Retail"};
    auto allow = [&](const std::string& s) {
      for (auto& w : letter_runs(s)) allowed.insert(w);
    };
    const Dataset& ds = app.ws.dataset();
    for (const auto* v : {&ds.sku, &ds.product_title, &ds.customer_id, &ds.order_id, &ds.categories.names,
                          &ds.regions.names, &ds.tiers.names})
      for (const auto& s : *v) allow(s);
    auto promos = promo::load_stored_promotions(app.ws.store().db());
    REQUIRE(promos.ok());
    for (const auto& r : *promos) allow(r.promotion.id), allow(r.promotion.name), allow(r.promotion.coupon_code);
    allow(app.ws.store().setting("store_name"));  // the seller's own shop name
    allow(p.data_dir());                          // the data folder's path
    for (const auto& c : currencies()) allow(c.code);  // ISO 4217 codes (CNY), shown beside the symbol
    allow(app.ws.money().timezone);                    // the IANA time-zone name the seller chose
    allowed.insert("Esc");                             // a key's name, as printed on the keyboard

    std::map<std::string, std::set<std::string>> found;  // word -> where (section: line)
    auto scan = [&](const std::string& where) {
      for (const auto& drawn : scan_drawn_text().lines) {
        // A command to type, shown as code between backticks (`shopkeeper pricing fees`), is
        // not English words: it is left out of the scan.
        std::string line;
        bool code = false;
        for (char c : drawn) {
          if (c == '`') code = !code;
          else if (!code) line += c;
        }
        for (const auto& w : letter_runs(line))
          if (!allowed.count(w)) found[w].insert(where + ": " + line);
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
    for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
      auto s = static_cast<Section>(i);
      navigate(app, s);
      frames(3);
      scan(section_name(s));
      if (s == Section::promotions)
        for (int t = 1; t < 4; ++t) {
          app.ui.promotions.tab_request = t;
          frames(3);
          scan(std::string("promotions tab ") + std::to_string(t));
        }
      if (s == Section::insights)
        for (int t = 1; t < 6; ++t) {
          app.ui.insights.tab_request = t;
          frames(t == 2 ? 30 : 3);  // the customer groups run over frames
          scan(std::string("insights tab ") + std::to_string(t));
        }
    }
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

TEST_SUITE("ui") {
  // Issue #14: the Insights tabs over the demo store show the core's figures (same queries as the
  // tabs' defaults), and the drawn text carries them.
  TEST_CASE("insights: bundles, groups, titles, recommendations and A/B counts shown are the core's") {
    HeadlessImGui imgui;
    FakePlatform p;
    App app;
    open_small_demo(app);
    const Dataset& ds = app.ws.dataset();
    const Lang lang = Lang::en;
    auto drawn = [&](std::string text) {
      // The headless font has ASCII glyphs only: the currency sign is not drawn.
      while (!text.empty() && static_cast<unsigned char>(text[0]) >= 0x80) text.erase(0, 1);
      for (const auto& l : scan_drawn_text().lines)
        if (l.find(text) != std::string::npos) return true;
      return false;
    };
    navigate(app, Section::insights);
    InsightsUi& ui = app.ui.insights;

    // Bundles: 3 baskets, lift 1.5, 10 % off, pairs and triples.
    ui.tab_request = 1;
    draw_frames(app, p, 3);
    insights::CoQuery q;
    const insights::CoPurchases co = insights::co_purchases(ds, q);
    const auto bundles = insights::bundle_suggestions(ds, co, q);
    REQUIRE(!bundles.empty());
    REQUIRE(ui.bundles.bundles.size() == bundles.size());
    for (size_t i = 0; i < bundles.size(); ++i) {
      CHECK(ui.bundles.bundles[i].items == bundles[i].items);
      CHECK(ui.bundles.bundles[i].price == bundles[i].price);
      CHECK(ui.bundles.bundles[i].margin == bundles[i].margin);
    }
    CHECK(drawn(format_money(bundles[0].price, lang)));
    // The loss guard of the selected (first) bundle: the same as guard_bundle with the store's inputs.
    REQUIRE(ui.bundles.guard_ok);
    std::vector<std::string> skus;
    for (int32_t x : bundles[0].items) skus.push_back(ds.sku[static_cast<size_t>(x)]);
    auto products = app.ws.guard_products();
    auto stored = app.ws.stored_promotions();
    REQUIRE(products.ok());
    REQUIRE(stored.ok());
    std::vector<promo::Promotion> live;
    for (const auto& r : *stored)
      if (r.status == "active" || r.status == "scheduled") live.push_back(r.promotion);
    promo::GuardOptions opt = app.ws.guard_settings();
    opt.profiles = promo::profiles_for_channels(ds.channels.names);
    const insights::BundleGuard g = insights::guard_bundle(skus, bundles[0].price, *products, live, opt);
    CHECK(ui.bundles.guard.floor_total == g.floor_total);
    CHECK(ui.bundles.guard.below_floor == g.below_floor);
    if (g.floor_total >= 0) CHECK(drawn(format_money(g.floor_total, lang)));

    // Customer groups: run over frames, then the same as cluster_customers.
    ui.tab_request = 2;
    draw_frames(app, p, 2);  // the tab is selected, then drawn: the job starts
    CHECK((ui.clusters.run.running || ui.clusters.ok));
    for (int i = 0; i < 400 && ui.clusters.run.running; ++i) draw_frames(app, p, 1);
    REQUIRE(ui.clusters.ok);
    auto cl = insights::cluster_customers(ds, insights::ClusterQuery{});
    REQUIRE(cl.ok());
    CHECK(ui.clusters.result.k == cl->k);
    CHECK(ui.clusters.result.label == cl->label);
    CHECK(ui.clusters.result.inertia == cl->inertia);
    draw_frames(app, p, 1);
    char sil[64];
    std::snprintf(sil, sizeof sil, "Silhouette %.3f", cl->silhouette);
    CHECK(drawn(sil));
    CHECK(drawn(format_int(cl->clusters[0].size, lang)));

    // Titles with the default banned terms and no keyword report.
    ui.tab_request = 3;
    draw_frames(app, p, 2);
    const auto reports = insights::check_titles(ds, {}, insights::default_banned_terms());
    REQUIRE(ui.titles.reports.size() == reports.size());
    int64_t with = 0;
    for (size_t i = 0; i < reports.size(); ++i) {
      with += reports[i].findings.empty() ? 0 : 1;
      CHECK(ui.titles.reports[i].findings.size() == reports[i].findings.size());
    }
    CHECK(ui.titles.with_findings == with);
    // A banned term added in the tab is stored and used.
    REQUIRE(app.ws.set_setting(insights::kBannedTermsKey, insights::banned_terms_to_setting({"100g"})).ok());
    draw_frames(app, p, 2);
    CHECK(ui.titles.banned == std::vector<std::string>{"100g"});
    const auto with_term = insights::check_titles(ds, {}, {"100g"});
    for (size_t i = 0; i < with_term.size(); ++i) CHECK(ui.titles.reports[i].findings.size() == with_term[i].findings.size());

    // Recommendations and their export.
    ui.tab_request = 4;
    draw_frames(app, p, 2);
    for (int i = 0; i < 400 && ui.recommend.run.running; ++i) draw_frames(app, p, 1);  // scored in slices
    CHECK_FALSE(ui.recommend.run.running);
    const auto recs = insights::recommendations(ds, co, q);
    REQUIRE(ui.recommend.recs.size() == recs.size());
    CHECK(insights::recommendations_table(ds, ui.recommend.recs).rows.size() == recs.size());

    // A/B counts from two channels over the top bar's range.
    ui.tab_request = 5;
    ui.ab_source = 2;
    ui.ab_channel[0] = 0, ui.ab_channel[1] = 1;
    draw_frames(app, p, 2);
    REQUIRE(ds.sources.names.size() >= 2);
    const DayRange range = app.ui.range.range;
    for (int arm = 0; arm < 2; ++arm) {
      const insights::ArmCounts c = insights::arm_counts(ds, range, static_cast<int16_t>(arm), -1);
      CHECK(ui.ab[arm * 2] == c.visitors);
      CHECK(ui.ab[arm * 2 + 1] == c.conversions);
    }
  }
}
