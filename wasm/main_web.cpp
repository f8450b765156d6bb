// The web app: the shared ImGui app driven by emscripten_set_main_loop_arg. pre.js has mounted
// IDBFS at /data and loaded it, and decided read-only (another tab holds the writer lock)
// before main runs.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <string>

#include "ui/app.h"
#include "ui/host/sdl_gl_host.h"
#include "wasm/test_api.h"
#include "wasm/web_platform.h"

using namespace shopkeeper;

namespace {

struct WebApp {
  ui::App app;
  ui::SdlGlHost host;
  bool first_frame_reported = false;
};
WebApp* g_web = nullptr;  // for the input callbacks from pre.js

void frame(void* arg) {
  auto* w = static_cast<WebApp*>(arg);
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  if (css_w >= 1 && css_h >= 1) w->host.set_logical_size(static_cast<int>(css_w), static_cast<int>(css_h));
  // The app's own time per drawn frame, for the browsing benchmark: the whole frame (events,
  // UI, ImGui's render calls into WebGL) and the UI part alone (draw_app: panels, analyses).
  const double t0 = emscripten_get_now();
  double ui_ms = 0;
  const int drawn = w->host.frames();
  w->host.frame([w, &ui_ms] {
    const double u0 = emscripten_get_now();
    ui::draw_app(w->app, web_platform());
    ui_ms = emscripten_get_now() - u0;
  }, w->app.ui.keep_drawing);
  if (w->host.frames() != drawn) record_frame_time(emscripten_get_now() - t0, ui_ms);
  if (!w->first_frame_reported) {
    w->first_frame_reported = true;
    EM_ASM({
      Module.skFirstFrameAt = performance.now();
      if (Module.skOnFirstFrame) Module.skOnFirstFrame();
    });
  }
}

}  // namespace

// pre.js's hidden text element reports what an input method composed, and pastes.
extern "C" {
EMSCRIPTEN_KEEPALIVE void sk_ime_commit(const char* text) {
  if (g_web && text) g_web->host.push_text(text);
}
EMSCRIPTEN_KEEPALIVE void sk_ime_preedit(const char* text) {
  if (g_web) g_web->host.set_preedit(text ? text : "");
}
EMSCRIPTEN_KEEPALIVE void sk_paste(const char* text) {
  if (g_web && text) g_web->host.paste(text);
}
}

int main() {
  auto* w = new WebApp();  // lives for the page's lifetime
  g_web = w;
  WebPlatform& platform = web_platform();
  bool readonly = platform.readonly();
  if (Status st = w->app.ws.open(platform.data_dir(), readonly); !st) w->app.open_error = st.error().message;
  w->app.ws.set_on_commit([&platform] { platform.persist(); });

  ui::Lang lang = ui::Lang::en;
  std::string saved = w->app.ws.is_open() ? w->app.ws.store().setting("language") : std::string();
  if (!ui::parse_lang(saved, lang)) {
    std::string nav = platform.preferred_language();
    lang = nav.rfind("zh", 0) == 0 ? ui::Lang::zh_CN : ui::Lang::en;
  }
  ui::set_language(lang);
  set_test_api_app(&w->app);

  ui::HostConfig cfg;
  double css_w = 1280, css_h = 800;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  cfg.width = static_cast<int>(css_w);
  cfg.height = static_cast<int>(css_h);
  cfg.font_path = "/assets/ui-font.ttf";
  cfg.font_chars_path = "/assets/ui-font-chars.txt";
  // The hidden text element follows the focused field (input methods, candidate window, paste).
  cfg.on_text_input = [](const ui::TextInputInfo& t) {
    EM_ASM({ if (Module.skTextInput) Module.skTextInput($0 != 0, $1, $2, $3); }, t.active ? 1 : 0, t.caret_x,
           t.caret_y, t.line_height);
  };
  cfg.on_clipboard_set = [](const char* text) {
    EM_ASM({ if (Module.skClipboardWrite) Module.skClipboardWrite(UTF8ToString($0)); }, text);
  };
  std::string err;
  if (!w->host.init(cfg, err)) {
    EM_ASM({ if (Module.skFatal) Module.skFatal(UTF8ToString($0)); }, err.c_str());
    std::fprintf(stderr, "shopkeeper: %s\n", err.c_str());
    return 1;
  }
  // http://host/?demo opens the demo store straight away when the store is still empty.
  bool want_demo = EM_ASM_INT({ return new URLSearchParams(location.search).has('demo') ? 1 : 0; }) != 0;
  if (want_demo && w->app.ws.is_open() && !w->app.ws.readonly() && !w->app.ws.initialized())
    ui::request_open_demo(w->app);
  emscripten_set_main_loop_arg(frame, w, 0, true);
  return 0;
}
