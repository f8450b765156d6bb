#include "core/insights/rules.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <limits>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "core/io/csv.h"
#include "core/model/entities.h"

namespace shopkeeper::insights {

namespace {

__extension__ typedef __int128 i128;

// Remaps item names to ids in byte order of the names; `ids` given in first-seen numbering.
void renumber_by_name(Baskets& b) {
  std::vector<int32_t> order(b.items.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int32_t x, int32_t y) { return b.items[static_cast<size_t>(x)] < b.items[static_cast<size_t>(y)]; });
  std::vector<int32_t> to(b.items.size());
  std::vector<std::string> names(b.items.size());
  for (size_t r = 0; r < order.size(); ++r) {
    to[static_cast<size_t>(order[r])] = static_cast<int32_t>(r);
    names[r] = std::move(b.items[static_cast<size_t>(order[r])]);
  }
  b.items = std::move(names);
  for (int32_t& x : b.item) x = to[static_cast<size_t>(x)];
  for (size_t i = 0; i + 1 < b.begin.size(); ++i) std::sort(b.item.begin() + b.begin[i], b.item.begin() + b.begin[i + 1]);
}

// ---- FP-tree ---------------------------------------------------------------------------------
// Items are ranks (0 = most frequent item); a transaction is a rank sequence, ascending.
struct Tree {
  std::vector<int32_t> parent, rank, next;
  std::vector<int64_t> count;
  std::vector<int32_t> head;        // per rank: first node of the rank, -1 none
  std::vector<int64_t> rank_count;  // per rank: total count in this tree
};

// Weighted transactions in flat form.
struct Base {
  std::vector<int32_t> seq;
  std::vector<uint32_t> off{0};
  std::vector<int64_t> weight;
  size_t size() const { return weight.size(); }
  void clear() {
    seq.clear();
    off.assign(1, 0);
    weight.clear();
  }
};

// Builds the prefix tree of `base` over ranks [0, ranks): transactions sorted lexicographically
// share their common prefix with the previous one, so no child lookup is needed.
void build_tree(const Base& base, int32_t ranks, Tree& t) {
  const size_t n = base.size();
  std::vector<uint32_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0u);
  auto span_of = [&](uint32_t i) {
    return std::pair<const int32_t*, const int32_t*>(base.seq.data() + base.off[i], base.seq.data() + base.off[i + 1]);
  };
  std::sort(idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) {
    auto [a0, a1] = span_of(a);
    auto [b0, b1] = span_of(b);
    return std::lexicographical_compare(a0, a1, b0, b1);
  });
  t.parent.assign(1, -1);
  t.rank.assign(1, -1);
  t.next.assign(1, -1);
  t.count.assign(1, 0);
  t.head.assign(static_cast<size_t>(ranks), -1);
  t.rank_count.assign(static_cast<size_t>(ranks), 0);
  std::vector<int32_t> path;  // path[d] = node at depth d+1 of the previous transaction
  const int32_t* prev0 = nullptr;
  const int32_t* prev1 = nullptr;
  for (uint32_t i : idx) {
    auto [s0, s1] = span_of(i);
    size_t common = 0;
    if (prev0) {
      const size_t m = std::min<size_t>(static_cast<size_t>(s1 - s0), static_cast<size_t>(prev1 - prev0));
      while (common < m && s0[common] == prev0[common]) ++common;
    }
    path.resize(common);
    const int64_t w = base.weight[i];
    for (size_t d = 0; d < common; ++d) t.count[static_cast<size_t>(path[d])] += w;
    int32_t par = common ? path[common - 1] : 0;
    for (const int32_t* p = s0 + common; p < s1; ++p) {
      const int32_t node = static_cast<int32_t>(t.parent.size());
      t.parent.push_back(par);
      t.rank.push_back(*p);
      t.count.push_back(w);
      t.next.push_back(t.head[static_cast<size_t>(*p)]);
      t.head[static_cast<size_t>(*p)] = node;
      path.push_back(node);
      par = node;
    }
    for (const int32_t* p = s0; p < s1; ++p) t.rank_count[static_cast<size_t>(*p)] += w;
    prev0 = s0;
    prev1 = s1;
  }
}

