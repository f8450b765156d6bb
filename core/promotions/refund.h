// Refund quote: what to pay back when a buyer returns part of an order. Money is int64 minor
// units. The order is re-quoted as kept (same moment, same coupons, at most the same points);
// the goods refund is what the buyer paid minus what the kept items now cost, never more than
// the returned units' share of what was paid. The gap between the two is a discount that no
// longer holds (e.g. a threshold the kept items miss); it is taken from the returned lines in
// proportion to their shares (largest remainder). Shipping is refunded only when every unit is
// returned; a lost free-shipping threshold is not charged. Unused points go back as points.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/promotions/engine.h"

namespace shopkeeper::promo {

struct RefundLine {
  int32_t line = 0;
  std::string sku;
  int64_t qty = 0;       // units returned
  Money paid_share = 0;  // line paid * returned / qty, rounded half away from zero
  Money clawback = 0;    // share of the discount that no longer holds
  Money refund = 0;      // paid_share - clawback
};

struct RefundQuote {
  std::vector<RefundLine> lines;  // returned lines only
  Money goods_refund = 0;
  Money shipping_refund = 0;
  Money total = 0;
  Money clawback = 0;
  int64_t points_returned = 0;
  std::vector<std::string> lost;  // promotions (and gifts) that applied before and no longer do
  Quote original, kept;
};

// `return_qty[i]` units of cart line i come back (0..qty).
Result<RefundQuote> refund_quote(const QuoteInput& order, const std::vector<int64_t>& return_qty);

}  // namespace shopkeeper::promo
