#include "core/demo/catalog.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shopkeeper::demo {

extern const unsigned char kDemoCatalog[];
extern const size_t kDemoCatalogSize;

namespace {

struct Variant {
  std::string name;
  double price_mult = 1;  // relative to the base item's price
};

struct CategorySpec {
  std::string name;
  std::string code;   // SKU prefix
  int share = 0;      // per mille of SKUs
  double demand = 1;  // relative demand per SKU
  Money price_lo = 0, price_hi = 0;  // base item price range, fen
  int margin_lo = 0, margin_hi = 0;  // gross margin range, percent of the list price
  int grams_lo = 0, grams_hi = 0;    // shipping weight of the base item
  std::vector<std::string> bases;
  std::vector<Variant> variants;
  std::vector<std::string> brands;
  std::vector<int> suppliers;  // supplier ids
  std::array<double, 12> season{};
  std::vector<std::string> tags;
  double elasticity_centre = -1;  // core/demo/prices.h
};

struct CatalogConfig {
  std::vector<CategorySpec> categories;
  std::vector<Supplier> suppliers;  // id, name, lead time (days), scores (quality, price, delivery, service)
};

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

// assets/demo/catalog.json, embedded at build time (cmake/assets.cmake); its "about" describes
// the fields. Checked by tests/core/assets_demo_test.cpp (a malformed asset gives no categories).
const CatalogConfig& config() {
  static const CatalogConfig cfg = [] {
    CatalogConfig out;
    const auto j = nlohmann::json::parse(kDemoCatalog, kDemoCatalog + kDemoCatalogSize, nullptr, false);
    if (!j.is_object() || !j.contains("categories") || !j.contains("suppliers")) return out;
    auto num = [](const nlohmann::json& x, const char* k, double dflt) {
      auto it = x.find(k);
      return it != x.end() && it->is_number() ? it->get<double>() : dflt;
    };
    auto integer = [](const nlohmann::json& x, const char* k) {
      auto it = x.find(k);
      return it != x.end() && it->is_number_integer() ? it->get<int64_t>() : int64_t{0};
    };
    for (const auto& c : j["categories"]) {
      if (!c.is_object()) continue;
      CategorySpec s;
      s.name = c.value("name", "");
      s.code = c.value("code", "");
      s.share = static_cast<int>(integer(c, "share_permille"));
      s.demand = num(c, "demand", 1);
      s.price_lo = integer(c, "price_lo");
      s.price_hi = integer(c, "price_hi");
      s.margin_lo = static_cast<int>(integer(c, "margin_lo"));
      s.margin_hi = static_cast<int>(integer(c, "margin_hi"));
      s.grams_lo = static_cast<int>(integer(c, "grams_lo"));
      s.grams_hi = static_cast<int>(integer(c, "grams_hi"));
      s.bases = strings(c.value("bases", nlohmann::json::array()));
      for (const auto& v : c.value("variants", nlohmann::json::array()))
        if (v.is_array() && v.size() == 2 && v[0].is_string() && v[1].is_number())
          s.variants.push_back({v[0].get<std::string>(), v[1].get<double>()});
      s.brands = strings(c.value("brands", nlohmann::json::array()));
      for (const auto& v : c.value("suppliers", nlohmann::json::array()))
        if (v.is_number_integer()) s.suppliers.push_back(v.get<int>());
      const auto season = c.value("season", nlohmann::json::array());
      for (size_t m = 0; m < 12 && m < season.size(); ++m)
        s.season[m] = season[m].is_number() ? season[m].get<double>() : 1.0;
      s.tags = strings(c.value("tags", nlohmann::json::array()));
      s.elasticity_centre = num(c, "elasticity_centre", -1);
      if (s.bases.empty() || s.variants.empty() || s.brands.empty() || s.suppliers.empty() || s.tags.empty()) continue;
      out.categories.push_back(std::move(s));
    }
    for (const auto& x : j["suppliers"]) {
      if (!x.is_array() || x.size() != 7 || !x[1].is_string()) continue;
      auto at = [&](size_t i) { return x[i].is_number_integer() ? x[i].get<int32_t>() : 0; };
      out.suppliers.push_back({at(0), x[1].get<std::string>(), at(2), at(3), at(4), at(5), at(6)});
    }
    return out;
  }();
  return cfg;
}

const std::vector<CategorySpec>& specs() { return config().categories; }

}  // namespace

int32_t category_count() { return static_cast<int32_t>(specs().size()); }
const char* category_name(int32_t c) { return specs()[static_cast<size_t>(c)].name.c_str(); }
const char* category_code(int32_t c) { return specs()[static_cast<size_t>(c)].code.c_str(); }
double category_elasticity_centre(int32_t c) { return specs()[static_cast<size_t>(c)].elasticity_centre; }
double category_season(int32_t c, int month) { return specs()[static_cast<size_t>(c)].season[static_cast<size_t>(month - 1)]; }
bool category_is_teaware(int32_t c) { return specs()[static_cast<size_t>(c)].code == "WARE"; }
bool category_is_snack(int32_t c) { return specs()[static_cast<size_t>(c)].code == "SNK"; }