struct Miner {
  int64_t min_count = 0;
  int max_len = 10;
  int64_t max_itemsets = 0;
  const std::vector<int32_t>* rank_item = nullptr;
  // Output: itemsets as item ids (ascending), flat.
  std::vector<int32_t> items;
  std::vector<uint32_t> off{0};
  std::vector<int64_t> counts;
  bool overflow = false;
  std::vector<int32_t> prefix;  // ranks

  void emit(int64_t c) {
    const size_t start = items.size();
    for (int32_t r : prefix) items.push_back((*rank_item)[static_cast<size_t>(r)]);
    std::sort(items.begin() + static_cast<std::ptrdiff_t>(start), items.end());
    off.push_back(static_cast<uint32_t>(items.size()));
    counts.push_back(c);
    if (static_cast<int64_t>(counts.size()) > max_itemsets) overflow = true;
  }

  void mine(const Tree& t) {
    const int32_t ranks = static_cast<int32_t>(t.head.size());
    Base base;
    std::vector<int64_t> cond(static_cast<size_t>(ranks));
    std::vector<int32_t> path;
    for (int32_t r = ranks - 1; r >= 0 && !overflow; --r) mine_rank(t, r, base, cond, path);
  }

  // The itemsets ending in rank r of tree t (r with the current prefix, then its conditional
  // tree). `base`, `cond` and `path` are scratch space of at least t's ranks.
  void mine_rank(const Tree& t, int32_t r, Base& base, std::vector<int64_t>& cond, std::vector<int32_t>& path) {
    {
      if (t.rank_count[static_cast<size_t>(r)] < min_count) return;
      prefix.push_back(r);
      emit(t.rank_count[static_cast<size_t>(r)]);
      if (static_cast<int>(prefix.size()) < max_len && r > 0) {
        // Conditional pattern base of r: the paths above its nodes, weighted by the node counts.
        std::fill(cond.begin(), cond.begin() + r, 0);
        for (int32_t n = t.head[static_cast<size_t>(r)]; n >= 0; n = t.next[static_cast<size_t>(n)])
          for (int32_t p = t.parent[static_cast<size_t>(n)]; p > 0; p = t.parent[static_cast<size_t>(p)])
            cond[static_cast<size_t>(t.rank[static_cast<size_t>(p)])] += t.count[static_cast<size_t>(n)];
        int32_t top = -1;
        for (int32_t x = 0; x < r; ++x)
          if (cond[static_cast<size_t>(x)] >= min_count) top = x;
        if (top >= 0) {
          base.clear();
          for (int32_t n = t.head[static_cast<size_t>(r)]; n >= 0; n = t.next[static_cast<size_t>(n)]) {
            path.clear();
            for (int32_t p = t.parent[static_cast<size_t>(n)]; p > 0; p = t.parent[static_cast<size_t>(p)]) {
              const int32_t x = t.rank[static_cast<size_t>(p)];
              if (cond[static_cast<size_t>(x)] >= min_count) path.push_back(x);
            }
            if (path.empty()) continue;
            base.seq.insert(base.seq.end(), path.rbegin(), path.rend());
            base.off.push_back(static_cast<uint32_t>(base.seq.size()));
            base.weight.push_back(t.count[static_cast<size_t>(n)]);
          }
          Tree sub;
          build_tree(base, top + 1, sub);
          base.clear();
          mine(sub);
        }
      }
      prefix.pop_back();
    }
  }
};

// Open-addressing map from an itemset (ascending ids) to its index in the flat output.
class ItemsetIndex {
 public:
  ItemsetIndex(const Miner& m) : m_(m) {
    size_t cap = 16;
    while (cap < m.counts.size() * 2 + 2) cap <<= 1;
    slots_.assign(cap, -1);
    for (size_t i = 0; i < m.counts.size(); ++i) {
      size_t h = hash(m.items.data() + m.off[i], m.items.data() + m.off[i + 1]) & (cap - 1);
      while (slots_[h] >= 0) h = (h + 1) & (cap - 1);
      slots_[h] = static_cast<int32_t>(i);
    }
  }
  int32_t find(const int32_t* a, const int32_t* b) const {
    const size_t mask = slots_.size() - 1;
    for (size_t h = hash(a, b) & mask;; h = (h + 1) & mask) {
      const int32_t s = slots_[h];
      if (s < 0) return -1;
      const int32_t* x = m_.items.data() + m_.off[static_cast<size_t>(s)];
      const int32_t* y = m_.items.data() + m_.off[static_cast<size_t>(s) + 1];
      if (std::equal(a, b, x, y)) return s;
    }
  }

