#include "core/promotions/profiles.h"

#include "core/promotions/json_io.h"

#include <cctype>
#include <cstddef>
#include <string_view>

namespace shopkeeper::promo {

// assets/promotions/stacking_profiles.json (generated promotions_data.cpp).
extern const unsigned char kStackingProfiles[];
extern const size_t kStackingProfilesSize;

namespace {

// The built-in profiles: assets/promotions/stacking_profiles.json, embedded at build time
// (cmake/assets.cmake). Every rule there is cited in docs/promotions.md ("Platform stacking
// profiles"), including the rules for which no platform page could be found.
std::string_view profiles_text() { return {reinterpret_cast<const char*>(kStackingProfiles), kStackingProfilesSize}; }

Error perr(const std::string& where, const std::string& what) { return make_error(ErrorCode::parse_error, where + ": " + what); }

}  // namespace

Result<std::vector<ProfileInfo>> parse_profiles(std::string_view text) {
  auto parsed = parse_exact(text);
  if (!parsed) return parsed.error();
  const json& root = *parsed;
  if (!root.is_array()) return perr("profiles", "expected a list");
  std::vector<ProfileInfo> out;
  for (size_t i = 0; i < root.size(); ++i) {
    const json& j = root[i];
    std::string w = "profiles[" + std::to_string(i) + "]";
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string()) return perr(w + ".name", "missing");
    ProfileInfo p;
    p.name = j["name"].get<std::string>();
    w = "profile " + p.name;
    p.rules.profile = p.name;
    p.title = j.value("title", p.name);
    p.labels.assign(kLayerCount, "");
    if (j.contains("sources"))
      for (const auto& s : j["sources"]) p.sources.push_back(s.get<std::string>());
    if (!j.contains("layers") || !j["layers"].is_array()) return perr(w + ".layers", "expected a list");
    p.rules.order.clear();
    for (size_t k = 0; k < j["layers"].size(); ++k) {
      const json& x = j["layers"][k];
      std::string wl = w + ".layers[" + std::to_string(k) + "]";
      auto L = layer_from_name(x.value("layer", ""));
      if (!L) return perr(wl + ".layer", "unknown layer");
      const int li = static_cast<int>(*L);
      p.labels[li] = x.value("label", "");
      if (*L <= Layer::platform) {
        for (Layer o : p.rules.order)
          if (o == *L) return perr(wl + ".layer", "listed twice");
        p.rules.order.push_back(*L);
      }
      if (x.contains("thresholds_see")) {
        auto G = layer_from_name(x["thresholds_see"].get<std::string>());
        if (!G) return perr(wl + ".thresholds_see", "unknown layer");
        bool earlier = *G == *L;
        for (Layer o : p.rules.order)
          if (o == *G) earlier = true;
        if (!earlier) return perr(wl + ".thresholds_see", "must name this layer or an earlier one");
        p.rules.gate_from[li] = *G;
      }
      std::string stack = x.value("stack", "best");
      if (stack != "best" && stack != "all") return perr(wl + ".stack", "expected \"best\" or \"all\"");
      p.rules.all_stack[li] = stack == "all";
      if (x.contains("compounding")) p.rules.compounding[li] = x["compounding"].get<bool>() ? 1 : 0;
      if (x.contains("max_coupons")) p.rules.max_coupons[li] = x["max_coupons"].get<int64_t>();
    }
    if (p.rules.order.size() != 4) return perr(w + ".layers", "needs each goods layer (item, shop, coupon, platform) once");
    if (j.contains("exclusive"))
      for (const auto& pair : j["exclusive"]) {
        if (!pair.is_array() || pair.size() != 2) return perr(w + ".exclusive", "expected pairs of selectors");
        p.rules.exclusive_pairs.push_back({pair[0].get<std::string>(), pair[1].get<std::string>()});
      }
    p.rules.max_codes = j.value("max_codes", int64_t{0});
    p.rules.use_combines_with = j.value("combines_with", false);
    out.push_back(std::move(p));
  }
  return out;
}

const std::vector<ProfileInfo>& builtin_profiles() {
  static const std::vector<ProfileInfo> all = [] {
    auto r = parse_profiles(profiles_text());
    return r ? std::move(*r) : std::vector<ProfileInfo>{};
  }();
  return all;
}

const ProfileInfo* profile_info(const std::string& name) {
  for (const auto& p : builtin_profiles())
    if (p.name == name) return &p;
  return nullptr;
}

Result<StackRules> find_profile(const std::string& name) {
  if (const ProfileInfo* p = profile_info(name)) return p->rules;
  std::string known;
  for (const auto& p : builtin_profiles()) known += (known.empty() ? "" : ", ") + p.name;
  return make_error(ErrorCode::invalid_argument, "unknown profile \"" + name + "\" (known: " + known + ")");
}

std::vector<StackRules> profiles_for_channels(const std::vector<std::string>& channels) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"taobao", "tmall"}, {"tmall", "tmall"}, {"jingdong", "jd"}, {"pdd", "pinduoduo"}, {"woo", "woocommerce"}};
  std::vector<StackRules> out;
  auto add = [&](StackRules r) {
    for (const auto& o : out)
      if (o.profile == r.profile) return;
    out.push_back(std::move(r));
  };
  for (std::string c : channels) {
    for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string name = c;
    for (const auto& [alias, profile] : kAliases)
      if (c == alias) name = profile;
    const ProfileInfo* p = profile_info(name);
    add(p ? p->rules : StackRules{});
  }
  return out;
}

}  // namespace shopkeeper::promo
