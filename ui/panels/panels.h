// One draw function per section of the app (ui/panels/<section>.cpp).
#pragma once
#include "ui/app.h"

namespace shopkeeper::ui {

void draw_coming_panel(S title, S about);
void draw_products_panel(App& app, Platform& platform);
void draw_data_panel(App& app, Platform& platform);
void draw_dashboard_panel(App& app, Platform& platform);
void draw_settings_panel(App& app, Platform& platform);
void draw_promotions_panel(App& app, Platform& platform);

}  // namespace shopkeeper::ui