 private:
  static size_t hash(const int32_t* a, const int32_t* b) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(b - a);
    for (; a < b; ++a) {
      h ^= static_cast<uint32_t>(*a);
      h *= 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    return static_cast<size_t>(h);
  }
  const Miner& m_;
  std::vector<int32_t> slots_;
};

bool names_less(const Baskets& b, const std::vector<int32_t>& x, const std::vector<int32_t>& y) {
  return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(), [&](int32_t p, int32_t q) {
    return b.items[static_cast<size_t>(p)] < b.items[static_cast<size_t>(q)];
  });
}

}  // namespace

Result<Fraction> parse_fraction(std::string_view s) {
  const std::string shown(s);
  auto bad = [&] { return make_error(ErrorCode::invalid_argument, "\"" + shown + "\" is not a plain decimal number such as 0.01"); };
  if (s.empty()) return bad();
  int64_t num = 0, den = 1;
  bool point = false, digits = false;
  int frac = 0, sig = 0;
  for (char c : s) {
    if (c == '.') {
      if (point) return bad();
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return bad();
    digits = true;
    if (num > 0 || c != '0') ++sig;
    if (sig > 18 || (point && frac >= 18)) return make_error(ErrorCode::invalid_argument, "\"" + shown + "\" has too many digits");
    num = num * 10 + (c - '0');
    if (point) {
      den *= 10;
      ++frac;
    }
  }
  if (!digits) return bad();
  const int64_t g = std::gcd(num, den);
  if (g > 1) num /= g, den /= g;
  return Fraction{num, den};
}

Result<Baskets> parse_baskets(std::string_view raw) {
  auto dec = decode_text(raw, "auto");
  if (!dec) return dec.error();
  const std::string& text = dec->text;
  Baskets b;
  std::unordered_map<std::string, int32_t> id;
  CsvReader r(text, ',');
  CsvRecord rec;
  std::vector<int32_t> basket;
  for (;;) {
    const int64_t expect = r.line();
    if (!r.next(rec)) break;
    if (rec.line > expect) return make_error(ErrorCode::parse_error, "line " + std::to_string(expect) + ": empty basket (a blank line)");
    if (!rec.error.empty()) return make_error(ErrorCode::parse_error, "line " + std::to_string(rec.line) + ": " + rec.error);
    basket.clear();
    for (size_t f = 0; f < rec.fields.size(); ++f) {
      const std::string_view v = rec.fields[f];
      if (v.empty())
        return make_error(ErrorCode::parse_error, "line " + std::to_string(rec.line) + ", item " + std::to_string(f + 1) +
                                                      ": empty item" + (rec.fields.size() == 1 ? " (an empty basket)" : ""));
      auto [it, fresh] = id.try_emplace(std::string(v), static_cast<int32_t>(b.items.size()));
      if (fresh) b.items.emplace_back(v);
      if (std::find(basket.begin(), basket.end(), it->second) != basket.end())
        return make_error(ErrorCode::parse_error, "line " + std::to_string(rec.line) + ", item " + std::to_string(f + 1) +
                                                      ": \"" + std::string(v) + "\" appears twice in the basket");
      basket.push_back(it->second);
    }
    if (basket.size() == 1) ++b.one_item;
    b.item.insert(b.item.end(), basket.begin(), basket.end());
    b.begin.push_back(static_cast<uint32_t>(b.item.size()));
  }
  if (b.size() == 0) return make_error(ErrorCode::parse_error, "no baskets: the file is empty");
  renumber_by_name(b);
  return b;
}

StoreBasketJob::StoreBasketJob(const Dataset& ds, const BasketQuery& q) : ds_(&ds), q_(q) {
  // Key of each product: its own index (sku) or its category (-1 = none -> slot categories.size()).
  const size_t keys = q.level == BasketLevel::sku ? ds.sku.size() : ds.categories.names.size() + 1;
  key_id_.assign(keys, -1);
  std::tie(lo_, hi_) = ds.orders_in(q.range);
  next_ = lo_;
}

double StoreBasketJob::progress() const {
  return hi_ <= lo_ ? 1.0 : static_cast<double>(next_ - lo_) / static_cast<double>(hi_ - lo_);
}

void StoreBasketJob::step(size_t orders) {
  const Dataset& ds = *ds_;
  Baskets& b = out_.baskets;
  auto key_of = [&](int32_t p) -> size_t {
    if (q_.level == BasketLevel::sku) return static_cast<size_t>(p);
    const int32_t c = ds.product_category[static_cast<size_t>(p)];
    return c < 0 ? ds.categories.names.size() : static_cast<size_t>(c);
  };
  const size_t end = std::min(hi_, next_ + orders);
  for (size_t o = next_; o < end; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    ++out_.orders;
    basket_.clear();
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) {
        ++out_.unknown_lines;
        continue;
      }
      const size_t k = key_of(p);
      if (key_id_[k] < 0) {
        key_id_[k] = static_cast<int32_t>(b.items.size());
        b.items.push_back(q_.level == BasketLevel::sku ? ds.sku[k] : (k < ds.categories.names.size() ? ds.categories.names[k] : std::string()));
      }
      if (std::find(basket_.begin(), basket_.end(), key_id_[k]) == basket_.end()) basket_.push_back(key_id_[k]);
    }
    if (basket_.empty()) continue;
    if (basket_.size() == 1) ++b.one_item;
    b.item.insert(b.item.end(), basket_.begin(), basket_.end());
    b.begin.push_back(static_cast<uint32_t>(b.item.size()));
  }
  next_ = end;
  if (next_ >= hi_ && !finished_) {
    renumber_by_name(b);
    finished_ = true;
  }
}

