// The desktop implementation of ui::Platform: the store lives in the user data directory;
// persistence is SQLite's own (a commit is on disk), so the save state is always "saved".
#pragma once
#include <optional>
#include <string>

#include "ui/platform.h"

namespace shopkeeper {

class DesktopPlatform : public ui::Platform {
 public:
  explicit DesktopPlatform(std::string data_dir) : data_dir_(std::move(data_dir)) {}
  void persist() override {}
  ui::SaveState save_state() const override { return {}; }
  bool persisted_storage() const override { return true; }
  std::string storage_error() const override { return {}; }
  void open_file(const char* accept) override;
  std::optional<ui::OpenedFile> take_opened_file() override;
  void offer_download(const std::string& path, const std::string& filename, const std::string& mime) override;
  void set_clipboard(const std::string& text) override;
  Day today() const override;
  std::string data_dir() const override { return data_dir_; }
  bool is_web() const override { return false; }

  // A file dropped onto the window or named on the command line.
  void file_dropped(const std::string& path);
  // Takes the single-writer lock of the data directory; false = another instance writes.
  bool acquire_writer_lock();
  // The default data directory: $XDG_DATA_HOME/shopkeeper or ~/.local/share/shopkeeper.
  static std::string default_data_dir();

 private:
  std::string data_dir_;
  std::optional<ui::OpenedFile> opened_;
  int lock_fd_ = -1;
};

}  // namespace shopkeeper
