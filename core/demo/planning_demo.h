// The demo shop's planning data (issue #12), written after the orders in the same transaction
// and drawn from its own random stream, so the orders, customers and traffic stay byte-identical:
// two years of purchase orders per product (some late, some with rejected units, the newest
// ones of some products still open), order terms (case pack, MOQ), the five best sellers of the
// last four weeks set to 3..12 days of stock (they run out within two weeks), and this year's
// sales target (sales_targets month 0 = the yearly total: last year's sales + 15%).
#pragma once
#include <cstdint>

#include "core/base/date.h"
#include "core/base/result.h"

namespace shopkeeper {
class Writer;
}

namespace shopkeeper::demo {

Status write_planning_demo(Writer& w, uint64_t seed, Day end_day);

}  // namespace shopkeeper::demo
