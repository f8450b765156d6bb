#include "core/shops/shops.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/base/text.h"
#include "core/io/csv.h"
#include "core/io/presets.h"
#include "core/model/entities.h"

namespace shopkeeper::shops {

namespace {

Status refuse(MapRefusal* out, std::string code, std::vector<std::string> params) {
  MapRefusal r{std::move(code), std::move(params)};
  std::string msg = map_refusal_en(r);
  if (out) *out = std::move(r);
  return make_error(ErrorCode::invalid_argument, msg);
}

// Code compared loosely: ASCII lower-cased, spaces and - _ . / dropped.
std::string loose_code(std::string_view c) {
  std::string out;
  for (char ch : c)
    if (std::string_view(" -_./").find(ch) == std::string_view::npos) out.push_back(ascii_lower(ch));
  return out;
}

// UTF-8 code points of `s` without spaces, each as its bytes.
std::vector<std::string_view> glyphs(std::string_view s) {
  std::vector<std::string_view> g;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    if (s[i] != ' ') g.push_back(s.substr(i, n));
    i += n;
  }
  return g;
}

bool valid(uint8_t status) { return is_valid_order(static_cast<OrderStatus>(status)); }

size_t shop_of_order(const ShopData& sd, size_t i) { return sd.order_shop.empty() ? 0 : sd.order_shop[i]; }

// Figures of one shop (or all: shop < 0) over the orders [lo, hi) and the traffic rows of `range`.
struct Acc {
  int64_t orders = 0, units = 0, guests = 0, visitors = 0;
  Money revenue = 0, refunds = 0;
  std::unordered_set<int32_t> customers;
  bool any = false;
  ShopFigures finish(int64_t shop) const {
    ShopFigures f;
    f.shop_id = shop;
    f.orders = orders;
    f.units = units;
    f.buyers = static_cast<int64_t>(customers.size()) + guests;
    f.visitors = visitors;
    f.revenue = revenue;
    f.aov = orders > 0 ? div_round(revenue, orders) : 0;
    f.conversion = visitors > 0 ? static_cast<double>(f.buyers) / static_cast<double>(visitors) : -1;
    f.refunds = refunds;
    return f;
  }
};

void add_order(const Dataset& ds, size_t i, Acc& a) {
  a.any = true;
  if (!valid(ds.order_status[i])) return;
  ++a.orders;
  a.revenue += ds.order_paid[i];
  a.units += ds.order_units.empty() ? 0 : ds.order_units[i];
  if (ds.order_customer[i] >= 0) a.customers.insert(ds.order_customer[i]);
  else ++a.guests;
}

}  // namespace

Result<std::vector<Shop>> list_shops(Db& db) {
  std::vector<Shop> out;
  std::map<int64_t, size_t> at;
  auto row = [&](int64_t id) -> Shop& {
    auto it = at.find(id);
    if (it != at.end()) return out[it->second];
    at.emplace(id, out.size());
    out.push_back(Shop{id, id == kOwnShop ? "" : "#" + std::to_string(id), "", 0, 0, 0, 0, 0, 0});
    return out.back();
  };
  row(kOwnShop);  // the store's own shop is always listed
  Status st = each_row(db, "SELECT id,name,platform FROM shops ORDER BY id", [&](const Stmt& s) {
    Shop& x = row(s.i64(0));
    x.name = std::string(s.text_view(1));
    x.platform = std::string(s.text_view(2));
  });
  if (!st) return st.error();
  struct Count {
    const char* sql;
    int64_t Shop::*field;
  };
  const Count counts[] = {
      {"SELECT shop_id,COUNT(*) FROM orders GROUP BY shop_id", &Shop::orders},
      {"SELECT o.shop_id,COUNT(*) FROM order_lines l JOIN orders o ON o.id=l.order_id GROUP BY o.shop_id", &Shop::lines},
      {"SELECT shop_id,COUNT(*) FROM traffic_daily GROUP BY shop_id", &Shop::traffic_rows},
      {"SELECT shop_id,COUNT(*) FROM product_traffic GROUP BY shop_id", &Shop::product_traffic_rows},
      {"SELECT shop_id,COUNT(*) FROM keyword_traffic GROUP BY shop_id", &Shop::keyword_rows},
      {"SELECT shop_id,COUNT(*) FROM shop_codes GROUP BY shop_id", &Shop::codes},
  };
  for (const Count& c : counts) {
    st = each_row(db, c.sql, [&](const Stmt& s) { row(s.i64(0)).*(c.field) = s.i64(1); });
    if (!st) return st.error();
  }
  std::sort(out.begin(), out.end(), [](const Shop& a, const Shop& b) { return a.id < b.id; });
  return out;
}

