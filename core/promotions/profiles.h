// Platform stacking profiles: how Tmall/Taobao, JD, Pinduoduo, Douyin, Shopify and WooCommerce
// stack promotions, as DATA (profiles.cpp holds the table as JSON text; the sources of every
// rule are cited in docs/promotions.md). A profile sets the layer order, which layers'
// thresholds see which amounts, mutual exclusions, coupon limits and how a layer stacks.
//
// JSON form of one profile:
//   {"name": "tmall", "title": "...", "sources": ["https://..."],
//    "layers": [{"layer": "item", "label": "单品优惠", "thresholds_see": "item",
//                "stack": "best" | "all", "compounding": true|false (optional),
//                "max_coupons": 1 (optional)}, ...],      // goods layers, in running order
//    "exclusive": [["layer:coupon", "class:shop_red_packet"]],
//    "max_codes": 5, "combines_with": true}
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/promotions/promotion.h"

namespace shopkeeper::promo {

struct ProfileInfo {
  std::string name, title;
  std::vector<std::string> sources;
  std::vector<std::string> labels;  // per Layer: the platform's name for it ("" = same)
  StackRules rules;
};

// Parses a list of profiles (the format above); errors name the profile and field. Layer
// names, thresholds_see and pairs are checked; the value types are trusted (strings, booleans,
// whole numbers as above), so a hand-edited file should be checked by loading it in a test.
Result<std::vector<ProfileInfo>> parse_profiles(std::string_view text);
// The built-in profiles (parsed once).
const std::vector<ProfileInfo>& builtin_profiles();
// The rules of a built-in profile; an unknown name is an error listing the known ones.
Result<StackRules> find_profile(const std::string& name);
const ProfileInfo* profile_info(const std::string& name);
// The profiles of the channels a shop sells on (order channels as stored): a channel named
// like a profile, or an alias (taobao, tmall -> tmall; jingdong -> jd; pdd -> pinduoduo;
// woo -> woocommerce), gets that profile; any other channel (own site, mini-program) the
// engine's own rules. Each profile once, in first-seen order.
std::vector<StackRules> profiles_for_channels(const std::vector<std::string>& channels);

}  // namespace shopkeeper::promo
