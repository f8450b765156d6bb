// `shopkeeper info --db DIR`: schema version, currency, money digits, time zone and row counts of
// a store, as JSON.
#include <nlohmann/json.hpp>

#include <iostream>

#include "core/store/schema.h"
#include "core/store/store.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"

namespace shopkeeper::cli {

void register_info(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("info", "print a store's schema version and row counts as JSON");
  static std::string db_dir;
  cmd->add_option("--db", db_dir, "store directory")->required();
  cmd->callback([&exit_code] {
    auto store = Store::open(db_dir, true);
    if (!store) {
      fail(store.error().message);
      exit_code = 1;
      return;
    }
    auto c = store->counts();
    if (!c) {
      fail(c.error().message);
      exit_code = 1;
      return;
    }
    nlohmann::json j;
    j["schema_version"] = *schema_version(store->db());
    const StoreMoney money = read_store_money(*store);
    j["currency"] = money.currency;
    j["money_digits"] = money.digits;
    j["timezone"] = money.timezone;
    j["counts"] = {{"products", c->products}, {"customers", c->customers}, {"orders", c->orders},
                   {"order_lines", c->order_lines}, {"refunds", c->refunds}, {"traffic_days", c->traffic_days}};
    std::cout << j.dump(2) << "\n";
  });
}

}  // namespace shopkeeper::cli
