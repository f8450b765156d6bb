// Why a promotion did not apply, worded in the UI's language: the engine gives a code with its
// figures (core/promotions/reason.h); English uses the core's template, Chinese the table in
// reasons.cpp; money is formatted as everywhere in the UI (¥1,299.00).
#pragma once
#include <string>

#include "core/promotions/reason.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

// The template for `w` in `lang` (same placeholders as the English one).
const char* reason_template(promo::Why w, Lang lang);
// The sentence; `kind_label` names a promotion kind in that language.
std::string reason_sentence(const promo::Reason& r, Lang lang, const char* (*kind_label)(promo::Kind));

}  // namespace shopkeeper::ui