bool ShopData::several() const {
  return std::any_of(order_shop.begin(), order_shop.end(), [](uint8_t s) { return s != 0; }) ||
         std::any_of(traffic.begin(), traffic.end(), [](const Visits& v) { return v.shop_id != 0; });
}

Result<ShopData> load_shop_data(Db& db, const Dataset& ds) {
  ShopData sd;
  std::unordered_map<std::string_view, uint32_t> index;
  Status st = each_row(db, "SELECT id,shop_id FROM orders WHERE shop_id<>0", [&](const Stmt& s) {
    if (sd.order_shop.empty()) {
      sd.order_shop.assign(ds.order_id.size(), 0);
      index.reserve(ds.order_id.size());
      for (size_t i = 0; i < ds.order_id.size(); ++i) index.emplace(ds.order_id[i], static_cast<uint32_t>(i));
    }
    auto it = index.find(s.text_view(0));
    if (it != index.end()) sd.order_shop[it->second] = static_cast<uint8_t>(std::clamp<int64_t>(s.i64(1), 0, 255));
  });
  if (!st) return st.error();
  // Visitors counted once (docs/shops.md): a day and shop with its whole-shop row ("all", the
  // 生意参谋 shop daily report) has that row's visitors; its per-source rows are a breakdown.
  st = each_row(db,
                "SELECT day,shop_id,CASE WHEN MAX(source='all') THEN SUM(CASE WHEN source='all' THEN visitors ELSE 0 END) "
                "ELSE SUM(visitors) END FROM traffic_daily GROUP BY day,shop_id ORDER BY day,shop_id",
                [&](const Stmt& s) { sd.traffic.push_back({static_cast<Day>(s.i64(0)), s.i64(1), s.i64(2)}); });
  if (!st) return st.error();
  return sd;
}

std::string platform_of_format(std::string_view format) {
  if (format.substr(0, 5) == "sycm-") return "taobao";  // 生意参谋 is Taobao/Tmall's
  auto id = preset_from_name(format);
  return id ? std::string(preset_info(*id).channel) : std::string();
}

Result<ShopSlot> resolve_shop(Db& db, std::string_view name) {
  const std::string n(trim(name));
  if (n.empty()) return ShopSlot{kOwnShop, true};
  auto st = db.prepare("SELECT id FROM shops WHERE name=?");
  if (!st) return st.error();
  st->bind(1, n);
  if (st->step()) return ShopSlot{st->i64(0), true};
  auto next = db.scalar("SELECT COALESCE(MAX(id),0)+1 FROM shops");
  if (!next) return next.error();
  if (*next >= kMaxShops)
    return make_error(ErrorCode::invalid_argument, "a store holds at most " + std::to_string(kMaxShops) + " shops");
  return ShopSlot{*next, false};
}

Status save_shop(Store& store, const ShopSlot& slot, std::string_view name, std::string_view platform) {
  return store.write([&](Writer& w) -> Status {
    auto st = w.db().prepare(slot.exists ? "UPDATE shops SET platform=? WHERE id=? AND platform=''"
                                         : "INSERT OR IGNORE INTO shops(platform,id,name) VALUES(?,?,?)");
    if (!st) return st.error();
    st->bind(1, platform).bind(2, slot.id);
    if (!slot.exists) st->bind(3, trim(name));
    return st->run();
  });
}

