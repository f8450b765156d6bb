// Checks a set of promotions for mistakes a seller makes in the editor, in words:
// overlapping flash sales on one SKU, tiers that do not rise, a coupon worth its threshold or
// more, percentages out of range, windows that end before they start, and so on.
// `code` is a stable identifier for translation; `message` is the English text.
#pragma once
#include <string>
#include <vector>

#include "core/promotions/promotion.h"

namespace shopkeeper::promo {

struct ValidationIssue {
  std::string promotion;  // promotion id
  std::string field;      // e.g. "params.tiers[1].threshold"
  std::string code;       // e.g. "tier_not_rising"
  std::string message;
};

std::vector<ValidationIssue> validate(const std::vector<Promotion>& promotions);

}  // namespace shopkeeper::promo
