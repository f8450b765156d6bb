// The `shopkeeper` command-line tool: each file in native/cli registers its subcommands.
// Output that tools read is JSON on stdout; errors are one line on stderr with a non-zero exit.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace shopkeeper::cli {

// Each register_* adds subcommands to `app`; their callbacks set `exit_code`.
void register_info(CLI::App& app, int& exit_code);
void register_kpi(CLI::App& app, int& exit_code);
void register_demo(CLI::App& app, int& exit_code);
void register_promo(CLI::App& app, int& exit_code);
void register_data(CLI::App& app, int& exit_code);  // import, export, backup, restore, quality
void register_report(CLI::App& app, int& exit_code);
void register_pricing(CLI::App& app, int& exit_code);  // pricing economics, fees, elasticity, ...
void register_insights(CLI::App& app, int& exit_code);  // rules, abtest, clusters, titles
void register_planning(CLI::App& app, int& exit_code);  // forecast (native/cli/planning.cpp)
void register_plan(CLI::App& app, int& exit_code);      // plan reorder|suppliers|po-import (native/cli/planning.cpp)
void register_members(CLI::App& app, int& exit_code);  // rfm, clv, tiers, points
void register_shops(CLI::App& app, int& exit_code);    // shops: list, map, suggest, compare, report

// Prints `message` to stderr as one line prefixed with "shopkeeper: ".
void fail(const std::string& message);

}  // namespace shopkeeper::cli
