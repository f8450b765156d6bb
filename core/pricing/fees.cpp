#include "core/pricing/fees.h"

#include <cctype>

namespace shopkeeper::pricing {

namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

struct Alias {
  const char* name;
  int row;
};
// Channel names that mean each default row (lower case; Chinese names as sellers write them).
constexpr Alias kAliases[] = {
    {"tmall", 0},     {"天猫", 0},     {"taobao", 1},  {"淘宝", 1},         {"jd", 2},     {"jd.com", 2},
    {"京东", 2},      {"pinduoduo", 3}, {"pdd", 3},     {"拼多多", 3},       {"douyin", 4}, {"抖音", 4},
    {"抖店", 4},      {"tiktok", 4},    {"shopify", 5}, {"woocommerce", 6}, {"woo", 6},
};

ChannelFees row(const char* ch, int64_t com, int64_t pay, Money fixed, Money ship, Money kg, Money pack, Money ret,
                int64_t unres, const char* src) {
  ChannelFees f;
  f.channel = ch;
  f.commission_bp = com;
  f.payment_bp = pay;
  f.payment_fixed = fixed;
  f.shipping_per_order = ship;
  f.shipping_per_extra_kg = kg;
  f.packaging_per_unit = pack;
  f.return_shipping_per_unit = ret;
  f.unresellable_bp = unres;
  f.source = src;
  f.has_default = true;
  return f;
}

}  // namespace

// ASSUMPTIONS, not quotes: every figure is a typical published rate of 2024 rounded, for the
// seller to replace with their own contract (docs/pricing.md, "Default fee schedules").
// Shipping: Chinese e-commerce volume express (通达系) first-kg ¥4.50, ¥2 per further kg; the
// Western platforms have no shipping default (carriers and zones vary too much): 0 until set.
// Packaging ¥0.80 / $0.80 a unit, return shipping ¥8 / $8 a unit (首重 return label),
// 30% of returns unresellable (opened food / tea, damaged boxes).
const std::vector<ChannelFees>& default_fee_table() {
  static const std::vector<ChannelFees> t = {
      row("tmall", 500, 60, 0, 450, 200, 80, 800, 3000,
          "assumption: Tmall technical service fee 2-5% by category (5% taken), Alipay 0.6%"),
      row("taobao", 60, 60, 0, 450, 200, 80, 800, 3000,
          "assumption: Taobao basic software service fee 0.6% (from 2024-09), Alipay 0.6%"),
      row("jd", 600, 0, 0, 450, 200, 80, 800, 3000,
          "assumption: JD POP commission 2-8% by category (6% taken), payment included"),
      row("pinduoduo", 0, 60, 0, 450, 200, 80, 800, 3000,
          "assumption: Pinduoduo no commission, 0.6% technical service (payment) fee"),
      row("douyin", 500, 0, 0, 450, 200, 80, 800, 3000,
          "assumption: Douyin shop technical service fee 1-5% by category (5% taken), payment included"),
      row("shopify", 0, 290, 30, 0, 0, 80, 800, 3000,
          "assumption: Shopify Payments Basic online card rate 2.9% + 30 cents (US), no transaction fee"),
      row("woocommerce", 0, 290, 30, 0, 0, 80, 800, 3000,
          "assumption: WooPayments 2.9% + 30 cents (US cards), no platform commission"),
  };
  return t;
}

ChannelFees default_fees(std::string_view channel) {
  std::string key = lower(channel);
  for (const Alias& a : kAliases)
    if (key == a.name) {
      ChannelFees f = default_fee_table()[static_cast<size_t>(a.row)];
      f.channel = std::string(channel);
      return f;
    }
  ChannelFees f;
  f.channel = std::string(channel);
  f.source = "no default for this channel: all fees 0 until set with `pricing fees`";
  return f;
}

