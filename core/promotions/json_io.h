// JSON form of promotions, quote inputs and quotes (the CLI contract; docs/promotions.md).
// Money is read EXACTLY: the parser keeps each JSON number's original text (never a double),
// so 0.1, 19.99 and 1299.00 become 10, 1999 and 129900 minor units; strings ("19.99") work
// too. Money written out is a JSON number with exactly 2 decimals (19.90, 0.07): build the
// document with these functions and serialise it with to_text(), which renders money nodes.
// Percentages are decimal percent (12.5 = 12.5 % off) read exactly into basis points.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/promotions/best.h"
#include "core/promotions/calendar.h"
#include "core/promotions/engine.h"
#include "core/promotions/guard.h"
#include "core/promotions/refund.h"
#include "core/promotions/validate.h"
#include "core/promotions/promotion.h"
#include "core/promotions/profiles.h"

namespace shopkeeper::promo {

using nlohmann::json;

// Parses JSON text keeping every non-integer number as its original text (a JSON string node),
// so money can be read exactly. Integers stay integers.
Result<json> parse_exact(std::string_view text);

// A money value for output documents (rendered by to_text as a number with 2 decimals).
json money_node(Money m);
// Serialises `j` (indent < 0 = compact), rendering money nodes as exact decimal numbers.
std::string to_text(const json& j, int indent = 2);

// Readers for fields of exact-parsed documents; `where` names the field in error messages.
Result<Money> read_money(const json& j, const std::string& where);
Result<int64_t> read_percent_bp(const json& j, const std::string& where);  // 12.5 -> 1250 bp

Result<Promotion> parse_promotion(const json& j, const std::string& where = "promotion");
// One promotion object from text (the promotions table's spec_json column).
Result<Promotion> parse_promotion_text(std::string_view text);
json promotion_to_json(const Promotion& p);

Result<QuoteInput> parse_quote_input(std::string_view text);
json quote_input_to_json(const QuoteInput& in);
json quote_to_json(const Quote& q, const QuoteInput& in);

json best_to_json(const BestChoice& b, const QuoteInput& in);
json guard_finding_to_json(const GuardFinding& f);
json refund_to_json(const RefundQuote& r, const QuoteInput& order);
json festival_to_json(const Festival& f);
json issues_to_json(const std::vector<ValidationIssue>& issues);
json profile_to_json(const ProfileInfo& p);

}  // namespace shopkeeper::promo
