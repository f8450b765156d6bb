// Time zones (issue #9 item 7): offsets in exports converted into the store's zone at import,
// the zone rules read from the embedded TZif files, the store's zone validated and kept.
// Every figure below is worked out by hand in its comment (UTC instant first, then the zone's
// offset at that instant).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/importer.h"
#include "core/io/values.h"
#include "core/store/store_money.h"
#include "core/tz/embedded.h"
#include "core/tz/zone.h"
#include "tests/core/fixture.h"

using namespace shopkeeper;
using fixture::ts;

namespace {

tz::Zone zone(const char* name) {
  auto z = tz::Zone::find(name);
  REQUIRE_MESSAGE(z.ok(), name);
  return *z;
}

// Seconds since 1970 UTC of a UTC wall-clock time (the same arithmetic as a store timestamp).
int64_t utc(int y, int m, int d, int h = 0, int mi = 0, int s = 0) { return ts(y, m, d, h, mi, s); }

Timestamp read_into(const char* text, const tz::Zone& z) {
  auto t = parse_datetime(text, DateOrder::automatic, &z);
  REQUIRE_MESSAGE(t.ok(), text);
  return *t;
}

// A Shopify order export (the columns of tests/data/import/shopify_orders.csv), one line per
// order, each created at the given text.
std::string shopify_csv(const std::vector<std::pair<std::string, std::string>>& orders) {
  std::string csv =
      "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Currency,Subtotal,Shipping,Taxes,Total,"
      "Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
      "Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
      "Billing Name,Notes,Cancelled at,Refunded Amount,Shipping Country\n";
  for (const auto& [id, created] : orders)
    csv += id + ",a@example.com,paid,,fulfilled,,CNY,12.00,0.00,0.00,12.00,,0.00,Standard," + created +
           ",1,Mug,12.00,,MUG-1,true,true,fulfilled,Ann,,,0.00,China\n";
  return csv;
}

int64_t placed_at(Store& s, const std::string& id) {
  auto st = s.db().prepare("SELECT placed_at FROM orders WHERE id=?");
  REQUIRE(st.ok());
  st->bind(1, id);
  REQUIRE_MESSAGE(st->step(), id);
  return st->i64(0);
}

}  // namespace

TEST_CASE("timezone: zone suffixes as exports write them") {
  // Seconds east of UTC.
  CHECK(tz::parse_utc_offset("Z") == 0);
  CHECK(tz::parse_utc_offset("UTC") == 0);
  CHECK(tz::parse_utc_offset("GMT") == 0);
  CHECK(tz::parse_utc_offset("+08:00") == 8 * 3600);
  CHECK(tz::parse_utc_offset("+0800") == 8 * 3600);
  CHECK(tz::parse_utc_offset("+08") == 8 * 3600);
  CHECK(tz::parse_utc_offset("-0500") == -5 * 3600);
  CHECK(tz::parse_utc_offset("-05:00") == -5 * 3600);
  CHECK(tz::parse_utc_offset("+0530") == 5 * 3600 + 30 * 60);    // India
  CHECK(tz::parse_utc_offset("+05:45") == 5 * 3600 + 45 * 60);   // Nepal
  CHECK(tz::parse_utc_offset("GMT+8") == 8 * 3600);              // Douyin/JD style: east of UTC
  CHECK(tz::parse_utc_offset("UTC+08:00") == 8 * 3600);
  CHECK(tz::parse_utc_offset("UTC -5") == -5 * 3600);
  CHECK_FALSE(tz::parse_utc_offset("EST").has_value());     // an abbreviation: ambiguous (CST), refused
  CHECK_FALSE(tz::parse_utc_offset("+15").has_value());     // beyond +14
  CHECK_FALSE(tz::parse_utc_offset("+08:60").has_value());
  CHECK_FALSE(tz::parse_utc_offset("+08:0").has_value());
  CHECK_FALSE(tz::parse_utc_offset("+").has_value());
  CHECK_FALSE(tz::parse_utc_offset("08:00").has_value());   // no sign
}

