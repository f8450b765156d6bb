// Which saved segments a buyer is in: a promotion limited to segments (the customer-group
// condition promo::Conditions::segments, docs/promotions.md) is matched against these ids.
// Membership is the segment's filter (core/members/tags.h evaluate_segment) evaluated at the
// store's last order day, exactly as the Members section and `members segments` count it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/members/customers.h"
#include "core/store/dataset.h"

namespace shopkeeper {
class Store;
}

namespace shopkeeper::members {

// What segments are matched against, read from the store: the tag rules (checked), the saved
// segments and the view (RFM, tiers, tags). Errors name the setting or table that is wrong.
struct MemberRecords {
  std::vector<TagRule> rules;
  std::vector<StoredSegment> segments;
  MemberView view;
};
Result<MemberRecords> load_member_records(Store& store, const Dataset& ds);

// Ids of the saved segments whose filter customer index `customer` matches, in saved order
// (none for -1 or a customer without a valid order).
std::vector<std::string> segments_of(const Dataset& ds, const MemberRecords& m, int32_t customer);

// The same by customer id, read from the store: an unknown id is in no segment.
Result<std::vector<std::string>> customer_segments(Store& store, const std::string& customer_id);

}  // namespace shopkeeper::members
