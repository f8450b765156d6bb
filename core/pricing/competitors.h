// Competitor prices: the log (table competitor_prices, `shopkeeper import --target
// competitor_prices`), each SKU's position against the latest observation of each competitor,
// the changes since a competitor's previous observation (check-list items), and rule-based
// price suggestions in the style of Prisync's SmartPrice.
//
// Rules of the figures (docs/pricing.md):
// - A competitor's price for a SKU is its latest observation on or before `today` (their price +
//   their shipping: what the buyer pays). Observations dated after `today` are not used and are
//   listed (future_dated). Out-of-stock observations are listed but do not set the position.
// - Position: cheapest / average / dearest over competitors in stock, our price = list price;
//   gap = our - cheapest (money) and (our - cheapest) / cheapest in basis points; rank: cheapest
//   (our <= their cheapest), dearest (our >= their dearest), else middle.
// - Observations whose SKU is not in products are kept and listed for matching (unmatched).
// - Suggestion: target = cheapest - amount (beat by amount), cheapest x (1 - percent) (beat by
//   percent) or cheapest (match); limited to +-max_step of our price; rounded DOWN to the chosen
//   price ending (x9: whole yuan ending in 9, x.90: yuan and 90 fen, whole: whole yuan; none),
//   then, if below the floor, UP to the first ending at or above the floor; held (no change)
//   when the floor keeps the price at or above ours while the rule wants lower.
//   Its effect: units x (P / our)^e - 1 with the SKU's elasticity (when there is one).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/pricebook.h"
#include "core/store/db.h"

namespace shopkeeper::pricing {

struct CompetitorObs {
  Day day = 0;
  std::string competitor, product, sku;
  Money price = 0, shipping = 0;
  bool in_stock = true;
  std::string promotion, url;
  Money total() const { return price + shipping; }
};
Result<std::vector<CompetitorObs>> load_competitor_prices(Db& db);  // by sku, competitor, day

enum class Rank : uint8_t { cheapest, middle, dearest };
const char* rank_name(Rank r);

struct Position {
  std::string sku;
  Money our_price = 0;
  int64_t competitors = 0, out_of_stock = 0;
  Money cheapest = 0, average = 0, dearest = 0;  // average half away from zero
  std::string cheapest_competitor;
  Money gap = 0;        // our - cheapest
  int64_t gap_bp = 0;   // gap / cheapest
  Rank rank = Rank::middle;
};

struct CompetitorChange {
  std::string sku, competitor;
  Day before_day = 0, day = 0;
  Money before = 0, after = 0;  // totals
  bool stock_before = true, stock_after = true;
  int64_t change_bp = 0;
};

struct CompetitorReport {
  Day today = 0;
  std::vector<Position> positions;         // SKUs with at least one in-stock competitor, by SKU
  std::vector<CompetitorChange> changes;   // latest vs previous observation, where the price or stock changed
  std::vector<CompetitorObs> unmatched;    // latest observation per (sku, competitor) of SKUs not in products
  std::vector<CompetitorObs> future_dated; // observations after today
};

struct OurPrice {
  std::string sku;
  Money price = 0;
};
CompetitorReport competitor_report(const std::vector<CompetitorObs>& log, const std::vector<OurPrice>& ours, Day today);

enum class Ending : uint8_t { none, x9, x90, whole };
const char* ending_name(Ending e);
std::optional<Ending> ending_from_name(std::string_view s);
// The largest price <= p with ending e (down) or the smallest >= p (up); minor units of a
// 2-decimal currency.
Money round_ending(Money p, Ending e, bool up);

struct Rule {
  enum class Kind : uint8_t { match, beat_amount, beat_percent } kind = Kind::beat_amount;
  Money amount = 100;        // beat by amount
  int64_t percent_bp = 100;  // beat by percent
  int64_t max_step_bp = 1000;
  Ending ending = Ending::x9;
};

enum class SuggestWhy : uint8_t { change, at_target, held_by_floor, capped_by_step };
const char* suggest_why_name(SuggestWhy w);

struct Suggestion {
  std::string sku;
  Money current = 0, cheapest = 0, target = 0, suggested = 0;
  std::optional<Money> floor;
  SuggestWhy why = SuggestWhy::change;
  bool capped = false;  // the step limit cut the move
  std::optional<double> elasticity;
  bool elasticity_usable = false;
  std::optional<double> units_change;  // (suggested / current)^e - 1
};

std::vector<Suggestion> suggest_prices(const CompetitorReport& rep, const PriceBook& book, const Elasticity* el, const Rule& rule);

}  // namespace shopkeeper::pricing
