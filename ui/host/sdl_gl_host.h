// The one shared SDL window + GL context + ImGui backends setup, used by the desktop app
// (native/) and the web app (wasm/). Loads the CJK font subset and handles HiDPI.
#pragma once
#include <deque>
#include <functional>
#include <string>

#include <SDL_events.h>

#include "ui/host/input_gate.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/ui_font.h"

struct SDL_Window;

namespace shopkeeper::ui {

struct HostConfig {
  std::string title = "Shopkeeper";
  int width = 1280, height = 800;
  std::string font_path;        // TTF with the CJK subset
  std::string font_chars_path;  // UTF-8 list of the characters the subset covers
  float font_size = kUiFontSize;  // in logical pixels
  // Called with the path of a file dropped onto the window (desktop).
  std::function<void(const std::string&)> on_file_dropped;
  // Called after every drawn frame with the focused text field (or none): the web host moves
  // and focuses its hidden text element there; the desktop host sets SDL's text input rectangle
  // itself (the IME candidate window opens at the caret).
  std::function<void(const TextInputInfo&)> on_text_input;
  // Called when ImGui copies or cuts text (Ctrl/Cmd+C, X), after SDL's clipboard has it: the web
  // host also writes it to the system clipboard.
  std::function<void(const char*)> on_clipboard_set;
};

class SdlGlHost {
 public:
  bool init(const HostConfig& cfg, std::string& error);
  // One iteration: events, new frame, draw(), render, swap. Returns false once the user quits.
  // When nothing happened (no input, no resize) for a few frames and the app does not ask to
  // keep drawing (`keep_drawing`: sliced work in progress), frames are drawn at most every
  // 250 ms: an idle app costs almost no CPU or battery.
  bool frame(const std::function<void()>& draw, bool keep_drawing = false);
  void shutdown();
  void set_logical_size(int w, int h);
  // Asks for the next rendered frame to be written to a PNG file (tests, screenshots).
  bool screenshot(const std::string& path);
  float pixel_ratio() const { return pixel_ratio_; }
  SDL_Window* window() const { return window_; }
  int frames() const { return frames_; }

  // Text committed by an input method outside SDL (the browser's composition events): queued
  // as SDL_TEXTINPUT events, in order with the keys around it.
  void push_text(const std::string& utf8);
  // The input method's composition text, drawn at the caret until committed or cancelled.
  void set_preedit(std::string text) { preedit_ = std::move(text); }
  // A paste from outside (the browser's paste event or Clipboard API): the text becomes the
  // clipboard and a Ctrl+V is queued, so ImGui pastes it as it pastes its own.
  void paste(const std::string& text);

 private:
  // Events are queued and handed to ImGui in order; a frame takes events only up to the first
  // one that ImGui 1.86 (which keeps a key's state, not its presses) would lose or reorder (the
  // rules are in ui/host/input_gate.h: a second change of the same key or button, text after an
  // editing key, a press away from where the pointer was). The rest waits for the next frame,
  // which is drawn at once. Returns whether anything changed for ImGui.
  bool feed_events();
  static GateEvent gate_event(const SDL_Event& e);
  void give_to_imgui(const SDL_Event& e);
  void pointer_to_imgui();
  std::deque<SDL_Event> pending_;
  InputGate gate_;
  std::string preedit_;
  bool text_input_was_active_ = false;
  void load_fonts(float ratio);
  bool write_screenshot(const std::string& path);
  std::string screenshot_path_pending_;
  SDL_Window* window_ = nullptr;
  void* gl_ = nullptr;
  HostConfig cfg_;
  float pixel_ratio_ = 1.0f;
  int frames_ = 0;
  int quiet_frames_ = 0;
  unsigned int last_draw_ms_ = 0;
  int last_dw_ = 0, last_dh_ = 0;
  bool quit_ = false;
};

}  // namespace shopkeeper::ui