Result<std::vector<CodeLink>> load_codes(Db& db) {
  std::vector<CodeLink> out;
  Status st = each_row(db, "SELECT shop_id,code,sku FROM shop_codes ORDER BY shop_id,code", [&](const Stmt& s) {
    out.push_back({s.i64(0), std::string(s.text_view(1)), std::string(s.text_view(2))});
  });
  if (!st) return st.error();
  return out;
}

std::string map_refusal_en(const MapRefusal& r) {
  auto p = [&](size_t i) { return i < r.params.size() ? r.params[i] : std::string(); };
  if (r.code == "unknown_shop") return "no shop named \"" + p(0) + "\"";
  if (r.code == "unknown_sku") return "the store has no product with SKU \"" + p(0) + "\"";
  if (r.code == "same_code") return "code \"" + p(0) + "\" is that SKU already";
  if (r.code == "code_mapped") return "code \"" + p(0) + "\" already maps to " + p(1) + ": unmap it first";
  if (r.code == "merges_two_products")
    return "the shop's code \"" + p(2) + "\" already maps to " + p(1) + ": the shop lists \"" + p(0) + "\" and \"" +
           p(2) + "\" as two products, so mapping \"" + p(0) + "\" to " + p(1) +
           " would merge two different products. Nothing was changed";
  if (r.code == "code_is_product")
    return "\"" + p(0) + "\" is a product of the store (its own cost, stock or sales in another shop), not " + p(1) +
           ": mapping it would merge two different products. Nothing was changed";
  return r.code;
}

Status map_code(Store& store, int64_t shop_id, const std::string& code, const std::string& sku, MapRefusal* refusal) {
  bool nothing_to_do = false;
  if (Status st = check_map(store.db(), shop_id, code, sku, refusal, &nothing_to_do); !st || nothing_to_do) return st;
  return store.write([&](Writer& w) { return write_map(w, shop_id, code, sku); });
}

Status check_map(Db& db, int64_t shop_id, const std::string& code, const std::string& sku, MapRefusal* refusal,
                 bool* nothing_to_do) {
  if (refusal) *refusal = {};
  if (nothing_to_do) *nothing_to_do = false;
  auto one = [&](const std::string& sql, std::initializer_list<std::string_view> args) -> Result<int64_t> {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    int i = 0;
    for (std::string_view a : args) st->bind(++i, a);
    return st->step() ? st->i64(0) : 0;
  };
  auto shop = one("SELECT COUNT(*) FROM shops WHERE id=" + std::to_string(shop_id), {});
  if (!shop) return shop.error();
  if (*shop == 0) return refuse(refusal, "unknown_shop", {"#" + std::to_string(shop_id)});
  if (code == sku) return refuse(refusal, "same_code", {code});
  auto known = one("SELECT COUNT(*) FROM products WHERE sku=?", {sku});
  if (!known) return known.error();
  if (*known == 0) return refuse(refusal, "unknown_sku", {sku});
  // Already mapped: the same SKU is nothing to do, another one must be unmapped first.
  auto cur = db.prepare("SELECT sku FROM shop_codes WHERE shop_id=? AND code=?");
  if (!cur) return cur.error();
  cur->bind(1, shop_id).bind(2, code);
  if (cur->step()) {
    if (cur->text_view(0) == sku) {
      if (nothing_to_do) *nothing_to_do = true;
      return Ok{};
    }
    return refuse(refusal, "code_mapped", {code, std::string(cur->text_view(0))});
  }
  auto other = db.prepare("SELECT code FROM shop_codes WHERE shop_id=? AND sku=? LIMIT 1");
  if (!other) return other.error();
  other->bind(1, shop_id).bind(2, sku);
  if (other->step()) return refuse(refusal, "merges_two_products", {code, sku, std::string(other->text_view(0))});
  // The code is the store's own product (the seller gave it a cost or stock, or another shop
  // sells it): mapping it would fold one catalogue product into another.
  const std::string sid = std::to_string(shop_id);
  auto entered = one("SELECT COUNT(*) FROM products WHERE sku=? AND (unit_cost IS NOT NULL OR stock<>0)", {code});
  if (!entered) return entered.error();
  auto elsewhere = one("SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id=l.order_id WHERE l.sku=? AND o.shop_id<>" + sid, {code});
  if (!elsewhere) return elsewhere.error();
  if (*entered > 0 || *elsewhere > 0) return refuse(refusal, "code_is_product", {code, sku});
  return Ok{};
}

