// Region names as sellers' exports write them, normalised so one place is one row (issue #10):
// Chinese provinces, municipalities, autonomous regions and SARs by their common short form
// ("浙江省", "浙江" -> "浙江"; "广西壮族自治区" -> "广西"; "北京市" -> "北京"), and countries by
// their ISO 3166 English short name ("UK", "EIRE", "USA", "RSA" -> "United Kingdom", "Ireland",
// "United States", "South Africa"). Anything else is kept as given, trimmed.
#pragma once
#include <string>
#include <string_view>

namespace shopkeeper {

// The canonical name of `region`: a view of a static table entry, of `region` itself (trimmed),
// or of `buf` (which the caller keeps alive while using the result).
std::string_view normalize_region(std::string_view region, std::string& buf);

}  // namespace shopkeeper
