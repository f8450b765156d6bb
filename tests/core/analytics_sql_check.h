// The independent check of the analytics core: every KPI recomputed by plain SQL over the
// store's tables (same counting rules as docs/metrics.md) must agree with compute_kpis exactly
// for money and counts and to 1e-9 (relative) for rates. Works on any Store, so the demo
// store can be checked too:
//   TEST_CASE("...") { auto s = Store::open_memory(); generate_demo(*s, ...); check_store_against_sql(*s); }
#pragma once
#include <string>

#include "core/base/date.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper::test {

// One range and filter (channel / source by name, "" = all).
void check_kpis_against_sql(Store& store, const Dataset& ds, DayRange range, const std::string& channel = "",
                            const std::string& source = "");
// The product breakdown (line revenue, units, refunds) of a range against SQL GROUP BY.
void check_product_breakdown_against_sql(Store& store, const Dataset& ds, DayRange range);
// A battery over the store's whole order span: the span, its halves, 12 pseudo-random
// sub-ranges, each day of one week (daily series), filters by the first channel and source,
// and the product breakdown.
void check_store_against_sql(Store& store);

}  // namespace shopkeeper::test
