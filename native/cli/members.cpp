// `shopkeeper members ...`: customers' RFM, lifetime value, tiers and points (docs/members.md).
//   rfm    --db DIR [--at YYYY-MM-DD] [--window-days N] [--format csv|json]
//   clv    --db DIR --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD] [--unit day|week]
//          [--model bgnbd|pnbd] [--horizon N] [--discount-rate R] [--format json|csv]
//   tiers  --db DIR [--at YYYY-MM-DD]       tier scheme, distribution, each member's tier and gap
//   points --db DIR [--customer ID] [--at YYYY-MM-DD]   balances, liability, one customer's entries
//   tags   --db DIR [--format json|csv]     tag rules with their counts; each customer's tags
//   segments --db DIR [--export ID]         saved segments with count and sales; --export: the win-back CSV
// Money in minor units (integers). CSV: plain UTF-8, header row, LF line ends, no BOM.
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <map>

#include "core/members/clv.h"
#include "core/members/customers.h"
#include "core/members/membership.h"
#include "core/members/programme.h"
#include "core/members/rfm.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"

namespace shopkeeper::cli {

namespace {

using json = nlohmann::ordered_json;
using namespace shopkeeper::members;


json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json money(double v) { return std::isfinite(v) ? json(static_cast<int64_t>(std::llround(v))) : json(nullptr); }
std::string num_csv(double v) {
  if (!std::isfinite(v)) return "";
  char b[40];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}
std::string money_csv(double v) { return std::isfinite(v) ? std::to_string(std::llround(v)) : std::string(); }

Result<Dataset> open_dataset(const std::string& dir) {
  auto store = Store::open(dir, true);
  if (!store) return store.error();
  return load_dataset(*store);
}

int run_rfm(const std::string& db, const std::string& at, int64_t window, const std::string& format) {
  if (format != "csv" && format != "json") return fail("--format: use csv or json"), 2;
  if (window < 0) return fail("--window-days must be 0 (all history) or more"), 2;
  RfmQuery q;
  q.window_days = static_cast<int32_t>(window);
  if (!at.empty()) {
    auto d = parse_day(at);
    if (!d) return fail("--at: " + d.error().message), 2;
    q.snapshot = *d;
  }
  auto ds = open_dataset(db);
  if (!ds) return fail(ds.error().message), 1;
  if (!at.empty() && q.snapshot <= ds->order_days().first)
    return fail("--at " + at + " is on or before the first order (" + format_day(ds->order_days().first) + "): no customer to score"), 2;
  auto r = compute_rfm(*ds, q);
  if (!r) return fail(r.error().message), 1;
  if (format == "csv") {
    std::string o = "customer_id,recency_days,frequency,monetary,refunds,r,f,m,segment\n";
    for (const RfmRow& x : r->rows) {
      o += csv_field(ds->customer_id[static_cast<size_t>(x.customer)]) + ',' + std::to_string(x.recency_days(r->snapshot)) + ',' +
           std::to_string(x.frequency) + ',' + std::to_string(x.monetary) + ',' + std::to_string(x.refunds) + ',' +
           std::to_string(x.r) + ',' + std::to_string(x.f) + ',' + std::to_string(x.m) + ',' + segment_code(x.segment) + '\n';
    }
    std::cout << o;
    return 0;
  }
  json rows = json::array();
  for (const RfmRow& x : r->rows)
    rows.push_back({{"customer_id", ds->customer_id[static_cast<size_t>(x.customer)]}, {"recency_days", x.recency_days(r->snapshot)},
                    {"frequency", x.frequency}, {"monetary", x.monetary}, {"refunds", x.refunds}, {"r", x.r},
                    {"f", x.f}, {"m", x.m}, {"segment", segment_code(x.segment)}});
  std::cout << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

struct ClvArgs {
  std::string db, calibration_end, holdout_end, unit = "week", model = "bgnbd", format = "json";
  double horizon = 0, discount_rate = 0.1;
};

int run_clv(const ClvArgs& a) {
  ClvQuery q;
  auto ce = parse_day(a.calibration_end);
  if (!ce) return fail("--calibration-end: " + ce.error().message), 2;
  q.calibration_end = *ce;
  if (!a.holdout_end.empty()) {
    auto he = parse_day(a.holdout_end);
    if (!he) return fail("--holdout-end: " + he.error().message), 2;
    q.holdout_end = *he;
  }
  if (a.unit == "week") q.unit = TimeUnit::week;
  else if (a.unit == "day") q.unit = TimeUnit::day;
  else return fail("--unit: use day or week"), 2;
  if (a.model == "bgnbd") q.model = ClvModel::bgnbd;
  else if (a.model == "pnbd") q.model = ClvModel::pnbd;
  else return fail("--model: use bgnbd or pnbd"), 2;
  if (a.format != "json" && a.format != "csv") return fail("--format: use json or csv"), 2;
  if (a.horizon < 0) return fail("--horizon must be a positive number of periods"), 2;
  q.horizon = a.horizon;
  q.discount_rate = a.discount_rate;
  auto ds = open_dataset(a.db);
  if (!ds) return fail(ds.error().message), 1;
  auto r = fit_clv(*ds, q);
  if (!r) return fail(r.error().message), 2;
  const ClvFit& f = *r;
  const double u = q.unit == TimeUnit::week ? 7.0 : 1.0;
  if (f.spend_excluded > 0)
    fail("note: " + std::to_string(f.spend_excluded) + " repeat " + (f.spend_excluded == 1 ? "buyer was" : "buyers were") +
         " left out of the spend model (Gamma-Gamma): the mean value of their repeat orders is zero or negative (spend.excluded)");
  if (f.code != FitCode::converged) {
    if (f.code == FitCode::too_few_repeaters)
      fail("note: only " + std::to_string(f.n_repeaters) + (f.n_repeaters == 1 ? " customer" : " customers") +
           " bought more than once before the calibration end (at least " +
           std::to_string(q.min_repeaters) + " are needed to fit a model); see repeat_rates for what the data can say");
    else
      fail(std::string("note: the model did not converge because ") +
           (f.code == FitCode::max_iterations ? "the iteration limit was reached"
            : f.code == FitCode::non_finite   ? "the likelihood is not a number at the start values"
            : f.code == FitCode::diverged     ? "a parameter ran off to infinity (the data have no spread the model can fit)"
            : f.code == FitCode::term_bound   ? "some customers' likelihood terms exceeded the computation bound (series terms or integration panels)"
                                              : "no step lowered the likelihood's gradient further") +
           " (gradient norm " + num_csv(f.grad_norm) + ")");
  }
  if (f.spend_code != FitCode::converged && f.spend_code != FitCode::too_few_repeaters)
    fail(std::string("note: the spend model did not converge (") + fit_code(f.spend_code) + ")");
  if (a.format == "csv") {
    std::string o = "customer_id,x,t_x,T,p_alive,expected_purchases,expected_value,clv\n";
    const std::vector<ClvFigures> fig = clv_figures_all(f);
    for (size_t i = 0; i < f.customers.size(); ++i) {
      const ClvCustomer& c = f.customers[i];
      const ClvFigures& g = fig[i];
      o += csv_field(ds->customer_id[static_cast<size_t>(c.customer)]) + ',' + std::to_string(c.x) + ',' +
           num_csv(c.t_x_days / u) + ',' + num_csv(c.T_days / u) + ',' + num_csv(g.p_alive) + ',' +
           num_csv(g.expected_purchases) + ',' + money_csv(g.expected_value) + ',' + money_csv(g.clv) + '\n';
    }
    std::cout << o;
    return 0;
  }
  const bool bg = q.model == ClvModel::bgnbd;
  const char* names[4] = {"r", "alpha", bg ? "a" : "s", bg ? "b" : "beta"};
  const bool fitted = f.code != FitCode::too_few_repeaters && f.code != FitCode::not_fitted;
  json j;
  j["model"] = model_name(q.model);
  j["unit"] = a.unit;
  json params = json::object(), se = json::object();
  for (size_t i = 0; i < 4; ++i) {
    params[names[i]] = fitted ? num(f.params[i]) : json(nullptr);
    se[names[i]] = fitted ? num(f.se[i]) : json(nullptr);
  }
  j["params"] = params;
  j["se"] = se;
  j["loglik"] = fitted ? num(f.loglik) : json(nullptr);
  j["converged"] = f.code == FitCode::converged;
  j["status"] = fit_code(f.code);
  j["grad_norm"] = fitted ? num(f.grad_norm) : json(nullptr);
  j["iterations"] = f.iterations;
  j["n_customers"] = f.n_customers;
  j["n_repeaters"] = f.n_repeaters;
  const bool sp = f.spend_code != FitCode::too_few_repeaters && f.spend_code != FitCode::not_fitted;
  j["spend"] = {{"p", sp ? num(f.spend[0]) : json(nullptr)},
                {"q", sp ? num(f.spend[1]) : json(nullptr)},
                {"gamma", sp ? num(f.spend[2]) : json(nullptr)},
                {"loglik", sp ? num(f.spend_loglik) : json(nullptr)},
                {"n", f.spend_n},
                {"status", fit_code(f.spend_code)},
                {"excluded", f.spend_excluded}};
  if (f.has_holdout) {
    j["holdout"] = {{"predicted", num(f.holdout_predicted)}, {"actual", f.holdout_actual}};
    json b = json::array();
    for (const ClvBucket& k : f.by_frequency)
      b.push_back({{"x", k.x}, {"x_or_more", &k == &f.by_frequency.back()}, {"customers", k.customers},
                   {"predicted", num(k.predicted)}, {"actual", num(k.actual)}});
    j["holdout_by_frequency"] = b;
  } else {
    j["holdout"] = nullptr;
  }
  json rr = json::array();
  for (const RepeatRate& k : f.repeat_rates)
    rr.push_back({{"from_days", k.from_days}, {"to_days", k.to_days < 0 ? json(nullptr) : json(k.to_days)},
                  {"reached", k.reached}, {"repeated", k.repeated}, {"rate", num(k.rate)}});
  j["repeat_rates"] = rr;
  j["horizon"] = f.horizon;
  j["discount_rate"] = q.discount_rate;
  json cs = json::array();
  const std::vector<ClvFigures> fig = clv_figures_all(f);
  for (size_t i = 0; i < f.customers.size(); ++i) {
    const ClvCustomer& c = f.customers[i];
    const ClvFigures& g = fig[i];
    cs.push_back({{"customer_id", ds->customer_id[static_cast<size_t>(c.customer)]}, {"x", c.x}, {"t_x", c.t_x_days / u},
                  {"T", c.T_days / u}, {"p_alive", num(g.p_alive)}, {"expected_purchases", num(g.expected_purchases)},
                  {"expected_value", money(g.expected_value)}, {"clv", money(g.clv)}});
  }
  j["customers"] = cs;
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

struct Programme {
  Dataset ds;
  MemberProgramme prog;
  ProgrammeResult res;
};

Result<Programme> run_programme_at(const std::string& db, const std::string& at) {
  auto store = Store::open(db, true);
  if (!store) return store.error();
  auto ds = load_dataset(*store);
  if (!ds) return ds.error();
  auto prog = load_programme(*store, *ds);
  if (!prog) return prog.error();
  Day as_of = 0;
  if (!at.empty()) {
    auto d = parse_day(at);
    if (!d) return make_error(ErrorCode::invalid_argument, "--at: " + d.error().message);
    as_of = *d;
  }
  auto res = run_programme(*ds, *prog, as_of);
  if (!res) return res.error();
  return Programme{std::move(*ds), std::move(*prog), std::move(*res)};
}

struct MemberData {
  Dataset ds;
  std::vector<TagRule> rules;
  std::vector<StoredSegment> segments;
  MemberView view;
};

// The store's members records and what segments are matched against (at the last order day).
Result<MemberData> load_member_data(const std::string& db) {
  auto store = Store::open(db, true);
  if (!store) return store.error();
  auto ds = load_dataset(*store);
  if (!ds) return ds.error();
  if (ds->orders() == 0) return make_error(ErrorCode::invalid_argument, "the store has no orders: no customer to tag");
  auto m = load_member_records(*store, *ds);
  if (!m) return m.error();
  return MemberData{std::move(*ds), std::move(m->rules), std::move(m->segments), std::move(m->view)};
}

int run_tags(const std::string& db, const std::string& format) {
  if (format != "json" && format != "csv") return fail("--format: use json or csv"), 2;
  auto d = load_member_data(db);
  if (!d) return fail(d.error().message), 1;
  const auto& tags = d->view.tags;
  if (format == "csv") {
    std::string o = "customer_id,tag\n";
    for (size_t c = 0; c < tags.size(); ++c)
      for (const std::string& t : tags[c]) o += csv_field(d->ds.customer_id[c]) + ',' + csv_field(t) + '\n';
    std::cout << o;
    return 0;
  }
  std::map<std::string, int64_t> count;
  for (size_t c = 0; c < tags.size(); ++c)
    for (const std::string& t : tags[c]) ++count[t];
  json j;
  json rules = json::array();
  for (const TagRule& r : d->rules)
    rules.push_back({{"tag", r.tag}, {"kind", tag_kind_name(r.kind)}, {"category", r.category}, {"min_times", r.min_times},
                     {"bp", r.bp}, {"days", r.days}, {"customers", count.count(r.tag) ? count[r.tag] : 0}});
  j["rules"] = rules;
  json all = json::array();
  for (const auto& [t, n] : count) all.push_back({{"tag", t}, {"customers", n}});
  j["tags"] = all;
  json cs = json::array();
  for (size_t c = 0; c < tags.size(); ++c)
    if (!tags[c].empty()) cs.push_back({{"customer_id", d->ds.customer_id[c]}, {"tags", tags[c].strings()}});
  j["customers"] = cs;
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

int run_segments(const std::string& db, const std::string& export_id) {
  auto d = load_member_data(db);
  if (!d) return fail(d.error().message), 1;
  if (!export_id.empty()) {
    for (const StoredSegment& s : d->segments)
      if (s.id == export_id) {
        std::cout << segment_csv(d->ds, evaluate_segment(d->ds, s.filter, d->view.rfm, d->view.tier_name, d->view.tags));
        return 0;
      }
    std::string known;
    for (const StoredSegment& s : d->segments) known += (known.empty() ? "" : ", ") + s.id;
    return fail("--export: no saved segment \"" + export_id + "\" (saved: " + (known.empty() ? "none" : known) + ")"), 2;
  }
  json a = json::array();
  for (const StoredSegment& s : d->segments) {
    const SegmentResult r = evaluate_segment(d->ds, s.filter, d->view.rfm, d->view.tier_name, d->view.tags);
    a.push_back({{"id", s.id}, {"name", s.name}, {"customers", r.count}, {"sales", r.revenue},
                 {"filter", json::parse(segment_filter_to_json(s.filter), nullptr, false)}});
  }
  std::cout << a.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

int run_tiers(const std::string& db, const std::string& at) {
  auto p = run_programme_at(db, at);
  if (!p) return fail(p.error().message), 1;
  const auto& L = p->prog.tiers.levels;
  json j;
  j["as_of"] = format_day(p->res.as_of);
  j["review"] = {{"month", p->prog.tiers.review_month}, {"day", p->prog.tiers.review_day}};
  json levels = json::array();
  for (size_t i = 0; i < L.size(); ++i)
    levels.push_back({{"name", L[i].name}, {"min_spend", L[i].min_spend}, {"min_orders", L[i].min_orders},
                      {"discount_bp", L[i].discount_bp}, {"points_multiplier_bp", L[i].points_multiplier_bp},
                      {"free_shipping", L[i].free_shipping}, {"members", p->res.tier_counts[i]}});
  j["levels"] = levels;
  json ms = json::array();
  for (size_t i = 0; i < p->res.members.size(); ++i) {
    const MemberStatus& m = p->res.members[i];
    json ch = json::array();
    for (const TierChange& c : p->res.changes[i])
      ch.push_back({{"day", format_day(c.day)}, {"from", c.from < 0 ? json(nullptr) : json(L[static_cast<size_t>(c.from)].name)},
                    {"to", L[static_cast<size_t>(c.to)].name}});
    ms.push_back({{"customer_id", p->ds.customer_id[static_cast<size_t>(m.customer)]},
                  {"tier", L[static_cast<size_t>(m.tier)].name},
                  {"spend_12m", m.spend_12m},
                  {"orders_12m", m.orders_12m},
                  {"next_tier", m.next_tier < 0 ? json(nullptr) : json(L[static_cast<size_t>(m.next_tier)].name)},
                  {"spend_to_next", m.next_tier < 0 ? json(nullptr) : json(m.spend_to_next)},
                  {"orders_to_next", m.next_tier < 0 ? json(nullptr) : json(m.orders_to_next)},
                  {"changes", ch}});
  }
  j["members"] = ms;
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

int run_points(const std::string& db, const std::string& customer, const std::string& at) {
  auto p = run_programme_at(db, at);
  if (!p) return fail(p.error().message), 1;
  json j;
  j["as_of"] = format_day(p->res.as_of);
  j["outstanding_points"] = p->res.outstanding_points;
  j["outstanding_value"] = p->res.outstanding_value;
  j["point_value_minor"] = p->prog.points.point_value_minor;
  int32_t want = -1;
  if (!customer.empty()) {
    for (size_t c = 0; c < p->ds.customer_id.size(); ++c)
      if (p->ds.customer_id[c] == customer) want = static_cast<int32_t>(c);
    if (want < 0) return fail("--customer: no customer \"" + customer + "\""), 2;
  }
  json ms = json::array();
  for (const MemberStatus& m : p->res.members)
    if (want < 0 || m.customer == want)
      ms.push_back({{"customer_id", p->ds.customer_id[static_cast<size_t>(m.customer)]}, {"balance", m.points},
                    {"value", m.points * p->prog.points.point_value_minor}});
  j["customers"] = ms;
  if (want >= 0) {
    json es = json::array();
    int64_t running = 0;
    for (const PointsEntry& e : p->res.entries)
      if (e.customer == want) {
        running += e.delta;
        es.push_back({{"day", format_day(e.day)}, {"kind", entry_kind_name(e.kind)}, {"delta", e.delta},
                      {"balance", running}, {"reason", e.reason}, {"order_id", e.order_id}});
      }
    j["entries"] = es;
  }
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace

void register_members(CLI::App& app, int& exit_code) {
  auto* m = app.add_subcommand("members", "customers: RFM, lifetime value, tiers and points");
  m->require_subcommand(1);

  static std::string rfm_db, rfm_at, rfm_format = "csv";
  static int64_t rfm_window = 0;
  auto* rfm = store_command(m, "rfm", "recency, frequency, monetary scores and segments per customer", rfm_db);
  rfm->add_option("--at", rfm_at, "snapshot day YYYY-MM-DD (default: the day after the last order)");
  rfm->add_option("--window-days", rfm_window, "only orders of the N days before the snapshot (default 0 = all)");
  add_format_option(rfm, rfm_format);
  rfm->callback([&exit_code] { exit_code = run_rfm(rfm_db, rfm_at, rfm_window, rfm_format); });

  static ClvArgs clv_args;
  auto* clv = store_command(m, "clv", "BG/NBD or Pareto/NBD + Gamma-Gamma lifetime value", clv_args.db);
  clv->add_option("--calibration-end", clv_args.calibration_end, "last day of the calibration period, YYYY-MM-DD")->required();
  clv->add_option("--holdout-end", clv_args.holdout_end, "last day of the holdout period, YYYY-MM-DD");
  clv->add_option("--unit", clv_args.unit, "day | week (default week)");
  clv->add_option("--model", clv_args.model, "bgnbd | pnbd (default bgnbd)");
  clv->add_option("--horizon", clv_args.horizon, "periods of --unit ahead (default 52 weeks or 365 days)");
  clv->add_option("--discount-rate", clv_args.discount_rate, "annual discount rate (default 0.1)");
  clv->add_option("--format", clv_args.format, "json | csv (default json)");
  clv->callback([&exit_code] { exit_code = run_clv(clv_args); });

  static std::string tiers_db, tiers_at;
  auto* tiers = store_command(m, "tiers", "member tiers: scheme, distribution, each member's tier and what the next needs", tiers_db);
  tiers->add_option("--at", tiers_at, "as of this day (default: the last order day)");
  tiers->callback([&exit_code] { exit_code = run_tiers(tiers_db, tiers_at); });

  static std::string points_db, points_customer, points_at;
  auto* points = store_command(m, "points", "points balances, their money value, one customer's ledger", points_db);
  points->add_option("--customer", points_customer, "list this customer's entries");
  points->add_option("--at", points_at, "as of this day (default: the last order day)");
  points->callback([&exit_code] { exit_code = run_points(points_db, points_customer, points_at); });

  static std::string tags_db, tags_format = "json";
  auto* tags = m->add_subcommand("tags", "tag rules with their counts, and each customer's tags");
  tags->add_option("--db", tags_db, "store directory")->required();
  tags->add_option("--format", tags_format, "json or csv (customer_id,tag)");
  tags->callback([&exit_code] { exit_code = run_tags(tags_db, tags_format); });

  static std::string segments_db, segments_export;
  auto* segments = m->add_subcommand("segments", "saved segments with their count and sales; --export one as a win-back CSV");
  segments->add_option("--db", segments_db, "store directory")->required();
  segments->add_option("--export", segments_export, "print this segment's members as CSV (customer_id,orders,sales,first_order,last_order)");
  segments->callback([&exit_code] { exit_code = run_segments(segments_db, segments_export); });
}

}  // namespace shopkeeper::cli
