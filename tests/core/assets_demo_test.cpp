// Issue #17 item 9 (rest): the province and country names (core/base/region.cpp) and the demo
// store's catalogue, calendar and promotion set (core/demo/) moved to assets/; they load to what the code held before the
// move: the region tables are written out below; the demo's are compared through digests of
// everything they produce, taken before the move.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/base/region.h"
#include "core/demo/calendar.h"
#include "core/demo/catalog.h"
#include "core/demo/generator.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

// FNV-1a 64 of a text: the digests below were taken from the code before the move.
uint64_t fnv(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Every field of the demo catalogue for seed 7, 300 products, two years to 2025-06-30, plus the
// category table and the suppliers (doubles to the last bit).
std::string catalogue_text() {
  std::string out;
  for (int32_t c = 0; c < demo::category_count(); ++c) {
    out += fmt::format("{} {} {}", c, demo::category_name(c), demo::category_code(c));
    for (int m = 1; m <= 12; ++m) out += fmt::format(" {:a}", demo::category_season(c, m));
    out += fmt::format(" {} {}\n", demo::category_is_teaware(c), demo::category_is_snack(c));
  }
  demo::Rng rng(7, 1);
  const DayRange hist{fixture::D(2023, 7, 1), fixture::D(2025, 6, 30)};
  const demo::Catalog cat = demo::make_catalog(rng, 300, hist);
  for (const Supplier& s : cat.suppliers)
    out += fmt::format("{}|{}|{}|{}|{}|{}|{}\n", s.id, s.name, s.lead_time_days, s.score_quality, s.score_price,
                       s.score_delivery, s.score_service);
  for (const demo::DemoProduct& d : cat.products) {
    const Product& p = d.product;
    out += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|", p.sku, p.title, p.category, p.brand, p.list_price,
                       p.unit_cost ? *p.unit_cost : -1, p.supplier_id, p.weight_g, p.launched_on.value_or(-1), p.role, p.status, p.tags,
                       d.category);
    out += fmt::format("{:a}|{}|{}|{}|{}|{}\n", d.popularity, d.sells_from, d.sells_until,
                       d.cost_before ? *d.cost_before : -1, d.cost_changed, d.partner);
  }
  return out;
}

// The festivals and demand factors of 2020..2035.
std::string calendar_text() {
  std::string out;
  const DayRange r{fixture::D(2020, 1, 1), fixture::D(2035, 12, 31)};
  for (const demo::Festival& f : demo::festivals(r))
    out += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}\n", f.id, f.name, f.first, f.last, f.peak, f.per, f.off, f.stacking,
                       f.assumed_uplift_bp);
  for (Day d = r.first; d <= r.last; ++d)
    out += fmt::format("{:a} {:a} {:a}\n", demo::event_factor(d), demo::weekday_factor(d), demo::season_factor(d));
  for (int y = 2018; y <= 2037; ++y) out += fmt::format("{}:{}\n", y, demo::chinese_new_year(y).value_or(-1));
  return out;
}

