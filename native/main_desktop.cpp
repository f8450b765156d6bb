// The desktop app: the shared ImGui app in an SDL window with a plain while loop.
//   shopkeeper-desktop [--data DIR] [--demo] [--lang en|zh-CN] [--section NAME]
//                      [--promo-tab N]  (Promotions: 0 list, 1 buyer's price, 2 loss guard, 3 calendar)
//                      [--pricing-tab N]  (Pricing: 0 economics, 1 elasticity, 2 price book, 3 competitors)
//                      [--planning-tab N]  (Planning: 0 portfolio, 1 forecast, 2 reorder, 3 purchase orders, 4 suppliers, 5 targets)
//                      [--insights-tab N]  (Insights: 0 rules, 1 bundles, 2 clusters, 3 titles, 4 recommendations, 5 A/B)
//                      [--size WxH]  (the window's size, default 1280x800)
//                      [--screenshot FILE.png --frames N]   (render N frames, save, exit)
#include <SDL.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "native/desktop_platform.h"
#include "ui/app.h"
#include "ui/host/sdl_gl_host.h"
#include "ui/i18n/issues.h"

using namespace shopkeeper;

int main(int argc, char** argv) {
  std::string data_dir = DesktopPlatform::default_data_dir();
  std::string screenshot, lang, section, import_file;
  int width = 1280, height = 800;
  bool po_file = false;  // --purchase-orders FILE: opened as the Planning section's purchase orders
  int frames = 0, promo_tab = -1, pricing_tab = -1, members_tab = -1, planning_tab = -1, insights_tab = -1;
  bool shops_tab = false;
  int shop = -1;
  bool demo = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--data") data_dir = next();
    else if (a == "--screenshot") screenshot = next();
    else if (a == "--frames") frames = std::atoi(next().c_str());
    else if (a == "--demo") demo = true;
    else if (a == "--lang") lang = next();
    else if (a == "--section") section = next();
    else if (a == "--import") import_file = next();
    else if (a == "--promo-tab") promo_tab = std::atoi(next().c_str());
    else if (a == "--pricing-tab") pricing_tab = std::atoi(next().c_str());
    else if (a == "--members-tab") members_tab = std::atoi(next().c_str());
    else if (a == "--planning-tab") planning_tab = std::atoi(next().c_str());
    else if (a == "--insights-tab") insights_tab = std::atoi(next().c_str());
    else if (a == "--shops-tab") shops_tab = true;  // the dashboard's Shops tab (issue #16)
    else if (a == "--shop") shop = std::atoi(next().c_str());  // the dashboard's shop filter
    else if (a == "--size") {  // the window's logical size, WxH (layout screenshots: 1024x700, 1920x1080)
      if (std::sscanf(next().c_str(), "%dx%d", &width, &height) != 2 || width < 320 || height < 240) width = 1280, height = 800;
    }
    else if (a == "--purchase-orders") import_file = next(), po_file = true;
    else {
      std::fprintf(stderr, "usage: shopkeeper-desktop [--data DIR] [--demo] [--lang en|zh-CN] [--section NAME] "
                           "[--promo-tab N] [--pricing-tab N] [--members-tab N] [--planning-tab N] [--insights-tab N] [--shops-tab] [--shop ID] [--size WxH] [--import FILE.csv] [--purchase-orders FILE.csv] [--screenshot FILE.png --frames N]\n");
      return 2;
    }
  }
  if (!screenshot.empty() && frames <= 0) frames = 3;

  DesktopPlatform platform(data_dir);
  ui::App app;
  bool writer = platform.acquire_writer_lock();
  if (Status st = app.ws.open(data_dir, !writer); !st) app.open_error = st.error().message;
  if (app.ws.is_open()) {
    ui::Lang l;
    if (ui::parse_lang(app.ws.store().setting("language", "en"), l)) ui::set_language(l);
  }
  if (!lang.empty()) {
    ui::Lang l;
    if (ui::parse_lang(lang, l)) ui::set_language(l);
  }
  ui::Section s;
  if (!section.empty() && ui::parse_section(section, s)) ui::navigate(app, s);
  app.ui.promotions.tab_request = promo_tab;
  app.ui.pricing.tab_request = pricing_tab;
  app.ui.members.tab_request = members_tab;
  app.ui.planning.tab_request = planning_tab;
  app.ui.insights.tab_request = insights_tab;
  app.ui.dashboard.shops_tab_request = shops_tab;
  app.ui.dashboard.shops.shop = shop;
  if (demo && app.ws.is_open() && !app.ws.initialized()) {
    DemoOptions opt;
    opt.end_day = platform.today() - 1;
    opt.chinese_names = ui::language() == ui::Lang::zh_CN;  // as the UI's "Open demo store" (ui/app.cpp)
    if (Status st = app.ws.open_demo(opt); !st) app.ui.error = ui::error_text(st.error(), ui::language());
  }

  std::filesystem::path exe_dir = std::filesystem::path(argv[0]).parent_path();
  ui::HostConfig cfg;
  cfg.title = "Shopkeeper";
  cfg.width = width, cfg.height = height;
  cfg.font_path = (exe_dir / "assets/ui-font.ttf").string();
  cfg.font_chars_path = (exe_dir / "assets/ui-font-chars.txt").string();
  cfg.on_file_dropped = [&platform](const std::string& path) { platform.file_dropped(path); };
  if (po_file) app.ui.file_purpose = ui::FilePurpose::purchase_orders;
  if (!import_file.empty()) platform.file_dropped(import_file);
  ui::SdlGlHost host;
  std::string err;
  if (!host.init(cfg, err)) {
    std::fprintf(stderr, "shopkeeper-desktop: %s\n", err.c_str());
    return 1;
  }
  while (host.frame([&] { ui::draw_app(app, platform); }, app.ui.keep_drawing || frames > 0)) {
    if (frames > 0 && host.frames() == frames - 1 && !screenshot.empty()) host.screenshot(screenshot);
    if (frames > 0 && host.frames() >= frames) break;
  }
  host.shutdown();
  if (!screenshot.empty()) {
    if (!std::filesystem::exists(screenshot)) {
      std::fprintf(stderr, "shopkeeper-desktop: screenshot not written\n");
      return 1;
    }
    std::printf("%s\n", screenshot.c_str());
  }
  return 0;
}