StoreBaskets store_baskets(const Dataset& ds, const BasketQuery& q) {
  StoreBasketJob job(ds, q);
  while (!job.done()) job.step(1u << 20);
  return job.take();
}

std::string itemset_label(const Baskets& b, const std::vector<int32_t>& items) {
  std::string s = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) s += ',';
    s += b.items[static_cast<size_t>(items[i])];
  }
  s += '}';
  return s;
}

// ---- the mining job --------------------------------------------------------------------------
// Phases: count the items (a slice of baskets per step), put the baskets into ranks (a slice per
// step), build the FP-tree (one step), mine the conditional trees of the frequent items (one
// item per step, least frequent first as FP-growth takes them), make the rules (a slice of
// itemsets per step), sort (one step).
struct RuleJob::State {
  enum class Phase { count, base, tree, mine, rules, sort, done };
  static constexpr size_t kBaskets = 20000, kItemsets = 4000;
  const Baskets* b = nullptr;
  RuleQuery q;
  Phase phase = Phase::count;
  std::optional<Error> error;
  RuleResult res;
  int64_t n = 0;
  size_t next = 0;  // basket (count, base), itemset (rules)
  std::vector<int64_t> cnt;
  std::vector<int32_t> rank_item, rank_of;
  Base base;
  Tree tree;
  Miner m;
  int32_t rank = 0;  // next rank to mine, descending
  int64_t mined = 0, to_mine = 0;  // nodes of the mined ranks / of all ranks (progress)
  std::vector<int64_t> cond;
  std::vector<int32_t> path;
  std::unique_ptr<ItemsetIndex> index;
  // Redundancy memo: best confidence over the sub-rules, per (itemset, position of y), as a
  // fraction top / bottom (-1 = not computed yet).
  std::vector<uint32_t> slot0;
  std::vector<int64_t> best_top, best_bot;
  std::vector<int32_t> lhs;

