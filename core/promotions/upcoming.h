// Check-list items about promotions that start on a given day ("tomorrow" in the morning
// check-list): one item per promotion whose window opens that day and is not ended, so the
// seller looks at it before buyers do. A warning when it will not run as saved (still a draft,
// or paused), when the editor's validation finds problems in it, or when the loss guard finds
// one of its SKUs sold below the floor price; otherwise information. The guard runs here only
// for promotions that cover few SKUs (flash sales, bundles, SKU lists: at most `max_guard_skus`),
// so the check-list stays instant; wider ones point to the Loss guard tab.
#pragma once
#include <vector>

#include "core/model/checklist_item.h"
#include "core/promotions/guard.h"
#include "core/promotions/store_io.h"
#include "core/promotions/validate.h"

namespace shopkeeper::promo {

struct StartingOptions {
  const std::vector<GuardProduct>* products = nullptr;  // none: no guard run
  GuardOptions guard;                                    // floor and fees, as the Loss guard tab
  size_t max_guard_skus = 50;
};

// Items with key "promotion_starts" and ref = the promotion's id, in start-time order.
std::vector<ChecklistItem> promotions_starting(const std::vector<StoredPromotion>& rows, Day day,
                                               const StartingOptions& opt = {});

}  // namespace shopkeeper::promo
