// The member programme: tiers (会员等级) by rolling-12-month spend and/or order count, and the
// points ledger, both derived from the store's orders plus the seller's own entries
// (docs/members.md). Pure functions of the Dataset and the programme's settings.
// Counting rules:
//  - spend = paid amount minus shipping of VALID orders ("goods paid after all discounts"),
//    minus refunds of those orders dated up to the day; orders = valid orders. Rolling 12
//    months at day d = the 365 days (d - 364 .. d].
//  - tiers: levels ascending; a customer qualifies for a level when spend >= min_spend OR
//    orders >= min_orders (a 0 threshold is "not used"; the first level has none). Upgrade at
//    once, the moment an order qualifies; downgrade only on a review day (every year on
//    review_month/review_day), to the level qualified for on that day.
//  - points: earn on each valid order's spend (paid - shipping) at points_per_major per major
//    unit (floored), times the tier multiplier (of the tier held before the order) and the
//    bonus-day multiplier; sign-up bonus on the first valid order, birthday bonus on the first
//    valid order in the birthday month of each year. A refund reverses the points of the refunded
//    part: round-half-away(points earned on the order x refund / order spend), never more than
//    still unreversed. Expiry: points earned in year Y expire at the end of Dec 31 of Y +
//    expire_after_years (entry dated Jan 1 after), oldest first; every debit (redeem, reverse,
//    negative adjust) consumes the oldest unexpired points first.
//  - balance = sum of entries (always, by construction; a property test checks it).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/store/dataset.h"

namespace shopkeeper {
class Store;
}

namespace shopkeeper::members {

struct TierLevel {
  std::string name;        // the tier name promotions' tier condition matches (Customer.tier)
  Money min_spend = 0;     // rolling 12 months, minor units; 0 = not used
  int64_t min_orders = 0;  // rolling 12 months; 0 = not used
  int64_t discount_bp = 0;             // member discount (benefit), basis points
  int64_t points_multiplier_bp = 10000;  // 10000 = x1
  bool free_shipping = false;
};

struct TierScheme {
  std::vector<TierLevel> levels;  // ascending; levels[0] is the entry level (no thresholds)
  int review_month = 1, review_day = 1;
};

struct BonusDay {
  Day day = 0;
  int64_t multiplier_bp = 20000;
};

struct PointsRules {
  int64_t points_per_major = 1;     // points per major unit of spend (1 per yuan)
  int64_t point_value_minor = 1;    // money value of one point in minor units (1 fen)
  int64_t signup_bonus = 0, birthday_bonus = 0;
  int expire_after_years = 1;       // 0 = never
  std::vector<BonusDay> bonus_days;
};

enum class EntryKind : uint8_t { earn, redeem, expire, adjust, reverse };
const char* entry_kind_name(EntryKind k);  // "earn", ...
bool find_entry_kind(const std::string& s, EntryKind& out);

struct PointsEntry {
  int32_t customer = -1;
  Day day = 0;
  EntryKind kind = EntryKind::earn;
  int64_t delta = 0;
  std::string reason;    // code: "order", "signup", "birthday", "refund", "expiry", or the seller's text
  std::string order_id;  // empty when none
};

// Seller-entered entries (redeem, adjust) read from the store; customer by id.
struct ManualEntry {
  std::string customer_id;
  Day day = 0;
  EntryKind kind = EntryKind::adjust;
  int64_t delta = 0;
  std::string reason, order_id;
};

struct MemberProgramme {
  TierScheme tiers;
  PointsRules points;
  std::vector<ManualEntry> manual;
  std::vector<Day> birthdays;  // per Dataset customer index, -1 when unknown (filled by load)
};

// Checks the scheme and rules: levels ascending with strictly increasing thresholds (each used
// threshold above the previous level's), names unique and non-empty, multipliers >= 0,
// points_per_major >= 0, bonus multipliers >= 0; entries of manual kinds only. Error names the level.
Status validate(const MemberProgramme& p);

struct TierChange {
  Day day = 0;
  int32_t from = -1, to = -1;  // level indices; from -1 = joined
};

// 40 bytes: kept per member by the Members section (fixed-width, no per-member vectors; the
// tier history is ProgrammeResult::changes, kept only when asked).
struct MemberStatus {
  int32_t customer = -1;
  int16_t tier = 0;             // level index at `as_of`
  int16_t next_tier = -1;       // -1 at the top
  int32_t orders_12m = 0;
  int32_t orders_to_next = 0;   // more orders needed (when the next level has an order threshold)
  Money spend_12m = 0;
  Money spend_to_next = 0;      // more spend needed (when it has a spend threshold)
  int64_t points = 0;           // balance at `as_of`
};

// The next level above `tier` and what it takes from the 12-month figures: more spend (when
// the next level has a spend threshold) and more orders (when it has an order threshold).
struct TierGap {
  int16_t next_tier = -1;  // -1 at the top
  int32_t orders_to_next = 0;
  Money spend_to_next = 0;
};
TierGap tier_gap(const TierScheme& s, int tier, Money spend_12m, int64_t orders_12m);

struct ProgrammeResult {
  Day as_of = 0;
  std::vector<MemberStatus> members;   // customers with at least one valid order, by index
  std::vector<std::vector<TierChange>> changes;  // per `members` entry (when ProgrammeKeep::history)
  std::vector<int64_t> tier_counts;    // per level
  std::vector<PointsEntry> entries;    // the ledger in day order, derived + manual (when ProgrammeKeep::ledger)
  int64_t entry_count = 0;             // entries of the ledger, kept or not
  int64_t outstanding_points = 0;
  Money outstanding_value = 0;         // points x point_value_minor
};

// What a run keeps beyond the members' statuses. The Members section keeps neither the ledger
// (0.75 entries per order line) nor the histories: it reads one customer's entries when a
// profile opens (customer_ledger).
struct ProgrammeKeep {
  bool ledger = true;    // the entries (else only entry_count)
  bool history = true;   // each member's tier changes
  int32_t only = -1;     // >= 0: this customer index alone (members, counts and entries are its own)
};

// as_of = 0: the last order day. Error when validate fails or a manual entry names an unknown
// customer or a kind other than redeem/adjust, or a redemption would make a balance negative.
Result<ProgrammeResult> run_programme(const Dataset& ds, const MemberProgramme& p, Day as_of = 0, ProgrammeKeep keep = {});
// One customer's ledger at the last order day (day order), as run_programme derives it.
Result<std::vector<PointsEntry>> customer_ledger(const Dataset& ds, const MemberProgramme& p, int32_t customer);

// The programme stored with the store: settings "members.tiers" and "members.points" (JSON,
// see docs/members.md; defaults when absent), manual rows of points_ledger, customers' birthdays.
Result<MemberProgramme> load_programme(Store& store, const Dataset& ds);
MemberProgramme default_programme();
// Records a seller's entry (redeem or adjust) after checking it against the whole ledger (kind,
// sign, known customer, no redemption beyond the balance on its day): nothing is written when
// any check fails. Dated at noon of e.day.
Status add_point_entry(Store& store, const Dataset& ds, const ManualEntry& e);
// JSON of a scheme / rules (the settings' format) and back.
std::string tiers_to_json(const TierScheme& s);
Result<TierScheme> tiers_from_json(const std::string& text);
std::string points_rules_to_json(const PointsRules& r);
Result<PointsRules> points_rules_from_json(const std::string& text);

}  // namespace shopkeeper::members