Status validate_fees(const ChannelFees& f) {
  auto bad = [&](const std::string& what) {
    return make_error(ErrorCode::invalid_argument, "fees of channel \"" + f.channel + "\": " + what);
  };
  if (f.channel.empty()) return make_error(ErrorCode::invalid_argument, "a fee schedule needs a channel");
  if (f.commission_bp < 0 || f.commission_bp > 10000) return bad("commission must be 0-100%");
  if (f.payment_bp < 0 || f.payment_bp > 10000) return bad("payment fee must be 0-100%");
  if (f.commission_bp + f.payment_bp > 10000)
    return bad("commission + payment fee is over 100% of the price (" + std::to_string(f.commission_bp / 100) + "." +
               std::to_string(f.commission_bp % 100 / 10) + "% + " + std::to_string(f.payment_bp / 100) + "." +
               std::to_string(f.payment_bp % 100 / 10) + "%)");
  if (f.unresellable_bp < 0 || f.unresellable_bp > 10000) return bad("unresellable share must be 0-100%");
  if (f.payment_fixed < 0) return bad("fixed payment fee is negative");
  if (f.shipping_per_order < 0) return bad("shipping per order is negative");
  if (f.shipping_per_extra_kg < 0) return bad("shipping per extra kg is negative");
  if (f.packaging_per_unit < 0) return bad("packaging per unit is negative");
  if (f.return_shipping_per_unit < 0) return bad("return shipping per unit is negative");
  return Ok{};
}

std::vector<FeeIssue> check_fees(const ChannelFees& f) {
  std::vector<FeeIssue> out;
  auto rate = [&](int64_t bp, FeeField k) {
    if (bp < 0) out.push_back({FeeWhy::negative, k});
    else if (bp > 10000) out.push_back({FeeWhy::over_100, k});
  };
  rate(f.commission_bp, FeeField::commission);
  rate(f.payment_bp, FeeField::payment);
  if (f.commission_bp >= 0 && f.payment_bp >= 0 && f.commission_bp <= 10000 && f.payment_bp <= 10000 &&
      f.commission_bp + f.payment_bp > 10000)
    out.push_back({FeeWhy::rates_over_100, FeeField::payment});
  rate(f.unresellable_bp, FeeField::unresellable);
  for (auto [m, k] : {std::pair{f.payment_fixed, FeeField::payment_fixed}, std::pair{f.shipping_per_order, FeeField::shipping_per_order},
                      std::pair{f.shipping_per_extra_kg, FeeField::shipping_per_extra_kg}, std::pair{f.packaging_per_unit, FeeField::packaging},
                      std::pair{f.return_shipping_per_unit, FeeField::return_shipping}})
    if (m < 0) out.push_back({FeeWhy::negative, k});
  return out;
}

Result<std::vector<ChannelFees>> load_fee_schedules(Db& db) {
  std::vector<ChannelFees> out;
  auto s = each_row(db,
                    "SELECT channel, commission_bp, payment_bp, payment_fixed, shipping_per_order, shipping_per_extra_kg, "
                    "packaging_per_unit, return_shipping_per_unit, unresellable_bp FROM fee_schedules ORDER BY channel",
                    [&](const Stmt& st) {
                      ChannelFees f;
                      f.channel = st.text(0);
                      f.commission_bp = st.i64(1);
                      f.payment_bp = st.i64(2);
                      f.payment_fixed = st.i64(3);
                      f.shipping_per_order = st.i64(4);
                      f.shipping_per_extra_kg = st.i64(5);
                      f.packaging_per_unit = st.i64(6);
                      f.return_shipping_per_unit = st.i64(7);
                      f.unresellable_bp = st.i64(8);
                      f.source = "seller";
                      f.seller_set = true;
                      f.has_default = default_fees(f.channel).has_default;
                      out.push_back(std::move(f));
                    });
  if (!s) return s.error();
  return out;
}

ChannelFees effective_fees(const std::vector<ChannelFees>& stored, std::string_view channel) {
  for (const auto& f : stored)
    if (f.channel == channel) return f;
  return default_fees(channel);
}

Status save_fee_schedule(Writer& w, const ChannelFees& f) {
  if (auto v = validate_fees(f); !v) return v;
  auto st = w.db().prepare(
      "INSERT OR REPLACE INTO fee_schedules(channel, commission_bp, payment_bp, payment_fixed, shipping_per_order, "
      "shipping_per_extra_kg, packaging_per_unit, return_shipping_per_unit, unresellable_bp) VALUES(?,?,?,?,?,?,?,?,?)");
  if (!st) return st.error();
  st->bind(1, f.channel).bind(2, f.commission_bp).bind(3, f.payment_bp).bind(4, f.payment_fixed);
  st->bind(5, f.shipping_per_order).bind(6, f.shipping_per_extra_kg).bind(7, f.packaging_per_unit);
  st->bind(8, f.return_shipping_per_unit).bind(9, f.unresellable_bp);
  return st->run();
}

}  // namespace shopkeeper::pricing
