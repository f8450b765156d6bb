// Customer tags (用户标签) and segments (saved filters), docs/members.md.
// Counting rules: valid orders of known customers, as in RFM; "times" = orders with at least one
// line in the category; refund rate = refunds / sales of the customer's valid orders (money);
// coupon user = share of valid orders that used a coupon code; "in the last N days" = a valid
// order on a day in (as_of - N, as_of]; birthday this month = the birthday's month is as_of's.
#pragma once
#include <cstdint>
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
  std::vector<uint8_t> order_has_coupon;           // per order index; empty = none known
  std::vector<Day> birthdays;                      // per customer index, -1 unknown; empty = none
  std::vector<std::vector<std::string>> manual;    // per customer index; empty = none
};

// Error when a rule has no tag name, an unknown category, or a negative threshold.
Status validate_rule(const Dataset& ds, const TagRule& r);

// Tags per customer index (rule tags in rule order, then manual ones not already given).
Result<std::vector<std::vector<std::string>>> compute_tags(const Dataset& ds, const std::vector<TagRule>& rules,
                                                           const TagInputs& in, Day as_of);

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
SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const Rfm& rfm,
                               const std::vector<std::string>& tiers, const std::vector<std::vector<std::string>>& tags);
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
