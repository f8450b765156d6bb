#include "core/store/dataset.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/base/region.h"
#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper {

namespace {

// Index of the strings of a vector that no longer changes: open addressing with linear
// probing over (hash, position) slots. One flat array, no allocation per entry, and a probe
// compares the stored hash before touching the string, so a lookup costs about one cache
// miss (std::unordered_map: an allocation per entry and two or three misses per lookup).
class StringIndex {
 public:
  explicit StringIndex(const std::vector<std::string>& keys) : keys_(&keys) {
    size_t cap = 16;
    while (cap < 2 * keys.size()) cap *= 2;
    mask_ = cap - 1;
    slots_.assign(cap, Slot{0, -1});
    for (size_t i = 0; i < keys.size(); ++i) {
      const uint64_t h = hash(keys[i]);
      size_t s = h & mask_;
      while (slots_[s].pos >= 0) {
        if (slots_[s].hash == static_cast<uint32_t>(h) && (*keys_)[static_cast<size_t>(slots_[s].pos)] == keys[i])
          break;  // a duplicate keeps its first position
        s = (s + 1) & mask_;
      }
      if (slots_[s].pos < 0) slots_[s] = Slot{static_cast<uint32_t>(h), static_cast<int32_t>(i)};
    }
  }
  // Position of `k` in the vector, -1 when absent.
  int32_t find(std::string_view k) const {
    const uint64_t h = hash(k);
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const Slot& x = slots_[s];
      if (x.pos < 0) return -1;
      if (x.hash == static_cast<uint32_t>(h) && (*keys_)[static_cast<size_t>(x.pos)] == k) return x.pos;
    }
  }

 private:
  struct Slot {
    uint32_t hash;
    int32_t pos;
  };
  static uint64_t hash(std::string_view k) {
    uint64_t h = std::hash<std::string_view>{}(k);
    return h ^ (h >> 32);  // slots use the low bits; fold the high ones in (32-bit size_t on wasm)
  }
  const std::vector<std::string>* keys_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

struct DictBuilder {
  Dict* d;
  std::unordered_map<std::string, int32_t> idx;
  std::string key;  // reused, so a lookup allocates nothing
  explicit DictBuilder(Dict* dict) : d(dict) {
    for (int32_t i = 0; i < d->size(); ++i) idx.emplace(d->names[static_cast<size_t>(i)], i);
  }
  int32_t get(std::string_view s) {
    if (s.empty()) return -1;
    if (d->size() <= 8) {  // channels, sources: a few names, a scan beats hashing
      for (int32_t i = 0; i < d->size(); ++i)
        if (d->names[static_cast<size_t>(i)] == s) return i;
    }
    key.assign(s);
    auto it = idx.find(key);
    if (it != idx.end()) return it->second;
    int32_t i = d->size();
    d->names.emplace_back(s);
    idx.emplace(key, i);
    return i;
  }
};

template <class T>
void permute(std::vector<T>& v, const std::vector<uint32_t>& perm) {
  std::vector<T> out;
  out.reserve(v.size());
  for (uint32_t p : perm) out.push_back(std::move(v[p]));
  v = std::move(out);
}

// Tables are read in storage order (a plain scan, much faster than walking an index) and
// sorted here. Codes handed out while reading (dictionary entries, customers missing from
// the customers table) are then renumbered in order of first use in the sorted rows, so they
// come out as if the rows had been read already sorted: codes >= base index tail[code - base].
template <class Code>
void renumber_by_first_use(std::vector<Code>& codes, std::vector<std::string>& tail, int32_t base) {
  if (tail.empty()) return;
  std::vector<int32_t> to(tail.size(), -1);
  std::vector<std::string> out(tail.size());
  int32_t next = 0;
  for (Code& c : codes) {
    if (c < base) continue;
    int32_t& t = to[static_cast<size_t>(c - base)];
    if (t < 0) {
      t = next++;
      out[static_cast<size_t>(t)] = std::move(tail[static_cast<size_t>(c - base)]);
    }
    c = static_cast<Code>(base + t);
  }
  for (size_t k = 0; k < tail.size(); ++k)  // entries no row uses keep their relative order
    if (to[k] < 0) out[static_cast<size_t>(next++)] = std::move(tail[k]);
  tail = std::move(out);
}

// A permutation of [0, n) sorting by `less`; empty when already sorted (the common case: a
// store written in time order).
template <class Less>
std::vector<uint32_t> sort_permutation(size_t n, Less less) {
  std::vector<uint32_t> perm;
  bool sorted = true;
  for (size_t i = 1; i < n && sorted; ++i) sorted = !less(static_cast<uint32_t>(i), static_cast<uint32_t>(i - 1));
  if (sorted) return perm;
  perm.resize(n);
  std::iota(perm.begin(), perm.end(), 0u);
  std::sort(perm.begin(), perm.end(), less);
  return perm;
}

}  // namespace