Status write_map(Writer& w, int64_t shop_id, const std::string& code, const std::string& sku) {
  const std::string sid = std::to_string(shop_id);
  {
    // The shop's lines of the code: each remembered, then the SKU's.
    const std::string in_shop = " AND order_id IN (SELECT id FROM orders WHERE shop_id=" + sid + ")";
    const char* steps[] = {
        "INSERT INTO shop_codes(shop_id,code,sku) VALUES(?1,?2,?3)",
        nullptr,  // remember the lines
        nullptr,  // rewrite them
        // The product row the shop's own import made for its code: nothing the seller entered.
        "DELETE FROM products WHERE sku=?2 AND unit_cost IS NULL AND stock=0 AND ?1=?1 AND ?3=?3",
    };
    const std::string remember = "INSERT OR REPLACE INTO shop_code_lines(order_id,line_no,code) SELECT order_id,line_no,sku "
                                 "FROM order_lines WHERE sku=?2 AND ?1=?1 AND ?3=?3" + in_shop;
    const std::string rewrite = "UPDATE order_lines SET sku=?3 WHERE sku=?2 AND ?1=?1" + in_shop;
    for (int k = 0; k < 4; ++k) {
      auto st = w.db().prepare(k == 1 ? remember.c_str() : k == 2 ? rewrite.c_str() : steps[k]);
      if (!st) return st.error();
      st->bind(1, shop_id).bind(2, code).bind(3, sku);
      if (Status r = st->run(); !r) return r;
    }
    return Ok{};
  }
}

Status write_reject(Writer& w, int64_t shop_id, const std::string& code, const std::string& sku) {
  auto st = w.db().prepare("INSERT OR IGNORE INTO shop_code_rejects(shop_id,code,sku) VALUES(?,?,?)");
  if (!st) return st.error();
  st->bind(1, shop_id).bind(2, code).bind(3, sku);
  return st->run();
}

Result<bool> unmap_code(Store& store, int64_t shop_id, const std::string& code) {
  bool removed = false;
  Status st = store.write([&](Writer& w) { return write_unmap(w, shop_id, code, &removed); });
  if (!st) return st.error();
  return removed;
}

Status write_unmap(Writer& w, int64_t shop_id, const std::string& code, bool* was_mapped) {
  bool removed = false;
  {
    auto del = w.db().prepare("DELETE FROM shop_codes WHERE shop_id=? AND code=?");
    if (!del) return del.error();
    del->bind(1, shop_id).bind(2, code);
    if (Status s = del->run(); !s) return s;
    removed = w.db().changes() > 0;
    if (!removed) {
      if (was_mapped) *was_mapped = false;
      return Ok{};
    }
    // The lines the mapping rewrote get their code back, and the code a product row again.
    const std::string sid = std::to_string(shop_id);
    const std::string mine = "SELECT order_id,line_no FROM shop_code_lines WHERE code=?1 AND order_id IN "
                             "(SELECT id FROM orders WHERE shop_id=" + sid + ")";
    const std::string steps[] = {
        "UPDATE order_lines SET sku=?1 WHERE (order_id,line_no) IN (" + mine + ")",
        "INSERT OR IGNORE INTO products(sku,title) SELECT ?1,title FROM order_lines WHERE sku=?1 LIMIT 1",
        "DELETE FROM shop_code_lines WHERE (order_id,line_no) IN (" + mine + ")",
    };
    for (const std::string& sql : steps) {
      auto s = w.db().prepare(sql);
      if (!s) return s.error();
      s->bind(1, code);
      if (Status r = s->run(); !r) return r;
    }
  }
  if (was_mapped) *was_mapped = removed;
  return Ok{};
}

