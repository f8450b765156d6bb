// Ticks of the daily check-list, kept per day in the checklist_items table (day, item key).
#pragma once
#include <set>
#include <string>

#include "core/base/date.h"
#include "core/store/store.h"

namespace shopkeeper {

// Item keys ticked as done on `day`.
std::set<std::string> checked_items(Store& store, Day day);
Status set_item_checked(Writer& w, Day day, const std::string& item, bool done);

}  // namespace shopkeeper
