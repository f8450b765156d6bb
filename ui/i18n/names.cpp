#include "ui/i18n/names.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "ui/i18n/format.h"

namespace shopkeeper::ui {

namespace {

struct Name {
  const char* key;  // lower case
  const char* zh;
};
constexpr Name kNames[] = {
    {"direct", "直接访问"},   {"search", "搜索"},       {"recommend", "推荐"},     {"live", "直播"},
    {"ads", "广告"},          {"social", "社交"},       {"tmall", "天猫"},         {"douyin", "抖音"},
    {"taobao", "淘宝"},       {"mini-program", "小程序"}, {"miniprogram", "小程序"}, {"web", "网店"},
    {"app", "手机端"},           {"marketplace", "平台店铺"}, {"email", "邮件"},       {"referral", "外链推荐"},
    {"jd", "京东"},           {"pinduoduo", "拼多多"},   {"wechat", "微信"},        {"xiaohongshu", "小红书"},
};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

const char* kWeekdayEn[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* kWeekdayZh[7] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

std::string value_text(Metric m, double v, Lang lang) {
  if (!std::isfinite(v)) return "—";
  char b[48];
  switch (metric_def(m).unit) {
    case MetricUnit::money: return format_money(static_cast<Money>(std::llround(v)), lang);
    case MetricUnit::count: return format_int(static_cast<int64_t>(std::llround(v)), lang);
    case MetricUnit::rate: return format_percent(v, 2);
    case MetricUnit::seconds:
      std::snprintf(b, sizeof b, lang == Lang::zh_CN ? "%.0f秒" : "%.0f s", v);
      return b;
    case MetricUnit::ratio: std::snprintf(b, sizeof b, "%.2f", v); return b;
  }
  return "—";
}

}  // namespace

std::string source_label(std::string_view name, Lang lang) {
  if (lang == Lang::zh_CN)
    for (const Name& n : kNames)
      if (iequal(name, n.key)) return n.zh;
  return std::string(name);
}

std::string alert_sentence(const Alert& a, Lang lang, const std::string& occasion) {
  const MetricDef& d = metric_def(a.metric);
  const int wd = weekday(a.day);
  const bool up = a.direction > 0;
  std::string pct;
  if (a.band.median != 0) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f%%", std::fabs(a.value - a.band.median) / std::fabs(a.band.median) * 100.0);
    pct = b;
  }
  auto v = [&](double x) { return value_text(a.metric, x, lang); };
  std::string s;
  if (lang == Lang::zh_CN) {
    s = format_date(a.day, lang) + "（" + kWeekdayZh[wd] + "）：" + d.label_zh + "为 " + v(a.value) + "，" +
        (up ? "高于" : "低于") + "平常的" + kWeekdayZh[wd] + (pct.empty() ? "" : " " + pct) + "（中位数 " +
        v(a.band.median) + "，正常范围 " + v(a.band.low) + " 至 " + v(a.band.high) + "，参考过去 " +
        std::to_string(a.band.n) + " 个" + kWeekdayZh[wd] + "）";
    if (!occasion.empty()) s += "；预期中：" + occasion;
    return s + "。";
  }
  s = format_day(a.day) + " (" + kWeekdayEn[wd] + "): " + d.label_en + " was " + v(a.value) + ", " +
      (pct.empty() ? "" : pct + " ") + (up ? "above" : "below") + " the usual for a " + kWeekdayEn[wd] + " (median " +
      v(a.band.median) + ", expected " + v(a.band.low) + " to " + v(a.band.high) + ", from the last " +
      std::to_string(a.band.n) + " " + kWeekdayEn[wd] + "s)";
  if (!occasion.empty()) s += "; expected: " + occasion;
  return s + ".";
}

}  // namespace shopkeeper::ui
