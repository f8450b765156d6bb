// Several shops in one store (issue #16, core/shops/shops.h):
//   shopkeeper shops --db DIR                         the shops, their platforms and row counts
//   shopkeeper shops map --db DIR --shop NAME --code CODE --sku SKU   a shop's code is the store's SKU
//   shopkeeper shops unmap --db DIR --shop NAME --code CODE
//   shopkeeper shops codes --db DIR                   the code map
//   shopkeeper shops suggest --db DIR                 codes that look like the store's products
//   shopkeeper shops compare --db DIR --from --to     the shops side by side, and together
//   shopkeeper shops report --db DIR --from --to [--out FILE] [--format csv|json|xlsx]
//                                                     the consolidated daily report
// Tables print as CSV (--format json for JSON); errors are one line on stderr.
#include <iostream>

#include "core/base/file.h"
#include "core/shops/shops.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"

namespace shopkeeper::cli {

namespace {

struct ShopsArgs {
  std::string db, shop, code, sku, format = "csv", out;
  RangeArgs range;
};

int print_table(Store& store, Table t, const std::string& format, const std::string& out, const char* sheet) {
  t.money_decimals = read_store_money(store).digits;
  if (format == "xlsx") {
    if (out.empty() || out == "-") return fail("--format xlsx needs --out FILE.xlsx"), 2;
    if (Status st = write_xlsx_file(store, std::move(t), sheet, out); !st) return fail(st.error().message), 1;
    return 0;
  }
  if (format != "csv" && format != "json") return fail("--format: use csv, json or xlsx"), 2;
  const std::string text = format == "json" ? to_json(t) + "\n" : to_csv(t);
  if (out.empty() || out == "-") std::cout << text;
  else if (!write_file(out, text)) return fail("could not write " + out), 1;
  return 0;
}

Table shops_table(const std::vector<shops::Shop>& list) {
  Table t;
  t.columns = {"id", "name", "platform", "orders", "lines", "traffic_rows", "product_traffic_rows", "keyword_rows", "codes"};
  for (const auto& s : list)
    t.rows.push_back({Cell::integer(s.id), Cell::text(s.name), Cell::text(s.platform), Cell::integer(s.orders),
                      Cell::integer(s.lines), Cell::integer(s.traffic_rows), Cell::integer(s.product_traffic_rows),
                      Cell::integer(s.keyword_rows), Cell::integer(s.codes)});
  return t;
}

int run_list(const ShopsArgs& a) {
  if (a.db.empty()) return fail("shops: --db is required"), 2;
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  auto list = shops::list_shops(store->db());
  if (!list) return fail(list.error().message), 1;
  return print_table(*store, shops_table(*list), a.format, a.out, "shops");
}

// The shop a --shop NAME names (must exist).
Result<int64_t> existing_shop(Store& store, const std::string& name) {
  auto slot = shops::resolve_shop(store.db(), name);
  if (!slot) return slot.error();
  if (!slot->exists) return make_error(ErrorCode::invalid_argument, "no shop named \"" + name + "\" (see shopkeeper shops)");
  return slot->id;
}

int run_map(const ShopsArgs& a, bool unmap) {
  auto store = Store::open(a.db);
  if (!store) return fail(store.error().message), 1;
  auto shop = existing_shop(*store, a.shop);
  if (!shop) return fail(shop.error().message), 1;
  if (unmap) {
    auto r = shops::unmap_code(*store, *shop, a.code);
    if (!r) return fail(r.error().message), 1;
    if (!*r) return fail("code \"" + a.code + "\" of shop \"" + a.shop + "\" is not mapped"), 1;
    std::cout << "unmapped " << a.code << "\n";
    return 0;
  }
  shops::MapRefusal why;
  if (Status st = shops::map_code(*store, *shop, a.code, a.sku, &why); !st) return fail(st.error().message), 1;
  std::cout << "mapped " << a.code << " -> " << a.sku << "\n";
  return 0;
}

int run_codes(const ShopsArgs& a) {
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  auto codes = shops::load_codes(store->db());
  if (!codes) return fail(codes.error().message), 1;
  Table t;
  t.columns = {"shop_id", "code", "sku"};
  for (const auto& c : *codes) t.rows.push_back({Cell::integer(c.shop_id), Cell::text(c.code), Cell::text(c.sku)});
  return print_table(*store, std::move(t), a.format, a.out, "codes");
}

int run_suggest(const ShopsArgs& a) {
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  auto s = shops::suggest_codes(store->db());
  if (!s) return fail(s.error().message), 1;
  Table t;
  t.columns = {"shop_id", "code", "code_title", "sku", "sku_title", "why", "score"};
  for (const auto& x : *s)
    t.rows.push_back({Cell::integer(x.shop_id), Cell::text(x.code), Cell::text(x.code_title), Cell::text(x.sku),
                      Cell::text(x.sku_title), Cell::text(x.why), Cell::integer(x.score)});
  return print_table(*store, std::move(t), a.format, a.out, "suggestions");
}

int run_figures(const ShopsArgs& a, bool daily) {
  auto range = parse_range(a.range);
  if (!range) return fail(range.error().message), 2;
  auto opened = open_readonly(a.range.db_dir);
  if (!opened) return fail(opened.error().message), 1;
  auto list = shops::list_shops(opened->store.db());
  if (!list) return fail(list.error().message), 1;
  auto sd = shops::load_shop_data(opened->store.db(), opened->ds);
  if (!sd) return fail(sd.error().message), 1;
  Table t = daily ? shops::daily_table(shops::daily_report(opened->ds, *sd, *range), *list)
                  : shops::compare_table(shops::compare_shops(opened->ds, *sd, *range), *list);
  return print_table(opened->store, std::move(t), a.format, a.out, daily ? "daily" : "shops");
}

}  // namespace

void register_shops(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ShopsArgs>();
  CLI::App* cmd = app.add_subcommand("shops", "the store's shops: list, code map, comparison, daily report");
  cmd->add_option("--db", a->db, "store directory");
  add_format_option(cmd, a->format);
  cmd->callback([a, cmd, &exit_code] {
    if (cmd->get_subcommands().empty()) exit_code = run_list(*a);
  });

  CLI::App* map = store_command(cmd, "map", "map a shop's product code to the store's SKU", a->db);
  map->add_option("--shop", a->shop, "the shop's name")->required();
  map->add_option("--code", a->code, "the shop's product code")->required();
  map->add_option("--sku", a->sku, "the store's SKU")->required();
  map->callback([a, &exit_code] { exit_code = run_map(*a, false); });

  CLI::App* unmap = store_command(cmd, "unmap", "remove a code mapping", a->db);
  unmap->add_option("--shop", a->shop, "the shop's name")->required();
  unmap->add_option("--code", a->code, "the shop's product code")->required();
  unmap->callback([a, &exit_code] { exit_code = run_map(*a, true); });

  CLI::App* codes = store_command(cmd, "codes", "the code map", a->db);
  add_format_option(codes, a->format);
  codes->callback([a, &exit_code] { exit_code = run_codes(*a); });

  CLI::App* suggest = store_command(cmd, "suggest", "shop codes that look like the store's products", a->db);
  add_format_option(suggest, a->format);
  suggest->callback([a, &exit_code] { exit_code = run_suggest(*a); });

  for (bool daily : {false, true}) {
    CLI::App* c = cmd->add_subcommand(daily ? "report" : "compare",
                                      daily ? "the consolidated daily report, per shop and all shops"
                                            : "the shops side by side over a range, and together");
    add_db_option(c, a->range);
    add_range_options(c, a->range);
    add_format_option(c, a->format, "csv | json | xlsx (xlsx needs --out; default csv)");
    c->add_option("--out", a->out, "output file (default: standard output)");
    c->callback([a, daily, &exit_code] { exit_code = run_figures(*a, daily); });
  }
}

}  // namespace shopkeeper::cli
