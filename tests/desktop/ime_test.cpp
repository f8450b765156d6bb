// Issue #9 item 1 (desktop): an input method's composition reaches the product search through
// the desktop host's own event path. Runs under Xvfb (tests/desktop/run.sh): the real SDL window
// and GL context of the desktop app (ui/host/sdl_gl_host.cpp), the pointer warped onto the
// search field and a click pushed as SDL events, then what an IME sends: SDL_TEXTEDITING with
// the pinyin being composed (shown at the caret, not typed), and SDL_TEXTINPUT with the chosen
// characters 金骏眉. The field must hold exactly 金骏眉 and the list show only the products
// whose title or SKU contains it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <SDL.h>
#include <imgui.h>

#include <cstring>
#include <string>

#include "tests/desktop/desktop_demo.h"
#include "ui/widgets/text_input.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

SDL_Event editing(const char* text, int start) {
  SDL_Event e{};
  e.type = SDL_TEXTEDITING;
  std::strncpy(e.edit.text, text, SDL_TEXTEDITINGEVENT_TEXT_SIZE - 1);
  e.edit.start = start;
  e.edit.length = 0;
  return e;
}

SDL_Event text_input(const char* text) {
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  std::strncpy(e.text.text, text, SDL_TEXTINPUTEVENT_TEXT_SIZE - 1);
  return e;
}

}  // namespace

TEST_CASE("desktop IME: SDL text-editing then text-input events deliver 金骏眉 into the product search") {
  desktop_test::DesktopDemo d(Section::products);
  SdlGlHost& host = d.host;
  App& app = d.app;
  auto frames = [&](int n) { d.frames(n); };
  const int64_t total = static_cast<int64_t>(app.ws.dataset().sku.size());
  int64_t expected = 0;
  for (const auto& t : app.ws.dataset().product_title)
    if (t.find("金骏眉") != std::string::npos) ++expected;
  REQUIRE(expected > 0);
  REQUIRE(expected < total);

  // Click into the search field: the pointer is moved there (the X server's pointer, which is
  // what SDL and ImGui read), then a press and a release as the window would get them.
  TestMark field = desktop_test::find_mark("products_filter");
  REQUIRE(field.x > 0);
  SDL_WarpMouseInWindow(host.window(), static_cast<int>(field.x), static_cast<int>(field.y));
  frames(2);
  for (Uint32 type : {SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP}) {
    desktop_test::push_button(host, type, static_cast<int>(field.x), static_cast<int>(field.y));
    frames(1);
  }
  frames(2);
  TextInputInfo ti = active_text_input();
  REQUIRE_MESSAGE(ti.active, "the click did not focus the search field");
  CHECK(ti.value == "");

  // The composition: pinyin while choosing. It is shown at the caret, never typed into the field.
  for (const char* pre : {"j", "jin", "jin'jun", "jin'jun'mei"}) {
    SDL_Event e = editing(pre, static_cast<int>(std::strlen(pre)));
    SDL_PushEvent(&e);
    frames(1);
    CHECK(active_text_input().value == "");
  }
  CHECK(app.ui.products.rows.size() == static_cast<size_t>(total));
  // The choice: the composed characters arrive as text input, then the composition ends.
  SDL_Event done = text_input("金骏眉");
  SDL_PushEvent(&done);
  SDL_Event end = editing("", 0);
  SDL_PushEvent(&end);
  frames(3);
  ti = active_text_input();
  CHECK(ti.active);
  CHECK(ti.value == "金骏眉");
  CHECK(app.ui.products.filter == "金骏眉");
  CHECK(static_cast<int64_t>(app.ui.products.rows.size()) == expected);
}
