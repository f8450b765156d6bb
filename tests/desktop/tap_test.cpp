// Issue #9 (clock9), desktop: a click that jumps onto a tab. Under Xvfb (tests/desktop/run.sh),
// the desktop host's real SDL window: the pointer rests on Promotions' first tab, then jumps onto
// the Loss guard tab and presses at once, as a finger tap or a fast click does: the X server's
// pointer is warped there and its motion event read into SDL's queue, then the press and the
// release are queued behind it, all before the next frame. ImGui 1.86 did not see the tab as
// hovered in the frame the pointer arrived and pressed (the last frame hovered another tab), so
// the tab stayed; the host now hands the press over one frame after the move
// (ui/host/input_gate.h). The same jump onto a nav entry opens its section.
#include <doctest/doctest.h>
#include <SDL.h>
#include <imgui.h>

#include <string>

#include "tests/desktop/desktop_demo.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

// The pointer jumps to (x, y) and the left button goes down and up there, all queued before the
// next frame is drawn.
void jump_and_click(SdlGlHost& host, int x, int y) {
  SDL_WarpMouseInWindow(host.window(), x, y);
  for (int i = 0; i < 20; ++i) {  // the X server's motion event into SDL's queue
    SDL_Delay(10);
    SDL_PumpEvents();
    int mx = -1, my = -1;
    SDL_GetMouseState(&mx, &my);
    if (mx == x && my == y) break;
  }
  desktop_test::push_button(host, SDL_MOUSEBUTTONDOWN, x, y);
  desktop_test::push_button(host, SDL_MOUSEBUTTONUP, x, y);
}

}  // namespace

TEST_CASE("desktop tap: a click that jumps onto a tab or a nav entry and presses at once is not lost") {
  desktop_test::DesktopDemo d(Section::promotions);
  SdlGlHost& host = d.host;
  auto frames = [&](int n) { d.frames(n); };
  REQUIRE(std::string(shown_tab()) == "Promotions");
  TestMark first = desktop_test::find_mark("tab:Promotions"), guard = desktop_test::find_mark("tab:Loss guard");
  REQUIRE(first.x > 0);
  REQUIRE(guard.x > 0);
  // The pointer rests on the first tab: hovered.
  SDL_WarpMouseInWindow(host.window(), static_cast<int>(first.x), static_cast<int>(first.y));
  frames(3);
  jump_and_click(host, static_cast<int>(guard.x), static_cast<int>(guard.y));
  frames(5);
  CHECK(std::string(shown_tab()) == "Loss guard");

  // From the tab onto a nav entry: the Members section opens.
  TestMark members = desktop_test::find_mark("nav:members");
  REQUIRE(members.x > 0);
  jump_and_click(host, static_cast<int>(members.x), static_cast<int>(members.y));
  frames(5);
  CHECK(d.app.ui.section == Section::members);
}
