// `shopkeeper demo --db DIR [--orders N] [--seed S] [--end YYYY-MM-DD] [--months M] [--replace]`:
// fills a store with the deterministic demo shop and prints a JSON summary with the time taken.
// --orders is the number of order LINES (up to millions, for benchmarks).
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>

#include "core/base/currency.h"
#include "core/demo/generator.h"
#include "core/store/store.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"

namespace shopkeeper::cli {

namespace {
// Yesterday in the store's time zone (the store's days are its zone's days, not the machine's).
Day yesterday_in(const tz::Zone& zone) { return day_of(zone.local(static_cast<int64_t>(std::time(nullptr)))) - 1; }
}  // namespace

void register_demo(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("demo", "fill an empty store with a deterministic demo shop; prints a JSON summary");
  static std::string db_dir, end, currency = "CNY", timezone = "Asia/Shanghai", lang = "en";
  static int64_t lines = 0, customers = 0;
  static uint64_t seed = 7;
  static int32_t months = 24, products = 300;
  static bool replace = false;
  cmd->add_option("--db", db_dir, "store directory (created when missing)")->required();
  cmd->add_option("--orders", lines, "number of order lines to generate (0 = default shop, about 60,000)");
  cmd->add_option("--seed", seed, "random seed (same seed and options give the same data)");
  cmd->add_option("--end", end, "last day with orders, YYYY-MM-DD (default: yesterday)");
  cmd->add_option("--months", months, "months of history (default 24)");
  cmd->add_option("--products", products, "number of products (default 300)");
  cmd->add_option("--customers", customers, "at most this many customers (0 = no cap, the default shop)");
  cmd->add_flag("--replace", replace, "clear a non-empty store first");
  cmd->add_option("--currency", currency, "the store's currency (default CNY; JPY and KRW keep whole units)");
  cmd->add_option("--timezone", timezone, "the shop's time zone (default Asia/Shanghai)");
  cmd->add_option("--lang", lang, "language of the demo's tier, tag and segment names: en (default) or zh-CN")
      ->check(CLI::IsMember({"en", "zh-CN"}));
  cmd->callback([&exit_code] {
    DemoOptions opt;
    opt.seed = seed;
    opt.order_lines = lines;
    opt.months = months;
    opt.products = products;
    opt.chinese_names = lang == "zh-CN";
    auto zone = tz::Zone::find(timezone);
    if (!zone) {
      fail("--timezone: " + zone.error().message);
      exit_code = 2;
      return;
    }
    opt.customers = customers;
    opt.end_day = yesterday_in(*zone);
    if (!end.empty()) {
      auto d = parse_day(end);
      if (!d) {
        fail("--end: " + d.error().message);
        exit_code = 2;
        return;
      }
      opt.end_day = *d;
    }
    StoreMoney money;
    if (const CurrencyInfo* ci = find_currency(currency)) {
      money.currency = ci->code;
      money.digits = ci->digits;
    } else {
      fail("--currency: unknown currency \"" + currency + "\"");
      exit_code = 2;
      return;
    }
    money.timezone = timezone;
    if (Status st = check_timezone(timezone); !st) {
      fail("--timezone: " + st.error().message);
      exit_code = 2;
      return;
    }
    auto store = Store::open(db_dir);
    if (!store) {
      fail(store.error().message);
      exit_code = 1;
      return;
    }
    if (replace) {
      if (auto st = store->clear_all(); !st) {
        fail(st.error().message);
        exit_code = 1;
        return;
      }
    }
    // The zone first: the demo's orders are timed in it (a store with orders keeps its zone).
    auto counts = store->counts();
    if (Status st = counts && counts->orders == 0 ? store->set_setting("timezone", money.timezone) : Status(Ok{}); !st) {
      fail(st.error().message);
      exit_code = 1;
      return;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto r = generate_demo(*store, opt);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r) {
      fail(r.error().message + (r.error().code == ErrorCode::conflict ? " (use --replace)" : ""));
      exit_code = 1;
      return;
    }
    // The demo's amounts are whole minor units of the chosen currency (a 129.00 tea in CNY is
    // ¥12,900 in JPY, which keeps whole yen).
    if (Status st = store->write([&money](Writer& w) { return write_store_money(w, money); }); !st) {
      fail(st.error().message);
      exit_code = 1;
      return;
    }
    nlohmann::json j;
    j["products"] = r->products;
    j["customers"] = r->customers;
    j["orders"] = r->orders;
    j["order_lines"] = r->order_lines;
    j["refunds"] = r->refunds;
    j["traffic_days"] = r->traffic_days;
    j["currency"] = money.currency;
    j["money_digits"] = money.digits;
    j["timezone"] = money.timezone;
    j["seconds"] = std::round(seconds * 1000) / 1000;
    std::cout << j.dump(2) << "\n";
  });
}

}  // namespace shopkeeper::cli
