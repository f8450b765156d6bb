// `shopkeeper forecast ...` and `shopkeeper plan ...` (issue #12, docs/planning.md).
//   forecast (--series FILE.csv | --db DIR [--sku S | --category C]) [--grain day|week|month]
//            --season M --horizon H [--method auto|naive|snaive|ses|holt|hw-add|hw-mul|croston|sba|tsb]
//            [--alpha A --beta B --gamma G] [--holdout N] [--format csv|json]
//   CSV (default): h,ds,forecast,lo80,hi80,lo95,hi95. JSON: {method, chosen, model, params,
//   forecast: [rows], fitted, [actual, accuracy, backtest, skipped with --holdout]}.
//   plan reorder --db DIR [--service-level 0.95] [--horizon-days N] [--format csv|json] [--po-csv FILE]
//   plan suppliers --db DIR [--weights Q,D,P,S]      supplier scorecard (JSON)
//   plan po-import --db DIR --file PO.csv             purchase orders (receiving updates stock)
//   plan stock-import --db DIR --file STOCK.csv       stock snapshots by day (stock = newest)
//   plan abc --db DIR [--by sales|gross-profit] [--a 0.8 --b 0.15] [--dead-days 90]   ABC x XYZ (JSON)
//   plan targets --db DIR --year Y [--total AMOUNT] [--by last-year|forecast]         target split (JSON); --total stores it
#include <nlohmann/json.hpp>

#include <charconv>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/demo/calendar.h"
#include "core/planning/forecast.h"
#include "core/promotions/store_io.h"
#include "core/planning/inventory.h"
#include "core/planning/portfolio.h"
#include "core/planning/suppliers.h"
#include "core/planning/targets.h"
#include "core/planning/series.h"
#include "core/shops/shops.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"

