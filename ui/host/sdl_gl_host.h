// The one shared SDL window + GL context + ImGui backends setup, used by the desktop app
// (native/) and the web app (wasm/). Loads the CJK font subset and handles HiDPI.
#pragma once
#include <functional>
#include <string>

struct SDL_Window;

namespace shopkeeper::ui {

struct HostConfig {
  std::string title = "Shopkeeper";
  int width = 1280, height = 800;
  std::string font_path;        // TTF with the CJK subset
  std::string font_chars_path;  // UTF-8 list of the characters the subset covers
  float font_size = 15.0f;      // in logical pixels
  // Called with the path of a file dropped onto the window (desktop).
  std::function<void(const std::string&)> on_file_dropped;
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

 private:
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
