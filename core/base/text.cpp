#include "core/base/text.h"

#include <algorithm>

namespace shopkeeper {

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

int natural_compare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;  // leading zeros do not change the value
      while (j0 < b.size() && b[j0] == '0') ++j0;
      size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && is_digit(a[i1])) ++i1;
      while (j1 < b.size() && is_digit(b[j1])) ++j1;
      if (i1 - i0 != j1 - j0) return (i1 - i0) < (j1 - j0) ? -1 : 1;
      for (size_t k = 0; k < i1 - i0; ++k)
        if (a[i0 + k] != b[j0 + k]) return a[i0 + k] < b[j0 + k] ? -1 : 1;
      // Same value: the shorter run (fewer leading zeros) first, then continue.
      if (i1 - i != j1 - j) return (i1 - i) < (j1 - j) ? -1 : 1;
      i = i1;
      j = j1;
    } else {
      unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[j]);
      if (x != y) return x < y ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i == a.size() && j == b.size()) return 0;
  return i == a.size() ? -1 : 1;
}

std::string ascii_lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = ascii_lower(c);
  return o;
}

bool contains_ascii_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
  return it != hay.end();
}

}  // namespace shopkeeper
