// Data quality report over the whole store: the problems that make analyses wrong or
// impossible (orders without lines, lines whose SKU is not a product, products without a cost,
// zero or negative prices, duplicates, dates outside the store's range, refunds larger than
// their order, returns that match no purchase). Each finding has its full count and up to `sample_limit` row keys to show.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/date.h"
#include "core/base/result.h"
#include "core/store/store.h"

namespace shopkeeper {

struct QualityFinding {
  std::string code;     // stable id, e.g. "orders_without_lines"
  std::string title;    // plain English sentence for the report
  std::string key;      // what a sample names, e.g. "order id", "order id#line"
  int64_t count = 0;
  std::vector<std::string> samples;
  // Findings about money (returns that match no purchase): the amount involved, in minor units.
  bool has_amount = false;
  int64_t amount = 0;
};

struct QualityOptions {
  int sample_limit = 20;
  // The store's range of valid dates: [earliest, latest]. earliest 0 = the setting
  // "store.opened_on" (YYYY-MM-DD) or else 2000-01-01; latest 0 = the store's tomorrow (its zone, core/store/store_money.h store_today).
  Day earliest = 0;
  Day latest = 0;
};

struct QualityReport {
  std::vector<QualityFinding> findings;  // every check, in a fixed order, count 0 when clean
  int64_t issues() const;
  const QualityFinding* find(const std::string& code) const;
};

Result<QualityReport> check_quality(Store& store, const QualityOptions& options = {});
nlohmann::ordered_json quality_to_json(const QualityReport& r);

}  // namespace shopkeeper
