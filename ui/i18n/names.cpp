#include "ui/i18n/names.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/io/sniff.h"
#include "ui/i18n/format.h"
#include "ui/i18n/metric_words.h"

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
    {"all", "全店"},  // a traffic report's whole-shop rows (the 生意参谋 shop daily report, docs/shops.md)
};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

const char* kWeekdayEn[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* kWeekdayZh[7] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

}  // namespace

std::string profile_label(std::string_view name, std::string_view title, Lang lang) {
  if (lang != Lang::zh_CN) return std::string(title);
  static const std::pair<std::string_view, std::string_view> kZh[] = {
      {"tmall", "天猫 / 淘宝"},
      {"jd", "京东"},
      {"pinduoduo", "拼多多"},
      {"douyin", "抖音"},
      {"shopify", "Shopify"},
      {"woocommerce", "WooCommerce（优惠券不依次计算）"},
      {"woocommerce_sequential", "WooCommerce（优惠券依次计算）"},
  };
  for (const auto& [k, v] : kZh)
    if (k == name) return std::string(v);
  return std::string(title);
}

std::string source_label(std::string_view name, Lang lang) {
  if (lang == Lang::zh_CN)
    for (const Name& n : kNames)
      if (iequal(name, n.key)) return n.zh;
  return std::string(name);
}

std::string alert_sentence(const Alert& a, Lang lang, const std::string& occasion) {
  const char* label = metric_label(a.metric, lang);
  const int wd = weekday(a.day);
  const bool up = a.direction > 0;
  std::string pct;
  if (a.band.median != 0) {
    std::string b;
    b = strf("%.0f%%", std::fabs(a.value - a.band.median) / std::fabs(a.band.median) * 100.0);
    pct = b;
  }
  auto v = [&](double x) { return metric_value_text(a.metric, x, lang); };
  std::string s;
  if (lang == Lang::zh_CN) {
    s = format_date(a.day, lang) + "（" + kWeekdayZh[wd] + "）：" + label + "为 " + v(a.value) + "，" +
        (up ? "高于" : "低于") + "平常的" + kWeekdayZh[wd] + (pct.empty() ? "" : " " + pct) + "（中位数 " +
        v(a.band.median) + "，正常范围 " + v(a.band.low) + " 至 " + v(a.band.high) + "，参考过去 " +
        std::to_string(a.band.n) + " 个" + kWeekdayZh[wd] + "）";
    if (!occasion.empty()) s += "；预期中：" + occasion;
    return s + "。";
  }
  s = format_day(a.day) + " (" + kWeekdayEn[wd] + "): " + label + " was " + v(a.value) + ", " +
      (pct.empty() ? "" : pct + " ") + (up ? "above" : "below") + " the usual for a " + kWeekdayEn[wd] + " (median " +
      v(a.band.median) + ", expected " + v(a.band.low) + " to " + v(a.band.high) + ", from the last " +
      std::to_string(a.band.n) + " " + kWeekdayEn[wd] + "s)";
  if (!occasion.empty()) s += "; expected: " + occasion;
  return s + ".";
}

