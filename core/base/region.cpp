#include "core/base/region.h"

#include <array>
#include <cctype>

namespace shopkeeper {

namespace {

// The 34 province-level divisions of China: short form first, then the official full name.
// Taobao/Tmall/Douyin exports write either; "省"/"市"/"自治区"/"特别行政区" are the suffixes.
struct Province {
  const char* short_name;
  const char* full_name;
};
constexpr std::array<Province, 34> kProvinces = {{
    {"北京", "北京市"}, {"天津", "天津市"}, {"上海", "上海市"}, {"重庆", "重庆市"},
    {"河北", "河北省"}, {"山西", "山西省"}, {"辽宁", "辽宁省"}, {"吉林", "吉林省"},
    {"黑龙江", "黑龙江省"}, {"江苏", "江苏省"}, {"浙江", "浙江省"}, {"安徽", "安徽省"},
    {"福建", "福建省"}, {"江西", "江西省"}, {"山东", "山东省"}, {"河南", "河南省"},
    {"湖北", "湖北省"}, {"湖南", "湖南省"}, {"广东", "广东省"}, {"海南", "海南省"},
    {"四川", "四川省"}, {"贵州", "贵州省"}, {"云南", "云南省"}, {"陕西", "陕西省"},
    {"甘肃", "甘肃省"}, {"青海", "青海省"}, {"台湾", "台湾省"},
    {"内蒙古", "内蒙古自治区"}, {"广西", "广西壮族自治区"}, {"西藏", "西藏自治区"},
    {"宁夏", "宁夏回族自治区"}, {"新疆", "新疆维吾尔自治区"},
    {"香港", "香港特别行政区"}, {"澳门", "澳门特别行政区"},
}};

// Country spellings seen in exports (Online Retail, Shopify, WooCommerce) -> ISO 3166 short
// name. Compared case-insensitively.
struct Country {
  const char* alias;
  const char* iso_name;
};
constexpr std::array<Country, 22> kCountries = {{
    {"uk", "United Kingdom"}, {"gb", "United Kingdom"}, {"great britain", "United Kingdom"},
    {"england", "United Kingdom"}, {"united kingdom", "United Kingdom"},
    {"eire", "Ireland"}, {"ireland", "Ireland"}, {"republic of ireland", "Ireland"},
    {"usa", "United States"}, {"us", "United States"}, {"united states of america", "United States"},
    {"united states", "United States"}, {"rsa", "South Africa"}, {"south africa", "South Africa"},
    {"czech republic", "Czechia"}, {"holland", "Netherlands"}, {"the netherlands", "Netherlands"},
    {"prc", "China"}, {"people's republic of china", "China"}, {"中国", "China"}, {"中国大陆", "China"},
    {"korea, south", "South Korea"},
}};

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
    for (const Province& p : kProvinces) {
      const std::string_view s = p.short_name, f = p.full_name;
      // "浙江", "浙江省", and addresses that start with the province ("浙江省杭州市…", "浙江 杭州").
      if (r.substr(0, f.size()) == f || r == s) return s;
      if (r.substr(0, s.size()) == s && (r.size() == s.size() || r[s.size()] == ' ')) return s;
    }
    for (const Country& c : kCountries)
      if (r == c.alias) return c.iso_name;
    return r;
  }
  for (const Country& c : kCountries)
    if (iequal(r, c.alias)) return c.iso_name;
  return r;
}

}  // namespace shopkeeper