namespace shopkeeper::cli {

namespace {

using json = nlohmann::ordered_json;
using namespace shopkeeper::planning;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string csv_num(double v) {
  if (!std::isfinite(v)) return "";
  char b[32];
  auto r = std::to_chars(b, b + sizeof b, v);
  return std::string(b, r.ptr);
}

json rows_json(const Series& s, int64_t offset, const Forecast& f) {
  json rows = json::array();
  for (size_t h = 0; h < f.mean.size(); ++h)
    rows.push_back({{"h", h + 1},
                    {"ds", s.label(offset + static_cast<int64_t>(h))},
                    {"forecast", num(f.mean[h])},
                    {"lo80", num(f.lo80[h])},
                    {"hi80", num(f.hi80[h])},
                    {"lo95", num(f.lo95[h])},
                    {"hi95", num(f.hi95[h])}});
  return rows;
}

}  // namespace

static std::string skip_text(Skip s, int needed) {
  switch (s) {
    case Skip::none: return "";
    case Skip::too_short: return "the series is too short (" + std::to_string(needed) + " points needed)";
    case Skip::no_season: return "a seasonal method needs --season 2 or more";
    case Skip::season_too_long: return "the season is longer than the series";
    case Skip::non_positive: return "a multiplicative method needs every value above 0";
    case Skip::constant: return "the series is constant: nothing to estimate";
    case Skip::no_demand: return "fewer than two periods with demand";
    case Skip::not_intermittent: return "fewer than 30% of the periods are zero (not intermittent)";
    case Skip::no_fit: return "no admissible parameters found";
    case Skip::missing_parameter: return "fixed parameters given only in part (ses: --alpha; holt: --alpha --beta; hw: --alpha --beta --gamma)";
  }
  return "";
}

void register_planning(CLI::App& app, int& exit_code) {
  auto* fc = app.add_subcommand("forecast", "demand forecast of one series with prediction intervals");
  static std::string series_path, db_dir, sku, category, grain_s, method_s = "auto", format = "csv";
  static int season = 0, horizon = 0, holdout = 0;
  static double alpha = NAN, beta = NAN, gamma = NAN;
  auto* o_series = fc->add_option("--series", series_path, "CSV with header ds,y");
  auto* o_db = fc->add_option("--db", db_dir, "store directory (units sold in valid orders)");
  o_series->excludes(o_db);
  fc->add_option("--sku", sku, "one product (with --db)");
  fc->add_option("--category", category, "one category (with --db)");
  auto* o_grain = fc->add_option("--grain", grain_s, "day | week | month (--db: default day)");
  fc->add_option("--season", season, "season length in periods (1 = none)")->required();
  fc->add_option("--horizon", horizon, "periods to forecast")->required();
  fc->add_option("--method", method_s, "auto | naive | snaive | ses | holt | hw-add | hw-mul | croston | sba | tsb");
  fc->add_option("--alpha", alpha, "fixed level smoothing (with --beta / --gamma as the method needs)");
  fc->add_option("--beta", beta, "fixed trend smoothing (TSB: probability smoothing)");
  fc->add_option("--gamma", gamma, "fixed seasonal smoothing");
  fc->add_option("--holdout", holdout, "hold out the last N points and report accuracy on them");
  add_format_option(fc, format);
  fc->callback([&exit_code, o_grain] {
    auto stop = [&exit_code](const std::string& m) {
      fail(m);
      exit_code = 1;
    };
    if (series_path.empty() == db_dir.empty()) return stop("give --series FILE.csv or --db DIR");
    if (!sku.empty() && !category.empty()) return stop("give --sku or --category, not both");
    if (!series_path.empty() && (!sku.empty() || !category.empty())) return stop("--sku and --category go with --db");
    if (format != "csv" && format != "json") return stop("--format must be csv or json, not \"" + format + "\"");
    if (season < 1) return stop("--season must be 1 or more");
    if (horizon < 1) return stop("--horizon must be 1 or more");
    if (holdout < 0) return stop("--holdout must be 0 or more");
    Grain grain = Grain::day;
    const bool grain_given = o_grain->count() > 0;
    if (grain_given && !parse_grain(grain_s, grain)) return stop("--grain must be day, week or month, not \"" + grain_s + "\"");
    const bool is_auto = method_s == "auto";
    std::optional<Method> method = parse_method(method_s);
    if (!is_auto && !method) return stop("--method: unknown method \"" + method_s + "\"");
    Params params;
    for (auto [v, name, dst] : {std::tuple{alpha, "--alpha", &params.alpha}, std::tuple{beta, "--beta", &params.beta},
                                std::tuple{gamma, "--gamma", &params.gamma}}) {
      if (std::isnan(v)) continue;
      if (!(v >= 0 && v <= 1)) return stop(std::string(name) + " must be between 0 and 1");
      *dst = v;
    }
    if (is_auto && params.any()) return stop("--alpha/--beta/--gamma need a --method (auto estimates them)");

    Series s;
    std::vector<Adjustment> adjustments;
    if (!series_path.empty()) {
      auto text = read_input(series_path);
      if (!text) return stop(text.error().message);
      auto r = parse_series_csv(*text, series_path, grain_given, grain);
      if (!r) return stop(r.error().message);
      s = std::move(*r);
    } else {
      auto store = Store::open(db_dir, true);
      if (!store) return stop(store.error().message);
      auto ds = load_dataset(*store);
      if (!ds) return stop(ds.error().message);
      auto r = series_from_dataset(*ds, sku, category, grain);
      if (!r) return stop(r.error().message);
      s = std::move(*r);
      // Day grain: the shop's campaigns (assumed uplift) and the calendar's festivals not among
      // them are stated adjustments of the forecast (docs/planning.md, "Adjustments").
      if (grain == Grain::day) {
        auto camps = promo::load_campaigns(store->db());
        if (!camps) return stop(camps.error().message);
        for (const promo::Campaign& c : *camps)
          if (c.uplift_bp != 0)
            adjustments.push_back({c.id, c.name, c.window.first, c.window.last, 1 + static_cast<double>(c.uplift_bp) / 10000});
        const Day from = s.first_day + static_cast<Day>(s.y.size()) - holdout;
        for (const demo::Festival& fe : demo::festivals({from, from + horizon + holdout + 1})) {
          bool known = false;
          for (const Adjustment& a : adjustments) known = known || a.id == fe.id;
          if (!known && fe.assumed_uplift_bp != 0)
            adjustments.push_back({fe.id, fe.name, fe.first, fe.last, 1 + static_cast<double>(fe.assumed_uplift_bp) / 10000});
        }
      }
    }
    const int n_all = static_cast<int>(s.y.size());
    if (holdout >= n_all) return stop("--holdout " + std::to_string(holdout) + " leaves no points to fit (the series has " +
                                      std::to_string(n_all) + ")");
    const int n = n_all - holdout;
    const int H = holdout > 0 ? holdout : horizon;
    const std::vector<double> train(s.y.begin(), s.y.begin() + n);
    if (season > n && (is_auto || *method == Method::snaive || *method == Method::hw_add || *method == Method::hw_mul))
      return stop("--season " + std::to_string(season) + " is longer than the " + std::to_string(n) + " points fitted");

    Choice choice;
    Method use;
    Forecast f;
    if (is_auto) {
      choice = choose(train, season, H);
      use = choice.chosen;
      f = choice.forecast;
    } else {
      use = *method;
      f = forecast(train, season, H, use, params);
    }
    if (!f.ok()) return stop(std::string("method ") + method_name(use) + " cannot run: " + skip_text(f.skip, f.needed));

    std::vector<Adjustment> applied;
    if (!adjustments.empty()) {
      std::vector<std::pair<int32_t, int32_t>> periods;
      for (int h = 0; h < H; ++h) periods.push_back({s.first_day + n + h, s.first_day + n + h});
      applied = adjust(f, periods, adjustments);
    }
    if (format == "csv") {
      std::cout << "h,ds,forecast,lo80,hi80,lo95,hi95\n";
      for (size_t h = 0; h < f.mean.size(); ++h)
        std::cout << h + 1 << ',' << s.label(n + static_cast<int64_t>(h)) << ',' << csv_num(f.mean[h]) << ','
                  << csv_num(f.lo80[h]) << ',' << csv_num(f.hi80[h]) << ',' << csv_num(f.lo95[h]) << ','
                  << csv_num(f.hi95[h]) << '\n';
      return;
    }
    json j;
    j["method"] = method_s;
    j["chosen"] = method_name(use);
    j["model"] = f.model;
    j["params"] = {{"alpha", num(f.alpha)}, {"beta", num(f.beta)}, {"gamma", num(f.gamma)}, {"phi", num(f.phi)}};
    j["season"] = season;
    j["points"] = n;
    j["forecast"] = rows_json(s, n, f);
    json adj = json::array();
    for (const Adjustment& a : applied)
      adj.push_back({{"id", a.id}, {"name", a.name}, {"first", format_day(a.first)}, {"last", format_day(a.last)}, {"factor", a.factor}});
    j["adjustments"] = adj;
    json fitted = json::array();
    for (double v : f.fitted) fitted.push_back(num(v));
    j["fitted"] = fitted;
    if (is_auto) {
      json bt = json::array();
      for (const BacktestLine& l : choice.lines) {
        json b = {{"method", method_name(l.method)}};
        if (l.skip == Skip::none) b["mae"] = num(l.mae), b["points"] = l.points;
        else b["skipped"] = skip_name(l.skip), b["reason"] = skip_text(l.skip, l.needed);
        bt.push_back(b);
      }
      j["backtest"] = {{"origins", choice.origins}, {"window", choice.window}, {"fallback", choice.fallback},
                       {"methods", bt}};
    }
    if (holdout > 0) {
      const std::vector<double> actual(s.y.begin() + n, s.y.end());
      json act = json::array();
      for (double v : actual) act.push_back(v);
      j["actual"] = act;
      const double scale = mase_scale(train, season);
      json acc = json::array(), skipped = json::array();
      for (int i = 0; i < kMethods; ++i) {
        const Method mm = static_cast<Method>(i);
        const Forecast g = (mm == use) ? f : forecast(train, season, H, mm, (!is_auto && mm == *method) ? params : Params{});
        if (!g.ok()) {
          skipped.push_back({{"method", method_name(mm)}, {"skipped", skip_name(g.skip)}, {"reason", skip_text(g.skip, g.needed)}});
          continue;
        }
        const Accuracy a = accuracy(actual, g.mean, scale);
        acc.push_back({{"method", method_name(mm)}, {"mae", num(a.mae)}, {"rmse", num(a.rmse)}, {"mape", num(a.mape)},
                       {"mase", num(a.mase)}});
      }
      j["accuracy"] = acc;
      j["skipped"] = skipped;
    }
    std::cout << j.dump(2) << "\n";
  });
}


namespace {

std::string day_or_empty(const std::optional<Day>& d) { return d ? format_day(*d) : std::string(); }

// Reads the CSV the user named and imports it into the store (opened writable) with `import`.
template <class Report>
Result<Report> import_file_into(const std::string& db_dir, const std::string& file,
                                Result<Report> (*import)(Store&, std::string_view, const std::string&, InputIssue*)) {
  auto text = read_input(file);
  if (!text) return text.error();
  auto store = Store::open(db_dir);
  if (!store) return store.error();
  return import(*store, *text, file, nullptr);
}

}  // namespace

void register_plan(CLI::App& app, int& exit_code) {
  auto* plan = app.add_subcommand("plan", "inventory planning: reorder table, supplier scorecard, purchase orders");
  plan->require_subcommand(1);
  static std::string db_dir, format = "csv", po_csv, file, weights;
  static double service_level = 0.95;
  static int horizon_days = 30;
  auto stop = [&exit_code](const std::string& m) {
    fail(m);
    exit_code = 1;
  };

  auto* ro = store_command(plan, "reorder", "reorder point, order-up-to and suggested quantity per SKU", db_dir);
  ro->add_option("--service-level", service_level, "cycle service level for the safety stock (default 0.95)");
  ro->add_option("--horizon-days", horizon_days, "review period / horizon in days (default 30)");
  add_format_option(ro, format);
  ro->add_option("--po-csv", po_csv, "also write the suggested purchase orders per supplier to this CSV");
  ro->callback([stop] {
    if (!(service_level > 0.5 && service_level < 1)) return stop("--service-level must be above 0.5 and below 1");
    if (horizon_days < 1 || horizon_days > 365) return stop("--horizon-days must be 1..365");
    if (format != "csv" && format != "json") return stop("--format must be csv or json, not \"" + format + "\"");
    auto o = open_readonly(db_dir);
    if (!o) return stop(o.error().message);
    const Dataset* ds = &o->ds;
    auto pd = load_planning(o->store.db(), *ds);
    if (!pd) return stop(pd.error().message);
    const ReorderTable t = compute_reorder(*ds, *pd, ReorderQuery{service_level, horizon_days});
    std::map<int64_t, std::string> names;
    for (const SupplierInfo& s : pd->suppliers) names[s.id] = s.name;
    if (!po_csv.empty()) {
      std::ofstream out(po_csv, std::ios::binary);
      if (!out) return stop("cannot write " + po_csv);
      out << "supplier_id,supplier,sku,qty,unit_cost,amount,order_on,expected_on\n";
      std::vector<const ReorderLine*> v;
      for (const ReorderLine& l : t.lines)
        if (l.suggested > 0) v.push_back(&l);
      std::stable_sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->supplier_id < b->supplier_id; });
      for (const ReorderLine* l : v) {
        const Money cost = std::max<Money>(0, ds->product_cost[static_cast<size_t>(l->product)]);
        out << l->supplier_id << ',' << names[l->supplier_id] << ',' << l->sku << ',' << l->suggested << ',' << cost << ','
            << cost * l->suggested << ',' << format_day(t.today) << ','
            << format_day(t.today + static_cast<Day>(std::lround(l->lead_time))) << '\n';
      }
    }
    if (format == "csv") {
      std::cout << "sku,supplier_id,on_hand,on_order,method,daily_demand,lead_time_days,lead_time_sd,lead_time_demand,"
                   "safety_stock,reorder_point,order_up_to,suggested_qty,days_of_cover,stockout_date,lost_units,"
                   "lost_revenue,stock_value,turnover\n";
      for (const ReorderLine& l : t.lines)
        std::cout << l.sku << ',' << l.supplier_id << ',' << l.on_hand << ',' << l.on_order << ',' << method_name(l.method)
                  << ',' << csv_num(l.daily_demand) << ',' << csv_num(l.lead_time) << ',' << csv_num(l.lead_time_sd) << ','
                  << csv_num(l.lead_time_demand) << ',' << csv_num(l.safety_stock) << ',' << csv_num(l.reorder_point)
                  << ',' << csv_num(l.order_up_to) << ',' << l.suggested << ',' << csv_num(l.days_of_cover) << ','
                  << day_or_empty(l.stockout) << ',' << csv_num(l.lost_units) << ',' << l.lost_revenue << ','
                  << (l.stock_value >= 0 ? std::to_string(l.stock_value) : std::string()) << ',' << csv_num(l.turnover)
                  << '\n';
      return;
    }
    json j;
    j["today"] = format_day(t.today);
    j["service_level"] = service_level;
    j["horizon_days"] = horizon_days;
    j["z"] = t.z;
    json lines = json::array();
    std::map<int64_t, json> pos;
    for (const ReorderLine& l : t.lines) {
      lines.push_back({{"sku", l.sku}, {"supplier_id", l.supplier_id}, {"on_hand", l.on_hand}, {"on_order", l.on_order},
                       {"method", method_name(l.method)}, {"daily_demand", num(l.daily_demand)},
                       {"lead_time_days", num(l.lead_time)}, {"lead_time_sd", num(l.lead_time_sd)},
                       {"lead_time_demand", num(l.lead_time_demand)}, {"safety_stock", num(l.safety_stock)},
                       {"reorder_point", num(l.reorder_point)}, {"order_up_to", num(l.order_up_to)},
                       {"suggested_qty", l.suggested}, {"days_of_cover", num(l.days_of_cover)},
                       {"stockout_date", l.stockout ? json(format_day(*l.stockout)) : json(nullptr)},
                       {"lost_units", num(l.lost_units)}, {"lost_revenue", l.lost_revenue},
                       {"stock_value", l.stock_value >= 0 ? json(l.stock_value) : json(nullptr)},
                       {"turnover", num(l.turnover)}});
      if (l.suggested > 0) {
        const Money cost = std::max<Money>(0, ds->product_cost[static_cast<size_t>(l.product)]);
        json& po = pos[l.supplier_id];
        if (po.is_null()) po = {{"supplier_id", l.supplier_id}, {"supplier", names[l.supplier_id]}, {"lines", json::array()}, {"amount", 0}};
        po["lines"].push_back({{"sku", l.sku}, {"qty", l.suggested}, {"unit_cost", cost}, {"amount", cost * l.suggested}});
        po["amount"] = po["amount"].get<int64_t>() + cost * l.suggested;
      }
    }
    j["lines"] = lines;
    json pa = json::array();
    for (auto& [id, po] : pos) pa.push_back(po);
    j["suggested_purchase_orders"] = pa;
    std::cout << j.dump(2) << "\n";
  });

  auto* su = store_command(plan, "suppliers", "supplier scorecard from the purchase orders (JSON)", db_dir);
  su->add_option("--weights", weights, "quality,delivery,price,service weights (default 0.3,0.3,0.2,0.2)");
  su->callback([stop] {
    ScoreWeights w;
    if (!weights.empty()) {
      double v[4];
      if (std::sscanf(weights.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) != 4 || v[0] < 0 || v[1] < 0 ||
          v[2] < 0 || v[3] < 0 || v[0] + v[1] + v[2] + v[3] <= 0)
        return stop("--weights must be four non-negative numbers Q,D,P,S with a positive sum");
      w = {v[0], v[1], v[2], v[3]};
    }
    auto o = open_readonly(db_dir);
    if (!o) return stop(o.error().message);
    const Dataset* ds = &o->ds;
    auto pd = load_planning(o->store.db(), *ds);
    if (!pd) return stop(pd.error().message);
    json arr = json::array();
    for (const SupplierScore& s : score_suppliers(*pd, w)) {
      json q = json::array();
      for (const QuarterScore& x : s.quarters)
        q.push_back({{"quarter", std::to_string(x.year) + "-Q" + std::to_string(x.quarter)}, {"pos", x.pos},
                     {"quality", num(x.quality)}, {"on_time", num(x.on_time)}});
      arr.push_back({{"rank", s.rank}, {"id", s.id}, {"name", s.name}, {"score", num(s.score)}, {"quality", num(s.quality)},
                     {"on_time", num(s.on_time)}, {"lead_time_mean", num(s.lead_time_mean)},
                     {"lead_time_sd", num(s.lead_time_sd)}, {"price_index", num(s.price_index)},
                     {"price_score", num(s.price_score)}, {"service", num(s.service)}, {"pos", s.pos},
                     {"received_pos", s.received_pos}, {"units_received", s.units_received},
                     {"units_rejected", s.units_rejected}, {"quarters", q}});
    }
    json j;
    j["weights"] = {{"quality", w.quality}, {"delivery", w.delivery}, {"price", w.price}, {"service", w.service}};
    j["suppliers"] = arr;
    std::cout << j.dump(2) << "\n";
  });

  static std::string by = "sales", total_s, basis = "last-year";
  static double abc_a = 0.80, abc_b = 0.15;
  static int dead_days = 90, year = 0;
  auto* ab = store_command(plan, "abc", "ABC (sales or gross profit) x XYZ (weekly demand CV), lifecycle, dead stock", db_dir);
  ab->add_option("--by", by, "sales | gross-profit (default sales)");
  ab->add_option("--a", abc_a, "cumulative share of class A (default 0.80)");
  ab->add_option("--b", abc_b, "share of class B (default 0.15; C = the rest)");
  ab->add_option("--dead-days", dead_days, "no sale in this many days = dead stock (default 90)");
  ab->callback([stop] {
    PortfolioQuery q;
    if (by == "gross-profit") q.by = AbcBy::gross_profit;
    else if (by != "sales") return stop("--by must be sales or gross-profit, not \"" + by + "\"");
    if (!(abc_a > 0 && abc_b >= 0 && abc_a + abc_b <= 1)) return stop("--a and --b must be shares with a > 0 and a + b <= 1");
    if (dead_days < 0) return stop("--dead-days must be 0 or more");
    q.a = abc_a, q.b = abc_b, q.dead_days = dead_days;
    auto o = open_readonly(db_dir);
    if (!o) return stop(o.error().message);
    const Dataset* ds = &o->ds;
    const Portfolio pf = compute_portfolio(*ds, q);
    // The product report's visitors, when the store has it (rule 2; docs/planning.md).
    auto traffic = shops::sku_traffic(o->store.db(), *ds);
    if (!traffic) return stop(traffic.error().message);
    const RoleMix mix = compute_roles(*ds, load_seller_roles(o->store.db(), *ds), q.dead_days, &*traffic);
    json m = json::object();
    for (int a = 0; a < 3; ++a)
      for (int x = 0; x < 3; ++x) m[std::string(1, static_cast<char>('A' + a)) + "XYZ"[x]] = pf.matrix[a][x];
    json lines = json::array();
    for (const PortfolioLine& l : pf.lines)
      lines.push_back({{"sku", l.sku}, {"value", l.value}, {"share", l.share}, {"cumulative", l.cumulative},
                       {"abc", std::string(1, l.abc)}, {"xyz", std::string(1, l.xyz)}, {"cv", num(l.cv)},
                       {"sell_through", l.sell_through}, {"lifecycle", lifecycle_name(l.stage)}, {"stock", l.stock},
                       {"dead", l.dead}, {"dead_value", l.dead_value},
                       {"margin", num(mix.lines[static_cast<size_t>(l.product)].margin)},
                       {"role", role_name(mix.lines[static_cast<size_t>(l.product)].role)},
                       {"role_suggested", role_name(mix.lines[static_cast<size_t>(l.product)].suggested)},
                       {"role_set_by_seller", mix.lines[static_cast<size_t>(l.product)].overridden}});
    json j;
    j["by"] = by;
    j["a"] = q.a, j["b"] = q.b, j["dead_days"] = q.dead_days;
    j["matrix"] = m;
    j["dead_stock"] = {{"products", pf.dead_count}, {"value_at_cost", pf.dead_value}};
    json roles = json::array();
    for (int r = 0; r < kRoles; ++r)
      roles.push_back({{"role", role_name(static_cast<Role>(r))}, {"products", mix.products[r]}, {"sales", mix.sales[r]},
                       {"gross_profit", mix.gross_profit[r]}, {"stock_value", mix.stock_value[r]}});
    json warns = json::array();
    for (RoleWarning w : mix.warnings) {
      json wj = {{"code", role_warning_name(w)}};
      if (w == RoleWarning::traffic_loses_money) {
        json skus = json::array();
        for (int32_t p : mix.losing_traffic) skus.push_back(ds->sku[static_cast<size_t>(p)]);
        wj["skus"] = skus;
      }
      warns.push_back(wj);
    }
    j["roles"] = roles;
    j["warnings"] = warns;
    j["products"] = lines;
    std::cout << j.dump(2) << "\n";
  });

  auto* tg = store_command(plan, "targets",
                           "split a yearly sales target into months and categories, with the pace needed; --total "
                           "stores the target, without it the stored one is read",
                           db_dir);
  tg->add_option("--year", year, "the target's year")->required();
  tg->add_option("--total", total_s, "the yearly sales target in currency units (e.g. 1200000 or 1200000.50); stored");
  tg->add_option("--by", basis, "last-year | forecast (default last-year; forecast when last year has no sales)");
  tg->callback([stop] {
    if (basis != "last-year" && basis != "forecast") return stop("--by must be last-year or forecast");
    if (year < 2000 || year > 2100) return stop("--year must be 2000..2100");
    TargetSplit t;
    std::string source;
    if (!total_s.empty()) {
      auto total = parse_money(total_s);
      if (!total || *total <= 0) return stop("--total must be a positive amount, not \"" + total_s + "\"");
      auto store = Store::open(db_dir);
      if (!store) return stop(store.error().message);
      auto ds = load_dataset(*store);
      if (!ds) return stop(ds.error().message);
      t = split_target(*ds, year, *total, basis == "forecast");
      if (auto st = store->write([&](Writer& w) { return save_target(w, t); }); !st) return stop(st.error().message);
      source = "given";
    } else {
      auto o = open_readonly(db_dir);
      if (!o) return stop(o.error().message);
      auto stored = load_target(o->store.db(), year);
      if (!stored) return stop(stored.error().message);
      if (!*stored) return stop("no target stored for " + std::to_string(year) + " (give --total to set one)");
      t = basis == "forecast" ? split_target(o->ds, year, (*stored)->total, true) : split_stored_target(o->ds, **stored);
      source = "stored";
    }
    json months = json::array();
    for (int m = 0; m < 12; ++m)
      months.push_back({{"month", m + 1}, {"target", t.month_target[m]}, {"actual", t.month_actual[m]}});
    json cats = json::array();
    for (size_t c = 0; c < t.categories.size(); ++c) cats.push_back({{"category", t.categories[c]}, {"target", t.category_target[c]}});
    json j;
    j["year"] = year;
    j["total"] = t.total;
    j["basis"] = t.basis;
    j["source"] = source;
    j["months"] = months;
    j["categories"] = cats;
    json chans = json::array();
    for (size_t c = 0; c < t.channels.size(); ++c)
      if (t.channel_target[c] != 0 || !t.channels[c].empty()) chans.push_back({{"channel", t.channels[c]}, {"target", t.channel_target[c]}});
    j["channels"] = chans;
    j["pace"] = {{"as_of", format_day(t.as_of)}, {"actual_to_date", t.actual_to_date}, {"target_to_date", t.target_to_date},
                 {"remaining_days", t.remaining_days}, {"needed_per_day", t.needed_per_day}};
    std::cout << j.dump(2) << "\n";
  });

  auto* si = store_command(plan, "stock-import", "import stock snapshots by day (day,sku,on_hand); stock = newest", db_dir);
  si->add_option("--file", file, "CSV: day,sku,on_hand")->required();
  si->callback([stop] {
    auto r = import_file_into(db_dir, file, import_stock_snapshots);
    if (!r) return stop(r.error().message);
    std::cout << json{{"rows", r->rows}, {"products_updated", r->products_updated}}.dump(2) << "\n";
  });

  auto* pi = store_command(plan, "po-import", "import purchase orders from CSV (receiving updates stock)", db_dir);
  pi->add_option("--file", file, "CSV: id,supplier_id,sku,qty,unit_cost,ordered,expected,received,qty_received,qty_rejected")
      ->required();
  pi->callback([stop] {
    auto r = import_file_into(db_dir, file, import_purchase_orders);
    if (!r) return stop(r.error().message);
    std::cout << json{{"rows", r->rows}, {"stock_units_added", r->stock_units_added}}.dump(2) << "\n";
  });
}

}  // namespace shopkeeper::cli
