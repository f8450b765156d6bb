// The browser test API: exported C functions behind window.shopkeeper (see pre.js).
#pragma once
#include "ui/app.h"

namespace shopkeeper {
void set_test_api_app(ui::App* app);
}
