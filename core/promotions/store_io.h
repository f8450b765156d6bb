// Reading promotions and guard inputs from a Store. The promotions table's spec_json column
// holds one promotion object in the JSON form of docs/promotions.md; the table's own columns
// (id, name, kind, layer, starts_at, ends_at, priority, exclusive, stackable) fill in what the
// spec leaves out. Money in the products table is already minor units.
#pragma once
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/promotions/guard.h"
#include "core/promotions/promotion.h"
#include "core/store/db.h"

namespace shopkeeper::promo {

// Promotions whose status is one of `statuses` (e.g. {"active", "scheduled"}), by id.
Result<std::vector<Promotion>> load_promotions(Db& db, const std::vector<std::string>& statuses);
// Products that are not retired, as guard inputs (tags split on commas).
Result<std::vector<GuardProduct>> load_guard_products(Db& db);

}  // namespace shopkeeper::promo
