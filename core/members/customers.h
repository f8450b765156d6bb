// Customers as people: one summary row per customer for the Members section's list, one
// customer's profile (orders, what they bought, refunds, coupons), and the seller's saved
// segments and tag rules as stored (docs/members.md, "Customers").
// Counting rules (as RFM's): VALID orders (is_valid_order) of known customers, all history.
//  - first/last = store-local days of the first and last valid order; orders = valid orders;
//    sales = their paid amounts; refunds = refunds of those orders (any date); AOV = sales /
//    orders (the UI divides);
//  - favourite category = the category with the most line revenue (qty x price - line
//    discount) over the valid orders' merchandise lines, ties to the lower category index;
//  - channel = the channel of the most valid orders, ties to the lower index; region = the
//    customer's own region.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/members/programme.h"
#include "core/members/tags.h"
#include "core/store/dataset.h"

namespace shopkeeper {
class Store;
class Writer;
}  // namespace shopkeeper

namespace shopkeeper::members {

// 40 bytes (one per customer with a valid order). The region is not kept: it is the customer's
// own, Dataset::customer_region[customer].
struct CustomerRow {
  int32_t customer = -1;  // index into Dataset::customer_id
  Day first_day = 0, last_day = 0;
  int32_t orders = 0;
  Money sales = 0, refunds = 0;
  int32_t category = -1;  // -1 = none
  int16_t channel = -1;   // -1 = none (Dataset::order_channel is 16-bit too)
};
static_assert(sizeof(CustomerRow) <= 40, "CustomerRow is kept per customer (issue #11 memory budget)");

// Customers with at least one valid order, by customer index.
std::vector<CustomerRow> customer_rows(const Dataset& ds);

struct BoughtProduct {
  int32_t product = -1;
  int64_t units = 0;
  Money revenue = 0;  // line revenue
};

struct CustomerProfile {
  int32_t customer = -1;
  std::vector<int32_t> orders;   // every order (any status), by time
  std::vector<int32_t> refunds;  // refund indices of those orders, by day
  std::vector<BoughtProduct> bought;  // of valid orders, by revenue descending
  int64_t coupon_orders = 0;     // valid orders that used a coupon code (needs order_has_coupon)
};
CustomerProfile customer_profile(const Dataset& ds, int32_t customer, const TagInputs& in);

// A saved segment (member_segments): id, the seller's name and the filter.
struct StoredSegment {
  std::string id, name;
  SegmentFilter filter;
};
// Error names the segment whose filter does not parse.
Result<std::vector<StoredSegment>> load_segments(Store& store);
// Error (invalid_argument) when the id or name is empty; replaces a segment with the same id.
Status save_segment(Writer& w, const StoredSegment& s);
// The tag rules of setting "members.tag_rules" (none when absent).
Result<std::vector<TagRule>> load_tag_rules(Store& store);

// What segments are matched against, at the last order day: RFM (all history), the programme's
// result (statuses only: no ledger, no tier histories), each customer's tier name ("" none) and
// tags. Errors: the programme's or a tag rule's.
struct MemberView {
  Rfm rfm;
  ProgrammeResult programme;
  NameColumn tier_name;  // the level names and each customer's level
  TagTable tags;
};
Result<MemberView> member_view(const Dataset& ds, const MemberProgramme& p, const std::vector<TagRule>& rules, const TagInputs& in);

}  // namespace shopkeeper::members
