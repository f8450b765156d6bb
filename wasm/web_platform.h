// The browser implementation of ui::Platform. The store lives in IDBFS at /data (mounted and
// loaded by pre.js before main); after each commit persist() asks pre.js for a coalesced
// FS.syncfs(false), whose result comes back through sk_on_persist_result.
#pragma once
#include <optional>
#include <string>

#include "ui/platform.h"

namespace shopkeeper {

class WebPlatform : public ui::Platform {
 public:
  void persist() override;
  void hold_persist(bool hold) override;
  bool persist_idle() const override;
  ui::SaveState save_state() const override { return state_; }
  bool persisted_storage() const override;
  std::string storage_error() const override;
  void open_file(const char* accept) override;
  std::optional<ui::OpenedFile> take_opened_file() override;
  void offer_download(const std::string& path, const std::string& filename, const std::string& mime) override;
  void set_clipboard(const std::string& text) override;
  Day today() const override;
  std::string data_dir() const override { return "/data/store"; }
  bool is_web() const override { return true; }

  // Another tab holds the writer lock (Web Locks), decided by pre.js before main.
  bool readonly() const;
  std::string preferred_language() const;  // navigator.language

  void on_persist_result(bool ok, const char* message);
  void on_file_opened(const char* path, const char* name);

 private:
  ui::SaveState state_;
  std::optional<ui::OpenedFile> opened_;
};

// The one instance, for the exported C callbacks.
WebPlatform& web_platform();

}  // namespace shopkeeper