// The CLI's sentence (report alerts, kpi): values as format_metric_value prints them, ISO days.
std::string alert_sentence_plain(const Alert& a, Lang lang) {
  const int wd = weekday(a.day);
  const bool up = a.direction > 0;
  const std::string pct =
      a.band.median != 0 ? strf("%.0f%%", std::fabs(a.value - a.band.median) / std::fabs(a.band.median) * 100.0) : "";
  auto v = [&](double x) {
    std::string s = format_metric_value(a.metric, x);
    if (lang == Lang::zh_CN && metric_def(a.metric).unit == MetricUnit::seconds) s = s.substr(0, s.size() - 2) + "秒";
    return s;
  };
  const std::string n = std::to_string(a.band.n);
  if (lang == Lang::zh_CN)
    return format_day(a.day) + "（" + kWeekdayZh[wd] + "）：" + metric_label(a.metric, lang) + "为 " + v(a.value) + "，" +
           (up ? "高于" : "低于") + "平常的" + kWeekdayZh[wd] + (pct.empty() ? "" : " " + pct) + "（中位数 " +
           v(a.band.median) + "，正常范围 " + v(a.band.low) + " 至 " + v(a.band.high) + "，参考过去 " + n + " 个" +
           kWeekdayZh[wd] + "）" + (a.expected ? "；预期中的高峰：" + a.occasion : "") + "。";
  return format_day(a.day) + " (" + kWeekdayEn[wd] + "): " + metric_label(a.metric, lang) + " was " + v(a.value) + ", " +
         (pct.empty() ? "" : pct + " ") + (up ? "above" : "below") + " the usual for a " + kWeekdayEn[wd] + " (median " +
         v(a.band.median) + ", expected " + v(a.band.low) + " to " + v(a.band.high) + ", from the last " + n + " " +
         kWeekdayEn[wd] + "s)" + (a.expected ? "; expected: " + a.occasion : "") + ".";
}

}  // namespace shopkeeper::ui

