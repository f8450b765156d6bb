#include "core/pricing/pricebook.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/model/entities.h"

namespace shopkeeper::pricing {

const char* book_kind_name(BookKind k) {
  switch (k) {
    case BookKind::member: return "member";
    case BookKind::channel: return "channel";
    case BookKind::ladder: return "ladder";
    case BookKind::floor: return "floor";
  }
  return "";
}

std::optional<BookKind> book_kind_from_name(std::string_view s) {
  for (BookKind k : {BookKind::member, BookKind::channel, BookKind::ladder, BookKind::floor})
    if (s == book_kind_name(k)) return k;
  return std::nullopt;
}

const char* book_why_name(BookWhy w) {
  switch (w) {
    case BookWhy::nonpositive_price: return "nonpositive_price";
    case BookWhy::ladder_rises: return "ladder_rises";
    case BookWhy::member_above_list: return "member_above_list";
    case BookWhy::floor_above_price: return "floor_above_price";
    case BookWhy::unknown_sku: return "unknown_sku";
  }
  return "";
}

const char* floor_source_name(FloorSource s) {
  switch (s) {
    case FloorSource::none: return "none";
    case FloorSource::book: return "book";
    case FloorSource::product: return "product";
    case FloorSource::default_floor: return "default";
  }
  return "";
}

Money default_floor(Money cost, int64_t margin_floor_bp) { return cost + apply_bp(cost, margin_floor_bp); }

namespace {

Result<int64_t> margin_floor(Db& db) {
  auto st = db.prepare("SELECT value FROM settings WHERE key=?");
  if (!st) return st.error();
  st->bind(1, kMarginFloorSetting);
  if (st->step()) {
    std::string v = st->text(0);
    char* end = nullptr;
    long long x = std::strtoll(v.c_str(), &end, 10);
    if (!v.empty() && !*end && x >= 0) return static_cast<int64_t>(x);
  }
  return kDefaultMarginFloorBp;
}

Result<std::vector<BookEntry>> load_entries(Db& db) {
  auto st = db.prepare("SELECT sku, kind, key, min_qty, price FROM price_book ORDER BY sku, kind, min_qty, key");
  if (!st) return st.error();
  std::vector<BookEntry> out;
  while (st->step()) {
    auto k = book_kind_from_name(st->text_view(1));
    if (!k) continue;
    out.push_back({st->text(0), *k, st->text(2), st->i64(3), st->i64(4)});
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

void check_sku(const SkuBook& s, std::vector<BookIssue>& out);

}  // namespace

std::vector<BookIssue> check_sku_book(const SkuBook& s) {
  std::vector<BookIssue> out;
  check_sku(s, out);
  return out;
}

void resolve_floor(SkuBook& s, int64_t margin_floor_bp) {
  s.floor.reset();
  s.floor_is_default = false;
  s.floor_source = FloorSource::none;
  // The higher explicit floor wins (docs/pricing.md "Hand-off"); ties name the price book.
  if (s.book_floor && (!s.product_floor || *s.book_floor >= *s.product_floor)) {
    s.floor = s.book_floor;
    s.floor_source = FloorSource::book;
  } else if (s.product_floor) {
    s.floor = s.product_floor;
    s.floor_source = FloorSource::product;
  } else if (s.unit_cost && *s.unit_cost >= 0) {
    s.floor = default_floor(*s.unit_cost, margin_floor_bp);
    s.floor_is_default = true;
    s.floor_source = FloorSource::default_floor;
  }
}

Status save_sku_book(Writer& w, const SkuBook& before, SkuBook next, int64_t margin_floor_bp, Timestamp at) {
  auto bad = [&](const std::string& m) {
    return make_error(ErrorCode::invalid_argument, "price book, SKU " + next.sku + ": " + m + "; nothing was changed");
  };
  for (const auto* v : {&next.member, &next.channel, &next.ladder})
    for (const auto& e : *v) {
      if (e.kind == BookKind::ladder && e.min_qty < 2) return bad("a quantity ladder step starts at 2 units or more");
      if (e.kind != BookKind::ladder && e.key.empty()) return bad(std::string("a ") + book_kind_name(e.kind) + " price needs a key");
    }
  if (next.book_floor && *next.book_floor <= 0) return bad("the floor must be above zero");
  std::sort(next.ladder.begin(), next.ladder.end(), [](const BookEntry& x, const BookEntry& y) { return x.min_qty < y.min_qty; });
  resolve_floor(next, margin_floor_bp);
  if (auto issues = check_sku_book(next); !issues.empty())
    return bad(std::string("the book breaks a check (") + book_why_name(issues[0].why) + ", " + money_to_decimal(issues[0].price) + ")");
  auto del = w.db().prepare("DELETE FROM price_book WHERE sku=?");
  if (!del) return del.error();
  del->bind(1, next.sku);
  if (auto r = del->run(); !r) return r;
  auto ins = w.db().prepare("INSERT INTO price_book(sku, kind, key, min_qty, price) VALUES(?,?,?,?,?)");
  if (!ins) return ins.error();
  auto put = [&](BookKind k, const std::string& key, int64_t min_qty, Money price) -> Status {
    ins->reset();
    ins->bind(1, next.sku).bind(2, book_kind_name(k)).bind(3, key).bind(4, min_qty).bind(5, price);
    return ins->run();
  };
  for (const auto* v : {&next.member, &next.channel, &next.ladder})
    for (const auto& e : *v)
      if (auto r = put(e.kind, e.kind == BookKind::ladder ? std::string() : e.key, e.kind == BookKind::ladder ? e.min_qty : 1, e.price); !r)
        return r;
  if (next.book_floor)
    if (auto r = put(BookKind::floor, "", 1, *next.book_floor); !r) return r;
  if (next.list_price != before.list_price) {
    auto u = w.db().prepare("UPDATE products SET list_price=? WHERE sku=?");
    if (!u) return u.error();
    u->bind(1, next.list_price).bind(2, next.sku);
    if (auto r = u->run(); !r) return r;
    auto h = w.db().prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(?,?,?,?,'edit')");
    if (!h) return h.error();
    h->bind(1, next.sku).bind(2, at).bind(3, before.list_price).bind(4, next.list_price);
    if (auto r = h->run(); !r) return r;
  }
  return Ok{};
}

namespace {

void check_sku(const SkuBook& s, std::vector<BookIssue>& out) {
  auto issue = [&](BookWhy w, const BookEntry* e, Money price, Money ref, bool list = false) {
    BookIssue i;
    i.sku = s.sku;
    i.why = w;
    if (e) {
      i.kind = e->kind;
      i.key = e->key;
      i.min_qty = e->min_qty;
    }
    i.price = price;
    i.reference = ref;
    i.list = list;
    out.push_back(std::move(i));
  };
  if (s.list_price <= 0) issue(BookWhy::nonpositive_price, nullptr, s.list_price, 0, true);
  for (const auto* v : {&s.member, &s.channel, &s.ladder})
    for (const auto& e : *v)
      if (e.price <= 0) issue(BookWhy::nonpositive_price, &e, e.price, 0);
  for (const auto& e : s.member)
    if (s.list_price > 0 && e.price > s.list_price) issue(BookWhy::member_above_list, &e, e.price, s.list_price);
  // Ladder: the first step is compared with the list price (1 unit), each next with the previous.
  Money prev = s.list_price;
  for (const auto& e : s.ladder) {
    if (prev > 0 && e.price > prev) issue(BookWhy::ladder_rises, &e, e.price, prev);
    prev = e.price;
  }
  if (s.floor) {
    if (s.list_price > 0 && *s.floor > s.list_price) issue(BookWhy::floor_above_price, nullptr, s.list_price, *s.floor, true);
    for (const auto* v : {&s.member, &s.channel, &s.ladder})
      for (const auto& e : *v)
        if (e.price > 0 && *s.floor > e.price) issue(BookWhy::floor_above_price, &e, e.price, *s.floor);
  }
}

}  // namespace

Result<PriceBook> load_price_book(Db& db) {
  PriceBook b;
  auto mf = margin_floor(db);
  if (!mf) return mf.error();
  b.margin_floor_bp = *mf;
  auto st = db.prepare("SELECT sku, list_price, unit_cost, floor_price FROM products ORDER BY sku");
  if (!st) return st.error();
  while (st->step()) {
    SkuBook s;
    s.sku = st->text(0);
    s.list_price = st->i64(1);
    s.unit_cost = st->opt_i64<Money>(2);
    s.product_floor = st->opt_i64<Money>(3);
    b.skus.push_back(std::move(s));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  auto entries = load_entries(db);
  if (!entries) return entries.error();
  std::map<std::string, size_t> idx;
  for (size_t i = 0; i < b.skus.size(); ++i) idx[b.skus[i].sku] = i;
  for (auto& e : *entries) {
    auto it = idx.find(e.sku);
    if (it == idx.end()) {
      b.orphans.push_back(std::move(e));
      continue;
    }
    SkuBook& s = b.skus[it->second];
    switch (e.kind) {
      case BookKind::member: s.member.push_back(std::move(e)); break;
      case BookKind::channel: s.channel.push_back(std::move(e)); break;
      case BookKind::ladder: s.ladder.push_back(std::move(e)); break;
      case BookKind::floor: s.book_floor = e.price; break;
    }
  }
  for (size_t i = 0; i < b.skus.size(); ++i) {
    SkuBook& s = b.skus[i];
    std::sort(s.ladder.begin(), s.ladder.end(), [](const BookEntry& x, const BookEntry& y) { return x.min_qty < y.min_qty; });
    resolve_floor(s, b.margin_floor_bp);
  }
  return b;
}

const SkuBook* find_book(const PriceBook& b, const std::string& sku) {
  auto it = std::lower_bound(b.skus.begin(), b.skus.end(), sku, [](const SkuBook& s, const std::string& k) { return s.sku < k; });
  return it != b.skus.end() && it->sku == sku ? &*it : nullptr;
}

std::vector<BookIssue> check_price_book(const PriceBook& b) {
  std::vector<BookIssue> out;
  for (const auto& s : b.skus) check_sku(s, out);
  for (const auto& e : b.orphans) {
    BookIssue i;
    i.sku = e.sku;
    i.why = BookWhy::unknown_sku;
    i.kind = e.kind;
    i.key = e.key;
    i.min_qty = e.min_qty;
    i.price = e.price;
    out.push_back(std::move(i));
  }
  return out;
}

Status save_book_entry(Store& store, const BookEntry& e) {
  auto bad = [&](const std::string& m) {
    return make_error(ErrorCode::invalid_argument, "price book, SKU " + e.sku + " (" + book_kind_name(e.kind) +
                                                       (e.key.empty() ? "" : " " + e.key) + "): " + m + "; nothing was changed");
  };
  if (e.price <= 0) return bad("the price must be above zero, got " + money_to_decimal(e.price));
  if (e.kind == BookKind::ladder && e.min_qty < 2) return bad("a quantity ladder step starts at 2 units or more");
  if ((e.kind == BookKind::member || e.kind == BookKind::channel) && e.key.empty())
    return bad(std::string("a ") + book_kind_name(e.kind) + " price needs a " + (e.kind == BookKind::member ? "tier" : "channel"));
  auto b = load_price_book(store.db());
  if (!b) return b.error();
  const SkuBook* s = find_book(*b, e.sku);
  if (!s) return bad("no such SKU in products");
  SkuBook next = *s;
  auto put = [&](std::vector<BookEntry>& v) {
    auto it = std::find_if(v.begin(), v.end(), [&](const BookEntry& x) { return x.key == e.key && x.min_qty == e.min_qty; });
    if (it != v.end()) *it = e;
    else v.push_back(e);
  };
  switch (e.kind) {
    case BookKind::member: put(next.member); break;
    case BookKind::channel: put(next.channel); break;
    case BookKind::ladder:
      put(next.ladder);
      std::sort(next.ladder.begin(), next.ladder.end(), [](const BookEntry& x, const BookEntry& y) { return x.min_qty < y.min_qty; });
      break;
    case BookKind::floor:
      next.floor = next.product_floor ? std::max(e.price, *next.product_floor) : e.price;
      next.floor_is_default = false;
      break;
  }
  std::vector<BookIssue> issues;
  check_sku(next, issues);
  for (const auto& i : issues) {
    switch (i.why) {
      case BookWhy::floor_above_price:
        return bad("the floor " + money_to_decimal(i.reference) + " is above the " +
                   (i.list ? std::string("list price") : std::string(book_kind_name(i.kind)) + " price") + " " +
                   money_to_decimal(i.price));
      case BookWhy::member_above_list:
        return bad("member price " + money_to_decimal(i.price) + " is above the list price " + money_to_decimal(i.reference));
      case BookWhy::ladder_rises:
        return bad("the unit price from " + std::to_string(i.min_qty) + " units, " + money_to_decimal(i.price) +
                   ", is above the step before it, " + money_to_decimal(i.reference));
      case BookWhy::nonpositive_price:
      case BookWhy::unknown_sku: break;  // an existing problem of the stored book, not this entry's
    }
  }
  return store.write([&](Writer& w) {
    auto st = w.db().prepare("INSERT OR REPLACE INTO price_book(sku, kind, key, min_qty, price) VALUES(?,?,?,?,?)");
    if (!st) return Status(st.error());
    st->bind(1, e.sku).bind(2, book_kind_name(e.kind)).bind(3, e.key).bind(4, e.min_qty).bind(5, e.price);
    return st->run();
  });
}

Result<std::vector<SkuFloor>> load_floor_prices(Db& db) {
  auto b = load_price_book(db);
  if (!b) return b.error();
  std::vector<SkuFloor> out;
  for (const auto& s : b->skus)
    if (s.floor) out.push_back({s.sku, *s.floor, s.floor_is_default, s.floor_source});
  return out;
}

Result<std::vector<PriceChange>> load_price_history(Db& db, const std::string& sku) {
  auto st = db.prepare("SELECT at, old_price, new_price, source FROM price_history WHERE sku=? ORDER BY at, id");
  if (!st) return st.error();
  st->bind(1, sku);
  std::vector<PriceChange> out;
  while (st->step()) out.push_back({st->i64(0), st->opt_i64<Money>(1), st->i64(2), st->text(3)});
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

Status set_list_price(Store& store, const std::string& sku, Money price, Timestamp at) {
  auto bad = [&](const std::string& m) {
    return make_error(ErrorCode::invalid_argument, "list price of SKU " + sku + ": " + m + "; nothing was changed");
  };
  if (price <= 0) return bad("must be above zero, got " + money_to_decimal(price));
  auto b = load_price_book(store.db());
  if (!b) return b.error();
  const SkuBook* s = find_book(*b, sku);
  if (!s) return bad("no such SKU in products");
  if (s->floor && price < *s->floor)
    return bad(money_to_decimal(price) + " is below the floor " + money_to_decimal(*s->floor) +
               (s->floor_is_default ? " (cost + margin floor)" : ""));
  if (price == s->list_price) return Ok{};
  return store.write([&](Writer& w) {
    auto u = w.db().prepare("UPDATE products SET list_price=? WHERE sku=?");
    if (!u) return Status(u.error());
    u->bind(1, price).bind(2, sku);
    if (auto r = u->run(); !r) return r;
    auto h = w.db().prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(?,?,?,?,'edit')");
    if (!h) return Status(h.error());
    h->bind(1, sku).bind(2, at).bind(3, s->list_price).bind(4, price);
    return h->run();
  });
}

std::vector<DayPrice> realised_by_day(const Dataset& ds, int32_t product, DayRange range) {
  std::vector<DayPrice> out;
  auto [lo, hi] = ds.orders_in(range);
  for (size_t o = lo; o < hi; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      if (ds.line_product[l] != product) continue;
      if (out.empty() || out.back().day != ds.order_day[o]) out.push_back({ds.order_day[o], 0, 0, 0});
      out.back().units += ds.line_qty[l];
      out.back().revenue += static_cast<Money>(ds.line_qty[l]) * ds.line_price[l] - ds.line_discount[l];
    }
  }
  for (auto& d : out) d.realised = d.units > 0 ? div_round(d.revenue, d.units) : 0;
  return out;
}

}  // namespace shopkeeper::pricing
