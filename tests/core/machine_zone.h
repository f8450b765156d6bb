// The machine's time zone for a test (issue #9, clock9: tests/core/store_clock_test.cpp,
// tests/ui/store_clock_ui_test.cpp): sets TZ for this process, as if the machine stood half a
// world away from the store, and puts it back when it goes out of scope. Under node (the wasm
// suite) localtime follows the JS engine, not TZ: there it changes nothing.
#pragma once
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace shopkeeper::fixture {

struct MachineZone {
  std::optional<std::string> was;
  explicit MachineZone(const char* zone) {
    if (const char* o = std::getenv("TZ")) was = o;
    setenv("TZ", zone, 1);
    tzset();
  }
  ~MachineZone() {
    if (was) setenv("TZ", was->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }
  MachineZone(const MachineZone&) = delete;
  MachineZone& operator=(const MachineZone&) = delete;
};

}  // namespace shopkeeper::fixture
