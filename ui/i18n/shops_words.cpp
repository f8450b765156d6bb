#include "ui/i18n/shops_words.h"

#include "ui/i18n/format.h"

namespace shopkeeper::ui {

std::string map_refusal_text(const shops::MapRefusal& r, Lang lang) {
  auto p = [&](size_t i) { return i < r.params.size() ? r.params[i] : std::string(); };
  std::string why;
  if (r.code == "unknown_shop") why = strf(tr(S::shops_refuse_unknown_shop_fmt, lang), p(0).c_str());
  else if (r.code == "unknown_sku") why = strf(tr(S::shops_refuse_unknown_sku_fmt, lang), p(0).c_str());
  else if (r.code == "same_code") why = strf(tr(S::shops_refuse_same_code_fmt, lang), p(0).c_str());
  else if (r.code == "code_mapped") why = strf(tr(S::shops_refuse_code_mapped_fmt, lang), p(0).c_str(), p(1).c_str());
  else if (r.code == "merges_two_products")
    why = strf(tr(S::shops_refuse_merges_fmt, lang), p(0).c_str(), p(1).c_str(), p(2).c_str());
  else if (r.code == "code_is_product")
    why = strf(tr(S::shops_refuse_code_is_product_fmt, lang), p(0).c_str(), p(1).c_str());
  else if (lang == Lang::en) why = shops::map_refusal_en(r);
  return std::string(tr(S::shops_refused_prefix, lang)) + (why.empty() || lang == Lang::zh_CN ? "" : " ") + why;
}

std::string shop_name_label(const shops::Shop& s, Lang lang) {
  return s.id == shops::kOwnShop || s.name.empty() ? tr(S::shops_own_shop, lang) : s.name;
}

}  // namespace shopkeeper::ui
