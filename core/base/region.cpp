#include "core/base/region.h"

#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace shopkeeper {

extern const unsigned char kRegionNames[];
extern const size_t kRegionNamesSize;

namespace {

// assets/base/regions.json, embedded at build time (cmake/assets.cmake): the 34 province-level
// divisions of China (short form, official full name; Taobao/Tmall/Douyin exports write either;
// "省"/"市"/"自治区"/"特别行政区" are the suffixes), and country spellings seen in exports (Online
// Retail, Shopify, WooCommerce) -> ISO 3166 short name, compared case-insensitively.
struct Province {
  std::string short_name, full_name;
};
struct Country {
  std::string alias, iso_name;
};
struct Names {
  std::vector<Province> provinces;
  std::vector<Country> countries;
};

const Names& names() {
  static const Names n = [] {
    Names out;
    const auto j = nlohmann::json::parse(kRegionNames, kRegionNames + kRegionNamesSize, nullptr, false);
    if (!j.is_object()) return out;  // the asset is checked by tests/core/assets_test.cpp
    auto pairs = [&](const char* key, auto&& add) {
      auto it = j.find(key);
      if (it == j.end() || !it->is_array()) return;
      for (const auto& x : *it)
        if (x.is_array() && x.size() == 2 && x[0].is_string() && x[1].is_string())
          add(x[0].get<std::string>(), x[1].get<std::string>());
    };
    pairs("provinces", [&](std::string a, std::string b) { out.provinces.push_back({std::move(a), std::move(b)}); });
    pairs("countries", [&](std::string a, std::string b) { out.countries.push_back({std::move(a), std::move(b)}); });
    return out;
  }();
  return n;
}

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view normalize_region(std::string_view region, std::string& buf) {
  (void)buf;
  const std::string_view r = trim(region);
  if (r.empty()) return r;
  if (static_cast<unsigned char>(r[0]) >= 0x80) {
    for (const Province& p : names().provinces) {
      const std::string_view s = p.short_name, f = p.full_name;
      // "浙江", "浙江省", and addresses that start with the province ("浙江省杭州市…", "浙江 杭州").
      if (r.substr(0, f.size()) == f || r == s) return s;
      if (r.substr(0, s.size()) == s && (r.size() == s.size() || r[s.size()] == ' ')) return s;
    }
    for (const Country& c : names().countries)
      if (r == c.alias) return c.iso_name;
    return r;
  }
  for (const Country& c : names().countries)
    if (iequal(r, c.alias)) return c.iso_name;
  return r;
}

}  // namespace shopkeeper
