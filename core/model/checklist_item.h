// One item of the morning check-list, shared by the modules that make items (analytics'
// daily_checklist from the Dataset, promotions' promotions_starting from the promotions table)
// and the UI that shows and ticks them. In model so that neither module depends on the other.
#pragma once
#include <cstdint>
#include <string>

namespace shopkeeper {

enum class Severity : uint8_t { info, warning };

struct ChecklistItem {
  // traffic_vs_last_week | conversion_vs_last_week | sales_vs_last_week | refunds_spike | low_stock
  // | promotion_starts
  std::string key;
  Severity severity = Severity::info;
  double value = 0, reference = 0;  // yesterday's value and what it is compared with
  int32_t product = -1;             // low_stock: product index
  std::string ref;                  // promotion_starts: the promotion's id
  std::string text_en, text_zh;
};

}  // namespace shopkeeper
