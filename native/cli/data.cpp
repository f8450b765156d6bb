// Data in and out: `shopkeeper import | export | backup | restore | quality`.
#include <nlohmann/json.hpp>

#include <iostream>

#include "core/base/file.h"
#include "core/base/currency.h"
#include "core/io/backup.h"
#include "core/io/currency_sniff.h"
#include "core/io/importer.h"
#include "core/io/quality.h"
#include "core/io/table.h"
#include "core/shops/shops.h"
#include "core/store/store.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"

namespace shopkeeper::cli {

namespace {

struct ImportArgs {
  std::string db, format = "auto", encoding = "auto", delimiter, date_order, target, map, errors_csv, file;
  std::string currency, timezone, sheet, shop;
  bool decimal_comma = false;
  int decimals = -1;  // -1: the store's scale (the currency's digits for a new store)
};

struct ExportArgs {
  std::string db, table, format = "csv", out;
};

// Refuses, in words, a file whose amounts are in another currency than the one the store keeps
// (or will keep: --currency), or in two currencies; an empty store is told how to start in the
// file's currency. A file the importer cannot plan is left to the import to refuse.
Status check_file_currency(Store& store, const ImportArgs& a, const ImportOptions& o, const std::string& currency) {
  auto bytes = read_file(a.file);
  if (!bytes) return Ok{};
  Importer imp;
  ImportOptions po = o;
  po.file_name = a.file;
  if (!imp.begin(std::move(*bytes), po)) return Ok{};
  const FileCurrency f = sniff_file_currency(imp.plan());
  const CurrencyVerdict v = judge_file_currency(f, currency);
  std::string codes;
  for (const auto& c : f.codes) codes += (codes.empty() ? "" : "/") + c;
  const std::string where = "\"" + f.seen + "\" on line " + std::to_string(f.line);
  if (v.fit == CurrencyFit::mixed)
    return make_error(ErrorCode::invalid_argument, a.file + ": refused: the file holds two currencies (" + where + ", \"" + f.second +
                                                       "\" on line " + std::to_string(f.second_line) +
                                                       "); a store keeps one currency: split the file by currency. Nothing was imported.");
  if (v.fit == CurrencyFit::agrees) return Ok{};
  auto counts = store.counts();
  const bool empty = counts && counts->orders == 0 && counts->products == 0;
  if (!empty)
    return make_error(ErrorCode::invalid_argument, a.file + ": refused: this store keeps its money in " + currency + "; the file's amounts are in " +
                                                       codes + " (" + where + "). A store keeps one currency. Nothing was imported.");
  return make_error(ErrorCode::invalid_argument,
                    a.file + ": the file's amounts are in " + codes + " (" + where + ") but the store would keep " + currency +
                        ". Nothing was imported. To keep this store in the file's currency, import with --currency " +
                        (v.suggested.empty() ? f.codes.front() : v.suggested) + (a.currency.empty() ? "" : " instead of --currency " + a.currency) + ".");
}

int run_import(const ImportArgs& a) {
  ImportOptions o;
  o.format = a.format;
  o.encoding = a.encoding;
  if (a.delimiter == "tab" || a.delimiter == "\\t") o.delimiter = '\t';
  else if (a.delimiter.size() == 1) o.delimiter = a.delimiter[0];
  else if (!a.delimiter.empty()) return fail("--delimiter: use , ; | or tab"), 2;
  if (a.date_order == "month-first") o.date_order = DateOrder::month_first;
  else if (a.date_order == "day-first") o.date_order = DateOrder::day_first;
  else if (!a.date_order.empty() && a.date_order != "auto") return fail("--date-order: use auto, month-first or day-first"), 2;
  o.number.decimal_comma = a.decimal_comma;
  o.target = a.target;
  o.sheet = a.sheet;
  if (!a.map.empty()) {
    auto t = target_from_name(a.target.empty() ? "orders" : a.target);
    if (a.target.empty())
      if (auto p = preset_from_name(a.format)) t = preset_info(*p).target;  // a report preset's own target
    if (!t) return fail("unknown --target " + a.target), 2;
    auto m = parse_mapping_spec(a.map, *t);
    if (!m) return fail(m.error().message), 2;
    o.mapping = std::move(*m);
  }
  auto store = Store::open(a.db);
  if (!store) return fail(store.error().message), 1;
  // The seller's list of lines that are not products (Settings), before the preset's rules.
  o.line_kind_rules = parse_line_kind_rules(store->setting(kNonMerchandiseKey)).rules;
  // The store's money: a first import chooses it (--currency, --decimals, --timezone); later
  // imports must agree with it (a mixed-currency or mixed-scale store is refused).
  StoreMoney current = read_store_money(*store);
  int digits = a.decimals;
  if (digits < 0) {
    const CurrencyInfo* ci = find_currency(a.currency.empty() ? current.currency : a.currency);
    auto counts = store->counts();
    const bool empty = counts && counts->orders == 0 && counts->products == 0;
    digits = !empty || a.currency.empty() ? current.digits : (ci ? ci->digits : 2);
  }
  auto money = check_import_money(*store, a.currency, digits);
  if (!money) return fail(a.file + ": " + money.error().message), 1;
  // The currency the file's amounts are written in (symbols, a Currency column), before
  // anything is written: a store keeps one currency (issue #9 item 7).
  if (Status st = check_file_currency(*store, a, o, money->money.currency); !st) return fail(st.error().message), 1;
  if (!a.timezone.empty()) {
    if (Status st = check_timezone(a.timezone); !st) return fail("--timezone: " + st.error().message), 2;
    // Refused before anything is read into the new zone (a store with orders keeps its zone).
    if (Status st = check_timezone_change(store->db(), a.timezone); !st) return fail(a.file + ": " + st.error().message), 1;
    // Saved before the import: once the orders are in, the store keeps the zone they came in.
    if (Status st = store->set_setting("timezone", a.timezone); !st) return fail(a.file + ": " + st.error().message), 1;
    money->money.timezone = a.timezone;
    money->set_store = true;
  }
  o.number.decimals = money->money.digits;
  o.timezone = money->money.timezone;  // times written with an offset are converted into it
  // --shop NAME: the rows are that shop's (core/shops); a new shop is saved once its import commits.
  auto shop = shops::resolve_shop(store->db(), a.shop);
  if (!shop) return fail(a.file + ": " + shop.error().message), 1;
  o.shop_id = shop->id;
  auto rep = import_file(*store, a.file, std::move(o));
  if (!rep) return fail(rep.error().message), 1;
  if (!a.shop.empty() && (rep->rows_imported > 0 || shop->exists)) {
    Status st = shops::save_shop(*store, *shop, a.shop, shops::platform_of_format(rep->format));
    if (!st) return fail("imported, but shop \"" + a.shop + "\" could not be saved: " + st.error().message), 1;
  }
  if (money->set_store && rep->rows_imported > 0) {
    Status st = store->write([&](Writer& w) { return write_store_money(w, money->money); });
    if (!st) return fail("imported, but the store's currency could not be saved: " + st.error().message), 1;
  }
  if (!a.errors_csv.empty() && !write_file(a.errors_csv, report_errors_csv(*rep)))
    fail("could not write " + a.errors_csv);
  nlohmann::ordered_json j = report_to_json(*rep);
  if (!a.shop.empty()) j["shop"] = {{"id", shop->id}, {"name", a.shop}};
  auto q = check_quality(*store);
  if (q) j["quality"] = quality_to_json(*q);
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

int run_export(const ExportArgs& a) {
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  auto t = export_table(*store, a.table);
  if (!t) return fail(t.error().message), 1;
  t->money_decimals = read_store_money(*store).digits;
  std::string data;
  if (a.format == "xlsx") {
    if (a.out.empty() || a.out == "-") return fail("--format xlsx needs --out FILE.xlsx"), 2;
    if (Status st = write_xlsx_file(*store, *t, a.table, a.out); !st) return fail(st.error().message), 1;
    return 0;
  }
  if (a.format == "csv") data = to_csv(*t);
  else if (a.format == "json") data = to_json(*t) + "\n";
  else return fail("--format: use csv, json or xlsx"), 2;
  if (a.out.empty() || a.out == "-") std::cout << data;
  else if (!write_file(a.out, data)) return fail("could not write " + a.out), 1;
  return 0;
}

}  // namespace

void register_data(CLI::App& app, int& exit_code) {
  static ImportArgs ia;
  auto* imp = app.add_subcommand("import", "import a CSV export or an Excel sheet (.xlsx, .xls) into a store; prints a JSON report");
  imp->add_option("--db", ia.db, "store directory")->required();
  imp->add_option("--format", ia.format,
                  "auto, online-retail, shopify-orders, woocommerce-orders, taobao-orders, douyin-orders, "
                  "pinduoduo-orders, jd-orders, sycm-shop, sycm-product, sycm-source, sycm-keyword or generic");
  imp->add_option("--encoding", ia.encoding, "auto, utf-8, utf-16le, utf-16be, gbk or gb18030");
  imp->add_option("--delimiter", ia.delimiter, ", ; | or tab (default: detected)");
  imp->add_option("--date-order", ia.date_order, "auto, month-first or day-first (for dates like 3/4/2024)");
  imp->add_flag("--decimal-comma", ia.decimal_comma, "numbers are written 1.299,00");
  imp->add_option("--decimals", ia.decimals,
                  "money decimals kept in the store (default: the store's, or the currency's for a new store)");
  imp->add_option("--currency", ia.currency, "the file's currency (CNY, USD, EUR, GBP, HKD, TWD, JPY, KRW ...); "
                                             "a new store takes it, another store must already have it");
  imp->add_option("--timezone", ia.timezone, "the shop's time zone, e.g. Asia/Shanghai or +08:00");
  imp->add_option("--target", ia.target, "generic: orders, order_lines, refunds, products, customers, traffic, ad_spend, competitor_prices, "
                  "product_traffic, keyword_traffic");
  imp->add_option("--map", ia.map, "column mapping field=header,... (e.g. \"order_id=订单号,sku=SKU\")");
  imp->add_option("--errors-csv", ia.errors_csv, "also write the rejected rows to this CSV file");
  imp->add_option("--shop", ia.shop, "the shop the file comes from (created on its first import; default: the store's own)");
  imp->add_option("--sheet", ia.sheet, "an .xlsx/.xls workbook's sheet to import (default: the first with data)");
  imp->add_option("file", ia.file, "the CSV, .xlsx or .xls file")->required();
  imp->callback([&exit_code] { exit_code = run_import(ia); });

  static ExportArgs ea;
  auto* exp = app.add_subcommand("export", "export a store table as CSV (UTF-8 with BOM), JSON or .xlsx");
  exp->add_option("--db", ea.db, "store directory")->required();
  exp->add_option("--table", ea.table, "table name (products, orders, order_lines, ...)")->required();
  exp->add_option("--format", ea.format, "csv, json or xlsx (xlsx needs --out)");
  exp->add_option("--out", ea.out, "output file (default: standard output)");
  exp->callback([&exit_code] { exit_code = run_export(ea); });

  static std::string bdb, bout;
  auto* bk = app.add_subcommand("backup", "write the whole store into one backup file");
  bk->add_option("--db", bdb, "store directory")->required();
  bk->add_option("--out", bout, "backup file")->required();
  bk->callback([&exit_code] {
    auto store = Store::open(bdb, true);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    if (auto st = backup_store(*store, bout); !st) return fail(st.error().message), void(exit_code = 1);
    auto info = verify_backup(bout);
    if (!info) return fail(info.error().message), void(exit_code = 1);
    std::cout << nlohmann::json{{"backup", bout}, {"schema_version", info->schema_version}, {"tables", info->tables}}.dump(2)
              << "\n";
  });

  static std::string rdb, rfile;
  auto* rs = app.add_subcommand("restore", "replace a store with a backup file's content (verified first)");
  rs->add_option("--db", rdb, "store directory")->required();
  rs->add_option("file", rfile, "backup file")->required();
  rs->callback([&exit_code] {
    auto store = restore_store(rdb, rfile);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    auto c = store->counts();
    if (!c) return fail(c.error().message), void(exit_code = 1);
    std::cout << nlohmann::json{{"restored", rdb},
                                {"counts",
                                 {{"products", c->products},
                                  {"customers", c->customers},
                                  {"orders", c->orders},
                                  {"order_lines", c->order_lines},
                                  {"refunds", c->refunds},
                                  {"traffic_days", c->traffic_days}}}}
                     .dump(2)
              << "\n";
  });

  static std::string qdb;
  static int qsamples = 20;
  auto* qc = app.add_subcommand("quality", "print the data quality report as JSON");
  qc->add_option("--db", qdb, "store directory")->required();
  qc->add_option("--samples", qsamples, "sample rows per finding (default 20)");
  qc->callback([&exit_code] {
    auto store = Store::open(qdb, true);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    QualityOptions o;
    o.sample_limit = qsamples;
    auto q = check_quality(*store, o);
    if (!q) return fail(q.error().message), void(exit_code = 1);
    std::cout << quality_to_json(*q).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  });
}

}  // namespace shopkeeper::cli
