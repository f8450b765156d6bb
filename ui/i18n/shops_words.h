// The several-shops words (issue #16): a refused code mapping (core/shops/shops.h MapRefusal:
// a code with parameters) worded in the UI's language, and a shop's name as the UI shows it.
#pragma once
#include <string>

#include "core/shops/shops.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

// "Not mapped, nothing was changed: <why>" in `lang`.
std::string map_refusal_text(const shops::MapRefusal& r, Lang lang);
// A shop's name: its own, or "Own shop" for the store's own shop 0 (it has no name).
std::string shop_name_label(const shops::Shop& s, Lang lang);

}  // namespace shopkeeper::ui
