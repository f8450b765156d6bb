#include "core/io/currency_sniff.h"

#include <algorithm>
#include <cctype>

#include "core/base/currency.h"
#include "core/io/presets.h"

namespace shopkeeper {

namespace {

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

struct Token {
  std::string_view text;
  std::vector<std::string> codes;
};

// Longest first, so "HK$" is found before "$" and "JP¥" before "¥".
const std::vector<Token>& tokens() {
  static const std::vector<Token> t = {
      {"HK$", {"HKD"}}, {"NT$", {"TWD"}}, {"US$", {"USD"}}, {"S$", {"SGD"}}, {"A$", {"AUD"}}, {"C$", {"CAD"}},
      {"JP\xC2\xA5", {"JPY"}},                     // JP¥
      {"CN\xC2\xA5", {"CNY"}},                     // CN¥
      {"RMB", {"CNY"}},
      {"\xEF\xBF\xA5", {"CNY"}},                   // ￥ (fullwidth: Chinese exports)
      {"\xC2\xA3", {"GBP"}},                       // £
      {"\xE2\x82\xAC", {"EUR"}},                   // €
      {"\xE2\x82\xA9", {"KRW"}},                   // the won sign
      {"\xE0\xB8\xBF", {"THB"}},                   // ฿
      {"\xE2\x82\xAB", {"VND"}},                   // ₫
      {"\xE5\x85\x83", {"CNY"}},                   // 元 (after the number)
      {"\xC2\xA5", {"CNY", "JPY"}},                // ¥
      {"$", {"USD", "HKD", "TWD", "SGD", "AUD", "CAD"}},
  };
  return t;
}

bool is_number_char(char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ',' || c == '-' || c == '+' || c == ' ' || c == '\''; }

}  // namespace

std::vector<std::string> currencies_in_amount(std::string_view cell, std::string* token) {
  std::string_view s = trim_ws(cell);
  if (s.empty()) return {};
  // A symbol before or after the number.
  for (const Token& t : tokens()) {
    if (s.size() > t.text.size() && (s.substr(0, t.text.size()) == t.text || s.substr(s.size() - t.text.size()) == t.text ||
                                     (s[0] == '-' && s.substr(1, t.text.size()) == t.text))) {
      if (token) *token = std::string(t.text);
      return t.codes;
    }
  }
  // An ISO code before or after the number: "GBP 12.00", "12.00 EUR".
  size_t a = 0;
  while (a < s.size() && std::isalpha(static_cast<unsigned char>(s[a]))) ++a;
  size_t b = s.size();
  while (b > 0 && std::isalpha(static_cast<unsigned char>(s[b - 1]))) --b;
  std::string_view code = a == 3 ? s.substr(0, 3) : (s.size() - b == 3 ? s.substr(b) : std::string_view());
  if (code.empty()) return {};
  std::string_view rest = a == 3 ? s.substr(3) : s.substr(0, b);
  if (rest.empty() || !std::all_of(rest.begin(), rest.end(), is_number_char)) return {};
  if (const CurrencyInfo* ci = find_currency(code)) {
    if (token) *token = std::string(code);
    return {ci->code};
  }
  return {};
}

FileCurrency sniff_file_currency(const ImportPlan& plan) {
  FileCurrency f;
  // The file line of preview row i (one line per row: close enough to point at it).
  auto line_of = [&](size_t i) { return plan.header_line + 1 + static_cast<int64_t>(i); };
  auto note = [&](std::vector<std::string> codes, std::string seen, int64_t line) {
    if (codes.empty()) return;
    if (!f.says()) {
      f.codes = std::move(codes), f.seen = std::move(seen), f.line = line;
      return;
    }
    // Narrow an ambiguous symbol by a plainer one ($ then HK$: HKD); two that share nothing
    // are two currencies.
    std::vector<std::string> both;
    for (const auto& c : f.codes)
      if (std::find(codes.begin(), codes.end(), c) != codes.end()) both.push_back(c);
    if (!both.empty()) {
      if (both.size() < f.codes.size()) f.codes = both, f.seen = seen;
    } else if (f.second_line == 0) {
      f.second = seen, f.second_line = line;
    }
  };
  // A currency column: its values are ISO codes.
  for (size_t c = 0; c < plan.headers.size(); ++c) {
    const std::string& h = plan.headers[c];
    if (!iequals(h, "Currency") && !iequals(h, "Currency Code") && !iequals(h, "currency_code") && !iequals(h, "Presentment Currency"))
      continue;
    for (size_t i = 0; i < plan.preview.size(); ++i) {
      if (c >= plan.preview[i].size()) continue;
      std::string_view v = trim_ws(plan.preview[i][c]);
      if (const CurrencyInfo* ci = v.empty() ? nullptr : find_currency(v))
        note({ci->code}, h + ": " + std::string(v), line_of(i));
    }
  }
  // Symbols and codes beside the amounts of the mapped money columns.
  const auto& fields = target_fields(plan.target);
  for (const auto& m : plan.mapping) {  // (clang 14: no structured binding captured in a lambda)
    const std::string& field = m.first;
    const std::string& header = m.second;
    auto fi = std::find_if(fields.begin(), fields.end(), [&field](const FieldInfo& x) { return x.name == field; });
    if (fi == fields.end() || fi->kind != FieldKind::money) continue;
    auto col = std::find(plan.headers.begin(), plan.headers.end(), header);
    if (col == plan.headers.end()) continue;
    size_t c = static_cast<size_t>(col - plan.headers.begin());
    for (size_t i = 0; i < plan.preview.size(); ++i) {
      if (c >= plan.preview[i].size()) continue;
      std::string token;
      std::vector<std::string> codes = currencies_in_amount(plan.preview[i][c], &token);
      note(std::move(codes), token, line_of(i));
    }
  }
  return f;
}

CurrencyVerdict judge_file_currency(const FileCurrency& f, std::string_view store_currency) {
  CurrencyVerdict v;
  if (f.second_line > 0) {
    v.fit = CurrencyFit::mixed;
    return v;
  }
  if (!f.says()) return v;
  for (const auto& c : f.codes)
    if (iequals(c, store_currency)) return v;
  v.fit = CurrencyFit::differs;
  if (f.codes.size() == 1) v.suggested = f.codes.front();
  return v;
}

}  // namespace shopkeeper
