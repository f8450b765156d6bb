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

#include <cfloat>
#include <cstring>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "core/base/file.h"
#include "ui/widgets/ui_font.h"

namespace shopkeeper::ui {

namespace {
SdlGlHost* g_host = nullptr;  // for ImGui's clipboard callbacks (one host per process)
char* g_clipboard = nullptr;

const char* get_clipboard(void*) {
  if (g_clipboard) SDL_free(g_clipboard);
  g_clipboard = SDL_GetClipboardText();
  return adapt_clipboard_for_active_field(g_clipboard);
}

}  // namespace

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
  g_host = this;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = [](void*, const char* text) {
    SDL_SetClipboardText(text);
    if (g_host && g_host->cfg_.on_clipboard_set) g_host->cfg_.on_clipboard_set(text);
  };
  io.ClipboardUserData = nullptr;
#ifndef __EMSCRIPTEN__
  // Desktop input methods: SDL_TEXTEDITING carries the composition, the candidate window opens
  // at the rectangle given to SDL_SetTextInputRect (the caret of the focused field).
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
  SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
#endif

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
  std::string chars = cfg_.font_chars_path.empty() ? std::string() : read_file(cfg_.font_chars_path).value_or("");
  ImFont* font = add_ui_font(*io.Fonts, cfg_.font_path, chars, px);
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
  bool had_event = feed_events();
  if (!pending_.empty()) {
    had_event = true;  // events left for the next frame: draw it at once
    quiet_frames_ = 0;
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
  pointer_to_imgui();
  ImGui::NewFrame();
  draw();
  TextInputInfo text = active_text_input();
  if (!text.active) preedit_.clear();
  draw_preedit(preedit_);
  if (text.active || text_input_was_active_) {
#ifndef __EMSCRIPTEN__
    if (text.active) {
      SDL_Rect r{static_cast<int>(text.caret_x), static_cast<int>(text.caret_y), 1, static_cast<int>(text.line_height)};
      SDL_SetTextInputRect(&r);
    }
#endif
    if (cfg_.on_text_input) cfg_.on_text_input(text);
  }
  text_input_was_active_ = text.active;
  ImGui::Render();
  glViewport(0, 0, dw, dh);
  glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  gate_.end_frame();
  ++frames_;
  if (!screenshot_path_pending_.empty()) {
    write_screenshot(screenshot_path_pending_);
    screenshot_path_pending_.clear();
  }
  SDL_GL_SwapWindow(window_);
  return !quit_;
}

namespace {
bool is_editing_key(SDL_Scancode sc) {
  switch (sc) {
    case SDL_SCANCODE_BACKSPACE: case SDL_SCANCODE_DELETE: case SDL_SCANCODE_RETURN: case SDL_SCANCODE_KP_ENTER:
    case SDL_SCANCODE_TAB: case SDL_SCANCODE_ESCAPE: case SDL_SCANCODE_LEFT: case SDL_SCANCODE_RIGHT:
    case SDL_SCANCODE_UP: case SDL_SCANCODE_DOWN: case SDL_SCANCODE_HOME: case SDL_SCANCODE_END:
    case SDL_SCANCODE_PAGEUP: case SDL_SCANCODE_PAGEDOWN: case SDL_SCANCODE_INSERT:
      return true;
    default:
      return false;
  }
}
bool is_modifier_key(SDL_Scancode sc) { return sc >= SDL_SCANCODE_LCTRL && sc <= SDL_SCANCODE_RGUI; }
}  // namespace

bool SdlGlHost::feed_events() {
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    if (e.type == SDL_QUIT) quit_ = true;
    if (e.type == SDL_DROPFILE) {
      if (e.drop.file) {
        if (cfg_.on_file_dropped) cfg_.on_file_dropped(e.drop.file);
        SDL_free(e.drop.file);
      }
      continue;
    }
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == SDL_GetWindowID(window_))
      quit_ = true;
    if (e.type == SDL_TEXTEDITING) {  // desktop IME composition: not ImGui's business
      preedit_ = e.edit.text;
      continue;
    }
    if (e.type == SDL_TEXTEDITING_EXT) {
      preedit_ = e.editExt.text ? e.editExt.text : "";
      SDL_free(e.editExt.text);
      continue;
    }
    pending_.push_back(e);
  }
  gate_.begin_frame();
  bool any = false;
  while (!pending_.empty()) {
    const SDL_Event& ev = pending_.front();
    if (!gate_.admit(gate_event(ev))) {
      any = true;  // the frame may still have moved the pointer (a press waits for the next)
      break;
    }
    give_to_imgui(ev);
    pending_.pop_front();
    any = true;
  }
  // Everything handed over and the window system holds no button: none is held for ImGui.
  if (pending_.empty() && (SDL_GetMouseState(nullptr, nullptr) & (SDL_BUTTON_LMASK | SDL_BUTTON_MMASK | SDL_BUTTON_RMASK)) == 0)
    gate_.release_all();
  if (!preedit_.empty()) any = true;
  return any;
}

