// `shopkeeper report --db DIR --what WHAT --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json]
//  [--compare previous|yoy|none] [--by channel|source|category|product|region] [--top N]
//  [--grain day|week|month]`: one of the Dashboard's analysis results as the same table the
// app's "Download CSV / JSON" buttons give (core/analytics/export.h), on stdout.
// WHAT: kpis | trend | breakdown | sources | funnel | cohorts | alerts.
#include <iostream>

#include "core/analytics/export.h"
#include "core/workspace/peaks.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "core/store/store_money.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"
#include "ui/i18n/names.h"

namespace shopkeeper::cli {

void register_report(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("report", "print one dashboard analysis as CSV or JSON");
  static RangeArgs args;
  static std::string what, format = "csv", out, compare = "previous", by = "product", grain = "day";
  static int top = 20;
  add_db_option(cmd, args);
  cmd->add_option("--what", what, "kpis | trend | breakdown | sources | funnel | cohorts | alerts")->required();
  add_range_options(cmd, args);
  cmd->add_option("--format", format, "csv (UTF-8 with BOM) | json | xlsx (default csv)");
  cmd->add_option("--out", out, "xlsx: the workbook to write");
  cmd->add_option("--compare", compare, "kpis, breakdown: previous | yoy | none (default previous)");
  cmd->add_option("--by", by, "breakdown: channel | source | category | product | region (default product)");
  cmd->add_option("--top", top, "breakdown: rows (default 20; 0 = all)");
  cmd->add_option("--grain", grain, "trend: day | week | month (default day)");
  cmd->callback([&exit_code] {
    auto stop = [&exit_code](const std::string& m) {
      fail(m);
      exit_code = 1;
    };
    if (format != "csv" && format != "json" && format != "xlsx")
      return stop("--format must be csv, json or xlsx, not \"" + format + "\"");
    if (format == "xlsx" && out.empty()) return stop("--format xlsx needs --out FILE.xlsx");
    auto parsed = parse_range(args);
    if (!parsed) return stop(parsed.error().message);
    const DayRange range = *parsed;
    Compare cmp;
    if (!parse_compare(compare, cmp)) return stop("--compare must be previous, yoy or none, not \"" + compare + "\"");
    auto opened = open_readonly(args.db_dir);
    if (!opened) return stop(opened.error().message);
    const Dataset* ds = &opened->ds;

    Table table;
    if (what == "kpis") {
      table = kpi_table(compute_kpis(*ds, KpiQuery{range, cmp}));
    } else if (what == "trend") {
      TrendQuery q{range};
      if (grain == "day") q.grain = Grain::day;
      else if (grain == "week") q.grain = Grain::week;
      else if (grain == "month") q.grain = Grain::month;
      else return stop("--grain must be day, week or month, not \"" + grain + "\"");
      table = trend_table(compute_trend(*ds, q));
    } else if (what == "breakdown") {
      BreakdownQuery q;
      q.range = range;
      q.compare = cmp == Compare::none ? Compare::previous : cmp;
      if (!parse_dimension(by, q.dimension)) return stop("--by must be channel, source, category, product or region");
      q.top_n = top;
      q.daily_series = false;
      table = breakdown_table(compute_breakdown(*ds, q));
    } else if (what == "sources") {
      table = sources_table(compute_sources(*ds, SourcesQuery{range}));
    } else if (what == "funnel") {
      table = funnel_table(compute_funnel(*ds, FunnelQuery{range}));
    } else if (what == "cohorts") {
      CohortQuery q;
      q.range = range;
      table = cohort_table(compute_cohorts(*ds, q));
    } else if (what == "alerts") {
      AlertQuery q;
      q.range = range;
      // Festivals, campaigns and promotion windows are expected peaks, not alerts.
      auto peaks = expected_peaks(opened->store.db(), range, 7 * q.weeks);
      if (!peaks) return stop(peaks.error().message);
      q.expected = std::move(*peaks);
      // The sentences are worded once, in ui/i18n (linked as sk_words), from the alert's figures.
      table = alerts_table(detect_alerts(*ds, q), [](const Alert& a, bool zh) {
        return ui::alert_sentence_plain(a, zh ? ui::Lang::zh_CN : ui::Lang::en);
      });
    } else {
      return stop("--what must be kpis, trend, breakdown, sources, funnel, cohorts or alerts, not \"" + what + "\"");
    }
    // The CLI's CSV keeps its header as the first line (its contract); rates are rounded as in the
    // app's downloads, whose CSV states it in a first "# ..." line (core/analytics/export.cpp).
    table.note.clear();
    table.money_decimals = read_store_money(opened->store).digits;  // mills stay mills, yen stay whole
    if (format == "xlsx") {
      if (Status st = write_xlsx_file(opened->store, table, what, out); !st) return stop(st.error().message);
      return;
    }
    std::cout << (format == "csv" ? to_csv(table) : to_json(table) + "\n");
  });
}

}  // namespace shopkeeper::cli
