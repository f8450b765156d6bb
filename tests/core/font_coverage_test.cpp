// The font subset covers what the app draws: make_font.py cuts the font from the string tables
// (ui/i18n) and assets/font/symbols.txt only, so every other non-ASCII character in ui/ and core/
// sources must already be in the fixed coverage (Latin-1, GB2312, CJK punctuation, full-width
// forms) or in those two; otherwise it would render as "?" (assets/font/README.md).
#include <doctest/doctest.h>
#include <iconv.h>
#include <utf8.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::set<char32_t> non_ascii(const std::string& text) {
  std::set<char32_t> out;
  if (!utf8::is_valid(text.begin(), text.end())) return out;
  for (auto it = text.begin(); it != text.end();) {
    char32_t c = utf8::next(it, text.end());
    if (c > 0x7F) out.insert(c);
  }
  return out;
}

// GB2312 as make_font.py builds it: every two-byte code 0xA1-0xF7 x 0xA1-0xFE that decodes
// (decoding, not encoding: the wasm build's iconv decodes CJK encodings only).
const std::set<char32_t>& gb2312() {
  static const std::set<char32_t> set = [] {
    std::set<char32_t> out;
    iconv_t cd = iconv_open("UTF-8", "GB2312");
    if (cd == reinterpret_cast<iconv_t>(-1)) return out;
    for (int hi = 0xA1; hi < 0xF8; ++hi) {
      for (int lo = 0xA1; lo < 0xFF; ++lo) {
        char in[2] = {static_cast<char>(hi), static_cast<char>(lo)};
        char buf[8];
        char* ip = in;
        char* op = buf;
        size_t il = 2, ol = sizeof buf;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        if (iconv(cd, &ip, &il, &op, &ol) == static_cast<size_t>(-1) || il != 0) continue;
        std::string text(buf, op);
        if (!utf8::is_valid(text.begin(), text.end()) || text.empty()) continue;
        auto it = text.begin();
        out.insert(utf8::next(it, text.end()));
      }
    }
    iconv_close(cd);
    return out;
  }();
  return set;
}

bool in_gb2312(char32_t c) { return gb2312().count(c) > 0; }

bool fixed_coverage(char32_t c) {
  return (c >= 0xA0 && c <= 0xFF) || (c >= 0x3000 && c < 0x3040) || (c >= 0xFF00 && c < 0xFFF0) || in_gb2312(c);
}

}  // namespace

TEST_SUITE("layers") {
  TEST_CASE("the GB2312 test itself: a common hanzi is in, an emoji and a rare hanzi are not") {
    CHECK(gb2312().size() > 7000);  // 7,445 characters
    CHECK(in_gb2312(U'店'));
    CHECK_FALSE(in_gb2312(U'\U0001F600'));
    CHECK_FALSE(in_gb2312(U'◀'));
  }
  TEST_CASE("every non-ASCII character in ui/ and core/ sources is in the font subset") {
    const fs::path root(SK_SOURCE_DIR);
    std::set<char32_t> covered = non_ascii(slurp(root / "assets/font/symbols.txt"));
    for (const auto& e : fs::recursive_directory_iterator(root / "ui/i18n"))
      if (e.is_regular_file()) covered.merge(non_ascii(slurp(e.path())));
    REQUIRE(covered.size() > 100);
    for (const char* dir : {"ui", "core"}) {
      for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
        if (!e.is_regular_file() || (e.path().extension() != ".h" && e.path().extension() != ".cpp")) continue;
        for (char32_t c : non_ascii(slurp(e.path())))
          if (!covered.count(c) && !fixed_coverage(c))
            FAIL_CHECK(e.path().string() << ": U+" << std::hex << static_cast<uint32_t>(c) << " is not in the font subset");
      }
    }
  }
}
