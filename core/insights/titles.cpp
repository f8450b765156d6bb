#include "core/insights/titles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "core/io/csv.h"

namespace shopkeeper::insights {

extern const unsigned char kJiebaDict[];
extern const size_t kJiebaDictSize;
extern const unsigned char kBannedTerms[];
extern const size_t kBannedTermsSize;

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes decode as themselves.
uint32_t next_cp(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + static_cast<size_t>(len) > s.size()) len = 1;
  uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

bool is_han(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FD5; }
bool is_ascii_alnum(uint32_t cp) { return cp < 0x80 && std::isalnum(static_cast<int>(cp)); }

struct Dict {
  std::unordered_map<std::string, int64_t> freq;  // words with their frequency; prefixes with 0
  double log_total = 0;
};

const Dict& dict() {
  static const Dict d = [] {
    Dict x;
    std::string_view text(reinterpret_cast<const char*>(kJiebaDict), kJiebaDictSize);
    int64_t total = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      std::string_view line = text.substr(pos, eol - pos);
      pos = eol + 1;
      const size_t sp = line.find(' ');
      if (sp == std::string_view::npos) continue;
      const std::string word(line.substr(0, sp));
      const int64_t f = std::atoll(std::string(line.substr(sp + 1)).c_str());
      x.freq[word] = f;
      total += f;
      for (size_t i = 0; i < word.size();) {
        next_cp(word, i);
        if (i < word.size()) x.freq.try_emplace(word.substr(0, i), 0);
      }
    }
    x.log_total = std::log(static_cast<double>(total));
    return x;
  }();
  return d;
}

// jieba's cut without HMM over one run of Han characters (byte offsets `at`, size N+1).
void segment_han(std::string_view s, const std::vector<size_t>& at, std::vector<std::string>& out) {
  const Dict& d = dict();
  const size_t n = at.size() - 1;
  std::vector<std::vector<size_t>> dag(n);
  for (size_t k = 0; k < n; ++k) {
    for (size_t i = k; i < n; ++i) {
      auto it = d.freq.find(std::string(s.substr(at[k], at[i + 1] - at[k])));
      if (it == d.freq.end()) break;
      if (it->second) dag[k].push_back(i);
    }
    if (dag[k].empty()) dag[k].push_back(k);
  }
  std::vector<double> route(n + 1, 0);
  std::vector<size_t> to(n + 1, 0);
  for (size_t k = n; k-- > 0;) {
    double best = -INFINITY;
    size_t bx = k;
    for (size_t x : dag[k]) {
      auto it = d.freq.find(std::string(s.substr(at[k], at[x + 1] - at[k])));
      const int64_t f = it == d.freq.end() || it->second == 0 ? 1 : it->second;
      const double v = std::log(static_cast<double>(f)) - d.log_total + route[x + 1];
      if (v > best || (v == best && x > bx)) best = v, bx = x;  // ties: the longer word, as jieba's max on (prob, x)
    }
    route[k] = best;
    to[k] = bx;
  }
  for (size_t k = 0; k < n; k = to[k] + 1) out.emplace_back(s.substr(at[k], at[to[k] + 1] - at[k]));
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool is_stress_symbol(uint32_t cp) {
  static const uint32_t set[] = {0x3010, 0x3011, '[', ']', '(', ')', 0xFF08, 0xFF09, 0x300A, 0x300B, 0x300C, 0x300D, 0x300E, 0x300F,
                                 '!', 0xFF01, 0x2605, 0x2606, 0x2665, 0x2764, 0x25CF, 0x25C6, 0x25A0, 0x25B2, 0x25B3, 0x2192, 0x2190,
                                 0x2714, 0x2713, 0x203B, 0x2666, 0x3013, '|', 0x4E28, '~', 0xFF5E, '#', 0xFF03, '*', 0xFF0A, '<', '>', 0x3008, 0x3009};
  return std::find(std::begin(set), std::end(set), cp) != std::end(set);
}
bool is_unusual_letter(uint32_t cp) { return (cp >= 0x0370 && cp <= 0x058F); }  // Greek, Cyrillic, Armenian

std::string cp_utf8(uint32_t cp) {
  std::string o;
  if (cp < 0x80) o += static_cast<char>(cp);
  else if (cp < 0x800) o += static_cast<char>(0xC0 | (cp >> 6)), o += static_cast<char>(0x80 | (cp & 0x3F));
  else if (cp < 0x10000)
    o += static_cast<char>(0xE0 | (cp >> 12)), o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), o += static_cast<char>(0x80 | (cp & 0x3F));
  else
    o += static_cast<char>(0xF0 | (cp >> 18)), o += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
        o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), o += static_cast<char>(0x80 | (cp & 0x3F));
  return o;
}

