// Funnel: visitors -> product views -> add to cart -> orders placed -> paid (valid) orders,
// overall and per traffic source, with each step's rate from the previous step and the step
// that lost the most marked (lowest step rate). Traffic steps come from traffic_daily (counts
// of events: product views may exceed visitors); order steps count orders placed in the range
// (by placed day) whose traffic_source is that source. Orders without a source appear only in
// the overall funnel.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "core/analytics/metrics.h"

namespace shopkeeper {

inline constexpr int kFunnelSteps = 5;
// The steps as a code, in order (index = step): the UI words each per language
// (ui/i18n/names.cpp funnel_step_label, a switch without default); the core keeps only the
// English label the CLI prints.
enum class FunnelStep : uint8_t { visitors, product_views, add_to_carts, orders, paid_orders };
// "visitors", "product_views", "add_to_carts", "orders", "paid_orders"
const char* funnel_step_name(int step);
const char* funnel_step_label_en(int step);

struct FunnelQuery {
  DayRange range;
  int16_t channel = -1;  // orders only (traffic has no channel)
  bool operator==(const FunnelQuery&) const = default;
};

struct FunnelLine {
  int16_t source = -1;  // -1 = overall
  std::string name;      // source name; empty for overall
  std::array<int64_t, kFunnelSteps> count{};
  std::array<double, kFunnelSteps> step_rate{};     // count[i] / count[i-1]; [0] = 1; NaN when count[i-1] = 0
  std::array<double, kFunnelSteps> overall_rate{};  // count[i] / count[0]
  int worst_step = -1;  // 1..4: the step with the lowest step_rate; -1 when none is defined
};

struct Funnel {
  FunnelQuery query;
  FunnelLine overall;
  std::vector<FunnelLine> by_source;  // sources with traffic or orders in the range, by visitors descending
};

Funnel compute_funnel(const Dataset& ds, const FunnelQuery& q);

}  // namespace shopkeeper
