// Issue #9 (clock9): touch taps that jump onto a control. ImGui 1.86 does not see a tab as
// hovered when the pointer arrives and presses in the same frame while the last frame hovered
// another item (ButtonBehavior's AllowItemOverlap rule), so a finger tap on a tab, or a
// mouse.click that moves and presses at once, was lost. The host's gate (ui/host/input_gate.h)
// hands such a press over as the move in one frame and the press in the next. These cases drive
// the gate alone, then ImGui with a tab bar fed the way sdl_gl_host.cpp feeds it.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <deque>
#include <string>
#include <vector>

#include "tests/ui/harness.h"
#include "ui/host/input_gate.h"

using namespace shopkeeper::ui;
using K = GateEvent::Kind;

namespace {

GateEvent motion(int x, int y) { return {K::motion, 0, false, x, y}; }
GateEvent press(int x, int y, int b = 1) { return {K::button_down, b, false, x, y}; }
GateEvent release(int x, int y, int b = 1) { return {K::button_up, b, false, x, y}; }
GateEvent key(K k, int code, bool editing = false) { return {k, code, editing, 0, 0}; }

// One frame's hand-over as the host does it: admitted events leave the queue; returns how many.
size_t feed(InputGate& g, std::deque<GateEvent>& q) {
  g.begin_frame();
  size_t n = 0;
  while (!q.empty() && g.admit(q.front())) q.pop_front(), ++n;
  return n;
}

}  // namespace

TEST_SUITE("clock9") {
  TEST_CASE("input gate: a press away from the pointer is a move this frame and a press the next") {
    InputGate g;
    std::deque<GateEvent> q{motion(10, 10)};
    feed(g, q);
    g.end_frame();  // ImGui saw the pointer at (10, 10)
    float x = 0, y = 0;
    // A tap at (200, 40): SDL's touch-as-mouse sends the move, the press and the release together.
    q = {motion(200, 40), press(200, 40), release(200, 40)};
    CHECK(feed(g, q) == 1);  // the move only
    REQUIRE(g.pointer(x, y));
    CHECK(x == 200);
    CHECK(y == 40);
    CHECK_FALSE(g.down(1));
    g.end_frame();
    CHECK(feed(g, q) == 2);  // press, then its release, in this frame
    CHECK(q.empty());
    CHECK(g.down(1));  // pressed and released in one frame still shows as down once
    g.end_frame();
    CHECK(feed(g, q) == 0);
    CHECK_FALSE(g.down(1));

    // A press with no move event before it (a pushed event, a first touch) moves first too.
    q = {press(50, 60), release(50, 60)};
    CHECK(feed(g, q) == 0);
    REQUIRE(g.pointer(x, y));
    CHECK(x == 50);
    CHECK_FALSE(g.down(1));
    g.end_frame();
    CHECK(feed(g, q) == 2);
    CHECK(g.down(1));
    g.end_frame();

    // A press where ImGui already sees the pointer goes at once.
    q = {press(50, 60), release(50, 60)};
    CHECK(feed(g, q) == 2);
    g.end_frame();
  }

  TEST_CASE("input gate: order and nothing lost: release after press, moves after a press wait") {
    InputGate g;
    std::deque<GateEvent> q{motion(5, 5)};
    feed(g, q);
    g.end_frame();
    // Press at (5, 5), drag to (30, 5), release there: the press is seen at (5, 5), the move and
    // the release in the next frame.
    q = {press(5, 5), motion(30, 5), release(30, 5)};
    CHECK(feed(g, q) == 1);
    float x = 0, y = 0;
    REQUIRE(g.pointer(x, y));
    CHECK(x == 5);
    CHECK(g.down(1));
    g.end_frame();
    CHECK(feed(g, q) == 2);
    REQUIRE(g.pointer(x, y));
    CHECK(x == 30);
    CHECK_FALSE(g.down(1));
    g.end_frame();
    // A double click at one place: the second click waits a frame (as before).
    q = {press(30, 5), release(30, 5), press(30, 5), release(30, 5)};
    CHECK(feed(g, q) == 2);
    g.end_frame();
    CHECK(feed(g, q) == 2);
    g.end_frame();
    // Keys keep the old rules: a second change of a key, and text after an editing key, wait.
    q = {key(K::key_down, 4), key(K::key_up, 4)};
    CHECK(feed(g, q) == 1);
    CHECK(feed(g, q) == 1);
    q = {key(K::key_down, 42, true), key(K::text, 0), key(K::key_up, 42)};
    CHECK(feed(g, q) == 1);
    CHECK(feed(g, q) == 2);
    // The pointer leaving the window is no position.
    q = {{K::leave}};
    CHECK(feed(g, q) == 1);
    CHECK_FALSE(g.pointer(x, y));
  }

  TEST_CASE("input gate: ImGui 1.86 loses a tap that jumps onto a tab; through the gate it switches the tab") {
    testing::HeadlessImGui imgui;
    int shown = 0;
    ImVec2 tab_pos[3];
    auto draw = [&] {
      ImGuiIO& io = ImGui::GetIO();
      io.DisplaySize = ImVec2(800, 600);
      io.DeltaTime = 1.0f / 60.0f;
      ImGui::NewFrame();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(800, 600));
      ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
      if (ImGui::BeginTabBar("tabs")) {
        const char* names[3] = {"First tab", "Second tab", "Third tab"};
        for (int i = 0; i < 3; ++i) {
          const bool open = ImGui::BeginTabItem(names[i]);
          tab_pos[i] = ImGui::GetCurrentContext()->LastItemData.Rect.GetCenter();  // the tab itself
          if (open) {
            shown = i;
            ImGui::EndTabItem();
          }
        }
        ImGui::EndTabBar();
      }
      ImGui::End();
      ImGui::Render();
    };
    ImGuiIO& io = ImGui::GetIO();
    auto at = [](ImVec2 p) { return std::pair<int, int>(static_cast<int>(p.x), static_cast<int>(p.y)); };
    // The pointer rests on the first tab (hovered), as after a tap there. (The tabs have their
    // places from the second frame on.)
    draw();
    draw();
    io.MousePos = tab_pos[0];
    draw();
    draw();
    REQUIRE(shown == 0);

    // Without the gate: the move and the press in one frame, the release in the next.
    io.MousePos = tab_pos[1];
    io.MouseDown[0] = true;
    draw();
    io.MouseDown[0] = false;
    draw();
    draw();
    CHECK_MESSAGE(shown == 0, "ImGui now sees a tab jumped onto and pressed in one frame: the gate's extra frame may go");

    // Through the gate, fed as the host feeds ImGui: the same tap switches to the second tab.
    InputGate g;
    std::deque<GateEvent> q{motion(at(tab_pos[0]).first, at(tab_pos[0]).second)};
    auto frame = [&] {
      feed(g, q);
      float x = 0, y = 0;
      io.MousePos = g.pointer(x, y) ? ImVec2(x, y) : ImVec2(-FLT_MAX, -FLT_MAX);
      io.MouseDown[0] = g.down(1);
      draw();
      g.end_frame();
    };
    frame();
    frame();
    auto [x1, y1] = at(tab_pos[1]);
    q = {motion(x1, y1), press(x1, y1), release(x1, y1)};
    for (int i = 0; i < 4; ++i) frame();
    CHECK(q.empty());
    CHECK(shown == 1);
    // And a tap with no move before it (a pushed press) on the third tab.
    auto [x2, y2] = at(tab_pos[2]);
    q = {press(x2, y2), release(x2, y2)};
    for (int i = 0; i < 4; ++i) frame();
    CHECK(shown == 2);
  }
}
