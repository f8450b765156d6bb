// "Why it changed" worded per language (issue #17 item 3): the core gives the decomposition's
// figures and the shape of its sentence (core/analytics/decomposition.h DecompSentence with the
// factors it names); the sentence, the factors' labels and the reason there is none are here.
#pragma once
#include <string>

#include "core/analytics/decomposition.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

// "visitors" -> "visitors" / "访客数" (a factor's key as core/analytics/decomposition.h lists them).
const char* factor_label(const std::string& key, Lang lang);
// "Sales rose 216.7%, mainly because visitors rose 150.0% (+79% of the change), although ...".
std::string decomposition_sentence(const Decomposition& d, Lang lang);
// Why there is no decomposition (!d.ok): "orders is zero, negative or unknown in one of the periods".
std::string decomposition_reason(const Decomposition& d, Lang lang);

}  // namespace shopkeeper::ui