  using Frac = std::pair<int64_t, int64_t>;
  int64_t count_of(const int32_t* a0, const int32_t* a1) const {
    if (a0 == a1) return n;
    const int32_t k = index->find(a0, a1);
    return k < 0 ? -1 : m.counts[static_cast<size_t>(k)];
  }
  // sub_best(Z, j): the largest best(Z \ {x}, y) over the other items x (the sub-rules with one
  // item fewer on the left); (0, 1) when Z is y alone. best(Z, j): the larger of conf(Z \ {y} =>
  // y) and sub_best(Z, j). Memoised per (itemset, position of y).
  Frac sub_best(int32_t zi, size_t j) {
    const int32_t* z0 = m.items.data() + m.off[static_cast<size_t>(zi)];
    const size_t k = m.off[static_cast<size_t>(zi) + 1] - m.off[static_cast<size_t>(zi)];
    Frac top{0, 1};
    std::vector<int32_t> zs;
    for (size_t x = 0; x < k; ++x) {
      if (x == j) continue;
      zs.assign(z0, z0 + k);
      zs.erase(zs.begin() + static_cast<std::ptrdiff_t>(x));
      const Frac f = best(index->find(zs.data(), zs.data() + zs.size()), x < j ? j - 1 : j);
      if (static_cast<i128>(f.first) * top.second > static_cast<i128>(top.first) * f.second) top = f;
    }
    return top;
  }
  Frac best(int32_t zi, size_t j) {
    const size_t slot = slot0[static_cast<size_t>(zi)] + j;
    if (best_top[slot] >= 0) return {best_top[slot], best_bot[slot]};
    const int32_t* z0 = m.items.data() + m.off[static_cast<size_t>(zi)];
    const size_t k = m.off[static_cast<size_t>(zi) + 1] - m.off[static_cast<size_t>(zi)];
    std::vector<int32_t> sub(z0, z0 + k);
    sub.erase(sub.begin() + static_cast<std::ptrdiff_t>(j));
    Frac own{m.counts[static_cast<size_t>(zi)], count_of(sub.data(), sub.data() + sub.size())};
    const Frac sb = sub_best(zi, j);
    if (static_cast<i128>(sb.first) * own.second > static_cast<i128>(own.first) * sb.second) own = sb;
    best_top[slot] = own.first;
    best_bot[slot] = own.second;
    return own;
  }

  void fail(std::string message) {
    error = Error{ErrorCode::invalid_argument, std::move(message)};
    phase = Phase::done;
  }
  void start();
  void step_count();
  void step_base();
  void step_tree();
  void step_mine();
  void after_mining();
  void step_rules();
  void step_sort();
};

void RuleJob::State::start() {
  const Fraction s = q.min_support;
  if (s.num <= 0) return fail("minimum support must be above 0");
  if (s.num > s.den) return fail("minimum support must be at most 1");
  if (q.rules && q.min_confidence.num > q.min_confidence.den) return fail("minimum confidence must be at most 1");
  if (q.max_len < 1) return fail("maximum length must be at least 1");
  n = static_cast<int64_t>(b->size());
  if (n == 0) return fail("no baskets");
  res.transactions = n;
  // Smallest count c with c x den >= num x N.
  const i128 need = static_cast<i128>(s.num) * n;
  res.min_count = static_cast<int64_t>((need + s.den - 1) / s.den);
  cnt.assign(b->items.size(), 0);
}

void RuleJob::State::step_count() {
  const size_t end = std::min(b->size(), next + kBaskets);
  for (uint32_t k = b->begin[next]; k < b->begin[end]; ++k) ++cnt[static_cast<size_t>(b->item[k])];
  next = end;
  if (next < b->size()) return;
  // Ranks of the frequent items (count desc, id asc).
  for (size_t i = 0; i < cnt.size(); ++i)
    if (cnt[i] >= res.min_count) rank_item.push_back(static_cast<int32_t>(i));
  std::stable_sort(rank_item.begin(), rank_item.end(), [&](int32_t x, int32_t y) { return cnt[static_cast<size_t>(x)] > cnt[static_cast<size_t>(y)]; });
  rank_of.assign(b->items.size(), -1);
  for (size_t r = 0; r < rank_item.size(); ++r) rank_of[static_cast<size_t>(rank_item[r])] = static_cast<int32_t>(r);
  m.min_count = res.min_count;
  m.max_len = q.max_len;
  m.max_itemsets = q.max_itemsets;
  m.rank_item = &rank_item;
  next = 0;
  phase = Phase::base;
}