Money cost_covered_share(Money amount, Money part, Money whole) {
  if (whole <= 0 || part <= 0) return 0;
  if (part >= whole) return amount;
  Money p = 0;
  if (!__builtin_mul_overflow(amount, part, &p)) return div_round(p, whole);
  // Beyond int64 (amounts of ~10^9 major units): the share in double, rounded the same way.
  return static_cast<Money>(std::llround(static_cast<double>(amount) * (static_cast<double>(part) / static_cast<double>(whole))));
}

DayRange Dataset::order_days() const {
  if (order_day.empty()) return DayRange{0, -1};
  return DayRange{order_day.front(), order_day.back()};
}

std::pair<size_t, size_t> Dataset::orders_in(DayRange r) const {
  auto lo = std::lower_bound(order_day.begin(), order_day.end(), r.first);
  auto hi = std::upper_bound(lo, order_day.end(), r.last);
  return {static_cast<size_t>(lo - order_day.begin()), static_cast<size_t>(hi - order_day.begin())};
}

std::pair<size_t, size_t> Dataset::refunds_of_orders(size_t lo, size_t hi) const {
  auto order_before = [this](int32_t k, size_t o) { return static_cast<size_t>(refund_order[static_cast<size_t>(k)]) < o; };
  auto a = std::lower_bound(refund_by_order.begin(), refund_by_order.end(), lo, order_before);
  auto b = std::lower_bound(a, refund_by_order.end(), hi, order_before);
  return {static_cast<size_t>(a - refund_by_order.begin()), static_cast<size_t>(b - refund_by_order.begin())};
}

void Dataset::link_customer_orders() {
  const size_t no = orders();
  order_prev_day.assign(no, kNoPrevOrder);
  order_prev2_day.assign(no, kNoPrevOrder);
  customer_first_order_day.assign(customer_id.size(), INT32_MAX);
  std::vector<Day> last(customer_id.size(), kNoPrevOrder), last2(customer_id.size(), kNoPrevOrder);
  for (size_t i = 0; i < no; ++i) {
    const int32_t c = order_customer[i];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(order_status[i]))) continue;
    const size_t cu = static_cast<size_t>(c);
    if (customer_first_order_day[cu] == INT32_MAX) customer_first_order_day[cu] = order_day[i];
    order_prev_day[i] = last[cu];
    order_prev2_day[i] = last2[cu];
    last2[cu] = last[cu];
    last[cu] = order_day[i];
  }
}

size_t Dataset::memory_bytes() const {
  size_t b = 0;
  auto add = [&b](const auto& v) { b += v.capacity() * sizeof(v[0]); };
  auto add_s = [&b](const std::vector<std::string>& v) {
    b += v.capacity() * sizeof(std::string);
    for (auto& s : v)
      if (s.capacity() > 15) b += s.capacity() + 1;
  };
  add_s(sku); add_s(product_title); add(product_category); add(product_cost); add(product_price); add(product_stock);
  add_s(customer_id); add(customer_region); add(customer_tier); add(customer_first_order_day);
  add_s(order_id); add(order_placed_at); add(order_day); add(order_status); add(order_channel); add(order_source);
  add(order_customer); add(order_items); add(order_discount); add(order_shipping); add(order_paid);
  add(order_line_begin); add(order_units); add(order_cost); add(order_lines_without_cost); add(order_units_without_cost); add(order_covered_paid); add(order_merch_lines); add(order_shipping_lines); add(order_fee_lines); add(order_adjustment_lines); add(order_region); add(line_kind); add(order_prev_day);
  add(order_prev2_day); add(line_product); add(line_qty); add(line_price); add(line_discount); add(line_cost);
  add(refund_order); add(refund_product); add(refund_line); add(refund_qty); add(refund_amount); add(refund_day); add(refund_by_order); add(refund_unit_cost); add(refund_covered_amount);
  add(traffic_day); add(traffic_source); add(traffic_visitors); add(traffic_page_views); add(traffic_sessions);
  add(traffic_product_views); add(traffic_add_to_carts); add(traffic_avg_seconds); add(traffic_shop); add(traffic_part);
  add(ad_day); add(ad_source); add(ad_spend); add(ad_impressions); add(ad_clicks);
  return b + indexes_.memory_bytes();
}

