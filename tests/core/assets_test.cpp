// Issue #17 item 9: the tables that moved from code to assets/ (embedded at build time) load to
// exactly what the code held before the move (the values below are the old code's tables).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/pricing/fees.h"
#include "core/promotions/profiles.h"

using namespace shopkeeper;

TEST_SUITE("assets") {
  TEST_CASE("assets: the default fee schedules are the table core/pricing/fees.cpp held") {
    using pricing::ChannelFees;
    auto row = [](const char* ch, int64_t com, int64_t pay, Money fixed, Money ship, Money kg, Money pack, Money ret,
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
    };
    const std::vector<ChannelFees> before = {
        row("tmall", 500, 60, 0, 450, 200, 80, 800, 3000,
            "assumption: Tmall technical service fee 2-5% by category (5% taken), Alipay 0.6%"),
        row("taobao", 60, 60, 0, 450, 200, 80, 800, 3000,
            "assumption: Taobao basic software service fee 0.6% (from 2024-09), Alipay 0.6%"),
        row("jd", 600, 0, 0, 450, 200, 80, 800, 3000, "assumption: JD POP commission 2-8% by category (6% taken), payment included"),
        row("pinduoduo", 0, 60, 0, 450, 200, 80, 800, 3000, "assumption: Pinduoduo no commission, 0.6% technical service (payment) fee"),
        row("douyin", 500, 0, 0, 450, 200, 80, 800, 3000,
            "assumption: Douyin shop technical service fee 1-5% by category (5% taken), payment included"),
        row("shopify", 0, 290, 30, 0, 0, 80, 800, 3000,
            "assumption: Shopify Payments Basic online card rate 2.9% + 30 cents (US), no transaction fee"),
        row("woocommerce", 0, 290, 30, 0, 0, 80, 800, 3000, "assumption: WooPayments 2.9% + 30 cents (US cards), no platform commission"),
    };
    CHECK(pricing::default_fee_table() == before);
    // The aliases the code listed, each meaning its row (matched case-insensitively).
    const std::vector<std::pair<std::string, size_t>> aliases = {
        {"tmall", 0},     {"\u5929\u732b", 0}, {"taobao", 1},      {"\u6dd8\u5b9d", 1}, {"jd", 2},  {"jd.com", 2},
        {"\u4eac\u4e1c", 2}, {"pinduoduo", 3},  {"pdd", 3},         {"\u62fc\u591a\u591a", 3}, {"douyin", 4},
        {"\u6296\u97f3", 4}, {"\u6296\u5e97", 4}, {"tiktok", 4}, {"shopify", 5}, {"woocommerce", 6}, {"woo", 6}};
    for (const auto& entry : aliases) {
      const std::string& alias = entry.first;  // not a structured binding: CAPTURE's lambda takes it
      const auto r = entry.second;
      CAPTURE(alias);
      ChannelFees want = before[r];
      want.channel = alias;
      CHECK(pricing::default_fees(alias) == want);
    }
    CHECK(pricing::default_fees("TMall").commission_bp == 500);
    CHECK_FALSE(pricing::default_fees("ebay").has_default);
  }

  TEST_CASE("assets: the stacking profiles load, seven of them, in the order the code listed") {
    std::vector<std::string> names;
    for (const auto& p : promo::builtin_profiles()) names.push_back(p.name);
    CHECK(names == std::vector<std::string>{"tmall", "jd", "pinduoduo", "douyin", "shopify", "woocommerce",
                                            "woocommerce_sequential"});
    REQUIRE(promo::profile_info("tmall"));
    CHECK(promo::profile_info("tmall")->rules.exclusive_pairs.size() == 1);
    CHECK(promo::profile_info("shopify")->rules.max_codes == 5);
  }
}
