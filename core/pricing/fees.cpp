#include "core/pricing/fees.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <utility>

#include "core/base/text.h"

namespace shopkeeper::pricing {

// assets/pricing/fee_defaults.json (generated pricing_data.cpp).
extern const unsigned char kFeeDefaults[];
extern const size_t kFeeDefaultsSize;

namespace {

// assets/pricing/fee_defaults.json, embedded at build time (cmake/assets.cmake): per default
// row the channel, its aliases (lower case; Chinese names as sellers write them) and figures.
struct Defaults {
  std::vector<ChannelFees> rows;
  std::vector<std::pair<std::string, size_t>> aliases;  // name -> row
};

const Defaults& defaults() {
  static const Defaults d = [] {
    Defaults out;
    const auto j = nlohmann::json::parse(kFeeDefaults, kFeeDefaults + kFeeDefaultsSize, nullptr, false);
    if (!j.is_array()) return out;  // the asset is checked by tests/core/assets_test.cpp
    for (const auto& x : j) {
      ChannelFees f;
      f.channel = x.value("channel", "");
      f.commission_bp = x.value("commission_bp", int64_t{0});
      f.payment_bp = x.value("payment_bp", int64_t{0});
      f.payment_fixed = x.value("payment_fixed", Money{0});
      f.shipping_per_order = x.value("shipping_per_order", Money{0});
      f.shipping_per_extra_kg = x.value("shipping_per_extra_kg", Money{0});
      f.packaging_per_unit = x.value("packaging_per_unit", Money{0});
      f.return_shipping_per_unit = x.value("return_shipping_per_unit", Money{0});
      f.unresellable_bp = x.value("unresellable_bp", int64_t{0});
      f.source = x.value("source", "");
      f.has_default = true;
      if (x.contains("aliases") && x["aliases"].is_array())
        for (const auto& a : x["aliases"])
          if (a.is_string()) out.aliases.emplace_back(a.get<std::string>(), out.rows.size());
      out.rows.push_back(std::move(f));
    }
    return out;
  }();
  return d;
}

}  // namespace

// ASSUMPTIONS, not quotes: every figure is a typical published rate of 2024 rounded, for the
// seller to replace with their own contract (docs/pricing.md, "Default fee schedules"); the
// rows are assets/pricing/fee_defaults.json (assets/README.md).
// Shipping: Chinese e-commerce volume express (通达系) first-kg ¥4.50, ¥2 per further kg; the
// Western platforms have no shipping default (carriers and zones vary too much): 0 until set.
// Packaging ¥0.80 / $0.80 a unit, return shipping ¥8 / $8 a unit (首重 return label),
// 30% of returns unresellable (opened food / tea, damaged boxes).
const std::vector<ChannelFees>& default_fee_table() { return defaults().rows; }

ChannelFees default_fees(std::string_view channel) {
  std::string key = ascii_lower(channel);
  for (const auto& [name, row] : defaults().aliases)
    if (key == name) {
      ChannelFees f = defaults().rows[row];
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
