#include "wasm/web_platform.h"

#include <emscripten.h>

#include <cstdlib>

namespace shopkeeper {

namespace {
std::string take_js_string(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
}  // namespace

WebPlatform& web_platform() {
  static WebPlatform p;
  return p;
}

void WebPlatform::persist() {
  if (readonly()) return;
  state_ = {ui::SaveKind::saving, {}};
  EM_ASM({
    if (Module.skPersist) Module.skPersist();
  });
}

void WebPlatform::hold_persist(bool hold) {
  EM_ASM({
    if (Module.skHoldPersist) Module.skHoldPersist($0 != 0);
  }, hold ? 1 : 0);
}

bool WebPlatform::persist_idle() const {
  return EM_ASM_INT({ return !Module.skPersistIdle || Module.skPersistIdle() ? 1 : 0; }) != 0;
}

void WebPlatform::on_persist_result(bool ok, const char* message) {
  if (ok) state_ = {ui::SaveKind::saved, {}};
  else state_ = {ui::SaveKind::failed, message ? message : "unknown storage error"};
}

bool WebPlatform::persisted_storage() const {
  return EM_ASM_INT({ return Module.skPersisted ? 1 : 0; }) != 0;
}

bool WebPlatform::readonly() const {
  return EM_ASM_INT({ return Module.skReadonly ? 1 : 0; }) != 0;
}

std::string WebPlatform::storage_error() const {
  char* p = reinterpret_cast<char*>(EM_ASM_INT({
    var s = Module.skStorageError || "";
    if (!s) return 0;
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  }));
  return take_js_string(p);
}

std::string WebPlatform::preferred_language() const {
  char* p = reinterpret_cast<char*>(EM_ASM_INT({
    var s = (navigator.language || "en");
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  }));
  return take_js_string(p);
}

void WebPlatform::open_file(const char* accept) {
  EM_ASM({
    if (Module.skOpenFile) Module.skOpenFile(UTF8ToString($0));
  }, accept);
}

void WebPlatform::on_file_opened(const char* path, const char* name) { opened_ = ui::OpenedFile{path, name}; }

std::optional<ui::OpenedFile> WebPlatform::take_opened_file() {
  auto f = std::move(opened_);
  opened_.reset();
  return f;
}

void WebPlatform::offer_download(const std::string& path, const std::string& filename, const std::string& mime) {
  EM_ASM({
    if (Module.skDownload) Module.skDownload(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2));
  }, path.c_str(), filename.c_str(), mime.c_str());
}

void WebPlatform::set_clipboard(const std::string& text) {
  EM_ASM({
    if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString($0)).catch(function() {});
  }, text.c_str());
}

// The browser's clock (time() is Date.now() under emscripten) in the store's zone, not the
// browser's own zone.
Day WebPlatform::today() const { return store_today_from_clock(); }

}  // namespace shopkeeper

extern "C" {
EMSCRIPTEN_KEEPALIVE void sk_on_persist_result(int ok, const char* message) {
  shopkeeper::web_platform().on_persist_result(ok != 0, message);
}
EMSCRIPTEN_KEEPALIVE void sk_on_file_opened(const char* path, const char* name) {
  shopkeeper::web_platform().on_file_opened(path, name);
}
}