TEST_CASE("timezone: a time with an offset is converted into the store's zone") {
  const tz::Zone sh = zone("Asia/Shanghai");
  // 2024-03-10 23:30 at -05:00 is 04:30 UTC on 03-11; Shanghai is +08:00: 12:30 on 03-11.
  CHECK(read_into("2024-03-10 23:30:00 -0500", sh) == ts(2024, 3, 11, 12, 30));
  // 16:30Z is 00:30 the next day in Shanghai: the order moves to 2024-03-11.
  CHECK(read_into("2024-03-10T16:30:00Z", sh) == ts(2024, 3, 11, 0, 30));
  CHECK(read_into("2024-03-10T16:30:00.250+00:00", sh) == ts(2024, 3, 11, 0, 30));
  // Already in +08:00 (the Shopify fixture of a Chinese shop): unchanged.
  CHECK(read_into("2024-03-01 10:15:00 +0800", sh) == ts(2024, 3, 1, 10, 15));
  CHECK(read_into("2024/3/1 10:15 GMT+8", sh) == ts(2024, 3, 1, 10, 15));
  // No suffix: the shop's own wall clock, kept as written (in any store zone).
  CHECK(read_into("2024-03-10 23:30:00", sh) == ts(2024, 3, 10, 23, 30));
  CHECK(read_into("2024-03-10 23:30:00", zone("America/New_York")) == ts(2024, 3, 10, 23, 30));
  // 8:26 PM at UTC-3 is 23:26 UTC, 07:26 the next morning in Shanghai.
  CHECK(read_into("2024-03-10 8:26 PM -03:00", sh) == ts(2024, 3, 11, 7, 26));
  // A store in a fixed offset: +05:30 of 2024-03-10 23:30 -0500 (04:30 UTC) is 10:00.
  CHECK(read_into("2024-03-10 23:30:00 -0500", zone("+05:30")) == ts(2024, 3, 11, 10, 0));
  // Without a zone to convert into, the suffix is dropped (the wall clock as written).
  auto t = parse_datetime("2024-03-10 23:30:00 -0500", DateOrder::automatic);
  REQUIRE(t.ok());
  CHECK(*t == ts(2024, 3, 10, 23, 30));
  // A suffix that is no offset is refused, and says which text it was.
  std::string bad;
  auto e = parse_datetime("2024-03-10 23:30:00 EST", DateOrder::automatic, &sh, &bad);
  REQUIRE_FALSE(e.ok());
  CHECK(bad == "EST");
  CHECK(e.error().message.find("not a time zone: \"EST\"") != std::string::npos);
  // A date column written with a time and an offset lands on the store's day.
  auto d = parse_date("2024-03-10T23:30:00-05:00", DateOrder::automatic, &sh);
  REQUIRE(d.ok());
  CHECK(*d == fixture::D(2024, 3, 11));
}

TEST_CASE("timezone: daylight saving in America/New_York and Europe/London") {
  const tz::Zone ny = zone("America/New_York");
  // Spring forward 2024-03-10: 02:00 EST (07:00 UTC) becomes 03:00 EDT.
  CHECK(ny.offset_at(utc(2024, 3, 10, 6, 59, 59)) == -5 * 3600);
  CHECK(ny.local(utc(2024, 3, 10, 6, 59, 59)) == ts(2024, 3, 10, 1, 59, 59));
  CHECK(ny.offset_at(utc(2024, 3, 10, 7)) == -4 * 3600);
  CHECK(ny.local(utc(2024, 3, 10, 7)) == ts(2024, 3, 10, 3, 0));
  // Fall back 2024-11-03: 02:00 EDT (06:00 UTC) becomes 01:00 EST; 05:30 UTC and 06:30 UTC
  // are both 01:30 on the wall clock.
  CHECK(ny.local(utc(2024, 11, 3, 5, 30)) == ts(2024, 11, 3, 1, 30));
  CHECK(ny.local(utc(2024, 11, 3, 6, 30)) == ts(2024, 11, 3, 1, 30));
  CHECK(ny.offset_at(utc(2024, 11, 3, 5, 59, 59)) == -4 * 3600);
  CHECK(ny.offset_at(utc(2024, 11, 3, 6)) == -5 * 3600);
  // An export in UTC into a New York store: 2024-03-10T06:30Z is 01:30 EST, 07:30Z 03:30 EDT.
  CHECK(read_into("2024-03-10T06:30:00Z", ny) == ts(2024, 3, 10, 1, 30));
  CHECK(read_into("2024-03-10T07:30:00Z", ny) == ts(2024, 3, 10, 3, 30));
  // A Shanghai time into New York in July: 2024-07-01 08:00 +08:00 is 00:00 UTC, 20:00 EDT of 06-30.
  CHECK(read_into("2024-07-01 08:00:00 +08:00", ny) == ts(2024, 6, 30, 20, 0));
  const tz::Zone london = zone("Europe/London");
  // BST from 2024-03-31 01:00 UTC to 2024-10-27 01:00 UTC.
  CHECK(london.offset_at(utc(2024, 3, 31, 0, 59)) == 0);
  CHECK(london.offset_at(utc(2024, 3, 31, 1)) == 3600);
  CHECK(london.local(utc(2024, 7, 1, 12)) == ts(2024, 7, 1, 13));
  CHECK(london.offset_at(utc(2024, 10, 27, 1)) == 0);
  // Shanghai has kept +08:00 since 1991 (no daylight saving).
  CHECK(zone("Asia/Shanghai").offset_at(utc(2024, 7, 1)) == 8 * 3600);
}

