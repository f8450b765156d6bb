// Lines that are not products (issue #10): postage, fees, manual adjustments and bad-debt lines
// sit in exports as if they were products (Online Retail: POST, DOT "DOTCOM POSTAGE", C2
// "CARRIAGE", M "Manual", BANK CHARGES, AMAZONFEE, B "Adjust bad debt"; Chinese exports: 运费,
// 邮费, 补差价). The importer classifies each line (LineKind, stored as order_lines.kind) by the
// preset's rules plus the seller's own list (setting kNonMerchandiseKey, edited in Settings).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/io/presets.h"
#include "core/model/entities.h"

namespace shopkeeper {

// One rule: a line whose SKU or title equals `match` (ASCII case-insensitive, spaces trimmed) is
// of `kind`.
struct LineKindRule {
  std::string match;
  LineKind kind = LineKind::shipping;
  bool operator==(const LineKindRule&) const = default;
};

// The seller's list, one rule a line: "shipping: POST", "fee: PAYPAL FEE", "adjustment: 补差价".
// Blank lines and lines starting with # are skipped.
inline constexpr const char* kNonMerchandiseKey = "import.non_merchandise";
// Why a rule line was refused, as a code the UI words per language (ui/panels/settings.cpp);
// `errors` holds the same in English.
enum class RuleWhy : uint8_t {
  no_colon,      // not "kind: code or title"
  unknown_kind,  // `kind` is not shipping, fee or adjustment
  no_match,      // nothing after "kind:"
};
struct LineKindRuleProblem {
  int line = 0;
  RuleWhy why = RuleWhy::no_colon;
  std::string kind;
};
struct LineKindRulesParse {
  std::vector<LineKindRule> rules;
  std::vector<std::string> errors;  // "line 3: unknown kind \"postage\" (shipping, fee or adjustment)"
  std::vector<LineKindRuleProblem> problems;  // the same as codes, one per error
};
LineKindRulesParse parse_line_kind_rules(std::string_view text);
// A problem in plain English (the `errors` entry; the English Settings screen).
std::string rule_problem_en(const LineKindRuleProblem& p);
std::string format_line_kind_rules(const std::vector<LineKindRule>& rules);

// The preset's built-in rules (Online Retail's codes; for every preset the usual English titles),
// listed for the Settings screen.
std::vector<LineKindRule> preset_line_kind_rules(PresetId preset);

// The kind of a line: the seller's rules first, then the preset's, then the Chinese words
// anywhere in the title or SKU (运费险 fee; 运费, 邮费 shipping; 补差价, 差价 adjustment;
// 手续费 fee); merchandise otherwise.
LineKind classify_line(PresetId preset, std::string_view sku, std::string_view title,
                       const std::vector<LineKindRule>& seller_rules);

}  // namespace shopkeeper