void RuleJob::State::step_base() {
  const size_t end = std::min(b->size(), next + kBaskets);
  std::vector<int32_t> t;
  for (size_t i = next; i < end; ++i) {
    t.clear();
    for (uint32_t k = b->begin[i]; k < b->begin[i + 1]; ++k)
      if (rank_of[static_cast<size_t>(b->item[k])] >= 0) t.push_back(rank_of[static_cast<size_t>(b->item[k])]);
    if (t.empty()) continue;
    std::sort(t.begin(), t.end());
    if (static_cast<int>(t.size()) > q.max_basket_items) {
      t.resize(static_cast<size_t>(q.max_basket_items));
      ++res.capped;
    }
    base.seq.insert(base.seq.end(), t.begin(), t.end());
    base.off.push_back(static_cast<uint32_t>(base.seq.size()));
    base.weight.push_back(1);
  }
  next = end;
  if (next >= b->size()) phase = Phase::tree;
}

void RuleJob::State::step_tree() {
  build_tree(base, static_cast<int32_t>(rank_item.size()), tree);
  base = Base{};
  to_mine = static_cast<int64_t>(tree.parent.size());
  rank = static_cast<int32_t>(rank_item.size()) - 1;
  cond.assign(rank_item.size(), 0);
  phase = Phase::mine;
}

void RuleJob::State::step_mine() {
  if (rank >= 0 && !m.overflow) {
    m.mine_rank(tree, rank, base, cond, path);
    for (int32_t x = tree.head[static_cast<size_t>(rank)]; x >= 0; x = tree.next[static_cast<size_t>(x)]) ++mined;
    --rank;
  }
  if (rank < 0 || m.overflow) after_mining();
}

void RuleJob::State::after_mining() {
  tree = Tree{};
  if (m.overflow)
    return fail("more than " + std::to_string(q.max_itemsets) + " frequent itemsets: raise the minimum support or lower the maximum length");
  const size_t sets = m.counts.size();
  if (!q.rules) {
    const double nd = static_cast<double>(n);
    res.itemsets.reserve(sets);
    for (size_t i = 0; i < sets; ++i)
      res.itemsets.push_back({std::vector<int32_t>(m.items.begin() + m.off[i], m.items.begin() + m.off[i + 1]), m.counts[i],
                              static_cast<double>(m.counts[i]) / nd});
    phase = Phase::sort;
    return;
  }
  index = std::make_unique<ItemsetIndex>(m);
  slot0.assign(sets + 1, 0);
  for (size_t i = 0; i < sets; ++i) slot0[i + 1] = slot0[i] + (m.off[i + 1] - m.off[i]);
  if (q.prune) {
    best_top.assign(slot0[sets], -1);
    best_bot.assign(slot0[sets], 1);
  }
  next = 0;
  phase = Phase::rules;
}

void RuleJob::State::step_rules() {
  const size_t sets = m.counts.size();
  const size_t end = std::min(sets, next + kItemsets);
  const Fraction c = q.min_confidence, l = q.min_lift;
  const double nd = static_cast<double>(n);
  for (size_t i = next; i < end; ++i) {
    const int32_t* z0 = m.items.data() + m.off[i];
    const size_t k = m.off[i + 1] - m.off[i];
    const int64_t cz = m.counts[i];
    for (size_t j = 0; j < k; ++j) {
      lhs.assign(z0, z0 + k);
      lhs.erase(lhs.begin() + static_cast<std::ptrdiff_t>(j));
      const int64_t cx = count_of(lhs.data(), lhs.data() + lhs.size());
      const int32_t y = z0[j];
      const int64_t cy = cnt[static_cast<size_t>(y)];
      if (static_cast<i128>(cz) * c.den < static_cast<i128>(c.num) * cx) continue;
      if (l.num > 0 && static_cast<i128>(cz) * n * l.den < static_cast<i128>(l.num) * cx * cy) continue;
      if (q.prune && k > 1) {
        const Frac sb = sub_best(static_cast<int32_t>(i), j);
        if (static_cast<i128>(sb.first) * cx >= static_cast<i128>(cz) * sb.second) {
          ++res.pruned;
          continue;
        }
      }
      Rule r;
      r.lhs = lhs;
      r.rhs = y;
      r.count = cz;
      r.lhs_count = cx;
      r.rhs_count = cy;
      r.support = static_cast<double>(cz) / nd;
      r.confidence = static_cast<double>(cz) / static_cast<double>(cx);
      r.lift = static_cast<double>(cz) * nd / (static_cast<double>(cx) * static_cast<double>(cy));
      r.leverage = r.support - (static_cast<double>(cx) / nd) * (static_cast<double>(cy) / nd);
      r.conviction = cz == cx ? std::numeric_limits<double>::infinity() : (1.0 - static_cast<double>(cy) / nd) / (1.0 - r.confidence);
      res.rules.push_back(std::move(r));
    }
  }
  next = end;
  if (next >= sets) phase = Phase::sort;
}

