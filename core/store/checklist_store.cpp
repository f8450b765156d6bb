#include "core/store/checklist_store.h"

namespace shopkeeper {

std::set<std::string> checked_items(Store& store, Day day) {
  std::set<std::string> out;
  auto st = store.db().prepare("SELECT item FROM checklist_items WHERE day=? AND done=1");
  if (!st) return out;
  st->bind(1, static_cast<int64_t>(day));
  while (st->step()) out.insert(st->text(0));
  return out;
}

Status set_item_checked(Writer& w, Day day, const std::string& item, bool done) {
  auto st = w.db().prepare("INSERT OR REPLACE INTO checklist_items(day,item,done) VALUES(?,?,?)");
  if (!st) return st.error();
  st->bind(1, static_cast<int64_t>(day)).bind(2, item).bind(3, static_cast<int64_t>(done ? 1 : 0));
  return st->run();
}

}  // namespace shopkeeper
