// Customer tags (用户标签) and segments (saved filters), docs/members.md.
// Counting rules: valid orders of known customers, as in RFM; "times" = orders with at least one
// line in the category; refund rate = refunds / sales of the customer's valid orders (money);
// coupon user = share of valid orders that used a coupon code; "in the last N days" = a valid
// order on a day in (as_of - N, as_of]; birthday this month = the birthday's month is as_of's.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/members/rfm.h"
#include "core/store/dataset.h"

namespace shopkeeper {
class Store;
}

namespace shopkeeper::members {

enum class TagKind : uint8_t { bought_category, refund_rate_over, coupon_share_over, ordered_within_days, birthday_this_month };
const char* tag_kind_name(TagKind k);  // "bought_category", ...

struct TagRule {
  std::string tag;  // the tag's name
  TagKind kind = TagKind::ordered_within_days;
  std::string category;    // bought_category
  int64_t min_times = 1;   // bought_category
  int64_t bp = 0;          // refund_rate_over, coupon_share_over: threshold in basis points (strictly over)
  int32_t days = 30;       // ordered_within_days
};

struct TagInputs {
  std::vector<bool> order_has_coupon;              // per order index (one bit each); empty = none known
  std::vector<Day> birthdays;                      // per customer index, -1 unknown; empty = none
  std::vector<std::vector<std::string>> manual;    // per customer index; empty = none
};

// Error when a rule has no tag name, an unknown category, or a negative threshold.
Status validate_rule(const Dataset& ds, const TagRule& r);

// Tags per customer index, compact (what the Members section keeps): every name once, each
// customer's tag ids in one array: 4 bytes per customer plus 4 per tag given (a vector of
// strings per customer was 24 bytes plus 32 per tag and the allocations).
struct TagTable {
  std::vector<std::string> names;  // in first-given order
  std::vector<uint32_t> start;     // customers + 1 entries: customer c's ids are ids[start[c], start[c+1])
  std::vector<uint32_t> ids;       // into names

  // One customer's tags, as names (a range of const std::string&).
  struct List {
    const TagTable* t = nullptr;
    uint32_t b = 0, e = 0;
    struct iterator {
      using iterator_category = std::forward_iterator_tag;
      using value_type = std::string;
      using difference_type = std::ptrdiff_t;
      using pointer = const std::string*;
      using reference = const std::string&;
      const TagTable* t = nullptr;
      uint32_t i = 0;
      reference operator*() const { return t->names[t->ids[i]]; }
      pointer operator->() const { return &t->names[t->ids[i]]; }
      iterator& operator++() {
        ++i;
        return *this;
      }
      iterator operator++(int) {
        iterator r = *this;
        ++i;
        return r;
      }
      bool operator==(const iterator& o) const { return i == o.i; }
    };
    iterator begin() const { return {t, b}; }
    iterator end() const { return {t, e}; }
    bool empty() const { return b == e; }
    size_t size() const { return e - b; }
    std::vector<std::string> strings() const { return {begin(), end()}; }
    bool operator==(const std::vector<std::string>& v) const { return strings() == v; }
  };
  TagTable() = default;
  explicit TagTable(const std::vector<std::vector<std::string>>& per_customer);
  size_t size() const { return start.empty() ? 0 : start.size() - 1; }  // customers
  List operator[](size_t c) const { return c < size() ? List{this, start[c], start[c + 1]} : List{this, 0, 0}; }
  size_t memory_bytes() const;
};

// A name per customer index kept as an index into a list of names (the tier names): 2 bytes per
// customer instead of a std::string (32). operator[] gives "" for -1 and beyond the end.
struct NameColumn {
  std::vector<std::string> names;
  std::vector<int16_t> index;  // per customer index, -1 none
  size_t size() const { return index.size(); }
  const std::string& operator[](size_t c) const;
  size_t memory_bytes() const;
};

// Tags per customer index (rule tags in rule order, then manual ones not already given).
Result<TagTable> compute_tags(const Dataset& ds, const std::vector<TagRule>& rules, const TagInputs& in, Day as_of);

// A segment: every non-empty list must match (any of its values); tags: all of them.
struct SegmentFilter {
  std::vector<Segment> rfm;
  std::vector<std::string> tiers, tags, regions, channels;  // channel: of any valid order
  Day first_order_from = 0, first_order_to = 0;  // 0 = open
  Day last_order_from = 0, last_order_to = 0;
};

struct SegmentMember {
  int32_t customer = -1;
  int64_t orders = 0;
  Money sales = 0;
  Day first_order = 0, last_order = 0;
};

struct SegmentResult {
  std::vector<SegmentMember> members;  // by customer index
  int64_t count = 0;
  Money revenue = 0;  // sales (paid) of the members' valid orders, all history
};

// `rfm` and `tiers` (tier name per customer index, may be empty) and `tags` (from compute_tags)
// are what the filter's lists are matched against.
SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const Rfm& rfm, const NameColumn& tiers, const TagTable& tags);
// The same with each customer's RFM segment given per customer index (-1 none) and the tier
// name by a function of the customer index ("" none): what the section's table holds.
SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const std::vector<int8_t>& segment,
                               const std::function<const std::string&(size_t)>& tier, const TagTable& tags);
// A win-back list: customer_id, orders, sales (minor units), first_order, last_order; plain CSV.
std::string segment_csv(const Dataset& ds, const SegmentResult& s);

// Coupon flags of the orders and manual tags (member_tags) read from the store.
Result<TagInputs> load_tag_inputs(Store& store, const Dataset& ds);

}  // namespace shopkeeper::members

namespace shopkeeper::members {
// Settings / table formats (docs/members.md): tag rules as a JSON array of
// {"tag","kind","category","min_times","bp","days"}; a segment filter as
// {"rfm":[codes],"tiers":[],"tags":[],"regions":[],"channels":[],"first_order_from":"YYYY-MM-DD",...}.
std::string tag_rules_to_json(const std::vector<TagRule>& rules);
Result<std::vector<TagRule>> tag_rules_from_json(const std::string& text);
std::string segment_filter_to_json(const SegmentFilter& f);
Result<SegmentFilter> segment_filter_from_json(const std::string& text);
}  // namespace shopkeeper::members