void RuleJob::State::step_sort() {
  const Baskets& bb = *b;
  if (!q.rules) {
    std::sort(res.itemsets.begin(), res.itemsets.end(), [&](const Itemset& x, const Itemset& y) {
      if (x.count != y.count) return x.count > y.count;
      return names_less(bb, x.items, y.items);
    });
  } else {
    std::sort(res.rules.begin(), res.rules.end(), [&](const Rule& x, const Rule& y) {
      // lift_x > lift_y  <=>  cz_x * cx_y * cy_y > cz_y * cx_x * cy_x
      const i128 lx = static_cast<i128>(x.count) * y.lhs_count * y.rhs_count;
      const i128 ly = static_cast<i128>(y.count) * x.lhs_count * x.rhs_count;
      if (lx != ly) return lx > ly;
      if (x.count != y.count) return x.count > y.count;
      if (x.lhs != y.lhs) {
        if (names_less(bb, x.lhs, y.lhs)) return true;
        if (names_less(bb, y.lhs, x.lhs)) return false;
      }
      return bb.items[static_cast<size_t>(x.rhs)] < bb.items[static_cast<size_t>(y.rhs)];
    });
  }
  index.reset();
  m = Miner{};
  phase = Phase::done;
}

RuleJob::RuleJob(const Baskets& b, const RuleQuery& q) : s_(std::make_unique<State>()) {
  s_->b = &b;
  s_->q = q;
  s_->start();
}
RuleJob::~RuleJob() = default;
RuleJob::RuleJob(RuleJob&&) noexcept = default;
RuleJob& RuleJob::operator=(RuleJob&&) noexcept = default;

bool RuleJob::done() const { return s_->phase == State::Phase::done; }

double RuleJob::progress() const {
  const State& s = *s_;
  const double nb = static_cast<double>(std::max<size_t>(1, s.b->size()));
  switch (s.phase) {
    case State::Phase::count: return 0.05 * static_cast<double>(s.next) / nb;
    case State::Phase::base: return 0.05 + 0.10 * static_cast<double>(s.next) / nb;
    case State::Phase::tree: return 0.15;
    case State::Phase::mine: return 0.20 + 0.50 * static_cast<double>(s.mined) / static_cast<double>(std::max<int64_t>(1, s.to_mine));
    case State::Phase::rules:
      return 0.70 + 0.25 * static_cast<double>(s.next) / static_cast<double>(std::max<size_t>(1, s.m.counts.size()));
    case State::Phase::sort: return 0.95;
    case State::Phase::done: return 1.0;
  }
  return 1.0;
}

void RuleJob::step() {
  switch (s_->phase) {
    case State::Phase::count: s_->step_count(); break;
    case State::Phase::base: s_->step_base(); break;
    case State::Phase::tree: s_->step_tree(); break;
    case State::Phase::mine: s_->step_mine(); break;
    case State::Phase::rules: s_->step_rules(); break;
    case State::Phase::sort: s_->step_sort(); break;
    case State::Phase::done: break;
  }
}

Result<RuleResult> RuleJob::take() {
  if (s_->error) return *s_->error;
  return std::move(s_->res);
}

Result<RuleResult> mine_rules(const Baskets& b, const RuleQuery& q) {
  RuleJob job(b, q);
  while (!job.done()) job.step();
  return job.take();
}

}  // namespace shopkeeper::insights
