// `shopkeeper promo ...`: the promotions engine from the command line, JSON on stdout.
//   quote    --input FILE.json [--profile NAME] the quote of one cart (under a platform's rules)
//   best     --input FILE.json [--profile NAME] best coupon / points choice (到手价)
//   profiles                                   the platform stacking profiles
//   refund   --input FILE.json --returns 0,1   refund for returning units per cart line
//   validate --input FILE.json                 editor checks of the file's promotions
//   guard    --db DIR [--floor-pct P | --floor-bp N] [--fee-pct P | --fee-bp N] [--profile A,B]   loss guard over the store
//   calendar --year Y                          the festival calendar
//   redeem   --db DIR --order-id ID --input FILE.json   quote an order under the store's promotions
//                                              and record what it took (the usage ledger)
//   revert   --db DIR --order-id ID            remove an order's recorded usage (cancelled)
//   usage    --db DIR [--customer ID]          the usage ledger's sums per promotion (and buyer)
// quote, best and refund take --db DIR too: the promotions are then the store's live ones with
// their recorded usage, and the buyer's own usage (customer.id) is added; refund with
// --order-id also records what the kept items still receive. With --db, a promotion limited to
// saved Members segments sees the segments the buyer (customer.id) is in.
#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>

#include "core/base/file.h"
#include "core/members/membership.h"
#include "core/promotions/json_io.h"
#include "core/promotions/profiles.h"
#include "core/promotions/store_io.h"
#include "core/promotions/usage.h"
#include "core/store/store.h"
#include "core/workspace/floors.h"
#include "native/cli/commands.h"

