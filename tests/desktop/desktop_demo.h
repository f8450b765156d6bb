// The desktop tests' set-up (ime_test.cpp, tap_test.cpp): the desktop app's real SDL window and
// GL context (ui/host/sdl_gl_host.cpp) at 1280x800 under Xvfb, and an App on a small in-memory
// demo store (3,000 order lines, 300 products, 6 months to 2026-11-22; today 2026-11-23).
#pragma once
#include <SDL.h>
#include <doctest/doctest.h>

#include <string>

#include "core/demo/generator.h"
#include "ui/app.h"
#include "ui/host/sdl_gl_host.h"
#include "ui/panels/panels.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui::desktop_test {

struct DesktopDemo {
  SdlGlHost host;
  NullPlatform platform{days_from_civil(2026, 11, 23), ":memory:"};
  App app;

  explicit DesktopDemo(Section section) {
    HostConfig cfg;
    cfg.width = 1280, cfg.height = 800;
    std::string err;
    REQUIRE_MESSAGE(host.init(cfg, err), err);
    REQUIRE(app.ws.open_memory().ok());
    DemoOptions opt;
    opt.order_lines = 3000;
    opt.products = 300;  // the demo catalogue's tea names include 金骏眉
    opt.months = 6;
    opt.end_day = days_from_civil(2026, 11, 22);
    REQUIRE(app.ws.open_demo(opt).ok());
    navigate(app, section);
    frames(4);
  }
  ~DesktopDemo() { host.shutdown(); }
  DesktopDemo(const DesktopDemo&) = delete;
  DesktopDemo& operator=(const DesktopDemo&) = delete;

  void frames(int n) {
    for (int i = 0; i < n; ++i) host.frame([&] { draw_app(app, platform); }, true);
  }
};

// Queues a left-button press or release at (x, y) in the window, as the window system sends it.
inline void push_button(SdlGlHost& host, Uint32 type, int x, int y) {
  SDL_Event e{};
  e.type = type;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
  e.button.clicks = 1;
  e.button.x = x, e.button.y = y;
  e.button.windowID = SDL_GetWindowID(host.window());
  SDL_PushEvent(&e);
}

// Where the item marked `name` was drawn in the last frame (x 0 when it was not).
inline TestMark find_mark(const std::string& name) {
  TestMark at{};
  for (const auto& m : test_marks())
    if (m.name == name) at = m;
  return at;
}

}  // namespace shopkeeper::ui::desktop_test