Money nice_price(Money fen) {
  if (fen < 10000) return (fen / 100) * 100 + 90;   // 39.90
  return ((fen + 500) / 1000) * 1000 - 200;          // 128.00, 298.00
}

// Long on purpose (over ~120 lines): mostly the demo catalogue's data (categories, names, price and
// cost bands) read in one fixed random order.
Catalog make_catalog(Rng& rng, int32_t n, DayRange history) {
  const auto& cats = specs();
  Catalog out;
  out.suppliers = config().suppliers;

  // SKUs per category by largest remainder of n * share / 1000 (ties to the earlier category).
  std::vector<int32_t> count(cats.size());
  std::vector<std::pair<int64_t, size_t>> rem;
  int32_t given = 0;
  for (size_t c = 0; c < cats.size(); ++c) {
    int64_t exact = static_cast<int64_t>(n) * cats[c].share;
    count[c] = static_cast<int32_t>(exact / 1000);
    given += count[c];
    rem.push_back({exact % 1000, c});
  }
  std::stable_sort(rem.begin(), rem.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (size_t i = 0; given < n; ++i, ++given) ++count[rem[i % rem.size()].second];

  const Day start = history.first, end = history.last;
  const int32_t span = std::max(1, history.length());
  for (size_t c = 0; c < cats.size(); ++c) {
    const CategorySpec& cs = cats[c];
    std::vector<Money> base_price(cs.bases.size());
    for (auto& p : base_price) {
      double u = rng.uniform();
      p = cs.price_lo + static_cast<Money>(static_cast<double>(cs.price_hi - cs.price_lo) * u * u);
    }
    std::vector<std::pair<size_t, size_t>> combos;
    for (size_t b = 0; b < cs.bases.size(); ++b)
      for (size_t v = 0; v < cs.variants.size(); ++v) combos.push_back({b, v});
    rng.shuffle(combos);
    for (int32_t j = 0; j < count[c]; ++j) {
      auto [b, v] = combos[static_cast<size_t>(j) % combos.size()];
      size_t edition = static_cast<size_t>(j) / combos.size();
      DemoProduct d;
      d.category = static_cast<int32_t>(c);
      Product& p = d.product;
      p.sku = fmt::format("{}-{:04d}", cs.code, j + 1);
      p.title = fmt::format("{} {}", cs.bases[b], cs.variants[v].name);
      if (edition > 0) p.title += fmt::format(" {}号", edition + 1);
      p.category = cs.name;
      p.brand = cs.brands[rng.below(static_cast<uint32_t>(cs.brands.size()))];
      double mult = cs.variants[v].price_mult * rng.uniform(0.92, 1.08);
      p.list_price = nice_price(static_cast<Money>(static_cast<double>(base_price[b]) * mult));
      int margin = static_cast<int>(rng.range(cs.margin_lo, cs.margin_hi));
      // Cost rounded half away from zero to the fen.
      p.unit_cost = div_round(p.list_price * (100 - margin), 100);
      p.supplier_id = cs.suppliers[rng.below(static_cast<uint32_t>(cs.suppliers.size()))];
      p.weight_g = static_cast<int32_t>(static_cast<double>(rng.range(cs.grams_lo, cs.grams_hi)) * std::max(0.5, mult));
      d.popularity = cs.demand;
      // Most products were on sale before the history starts; some launch during it.
      Day launch = rng.chance(0.85) ? start - static_cast<Day>(rng.range(30, 900))
                                    : start + static_cast<Day>(rng.range(0, std::max(0, span - 30)));
      p.launched_on = launch;
      d.sells_from = launch;
      d.sells_until = end;
      // The list-price path over the history is drawn by plan_prices (core/demo/prices.h, its
      // own stream). These draws once made a single price change; they stay so that every other
      // catalogue value (costs, weights, launches, roles) is what it was.
      if (rng.chance(0.25)) {
        (void)rng.range(30, std::max(31, span - 30));
        (void)rng.uniform(0.85, 1.12);
      }
      d.cost_before = p.unit_cost;
      d.cost_changed = start;
      if (rng.chance(0.3)) {  // supplier price change
        d.cost_changed = start + static_cast<Day>(rng.range(30, std::max(31, span - 30)));
        d.cost_before = div_round(*p.unit_cost * static_cast<Money>(rng.range(88, 98)), 100);
      }
      std::vector<std::string> tags;
      if (rng.chance(0.5)) tags.push_back(cs.tags[rng.below(static_cast<uint32_t>(cs.tags.size()))]);
      if (std::string_view(cs.variants[v].name).find("礼盒") != std::string_view::npos) tags.push_back("礼盒");
      if (launch > end - 90) tags.push_back("新品");
      for (size_t t = 0; t < tags.size(); ++t) p.tags += (t ? "," : "") + tags[t];
      out.products.push_back(std::move(d));
    }
  }

  // Popularity: a Zipf-like 1/(rank+4) over a random ranking, times the category's demand.
  auto& ps = out.products;
  std::vector<size_t> order(ps.size());
  std::iota(order.begin(), order.end(), size_t{0});
  rng.shuffle(order);
  // Dearer items sell less: 39.90 about five times as often as 650.00.
  for (size_t r = 0; r < order.size(); ++r) {
    auto& d = ps[order[r]];
    d.popularity *= 1.0 / static_cast<double>(r + 4) * 20000.0 / static_cast<double>(d.product.list_price + 10000);
  }

  // Roles by popularity rank: cheap best-sellers are traffic drivers with thin margins,
  // the priciest items are image products, slow sellers are cleared or retired.
  std::vector<size_t> by_pop(ps.size());
  std::iota(by_pop.begin(), by_pop.end(), size_t{0});
  std::stable_sort(by_pop.begin(), by_pop.end(), [&](size_t a, size_t b) { return ps[a].popularity > ps[b].popularity; });
  std::vector<size_t> by_price(ps.size());
  std::iota(by_price.begin(), by_price.end(), size_t{0});
  std::stable_sort(by_price.begin(), by_price.end(),
                   [&](size_t a, size_t b) { return ps[a].product.list_price > ps[b].product.list_price; });
  const size_t np = ps.size();
  for (size_t i = 0; i < std::max<size_t>(1, np * 3 / 100); ++i) ps[by_price[i]].product.role = "image";
  for (size_t i = 0; i < std::max<size_t>(1, np / 10); ++i) {
    Product& p = ps[by_pop[i]].product;
    if (!p.role.empty()) continue;
    if (i < np / 20 || rng.chance(0.5)) {
      p.role = "traffic";
      p.unit_cost = div_round(p.list_price * static_cast<Money>(rng.range(82, 90)), 100);
      ps[by_pop[i]].cost_before = ps[by_pop[i]].cost_changed > start ? div_round(*p.unit_cost * 95, 100) : *p.unit_cost;
      p.tags += p.tags.empty() ? "热销" : ",热销";
    } else {
      p.role = "profit";
    }
  }
  for (size_t i = np / 10; i < np; ++i) {
    DemoProduct& d = ps[by_pop[i]];
    if (!d.product.role.empty()) continue;
    if (i < np / 2 && rng.chance(0.12)) d.product.role = "profit";
    else if (i >= np * 3 / 4 && rng.chance(0.12)) {
      d.product.role = "clearance";
      d.product.tags += d.product.tags.empty() ? "清仓" : ",清仓";
    } else if (i >= np * 3 / 4 && rng.chance(0.1)) {
      d.product.status = "retired";
      d.sells_until = std::min(end, std::max(d.sells_from + 60, end - static_cast<Day>(rng.range(60, 240))));
    } else if (rng.chance(0.02)) {
      d.product.status = "paused";
      d.sells_until = end - static_cast<Day>(rng.range(5, 30));
    }
  }
  // A few products without a known cost, so the data-quality report has something to show.
  size_t missing = std::max<size_t>(1, np * 3 / 100);
  for (size_t tries = 0; missing > 0 && tries < np * 4; ++tries) {
    DemoProduct& d = ps[rng.below(static_cast<uint32_t>(np))];
    if (!d.product.unit_cost || !d.product.role.empty()) continue;
    d.product.unit_cost.reset();
    d.cost_before.reset();
    --missing;
  }

  // Partners: tea goes with teaware or snacks, teaware and snacks with tea, home goods with
  // teaware; the partner is drawn by popularity within its category.
  std::vector<std::vector<size_t>> in_cat(cats.size());
  for (size_t i = 0; i < np; ++i) in_cat[static_cast<size_t>(ps[i].category)].push_back(i);
  auto cat_of = [&](const char* code) {
    for (size_t c = 0; c < cats.size(); ++c)
      if (std::string_view(cats[c].code) == code) return c;
    return size_t{0};
  };
  const size_t ware = cat_of("WARE"), snack = cat_of("SNK"), home = cat_of("HOME");
  for (auto& d : ps) {
    size_t c = static_cast<size_t>(d.category), target;
    if (c == ware || c == snack) target = rng.below(6);  // one of the six tea categories
    else if (c == home) target = ware;
    else target = rng.chance(0.5) ? ware : snack;
    const auto& cand = in_cat[target];
    if (cand.empty()) continue;
    std::vector<double> w;
    for (size_t i : cand) w.push_back(ps[i].popularity);
    d.partner = static_cast<int32_t>(cand[rng.pick(cumulative(w))]);
  }
  return out;
}

}  // namespace shopkeeper::demo
