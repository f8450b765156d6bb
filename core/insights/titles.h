// Listing-title checks (seed: 如何写好宝贝的标题). Each finding is a code with parameters
// (worded in the CLI and, later, ui/i18n):
//   too_long {bytes}            Taobao length above 60 bytes (a Chinese / full-width character
//                               counts 2, ASCII 1: what Taobao counts, 30 Chinese characters)
//   room_unused {bytes}         below 50 of the 60 bytes: room for search words left unused
//   missing_category_word {category}  the product's category name does not appear in the title
//   missing_brand {brand}       the product's brand (products.brand) does not appear in the title
//   missing_attribute {tag}     one of the product's key attributes (products.tags, the seller's
//                               attribute words such as 高山, 礼盒, 有机) does not appear
//   unrelated_word {word, category}  a title word that belongs to another category of the shop:
//                               the word is (or contains) another category's name, or it is used
//                               in 2+ titles of exactly one other category and in no other title
//                               of the product's own category (which has 2+ other titled
//                               products); words inside the product's own category name, brand
//                               or tags are never unrelated. Products without a category skip it.
//   stress_symbols {symbols}    brackets or symbols used to stress words (【】★! ...)
//   repeated_word {word, count} a word (2+ Chinese characters or 2+ letters/digits) used twice
//   banned_term {term}          a banned absolute term (China's Advertising Law art. 9(3))
//   duplicate_title {sku}       the same title as another product's
//   near_duplicate {sku, percent}  character-bigram Jaccard similarity >= 80 % with another title
//   missing_keyword {keyword, visitors, conversion}  a valuable related keyword from the keyword
//                               report not in the title (at most 3, by visitors x conversion)
//   unusual_script {char}       a letter outside Chinese, Latin, digits (e.g. Cyrillic look-alikes)
//   low_conversion {visitors, conversion, category_conversion}  from the product report
//                               (core/model/sku_traffic.h): the title draws many visitors
//                               (>= 100, and >= the mean of its category's reported products)
//                               but converts below half of the rest of its category (buyers /
//                               visitors of the category's other reported products, 2+ of them
//                               with visitors): the title promises what the page does not sell.
//                               Conversions as fractions (%.4g). Skipped without a category
//                               or without product traffic.
// Words: Chinese runs are segmented by jieba's method without HMM (DAG of dictionary words, the
// route of maximum probability, log freq - log total, unknown single characters freq 1), with
// the dictionary shipped as build-time data (assets/insights/README.md); runs of ASCII letters and
// digits are one word each (lower-cased for comparison); anything else separates words.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/issue.h"
#include "core/base/result.h"
#include "core/model/sku_traffic.h"
#include "core/store/dataset.h"
#include "core/store/db.h"

namespace shopkeeper::insights {

int taobao_length(std::string_view utf8);
std::vector<std::string> segment_title(std::string_view utf8);

struct Keyword {
  std::string keyword;
  int64_t visitors = 0;
  double conversion = 0;  // fraction
};
// Keyword report CSV with a header naming the keyword, visitors and conversion columns
// (keyword/关键词/搜索词/引流关键词, visitors/访客数/uv, conversion/转化率/支付转化率; other
// columns are an error naming them). Conversion as a fraction or a percentage ("3.5%").
// Refused: `why`, when given, receives the problem as a code (core/base/issue.h) for the UI.
Result<std::vector<Keyword>> parse_keywords(std::string_view text, InputIssue* why = nullptr);
// The default banned-term list (assets/insights/banned_terms.txt).
std::vector<std::string> default_banned_terms();
// The seller's banned-term list, kept in the settings table under kBannedTermsKey as a JSON
// array of strings; an unset (empty) or unreadable value is the default list, "[]" is no terms.
inline constexpr const char* kBannedTermsKey = "insights_banned_terms";
std::vector<std::string> banned_terms_from_setting(const std::string& value);
std::string banned_terms_to_setting(const std::vector<std::string>& terms);
// Adds `term` (trimmed) unless it is empty or already listed; true when added. Removal is by index.
bool add_banned_term(std::vector<std::string>& terms, std::string_view term);
// The last imported keyword report (its text, as parse_keywords reads it), kept in settings.
inline constexpr const char* kKeywordReportKey = "insights_keyword_report";

struct TitleFinding {
  std::string code;
  std::vector<std::string> params;
};
struct TitleReport {
  int32_t product = -1;
  std::string sku, title;
  int bytes = 0;
  std::vector<std::string> words;
  double keyword_coverage = -1;  // share of related keywords' value the title covers; -1 = no report / none related
  std::vector<TitleFinding> findings;
};
// The products' brand and key attributes from the store (products.brand; products.tags split on
// commas, full-width commas and 、, trimmed, empties left out), in no particular order.
struct ProductAttributes {
  std::string sku, brand;
  std::vector<std::string> attributes;
};
Result<std::vector<ProductAttributes>> load_product_attributes(Db& db);
std::vector<std::string> split_tags(std::string_view tags);

// One report per product, in product order. Empty titles get only `room_unused`. `attributes`
// by SKU (products missing from it have no brand and no attributes). `traffic`: the product
// report per Dataset product (none: no low_conversion check).
std::vector<TitleReport> check_titles(const Dataset& ds, const std::vector<ProductAttributes>& attributes,
                                      const std::vector<Keyword>& keywords, const std::vector<std::string>& banned,
                                      const SkuTrafficTable* traffic = nullptr);
// Same checks over plain titles (sku, title, category, brand, key attributes), for tests and benches.
struct TitleInput {
  std::string sku, title, category, brand = {};
  std::vector<std::string> attributes = {};
  SkuTraffic traffic = {};  // the product report (reported = false: none)
};
std::vector<TitleReport> check_titles(const std::vector<TitleInput>& in, const std::vector<Keyword>& keywords,
                                      const std::vector<std::string>& banned);

}  // namespace shopkeeper::insights
