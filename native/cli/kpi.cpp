// `shopkeeper kpi --db DIR --from YYYY-MM-DD --to YYYY-MM-DD [--compare previous|yoy|none]
//  [--channel NAME] [--source NAME]`: every dashboard metric of the range as JSON, with the
// comparison period, the change and the sales / gross-profit decomposition.
// Money in minor units (integers), rates as fractions, undefined values as null. Gross profit
// covers the lines with a known cost only: metrics.gross_profit is null when none has one, and
// metrics.gross_profit_coverage is the share of net sales it covers (issue #10).
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

#include "core/analytics/decomposition.h"
#include "core/analytics/kpi.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"
#include "ui/i18n/decomposition_words.h"

namespace shopkeeper::cli {

namespace {

using json = nlohmann::ordered_json;

json number(double v, MetricUnit u) {
  if (std::isnan(v)) return nullptr;
  if (u == MetricUnit::money || u == MetricUnit::count) return static_cast<int64_t>(std::llround(v));
  return v;
}
json number(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

json metrics_json(const std::array<double, kMetricCount>& vals) {
  json j = json::object();
  for (const MetricDef& d : metric_definitions()) j[d.name] = number(vals[static_cast<size_t>(d.metric)], d.unit);
  return j;
}

json decomposition_json(const Decomposition& d) {
  json j;
  j["ok"] = d.ok;
  if (!d.ok) j["reason"] = ui::decomposition_reason(d, ui::Lang::en);
  j["before"] = number(d.before);
  j["after"] = number(d.after);
  j["change"] = number(d.change);
  json fs = json::object();
  for (const Factor& f : d.factors)
    fs[f.key] = {{"before", number(f.before)}, {"after", number(f.after)}, {"change", number(f.change)},
                 // as the factor's card shows it: relative, or fraction points for rates
                 {"own_change", number(f.own_change)}, {"own_change_unit", f.rate ? "points" : "relative"},
                 {"contribution", number(f.contribution)}, {"share", number(f.share)}, {"points", number(f.points)}};
  j["factors"] = fs;
  // Worded once, in ui/i18n (linked as sk_words), from the decomposition's figures.
  j["sentence_en"] = ui::decomposition_sentence(d, ui::Lang::en);
  j["sentence_zh"] = ui::decomposition_sentence(d, ui::Lang::zh_CN);
  return j;
}

int16_t find_name(const Dict& d, const std::string& name) {
  for (int32_t i = 0; i < d.size(); ++i)
    if (d.names[static_cast<size_t>(i)] == name) return static_cast<int16_t>(i);
  return -2;
}

}  // namespace

void register_kpi(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("kpi", "print the dashboard metrics of a date range as JSON");
  static RangeArgs args;
  static std::string compare = "previous", channel, source;
  add_db_option(cmd, args);
  add_range_options(cmd, args);
  cmd->add_option("--compare", compare, "previous | yoy | none (default previous)");
  cmd->add_option("--channel", channel, "only orders of this channel (traffic metrics become null)");
  cmd->add_option("--source", source, "only this traffic source");
  cmd->callback([&exit_code] {
    auto stop = [&exit_code](const std::string& m) {
      fail(m);
      exit_code = 1;
    };
    auto range = parse_range(args);
    if (!range) return stop(range.error().message);
    KpiQuery q;
    q.range = *range;
    if (!parse_compare(compare, q.compare)) return stop("--compare must be previous, yoy or none, not \"" + compare + "\"");
    auto opened = open_readonly(args.db_dir);
    if (!opened) return stop(opened.error().message);
    Store* store = &opened->store;
    const Dataset* ds = &opened->ds;
    if (!channel.empty() && (q.channel = find_name(ds->channels, channel)) < 0)
      return stop("--channel: no orders with channel \"" + channel + "\"");
    if (!source.empty() && (q.source = find_name(ds->sources, source)) < 0)
      return stop("--source: no traffic or orders with source \"" + source + "\"");

    const KpiResult k = compute_kpis(*ds, q);
    json j;
    j["from"] = format_day(q.range.first);
    j["to"] = format_day(q.range.last);
    const StoreMoney money = read_store_money(*store);
    j["currency"] = money.currency;
    j["money_digits"] = money.digits;  // money figures below are integers of 10^-money_digits
    j["timezone"] = money.timezone;
    if (!channel.empty()) j["channel"] = channel;
    if (!source.empty()) j["source"] = source;
    j["metrics"] = metrics_json(k.value);
    j["data_quality"] = {{"lines_without_cost", k.current.lines_without_cost},
                         {"units_without_cost", k.current.units_without_cost},
                         {"refunded_units_without_cost", k.current.refunded_units_without_cost},
                         {"guest_valid_orders", k.current.guest_valid_orders},
                         {"covered_net_sales", k.current.covered_net_sales()}};
    // Lines that are not products (issue #10): in sales, under their own heading; minor units.
    j["non_merchandise"] = {{"shipping", k.current.shipping_lines},
                            {"fees", k.current.fee_lines},
                            {"adjustments", k.current.adjustment_lines}};
    if (q.compare != Compare::none) {
      json c;
      c["kind"] = compare_name(q.compare);
      c["from"] = format_day(k.compare_range.first);
      c["to"] = format_day(k.compare_range.last);
      c["metrics"] = metrics_json(k.compare_value);
      json ch = json::object();
      for (const MetricDef& d : metric_definitions()) ch[d.name] = number(k.change(d.metric));
      c["change"] = ch;
      j["compare"] = c;
      const Explanation e = explain(k);
      j["decomposition"] = {{"sales", decomposition_json(e.sales)}, {"gross_profit", decomposition_json(e.gross_profit)}};
    } else {
      j["compare"] = nullptr;
      j["decomposition"] = nullptr;
    }
    std::cout << j.dump(2) << "\n";
  });
}

}  // namespace shopkeeper::cli