// Distinct character bigrams of a title (spaces left out), sorted.
std::vector<uint64_t> bigrams(std::string_view s) {
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = next_cp(s, i);
    if (cp != ' ' && cp != 0x3000 && cp != '\t') cps.push_back(cp);
  }
  std::vector<uint64_t> g;
  for (size_t i = 0; i + 1 < cps.size(); ++i) g.push_back((static_cast<uint64_t>(cps[i]) << 32) | cps[i + 1]);
  std::sort(g.begin(), g.end());
  g.erase(std::unique(g.begin(), g.end()), g.end());
  return g;
}

}  // namespace

int taobao_length(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size();) n += next_cp(s, i) < 0x80 ? 1 : 2;
  return n;
}

std::vector<std::string> segment_title(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    const uint32_t cp = next_cp(s, j);
    if (is_han(cp)) {
      std::vector<size_t> at{i};
      size_t k = j;
      at.push_back(k);
      while (k < s.size()) {
        size_t m = k;
        if (!is_han(next_cp(s, m))) break;
        at.push_back(m);
        k = m;
      }
      segment_han(s, at, out);
      i = k;
    } else if (is_ascii_alnum(cp)) {
      size_t k = j;
      while (k < s.size() && is_ascii_alnum(static_cast<unsigned char>(s[k]))) ++k;
      out.emplace_back(s.substr(i, k - i));
      i = k;
    } else {
      i = j;
    }
  }
  return out;
}

std::vector<std::string> default_banned_terms() {
  std::vector<std::string> t;
  std::string_view text(reinterpret_cast<const char*>(kBannedTerms), kBannedTermsSize);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (!line.empty() && line[0] != '#') t.emplace_back(line);
  }
  return t;
}

std::vector<std::string> banned_terms_from_setting(const std::string& value) {
  if (value.empty()) return default_banned_terms();
  const nlohmann::json j = nlohmann::json::parse(value, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return default_banned_terms();
  std::vector<std::string> out;
  for (const auto& v : j)
    if (v.is_string()) add_banned_term(out, v.get<std::string>());
  return out;
}

std::string banned_terms_to_setting(const std::vector<std::string>& terms) { return nlohmann::json(terms).dump(); }

bool add_banned_term(std::vector<std::string>& terms, std::string_view term) {
  const std::string t(trim(term));
  if (t.empty() || std::find(terms.begin(), terms.end(), t) != terms.end()) return false;
  terms.push_back(t);
  return true;
}

Result<std::vector<Keyword>> parse_keywords(std::string_view raw, InputIssue* why) {
  auto dec = decode_text(raw, "auto");
  if (!dec) return dec.error();
  const std::string& text = dec->text;
  CsvReader r(text, detect_delimiter(text));
  CsvRecord rec;
  auto bad = [why](InputWhy w, int64_t line, std::string field = {}, std::string a = {}, std::string b = {}) {
    return input_error(ErrorCode::parse_error, {w, "", line, std::move(field), std::move(a), std::move(b)}, why);
  };
  if (!r.next(rec)) return bad(InputWhy::file_empty, 0);
  int kw = -1, vis = -1, conv = -1;
  std::vector<std::string> unknown;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    const std::string h = lower_ascii(std::string(trim(rec.fields[i])));
    if (h == "keyword" || h == "关键词" || h == "搜索词" || h == "引流关键词") kw = static_cast<int>(i);
    else if (h == "visitors" || h == "访客数" || h == "uv") vis = static_cast<int>(i);
    else if (h == "conversion" || h == "转化率" || h == "支付转化率") conv = static_cast<int>(i);
    else unknown.push_back(std::string(trim(rec.fields[i])));
  }
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& u : unknown) names += (names.empty() ? "\"" : ", \"") + u + "\"";
    // The expected header names, English and Chinese, as a keyword report may have them (data).
    return bad(InputWhy::unknown_columns, 1, "", names, "keyword/关键词, visitors/访客数, conversion/转化率");
  }
  if (kw < 0 || vis < 0 || conv < 0) return bad(InputWhy::header_needs, 1, "", "keyword, visitors and conversion");
  std::vector<Keyword> out;
  while (r.next(rec)) {
    if (!rec.error.empty()) {
      InputIssue i{rec.bad == FileWhy::cut_off ? InputWhy::record_cut_off : InputWhy::record_bad_quote, "", rec.line};
      i.n = rec.open_line;
      return input_error(ErrorCode::parse_error, std::move(i), why);
    }
    if (rec.fields.size() <= static_cast<size_t>(std::max({kw, vis, conv}))) return bad(InputWhy::fewer_fields, rec.line);
    Keyword k;
    k.keyword = std::string(trim(rec.fields[static_cast<size_t>(kw)]));
    if (k.keyword.empty()) return bad(InputWhy::field_empty, rec.line, "keyword");
    std::string v(trim(rec.fields[static_cast<size_t>(vis)]));
    v.erase(std::remove(v.begin(), v.end(), ','), v.end());
    char* end = nullptr;
    const long long visitors = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || visitors < 0) return bad(InputWhy::not_count, rec.line, "visitors", v);
    k.visitors = visitors;
    std::string c(trim(rec.fields[static_cast<size_t>(conv)]));
    const bool pct = !c.empty() && c.back() == '%';
    if (pct) c.pop_back();
    k.conversion = std::strtod(c.c_str(), &end);
    if (c.empty() || *end || !(k.conversion >= 0)) return bad(InputWhy::not_rate, rec.line, "conversion", c);
    if (pct) k.conversion /= 100;
    if (k.conversion > 1) return bad(InputWhy::rate_above_100, rec.line, "conversion");
    out.push_back(std::move(k));
  }
  return out;
}

