// Small text helpers shared by the core and the UI.
#pragma once
#include <string>
#include <string_view>

namespace shopkeeper {

// "Natural" order: runs of ASCII digits compare by value, so "SKU2" < "SKU10". Other bytes
// compare as unsigned bytes (UTF-8 order). Returns <0, 0 or >0.
int natural_compare(std::string_view a, std::string_view b);

// ASCII lower-casing: A-Z become a-z, every other byte (UTF-8 included) stays as it is.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
std::string ascii_lower(std::string_view s);
// Whether `needle` occurs in `hay`, ignoring ASCII case; an empty needle is in every string.
bool contains_ascii_ci(std::string_view hay, std::string_view needle);

}  // namespace shopkeeper