TEST_CASE("timezone: past the last transition the TZif footer's rule holds") {
  // Debian's TZif files list transitions up to 2037; 2040 is read from the POSIX rule
  // EST5EDT,M3.2.0,M11.1.0: second Sunday of March to first Sunday of November.
  const tz::Zone ny = zone("America/New_York");
  CHECK(ny.offset_at(utc(2040, 1, 15)) == -5 * 3600);
  CHECK(ny.offset_at(utc(2040, 7, 1, 12)) == -4 * 3600);
  // 2040-03-11 is the second Sunday of March: 06:59:59 UTC is EST, 07:00 UTC EDT.
  CHECK(ny.offset_at(utc(2040, 3, 11, 6, 59, 59)) == -5 * 3600);
  CHECK(ny.offset_at(utc(2040, 3, 11, 7)) == -4 * 3600);
  // The southern summer: Sydney AEST-10AEDT,M10.1.0,M4.1.0/3 is +11 in January, +10 in July.
  const tz::Zone syd = zone("Australia/Sydney");
  CHECK(syd.offset_at(utc(2040, 1, 1)) == 11 * 3600);
  CHECK(syd.offset_at(utc(2040, 7, 1)) == 10 * 3600);
  CHECK(syd.offset_at(utc(2024, 1, 1)) == 11 * 3600);
}

TEST_CASE("timezone: the store's zone is checked against the embedded database") {
  CHECK(check_timezone("Asia/Shanghai").ok());
  CHECK(check_timezone("America/New_York").ok());
  CHECK(check_timezone("Europe/London").ok());
  CHECK(check_timezone("UTC").ok());
  CHECK(check_timezone("+08:00").ok());
  CHECK(check_timezone("UTC-5").ok());
  CHECK_FALSE(check_timezone("Mars/Olympus_Mons").ok());     // the shape of a name, not a zone
  CHECK_FALSE(check_timezone("asia/shanghai").ok());
  CHECK_FALSE(check_timezone("").ok());
  CHECK_FALSE(check_timezone("+25:00").ok());
  auto st = check_timezone("Mars/Olympus_Mons");
  CHECK(st.error().message.find("\"Mars/Olympus_Mons\" is not in the time-zone database") != std::string::npos);
  // The embedded table is sorted (Zone::find searches it) and holds every offered zone's data.
  auto names = tz::zone_names();
  CHECK(names.size() >= 50);
  CHECK(std::is_sorted(names.begin(), names.end()));
  for (size_t i = 0; i < tz::kEmbeddedZoneCount; ++i) {
    std::string name = tz::kEmbeddedZones[i].name;
    CAPTURE(name);
    CHECK(tz::Zone::find(name).ok());
  }
}