namespace {

// A word the unrelated-word check looks at: 2+ Chinese characters, or 2+ ASCII letters/digits
// starting with a letter (lower-cased); sizes and counts such as "250g" are not words of a category.
bool content_word(const std::string& w) {
  const auto c = static_cast<unsigned char>(w[0]);
  if (c < 0x80) return w.size() >= 2 && std::isalpha(c);
  return taobao_length(w) >= 4;
}

// low_conversion findings (titles.h): each category's reported products against the rest of it.
void low_conversions(const std::vector<TitleInput>& in, std::vector<TitleReport>& out) {
  constexpr int64_t kMinVisitors = 100;
  struct Cat {
    int64_t visitors = 0, buyers = 0, products = 0, with_visitors = 0;
  };
  std::unordered_map<std::string, Cat> cats;
  for (const TitleInput& t : in) {
    if (t.category.empty() || !t.traffic.reported) continue;
    Cat& c = cats[t.category];
    c.visitors += t.traffic.visitors;
    c.buyers += t.traffic.buyers;
    c.products += 1;
    c.with_visitors += t.traffic.visitors > 0;
  }
  for (size_t p = 0; p < in.size(); ++p) {
    const TitleInput& t = in[p];
    if (t.title.empty() || t.category.empty() || !t.traffic.reported || t.traffic.visitors < kMinVisitors) continue;
    const Cat& c = cats[t.category];
    // Many visitors: at least the category's mean (v * n >= total, in integers).
    if (t.traffic.visitors * c.products < c.visitors) continue;
    const int64_t rest_visitors = c.visitors - t.traffic.visitors, rest_buyers = c.buyers - t.traffic.buyers;
    if (c.with_visitors - 1 < 2 || rest_visitors <= 0) continue;
    const double rest = static_cast<double>(rest_buyers) / static_cast<double>(rest_visitors);
    const double conv = t.traffic.conversion();
    if (!(conv < 0.5 * rest)) continue;
    char a[32], b[32];
    std::snprintf(a, sizeof a, "%.4g", conv);
    std::snprintf(b, sizeof b, "%.4g", rest);
    out[p].findings.push_back({"low_conversion", {std::to_string(t.traffic.visitors), a, b}});
  }
}

// unrelated_word findings (titles.h): per content word, the titles of each category using it.
void unrelated_words(const std::vector<TitleInput>& in, std::vector<TitleReport>& out) {
  std::unordered_map<std::string, int32_t> cat_id;
  std::vector<std::string> cats;
  std::vector<int32_t> cat_of(in.size(), -1), titled(0);
  for (size_t p = 0; p < in.size(); ++p) {
    if (in[p].category.empty()) continue;
    auto [it, fresh] = cat_id.try_emplace(in[p].category, static_cast<int32_t>(cats.size()));
    if (fresh) cats.push_back(in[p].category), titled.push_back(0);
    cat_of[p] = it->second;
    if (!in[p].title.empty()) ++titled[static_cast<size_t>(it->second)];
  }
  if (cats.size() < 2) return;
  // Distinct content words per title, and per word the number of titles of each category.
  std::vector<std::vector<std::string>> words(in.size());
  std::unordered_map<std::string, std::vector<std::pair<int32_t, int32_t>>> use;  // word -> (category, titles)
  for (size_t p = 0; p < in.size(); ++p) {
    for (const std::string& w : out[p].words)
      if (content_word(w)) words[p].push_back(lower_ascii(w));
    std::sort(words[p].begin(), words[p].end());
    words[p].erase(std::unique(words[p].begin(), words[p].end()), words[p].end());
    if (cat_of[p] < 0) continue;
    for (const std::string& w : words[p]) {
      auto& v = use[w];
      auto it = std::find_if(v.begin(), v.end(), [&](const auto& x) { return x.first == cat_of[p]; });
      if (it == v.end()) v.push_back({cat_of[p], 1});
      else ++it->second;
    }
  }
  for (size_t p = 0; p < in.size(); ++p) {
    const int32_t c = cat_of[p];
    if (c < 0) continue;
    const std::string own = lower_ascii(in[p].category), brand = lower_ascii(in[p].brand);
    for (const std::string& w : words[p]) {
      if (own.find(w) != std::string::npos || w.find(own) != std::string::npos) continue;
      if (!brand.empty() && brand.find(w) != std::string::npos) continue;
      bool attribute = false;
      for (const std::string& a : in[p].attributes) attribute = attribute || lower_ascii(a).find(w) != std::string::npos;
      if (attribute) continue;
      std::string other;
      for (size_t k = 0; k < cats.size() && other.empty(); ++k) {
        const std::string name = lower_ascii(cats[k]);
        if (static_cast<int32_t>(k) != c && own.find(name) == std::string::npos && w.find(name) != std::string::npos) other = cats[k];
      }
      if (other.empty() && titled[static_cast<size_t>(c)] >= 3) {
        const auto& v = use[w];
        int32_t in_own = 0, cats_else = 0, titles_else = 0, last = -1;
        for (const auto& [k, n] : v) {
          if (k == c) in_own = n;
          else ++cats_else, titles_else = n, last = k;
        }
        if (in_own == 1 && cats_else == 1 && titles_else >= 2) other = cats[static_cast<size_t>(last)];
      }
      if (!other.empty()) out[p].findings.push_back({"unrelated_word", {w, other}});
    }
  }
}

}  // namespace