// The stored promotions of a small demo shop (they follow from the catalogue and the end day).
std::string promotions_text() {
  Store s = fixture::memory_store();
  DemoOptions o;
  o.order_lines = 2000;
  o.end_day = fixture::D(2025, 6, 30);
  REQUIRE(generate_demo(s, o).ok());
  std::string out;
  auto st = s.db().prepare("SELECT * FROM promotions ORDER BY rowid");
  REQUIRE(st.ok());
  const int cols = sqlite3_column_count(st->raw());
  while (st->step()) {
    for (int c = 0; c < cols; ++c) out += (st->is_null(c) ? std::string("\\N") : st->text(c)) + "|";
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_SUITE("assets") {
  TEST_CASE("assets: the region names are the tables core/base/region.cpp held") {
    // The old kProvinces (short form, official full name), in its order.
    const std::vector<std::pair<std::string, std::string>> provinces = {
        {"北京", "北京市"}, {"天津", "天津市"}, {"上海", "上海市"}, {"重庆", "重庆市"},
        {"河北", "河北省"}, {"山西", "山西省"}, {"辽宁", "辽宁省"}, {"吉林", "吉林省"},
        {"黑龙江", "黑龙江省"}, {"江苏", "江苏省"}, {"浙江", "浙江省"}, {"安徽", "安徽省"},
        {"福建", "福建省"}, {"江西", "江西省"}, {"山东", "山东省"}, {"河南", "河南省"},
        {"湖北", "湖北省"}, {"湖南", "湖南省"}, {"广东", "广东省"}, {"海南", "海南省"},
        {"四川", "四川省"}, {"贵州", "贵州省"}, {"云南", "云南省"}, {"陕西", "陕西省"},
        {"甘肃", "甘肃省"}, {"青海", "青海省"}, {"台湾", "台湾省"},
        {"内蒙古", "内蒙古自治区"}, {"广西", "广西壮族自治区"}, {"西藏", "西藏自治区"},
        {"宁夏", "宁夏回族自治区"}, {"新疆", "新疆维吾尔自治区"},
        {"香港", "香港特别行政区"}, {"澳门", "澳门特别行政区"},
    };
    // The old kCountries (alias, ISO 3166 short name).
    const std::vector<std::pair<std::string, std::string>> countries = {
        {"uk", "United Kingdom"}, {"gb", "United Kingdom"}, {"great britain", "United Kingdom"},
        {"england", "United Kingdom"}, {"united kingdom", "United Kingdom"},
        {"eire", "Ireland"}, {"ireland", "Ireland"}, {"republic of ireland", "Ireland"},
        {"usa", "United States"}, {"us", "United States"}, {"united states of america", "United States"},
        {"united states", "United States"}, {"rsa", "South Africa"}, {"south africa", "South Africa"},
        {"czech republic", "Czechia"}, {"holland", "Netherlands"}, {"the netherlands", "Netherlands"},
        {"prc", "China"}, {"people's republic of china", "China"}, {"中国", "China"}, {"中国大陆", "China"},
        {"korea, south", "South Korea"},
    };
    CHECK(provinces.size() == 34);
    CHECK(countries.size() == 22);
    std::string buf;
    for (const auto& entry : provinces) {
      const std::string& short_name = entry.first;  // plain names: CAPTURE's lambda takes them
      const std::string& full_name = entry.second;
      CAPTURE(short_name);
      CHECK(normalize_region(short_name, buf) == short_name);
      CHECK(normalize_region(full_name, buf) == short_name);
      CHECK(normalize_region(" " + full_name + "杭州市 ", buf) == short_name);
      CHECK(normalize_region(short_name + " 某市", buf) == short_name);
    }
    for (const auto& entry : countries) {
      const std::string& alias = entry.first;
      const std::string& iso = entry.second;
      CAPTURE(alias);
      CHECK(normalize_region(alias, buf) == iso);
      std::string upper = alias;
      for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      CHECK(normalize_region(upper, buf) == iso);
    }
    // Names in neither table stay as given, trimmed.
    CHECK(normalize_region(" Atlantis ", buf) == "Atlantis");
    CHECK(normalize_region("某地", buf) == "某地");
  }

  // The digests were taken from these texts with the tables still in core/demo/catalog.cpp and
  // calendar.cpp (commit of this test's parent), then the tables moved to assets/demo/.
  TEST_CASE("assets: the demo catalogue and its shopping calendar are what core/demo held") {
    const std::string cat = catalogue_text(), cal = calendar_text();
    MESSAGE(fmt::format("catalogue {} bytes {:#x}; calendar {} bytes {:#x}", cat.size(), fnv(cat), cal.size(), fnv(cal)));
    CHECK(cat.size() == 43699);
    CHECK(cal.size() == 297572);
    CHECK(fnv(cat) == 424178839723341229ull);
    CHECK(fnv(cal) == 14972147777090259026ull);
  }

  // Taken with the set still written out in core/demo/generator.cpp (write_promotions).
  TEST_CASE("assets: the demo promotion set is what core/demo/generator.cpp wrote") {
    const std::string pro = promotions_text();
    MESSAGE(fmt::format("promotions {} bytes {:#x}", pro.size(), fnv(pro)));
    CHECK(pro.size() == 10656);
    CHECK(fnv(pro) == 12074886058201792126ull);
  }
}
