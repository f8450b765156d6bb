#include <doctest/doctest.h>

#include "core/base/date.h"
#include "core/base/money.h"

using namespace shopkeeper;

TEST_SUITE("base") {
  TEST_CASE("div_round rounds half away from zero") {
    CHECK(div_round(5, 2) == 3);
    CHECK(div_round(-5, 2) == -3);
    CHECK(div_round(4, 3) == 1);
    CHECK(div_round(-4, 3) == -1);
    CHECK(div_round(7, -2) == -4);
    CHECK(div_round(1, 3) == 0);
  }
  TEST_CASE("apply_bp") {
    CHECK(apply_bp(10000, 850) == 850);
    CHECK(apply_bp(333, 5000) == 167);   // 166.5 -> 167
    CHECK(apply_bp(-333, 5000) == -167);
    CHECK(apply_bp(1, 4999) == 0);
  }
  TEST_CASE("parse_money accepts the formats exports use") {
    CHECK(*parse_money("1299") == 129900);
    CHECK(*parse_money("¥1,299.00") == 129900);
    CHECK(*parse_money("￥1,299.5") == 129950);
    CHECK(*parse_money("$12") == 1200);
    CHECK(*parse_money("-12.05") == -1205);
    CHECK(*parse_money("$-3.10") == -310);
    CHECK(*parse_money("1.299,00", 2, true) == 129900);
    CHECK(*parse_money("12.500") == 1250);
    CHECK(*parse_money("25元") == 2500);
    CHECK_FALSE(parse_money("12.345").ok());
    CHECK_FALSE(parse_money("").ok());
    CHECK_FALSE(parse_money("abc").ok());
    CHECK_FALSE(parse_money("1.2.3").ok());
  }
  TEST_CASE("money_to_decimal") {
    CHECK(money_to_decimal(129900) == "1299.00");
    CHECK(money_to_decimal(-5) == "-0.05");
    CHECK(money_to_decimal(0) == "0.00");
  }
  TEST_CASE("civil days round trip and weekday") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    for (Day d = -1000; d < 30000; d += 37) {
      Ymd c = civil_from_days(d);
      CHECK(days_from_civil(c.y, c.m, c.d) == d);
    }
    CHECK(weekday(days_from_civil(2026, 11, 23)) == 0);  // a Monday
    CHECK(weekday(days_from_civil(2025, 11, 11)) == 1);  // a Tuesday
  }
  TEST_CASE("parse and format days and timestamps") {
    CHECK(format_day(*parse_day("2024-02-29")) == "2024-02-29");
    CHECK_FALSE(parse_day("2023-02-29").ok());
    CHECK_FALSE(parse_day("2023-13-01").ok());
    CHECK(*parse_day("2024/3/5") == days_from_civil(2024, 3, 5));
    CHECK(format_timestamp(*parse_timestamp("2025-11-11T00:05:00")) == "2025-11-11 00:05:00");
    CHECK(format_timestamp(*parse_timestamp("2025-11-11 23:59")) == "2025-11-11 23:59:00");
    CHECK_FALSE(parse_timestamp("2025-11-11 24:00").ok());
  }
  TEST_CASE("comparison periods") {
    DayRange r{days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 31)};
    CHECK(previous_period(r) == DayRange{days_from_civil(2025, 1, 29), days_from_civil(2025, 2, 28)});
    DayRange leap{days_from_civil(2024, 2, 29), days_from_civil(2024, 3, 1)};
    CHECK(same_period_last_year(leap) == DayRange{days_from_civil(2023, 2, 28), days_from_civil(2023, 3, 1)});
  }
}

#include "core/base/text.h"

TEST_SUITE("base") {
  TEST_CASE("natural order compares digit runs by value") {
    CHECK(natural_compare("SKU2", "SKU10") < 0);
    CHECK(natural_compare("SKU10", "SKU2") > 0);
    CHECK(natural_compare("SKU10", "SKU10") == 0);
    CHECK(natural_compare("A-0020", "A-0100") < 0);
    CHECK(natural_compare("A-020", "A-0020") < 0);  // same value: fewer leading zeros first
    CHECK(natural_compare("abc", "abd") < 0);
    CHECK(natural_compare("ab", "abc") < 0);
    CHECK(natural_compare("", "") == 0);
    CHECK(natural_compare("茶2", "茶10") < 0);
  }
}
