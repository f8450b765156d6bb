// Issue #9 item 7: the store's time zone in the UI (docs/timezone.md): the offered zones and
// their names, an import through the Data section converting offsets into the store's zone,
// and "today" read in the store's zone.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "core/tz/embedded.h"
#include "core/tz/zone.h"
#include "ui/app.h"
#include "ui/i18n/zones.h"
#include "ui/panels/panels.h"
#include "harness.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;
using namespace shopkeeper::ui::testing;

namespace {

// A host whose today is the clock read in the store's zone (what the desktop and web hosts do).
class ClockPlatform : public FakePlatform {
 public:
  Day today() const override { return store_today_from_clock(); }
};

}  // namespace

TEST_CASE("timezone ui: every embedded zone is offered, named in both languages") {
  std::set<std::string> embedded, offered;
  for (size_t i = 0; i < tz::kEmbeddedZoneCount; ++i) embedded.insert(tz::kEmbeddedZones[i].name);
  const int64_t jan = 1704067200;  // 2024-01-01 00:00 UTC
  for (const ZoneName& z : offered_zones()) {
    CAPTURE(std::string(z.id));
    CHECK(offered.insert(z.id).second);  // listed once
    CHECK(tz::Zone::find(z.id).ok());
    // The Chinese label has no Latin letters (the Chinese UI shows no English).
    const std::string zh = zone_label(z.id, Lang::zh_CN, jan);
    for (char c : zh) CHECK_FALSE(((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')));
  }
  CHECK(offered == embedded);
  // With the offset at the given instant: New York is -05:00 in January, -04:00 in July.
  CHECK(zone_label("America/New_York", Lang::en, jan) == "New York (US Eastern)  UTC-05:00");
  CHECK(zone_label("America/New_York", Lang::zh_CN, jan + 182 * 86400) ==
        "\xE7\xBA\xBD\xE7\xBA\xA6\xEF\xBC\x88\xE7\xBE\x8E\xE5\x9B\xBD\xE4\xB8\x9C\xE9\x83\xA8\xEF\xBC\x89  -04:00");
  CHECK(zone_label("Asia/Kolkata", Lang::en, jan) == "India  UTC+05:30");
  // A fixed offset (not offered) reads as itself.
  CHECK(zone_label("+03:00", Lang::en, jan) == "+03:00");
}

TEST_CASE("timezone ui: an import through the Data section lands in the store's zone") {
  HeadlessImGui imgui;
  FakePlatform platform;
  auto path = std::filesystem::temp_directory_path() / ("sk-ui-tz-" + std::to_string(reinterpret_cast<uintptr_t>(&platform)) + ".csv");
  {
    std::ofstream f(path, std::ios::binary);
    // A generic order file: one order at 23:30 New York winter time (-05:00).
    f << "order_id,placed_at,status,sku,qty,unit_price\nNY-1,2024-03-10 23:30:00 -0500,completed,MUG-1,1,12.00\n";
  }
  App app;
  REQUIRE(app.ws.open_memory().ok());
  REQUIRE(app.ws.start_empty().ok());
  set_app_language(app, Lang::en);
  navigate(app, Section::data);
  start_import(app, path.string(), "ny.csv");
  REQUIRE(app.ui.data.job != nullptr);
  draw_frames(app, platform, 3);
  REQUIRE(confirm_import(app));
  for (int i = 0; i < 20 && app.ui.data.job; ++i) draw_frames(app, platform, 1);
  REQUIRE(app.ws.counts().orders == 1);
  // 04:30 UTC on 03-11 is 12:30 in the store's Asia/Shanghai: the order is on 2024-03-11.
  const Dataset& ds = app.ws.dataset();
  REQUIRE(ds.order_placed_at.size() == 1);
  CHECK(ds.order_placed_at[0] == start_of(days_from_civil(2024, 3, 11)) + 12 * 3600 + 30 * 60);
  std::filesystem::remove(path);
}

TEST_CASE("timezone ui: the app hands the store's zone to the host, whose today is read in it") {
  HeadlessImGui imgui;
  ClockPlatform platform;
  App app;
  REQUIRE(app.ws.open_memory().ok());
  REQUIRE(app.ws.set_setting("timezone", "America/New_York").ok());
  REQUIRE(app.ws.start_empty().ok());
  set_app_language(app, Lang::en);
  navigate(app, Section::settings);
  const std::string text = draw_frame_text(app, platform, ImVec2(1280, 800));
  CHECK(platform.store_zone().name() == "America/New_York");
  INFO(text);
  CHECK(text.find("New York (US Eastern)") != std::string::npos);  // Settings shows the zone by name
  // The same instant is 26 hours apart on the wall clocks of +14:00 and -12:00: their todays
  // differ by one or two days; the host's today follows the zone it is given.
  platform.set_store_zone(*tz::Zone::find("+14:00"));
  const Day east = platform.today();
  platform.set_store_zone(*tz::Zone::find("-12:00"));
  const Day west = platform.today();
  CHECK(east - west >= 1);
  CHECK(east - west <= 2);
}
