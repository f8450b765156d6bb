// A problem with the seller's input (core/base/issue.h: a purchase-order or keyword file's row, a
// figure of the A/B form) worded in the UI's language (issue #10). English is the core's own
// sentence (input_issue_en); Chinese is worded here from the code and its parameters, the file's
// own column names and values shown as the file has them.
#pragma once
#include <string>

#include "core/base/issue.h"
#include "core/base/result.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

std::string input_issue_text(const InputIssue& i, Lang lang);
// Any Error as the UI shows it: in English its message; in Chinese a sentence naming the kind of
// failure (by its ErrorCode) without the English detail (a store or system failure).
std::string error_text(const Error& e, Lang lang);
// An Error whose input issue the refusing function filled in (`why`): the issue worded in `lang`,
// or, when `why` is empty, error_text(e, lang).
std::string error_text(const Error& e, const InputIssue& why, Lang lang);

}  // namespace shopkeeper::ui