GateEvent SdlGlHost::gate_event(const SDL_Event& ev) {
  GateEvent g;
  using K = GateEvent::Kind;
  switch (ev.type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
      SDL_Scancode sc = ev.key.keysym.scancode;
      g.kind = ev.type == SDL_KEYDOWN ? K::key_down : K::key_up;
      g.code = static_cast<int>(sc);
      g.editing = ev.type == SDL_KEYDOWN && !is_modifier_key(sc) &&
                  (is_editing_key(sc) || (ev.key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0);
      break;
    }
    case SDL_TEXTINPUT: g.kind = K::text; break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      g.kind = ev.type == SDL_MOUSEBUTTONDOWN ? K::button_down : K::button_up;
      g.code = ev.button.button;
      g.x = ev.button.x, g.y = ev.button.y;
      break;
    case SDL_MOUSEMOTION:
      g.kind = K::motion;
      g.x = ev.motion.x, g.y = ev.motion.y;
      break;
    case SDL_WINDOWEVENT:
      if (ev.window.event == SDL_WINDOWEVENT_LEAVE) g.kind = K::leave;
      break;
    default: break;
  }
  return g;
}

void SdlGlHost::pointer_to_imgui() {
  // The SDL backend read the pointer and buttons from SDL's current state, which already holds
  // the events still waiting in the queue: ImGui gets the ones handed over instead.
  ImGuiIO& io = ImGui::GetIO();
  float x = 0, y = 0;
  if (io.MousePos.x > -FLT_MAX && gate_.pointer(x, y)) io.MousePos = ImVec2(x, y);  // -FLT_MAX: no window has the mouse
  io.MouseDown[0] = gate_.down(SDL_BUTTON_LEFT);
  io.MouseDown[1] = gate_.down(SDL_BUTTON_RIGHT);
  io.MouseDown[2] = gate_.down(SDL_BUTTON_MIDDLE);
}

void SdlGlHost::give_to_imgui(const SDL_Event& e) {
  if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) {
    // As the SDL backend does, but with the modifiers of this event rather than of the moment
    // it is handed over (later events in the queue may have released Ctrl already).
    ImGuiIO& io = ImGui::GetIO();
    int key = e.key.keysym.scancode;
    if (key >= 0 && key < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[key] = e.type == SDL_KEYDOWN;
    Uint16 mod = e.key.keysym.mod;
    io.KeyShift = (mod & KMOD_SHIFT) != 0;
    io.KeyCtrl = (mod & KMOD_CTRL) != 0;
    io.KeyAlt = (mod & KMOD_ALT) != 0;
#ifdef _WIN32
    io.KeySuper = false;
#else
    io.KeySuper = (mod & KMOD_GUI) != 0;
#endif
    return;
  }
  if (e.type == SDL_TEXTINPUT) preedit_.clear();
  ImGui_ImplSDL2_ProcessEvent(&e);
}

void SdlGlHost::push_text(const std::string& utf8) {
  // SDL_TEXTINPUT carries at most 31 bytes: split on character boundaries.
  size_t i = 0;
  while (i < utf8.size()) {
    size_t n = std::min<size_t>(utf8.size() - i, SDL_TEXTINPUTEVENT_TEXT_SIZE - 1);
    while (n > 0 && i + n < utf8.size() && (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) --n;
    if (n == 0) break;
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.timestamp = SDL_GetTicks();
    e.text.windowID = SDL_GetWindowID(window_);
    std::memcpy(e.text.text, utf8.data() + i, n);
    e.text.text[n] = 0;
    SDL_PushEvent(&e);
    i += n;
  }
  preedit_.clear();
}

void SdlGlHost::paste(const std::string& text) {
  SDL_SetClipboardText(text.c_str());
  auto key = [this](Uint32 type, SDL_Scancode sc, SDL_Keycode sym, Uint16 mod) {
    SDL_Event e{};
    e.type = type;
    e.key.timestamp = SDL_GetTicks();
    e.key.windowID = SDL_GetWindowID(window_);
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
  };
  key(SDL_KEYDOWN, SDL_SCANCODE_V, SDLK_v, KMOD_LCTRL);
  key(SDL_KEYUP, SDL_SCANCODE_V, SDLK_v, KMOD_LCTRL);
  // Back to the modifiers the keyboard really holds (Ctrl may be up by now).
  key(SDL_KEYUP, SDL_SCANCODE_LCTRL, SDLK_LCTRL, static_cast<Uint16>(SDL_GetModState()));
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
