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

Status write_members_demo(Writer& w, uint64_t seed, DayRange history);

}  // namespace shopkeeper::demo
