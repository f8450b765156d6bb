// Check-list items about promotions that start on a given day ("tomorrow" in the morning
// check-list): one item per promotion whose window opens that day and is not ended, so the
// seller looks at it before buyers do. A warning when it will not run as saved (still a draft,
// or paused) or when the editor's validation finds problems in it; otherwise information.
#pragma once
#include <vector>

#include "core/analytics/checklist.h"
#include "core/promotions/store_io.h"
#include "core/promotions/validate.h"

namespace shopkeeper::promo {

// Items with key "promotion_starts" and ref = the promotion's id, in start-time order.
std::vector<ChecklistItem> promotions_starting(const std::vector<StoredPromotion>& rows, Day day);

}  // namespace shopkeeper::promo