namespace {

// The state the table loaders share while one Dataset is read: the dictionaries being filled,
// the string indexes of the tables read so far, and how orders were reordered. Tables are read
// in dependency order (products, customers, orders, lines, refunds, traffic, ad spend); each
// loader is one function below, so a column added to a table touches its loader only.
struct Loader {
  Db& db;
  Dataset& ds;
  DictBuilder channels{&ds.channels}, categories{&ds.categories}, regions{&ds.regions}, tiers{&ds.tiers},
      sources{&ds.sources};
  std::optional<StringIndex> product_index, customer_index, order_index;
  int32_t known_customers = 0;
  // Orders are sorted after reading; storage_of[i] = position in table order of sorted order i
  // (empty when the table was already sorted), final_of = its inverse.
  std::vector<uint32_t> storage_of, final_of;
  // Lines whose SKU is not a product, with that SKU: a refund naming such a SKU is matched to
  // its line by the text. (order index, line position after grouping, SKU), sorted.
  struct UnknownSkuLine {
    int32_t order;
    uint32_t line;
    std::string sku;
    bool operator<(const UnknownSkuLine& o) const { return order != o.order ? order < o.order : line < o.line; }
  };
  std::vector<UnknownSkuLine> unknown_sku_lines;

  Loader(Db& d, Dataset& out) : db(d), ds(out) {}

  static Error fail(const Stmt& s) { return make_error(ErrorCode::db_error, s.error()); }
  Result<size_t> count(const char* table) {
    auto n = db.scalar(std::string("SELECT COUNT(*) FROM ") + table);
    if (!n) return n.error();
    return static_cast<size_t>(*n);
  }

