#include "core/demo/catalog.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include <fmt/format.h>

namespace shopkeeper::demo {

namespace {

struct Variant {
  const char* name;
  double price_mult;  // relative to the base item's price
};

struct CategorySpec {
  const char* name;
  const char* code;   // SKU prefix
  int share;          // per mille of SKUs
  double demand;      // relative demand per SKU
  Money price_lo, price_hi;  // base item price range, fen
  int margin_lo, margin_hi;  // gross margin range, percent of the list price
  int grams_lo, grams_hi;    // shipping weight of the base item
  std::vector<const char*> bases;
  std::vector<Variant> variants;
  std::vector<const char*> brands;
  std::vector<int> suppliers;  // supplier ids
  std::array<double, 12> season;
  std::vector<const char*> tags;
};

const std::vector<CategorySpec>& specs() {
  static const std::vector<CategorySpec> s = {
      {"绿茶", "GRN", 120, 1.2, 4900, 39900, 45, 65, 80, 300,
       {"明前龙井", "碧螺春", "黄山毛峰", "信阳毛尖", "六安瓜片", "太平猴魁", "安吉白茶", "竹叶青"},
       {{"50g", 0.45}, {"100g", 0.8}, {"250g", 1.8}, {"礼盒装 200g", 1.9}, {"罐装 125g", 1.0}},
       {"山间茶舍", "云栖茶园", "示例茶铺"}, {1, 2},
       {0.8, 0.8, 1.4, 1.8, 1.3, 1.0, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9}, {"春茶", "高山", "有机"}},
      {"红茶", "BLK", 90, 1.0, 3900, 29900, 40, 60, 80, 300,
       {"正山小种", "金骏眉", "滇红", "祁门红茶", "英德红茶", "坦洋工夫"},
       {{"50g", 0.45}, {"100g", 0.8}, {"250g", 1.8}, {"礼盒装 200g", 1.9}, {"袋泡茶 30包", 0.7}},
       {"一叶知秋", "老茶匠", "示例茶铺"}, {3, 4},
       {1.3, 1.2, 1.0, 0.8, 0.8, 0.8, 0.8, 0.8, 1.0, 1.1, 1.2, 1.3}, {"暖胃", "口粮茶"}},
      {"乌龙茶", "OOL", 90, 1.0, 4900, 29900, 45, 65, 80, 300,
       {"安溪铁观音", "武夷大红袍", "凤凰单丛", "冻顶乌龙", "武夷肉桂", "老枞水仙"},
       {{"50g", 0.45}, {"100g", 0.8}, {"250g", 1.8}, {"礼盒装 200g", 1.9}, {"小泡袋 20泡", 0.9}},
       {"老茶匠", "云栖茶园", "示例茶铺"}, {4, 5},
       {1.0, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.0}, {"岩韵", "浓香", "清香"}},
      {"普洱茶", "PUE", 80, 0.8, 5900, 59900, 50, 70, 100, 400,
       {"普洱熟茶饼", "普洱生茶饼", "新会小青柑", "普洱沱茶", "古树普洱", "碎银子"},
       {{"357g", 1.6}, {"100g", 0.6}, {"礼盒装 500g", 2.4}, {"2015年份 357g", 3.0}},
       {"老茶匠", "一叶知秋"}, {6},
       {1.3, 1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 1.0, 1.1, 1.2, 1.3}, {"收藏", "越陈越香"}},
      {"白茶", "WHT", 60, 0.8, 5900, 39900, 45, 65, 80, 400,
       {"白毫银针", "白牡丹", "寿眉", "福鼎老白茶饼", "贡眉"},
       {{"100g", 0.8}, {"300g 饼", 1.9}, {"礼盒装 200g", 1.7}, {"散茶 250g", 1.5}},
       {"福鼎白云", "示例茶铺"}, {7},
       {1.0, 0.9, 1.1, 1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}, {"一年茶三年药", "收藏"}},
      {"花草茶", "HRB", 70, 1.0, 1900, 5900, 55, 70, 50, 200,
       {"胎菊", "玫瑰花茶", "茉莉花茶", "桂花乌龙", "大麦茶", "柠檬片", "蜜桃乌龙", "红豆薏米茶"},
       {{"罐装", 1.0}, {"袋泡 20包", 0.9}, {"家庭装", 1.8}},
       {"花间集", "示例茶铺"}, {2, 8},
       {0.8, 0.8, 0.9, 1.0, 1.2, 1.4, 1.5, 1.4, 1.1, 0.9, 0.8, 0.8}, {"冷泡", "花香", "养生"}},
      {"茶具", "WARE", 200, 0.8, 2900, 49900, 35, 55, 200, 1500,
       {"紫砂壶", "盖碗", "公道杯", "品茗杯", "旅行茶具", "玻璃茶壶", "干泡茶盘", "茶宠", "建盏", "茶滤"},
       {{"青瓷", 1.0}, {"白瓷", 0.9}, {"粗陶", 0.85}, {"手绘款", 1.4}, {"礼盒装", 1.6}, {"两件套", 1.8}},
       {"匠瓷坊", "素器", "陶然居"}, {9, 10, 11},
       {1.1, 1.0, 0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 1.1, 1.1, 1.4, 1.3}, {"手工", "送礼", "耐热"}},
      {"零食", "SNK", 170, 1.3, 1500, 6900, 20, 35, 200, 1000,
       {"每日坚果", "手撕牛肉干", "凤梨酥", "绿豆糕", "芒果干", "焦糖瓜子", "山楂条", "蛋黄酥", "核桃酥", "黑芝麻丸"},
       {{"200g", 0.6}, {"500g", 1.2}, {"家庭装 1kg", 2.1}, {"6袋混合装", 1.0}},
       {"喜点", "果小满", "谷香记"}, {12, 8},
       {1.6, 1.3, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.2, 1.0, 1.0, 1.1}, {"茶点", "办公室", "年货"}},
      {"家居", "HOME", 120, 0.6, 1900, 19900, 30, 50, 150, 1200,
       {"香薰蜡烛", "棉麻桌旗", "竹编收纳盒", "竹制杯垫", "陶瓷花瓶", "亚麻抱枕套", "檀香线香", "吸水茶巾"},
       {{"小号", 0.8}, {"大号", 1.3}, {"两件套", 1.7}, {"米白", 1.0}, {"墨绿", 1.0}},
       {"简居", "木言", "棉麻生活"}, {11, 8},
       {1.0, 0.9, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 1.2, 1.2}, {"ins风", "新中式", "送礼"}},
  };
  return s;
}

// Suppliers: id, name, lead time (days), scores (quality, price, delivery, service).
const Supplier kSuppliers[] = {
    {1, "杭州西湖龙井茶业有限公司", 7, 92, 70, 88, 85},   {2, "浙江安吉茶叶合作社", 10, 85, 82, 80, 78},
    {3, "福建武夷山正山茶厂", 12, 88, 75, 84, 80},        {4, "安溪铁观音茶业", 9, 84, 80, 86, 82},
    {5, "潮州凤凰单丛茶园", 14, 86, 72, 70, 75},           {6, "云南勐海茶厂", 21, 90, 68, 65, 72},
    {7, "福鼎白茶产业园", 12, 87, 74, 82, 80},             {8, "义乌优选供应链", 5, 70, 92, 90, 76},
    {9, "宜兴紫砂工坊", 30, 94, 60, 62, 85},               {10, "景德镇瓷业有限公司", 18, 88, 76, 72, 80},
    {11, "德化白瓷厂", 15, 80, 85, 78, 74},                {12, "临安坚果食品有限公司", 6, 78, 88, 92, 83},
};

}  // namespace

int32_t category_count() { return static_cast<int32_t>(specs().size()); }
const char* category_name(int32_t c) { return specs()[static_cast<size_t>(c)].name; }
double category_season(int32_t c, int month) { return specs()[static_cast<size_t>(c)].season[static_cast<size_t>(month - 1)]; }
bool category_is_teaware(int32_t c) { return std::string_view(specs()[static_cast<size_t>(c)].code) == "WARE"; }
bool category_is_snack(int32_t c) { return std::string_view(specs()[static_cast<size_t>(c)].code) == "SNK"; }

Money nice_price(Money fen) {
  if (fen < 10000) return (fen / 100) * 100 + 90;   // 39.90
  return ((fen + 500) / 1000) * 1000 - 200;          // 128.00, 298.00
}

// Long on purpose (over ~120 lines): mostly the demo catalogue's data (categories, names, price and
// cost bands) read in one fixed random order.
Catalog make_catalog(Rng& rng, int32_t n, DayRange history) {
  const auto& cats = specs();
  Catalog out;
  out.suppliers.assign(std::begin(kSuppliers), std::end(kSuppliers));

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
      d.price_before = p.list_price;
      d.price_changed = start;
      if (rng.chance(0.25)) {  // one list-price change during the history
        d.price_changed = start + static_cast<Day>(rng.range(30, std::max(31, span - 30)));
        d.price_before = nice_price(static_cast<Money>(static_cast<double>(p.list_price) * rng.uniform(0.85, 1.12)));
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
