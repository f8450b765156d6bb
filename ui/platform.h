// What the UI needs from its host (browser or desktop): persistence after commits, the save
// state, file open/download, clipboard and today's date. Implemented in wasm/ and native/.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <utility>

#include "core/base/date.h"
#include "core/tz/zone.h"

namespace shopkeeper::ui {

enum class SaveKind { saved, saving, failed };
struct SaveState {
  SaveKind kind = SaveKind::saved;
  std::string reason;  // words, for `failed`
};

struct OpenedFile {
  std::string path;  // readable path (web: in the in-memory file system)
  std::string name;  // the name the user picked
};

class Platform {
 public:
  virtual ~Platform() = default;
  // Called after every committed transaction; the web host coalesces FS.syncfs(false).
  virtual void persist() = 0;
  virtual SaveState save_state() const = 0;
  // While held, persist() requests (and the browser's own on-hide saves) wait: a transaction is
  // open across frames (a sliced import) and the files must not be copied half-way. Releasing
  // runs a save that waited. The desktop writes files directly and needs neither.
  virtual void hold_persist(bool hold) { (void)hold; }
  // No save is being copied out right now (so a held transaction can start without one
  // copying the files while it commits).
  virtual bool persist_idle() const { return true; }
  // Whether the browser granted persistent storage (always true on the desktop).
  virtual bool persisted_storage() const = 0;
  // A storage problem found at start-up (IndexedDB blocked, quota), in words; empty if none.
  virtual std::string storage_error() const = 0;
  // Asks the user for a file; the result arrives later through take_opened_file().
  virtual void open_file(const char* accept) = 0;
  virtual std::optional<OpenedFile> take_opened_file() = 0;
  virtual void offer_download(const std::string& path, const std::string& filename, const std::string& mime) = 0;
  virtual void set_clipboard(const std::string& text) = 0;
  // The store's today: the machine's clock read in the store's time zone (set_store_zone), not
  // in the machine's zone (a Shanghai shop run from a laptop in London starts its day at 16:00
  // London time in winter).
  virtual Day today() const = 0;
  // The store's zone, set by the app whenever the store's settings are read (ui/app.cpp).
  void set_store_zone(tz::Zone z) { zone_ = std::move(z); }
  const tz::Zone& store_zone() const { return zone_; }
  virtual std::string data_dir() const = 0;
  virtual bool is_web() const = 0;

 protected:
  // The machine clock's instant read in the store's zone, as a day.
  Day store_today_from_clock() const { return day_of(zone_.local(static_cast<int64_t>(std::time(nullptr)))); }

 private:
  tz::Zone zone_ = default_zone();
  static tz::Zone default_zone() {
    auto z = tz::Zone::find(tz::kDefaultZone);
    return z ? *z : tz::Zone();
  }
};

// A host that does nothing: persists nowhere, opens no file, and has the given today (the app's
// entry points that run outside a frame, and the UI tests, which count persist() calls).
class NullPlatform : public Platform {
 public:
  explicit NullPlatform(Day today = 0, std::string data_dir = {}) : today_(today), data_dir_(std::move(data_dir)) {}
  void persist() override {}
  SaveState save_state() const override { return {}; }
  bool persisted_storage() const override { return true; }
  std::string storage_error() const override { return {}; }
  void open_file(const char*) override {}
  std::optional<OpenedFile> take_opened_file() override { return std::nullopt; }
  void offer_download(const std::string&, const std::string&, const std::string&) override {}
  void set_clipboard(const std::string&) override {}
  Day today() const override { return today_; }
  std::string data_dir() const override { return data_dir_; }
  bool is_web() const override { return false; }

 private:
  Day today_;
  std::string data_dir_;
};

}  // namespace shopkeeper::ui