std::vector<std::string> split_tags(std::string_view tags) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t(trim(cur));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    cur.clear();
  };
  for (size_t i = 0; i < tags.size();) {
    if (tags[i] == ',') {
      flush();
      ++i;
    } else if (tags.substr(i, 3) == "\xEF\xBC\x8C" || tags.substr(i, 3) == "\xE3\x80\x81") {  // full-width comma, 、
      flush();
      i += 3;
    } else {
      cur += tags[i++];
    }
  }
  flush();
  return out;
}

Result<std::vector<ProductAttributes>> load_product_attributes(Db& db) {
  std::vector<ProductAttributes> out;
  auto s = each_row(db, "SELECT sku, brand, tags FROM products",
                    [&](const Stmt& q) { out.push_back({q.text(0), std::string(trim(q.text(1))), split_tags(q.text_view(2))}); });
  if (!s) return s.error();
  return out;
}

std::vector<TitleReport> check_titles(const std::vector<TitleInput>& in, const std::vector<Keyword>& keywords,
                                      const std::vector<std::string>& banned) {
  std::vector<TitleReport> out(in.size());
  // Keyword words, once.
  std::vector<std::vector<std::string>> kw_words(keywords.size());
  for (size_t k = 0; k < keywords.size(); ++k) kw_words[k] = segment_title(keywords[k].keyword);
  for (size_t p = 0; p < in.size(); ++p) {
    TitleReport& r = out[p];
    r.product = static_cast<int32_t>(p);
    r.sku = in[p].sku;
    r.title = in[p].title;
    const std::string& t = r.title;
    r.bytes = taobao_length(t);
    if (r.bytes > 60) r.findings.push_back({"too_long", {std::to_string(r.bytes)}});
    else if (r.bytes < 50) r.findings.push_back({"room_unused", {std::to_string(r.bytes)}});
    if (t.empty()) continue;
    r.words = segment_title(t);
    const std::string& cat = in[p].category;
    if (!cat.empty() && t.find(cat) == std::string::npos) r.findings.push_back({"missing_category_word", {cat}});
    const std::string lt = lower_ascii(t);
    auto in_title = [&](const std::string& w) { return lt.find(lower_ascii(w)) != std::string::npos; };
    if (!in[p].brand.empty() && !in_title(in[p].brand)) r.findings.push_back({"missing_brand", {in[p].brand}});
    for (const std::string& a : in[p].attributes)
      if (!a.empty() && !in_title(a)) r.findings.push_back({"missing_attribute", {a}});
    std::string symbols, odd;
    for (size_t i = 0; i < t.size();) {
      const uint32_t cp = next_cp(t, i);
      const std::string ch = cp_utf8(cp);
      if (is_stress_symbol(cp) && symbols.find(ch) == std::string::npos) symbols += ch;
      if (is_unusual_letter(cp) && odd.find(ch) == std::string::npos) odd += ch;
    }
    if (!symbols.empty()) r.findings.push_back({"stress_symbols", {symbols}});
    if (!odd.empty()) r.findings.push_back({"unusual_script", {odd}});
    std::vector<std::pair<std::string, int>> seen;
    for (const std::string& w : r.words) {
      const bool ascii = static_cast<unsigned char>(w[0]) < 0x80;
      if ((ascii && w.size() < 2) || (!ascii && taobao_length(w) < 4)) continue;
      const std::string key = lower_ascii(w);
      auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
      if (it == seen.end()) seen.push_back({key, 1});
      else ++it->second;
    }
    for (const auto& [w, n] : seen)
      if (n > 1) r.findings.push_back({"repeated_word", {w, std::to_string(n)}});
    for (const std::string& b : banned)
      if (!b.empty() && t.find(b) != std::string::npos) r.findings.push_back({"banned_term", {b}});
    // Keywords related to the product: one of their words (2+ characters) is in the title, or
    // they contain the category name. Covered: every word of the keyword is in the title.
    if (!keywords.empty()) {
      double related = 0, covered = 0;
      std::vector<size_t> missing;
      for (size_t k = 0; k < keywords.size(); ++k) {
        bool rel = !cat.empty() && keywords[k].keyword.find(cat) != std::string::npos, all = !kw_words[k].empty();
        for (const std::string& w : kw_words[k]) {
          const bool in_title = lower_ascii(t).find(lower_ascii(w)) != std::string::npos;
          if (in_title && taobao_length(w) >= 2 + (static_cast<unsigned char>(w[0]) >= 0x80 ? 2 : 0)) rel = true;
          all = all && in_title;
        }
        if (!rel) continue;
        const double value = static_cast<double>(keywords[k].visitors) * keywords[k].conversion;
        related += value;
        if (all) covered += value;
        else missing.push_back(k);
      }
      if (related > 0) r.keyword_coverage = covered / related;
      std::stable_sort(missing.begin(), missing.end(), [&](size_t a, size_t b) {
        return static_cast<double>(keywords[a].visitors) * keywords[a].conversion >
               static_cast<double>(keywords[b].visitors) * keywords[b].conversion;
      });
      for (size_t i = 0; i < missing.size() && i < 3; ++i) {
        const Keyword& k = keywords[missing[i]];
        char conv[32];
        std::snprintf(conv, sizeof conv, "%.4g", k.conversion);
        r.findings.push_back({"missing_keyword", {k.keyword, std::to_string(k.visitors), conv}});
      }
    }
  }
  unrelated_words(in, out);
  low_conversions(in, out);
  // Duplicates: identical titles by hash; near duplicates by exact prefix filtering on bigram
  // sets (Jaccard >= 4/5: a pair must share a token among the first |x| - ceil(4|x|/5) + 1 of
  // each set ordered by rarity), verified exactly.
  std::unordered_map<std::string, size_t> first_title;
  std::vector<std::vector<uint64_t>> grams(in.size());
  std::unordered_map<uint64_t, int32_t> df;
  for (size_t p = 0; p < in.size(); ++p) {
    if (in[p].title.empty()) continue;
    auto [it, fresh] = first_title.try_emplace(in[p].title, p);
    if (!fresh) {
      out[p].findings.push_back({"duplicate_title", {in[it->second].sku}});
      out[it->second].findings.push_back({"duplicate_title", {in[p].sku}});
      continue;
    }
    grams[p] = bigrams(in[p].title);
    for (uint64_t g : grams[p]) ++df[g];
  }
  std::vector<std::vector<uint64_t>> ordered(in.size());
  for (size_t p = 0; p < in.size(); ++p) {
    ordered[p] = grams[p];
    std::sort(ordered[p].begin(), ordered[p].end(), [&](uint64_t a, uint64_t b) {
      const int32_t fa = df[a], fb = df[b];
      return fa != fb ? fa < fb : a < b;
    });
  }
  std::unordered_map<uint64_t, std::vector<int32_t>> index;
  std::vector<int32_t> cand;
  std::vector<int32_t> mark(in.size(), -1);
  for (size_t p = 0; p < in.size(); ++p) {
    const size_t sz = ordered[p].size();
    if (sz == 0) continue;
    const size_t prefix = sz - (4 * sz + 4) / 5 + 1;
    cand.clear();
    for (size_t i = 0; i < prefix && i < sz; ++i) {
      auto it = index.find(ordered[p][i]);
      if (it == index.end()) continue;
      for (int32_t q : it->second)
        if (mark[static_cast<size_t>(q)] != static_cast<int32_t>(p)) mark[static_cast<size_t>(q)] = static_cast<int32_t>(p), cand.push_back(q);
    }
    for (int32_t q : cand) {
      const auto& a = grams[p];
      const auto& b = grams[static_cast<size_t>(q)];
      size_t inter = 0;
      for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] == b[j]) ++inter, ++i, ++j;
        else if (a[i] < b[j]) ++i;
        else ++j;
      }
      const size_t uni = a.size() + b.size() - inter;
      if (5 * inter >= 4 * uni) {
        const std::string pct = std::to_string(static_cast<int>(std::floor(100.0 * static_cast<double>(inter) / static_cast<double>(uni))));
        out[p].findings.push_back({"near_duplicate", {in[static_cast<size_t>(q)].sku, pct}});
        out[static_cast<size_t>(q)].findings.push_back({"near_duplicate", {in[p].sku, pct}});
      }
    }
    for (size_t i = 0; i < prefix && i < sz; ++i) index[ordered[p][i]].push_back(static_cast<int32_t>(p));
  }
  return out;
}

std::vector<TitleReport> check_titles(const Dataset& ds, const std::vector<ProductAttributes>& attributes,
                                      const std::vector<Keyword>& keywords, const std::vector<std::string>& banned,
                                      const SkuTrafficTable* traffic) {
  std::unordered_map<std::string_view, const ProductAttributes*> by_sku;
  for (const ProductAttributes& a : attributes) by_sku.emplace(a.sku, &a);
  std::vector<TitleInput> in(ds.sku.size());
  for (size_t p = 0; p < in.size(); ++p) {
    in[p].sku = ds.sku[p];
    in[p].title = ds.product_title[p];
    const int32_t c = ds.product_category[p];
    if (c >= 0) in[p].category = ds.categories.names[static_cast<size_t>(c)];
    auto it = by_sku.find(ds.sku[p]);
    if (it != by_sku.end()) {
      in[p].brand = it->second->brand;
      in[p].attributes = it->second->attributes;
    }
    if (traffic)
      if (const SkuTraffic* t = traffic->of(p)) in[p].traffic = *t;
  }
  return check_titles(in, keywords, banned);
}

}  // namespace shopkeeper::insights