  Status products();
  Status customers();
  Status orders();
  Status lines();
  void order_columns();
  Status refunds();
  Status traffic();
  Status ad_spend();
};

Status Loader::products() {
  auto s = each_row(db, "SELECT sku,title,category,unit_cost,list_price,stock FROM products ORDER BY sku", [&](const Stmt& st) {
    ds.sku.push_back(st.text(0));
    ds.product_title.push_back(st.text(1));
    ds.product_category.push_back(categories.get(st.text_view(2)));
    ds.product_cost.push_back(st.is_null(3) ? -1 : st.i64(3));
    ds.product_price.push_back(st.i64(4));
    ds.product_stock.push_back(st.i64(5));
  });
  product_index.emplace(ds.sku);
  return s;
}

// Customers sorted by id (BINARY collation = std::string's byte order).
Status Loader::customers() {
  auto n = count("customers");
  if (!n) return n.error();
  ds.customer_id.reserve(*n);
  auto st = db.prepare("SELECT id,region,tier FROM customers");
  if (!st) return st.error();
  std::string region_name;
  while (st->step()) {
    ds.customer_id.push_back(st->text(0));
    ds.customer_region.push_back(regions.get(normalize_region(st->text_view(1), region_name)));
    ds.customer_tier.push_back(tiers.get(st->text_view(2)));
  }
  if (st->failed()) return fail(*st);
  auto perm = sort_permutation(ds.customer_id.size(), [&](uint32_t a, uint32_t b) { return ds.customer_id[a] < ds.customer_id[b]; });
  if (!perm.empty()) {
    permute(ds.customer_id, perm);
    permute(ds.customer_region, perm);
    permute(ds.customer_tier, perm);
  }
  renumber_by_first_use(ds.customer_region, ds.regions.names, 0);
  renumber_by_first_use(ds.customer_tier, ds.tiers.names, 0);
  // The codes moved: the orders' regions look names up afresh.
  regions = DictBuilder(&ds.regions);
  tiers = DictBuilder(&ds.tiers);
  customer_index.emplace(ds.customer_id);
  known_customers = static_cast<int32_t>(ds.customer_id.size());
  return Ok{};
}

// Orders sorted by (placed_at, id).
Status Loader::orders() {
  auto n = count("orders");
  if (!n) return n.error();
  // Reserved, not grown: growth by doubling leaves up to half of each column unused, and the
  // Dataset stays in memory as long as the store is open.
  ds.order_id.reserve(*n);
  ds.order_placed_at.reserve(*n);
  ds.order_day.reserve(*n);
  ds.order_status.reserve(*n);
  ds.order_channel.reserve(*n);
  ds.order_source.reserve(*n);
  ds.order_customer.reserve(*n);
  ds.order_items.reserve(*n);
  ds.order_discount.reserve(*n);
  ds.order_shipping.reserve(*n);
  ds.order_paid.reserve(*n);
  ds.order_region.reserve(*n);
  // Regions first named by an order (guests): codes from `region_base` on, renumbered below.
  const int32_t region_base = ds.regions.size();
  std::string region_name;
  // An order's customer missing from the customers table still counts as a customer: it
  // gets an index after the known ones.
  std::vector<std::string> missing;
  std::unordered_map<std::string, int32_t> missing_index;
  std::string cid;
  auto st = db.prepare(
      "SELECT id,customer_id,placed_at,status,channel,traffic_source,items_amount,discount_amount,"
      "shipping_amount,paid_amount,region FROM orders");
  if (!st) return st.error();
  while (st->step()) {
    ds.order_id.push_back(st->text(0));
    int32_t ci = -1;
    if (!st->is_null(1)) {
      const std::string_view c = st->text_view(1);
      ci = customer_index->find(c);
      if (ci < 0) {
        cid.assign(c);
        auto [it, added] = missing_index.emplace(cid, known_customers + static_cast<int32_t>(missing.size()));
        if (added) missing.push_back(cid);
        ci = it->second;
      }
    }
    Timestamp t = st->i64(2);
    ds.order_placed_at.push_back(t);
    ds.order_day.push_back(day_of(t));
    ds.order_status.push_back(static_cast<uint8_t>(st->i64(3)));
    ds.order_channel.push_back(static_cast<int16_t>(channels.get(st->text_view(4))));
    ds.order_source.push_back(static_cast<int16_t>(sources.get(st->text_view(5))));
    ds.order_customer.push_back(ci);
    ds.order_items.push_back(st->i64(6));
    ds.order_discount.push_back(st->i64(7));
    ds.order_shipping.push_back(st->i64(8));
    ds.order_paid.push_back(st->i64(9));
    ds.order_region.push_back(regions.get(normalize_region(st->text_view(10), region_name)));
  }
  if (st->failed()) return fail(*st);
  storage_of = sort_permutation(ds.order_id.size(), [&](uint32_t a, uint32_t b) {
    if (ds.order_placed_at[a] != ds.order_placed_at[b]) return ds.order_placed_at[a] < ds.order_placed_at[b];
    return ds.order_id[a] < ds.order_id[b];
  });
  if (!storage_of.empty()) {
    const auto& perm = storage_of;
    final_of.resize(perm.size());
    for (size_t i = 0; i < perm.size(); ++i) final_of[perm[i]] = static_cast<uint32_t>(i);
    permute(ds.order_id, perm);
    permute(ds.order_placed_at, perm);
    permute(ds.order_day, perm);
    permute(ds.order_status, perm);
    permute(ds.order_channel, perm);
    permute(ds.order_source, perm);
    permute(ds.order_customer, perm);
    permute(ds.order_items, perm);
    permute(ds.order_discount, perm);
    permute(ds.order_shipping, perm);
    permute(ds.order_paid, perm);
    permute(ds.order_region, perm);
  }
  {
    std::vector<std::string> tail(ds.regions.names.begin() + region_base, ds.regions.names.end());
    ds.regions.names.resize(static_cast<size_t>(region_base));
    renumber_by_first_use(ds.order_region, tail, region_base);
    for (auto& t : tail) ds.regions.names.push_back(std::move(t));
  }
  renumber_by_first_use(ds.order_channel, ds.channels.names, 0);
  renumber_by_first_use(ds.order_source, ds.sources.names, 0);
  // The codes moved: traffic and ad spend look source names up afresh.
  channels = DictBuilder(&ds.channels);
  sources = DictBuilder(&ds.sources);
  regions = DictBuilder(&ds.regions);
  renumber_by_first_use(ds.order_customer, missing, known_customers);
  for (std::string& m : missing) {
    ds.customer_id.push_back(std::move(m));
    ds.customer_region.push_back(-1);
    ds.customer_tier.push_back(-1);
  }
  // A known customer's region wins; guests and customers without one keep the order's.
  for (size_t i = 0; i < ds.order_region.size(); ++i) {
    const int32_t c = ds.order_customer[i];
    if (c >= 0 && ds.customer_region[static_cast<size_t>(c)] >= 0) ds.order_region[i] = ds.customer_region[static_cast<size_t>(c)];
  }
  order_index.emplace(ds.order_id);
  return Ok{};
}

// Lines read in storage order, then grouped by order with a counting sort, each order's lines
// in line_no order.
Status Loader::lines() {
  std::vector<int32_t> l_order, l_product, l_qty;
  std::vector<uint8_t> l_kind;
  std::vector<int64_t> l_no;
  std::vector<Money> l_price, l_disc, l_cost;
  auto n = count("order_lines");
  if (!n) return n.error();
  const size_t cap = *n;
  for (auto* v : {&l_order, &l_product, &l_qty}) v->reserve(cap);
  for (auto* v : {&l_no, &l_price, &l_disc, &l_cost}) v->reserve(cap);
  l_kind.reserve(cap);
  auto st = db.prepare("SELECT order_id,sku,qty,unit_price,discount_amount,unit_cost,line_no,kind FROM order_lines");
  if (!st) return st.error();
  // Lines are usually stored together per order and in the orders' table order: try the
  // order after the last one met (in table order) before looking the id up.
  const size_t no = ds.order_id.size();
  auto final_at = [&](size_t storage) { return final_of.empty() ? storage : final_of[storage]; };
  auto storage_at = [&](size_t final) { return storage_of.empty() ? final : storage_of[final]; };
  std::string last_id;
  int32_t last_oi = -1;
  size_t next = 0;  // table position of the order expected next
  bool have_last = false;
  while (st->step()) {
    const std::string_view oid = st->text_view(0);
    if (!have_last || oid != last_id) {
      last_id.assign(oid);
      have_last = true;
      if (next < no && ds.order_id[final_at(next)] == oid) last_oi = static_cast<int32_t>(final_at(next));
      else last_oi = order_index->find(oid);
      if (last_oi >= 0) next = storage_at(static_cast<size_t>(last_oi)) + 1;
    }
    if (last_oi < 0) continue;  // line of an unknown order: reported by data quality, not analysed
    const std::string_view sku = st->text_view(1);
    const int32_t pi = product_index->find(sku);
    if (pi < 0) unknown_sku_lines.push_back({last_oi, static_cast<uint32_t>(l_order.size()), std::string(sku)});
    l_order.push_back(last_oi);
    l_product.push_back(pi);
    l_qty.push_back(static_cast<int32_t>(st->i64(2)));
    l_price.push_back(st->i64(3));
    l_disc.push_back(st->i64(4));
    const int64_t kind = st->i64(7);
    l_kind.push_back(static_cast<uint8_t>(kind >= 0 && kind < kLineKinds ? kind : 0));
    // Not merchandise: no cost (postage and fees are not goods bought in).
    l_cost.push_back(l_kind.back() != 0 ? -1
                     : st->is_null(5) ? (pi >= 0 ? ds.product_cost[static_cast<size_t>(pi)] : -1)
                                      : st->i64(5));
    l_no.push_back(st->i64(6));
  }
  if (st->failed()) return fail(*st);
  const size_t nl = l_order.size();
  ds.order_line_begin.assign(no + 1, 0);
  for (int32_t o : l_order) ++ds.order_line_begin[static_cast<size_t>(o) + 1];
  for (size_t i = 0; i < no; ++i) ds.order_line_begin[i + 1] += ds.order_line_begin[i];
  std::vector<uint32_t> perm(nl);
  {
    std::vector<uint32_t> pos(ds.order_line_begin.begin(), ds.order_line_begin.end() - 1);
    for (size_t i = 0; i < nl; ++i) perm[pos[static_cast<size_t>(l_order[i])]++] = static_cast<uint32_t>(i);
  }
  for (size_t o = 0; o < no; ++o) {
    auto b = perm.begin() + ds.order_line_begin[o], e = perm.begin() + ds.order_line_begin[o + 1];
    auto by_no = [&](uint32_t x, uint32_t y) { return l_no[x] < l_no[y]; };
    if (!std::is_sorted(b, e, by_no)) std::sort(b, e, by_no);
  }
  if (!unknown_sku_lines.empty()) {
    std::vector<uint32_t> at(nl);  // storage index -> grouped position
    for (size_t k = 0; k < nl; ++k) at[perm[k]] = static_cast<uint32_t>(k);
    for (auto& u : unknown_sku_lines) u.line = at[u.line];
    std::sort(unknown_sku_lines.begin(), unknown_sku_lines.end());
  }
  permute(l_product, perm);
  permute(l_qty, perm);
  permute(l_price, perm);
  permute(l_disc, perm);
  permute(l_cost, perm);
  permute(l_kind, perm);
  ds.line_product = std::move(l_product);
  ds.line_qty = std::move(l_qty);
  ds.line_price = std::move(l_price);
  ds.line_discount = std::move(l_disc);
  ds.line_cost = std::move(l_cost);
  ds.line_kind = std::move(l_kind);
  return Ok{};
}

// Per-order columns derived from the lines, and from each customer's sequence of valid orders.
void Loader::order_columns() {
  const size_t no = ds.orders();
  ds.order_units.assign(no, 0);
  ds.order_cost.assign(no, 0);
  ds.order_lines_without_cost.assign(no, 0);
  ds.order_units_without_cost.assign(no, 0);
  ds.order_covered_paid.assign(no, 0);
  ds.order_merch_lines.assign(no, 0);
  ds.order_shipping_lines.assign(no, 0);
  ds.order_fee_lines.assign(no, 0);
  ds.order_adjustment_lines.assign(no, 0);
  for (size_t i = 0; i < no; ++i) {
    Money revenue = 0, covered_revenue = 0;
    for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l) {
      const Money rev = ds.line_qty[l] * ds.line_price[l] - ds.line_discount[l];
      switch (static_cast<LineKind>(ds.line_kind[l])) {
        case LineKind::merchandise: break;
        case LineKind::shipping: ds.order_shipping_lines[i] += rev; continue;
        case LineKind::fee: ds.order_fee_lines[i] += rev; continue;
        case LineKind::adjustment: ds.order_adjustment_lines[i] += rev; continue;
      }
      ++ds.order_merch_lines[i];
      ds.order_units[i] += ds.line_qty[l];
      revenue += rev;
      if (ds.line_cost[l] >= 0) {
        ds.order_cost[i] += ds.line_qty[l] * ds.line_cost[l];
        covered_revenue += rev;
      } else {
        ++ds.order_lines_without_cost[i];
        ds.order_units_without_cost[i] += ds.line_qty[l];
      }
    }
    const int64_t nlines = ds.order_merch_lines[i];
    const int32_t unknown = ds.order_lines_without_cost[i];
    ds.order_covered_paid[i] = unknown == 0 && nlines > 0 ? ds.order_paid[i]
                               : unknown == nlines       ? 0
                                                         : cost_covered_share(ds.order_paid[i], covered_revenue, revenue);
  }
  ds.link_customer_orders();
}

