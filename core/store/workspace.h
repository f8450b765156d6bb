// Workspace: the open store plus its current Dataset snapshot and revision counter.
// The UI turns user actions into calls here; every write is one transaction, after which the
// revision is bumped, the Dataset refreshed and the platform asked to persist (on_commit).
// Owns the Store and the Dataset; callers keep ids, never pointers into the Dataset.
#pragma once
#include <functional>
#include <string>

#include "core/base/result.h"
#include "core/demo/generator.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper {

class Workspace {
 public:
  // Opens or creates the store in `dir`. A read-only workspace (another tab holds the writer
  // lock) opens an existing store for reading, or an empty in-memory one if none exists yet.
  Status open(const std::string& dir, bool readonly);
  // An in-memory workspace (tests, CLI scratch).
  Status open_memory();

  bool is_open() const { return open_; }
  bool readonly() const { return store_.readonly(); }
  Store& store() { return store_; }
  const Dataset& dataset() const { return dataset_; }
  int64_t revision() const { return revision_; }
  const Counts& counts() const { return counts_; }

  // False until the user chose "Open demo store" or "Start empty" (or imported data).
  bool initialized();
  std::string store_name();
  std::string currency();

  // What a write changes: the facts the Dataset holds (orders, products, customers, traffic,
  // ad spend ...) or only the shop's own records (settings, promotions, campaigns, check-list
  // ticks), which leave the Dataset as it is: reloading it costs about 1 s per million order
  // lines natively and 3 s in the browser, too much for ticking a box or switching language.
  enum class Touches { facts, records };
  // One transaction; on success: revision+1, Dataset refreshed (facts only), on_commit called.
  Status write(const std::function<Status(Writer&)>& fn, Touches touches = Touches::facts);
  Status set_setting(const std::string& key, const std::string& value);
  // For writers that run their own single transaction on the Store (imports): runs `fn`, and
  // on success does what write() does after a commit.
  Status apply(const std::function<Status(Store&)>& fn);
  // True while a held transaction is open on the store (an import being saved in slices):
  // every write here is refused until it ends, so the UI greys its write controls out.
  bool busy() const { return store_.in_transaction(); }
  // For a writer that committed its own held transaction (Store::begin_transaction, a sliced
  // import): does what write() does after a commit.
  Status committed() { return after_commit(); }
  // Takes over a freshly opened store (after a restore) in place of the current one.
  Status replace_store(Store store);
  Status open_demo(const DemoOptions& opt);
  Status start_empty();
  // Deletes everything (schema kept); the first-run choice is offered again.
  Status reset();

  void set_on_commit(std::function<void()> fn) { on_commit_ = std::move(fn); }

 private:
  Status after_commit(Touches touches = Touches::facts);
  Status refresh();

  Store store_;
  Dataset dataset_;
  Counts counts_;
  int64_t revision_ = 0;
  bool open_ = false;
  std::function<void()> on_commit_;
};

}  // namespace shopkeeper
