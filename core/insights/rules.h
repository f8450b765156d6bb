// Association rules over baskets: frequent itemsets by FP-growth, rules with one item on the
// right side, and the figures R arules' apriori reports (support, confidence, lift, leverage,
// conviction, count), with arules' default behaviour (minlen 1: rules with an empty left side
// {} => {y} are produced too; maxlen 10 items per rule, left and right side together).
// Counting rules:
//  - a basket is a set of distinct items; N = number of baskets (one-item baskets count in N
//    and in item supports, as in arules);
//  - support(X) = count(X) / N; an itemset is frequent when count(X) >= s x N, compared
//    exactly (s is a decimal read into a fraction num/den: count x den >= num x N);
//  - rule X => y: support = count(X u {y}) / N, confidence = count(X u {y}) / count(X)
//    (count({}) = N), kept when count(X u {y}) x den >= num x count(X); lift = confidence /
//    support(y) (threshold exact too), leverage = support(X u y) - support(X) support(y),
//    conviction = (1 - support(y)) / (1 - confidence), +inf when confidence is 1;
//  - redundancy (prune): X => y is redundant when some X' strictly inside X (the empty set
//    included) has confidence(X' => y) >= confidence(X => y) (exact integer comparison);
//  - bounded work: a basket keeps at most max_basket_items of its frequent items (the most
//    frequent ones; `capped` counts the baskets cut); mining stops with an error past
//    max_itemsets frequent itemsets rather than growing without bound.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/store/dataset.h"

namespace shopkeeper::insights {

// An exact non-negative fraction num / den read from a decimal such as "0.001", "1", ".5", "5e-4"
// is not accepted (plain decimals only, at most 18 digits).
struct Fraction {
  int64_t num = 0, den = 1;
  double value() const { return static_cast<double>(num) / static_cast<double>(den); }
  bool operator==(const Fraction&) const = default;
};
Result<Fraction> parse_fraction(std::string_view text);

// Baskets as item ids; items[id] is the item's name and ids follow byte order of the names,
// so an itemset sorted by id prints in the order arules prints it.
struct Baskets {
  std::vector<std::string> items;
  std::vector<uint32_t> begin{0};  // basket b holds item[begin[b] .. begin[b+1]), ascending ids
  std::vector<int32_t> item;
  int64_t one_item = 0;            // baskets with a single item
  size_t size() const { return begin.size() - 1; }
};

// One basket per line, items separated by commas, each item exactly as written (RFC 4180
// quotes allowed, no trimming). Errors name the line: a blank line or an empty item, an item
// repeated in a basket, a malformed quoted field, no baskets at all.
Result<Baskets> parse_baskets(std::string_view text);

enum class BasketLevel : uint8_t { sku, category };
struct BasketQuery {
  BasketLevel level = BasketLevel::sku;
  DayRange range{INT32_MIN / 2, INT32_MAX / 2};  // placed day, inclusive
  bool operator==(const BasketQuery&) const = default;
};
// Valid orders placed in the range, one basket each: the distinct SKUs (or categories) of
// their lines. Lines whose SKU is not in the products are left out (`unknown_lines`); an order
// left with no item is not a basket. Products without a category are the item "" at category level.
struct StoreBaskets {
  Baskets baskets;
  int64_t orders = 0, unknown_lines = 0;
};
StoreBaskets store_baskets(const Dataset& ds, const BasketQuery& q);
// The same in slices of orders, for the UI (ui/widgets/sliced_job.h); store_baskets runs one to
// the end. `ds` must outlive the job unchanged.
class StoreBasketJob {
 public:
  StoreBasketJob(const Dataset& ds, const BasketQuery& q);
  bool done() const { return next_ >= hi_ && finished_; }
  double progress() const;
  void step(size_t orders);
  StoreBaskets take() { return std::move(out_); }

 private:
  const Dataset* ds_;
  BasketQuery q_;
  size_t lo_ = 0, hi_ = 0, next_ = 0;
  bool finished_ = false;
  std::vector<int32_t> key_id_, basket_;
  StoreBaskets out_;
};

struct RuleQuery {
  Fraction min_support{1, 10};
  Fraction min_confidence{8, 10};
  Fraction min_lift{0, 1};  // 0 = no threshold
  int max_len = 10;         // items per itemset / per rule (lhs + rhs)
  bool rules = true;        // false: frequent itemsets only
  bool prune = false;
  int max_basket_items = 200;
  int64_t max_itemsets = 2'000'000;
  bool operator==(const RuleQuery&) const = default;
};

struct Itemset {
  std::vector<int32_t> items;  // ascending ids
  int64_t count = 0;
  double support = 0;
};
struct Rule {
  std::vector<int32_t> lhs;  // ascending ids, may be empty
  int32_t rhs = -1;
  int64_t count = 0, lhs_count = 0, rhs_count = 0;
  double support = 0, confidence = 0, lift = 0, leverage = 0, conviction = 0;  // conviction +inf at confidence 1
};
struct RuleResult {
  int64_t transactions = 0;
  int64_t min_count = 0;  // smallest count meeting the support threshold
  int64_t capped = 0;     // baskets cut to max_basket_items frequent items
  int64_t pruned = 0;     // rules removed as redundant
  // Itemsets by support desc, then items; rules by lift desc, support desc, lhs, rhs (the
  // item names, byte order, lhs compared item by item with a shorter prefix first).
  std::vector<Itemset> itemsets;
  std::vector<Rule> rules;
};
Result<RuleResult> mine_rules(const Baskets& b, const RuleQuery& q);

// The same mining in steps, for a UI that spreads it over frames (ui/widgets/sliced_job.h):
// counting a slice of baskets, ranking a slice, building the FP-tree, mining one frequent item's
// conditional tree, making the rules of a slice of itemsets and the final sort are each a step.
// mine_rules runs a job to the end, so both give the same result. `b` must outlive the job
// unchanged.
class RuleJob {
 public:
  RuleJob(const Baskets& b, const RuleQuery& q);
  ~RuleJob();
  RuleJob(RuleJob&&) noexcept;
  RuleJob& operator=(RuleJob&&) noexcept;
  bool done() const;
  double progress() const;  // 0..1, an estimate (mining by tree nodes of the items mined)
  void step();
  // After done(): the result or the error (bad thresholds, no baskets, too many itemsets).
  Result<RuleResult> take();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// "{a,b}" as arules prints an itemset.
std::string itemset_label(const Baskets& b, const std::vector<int32_t>& items);

}  // namespace shopkeeper::insights
