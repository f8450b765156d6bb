// The browser test API: exported C functions behind window.shopkeeper (see pre.js).
#pragma once
#include "ui/app.h"

namespace shopkeeper {
void set_test_api_app(ui::App* app);
// Milliseconds the app spent on one drawn frame (whole frame, and the UI part of it); the last
// 8192 are kept for frameTimes().
void record_frame_time(double frame_ms, double ui_ms);
}
