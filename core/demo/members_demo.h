// The demo store's member programme (issue #11), written after the orders by the generator in
// the same transaction with its own random stream (so the orders stay byte-identical): a tier
// scheme by rolling-12-month spend whose names match the customers' tiers, points rules (the
// ledger's two years of earn / reverse / expire entries follow from the orders), some service
// adjustments, rule tags, manual tags on a few customers, and saved segments including a
// valuable at-risk one.
#pragma once
#include <cstdint>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/store/store.h"

namespace shopkeeper::demo {

// The names the demo store gives its tiers, tags and segments: data the seller can rename, in the
// language the demo was made in (DemoOptions::chinese_names). English is the default shop's
// (its tags carry both languages, as they always did).
struct DemoNames {
  const char* tiers[4];        // regular, silver, gold, platinum
  const char* rule_tags[4];    // ordered in 30 days, refunds over 30%, coupon user, birthday this month
  const char* manual_tags[3];  // VIP, wholesale, referral
  const char* compensation;    // the reason of a service compensation adjustment
  const char* segments[2];     // valuable at risk, gold win-back
};
const DemoNames& demo_names(bool chinese);

Status write_members_demo(Writer& w, uint64_t seed, DayRange history, const DemoNames& names = demo_names(false));

}  // namespace shopkeeper::demo
