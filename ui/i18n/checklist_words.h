// A morning check-list item (core/model/checklist_item.h: a code with its figures) worded in the
// UI's language (issue #17 item 3), money formatted as everywhere in the UI (¥1,299.00).
#pragma once
#include <string>

#include "core/model/checklist_item.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

std::string checklist_text(const ChecklistItem& it, Lang lang);

}  // namespace shopkeeper::ui
