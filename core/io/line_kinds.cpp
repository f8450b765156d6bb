#include "core/io/line_kinds.h"

#include <cctype>

namespace shopkeeper {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Both sides already trimmed (classify_line trims the line's SKU and title once per line).
bool iequal_trimmed(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool has_non_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

struct Builtin {
  std::string_view match;
  LineKind kind;
};

// Online Retail's StockCodes that are not products, as the UCI file writes them (POST postage,
// DOT dotcom postage, C2 carriage, M manual, D discount, S samples, B bad-debt adjustment).
constexpr Builtin kOnlineRetailCodes[] = {
    {"POST", LineKind::shipping},   {"DOT", LineKind::shipping},      {"C2", LineKind::shipping},
    {"BANK CHARGES", LineKind::fee}, {"AMAZONFEE", LineKind::fee},    {"CRUK", LineKind::fee},
    {"M", LineKind::adjustment},    {"B", LineKind::adjustment},      {"D", LineKind::adjustment},
    {"S", LineKind::adjustment},
};
// Titles that name no product, for every preset.
constexpr Builtin kTitles[] = {
    {"POSTAGE", LineKind::shipping},     {"DOTCOM POSTAGE", LineKind::shipping}, {"CARRIAGE", LineKind::shipping},
    {"SHIPPING", LineKind::shipping},    {"SHIPPING FEE", LineKind::shipping},   {"DELIVERY", LineKind::shipping},
    {"Bank Charges", LineKind::fee},     {"AMAZON FEE", LineKind::fee},          {"CRUK Commission", LineKind::fee},
    {"Manual", LineKind::adjustment},    {"Adjust bad debt", LineKind::adjustment}, {"Discount", LineKind::adjustment},
    {"SAMPLES", LineKind::adjustment},
};
// Chinese words found anywhere in a title or SKU; the first that matches wins (运费险 is the
// buyer's return-shipping insurance: a fee, not postage).
constexpr Builtin kChineseWords[] = {
    {"运费险", LineKind::fee},       {"手续费", LineKind::fee},       {"运费", LineKind::shipping},
    {"邮费", LineKind::shipping},    {"补差价", LineKind::adjustment}, {"差价", LineKind::adjustment},
};

}  // namespace

std::string rule_problem_en(const LineKindRuleProblem& p) {
  const std::string line = "line " + std::to_string(p.line) + ": ";
  switch (p.why) {
    case RuleWhy::no_colon: return line + "expected \"kind: code or title\", e.g. \"shipping: POST\"";
    case RuleWhy::unknown_kind: return line + "unknown kind \"" + p.kind + "\" (shipping, fee or adjustment)";
    case RuleWhy::no_match: return line + "no code or title after \"" + p.kind + ":\"";
  }
  return line;
}

LineKindRulesParse parse_line_kind_rules(std::string_view text) {
  LineKindRulesParse out;
  auto refuse = [&](LineKindRuleProblem p) {
    out.errors.push_back(rule_problem_en(p));
    out.problems.push_back(std::move(p));
  };
  size_t start = 0;
  int line_no = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    // "kind: match", the colon half- or full-width (a Chinese keyboard types "："); the kind
    // by its name or its Chinese word (运费, 手续费, 调整), as the Chinese Settings tip shows.
    size_t colon = line.find(':'), colon_len = 1;
    if (size_t wide = line.find("\xEF\xBC\x9A"); wide < colon) colon = wide, colon_len = 3;
    if (colon == std::string_view::npos) {
      refuse({line_no, RuleWhy::no_colon, {}});
      continue;
    }
    std::string_view kind = trim(line.substr(0, colon)), match = trim(line.substr(colon + colon_len));
    LineKind k;
    static constexpr std::pair<std::string_view, LineKind> kKindWords[] = {
        {"运费", LineKind::shipping}, {"手续费", LineKind::fee}, {"调整", LineKind::adjustment}};
    bool worded = false;
    for (const auto& [word, wk] : kKindWords)
      if (kind == word) k = wk, worded = true;
    if (!worded && (!parse_line_kind(kind, k) || k == LineKind::merchandise)) {
      refuse({line_no, RuleWhy::unknown_kind, std::string(kind)});
      continue;
    }
    if (match.empty()) {
      refuse({line_no, RuleWhy::no_match, std::string(kind)});
      continue;
    }
    out.rules.push_back({std::string(match), k});
  }
  return out;
}

std::string format_line_kind_rules(const std::vector<LineKindRule>& rules) {
  std::string s;
  for (const auto& r : rules) s += std::string(line_kind_name(r.kind)) + ": " + r.match + "\n";
  return s;
}

std::vector<LineKindRule> preset_line_kind_rules(PresetId preset) {
  std::vector<LineKindRule> out;
  if (preset == PresetId::online_retail)
    for (const Builtin& b : kOnlineRetailCodes) out.push_back({std::string(b.match), b.kind});
  for (const Builtin& b : kTitles) out.push_back({std::string(b.match), b.kind});
  for (const Builtin& b : kChineseWords) out.push_back({std::string(b.match), b.kind});
  return out;
}

// Runs once per imported line: the SKU and title are trimmed once, the built-in words are
// string_views (no strlen per comparison), and the Chinese words, all non-ASCII, are only
// searched for in a SKU or title that has a non-ASCII byte. Same answers as comparing each rule
// with trimmed, case-blind equality and searching every word.
LineKind classify_line(PresetId preset, std::string_view sku, std::string_view title,
                       const std::vector<LineKindRule>& seller_rules) {
  const std::string_view sku_t = trim(sku), title_t = trim(title);
  for (const LineKindRule& r : seller_rules) {
    const std::string_view m = trim(r.match);
    if (iequal_trimmed(sku_t, m) || iequal_trimmed(title_t, m)) return r.kind;
  }
  if (preset == PresetId::online_retail)
    for (const Builtin& b : kOnlineRetailCodes)
      if (iequal_trimmed(sku_t, b.match)) return b.kind;
  for (const Builtin& b : kTitles)
    if (iequal_trimmed(title_t, b.match)) return b.kind;
  const bool title_wide = has_non_ascii(title), sku_wide = has_non_ascii(sku);
  if (title_wide || sku_wide)
    for (const Builtin& b : kChineseWords)
      if ((title_wide && title.find(b.match) != std::string_view::npos) ||
          (sku_wide && sku.find(b.match) != std::string_view::npos))
        return b.kind;
  return LineKind::merchandise;
}

}  // namespace shopkeeper
