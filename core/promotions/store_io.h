// Reading promotions and guard inputs from a Store. The promotions table's spec_json column
// holds one promotion object in the JSON form of docs/promotions.md; the table's own columns
// (id, name, kind, layer, starts_at, ends_at, priority, exclusive, stackable) fill in what the
// spec leaves out. Money in the products table is already minor units.
// save_promotion / delete_promotion write through a Writer (inside the caller's transaction);
// the spec_json written is the promotion's full JSON form, so the columns and the spec agree.
#pragma once
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/promotions/guard.h"
#include "core/promotions/planner.h"
#include "core/promotions/promotion.h"
#include "core/store/db.h"
#include "core/store/store.h"

namespace shopkeeper::promo {

// Promotions whose status is one of `statuses` (e.g. {"active", "scheduled"}), by id, with
// the usage ledger's sums added to their counters (core/promotions/usage.h): what a quote or
// the guard should see. The editor reads load_stored_promotions (the counters as typed).
Result<std::vector<Promotion>> load_promotions(Db& db, const std::vector<std::string>& statuses);
// A promotion row with its status: draft (being edited, never applied), scheduled, active,
// paused, ended. Only active and scheduled promotions reach buyers and the guard.
struct StoredPromotion {
  Promotion promotion;
  std::string status;
};
inline constexpr const char* kPromotionStatuses[] = {"draft", "scheduled", "active", "paused", "ended"};
bool is_promotion_status(const std::string& s);

// Every promotion of the store with its status, by id.
Result<std::vector<StoredPromotion>> load_stored_promotions(Db& db);
// INSERT OR REPLACE of one promotion row (keyed by id). Error for an empty id, an unknown
// status or a failed statement.
Status save_promotion(Writer& w, const Promotion& p, const std::string& status);
// Deletes the row with `id` (no error when there is none).
Status delete_promotion(Writer& w, const std::string& id);

// The campaigns table (money already minor units); discount_bp is not stored and stays 0.
Result<std::vector<Campaign>> load_campaigns(Db& db);

// Products that are not retired, as guard inputs (tags split on commas).
Result<std::vector<GuardProduct>> load_guard_products(Db& db);

// The loss guard's floor and fee settings (basis points of the unit price paid), kept in the
// settings table; defaults 1000 (10 %) and 500 (5 %) when unset or not a number.
inline constexpr const char* kGuardFloorKey = "promo_guard_floor_bp";
inline constexpr const char* kGuardFeeKey = "promo_guard_fee_bp";
GuardOptions guard_settings(Store& store);

}  // namespace shopkeeper::promo
