// RFM: recency, frequency and monetary value per customer at a snapshot day, quintile scores
// and the Shopify-style named segments from an R x FM grid (docs/members.md).
// Counting rules:
//  - orders counted: VALID orders (is_valid_order) of known customers (guests are left out)
//    placed on a day in the window [snapshot - window_days, snapshot - 1]; window_days = 0 means
//    all history before the snapshot day. Orders on or after the snapshot day are ignored.
//  - recency_days = snapshot day - store-local calendar day of the last counted order (>= 1);
//    frequency = number of counted orders (several orders on one day count separately);
//    monetary = sum of their paid amounts (sales, minor units); refunds = refunds of those orders
//    dated before the snapshot day; net = monetary - refunds.
//  - scores 1..5 per dimension by quintile of rank: score = 1 + floor(5 worse / n), where worse =
//    customers with a strictly worse value (longer recency, fewer orders, less money), n =
//    customers scored. Ties always share one score, that of the lowest-ranked among them (so
//    the 60 % of a shop with one order all have F = 1, and "lost" stays reachable); when
//    everyone has the same value (a single customer, all one order) the score is 3 (neutral).
//    Small shops need no minimum: with n < 5 some scores are simply not used.
//  - fm = (f + m + 1) / 2 (the mean of F and M rounded half up); segment = grid[r][fm].
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/store/dataset.h"

namespace shopkeeper::members {

enum class Segment : uint8_t {
  champions,
  loyal,
  potential_loyalists,
  new_customers,
  promising,
  needs_attention,
  about_to_sleep,
  at_risk,
  cant_lose,
  hibernating,
  lost,
};
inline constexpr int kSegmentCount = 11;
// snake_case codes: "champions", "loyal", "potential_loyalists", "new", "promising",
// "needs_attention", "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost".
const char* segment_code(Segment s);
bool find_segment(const std::string& code, Segment& out);
// The documented grid: segment of R score r (1..5) and FM score fm (1..5).
Segment segment_of(int r, int fm);

struct RfmQuery {
  Day snapshot = 0;         // 0 (or less than the first order day) = the day after the last order
  int32_t window_days = 0;  // 0 = all history
  bool operator==(const RfmQuery&) const = default;
};

// 40 bytes (one per scored customer; 263k rows at the uncapped 1M-line demo): money first, then
// the 32-bit fields, the scores last; recency is not kept but derived from the snapshot.
struct RfmRow {
  Money monetary = 0, refunds = 0;
  int32_t customer = -1;  // index into Dataset::customer_id
  int32_t frequency = 0;
  Day first_day = 0, last_day = 0;  // of the counted orders
  uint8_t r = 0, f = 0, m = 0, fm = 0;
  Segment segment = Segment::lost;
  Money net() const { return monetary - refunds; }
  // recency_days at the result's snapshot (Rfm::snapshot): snapshot - last_day (>= 1).
  int32_t recency_days(Day snapshot) const { return snapshot - last_day; }
};
static_assert(sizeof(RfmRow) <= 40, "RfmRow is kept per customer (issue #11 memory budget)");

struct RfmCell {
  int64_t customers = 0;
  Money revenue = 0;  // monetary of the cell's customers
};

struct Rfm {
  RfmQuery query;
  Day snapshot = 0;  // resolved
  DayRange window;   // resolved (inclusive)
  std::vector<RfmRow> rows;  // customers with at least one counted order, by customer index
  std::array<std::array<RfmCell, 5>, 5> grid{};  // [r - 1][fm - 1]
  std::array<RfmCell, kSegmentCount> by_segment{};
};

// Error (invalid_argument) when window_days < 0 or the store has no orders.
Result<Rfm> compute_rfm(const Dataset& ds, const RfmQuery& q);

// Movement between two snapshots: flow[from][to] counts customers, with state kSegmentCount =
// "not in the snapshot" (no counted order there). Built from two computed Rfm results.
struct RfmFlow {
  std::array<std::array<int64_t, kSegmentCount + 1>, kSegmentCount + 1> flow{};
  std::array<std::array<Money, kSegmentCount + 1>, kSegmentCount + 1> revenue{};  // monetary at `to`
};
RfmFlow rfm_flow(const Dataset& ds, const Rfm& from, const Rfm& to);

// Score of one value among all (shared by RFM and tests): quintile of rank as above.
// `worse` customers have a worse value, `equal` the same value (>= 1), n total.
uint8_t quintile_score(int64_t worse, int64_t equal, int64_t n);

}  // namespace shopkeeper::members
