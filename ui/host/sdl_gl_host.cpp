#include "ui/host/sdl_gl_host.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "core/base/file.h"

namespace shopkeeper::ui {

bool SdlGlHost::init(const HostConfig& cfg, std::string& error) {
  cfg_ = cfg;
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    error = std::string("SDL_Init: ") + SDL_GetError();
    return false;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl = "#version 130";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);
  auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  window_ = SDL_CreateWindow(cfg.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, cfg.width, cfg.height, flags);
  if (!window_) {
    error = std::string("SDL_CreateWindow: ") + SDL_GetError();
    return false;
  }
  gl_ = SDL_GL_CreateContext(window_);
  if (!gl_) {
    error = std::string("no OpenGL context (WebGL2 needed in the browser): ") + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // layout is fixed; nothing to remember between runs
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
  ImGui_ImplOpenGL3_Init(glsl);

  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window_, &w, &h);
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  pixel_ratio_ = w > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.0f;
  if (pixel_ratio_ < 1.0f) pixel_ratio_ = 1.0f;
  load_fonts(pixel_ratio_);
  return true;
}

void SdlGlHost::load_fonts(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Rasterise at device pixels and scale back, so text is sharp on HiDPI screens.
  float px = cfg_.font_size * ratio;
  static ImVector<ImWchar> ranges;  // must outlive the atlas build
  ranges.clear();
  std::string chars = cfg_.font_chars_path.empty() ? std::string() : read_file(cfg_.font_chars_path).value_or("");
  ImFont* font = nullptr;
  if (!cfg_.font_path.empty() && !chars.empty()) {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.AddText(chars.c_str(), chars.c_str() + chars.size());
    b.BuildRanges(&ranges);
    ImFontConfig fc;
    fc.OversampleH = 1;  // CJK glyphs: horizontal oversampling mostly costs atlas space
    fc.OversampleV = 1;
    fc.PixelSnapH = true;
    font = io.Fonts->AddFontFromFileTTF(cfg_.font_path.c_str(), px, &fc, ranges.Data);
  }
  if (!font) {
    ImFontConfig fc;
    fc.SizePixels = px;
    io.Fonts->AddFontDefault(&fc);
  }
  io.Fonts->TexDesiredWidth = 4096;
  io.FontGlobalScale = 1.0f / ratio;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
}

void SdlGlHost::set_logical_size(int w, int h) {
  int cw = 0, ch = 0;
  SDL_GetWindowSize(window_, &cw, &ch);
  if (cw != w || ch != h) SDL_SetWindowSize(window_, w, h);
}

bool SdlGlHost::frame(const std::function<void()>& draw, bool keep_drawing) {
  bool idle = !keep_drawing && quiet_frames_ >= 3;
#ifndef __EMSCRIPTEN__
  // The desktop loop has no requestAnimationFrame pacing: sleep until input or the idle tick.
  if (idle) SDL_WaitEventTimeout(nullptr, 250);
#endif
  bool had_event = false;
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    had_event = true;
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) quit_ = true;
    if (e.type == SDL_DROPFILE && e.drop.file) {
      if (cfg_.on_file_dropped) cfg_.on_file_dropped(e.drop.file);
      SDL_free(e.drop.file);
    }
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == SDL_GetWindowID(window_))
      quit_ = true;
  }
  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window_, &w, &h);
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  float ratio = w > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.0f;
  if (ratio >= 1.0f && (ratio > pixel_ratio_ + 0.01f || ratio < pixel_ratio_ - 0.01f)) {
    pixel_ratio_ = ratio;  // moved to a screen with another density: re-rasterise
    load_fonts(ratio);
    had_event = true;
  }
  if (dw != last_dw_ || dh != last_dh_) {
    last_dw_ = dw;
    last_dh_ = dh;
    had_event = true;
  }
  unsigned int now = SDL_GetTicks();
  if (had_event || keep_drawing) quiet_frames_ = 0;
  else ++quiet_frames_;
  if (!had_event && idle && now - last_draw_ms_ < 250 && screenshot_path_pending_.empty()) return !quit_;
  last_draw_ms_ = now;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  draw();
  ImGui::Render();
  glViewport(0, 0, dw, dh);
  glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames_;
  if (!screenshot_path_pending_.empty()) {
    write_screenshot(screenshot_path_pending_);
    screenshot_path_pending_.clear();
  }
  SDL_GL_SwapWindow(window_);
  return !quit_;
}

bool SdlGlHost::screenshot(const std::string& path) {
  screenshot_path_pending_ = path;
  return true;
}

bool SdlGlHost::write_screenshot(const std::string& path) {
  int dw = 0, dh = 0;
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  std::vector<unsigned char> px(static_cast<size_t>(dw) * static_cast<size_t>(dh) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, dw, dh, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path.c_str(), dw, dh, 4, px.data(), dw * 4) != 0;
}

void SdlGlHost::shutdown() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  if (gl_) SDL_GL_DeleteContext(gl_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

}  // namespace shopkeeper::ui
