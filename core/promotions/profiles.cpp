#include "core/promotions/profiles.h"

#include "core/promotions/json_io.h"

#include <cctype>

namespace shopkeeper::promo {

namespace {

// The built-in profiles. Every rule here is cited in docs/promotions.md ("Platform stacking
// profiles"), including the rules for which no platform page could be found.
constexpr const char* kProfiles = R"json([
 {"name": "tmall", "title": "Tmall / Taobao",
  "sources": ["https://m.maijiaw.com/labels/271515",
              "http://www.gstsqh.com.cn/ecschool/wztbnew/show_93138.html",
              "https://m.39zn.cn/labels/130539.htm"],
  "layers": [
   {"layer": "item", "label": "单品优惠（单品宝、限时折扣）"},
   {"layer": "shop", "label": "店铺优惠（店铺宝满减/满折、搭配宝）"},
   {"layer": "coupon", "label": "店铺券", "max_coupons": 1},
   {"layer": "platform", "label": "跨店满减、平台券", "thresholds_see": "shop", "max_coupons": 1},
   {"layer": "points", "label": "红包/积分"}],
  "exclusive": [["layer:coupon", "class:shop_red_packet"]]},
 {"name": "jd", "title": "JD",
  "sources": [],
  "layers": [
   {"layer": "item", "label": "单品促销（直降、秒杀）"},
   {"layer": "shop", "label": "店铺促销（满减、满折、多买优惠）"},
   {"layer": "coupon", "label": "店铺东券", "max_coupons": 1},
   {"layer": "platform", "label": "平台券（东券/京券）", "max_coupons": 1},
   {"layer": "points", "label": "京豆/E卡"}]},
 {"name": "pinduoduo", "title": "Pinduoduo",
  "sources": ["https://www.tbaos.com/tag/%e6%8b%bc%e5%a4%9a%e5%a4%9a%e5%ba%97%e9%93%ba%e4%bc%98%e6%83%a0%e5%88%b8%e6%9c%89%e4%bd%95%e8%a7%84%e5%88%99"],
  "layers": [
   {"layer": "item", "label": "单品优惠（限时折扣、多件优惠）"},
   {"layer": "shop", "label": "店铺满减"},
   {"layer": "coupon", "label": "店铺券", "max_coupons": 1},
   {"layer": "platform", "label": "平台券（百亿补贴、平台满减）", "max_coupons": 1},
   {"layer": "points", "label": "积分"}]},
 {"name": "douyin", "title": "Douyin",
  "sources": [],
  "layers": [
   {"layer": "item", "label": "直降、秒杀、限时限量购"},
   {"layer": "shop", "label": "店铺满减/满折"},
   {"layer": "coupon", "label": "店铺券", "max_coupons": 1},
   {"layer": "platform", "label": "平台券、跨店满减（购物津贴）", "max_coupons": 1},
   {"layer": "points", "label": "抖音币/积分"}]},
 {"name": "shopify", "title": "Shopify",
  "sources": ["https://help.shopify.com/en/manual/discounts/combining-discounts"],
  "layers": [
   {"layer": "item", "label": "product discounts"},
   {"layer": "shop", "label": "order discounts", "stack": "all", "compounding": false},
   {"layer": "coupon", "label": "order discounts (codes)", "thresholds_see": "shop", "stack": "all", "compounding": false},
   {"layer": "platform", "label": "order discounts", "thresholds_see": "shop", "stack": "all", "compounding": false},
   {"layer": "points", "label": "gift cards / store credit"}],
  "max_codes": 5, "combines_with": true},
 {"name": "woocommerce", "title": "WooCommerce (coupons not sequential)",
  "sources": ["https://woocommerce.com/document/coupon-management/"],
  "layers": [
   {"layer": "item", "label": "sale price"},
   {"layer": "shop", "label": "automatic offers (plugins)"},
   {"layer": "coupon", "label": "coupons", "stack": "all", "compounding": false},
   {"layer": "platform", "label": "coupons", "thresholds_see": "coupon", "stack": "all", "compounding": false},
   {"layer": "points", "label": "points and rewards"}],
  "combines_with": true},
 {"name": "woocommerce_sequential", "title": "WooCommerce (calculate coupon discounts sequentially)",
  "sources": ["https://woocommerce.com/document/coupon-management/"],
  "layers": [
   {"layer": "item", "label": "sale price"},
   {"layer": "shop", "label": "automatic offers (plugins)"},
   {"layer": "coupon", "label": "coupons", "stack": "all", "compounding": true},
   {"layer": "platform", "label": "coupons", "stack": "all", "compounding": true},
   {"layer": "points", "label": "points and rewards"}],
  "combines_with": true}
])json";

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
    auto r = parse_profiles(kProfiles);
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
