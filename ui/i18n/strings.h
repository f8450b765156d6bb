// UI strings: an enum key per string (a typo is a compile error) and tr(key) for the active
// language. The table is ui/i18n/strings_table.h.
#pragma once
#include <string_view>

namespace shopkeeper::ui {

enum class Lang { en, zh_CN };

enum class S {
#define SK_STR(key, en, zh) key,
#include "ui/i18n/strings_table.h"
#undef SK_STR
  count_
};

void set_language(Lang lang);
Lang language();
const char* tr(S key);
const char* tr(S key, Lang lang);
const char* lang_code(Lang lang);  // "en", "zh-CN"
bool parse_lang(std::string_view code, Lang& out);

}  // namespace shopkeeper::ui
