#include "native/desktop_platform.h"

#include <SDL.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace shopkeeper {

void DesktopPlatform::open_file(const char*) {
  // The desktop build takes files from the command line and drag-and-drop (SDL_DROPFILE).
}

void DesktopPlatform::file_dropped(const std::string& path) {
  opened_ = ui::OpenedFile{path, std::filesystem::path(path).filename().string()};
}

std::optional<ui::OpenedFile> DesktopPlatform::take_opened_file() {
  auto f = std::move(opened_);
  opened_.reset();
  return f;
}

void DesktopPlatform::offer_download(const std::string& path, const std::string& filename, const std::string&) {
  // "Download" on the desktop: copy next to the data directory's exports folder.
  std::error_code ec;
  std::filesystem::create_directories(data_dir_ + "/exports", ec);
  std::filesystem::copy_file(path, data_dir_ + "/exports/" + filename,
                             std::filesystem::copy_options::overwrite_existing, ec);
}

void DesktopPlatform::set_clipboard(const std::string& text) { SDL_SetClipboardText(text.c_str()); }

Day DesktopPlatform::today() const { return store_today_from_clock(); }

bool DesktopPlatform::acquire_writer_lock() {
  std::error_code ec;
  std::filesystem::create_directories(data_dir_, ec);
  lock_fd_ = ::open((data_dir_ + "/.writer.lock").c_str(), O_RDWR | O_CREAT, 0644);
  if (lock_fd_ < 0) return false;
  return ::flock(lock_fd_, LOCK_EX | LOCK_NB) == 0;
}

std::string DesktopPlatform::default_data_dir() {
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/shopkeeper";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/shopkeeper";
  return "shopkeeper-data";
}

}  // namespace shopkeeper