namespace shopkeeper::ui {
namespace {
struct Word {
  const char* name;
  const char* zh;
};
std::string lookup(const Word* b, const Word* e, std::string_view name, Lang lang) {
  if (lang == Lang::zh_CN)
    for (const Word* w = b; w != e; ++w)
      if (name == w->name) return w->zh;
  return std::string(name);
}
// Field names of every import target (core/io/presets.cpp).
const Word kFields[] = {
    {"order_id", "订单号"}, {"customer_id", "客户编号"}, {"customer_name", "客户姓名"}, {"email", "电子邮箱"},
    {"region", "地区"}, {"placed_at", "下单时间"}, {"paid_at", "付款时间"}, {"cancelled_at", "取消时间"},
    {"status", "状态"}, {"fulfillment_status", "发货状态"}, {"channel", "渠道"}, {"traffic_source", "流量来源"},
    {"items_amount", "商品金额"}, {"discount_amount", "优惠金额"}, {"shipping_amount", "运费"},
    {"paid_amount", "实付金额"}, {"coupon_code", "优惠券码"}, {"campaign_id", "活动编号"},
    {"refunded_amount", "退款金额"}, {"sku", "商品编码"}, {"title", "商品名称"}, {"qty", "数量"},
    {"unit_price", "单价"}, {"line_total", "行金额"}, {"line_discount", "单品优惠"}, {"unit_cost", "单位成本"},
    {"line_items_packed", "商品明细（WooCommerce）"}, {"line_no", "行号"}, {"amount", "金额"}, {"reason", "原因"},
    {"refunded_at", "退款时间"}, {"category", "类目"}, {"brand", "品牌"}, {"tags", "标签"},
    {"list_price", "标价"}, {"stock", "库存"}, {"launched_on", "上架日期"}, {"weight_g", "重量（克）"},
    {"supplier_id", "供应商编号"}, {"role", "商品角色"}, {"name", "名称"}, {"joined_on", "注册日期"},
    {"tier", "会员等级"}, {"points_balance", "积分余额"}, {"birthday", "生日"}, {"day", "日期"},
    {"source", "来源"}, {"visitors", "访客数"}, {"page_views", "浏览量"}, {"sessions", "访问次数"},
    {"product_views", "商品浏览量"}, {"add_to_carts", "加购数"}, {"avg_seconds", "平均停留秒数"},
    {"spend", "花费"}, {"impressions", "展现量"}, {"clicks", "点击量"},
    {"buyers", "支付买家数"}, {"keyword", "关键词"}, {"add_to_cart_buyers", "加购人数"},
    {"add_to_cart_units", "加购件数"}, {"units", "支付件数"}, {"conversion", "支付转化率"},
    // The shops comparison and consolidated daily report (core/shops, issue #16).
    {"shop_id", "店铺编号"}, {"shop", "店铺"}, {"platform", "平台"}, {"orders", "订单数"}, {"revenue", "销售额"},
    {"aov", "客单价"}, {"refunds", "退款金额"}, {"share", "销售额占比"},
};
// Exported tables (core/io/table.cpp) and import targets.
const Word kTables[] = {
    {"products", "商品"}, {"suppliers", "供应商"}, {"customers", "客户"}, {"orders", "订单"},
    {"order_lines", "订单明细"}, {"refunds", "退款"}, {"traffic_daily", "每日流量"}, {"traffic", "流量"},
    {"ad_spend", "广告花费"}, {"promotions", "促销"}, {"coupons", "优惠券"}, {"campaigns", "活动"},
    {"points_ledger", "积分流水"}, {"competitor_prices", "竞品价格"}, {"checklist_items", "检查清单"},
    {"settings", "设置"}, {"import_log", "导入记录"},
    {"product_traffic", "商品流量"}, {"keyword_traffic", "关键词流量"},
};
// Format presets (core/io/presets.cpp): the platforms' own names stay, the kind of file is worded.
const Word kPresets[] = {
    {"auto", "自动识别"}, {"online-retail", "Online Retail 表格"}, {"shopify-orders", "Shopify 订单"},
    {"woocommerce-orders", "WooCommerce 订单"}, {"taobao-orders", "淘宝/天猫订单"}, {"generic", "通用 CSV"},
    {"douyin-orders", "抖店订单"}, {"pinduoduo-orders", "拼多多订单"}, {"jd-orders", "京东订单"},
    {"sycm-shop", "生意参谋店铺日报"}, {"sycm-product", "生意参谋商品报表"}, {"sycm-source", "生意参谋流量来源"},
    {"sycm-keyword", "生意参谋引流关键词"},
};
}  // namespace

std::string field_label(std::string_view field, Lang lang) {
  return lookup(std::begin(kFields), std::end(kFields), field, lang);
}
std::string table_label(std::string_view table, Lang lang) {
  return lookup(std::begin(kTables), std::end(kTables), table, lang);
}
std::string preset_label(std::string_view preset, Lang lang) {
  return lookup(std::begin(kPresets), std::end(kPresets), preset, lang);
}
std::string encoding_label(std::string_view encoding, Lang lang) {
  if (encoding == "auto") return lang == Lang::zh_CN ? "自动识别" : "auto";
  std::string out(encoding);
  if (lang == Lang::zh_CN)  // encodings as Chinese tools write them: UTF-8, GBK
    for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

std::string row_error_text(const RowError& e, Lang lang) {
  if (lang != Lang::zh_CN) return e.message;
  const std::string field = field_label(e.field, lang);
  const std::string v = "“" + e.value + "”";
  switch (e.why) {
    case RowWhy::missing: return "缺少" + field;
    case RowWhy::bad_value:
      switch (e.kind) {
        case FieldKind::time: return field + "不是有效的日期时间：" + v;
        case FieldKind::day: return field + "不是有效的日期：" + v;
        case FieldKind::money: return field + "不是有效的金额：" + v;
        case FieldKind::count: return field + "不是有效的整数：" + v;
        case FieldKind::real: return field + "不是有效的数字：" + v;
        default: return field + "的值无效：" + v;
      }
    case RowWhy::bad_status:
      return "无法识别的订单状态" + v + "（可用：待付款、已付款、已发货、已完成、已取消、已退款，或导出文件自带的状态词，如 交易成功）";
    case RowWhy::other_day:
      return "订单 " + e.a + " 第一行（第 " + std::to_string(e.n) + " 行）的日期是 " + e.c + "，这一行却是 " + e.b +
             "：同一订单的各行必须是同一天";
    case RowWhy::rejected_with_order:
      return "随订单一并拒绝：订单 " + e.a + " 的第 " + std::to_string(e.n) + " 行有错误";
    case RowWhy::out_of_range: return "数量超出范围";
    case RowWhy::zero_qty_with_amount: return "数量为 0 却有行金额：无法算出单价";
    case RowWhy::too_large: return "行金额过大";
    case RowWhy::cancel_positive_qty: return "取消单（C 开头的单号）的数量必须为负数";
    case RowWhy::negative_refund: return "退款金额不能为负数";
    case RowWhy::packed_item: return "商品明细中有一项缺少有效的数量或金额";
    case RowWhy::cut_off: return "文件在这一行中间结束了，是不是没下载完？（第 " + std::to_string(e.n) + " 行开始的引号一直没有闭合）";
    case RowWhy::bad_quote: return "右引号后面还有文字（字段里的引号要写成两个）";
    case RowWhy::too_many_fields:
      return "这一行有 " + std::to_string(e.n) + " 个字段，表头只有 " + e.a + " 个（值里是不是有没加引号的分隔符？）";
    case RowWhy::no_such_order: return "店铺里没有这个订单号的订单（请先导入订单）";
    case RowWhy::order_too_large: return "订单金额合计过大";
    case RowWhy::bad_time_zone: return field + "的时区无法识别：“" + e.a + "”（请写成 Z、+08:00 或 -0500 这样的时差）";
    case RowWhy::other: break;
  }
  return "此行无法导入";
}

}  // namespace shopkeeper::ui

namespace shopkeeper::ui {

namespace {
std::string quoted_zh(const std::string& s) { return "“" + s + "”"; }
std::string line_zh(int64_t n) { return "第 " + std::to_string(n) + " 行"; }
const char* file_kind_zh(FileKind k) {
  switch (k) {
    case FileKind::text:
    case FileKind::gzip: return "";
    case FileKind::zip: return "这是一个压缩包，不是 CSV 文件：请先解压，再导入里面的 CSV";
    case FileKind::xlsx: return "这是一个 Excel 工作簿，不是 CSV 文件：请打开它，把工作表另存为 CSV（UTF-8）";
    case FileKind::xls: return "这是一个旧版（97-2003）Excel 工作簿，不是 CSV 文件：请打开它，把工作表另存为 CSV（UTF-8）";
    case FileKind::png: return "这是一张 PNG 图片，不是 CSV 文件";
    case FileKind::jpeg: return "这是一张 JPEG 图片，不是 CSV 文件";
    case FileKind::gif: return "这是一张 GIF 图片，不是 CSV 文件";
    case FileKind::pdf: return "这是一个 PDF 文档，不是 CSV 文件：请把数据导出为 CSV";
    case FileKind::sqlite: return "这是一个数据库文件，不是 CSV 文件（店铺备份请在“设置”里恢复）";
    case FileKind::other_binary: return "这不是文本文件（里面是二进制数据），所以不是 CSV 文件";
  }
  return "";
}
// "order_id, 下单时间" -> each found column as the file has it (data, not words).
std::string columns_zh(const std::string& found) { return "文件里的列：" + found; }
}  // namespace

std::string file_refusal_text(const FileRefusal& r, const RowError& row, Lang lang) {
  if (lang != Lang::zh_CN) {
    std::string s = refusal_en(r);
    if (r.why == FileWhy::nothing_imported) {
      s += ": " + row.message;
      if (r.n > 0) s += " (and " + std::to_string(r.n) + " more rejected rows)";
    }
    return s;
  }
  switch (r.why) {
    case FileWhy::none: return "";
    case FileWhy::other: return "无法读取这个文件";
    case FileWhy::cannot_open: return "无法打开这个文件";
    case FileWhy::not_text: return file_kind_zh(static_cast<FileKind>(r.n));
    case FileWhy::gzip_cut: return "这个压缩文件（.gz）不完整：是不是没下载完？";
    case FileWhy::gzip_damaged: return "这个压缩文件（.gz）已损坏";
    case FileWhy::gzip_unsupported: return "这是压缩文件（.gz），当前版本无法解压：请先解压再导入";
    case FileWhy::bad_utf8: return line_zh(r.n) + "有无效的 UTF-8 字节（文件是不是 GBK 编码？）";
    case FileWhy::bad_bytes: return line_zh(r.n) + "有无效的 " + r.a + " 字节（试试换一种编码？）";
    case FileWhy::unknown_encoding:
      return "无法识别的编码" + quoted_zh(r.a) + "（可选 UTF-8、UTF-16LE、UTF-16BE、GBK 或 GB18030）";
    case FileWhy::bad_delimiter: return "不支持的分隔符（请用逗号、分号、制表符或竖线）";
    case FileWhy::unknown_format: return "无法识别的格式" + quoted_zh(r.a);
    case FileWhy::empty: return "文件是空的";
    case FileWhy::cut_off:
      return line_zh(r.n) + "：文件在一行的中间结束了，是不是没下载完？（第 " + r.b + " 行开始的引号一直没有闭合）";
    case FileWhy::bad_quote: return line_zh(r.n) + "：右引号后面还有文字（字段里的引号要写成两个）";
    case FileWhy::unknown_target: return "无法识别的导入对象" + quoted_zh(r.a);
    case FileWhy::format_orders_only:
      return preset_label(r.a, lang) + "格式只能导入" + table_label(r.c.empty() ? std::string("orders") : r.c, lang) +
             "；要导入" + table_label(r.b, lang) + "，请选“通用 CSV”格式";
    case FileWhy::unknown_field: return table_label(r.b, lang) + "没有字段" + quoted_zh(r.a);
    case FileWhy::no_such_column:
      return "没有名为" + quoted_zh(r.a) + "的列可对应“" + field_label(r.b, lang) + "”；" + columns_zh(r.c);
    case FileWhy::missing_column:
      return line_zh(r.n) + "：找不到“" + field_label(r.a, lang) + "”这一列；" + columns_zh(r.c) +
             "。请在下方的列对应里选择它";
    case FileWhy::no_qty_column:
      return "找不到“" + field_label("qty", lang) + "”这一列；" + columns_zh(r.c) + "。请在下方的列对应里选择它";
    case FileWhy::no_data_rows: return "表头下面没有数据行";
    case FileWhy::nothing_imported: {
      std::string s = "每一行都被拒绝：";
      if (row.line > 0) s += line_zh(row.line);
      if (!row.column.empty()) s += "，" + quoted_zh(row.column) + "列";
      s += (row.line > 0 || !row.column.empty() ? "：" : "") + row_error_text(row, lang);
      if (r.n > 0) s += "（另有 " + format_int(r.n, lang) + " 行被拒绝）";
      return s;
    }
    case FileWhy::cancelled: return "导入已取消";
    case FileWhy::not_begun: return "导入尚未开始";
    case FileWhy::already_saving: return "这次导入正在保存";
    case FileWhy::not_saved: return "写入店铺数据时出错，导入没有保存，店铺数据保持原样";
    case FileWhy::unknown_report:
      return "这像是平台的报表，但不是已知的格式（生意参谋店铺、商品、流量来源、引流关键词）；" + columns_zh(r.c) +
             "。没有导入任何数据：请选“通用 CSV”并指定导入对象和列对应";
    case FileWhy::count_: return "";
  }
  return "";
}

}  // namespace shopkeeper::ui

namespace shopkeeper::ui {

// No default: a new step without its Chinese label is a -Wswitch warning here.
std::string funnel_step_label(FunnelStep step, Lang lang) {
  if (lang != Lang::zh_CN) return funnel_step_label_en(static_cast<int>(step));
  switch (step) {
    case FunnelStep::visitors: return "访客";
    case FunnelStep::product_views: return "商品浏览";
    case FunnelStep::add_to_carts: return "加购";
    case FunnelStep::orders: return "下单";
    case FunnelStep::paid_orders: return "付款";
  }
  return "";
}

}  // namespace shopkeeper::ui
