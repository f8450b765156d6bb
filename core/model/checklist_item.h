// One item of the morning check-list, shared by the modules that make items (analytics'
// daily_checklist from the Dataset, promotions' promotions_starting from the promotions table)
// and the UI that shows and ticks them. In model so that neither module depends on the other.
// An item is a code with its figures (issue #17 item 3): the UI words it per language
// (ui/i18n/checklist_words.cpp), money formatted as everywhere in the UI.
#pragma once
#include <cstdint>
#include <string>

namespace shopkeeper {

enum class Severity : uint8_t { info, warning };

// What the item says; the fields each code uses are named beside it.
enum class ItemWhy : uint8_t {
  metric_no_reference,   // metric on `day` was value; no data a week earlier (day - 7)
  metric_vs_last_week,   // metric on `day` was value against reference on day - 7
  refunds,               // refunds booked on `day`: value (minor units), median of the 28 days before = reference
  refunds_spike,         // the same above the band's top `high`
  low_stock,             // product (sku, name = title): stock left, value = days of cover at per_day a day
  promotion_not_scheduled,  // promotion `name` starts at `at`, still a draft (draft) or paused
  promotion_problems,       // ... with `count` problems found by the editor's checks
  promotion_below_floor,    // ... and the loss guard finds `sku` selling at `price` a unit, below `floor`
  promotion_check,          // ... nothing found: check price, stock and the guard once more
  count_
};
inline constexpr int kItemWhyCount = static_cast<int>(ItemWhy::count_);

struct ChecklistItem {
  // traffic_vs_last_week | conversion_vs_last_week | sales_vs_last_week | refunds_spike | low_stock
  // | promotion_starts (the key a ticked item is stored under)
  std::string key;
  ItemWhy why = ItemWhy::metric_vs_last_week;
  Severity severity = Severity::info;
  double value = 0, reference = 0;  // yesterday's value and what it is compared with
  int32_t product = -1;             // low_stock: product index
  std::string ref;                  // promotion_starts: the promotion's id
  // The words' parameters.
  int32_t metric = -1;              // metric items: the Metric
  int32_t day = 0;                  // the day the item is about (yesterday)
  double high = 0, per_day = 0;     // refunds: the band's top; low_stock: units sold per day
  int64_t stock = 0, count = 0;     // low_stock: units left; promotion_problems: problems found
  int64_t at = 0;                   // promotion items: the start time (timestamp)
  bool draft = false;               // promotion_not_scheduled: a draft (else paused)
  std::string name, sku;            // the promotion's name (or the product's title); the SKU
  int64_t price = 0, floor = 0;     // promotion_below_floor: lowest unit price and floor (minor units)
};

}  // namespace shopkeeper