namespace shopkeeper::cli {

namespace {

using namespace shopkeeper::promo;

// --db DIR: cart lines without their own floor_price get their SKU's floor in force from the
// store's price book (core/workspace/floors.h).
Result<QuoteInput> read_input(const std::string& path, const std::string& profile = "", const std::string& db = "") {
  auto text = read_file(path);
  if (!text) return make_error(ErrorCode::io_error, "cannot open " + path);
  auto in = parse_quote_input(*text);
  if (!in) return make_error(in.error().code, path + ": " + in.error().message);
  if (!profile.empty()) {
    auto r = find_profile(profile);
    if (!r) return make_error(r.error().code, "--profile: " + r.error().message);
    in->rules = *r;
  }
  if (!db.empty()) {
    auto store = Store::open(db, true);
    if (!store) return store.error();
    if (auto st = apply_floor_prices(store->db(), *in); !st) return st.error();
  }
  return in;
}

// With a store: an input without promotions gets the store's live ones (counters with the usage
// ledger; `store_only` refuses an input that brings its own), and the buyer's recorded usage is
// added to what the input says.
Status use_store(QuoteInput& in, Store& store, bool store_only = false) {
  if (store_only && !in.promotions.empty())
    return make_error(ErrorCode::invalid_argument,
                      "--input: \"promotions\" must be empty with --db (the store's live promotions are used)");
  if (in.promotions.empty()) {
    auto promos = load_promotions(store.db(), {"active", "scheduled"});
    if (!promos) return promos.error();
    in.promotions = std::move(*promos);
  }
  auto used = load_usage(store.db());
  if (!used) return used.error();
  apply_customer_usage(in.customer, in.promotions, *used);
  // A promotion limited to saved Members segments: the buyer's membership (customer.id) is read
  // from the store and added to the segments the input names.
  const bool any_segment = std::any_of(in.promotions.begin(), in.promotions.end(),
                                       [](const Promotion& p) { return !p.conditions.segments.empty(); });
  if (any_segment && !in.customer.id.empty()) {
    auto segs = members::customer_segments(store, in.customer.id);
    if (!segs) return segs.error();
    for (const std::string& s : *segs)
      if (std::find(in.customer.segments.begin(), in.customer.segments.end(), s) == in.customer.segments.end())
        in.customer.segments.push_back(s);
  }
  return Ok{};
}

json usage_json(const UsageEntry& e) { return {{"promotion", e.promotion}, {"uses", e.uses}, {"units", e.units}, {"amount", money_node(e.amount)}}; }

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

}  // namespace

void register_promo(CLI::App& app, int& exit_code) {
  auto* promo = app.add_subcommand("promo", "promotions: quote, best price, loss guard, refunds, calendar");
  promo->require_subcommand(1);
  static std::string input, db_dir, returns, profile;
  static int64_t floor_bp = 0, fee_bp = 0;
  static int year = 2025;

  auto* q = promo->add_subcommand("quote", "quote a cart under the shop's promotions");
  q->add_option("--input", input, "quote input JSON file")->required();
  q->add_option("--profile", profile, "a platform's stacking rules (promo profiles lists them)");
  q->add_option("--db", db_dir, "store directory: cart lines without a floor_price get the SKU's floor from the price book; "
                "an input without promotions is quoted under the store's live ones; the buyer's recorded usage counts");
  q->callback([&exit_code] {
    auto in = read_input(input, profile, db_dir);
    if (!in) return fail(in.error().message), void(exit_code = 1);
    if (!db_dir.empty()) {
      auto store = Store::open(db_dir, true);
      if (!store) return fail(store.error().message), void(exit_code = 1);
      if (auto st = use_store(*in, *store); !st) return fail(st.error().message), void(exit_code = 1);
    }
    std::cout << to_text(quote_to_json(quote(*in), *in)) << "\n";
  });

  auto* b = promo->add_subcommand("best", "the coupons and points that minimise what the buyer pays");
  b->add_option("--input", input, "quote input JSON file")->required();
  b->add_option("--profile", profile, "a platform's stacking rules (promo profiles lists them)");
  b->add_option("--db", db_dir, "store directory: cart lines without a floor_price get the SKU's floor from the price book; "
                "an input without promotions is searched under the store's live ones; the buyer's recorded usage counts");
  b->callback([&exit_code] {
    auto in = read_input(input, profile, db_dir);
    if (!in) return fail(in.error().message), void(exit_code = 1);
    if (!db_dir.empty()) {
      auto store = Store::open(db_dir, true);
      if (!store) return fail(store.error().message), void(exit_code = 1);
      if (auto st = use_store(*in, *store); !st) return fail(st.error().message), void(exit_code = 1);
    }
    std::cout << to_text(best_to_json(best_price(*in), *in)) << "\n";
  });

  auto* r = promo->add_subcommand("refund", "refund for returning part of an order");
  r->add_option("--input", input, "the order as a quote input JSON file")->required();
  r->add_option("--returns", returns, "units returned per cart line, comma-separated")->required();
  static std::string order_id;
  r->add_option("--db", db_dir, "the order's promotions are the store's (and, with --order-id, its usage is updated)");
  r->add_option("--order-id", order_id, "the recorded order whose usage becomes what the kept items receive");
  r->callback([&exit_code] {
    auto in = read_input(input);
    if (!in) return fail(in.error().message), void(exit_code = 1);
    if (!order_id.empty() && db_dir.empty()) return fail("--order-id needs --db"), void(exit_code = 1);
    std::optional<Store> store;
    if (!db_dir.empty()) {
      auto s = Store::open(db_dir, order_id.empty());
      if (!s) return fail(s.error().message), void(exit_code = 1);
      store.emplace(std::move(*s));
      // The order is re-quoted as it was placed: without its own recorded usage.
      if (!order_id.empty()) {
        auto used = load_usage(store->db());
        if (!used) return fail(used.error().message), void(exit_code = 1);
        if (!used->by_order.count(order_id))
          return fail("--order-id: order " + order_id + " has no promotion usage recorded"), void(exit_code = 1);
      }
      if (auto st = use_store(*in, *store); !st) return fail(st.error().message), void(exit_code = 1);
      if (!order_id.empty()) {
        auto used = load_usage(store->db());
        for (const auto& e : used->by_order[order_id])
          for (auto& p : in->promotions)
            if (p.id == e.promotion) {
              p.conditions.redeemed -= e.uses;
              p.budget.redeemed_amount -= e.amount;
              if (p.kind == Kind::flash_price && p.params.stock) p.params.stock = *p.params.stock + e.units;
              if (!p.coupon_code.empty()) in->customer.coupon_uses[p.coupon_code] -= e.uses;
              in->customer.units_bought[p.id] -= e.units;
              in->customer.budget_used[p.id] -= e.amount;
              if (p.kind == Kind::flash_price) in->customer.flash_bought[p.id] -= e.units;
            }
      }
    }
    std::vector<int64_t> back;
    std::stringstream ss(returns);
    std::string part;
    while (std::getline(ss, part, ',')) {
      char* end = nullptr;
      long long v = std::strtoll(part.c_str(), &end, 10);
      if (part.empty() || *end) return fail("--returns: not a number: \"" + part + "\""), void(exit_code = 1);
      back.push_back(static_cast<int64_t>(v));
    }
    auto rq = refund_quote(*in, back);
    if (!rq) return fail(rq.error().message), void(exit_code = 1);
    json out = refund_to_json(*rq, *in);
    if (!order_id.empty()) {
      auto st = store->write([&](Writer& w) { return record_refund(w, order_id, *in, *rq); });
      if (!st) return fail(st.error().message), void(exit_code = 1);
      auto used = load_usage(store->db());
      if (!used) return fail(used.error().message), void(exit_code = 1);
      out["usage_recorded"] = json::array();
      for (const auto& e : used->by_order[order_id]) out["usage_recorded"].push_back(usage_json(e));
    }
    std::cout << to_text(out) << "\n";
  });

  auto* v = promo->add_subcommand("validate", "check the promotions of an input file");
  v->add_option("--input", input, "quote input JSON file")->required();
  v->callback([&exit_code] {
    auto in = read_input(input);
    if (!in) return fail(in.error().message), void(exit_code = 1);
    std::cout << to_text(issues_to_json(validate(in->promotions))) << "\n";
  });

  auto* g = promo->add_subcommand("guard", "lowest reachable price per SKU against cost, fees and a margin floor");
  g->add_option("--db", db_dir, "store directory")->required();
  static std::string floor_pct, fee_pct;
  auto* fbp = g->add_option("--floor-bp", floor_bp, "minimum margin, basis points of the price paid (kept for scripts; see --floor-pct)");
  g->add_option("--floor-pct", floor_pct, "minimum margin, percent of the price paid (e.g. 10 or 12.5)")->excludes(fbp);
  auto* ebp = g->add_option("--fee-bp", fee_bp, "platform fees, basis points of the price paid (see --fee-pct)");
  g->add_option("--fee-pct", fee_pct, "platform fees, percent of the price paid (e.g. 5)")->excludes(ebp);
  g->add_option("--profile", profile,
                "platform profiles to guard under, comma-separated, or \"channels\": those of the store's order channels "
                "(default: the engine's rules)");
  g->callback([&exit_code] {
    if (!floor_pct.empty()) {
      auto bp = parse_percent_bp(floor_pct);
      if (!bp) return fail("--floor-pct: " + bp.error().message), void(exit_code = 1);
      floor_bp = *bp;
    }
    if (!fee_pct.empty()) {
      auto bp = parse_percent_bp(fee_pct);
      if (!bp) return fail("--fee-pct: " + bp.error().message), void(exit_code = 1);
      fee_bp = *bp;
    }
    std::vector<StackRules> profiles;
    for (const auto& name : split_commas(profile == "channels" ? "" : profile)) {
      auto r = find_profile(name);
      if (!r) return fail("--profile: " + r.error().message), void(exit_code = 1);
      profiles.push_back(*r);
    }
    auto store = Store::open(db_dir, true);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    auto promos = load_promotions(store->db(), {"active", "scheduled"});
    if (!promos) return fail(promos.error().message), void(exit_code = 1);
    auto products = load_guard_products(store->db());
    if (!products) return fail(products.error().message), void(exit_code = 1);
    if (auto st = apply_floor_prices(store->db(), *products); !st) return fail(st.error().message), void(exit_code = 1);
    GuardOptions opt;
    opt.floor_bp = floor_bp;
    opt.fee_bp = fee_bp;
    if (profile == "channels") {
      auto st = store->db().prepare("SELECT DISTINCT channel FROM facts.orders ORDER BY channel");
      if (!st) return fail(st.error().message), void(exit_code = 1);
      std::vector<std::string> channels;
      while (st->step()) channels.push_back(st->text(0));
      profiles = profiles_for_channels(channels);
    }
    opt.profiles = profiles;
    Guard guard(std::move(*products), std::move(*promos), opt);
    json out;
    out["floor_bp"] = floor_bp;
    out["fee_bp"] = fee_bp;
    out["floor_pct"] = static_cast<double>(floor_bp) / 100.0;
    out["fee_pct"] = static_cast<double>(fee_bp) / 100.0;
    out["skus"] = guard.size();
    // List prices already below their floor come first: no promotion is involved.
    out["list_price_below_floor"] = json::array();
    out["violations"] = json::array();
    out["unknown_cost"] = json::array();
    auto findings = guard.run_all();
    sort_findings_for_review(findings);
    for (const auto& f : findings) {
      if (f.list_price_below_floor) out["list_price_below_floor"].push_back(guard_finding_to_json(f));
      if (f.violation) out["violations"].push_back(guard_finding_to_json(f));
      if (!f.cost) out["unknown_cost"].push_back(f.sku);
    }
    std::cout << to_text(out) << "\n";
  });

  auto* pf = promo->add_subcommand("profiles", "the platform stacking profiles (layer order, thresholds, exclusions, limits)");
  pf->callback([] {
    json a = json::array();
    for (const auto& p : builtin_profiles()) a.push_back(profile_to_json(p));
    std::cout << to_text(a) << "\n";
  });

  auto* rd = promo->add_subcommand("redeem", "quote an order under the store's promotions and record what it took");
  static std::string redeem_order;
  rd->add_option("--db", db_dir, "store directory")->required();
  rd->add_option("--order-id", redeem_order, "the order's id (one record per order)")->required();
  rd->add_option("--input", input, "the order as a quote input JSON file (no promotions: the store's are used)")->required();
  rd->add_option("--profile", profile, "a platform's stacking rules (promo profiles lists them)");
  rd->callback([&exit_code] {
    auto in = read_input(input, profile, db_dir);
    if (!in) return fail(in.error().message), void(exit_code = 1);
    auto store = Store::open(db_dir);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    if (auto st = use_store(*in, *store, true); !st) return fail(st.error().message), void(exit_code = 1);
    Quote q = quote(*in);
    std::vector<UsageEntry> used = usage_of(q);
    std::vector<std::string> unknown;
    auto st = store->write([&](Writer& w) -> Status {
      auto r = register_usage(w, redeem_order, in->customer.id, in->at, used);
      if (!r) return r.error();
      unknown = std::move(*r);
      return Ok{};
    });
    if (!st) return fail(st.error().message), void(exit_code = 1);
    json out = quote_to_json(q, *in);
    out["order_id"] = redeem_order;
    out["usage_recorded"] = json::array();
    for (const auto& e : used) out["usage_recorded"].push_back(usage_json(e));
    std::cout << to_text(out) << "\n";
  });

  auto* rv = promo->add_subcommand("revert", "remove an order's recorded promotion usage (a cancelled order)");
  rv->add_option("--db", db_dir, "store directory")->required();
  rv->add_option("--order-id", redeem_order, "the order's id")->required();
  rv->callback([&exit_code] {
    auto store = Store::open(db_dir);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    auto st = store->write([&](Writer& w) { return revert_usage(w, redeem_order); });
    if (!st) return fail(st.error().message), void(exit_code = 1);
    std::cout << to_text(json{{"order_id", redeem_order}, {"reverted", true}}) << "\n";
  });

  auto* us = promo->add_subcommand("usage", "the usage ledger's sums per promotion, with limits and budgets left");
  static std::string usage_customer;
  us->add_option("--db", db_dir, "store directory")->required();
  us->add_option("--customer", usage_customer, "also this buyer's usage");
  us->callback([&exit_code] {
    auto store = Store::open(db_dir, true);
    if (!store) return fail(store.error().message), void(exit_code = 1);
    auto promos = load_promotions(store->db(), {"draft", "scheduled", "active", "paused", "ended"});
    if (!promos) return fail(promos.error().message), void(exit_code = 1);
    auto used = load_usage(store->db());
    if (!used) return fail(used.error().message), void(exit_code = 1);
    json out;
    out["promotions"] = json::array();
    for (const auto& p : *promos) {
      UsageEntry e{p.id, 0, 0, 0};
      if (auto it = used->by_promotion.find(p.id); it != used->by_promotion.end()) e = it->second;
      json x = usage_json(e);
      x["redeemed"] = p.conditions.redeemed;  // as the engine sees it: typed + recorded
      if (p.conditions.total_limit) x["uses_left"] = std::max<int64_t>(0, *p.conditions.total_limit - p.conditions.redeemed);
      x["redeemed_amount"] = money_node(p.budget.redeemed_amount);
      if (p.budget.total) x["budget_left"] = money_node(std::max<Money>(0, *p.budget.total - p.budget.redeemed_amount));
      out["promotions"].push_back(std::move(x));
    }
    if (!usage_customer.empty()) {
      out["customer"] = {{"id", usage_customer}, {"promotions", json::array()}};
      if (auto it = used->by_customer.find(usage_customer); it != used->by_customer.end())
        for (const auto& [id, e] : it->second) out["customer"]["promotions"].push_back(usage_json(e));
    }
    std::cout << to_text(out) << "\n";
  });

  auto* c = promo->add_subcommand("calendar", "the selling festivals of a year");
  c->add_option("--year", year, "year (lunar festivals: 2020-2035)")->required();
  c->callback([] {
    json a = json::array();
    for (const auto& f : festivals(year)) a.push_back(festival_to_json(f));
    std::cout << a.dump(2) << "\n";
  });
}

}  // namespace shopkeeper::cli