TEST_CASE("timezone: a Shopify export at -05:00 into an Asia/Shanghai store") {
  Store s = fixture::memory_store();
  ImportOptions o;
  o.file_name = "shopify-ny.csv";
  o.timezone = "Asia/Shanghai";
  Importer imp;
  REQUIRE(imp.begin(shopify_csv({{"#1", "2024-03-10 23:30:00 -0500"},   // 04:30 UTC 03-11 -> 12:30 03-11
                                 {"#2", "2024-03-10 10:00:00 -0500"},   // 15:00 UTC -> 23:00 03-10
                                 {"#3", "2024-03-10 09:00:00"}}),       // no zone: as written
                    o)
              .ok());
  auto r = imp.commit(s);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(r->orders_imported == 3);
  CHECK(placed_at(s, "#1") == ts(2024, 3, 11, 12, 30));
  CHECK(day_of(placed_at(s, "#1")) == fixture::D(2024, 3, 11));
  CHECK(placed_at(s, "#2") == ts(2024, 3, 10, 23, 0));
  CHECK(placed_at(s, "#3") == ts(2024, 3, 10, 9, 0));
}

TEST_CASE("timezone: import_file converts into the store's own zone setting") {
  Store s = fixture::memory_store();
  REQUIRE(s.set_setting("timezone", "America/New_York").ok());
  // 2024-03-10 07:30 UTC is after the spring-forward: 03:30 EDT.
  const std::string path = fixture::temp_file("sk-tz-import-" + std::to_string(reinterpret_cast<uintptr_t>(&s)) + ".csv",
                                              shopify_csv({{"#9", "2024-03-10T07:30:00Z"}}));
  auto r = import_file(s, path, {});
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(placed_at(s, "#9") == ts(2024, 3, 10, 3, 30));
}

TEST_CASE("timezone: a bad zone suffix is a row issue naming line and field") {
  Store s = fixture::memory_store();
  ImportOptions o;
  o.file_name = "bad-zone.csv";
  Importer imp;
  REQUIRE(imp.begin(shopify_csv({{"#1", "2024-03-10 23:30:00 -0500"}, {"#2", "2024-03-10 23:30:00 EST"}}), o).ok());
  auto r = imp.commit(s);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(r->orders_imported == 1);
  REQUIRE(r->errors.size() == 1);
  const RowError& e = r->errors[0];
  CHECK(e.line == 3);                 // the header is line 1, #2 is line 3
  CHECK(e.column == "Created at");
  CHECK(e.field == "placed_at");
  CHECK(e.why == RowWhy::bad_time_zone);
  CHECK(e.a == "EST");
  CHECK(describe_error("bad-zone.csv", e).find("line 3") != std::string::npos);
}

TEST_CASE("timezone: an unknown store zone stops the import before anything is read") {
  Importer imp;
  ImportOptions o;
  o.file_name = "x.csv";
  o.timezone = "Mars/Olympus_Mons";
  auto st = imp.begin(shopify_csv({{"#1", "2024-03-10 23:30:00"}}), o);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("x.csv: time zone \"Mars/Olympus_Mons\"") == 0);
}

TEST_CASE("timezone: a store that holds orders keeps its zone") {
  Store s = fixture::memory_store();
  StoreMoney m;
  m.timezone = "America/New_York";
  // An empty store may choose (and choose again).
  REQUIRE(s.write([&](Writer& w) { return write_store_money(w, m); }).ok());
  m.timezone = "Europe/London";
  REQUIRE(s.write([&](Writer& w) { return write_store_money(w, m); }).ok());
  CHECK(read_store_money(s).timezone == "Europe/London");
  REQUIRE(s.write([&](Writer& w) -> Status {
              auto added = w.add_order(fixture::order("O1", "2024-03-10 10:00:00"));
              if (!added) return added.error();
              return Ok{};
            }).ok());
  // Same zone: fine (the currency is saved with it).
  CHECK(s.write([&](Writer& w) { return write_store_money(w, m); }).ok());
  // Another zone: refused in words, nothing changed.
  m.timezone = "Asia/Tokyo";
  auto st = s.write([&](Writer& w) { return write_store_money(w, m); });
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::conflict);
  CHECK(st.error().message.find("holds orders timed in Europe/London") != std::string::npos);
  CHECK(read_store_money(s).timezone == "Europe/London");
  CHECK_FALSE(check_timezone_change(s.db(), "Asia/Tokyo").ok());
  CHECK(check_timezone_change(s.db(), "Europe/London").ok());
}
