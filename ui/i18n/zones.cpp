#include "ui/i18n/zones.h"

#include <cstdlib>

#include "core/tz/zone.h"

namespace shopkeeper::ui {

const std::vector<ZoneName>& offered_zones() {
  static const std::vector<ZoneName> zones = {
      {"Asia/Shanghai", "Shanghai, Beijing (China)", "上海、北京（中国）"},
      {"Asia/Urumqi", "Urumqi (China, Xinjiang time)", "乌鲁木齐（中国，新疆时间）"},
      {"Asia/Hong_Kong", "Hong Kong", "香港"},
      {"Asia/Macau", "Macau", "澳门"},
      {"Asia/Taipei", "Taipei", "台北"},
      {"Asia/Tokyo", "Tokyo (Japan)", "东京（日本）"},
      {"Asia/Seoul", "Seoul (South Korea)", "首尔（韩国）"},
      {"Asia/Singapore", "Singapore", "新加坡"},
      {"Asia/Kuala_Lumpur", "Kuala Lumpur (Malaysia)", "吉隆坡（马来西亚）"},
      {"Asia/Manila", "Manila (Philippines)", "马尼拉（菲律宾）"},
      {"Asia/Bangkok", "Bangkok (Thailand)", "曼谷（泰国）"},
      {"Asia/Ho_Chi_Minh", "Ho Chi Minh City (Vietnam)", "胡志明市（越南）"},
      {"Asia/Jakarta", "Jakarta (Indonesia)", "雅加达（印度尼西亚）"},
      {"Asia/Dhaka", "Dhaka (Bangladesh)", "达卡（孟加拉国）"},
      {"Asia/Kolkata", "India", "印度"},
      {"Asia/Karachi", "Karachi (Pakistan)", "卡拉奇（巴基斯坦）"},
      {"Asia/Dubai", "Dubai (United Arab Emirates)", "迪拜（阿联酋）"},
      {"Asia/Riyadh", "Riyadh (Saudi Arabia)", "利雅得（沙特阿拉伯）"},
      {"Australia/Perth", "Perth (Australia)", "珀斯（澳大利亚）"},
      {"Australia/Adelaide", "Adelaide (Australia)", "阿德莱德（澳大利亚）"},
      {"Australia/Brisbane", "Brisbane (Australia)", "布里斯班（澳大利亚）"},
      {"Australia/Sydney", "Sydney (Australia)", "悉尼（澳大利亚）"},
      {"Australia/Melbourne", "Melbourne (Australia)", "墨尔本（澳大利亚）"},
      {"Pacific/Auckland", "Auckland (New Zealand)", "奥克兰（新西兰）"},
      {"Europe/London", "London (United Kingdom)", "伦敦（英国）"},
      {"Europe/Dublin", "Dublin (Ireland)", "都柏林（爱尔兰）"},
      {"Europe/Lisbon", "Lisbon (Portugal)", "里斯本（葡萄牙）"},
      {"Europe/Paris", "Paris (France)", "巴黎（法国）"},
      {"Europe/Berlin", "Berlin (Germany)", "柏林（德国）"},
      {"Europe/Amsterdam", "Amsterdam (Netherlands)", "阿姆斯特丹（荷兰）"},
      {"Europe/Madrid", "Madrid (Spain)", "马德里（西班牙）"},
      {"Europe/Rome", "Rome (Italy)", "罗马（意大利）"},
      {"Europe/Zurich", "Zurich (Switzerland)", "苏黎世（瑞士）"},
      {"Europe/Stockholm", "Stockholm (Sweden)", "斯德哥尔摩（瑞典）"},
      {"Europe/Warsaw", "Warsaw (Poland)", "华沙（波兰）"},
      {"Europe/Athens", "Athens (Greece)", "雅典（希腊）"},
      {"Europe/Istanbul", "Istanbul (Turkey)", "伊斯坦布尔（土耳其）"},
      {"Europe/Moscow", "Moscow (Russia)", "莫斯科（俄罗斯）"},
      {"Africa/Cairo", "Cairo (Egypt)", "开罗（埃及）"},
      {"Africa/Lagos", "Lagos (Nigeria)", "拉各斯（尼日利亚）"},
      {"Africa/Nairobi", "Nairobi (Kenya)", "内罗毕（肯尼亚）"},
      {"Africa/Johannesburg", "Johannesburg (South Africa)", "约翰内斯堡（南非）"},
      {"America/New_York", "New York (US Eastern)", "纽约（美国东部）"},
      {"America/Chicago", "Chicago (US Central)", "芝加哥（美国中部）"},
      {"America/Denver", "Denver (US Mountain)", "丹佛（美国山地）"},
      {"America/Phoenix", "Phoenix (Arizona, no daylight saving)", "凤凰城（美国亚利桑那，不用夏令时）"},
      {"America/Los_Angeles", "Los Angeles (US Pacific)", "洛杉矶（美国太平洋）"},
      {"America/Anchorage", "Anchorage (Alaska)", "安克雷奇（美国阿拉斯加）"},
      {"Pacific/Honolulu", "Honolulu (Hawaii)", "檀香山（美国夏威夷）"},
      {"America/Toronto", "Toronto (Canada Eastern)", "多伦多（加拿大东部）"},
      {"America/Vancouver", "Vancouver (Canada Pacific)", "温哥华（加拿大太平洋）"},
      {"America/Halifax", "Halifax (Canada Atlantic)", "哈利法克斯（加拿大大西洋）"},
      {"America/Mexico_City", "Mexico City (Mexico)", "墨西哥城（墨西哥）"},
      {"America/Bogota", "Bogota (Colombia)", "波哥大（哥伦比亚）"},
      {"America/Lima", "Lima (Peru)", "利马（秘鲁）"},
      {"America/Santiago", "Santiago (Chile)", "圣地亚哥（智利）"},
      {"America/Sao_Paulo", "Sao Paulo (Brazil)", "圣保罗（巴西）"},
      {"America/Argentina/Buenos_Aires", "Buenos Aires (Argentina)", "布宜诺斯艾利斯（阿根廷）"},
      {"UTC", "UTC (no offset)", "协调世界时（零时区）"},
  };
  return zones;
}

std::string zone_label(std::string_view id, Lang lang, int64_t utc) {
  std::string offset;
  if (auto z = tz::Zone::find(id)) {
    const int32_t off = z->offset_at(utc);
    const int32_t a = std::abs(off);
    auto two = [](int32_t v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    offset = std::string(off < 0 ? "-" : "+") + two(a / 3600) + ":" + two(a % 3600 / 60);
  }
  for (const ZoneName& z : offered_zones())
    if (id == z.id) {
      if (lang == Lang::zh_CN) return std::string(z.zh) + (offset.empty() ? "" : "  " + offset);
      return std::string(z.en) + (offset.empty() ? "" : "  UTC" + offset);
    }
  if (lang == Lang::zh_CN && !offset.empty()) return offset;
  return std::string(id);
}

}  // namespace shopkeeper::ui
