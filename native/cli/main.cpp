// Entry point of the `shopkeeper` command-line tool.
#include <cstdio>

#include "native/cli/commands.h"

namespace shopkeeper::cli {
void fail(const std::string& message) { std::fprintf(stderr, "shopkeeper: %s\n", message.c_str()); }
}  // namespace shopkeeper::cli

int main(int argc, char** argv) {
  using namespace shopkeeper::cli;
  CLI::App app{"Shopkeeper: the store's planning, pricing, promotion, member and analytics tool"};
  app.require_subcommand(1);
  int exit_code = 0;
  register_info(app, exit_code);
  register_kpi(app, exit_code);
  register_demo(app, exit_code);
  register_promo(app, exit_code);
  register_data(app, exit_code);
  register_report(app, exit_code);
  register_pricing(app, exit_code);
  register_insights(app, exit_code);
  register_planning(app, exit_code);
  register_plan(app, exit_code);
  register_members(app, exit_code);
  register_shops(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