double title_similarity(std::string_view a, std::string_view b) {
  auto bigrams = [](std::string_view s) {
    std::set<std::string> out;
    auto g = glyphs(s);
    for (size_t i = 0; i + 1 < g.size(); ++i) out.insert(ascii_lower(std::string(g[i]) + std::string(g[i + 1])));
    if (g.size() == 1) out.insert(ascii_lower(std::string(g[0])));
    return out;
  };
  const auto x = bigrams(a), y = bigrams(b);
  if (x.empty() || y.empty()) return 0;
  size_t both = 0;
  for (const auto& t : x) both += y.count(t);
  return static_cast<double>(both) / static_cast<double>(x.size() + y.size() - both);
}

Result<std::vector<Suggestion>> suggest_codes(Db& db) {
  // Codes per shop (lines and product traffic) with a title; products of the store.
  std::map<std::pair<int64_t, std::string>, std::string> codes;
  std::set<std::string> sold_in_own_or_several;  // SKUs that are the store's products, not a shop's codes
  std::map<std::string, std::set<int64_t>> shops_of;
  Status st = each_row(db,
                       "SELECT o.shop_id,l.sku,MIN(l.title) FROM order_lines l JOIN orders o ON o.id=l.order_id "
                       "GROUP BY o.shop_id,l.sku",
                       [&](const Stmt& s) {
                         codes[{s.i64(0), std::string(s.text_view(1))}] = std::string(s.text_view(2));
                         shops_of[std::string(s.text_view(1))].insert(s.i64(0));
                       });
  if (!st) return st.error();
  st = each_row(db, "SELECT shop_id,sku,MIN(title) FROM product_traffic GROUP BY shop_id,sku", [&](const Stmt& s) {
    auto& t = codes[{s.i64(0), std::string(s.text_view(1))}];
    if (t.empty()) t = std::string(s.text_view(2));
  });
  if (!st) return st.error();
  std::set<std::pair<int64_t, std::string>> mapped;
  auto links = load_codes(db);
  if (!links) return links.error();
  for (const auto& l : *links) mapped.insert({l.shop_id, l.code});
  std::set<std::tuple<int64_t, std::string, std::string>> rejected;  // the seller said: not this product
  st = each_row(db, "SELECT shop_id,code,sku FROM shop_code_rejects", [&](const Stmt& s) {
    rejected.insert({s.i64(0), std::string(s.text_view(1)), std::string(s.text_view(2))});
  });
  if (!st) return st.error();
  struct Prod {
    std::string sku, title;
    bool entered;  // a cost or stock the seller gave
  };
  std::vector<Prod> products;
  st = each_row(db, "SELECT sku,title,unit_cost IS NOT NULL OR stock<>0 FROM products ORDER BY sku", [&](const Stmt& s) {
    products.push_back({std::string(s.text_view(0)), std::string(s.text_view(1)), s.i64(2) != 0});
  });
  if (!st) return st.error();
  std::map<std::string, bool> entered;
  for (const Prod& p : products) entered[p.sku] = p.entered;
  // The store's product as seen from shop S: the seller entered it, or a shop before S sells it.
  auto stores_own = [&](const std::string& sku, int64_t shop) {
    auto e = entered.find(sku);
    if (e != entered.end() && e->second) return true;
    auto it = shops_of.find(sku);
    return it != shops_of.end() && !it->second.empty() && *it->second.begin() < shop;
  };
  std::vector<Suggestion> out;
  for (const auto& [key, title] : codes) {
    const auto& [shop, code] = key;
    if (shop == kOwnShop || mapped.count(key) || stores_own(code, shop)) continue;
    Suggestion best;
    for (const Prod& p : products) {
      const std::string& sku = p.sku;
      const std::string& sku_title = p.title;
      if (sku == code || !stores_own(sku, shop) || rejected.count({shop, code, sku})) continue;
      Suggestion s{shop, code, title, sku, sku_title, "", 0};
      if (loose_code(sku) == loose_code(code)) s.why = "same_code", s.score = 100;
      else {
        const double j = title_similarity(title, sku_title);
        if (j >= 0.6) s.why = "similar_title", s.score = static_cast<int>(j * 100 + 0.5);
      }
      if (s.score > best.score) best = std::move(s);
    }
    if (best.score >= 60) out.push_back(std::move(best));
  }
  return out;
}

