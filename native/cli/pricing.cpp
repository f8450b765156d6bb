// `shopkeeper pricing ...`: unit economics, fee schedules, elasticity, what-if, price book,
// competitor positions and price suggestions (core/pricing, docs/pricing.md).
// Money in minor units (integers) in and out; rates in basis points; JSON on stdout.
#include <nlohmann/json.hpp>

#include <cmath>
#include <ctime>
#include <iostream>

#include "core/io/table.h"
#include "core/pricing/economics.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/fees.h"
#include "core/pricing/shipping.h"
#include "core/pricing/competitors.h"
#include "core/pricing/pricebook.h"
#include "core/pricing/whatif.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"

namespace shopkeeper::cli {

namespace {

using json = nlohmann::ordered_json;
using namespace shopkeeper::pricing;

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

int32_t find_in(const Dict& d, const std::string& name) {
  for (int32_t i = 0; i < d.size(); ++i)
    if (d.names[static_cast<size_t>(i)] == name) return i;
  return -1;
}
int32_t find_sku(const Dataset& ds, const std::string& sku) {
  for (size_t i = 0; i < ds.sku.size(); ++i)
    if (ds.sku[i] == sku) return static_cast<int32_t>(i);
  return -1;
}

// A top-level JSON list of flat objects as CSV (one column per key of the first row).
std::string rows_csv(const json& rows) {
  Table t;
  if (rows.empty()) return to_csv(t);
  for (auto it = rows[0].begin(); it != rows[0].end(); ++it) t.columns.push_back(it.key());
  for (const auto& r : rows) {
    std::vector<Cell> cells;
    for (const auto& k : t.columns) {
      const json& v = r.contains(k) ? r.at(k) : json(nullptr);
      if (v.is_null()) cells.push_back(Cell::null());
      else if (v.is_boolean()) cells.push_back(Cell::text(v.get<bool>() ? "true" : "false"));
      else if (v.is_number_integer()) cells.push_back(Cell::integer(v.get<int64_t>()));
      else if (v.is_number()) cells.push_back(Cell::real(v.get<double>()));
      else if (v.is_string()) cells.push_back(Cell::text(v.get<std::string>()));
      else cells.push_back(Cell::text(v.dump()));
    }
    t.rows.push_back(std::move(cells));
  }
  return to_csv(t);
}

void fees_into(json& j, const ChannelFees& f) {
  j["commission_bp"] = f.commission_bp;
  j["payment_bp"] = f.payment_bp;
  j["payment_fixed_per_order"] = f.payment_fixed;
  j["shipping_per_order"] = f.shipping_per_order;
  j["shipping_per_extra_kg"] = f.shipping_per_extra_kg;
  j["packaging_per_unit"] = f.packaging_per_unit;
  j["return_shipping_per_unit"] = f.return_shipping_per_unit;
  j["unresellable_bp"] = f.unresellable_bp;
  j["fees_source"] = f.source;
}

json economics_row_json(const EconomicsRow& r) {
  json j;
  j["sku"] = r.sku;
  j["channel"] = r.channel_name;
  j["units"] = r.units;
  j["orders"] = r.orders;
  j["orders_by_shipping_template"] = r.template_orders;
  j["list_price"] = r.list_price;
  j["realised_price"] = r.realised_price;
  j["unit_cost"] = opt(r.unit_cost);
  j["cost_of_goods"] = opt(r.cost_of_goods);
  j["commission"] = r.commission;
  j["payment_fee"] = r.payment_fee;
  j["shipping"] = r.shipping;
  j["packaging"] = r.packaging;
  j["ad_cost"] = r.ad_cost;
  j["return_rate_bp"] = r.return_rate_bp;
  j["returns"] = opt(r.returns);
  j["refunds"] = r.refunds;
  j["return_costs"] = opt(r.return_costs);
  j["refund_excess"] = r.refund_excess;
  j["contribution_per_unit"] = opt(r.contribution_per_unit);
  j["contribution_per_order"] = opt(r.contribution_per_order);
  j["contribution_margin_bp"] = opt(r.contribution_margin_bp);
  j["break_even_price"] = opt(r.break_even_price);
  j["target_margin_bp"] = r.target_margin_bp;
  j["target_margin_price"] = opt(r.target_margin_price);
  j["break_even_roas"] = r.break_even_roas ? json(std::round(*r.break_even_roas * 10000) / 10000) : json(nullptr);
  fees_into(j, r.fees);
  return j;
}

Result<Dataset> open_dataset(const std::string& dir, std::optional<Store>& store) {
  auto s = Store::open(dir, true);
  if (!s) return s.error();
  store.emplace(std::move(*s));
  return load_dataset(*store);
}

bool emit(const json& rows, const std::string& format) {
  if (format == "csv") std::cout << rows_csv(rows);
  else if (format == "json") std::cout << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  else return fail("--format: use csv or json"), false;
  return true;
}

// Parses a percent option into basis points: "5", "0.6", "2.95" (at most two decimals).
Result<int64_t> percent_bp(const std::string& opt_name, const std::string& v) {
  auto m = parse_money(v, 2, false);
  if (!m) return make_error(ErrorCode::invalid_argument, opt_name + ": not a percent: \"" + v + "\"");
  if (*m < 0) return make_error(ErrorCode::invalid_argument, opt_name + ": negative: \"" + v + "\"");
  if (*m > 10000) return make_error(ErrorCode::invalid_argument, opt_name + ": over 100%: \"" + v + "\"");
  return *m;
}
// Money options are minor units (fen, cents): a whole number.
Result<Money> minor_units(const std::string& opt_name, const std::string& v) {
  char* end = nullptr;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end)
    return make_error(ErrorCode::invalid_argument,
                      opt_name + ": money in minor units (fen/cents) as a whole number, e.g. 450 for 4.50: \"" + v + "\"");
  if (x < 0) return make_error(ErrorCode::invalid_argument, opt_name + ": negative: \"" + v + "\"");
  return static_cast<Money>(x);
}

struct EconArgs {
  std::string db, sku, channel, format = "json", target = "20";
};
struct FeeArgs {
  std::string db, channel, commission, payment, payment_fixed, shipping, extra_kg, packaging, return_shipping, unresellable;
  bool reset = false;
};

int run_economics(const EconArgs& a) {
  std::optional<Store> store;
  auto ds = open_dataset(a.db, store);
  if (!ds) return fail(ds.error().message), 1;
  auto in = load_economics_inputs(store->db(), *ds);
  if (!in) return fail(in.error().message), 1;
  EconomicsQuery q;
  if (!a.sku.empty()) {
    q.product = find_sku(*ds, a.sku);
    if (q.product < 0) return fail("--sku: no product \"" + a.sku + "\" in the store"), 1;
  }
  if (!a.channel.empty()) {
    q.channel = find_in(ds->channels, a.channel);
    if (q.channel < 0) return fail("--channel: no orders of channel \"" + a.channel + "\" in the store"), 1;
  }
  auto tm = percent_bp("--target-margin-percent", a.target);
  if (!tm) return fail(tm.error().message), 2;
  q.target_margin_bp = *tm;
  auto e = compute_economics(*ds, *in, q);
  json rows = json::array();
  for (const auto& r : e.rows) rows.push_back(economics_row_json(r));
  return emit(rows, a.format) ? 0 : 2;
}

int run_fees(const FeeArgs& a) {
  auto store = Store::open(a.db);
  if (!store) return fail(store.error().message), 1;
  auto stored = load_fee_schedules(store->db());
  if (!stored) return fail(stored.error().message), 1;
  ChannelFees f = a.reset ? default_fees(a.channel) : effective_fees(*stored, a.channel);
  bool changed = a.reset;
  auto set_bp = [&](const std::string& name, const std::string& v, int64_t& out) -> bool {
    if (v.empty()) return true;
    auto x = percent_bp(name, v);
    if (!x) return fail(x.error().message), false;
    out = *x;
    changed = true;
    return true;
  };
  auto set_money = [&](const std::string& name, const std::string& v, Money& out) -> bool {
    if (v.empty()) return true;
    auto x = minor_units(name, v);
    if (!x) return fail(x.error().message), false;
    out = *x;
    changed = true;
    return true;
  };
  if (!set_bp("--commission-percent", a.commission, f.commission_bp) || !set_bp("--payment-percent", a.payment, f.payment_bp) ||
      !set_money("--payment-fixed-per-order", a.payment_fixed, f.payment_fixed) ||
      !set_money("--shipping-per-order", a.shipping, f.shipping_per_order) ||
      !set_money("--shipping-per-extra-kg", a.extra_kg, f.shipping_per_extra_kg) ||
      !set_money("--packaging-per-unit", a.packaging, f.packaging_per_unit) ||
      !set_money("--return-shipping-per-unit", a.return_shipping, f.return_shipping_per_unit) ||
      !set_bp("--unresellable-percent", a.unresellable, f.unresellable_bp))
    return 2;
  if (auto v = validate_fees(f); !v) return fail(v.error().message + "; nothing was changed"), 2;
  if (changed) {
    f.channel = a.channel;
    if (auto st = store->write([&](Writer& w) {
          if (a.reset) {
            auto d = w.db().prepare("DELETE FROM fee_schedules WHERE channel=?");
            if (!d) return Status(d.error());
            d->bind(1, a.channel);
            return d->run();
          }
          return save_fee_schedule(w, f);
        });
        !st)
      return fail(st.error().message), 1;
    if (!a.reset) {
      f.source = "seller";
      f.seller_set = true;
    }
  }
  json j;
  j["channel"] = a.channel;
  j["seller_set"] = f.seller_set;
  fees_into(j, f);
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

struct ShipArgs {
  std::string db, channel, region, first_kg, per_extra_kg;
  bool remove = false;
};

// Lists the regional shipping templates; with --region sets (or with --remove drops) one first.
int run_shipping(const ShipArgs& a) {
  auto store = Store::open(a.db);
  if (!store) return fail(store.error().message), 1;
  if (!a.region.empty()) {
    ShippingTemplate t{a.channel, a.region, 0, 0};
    if (!a.remove) {
      if (a.first_kg.empty()) return fail("--first-kg: required with --region (minor units, e.g. 450)"), 2;
      auto f = minor_units("--first-kg", a.first_kg);
      if (!f) return fail(f.error().message), 2;
      t.first_kg = *f;
      if (!a.per_extra_kg.empty()) {
        auto x = minor_units("--per-extra-kg", a.per_extra_kg);
        if (!x) return fail(x.error().message), 2;
        t.per_extra_kg = *x;
      }
    }
    Status st = store->write([&](Writer& w) {
      return a.remove ? remove_shipping_template(w, a.channel, a.region) : save_shipping_template(w, t);
    });
    if (!st) return fail(st.error().message + "; nothing was changed"), 2;
  } else if (a.remove) {
    return fail("--remove: name the template with --region (and --channel)"), 2;
  }
  auto all = load_shipping_templates(store->db());
  if (!all) return fail(all.error().message), 1;
  json rows = json::array();
  for (const auto& t : *all)
    rows.push_back({{"channel", t.channel}, {"region", t.region}, {"first_kg", t.first_kg}, {"per_extra_kg", t.per_extra_kg}});
  std::cout << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

std::string pct(int64_t bp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", static_cast<double>(bp) / 100.0);
  return buf;
}

// The CLI's English for an elasticity row's reason (the UI words the same codes in ui/i18n).
std::string reason_en(const ElasticityRow& r, const Dataset& ds, Grain g) {
  const char* per = g == Grain::week ? "weeks" : "days";
  std::string s;
  switch (r.why) {
    case ElasticityWhy::usable:
      s = "usable: " + std::to_string(r.sale_periods) + " " + per + " with sales" +
          (r.method == Method::ppml ? " of " + std::to_string(r.n_obs) + " fitted (Poisson, zero " + per + " included)" : "") +
          ", " + std::to_string(r.price_points) + " price levels, price range " + pct(r.price_range_bp);
      break;
    case ElasticityWhy::no_periods: s = std::string("no ") + (g == Grain::week ? "whole week" : "day") + " with sales in the range"; break;
    case ElasticityWhy::few_periods:
      s = "only " + std::to_string(r.a) + " " + (r.a != 1 ? per : g == Grain::week ? "week" : "day") + " with sales (at least " +
          std::to_string(r.b) + " needed)";
      break;
    case ElasticityWhy::one_price: s = "sold at one price only (" + money_to_decimal(r.a) + ")"; break;
    case ElasticityWhy::narrow_range:
      s = "the price never changed by more than " + pct(r.a) + " (at least " + pct(r.b) + " needed)";
      break;
    case ElasticityWhy::few_levels:
      s = "only " + std::to_string(r.a) + " price levels (at least " + std::to_string(r.b) + " needed)";
      break;
    case ElasticityWhy::collinear:
      s = "the price moved only together with a control (trend, season, festival or promotion days)";
      break;
    case ElasticityWhy::not_converged:
      s = "the Poisson fit did not converge in " + std::to_string(r.a) + " steps";
      break;
    case ElasticityWhy::no_shelf_price:
      s = std::to_string(r.a) + " " + (r.a != 1 ? per : g == Grain::week ? "week" : "day") +
          " without sales have no known list price (before the first logged change, which has no old price)";
      break;
  }
  if (!r.usable && r.source == EstimateSource::category)
    s += "; showing the estimate of category \"" +
         (r.category >= 0 ? ds.categories.names[static_cast<size_t>(r.category)] : std::string()) +
         "\" (pooled), not usable for this SKU";
  else if (!r.usable && r.source == EstimateSource::own)
    s += "; its own estimate is shown but is not usable";
  if (r.bad_price_lines > 0) s += "; " + std::to_string(r.bad_price_lines) + " order lines with a zero or negative price left out";
  return s;
}

struct ElasticityArgs {
  std::string db, sku, category, from, to, grain = "week", format = "json";
};

Result<DayRange> parse_range(const std::string& from, const std::string& to) {
  DayRange r{INT32_MIN / 2, INT32_MAX / 2};
  if (!from.empty()) {
    auto d = parse_day(from);
    if (!d) return make_error(ErrorCode::invalid_argument, "--from: " + d.error().message);
    r.first = *d;
  }
  if (!to.empty()) {
    auto d = parse_day(to);
    if (!d) return make_error(ErrorCode::invalid_argument, "--to: " + d.error().message);
    r.last = *d;
  }
  if (r.last < r.first) return make_error(ErrorCode::invalid_argument, "--to is before --from");
  return r;
}

int run_elasticity(const ElasticityArgs& a) {
  if (!a.sku.empty() && !a.category.empty()) return fail("give --sku or --category, not both"), 2;
  if (a.grain != "week" && a.grain != "day") return fail("--grain: use day or week"), 2;
  if (a.format != "json" && a.format != "csv") return fail("--format: use json or csv"), 2;
  auto range = parse_range(a.from, a.to);
  if (!range) return fail(range.error().message), 2;
  std::optional<Store> store;
  auto ds = open_dataset(a.db, store);
  if (!ds) return fail(ds.error().message), 1;
  auto in = load_elasticity_inputs(store->db());
  if (!in) return fail(in.error().message), 1;
  ElasticityQuery q;
  q.range = *range;
  q.grain = a.grain == "day" ? Grain::day : Grain::week;
  if (!a.sku.empty()) {
    q.product = find_sku(*ds, a.sku);
    if (q.product < 0) return fail("--sku: no product \"" + a.sku + "\" in the store"), 1;
  }
  if (!a.category.empty()) {
    q.category = find_in(ds->categories, a.category);
    if (q.category < 0) return fail("--category: no category \"" + a.category + "\" in the store"), 1;
  }
  auto e = compute_elasticity(*ds, *in, q);
  json rows = json::array();
  for (const auto& r : e.rows) {
    json j;
    j["sku"] = r.sku;
    j["elasticity"] = opt(r.elasticity);
    j["ci_low"] = opt(r.ci_low);
    j["ci_high"] = opt(r.ci_high);
    j["r2"] = opt(r.r2);
    j["n_obs"] = r.n_obs;
    j["price_points"] = r.price_points;
    j["usable"] = r.usable;
    j["reason"] = reason_en(r, *ds, q.grain);
    j["method"] = method_name(estimate_method(r));
    rows.push_back(std::move(j));
  }
  return emit(rows, a.format) ? 0 : 2;
}


json band(const Band& b) {
  auto r = [](double v) { return std::round(v * 100) / 100; };
  return json{{"low", r(b.low)}, {"mid", r(b.mid)}, {"high", r(b.high)}};
}
json point_json(const WhatIfPoint& p) {
  return json{{"price", p.price}, {"units_per_week", band(p.units)}, {"sales", band(p.sales)},
              {"gross_profit", band(p.gross_profit)}, {"contribution", band(p.contribution)}};
}
const char* source_name(EstimateSource s) {
  return s == EstimateSource::own ? "own" : s == EstimateSource::category ? "category" : "none";
}

struct WhatIfArgs {
  std::string db, sku, price, max_change = "20", gap, today;
  int64_t baseline_weeks = 8;
};

// Cheapest in-stock competitor total for one SKU (latest observations up to `today`).
Result<std::optional<Money>> cheapest_competitor(Db& db, const std::string& sku, Money our, Day today) {
  auto log = load_competitor_prices(db);
  if (!log) return log.error();
  auto rep = competitor_report(*log, {{sku, our}}, today);
  for (const auto& p : rep.positions)
    if (p.sku == sku) return std::optional<Money>(p.cheapest);
  return std::optional<Money>();
}

int run_whatif(const WhatIfArgs& a) {
  auto price = minor_units("--price", a.price);
  if (!price) return fail(price.error().message), 2;
  if (*price <= 0) return fail("--price: must be above zero"), 2;
  auto mc = percent_bp("--max-change-percent", a.max_change);
  if (!mc) return fail(mc.error().message), 2;
  if (a.baseline_weeks < 1 || a.baseline_weeks > 104) return fail("--baseline-weeks: 1 to 104"), 2;
  std::optional<Store> store;
  auto ds = open_dataset(a.db, store);
  if (!ds) return fail(ds.error().message), 1;
  WhatIfQuery q;
  q.product = find_sku(*ds, a.sku);
  if (q.product < 0) return fail("--sku: no product \"" + a.sku + "\" in the store"), 1;
  q.price = *price;
  q.baseline_weeks = a.baseline_weeks;
  q.max_change_bp = *mc;
  auto book = load_price_book(store->db());
  if (!book) return fail(book.error().message), 1;
  if (const SkuBook* b = find_book(*book, a.sku)) q.floor = b->floor;
  if (!a.gap.empty()) {
    auto g = percent_bp("--competitor-gap-percent", a.gap);
    if (!g) return fail(g.error().message), 2;
    q.competitor_gap_bp = *g;
    Day today = store_today(*store);  // the store's day in its time zone (issue #9 item 7)
    if (!a.today.empty()) {
      auto d = parse_day(a.today);
      if (!d) return fail("--today: " + d.error().message), 2;
      today = *d;
    }
    auto c = cheapest_competitor(store->db(), a.sku, ds->product_price[static_cast<size_t>(q.product)], today);
    if (!c) return fail(c.error().message), 1;
    q.competitor_cheapest = *c;
  }
  auto ein = load_elasticity_inputs(store->db());
  if (!ein) return fail(ein.error().message), 1;
  ElasticityQuery eq;
  eq.product = q.product;
  auto el = compute_elasticity(*ds, *ein, eq);
  auto in = load_economics_inputs(store->db(), *ds);
  if (!in) return fail(in.error().message), 1;
  EconomicsQuery cq;
  cq.product = q.product;
  auto econ = compute_economics(*ds, *in, cq);
  WhatIf w = what_if(*ds, el, econ, q);
  json j;
  j["sku"] = a.sku;
  j["status"] = whatif_why_name(w.why);
  j["price"] = q.price;
  j["baseline_price"] = w.baseline_price;
  j["baseline_units_per_week"] = std::round(w.baseline_units * 100) / 100;
  j["baseline_weeks"] = q.baseline_weeks;
  j["elasticity"] = w.why == WhatIfWhy::no_elasticity || w.why == WhatIfWhy::no_sales ? json(nullptr) : json(w.elasticity);
  j["ci_low"] = w.why == WhatIfWhy::no_elasticity || w.why == WhatIfWhy::no_sales ? json(nullptr) : json(w.ci_low);
  j["ci_high"] = w.why == WhatIfWhy::no_elasticity || w.why == WhatIfWhy::no_sales ? json(nullptr) : json(w.ci_high);
  j["elasticity_source"] = source_name(w.source);
  j["elasticity_usable"] = w.usable;
  j["unit_cost"] = opt(w.unit_cost);
  j["floor"] = opt(q.floor);
  j["below_floor"] = w.below_floor;
  if (w.why != WhatIfWhy::no_sales && w.why != WhatIfWhy::no_elasticity && w.why != WhatIfWhy::bad_price) {
    j["at_price"] = point_json(w.at_price);
    j["at_baseline"] = point_json(w.at_baseline);
  }
  j["competitor_cheapest"] = opt(q.competitor_cheapest);
  if (w.why == WhatIfWhy::ok || w.why == WhatIfWhy::empty_bounds) {
    j["bounds"] = {{"low", w.bound_low}, {"high", w.bound_high}, {"max_change_bp", q.max_change_bp},
                   {"competitor_gap_bp", q.competitor_gap_bp}};
  }
  j["best"] = w.best ? point_json(*w.best) : json(nullptr);
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

struct SuggestArgs {
  std::string db, rule = "beat-amount", amount = "100", percent = "1", max_step = "10", ending = "x9", today;
};

json obs_json(const CompetitorObs& o) {
  return json{{"day", format_day(o.day)}, {"competitor", o.competitor}, {"product", o.product}, {"sku", o.sku},
              {"price", o.price}, {"shipping", o.shipping}, {"in_stock", o.in_stock}, {"promotion", o.promotion}};
}

int run_suggest(const SuggestArgs& a) {
  Rule rule;
  if (a.rule == "match") rule.kind = Rule::Kind::match;
  else if (a.rule == "beat-amount") rule.kind = Rule::Kind::beat_amount;
  else if (a.rule == "beat-percent") rule.kind = Rule::Kind::beat_percent;
  else return fail("--rule: use match, beat-amount or beat-percent"), 2;
  auto am = minor_units("--amount", a.amount);
  if (!am) return fail(am.error().message), 2;
  rule.amount = *am;
  auto pc = percent_bp("--percent", a.percent);
  if (!pc) return fail(pc.error().message), 2;
  rule.percent_bp = *pc;
  auto ms = percent_bp("--max-step-percent", a.max_step);
  if (!ms) return fail(ms.error().message), 2;
  rule.max_step_bp = *ms;
  auto en = ending_from_name(a.ending);
  if (!en) return fail("--ending: use x9, x.90, whole or none"), 2;
  rule.ending = *en;
  if (!a.today.empty() && !parse_day(a.today)) return fail("--today: " + parse_day(a.today).error().message), 2;
  std::optional<Store> store;
  auto ds = open_dataset(a.db, store);
  if (!ds) return fail(ds.error().message), 1;
  const Day today = a.today.empty() ? store_today(*store) : *parse_day(a.today);  // the store's day in its zone (issue #9 item 7)
  auto log = load_competitor_prices(store->db());
  if (!log) return fail(log.error().message), 1;
  std::vector<OurPrice> ours;
  for (size_t i = 0; i < ds->sku.size(); ++i) ours.push_back({ds->sku[i], ds->product_price[i]});
  auto rep = competitor_report(*log, ours, today);
  auto book = load_price_book(store->db());
  if (!book) return fail(book.error().message), 1;
  auto ein = load_elasticity_inputs(store->db());
  if (!ein) return fail(ein.error().message), 1;
  auto el = compute_elasticity(*ds, *ein, ElasticityQuery{});
  auto sug = suggest_prices(rep, *book, &el, rule);
  json j;
  j["today"] = format_day(today);
  j["rule"] = {{"kind", a.rule}, {"amount", rule.amount}, {"percent_bp", rule.percent_bp}, {"max_step_bp", rule.max_step_bp},
               {"ending", ending_name(rule.ending)}};
  json ss = json::array();
  for (const auto& s : sug)
    ss.push_back({{"sku", s.sku}, {"current", s.current}, {"cheapest", s.cheapest}, {"target", s.target},
                  {"suggested", s.suggested}, {"floor", opt(s.floor)}, {"status", suggest_why_name(s.why)},
                  {"elasticity", opt(s.elasticity)}, {"elasticity_usable", s.elasticity_usable},
                  {"units_change", s.units_change ? json(std::round(*s.units_change * 10000) / 10000) : json(nullptr)}});
  j["suggestions"] = ss;
  json ps = json::array();
  for (const auto& p : rep.positions)
    ps.push_back({{"sku", p.sku}, {"our_price", p.our_price}, {"competitors", p.competitors}, {"out_of_stock", p.out_of_stock},
                  {"cheapest", p.cheapest}, {"cheapest_competitor", p.cheapest_competitor}, {"average", p.average},
                  {"dearest", p.dearest}, {"gap", p.gap}, {"gap_bp", p.gap_bp}, {"rank", rank_name(p.rank)}});
  j["positions"] = ps;
  json cs = json::array();
  for (const auto& c : rep.changes)
    cs.push_back({{"sku", c.sku}, {"competitor", c.competitor}, {"before_day", format_day(c.before_day)},
                  {"day", format_day(c.day)}, {"before", c.before}, {"after", c.after}, {"change_bp", c.change_bp},
                  {"in_stock_before", c.stock_before}, {"in_stock_after", c.stock_after}});
  j["changes"] = cs;
  json us = json::array();
  for (const auto& o : rep.unmatched) us.push_back(obs_json(o));
  j["unmatched"] = us;
  json fs = json::array();
  for (const auto& o : rep.future_dated) fs.push_back(obs_json(o));
  j["future_dated"] = fs;
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

const char* book_issue_en(const BookIssue& i, std::string& out) {
  std::string what = i.list ? std::string("list price") : std::string(book_kind_name(i.kind)) + " price" +
                                                             (i.key.empty() ? "" : " (" + i.key + ")") +
                                                             (i.kind == BookKind::ladder ? " from " + std::to_string(i.min_qty) + " units" : "");
  switch (i.why) {
    case BookWhy::nonpositive_price: out = what + " is " + money_to_decimal(i.price) + ": a price must be above zero"; break;
    case BookWhy::ladder_rises:
      out = what + " " + money_to_decimal(i.price) + " is above the step before it (" + money_to_decimal(i.reference) + ")";
      break;
    case BookWhy::member_above_list:
      out = what + " " + money_to_decimal(i.price) + " is above the list price " + money_to_decimal(i.reference);
      break;
    case BookWhy::floor_above_price:
      out = "the floor " + money_to_decimal(i.reference) + " is above the " + what + " " + money_to_decimal(i.price);
      break;
    case BookWhy::unknown_sku: out = "price book entry for a SKU not in products"; break;
  }
  return book_why_name(i.why);
}

json entry_json(const BookEntry& e) {
  json j{{"kind", book_kind_name(e.kind)}, {"price", e.price}};
  if (!e.key.empty()) j["key"] = e.key;
  if (e.kind == BookKind::ladder) j["min_qty"] = e.min_qty;
  return j;
}

int run_book(const std::string& db, const std::string& sku) {
  auto store = Store::open(db, true);
  if (!store) return fail(store.error().message), 1;
  auto b = load_price_book(store->db());
  if (!b) return fail(b.error().message), 1;
  json j;
  j["margin_floor_bp"] = b->margin_floor_bp;
  json skus = json::array();
  for (const auto& s : b->skus) {
    if (!sku.empty() && s.sku != sku) continue;
    json e{{"sku", s.sku}, {"list_price", s.list_price}, {"unit_cost", opt(s.unit_cost)}, {"floor", opt(s.floor)},
           {"floor_is_default", s.floor_is_default}};
    for (const auto* v : {&s.member, &s.channel, &s.ladder}) {
      json a = json::array();
      for (const auto& x : *v) a.push_back(entry_json(x));
      e[v == &s.member ? "member" : v == &s.channel ? "channel" : "ladder"] = a;
    }
    skus.push_back(std::move(e));
  }
  if (!sku.empty() && skus.empty()) return fail("--sku: no product \"" + sku + "\" in the store"), 1;
  j["skus"] = skus;
  json issues = json::array();
  for (const auto& i : check_price_book(*b)) {
    if (!sku.empty() && i.sku != sku) continue;
    std::string msg;
    const char* code = book_issue_en(i, msg);
    issues.push_back({{"sku", i.sku}, {"code", code}, {"message", msg}});
  }
  j["issues"] = issues;
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace

void register_pricing(CLI::App& app, int& exit_code) {
  auto* pr = app.add_subcommand("pricing", "unit economics, fees, elasticity, what-if, price book, competitors");
  pr->require_subcommand(1);

  static EconArgs ea;
  auto* ec = store_command(pr, "economics", "contribution per unit and order for each SKU and channel", ea.db);
  ec->add_option("--sku", ea.sku, "only this SKU");
  ec->add_option("--channel", ea.channel, "only this channel");
  ec->add_option("--format", ea.format, "csv or json (default json)");
  ec->add_option("--target-margin-percent", ea.target, "contribution margin the target price aims at (default 20)");
  ec->callback([&exit_code] { exit_code = run_economics(ea); });

  static FeeArgs fa;
  auto* fe = store_command(pr, "fees", "show or set a channel's fee schedule (the assumptions of economics)", fa.db);
  fe->add_option("--channel", fa.channel, "channel name as in the orders")->required();
  fe->add_option("--commission-percent", fa.commission, "platform commission, percent of the price paid");
  fe->add_option("--payment-percent", fa.payment, "payment fee, percent of the price paid");
  fe->add_option("--payment-fixed-per-order", fa.payment_fixed, "fixed payment fee per order, minor units");
  fe->add_option("--shipping-per-order", fa.shipping, "shipping per order (first kg), minor units");
  fe->add_option("--shipping-per-extra-kg", fa.extra_kg, "shipping for each further kg, minor units");
  fe->add_option("--packaging-per-unit", fa.packaging, "packaging per unit, minor units");
  fe->add_option("--return-shipping-per-unit", fa.return_shipping, "return shipping per returned unit, minor units");
  fe->add_option("--unresellable-percent", fa.unresellable, "share of returned units that cannot be resold, percent");
  fe->add_flag("--reset", fa.reset, "drop the seller's schedule: back to the default");
  fe->callback([&exit_code] { exit_code = run_fees(fa); });

  static ShipArgs ta;
  auto* sh = pr->add_subcommand("shipping", "regional shipping templates (by region and weight) behind economics' shipping");
  sh->add_option("--db", ta.db, "store directory")->required();
  sh->add_option("--region", ta.region, "region as the orders name it (normalised: 广东省 = 广东)");
  sh->add_option("--channel", ta.channel, "only orders of this channel (default: every channel)");
  sh->add_option("--first-kg", ta.first_kg, "charge for the first kg of an order, minor units");
  sh->add_option("--per-extra-kg", ta.per_extra_kg, "charge for each further kg or part of one, minor units (default 0)");
  sh->add_flag("--remove", ta.remove, "drop the template of --region (and --channel)");
  sh->callback([&exit_code] { exit_code = run_shipping(ta); });

  static ElasticityArgs la;
  auto* el = store_command(pr, "elasticity", "own-price elasticity per SKU (log-log OLS with controls)", la.db);
  el->add_option("--sku", la.sku, "only this SKU");
  el->add_option("--category", la.category, "only the SKUs of this category");
  el->add_option("--from", la.from, "first day YYYY-MM-DD (default: all history)");
  el->add_option("--to", la.to, "last day YYYY-MM-DD");
  el->add_option("--grain", la.grain, "week (default) or day");
  el->add_option("--format", la.format, "json (default) or csv");
  el->callback([&exit_code] { exit_code = run_elasticity(la); });

  static WhatIfArgs wa;
  auto* wi = store_command(pr, "whatif", "a new price -> units, sales, gross profit, contribution; the best price", wa.db);
  wi->add_option("--sku", wa.sku, "the SKU")->required();
  wi->add_option("--price", wa.price, "the new price, minor units")->required();
  wi->add_option("--max-change-percent", wa.max_change, "bound of the best price around today's (default 20)");
  wi->add_option("--competitor-gap-percent", wa.gap, "best price at most this far above the cheapest competitor");
  wi->add_option("--baseline-weeks", wa.baseline_weeks, "whole weeks at the end of the history for the baseline (default 8)");
  wi->add_option("--today", wa.today, "day of the competitor position (default: today)");
  wi->callback([&exit_code] { exit_code = run_whatif(wa); });

  static SuggestArgs sa;
  auto* sg = store_command(pr, "suggest", "competitor positions and rule-based price suggestions", sa.db);
  sg->add_option("--rule", sa.rule, "match, beat-amount (default) or beat-percent");
  sg->add_option("--amount", sa.amount, "beat the cheapest by this much, minor units (default 100)");
  sg->add_option("--percent", sa.percent, "beat the cheapest by this percent (default 1)");
  sg->add_option("--max-step-percent", sa.max_step, "largest change per step, percent (default 10)");
  sg->add_option("--ending", sa.ending, "price ending: x9 (default), x.90, whole or none");
  sg->add_option("--today", sa.today, "day of the positions (default: today)");
  sg->callback([&exit_code] { exit_code = run_suggest(sa); });

  static std::string bdb, bsku;
  auto* bk = store_command(pr, "book", "the price book with its floors and checks", bdb);
  bk->add_option("--sku", bsku, "only this SKU");
  bk->callback([&exit_code] { exit_code = run_book(bdb, bsku); });

  static std::string sdb, ssku, skind = "floor", skey, sprice;
  static int64_t sqty = 1;
  auto* bs = store_command(pr, "book-set", "set a member, channel, ladder or floor price (checked first)", sdb);
  bs->add_option("--sku", ssku, "the SKU")->required();
  bs->add_option("--kind", skind, "member, channel, ladder or floor")->required();
  bs->add_option("--key", skey, "member: tier; channel: channel name");
  bs->add_option("--min-qty", sqty, "ladder: the quantity from which the price applies");
  bs->add_option("--price", sprice, "the price, minor units")->required();
  bs->callback([&exit_code] {
    auto k = book_kind_from_name(skind);
    if (!k) return fail("--kind: use member, channel, ladder or floor"), void(exit_code = 2);
    auto p = minor_units("--price", sprice);
    if (!p) return fail(p.error().message), void(exit_code = 2);
    auto store = Store::open(sdb);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    BookEntry e{ssku, *k, skey, *k == BookKind::ladder ? sqty : 1, *p};
    if (auto st = save_book_entry(*store, e); !st) return fail(st.error().message), void(exit_code = 1);
    exit_code = run_book(sdb, ssku);
  });

  static std::string ldb, lsku, lprice;
  auto* sl = store_command(pr, "set-list", "change a SKU's list price (logged in the price history)", ldb);
  sl->add_option("--sku", lsku, "the SKU")->required();
  sl->add_option("--price", lprice, "the new list price, minor units")->required();
  sl->callback([&exit_code] {
    auto p = minor_units("--price", lprice);
    if (!p) return fail(p.error().message), void(exit_code = 2);
    auto store = Store::open(ldb);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    const Timestamp now = store_now(*store);  // logged in the store's time zone (issue #9 item 7)
    if (auto st = set_list_price(*store, lsku, *p, now); !st) return fail(st.error().message), void(exit_code = 1);
    exit_code = run_book(ldb, lsku);
  });

  static std::string hdb, hsku, hfrom, hto;
  auto* hi = store_command(pr, "history", "a SKU's list-price changes and realised price per day", hdb);
  hi->add_option("--sku", hsku, "the SKU")->required();
  hi->add_option("--from", hfrom, "first day YYYY-MM-DD");
  hi->add_option("--to", hto, "last day YYYY-MM-DD");
  hi->callback([&exit_code] {
    auto range = parse_range(hfrom, hto);
    if (!range) return fail(range.error().message), void(exit_code = 2);
    std::optional<Store> store;
    auto ds = open_dataset(hdb, store);
    if (!ds) return fail(ds.error().message), void(exit_code = 1);
    int32_t p = find_sku(*ds, hsku);
    if (p < 0) return fail("--sku: no product \"" + hsku + "\" in the store"), void(exit_code = 1);
    auto h = load_price_history(store->db(), hsku);
    if (!h) return fail(h.error().message), void(exit_code = 1);
    json j;
    j["sku"] = hsku;
    j["list_price"] = ds->product_price[static_cast<size_t>(p)];
    json ch = json::array();
    for (const auto& c : *h)
      ch.push_back({{"at", format_timestamp(c.at)}, {"old_price", opt(c.old_price)}, {"new_price", c.new_price}, {"source", c.source}});
    j["list_price_changes"] = ch;
    json days = json::array();
    for (const auto& d : realised_by_day(*ds, p, *range))
      days.push_back({{"day", format_day(d.day)}, {"units", d.units}, {"revenue", d.revenue}, {"realised_price", d.realised}});
    j["realised_by_day"] = days;
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  });
}

}  // namespace shopkeeper::cli
