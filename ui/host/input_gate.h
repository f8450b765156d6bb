// Which queued input events the host hands to ImGui in this frame (ui/host/sdl_gl_host.cpp, the
// desktop and the web build alike). ImGui 1.86 keeps a key's or button's state per frame, not
// its presses, and sees the pointer where it is at the frame's start; so a frame takes events in
// queue order up to the first one it would lose or misplace, and the rest waits for the next
// frame (drawn at once). Stops before:
//   - a second change of the same key or mouse button in the frame;
//   - typed text after an editing key (ImGui applies a frame's characters before its keys), or
//     an editing key after typed text;
//   - a button press at a position other than the one ImGui saw in the last frame: the press is
//     a move in this frame (the pointer goes there) and a press in the next. A finger tap, or a
//     click that moves and presses at once (Playwright's mouse.click), jumps onto a control and
//     presses it in one go, and ImGui 1.86 does not see the control as hovered then: a tab or a
//     nav entry ignored the tap;
//   - a move or a button event at another position after a button changed in this frame (the
//     press is seen where it happened, not where the pointer went next).
// Nothing is dropped and the order is kept: release after press, text after its keys.
//
// The pointer and the buttons ImGui sees come from the events handed over (pointer(), down()),
// not from the window system's current state, which already holds what waits in the queue.
// No SDL here: the host classifies its events, and tests/ui/input_gate_test.cpp drives it.
#pragma once
#include <bitset>
#include <cstdint>

namespace shopkeeper::ui {

struct GateEvent {
  enum class Kind { key_down, key_up, text, button_down, button_up, motion, leave, other };
  Kind kind = Kind::other;
  int code = 0;          // key: scancode (< 512); button: 1 left, 2 middle, 3 right, ...
  bool editing = false;  // key_down: an editing key or a Ctrl/Cmd shortcut (not a modifier)
  int x = 0, y = 0;      // button, motion: the pointer's position in window pixels
};

class InputGate {
 public:
  // Starts a frame's hand-over.
  void begin_frame() {
    keys_.reset();
    typed_ = edited_ = false;
    pressed_ = released_ = 0;
  }

  // Whether `e` goes to ImGui in this frame. false: it waits, and so does everything after it.
  bool admit(const GateEvent& e) {
    using K = GateEvent::Kind;
    switch (e.kind) {
      case K::key_down:
      case K::key_up: {
        if (e.code < 0 || e.code >= static_cast<int>(keys_.size())) return true;
        const size_t k = static_cast<size_t>(e.code);
        if (keys_[k]) return false;  // this key already changed in this frame
        const bool editing = e.kind == K::key_down && e.editing;
        if (editing && typed_) return false;  // keep "text, then Backspace" in that order
        keys_.set(k);
        if (editing) edited_ = true;
        return true;
      }
      case K::text:
        if (edited_) return false;  // keep "Ctrl+A, then text" in that order
        typed_ = true;
        return true;
      case K::motion:
        if ((pressed_ | released_) && !at(e)) return false;  // a button changed here: seen here
        move_to(e);
        return true;
      case K::leave:
        if (pressed_ | released_) return false;
        has_pointer_ = false;
        return true;
      case K::button_down:
      case K::button_up: {
        const uint32_t bit = 1u << (static_cast<unsigned>(e.code) & 31u);
        const bool down = e.kind == K::button_down;
        if ((down ? pressed_ | released_ : released_) & bit) return false;  // a second click waits
        if ((pressed_ | released_) && !at(e)) return false;
        if (down && !(seen_ && seen_x_ == e.x && seen_y_ == e.y)) {
          move_to(e);  // jumped onto a control: this frame moves there, the next one presses
          return false;
        }
        move_to(e);
        if (down) held_ |= bit, pressed_ |= bit;
        else held_ &= ~bit, released_ |= bit;
        return true;
      }
      case K::other: return true;
    }
    return true;
  }

  // The frame is drawn with what was admitted: remember where ImGui saw the pointer.
  void end_frame() {
    seen_ = has_pointer_;
    seen_x_ = x_, seen_y_ = y_;
  }

  // The window system says no button is held and nothing waits in the queue: a release the
  // host never got (the pointer let go outside the window) is not held for ever.
  void release_all() { held_ = 0; }

  // Where ImGui sees the pointer this frame (false: no known position, off the window).
  bool pointer(float& x, float& y) const {
    x = static_cast<float>(x_), y = static_cast<float>(y_);
    return has_pointer_;
  }
  // Whether button `code` is down for ImGui this frame: held, or pressed in this frame (a press
  // and its release in one frame still show as down once, so the click is not lost).
  bool down(int code) const {
    const uint32_t bit = 1u << (static_cast<unsigned>(code) & 31u);
    return ((held_ | pressed_) & bit) != 0;
  }

 private:
  bool at(const GateEvent& e) const { return has_pointer_ && x_ == e.x && y_ == e.y; }
  void move_to(const GateEvent& e) {
    has_pointer_ = true;
    x_ = e.x, y_ = e.y;
  }

  std::bitset<512> keys_;
  bool typed_ = false, edited_ = false;
  uint32_t pressed_ = 0, released_ = 0, held_ = 0;  // buttons pressed / released in this frame; held
  bool has_pointer_ = false;
  int x_ = 0, y_ = 0;
  bool seen_ = false;  // the pointer ImGui saw in the last drawn frame
  int seen_x_ = 0, seen_y_ = 0;
};

}  // namespace shopkeeper::ui
