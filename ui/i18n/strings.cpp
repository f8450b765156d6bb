#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

namespace {
struct Entry {
  const char* en;
  const char* zh;
};
constexpr Entry kTable[] = {
#define SK_STR(key, en, zh) {en, zh},
#include "ui/i18n/strings_table.h"
#undef SK_STR
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<size_t>(S::count_));

Lang g_lang = Lang::en;
}  // namespace

void set_language(Lang lang) { g_lang = lang; }
Lang language() { return g_lang; }
const char* tr(S key, Lang lang) {
  const Entry& e = kTable[static_cast<size_t>(key)];
  return lang == Lang::zh_CN ? e.zh : e.en;
}
const char* tr(S key) { return tr(key, g_lang); }
const char* lang_code(Lang lang) { return lang == Lang::zh_CN ? "zh-CN" : "en"; }
bool parse_lang(std::string_view code, Lang& out) {
  if (code == "en" || code == "en-US" || code == "en-GB") {
    out = Lang::en;
    return true;
  }
  if (code == "zh-CN" || code == "zh" || code == "zh-Hans") {
    out = Lang::zh_CN;
    return true;
  }
  return false;
}

}  // namespace shopkeeper::ui
