// Small text helpers shared by the core and the UI.
#pragma once
#include <string_view>

namespace shopkeeper {

// "Natural" order: runs of ASCII digits compare by value, so "SKU2" < "SKU10". Other bytes
// compare as unsigned bytes (UTF-8 order). Returns <0, 0 or >0.
int natural_compare(std::string_view a, std::string_view b);

}  // namespace shopkeeper