std::vector<ShopFigures> compare_shops(const Dataset& ds, const ShopData& sd, DayRange range) {
  std::map<size_t, Acc> per;
  Acc all;
  auto [lo, hi] = ds.orders_in(range);
  for (size_t i = lo; i < hi; ++i) {
    add_order(ds, i, per[shop_of_order(sd, i)]);
    add_order(ds, i, all);
  }
  auto [ra, rb] = ds.refunds_of_orders(lo, hi);
  for (size_t j = ra; j < rb; ++j) {
    const size_t k = static_cast<size_t>(ds.refund_by_order[j]);
    const size_t oi = static_cast<size_t>(ds.refund_order[k]);
    if (!valid(ds.order_status[oi])) continue;
    per[shop_of_order(sd, oi)].refunds += ds.refund_amount[k];
    all.refunds += ds.refund_amount[k];
  }
  auto first = std::lower_bound(sd.traffic.begin(), sd.traffic.end(), range.first,
                                [](const ShopData::Visits& v, Day d) { return v.day < d; });
  for (auto it = first; it != sd.traffic.end() && it->day <= range.last; ++it) {
    Acc& a = per[static_cast<size_t>(it->shop_id)];
    a.any = true;
    a.visitors += it->visitors;
    all.visitors += it->visitors;
  }
  std::vector<ShopFigures> out;
  for (const auto& [shop, a] : per) out.push_back(a.finish(static_cast<int64_t>(shop)));
  out.push_back(all.finish(-1));
  if (all.revenue != 0)
    for (ShopFigures& f : out) f.share = static_cast<double>(f.revenue) / static_cast<double>(all.revenue);
  return out;
}

std::vector<DailyShopRow> daily_report(const Dataset& ds, const ShopData& sd, DayRange range) {
  std::vector<DailyShopRow> out;
  for (Day d = range.first; d <= range.last; ++d) {
    std::vector<ShopFigures> f = compare_shops(ds, sd, DayRange{d, d});
    for (ShopFigures& x : f)
      if (x.shop_id >= 0 || f.size() > 1) out.push_back({d, std::move(x)});
  }
  return out;
}

Result<std::vector<ProductTraffic>> product_traffic(Db& db) {
  std::vector<ProductTraffic> out;
  Status st = each_row(db,
                       "SELECT COALESCE(c.sku,p.sku) AS s,SUM(p.visitors),SUM(p.buyers),SUM(p.add_to_cart_buyers) FROM product_traffic p "
                       "LEFT JOIN shop_codes c ON c.shop_id=p.shop_id AND c.code=p.sku GROUP BY s ORDER BY s",
                       [&](const Stmt& r) {
                         ProductTraffic t{std::string(r.text_view(0)), r.i64(1), r.i64(2), -1, r.i64(3)};
                         if (t.visitors > 0) t.conversion = static_cast<double>(t.buyers) / static_cast<double>(t.visitors);
                         out.push_back(std::move(t));
                       });
  if (!st) return st.error();
  return out;
}