Status Loader::refunds() {
  auto st = db.prepare("SELECT order_id,sku,qty,amount,refunded_at FROM refunds ORDER BY refunded_at,id");
  if (!st) return st.error();
  while (st->step()) {
    const int32_t oi = order_index->find(st->text_view(0));
    const std::string_view sku = st->text_view(1);
    const int32_t pi = product_index->find(sku);
    ds.refund_order.push_back(oi);
    ds.refund_product.push_back(pi);
    ds.refund_qty.push_back(static_cast<int32_t>(st->i64(2)));
    ds.refund_amount.push_back(st->i64(3));
    ds.refund_day.push_back(day_of(st->i64(4)));
    // The refunded line: the first line of the order (lines are in line_no order) with the
    // refund's SKU. A known SKU is a product index on the line; an unknown one is matched by text.
    int32_t li = -1;
    if (oi >= 0 && !sku.empty()) {
      const size_t o = static_cast<size_t>(oi);
      if (pi >= 0) {
        for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1] && li < 0; ++l)
          if (ds.line_product[l] == pi) li = static_cast<int32_t>(l);
      } else {
        auto it = std::lower_bound(unknown_sku_lines.begin(), unknown_sku_lines.end(), UnknownSkuLine{oi, 0, {}});
        for (; it != unknown_sku_lines.end() && it->order == oi && li < 0; ++it)
          if (it->sku == sku) li = static_cast<int32_t>(it->line);
      }
    }
    ds.refund_line.push_back(li);
    ds.refund_unit_cost.push_back(li >= 0 ? ds.line_cost[static_cast<size_t>(li)] : -1);
    const Money amount = ds.refund_amount.back();
    Money covered = 0;
    if (li >= 0) covered = ds.refund_unit_cost.back() >= 0 ? amount : 0;  // non-merchandise lines have no cost
    else if (oi >= 0) {
      const size_t o = static_cast<size_t>(oi);
      const bool all_known = ds.order_merch_lines[o] > 0 && ds.order_lines_without_cost[o] == 0;
      covered = all_known ? amount : cost_covered_share(amount, ds.order_covered_paid[o], ds.order_paid[o]);
    }
    ds.refund_covered_amount.push_back(covered);
  }
  if (st->failed()) return fail(*st);
  for (size_t k = 0; k < ds.refund_order.size(); ++k)
    if (ds.refund_order[k] >= 0) ds.refund_by_order.push_back(static_cast<int32_t>(k));
  std::stable_sort(ds.refund_by_order.begin(), ds.refund_by_order.end(),
                   [this](int32_t a, int32_t b) { return ds.refund_order[static_cast<size_t>(a)] < ds.refund_order[static_cast<size_t>(b)]; });
  return Ok{};
}

