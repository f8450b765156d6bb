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

// What the Members section keeps (issue #11 memory: at most 10 bytes per order line with the
// CLV customers): ONE set of columns per customer index, not an RFM row, a list row and a
// programme status that repeat the same first/last day, orders and sales. 51 bytes per
// customer; everything else is derived when read:
//  - first order day = Dataset::customer_first_order_day; recency = snapshot - last_day;
//  - frequency = orders, monetary = sales (the RFM is over all history at the default snapshot,
//    the day after the last order, so it counts the same valid orders as the list);
//  - the RFM refunds (dated before the snapshot) are not kept: the list's refunds are those of
//    any date (the section shows no RFM refunds; the CLI computes its own RFM);
//  - fm and the segment follow from the scores; the next tier and what it takes from the tier,
//    the 12-month figures and the scheme (tier_gap).
struct MemberTable {
  Day snapshot = 0;        // the RFM's snapshot day
  int64_t customers = 0;   // customers with a valid order (orders > 0)
  // per customer index (Dataset::customer_id.size() entries); orders == 0: no valid order
  std::vector<Money> sales, refunds, spend_12m;
  std::vector<int64_t> points;
  std::vector<Day> last_day;
  std::vector<int32_t> orders, orders_12m;
  std::vector<int16_t> category;                      // favourite, -1 none
  std::vector<int16_t> channel;                       // main channel, -1 none
  std::vector<int8_t> tier;                           // level index, -1 none
  std::vector<uint8_t> rfm;                           // ((r-1) 5 + (f-1)) 5 + (m-1); 255 none
  std::vector<uint8_t> birth_month;                   // 1..12, 0 unknown
  std::vector<std::string> tier_names;
  TagTable tags;
  Rfm rfm_summary;                  // snapshot, window, grid and per-segment cells (rows empty)
  ProgrammeResult programme;        // as_of, tier counts, outstanding points (members empty)

  size_t size() const { return orders.size(); }
  bool has_rfm(size_t c) const { return c < rfm.size() && rfm[c] != 255; }
  int r(size_t c) const { return rfm[c] / 25 + 1; }
  int f(size_t c) const { return rfm[c] / 5 % 5 + 1; }
  int m(size_t c) const { return rfm[c] % 5 + 1; }
  Segment segment(size_t c) const { return segment_of(r(c), (f(c) + m(c) + 1) / 2); }
  int32_t recency_days(size_t c) const { return snapshot - last_day[c]; }
  const std::string& tier_name(size_t c) const;  // "" none
  size_t memory_bytes() const;
};
// Errors: the member view's; more than 127 tier levels or 32,767 categories (the columns are 8 and 16 bits).
Result<MemberTable> member_table(const Dataset& ds, const MemberProgramme& p, const std::vector<TagRule>& rules, const TagInputs& in);
// A saved or drafted segment over the section's table (the same members as over the view).
SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const MemberTable& t);

}  // namespace shopkeeper::members