SkuTrafficTable sku_traffic(const Dataset& ds, const std::vector<ProductTraffic>& rows) {
  SkuTrafficTable t;
  if (rows.empty()) return t;
  std::unordered_map<std::string_view, size_t> at;
  for (size_t p = 0; p < ds.sku.size(); ++p) at.emplace(ds.sku[p], p);
  t.by_product.assign(ds.sku.size(), SkuTraffic{});
  for (const ProductTraffic& r : rows) {
    auto it = at.find(r.sku);
    if (it == at.end()) continue;
    SkuTraffic& x = t.by_product[it->second];
    x.reported = true;
    x.visitors += r.visitors;
    x.buyers += r.buyers;
    x.add_to_cart += r.add_to_cart;
  }
  return t;
}

Result<SkuTrafficTable> sku_traffic(Db& db, const Dataset& ds) {
  auto rows = product_traffic(db);
  if (!rows) return rows.error();
  return sku_traffic(ds, *rows);
}

Result<std::vector<insights::Keyword>> imported_keywords(Db& db) {
  std::vector<insights::Keyword> out;
  Status st = each_row(db,
                       "SELECT keyword,SUM(visitors),SUM(buyers),SUM(conversion*visitors) FROM keyword_traffic "
                       "GROUP BY keyword ORDER BY keyword",
                       [&](const Stmt& r) {
                         insights::Keyword k;
                         k.keyword = std::string(r.text_view(0));
                         k.visitors = r.i64(1);
                         const int64_t buyers = r.i64(2);
                         const double weighted = r.f64(3);
                         if (k.visitors > 0)
                           k.conversion = buyers > 0 ? static_cast<double>(buyers) / static_cast<double>(k.visitors)
                                                     : weighted / static_cast<double>(k.visitors);
                         out.push_back(std::move(k));
                       });
  if (!st) return st.error();
  return out;
}

namespace {

std::vector<Cell> figure_cells(const ShopFigures& f, const std::vector<Shop>& shops) {
  std::vector<Cell> row;
  const Shop* shop = nullptr;
  for (const Shop& s : shops)
    if (s.id == f.shop_id) shop = &s;
  row.push_back(f.shop_id >= 0 ? Cell::integer(f.shop_id) : Cell::null());
  row.push_back(Cell::text(f.shop_id < 0 ? "all" : shop ? shop->name : "#" + std::to_string(f.shop_id)));
  row.push_back(Cell::text(shop ? shop->platform : ""));
  row.push_back(Cell::integer(f.orders));
  row.push_back(Cell::money(f.revenue));
  row.push_back(Cell::integer(f.units));
  row.push_back(Cell::integer(f.buyers));
  row.push_back(Cell::integer(f.visitors));
  row.push_back(f.conversion >= 0 ? Cell::real(f.conversion) : Cell::null());
  row.push_back(Cell::money(f.aov));
  row.push_back(Cell::money(f.refunds));
  row.push_back(f.share >= 0 ? Cell::real(f.share) : Cell::null());
  return row;
}

const std::vector<std::string> kFigureColumns = {"shop_id", "shop", "platform", "orders", "revenue", "units",
                                                 "buyers", "visitors", "conversion", "aov",
                                                 "refunds", "share"};

}  // namespace

Table compare_table(const std::vector<ShopFigures>& rows, const std::vector<Shop>& shops) {
  Table t;
  t.columns = kFigureColumns;
  t.real_digits = 4;
  for (const ShopFigures& f : rows) t.rows.push_back(figure_cells(f, shops));
  return t;
}

Table daily_table(const std::vector<DailyShopRow>& rows, const std::vector<Shop>& shops) {
  Table t;
  t.columns = {"day"};
  t.columns.insert(t.columns.end(), kFigureColumns.begin(), kFigureColumns.end());
  t.real_digits = 4;
  for (const DailyShopRow& r : rows) {
    std::vector<Cell> row = {Cell::day(r.day)};
    std::vector<Cell> f = figure_cells(r.figures, shops);
    row.insert(row.end(), f.begin(), f.end());
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace shopkeeper::shops