Status Loader::traffic() {
  Status s = each_row(db,
                      "SELECT day,source,visitors,page_views,sessions,product_views,add_to_carts,avg_seconds,shop_id "
                      "FROM traffic_daily ORDER BY day,shop_id,source",
                      [&](const Stmt& st) {
                        ds.traffic_day.push_back(static_cast<Day>(st.i64(0)));
                        ds.traffic_source.push_back(static_cast<int16_t>(sources.get(st.text_view(1))));
                        ds.traffic_visitors.push_back(st.i64(2));
                        ds.traffic_page_views.push_back(st.i64(3));
                        ds.traffic_sessions.push_back(st.i64(4));
                        ds.traffic_product_views.push_back(st.i64(5));
                        ds.traffic_add_to_carts.push_back(st.i64(6));
                        ds.traffic_avg_seconds.push_back(st.f64(7));
                        ds.traffic_shop.push_back(static_cast<uint8_t>(std::clamp<int64_t>(st.i64(8), 0, 255)));
                      });
  if (!s) return s;
  // Visitors counted once: where a day and shop has its whole-shop row, the other rows of that
  // day and shop are its breakdown by source (Dataset::traffic_part).
  const size_t n = ds.traffic_day.size();
  ds.traffic_part.assign(n, 0);
  int32_t whole = -1;
  for (int32_t i = 0; i < ds.sources.size(); ++i)
    if (ds.sources.names[static_cast<size_t>(i)] == "all") whole = i;
  if (whole < 0) return Ok{};
  for (size_t a = 0; a < n;) {
    size_t b = a;
    bool has_whole = false;
    while (b < n && ds.traffic_day[b] == ds.traffic_day[a] && ds.traffic_shop[b] == ds.traffic_shop[a])
      has_whole |= ds.traffic_source[b++] == whole;
    if (has_whole)
      for (size_t k = a; k < b; ++k) ds.traffic_part[k] = ds.traffic_source[k] != whole;
    a = b;
  }
  return Ok{};
}

// Ad spend; its channel is a traffic source (ads buy traffic).
Status Loader::ad_spend() {
  return each_row(db, "SELECT day,channel,spend,impressions,clicks FROM ad_spend ORDER BY day,channel", [&](const Stmt& st) {
    ds.ad_day.push_back(static_cast<Day>(st.i64(0)));
    ds.ad_source.push_back(static_cast<int16_t>(sources.get(st.text_view(1))));
    ds.ad_spend.push_back(st.i64(2));
    ds.ad_impressions.push_back(st.i64(3));
    ds.ad_clicks.push_back(st.i64(4));
  });
}

}  // namespace

Result<Dataset> load_dataset(Store& store, int64_t revision) {
  Dataset ds;
  ds.revision = revision;
  Loader l(store.db(), ds);
  for (Status (Loader::*table)() : {&Loader::products, &Loader::customers, &Loader::orders, &Loader::lines}) {
    if (auto s = (l.*table)(); !s) return s.error();
  }
  l.order_columns();
  for (Status (Loader::*table)() : {&Loader::refunds, &Loader::traffic, &Loader::ad_spend}) {
    if (auto s = (l.*table)(); !s) return s.error();
  }
  return ds;
}

}  // namespace shopkeeper
