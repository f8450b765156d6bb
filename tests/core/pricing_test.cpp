#include <doctest/doctest.h>

#include "core/pricing/margin.h"

using namespace shopkeeper;

TEST_SUITE("pricing") {
  TEST_CASE("list margin in basis points") {
    CHECK(*list_margin_bp(10000, 6000) == 4000);  // (100 - 60) / 100 = 40%
    CHECK(*list_margin_bp(300, 200) == 3333);     // 33.333% -> 3333 bp
    CHECK(*list_margin_bp(300, 100) == 6667);     // 66.667% rounds up
    CHECK(*list_margin_bp(1000, 1200) == -2000);  // selling below cost
    CHECK_FALSE(list_margin_bp(1000, std::nullopt).has_value());
    CHECK_FALSE(list_margin_bp(0, 100).has_value());
  }
}
