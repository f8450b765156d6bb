// The price book: per SKU the list price (products.list_price), member/tier prices, channel
// prices, quantity ladders (1件 / 2件 / 3件 unit prices) and the floor price (红线价): the lowest
// price any promotion may take a unit to, and the loss guard's reference.
//
// The floor is the seller's explicit floor when set, else cost x (1 + margin floor), rounded half
// away from zero; the margin floor is the setting "pricing.margin_floor_bp" (default 1000 = 10%).
// No cost and no explicit floor: no floor.
// Checks (check_price_book): every price > 0; ladder unit prices do not rise with quantity;
// member prices <= list; the floor below (<=) every price of the SKU (list, member, channel,
// ladder); entries for SKUs not in products.
//
// HAND-OFF to the promotion engine (issue #15, helper promo2): load_floor_prices() gives the
// floor of every SKU that has one; the caller copies it into the engine's per-product floor
// field. core/pricing does not include core/promotions' engine, nor the other way round.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace shopkeeper::pricing {

inline constexpr const char* kMarginFloorSetting = "pricing.margin_floor_bp";
inline constexpr int64_t kDefaultMarginFloorBp = 1000;

enum class BookKind : uint8_t { member, channel, ladder, floor };
const char* book_kind_name(BookKind k);
std::optional<BookKind> book_kind_from_name(std::string_view s);

struct BookEntry {
  std::string sku;
  BookKind kind = BookKind::member;
  std::string key;      // member: tier name; channel: channel name; else ""
  int64_t min_qty = 1;  // ladder: the quantity from which the unit price applies; else 1
  Money price = 0;
  bool operator==(const BookEntry&) const = default;
};

// Where a SKU's floor in force comes from (load_price_book, load_floor_prices): the seller's
// explicit floors, the price book's floor entry and products.floor_price (#15's column), the
// higher winning when both exist; else the default cost x (1 + margin floor).
enum class FloorSource : uint8_t { none, book, product, default_floor };
const char* floor_source_name(FloorSource s);

struct SkuBook {
  std::string sku;
  Money list_price = 0;
  std::optional<Money> unit_cost;
  std::optional<Money> floor;   // in force (explicit or default)
  bool floor_is_default = false;
  FloorSource floor_source = FloorSource::none;
  std::optional<Money> book_floor, product_floor;  // the explicit floors as stored
  std::vector<BookEntry> member, channel, ladder;  // ladder by min_qty
};

struct PriceBook {
  int64_t margin_floor_bp = kDefaultMarginFloorBp;
  std::vector<SkuBook> skus;          // every product, by SKU
  std::vector<BookEntry> orphans;     // entries whose SKU is not in products
};

// The default floor: cost x (1 + margin floor), half away from zero.
Money default_floor(Money cost, int64_t margin_floor_bp);

Result<PriceBook> load_price_book(Db& db);
const SkuBook* find_book(const PriceBook& b, const std::string& sku);

enum class BookWhy : uint8_t { nonpositive_price, ladder_rises, member_above_list, floor_above_price, unknown_sku };
const char* book_why_name(BookWhy w);
struct BookIssue {
  std::string sku;
  BookWhy why;
  BookKind kind = BookKind::member;  // the entry concerned (floor_above_price: the price it exceeds)
  std::string key;
  int64_t min_qty = 0;
  Money price = 0, reference = 0;    // the price and what it was compared to (list, floor, previous step)
  bool list = false;                 // the price concerned is the list price
};
std::vector<BookIssue> check_price_book(const PriceBook& b);
// The checks of one SKU's book as it stands (the Pricing section's editor shows them in words
// before saving), and the floor in force recomputed from its explicit floors and cost.
std::vector<BookIssue> check_sku_book(const SkuBook& s);
void resolve_floor(SkuBook& s, int64_t margin_floor_bp);
// Writes one SKU's edited book in the caller's transaction (one Workspace write): the list price
// (UPDATE, logged in price_history with source "edit" when it changed), the member, channel and
// ladder entries and the explicit price-book floor, replacing the stored ones. Refused, nothing
// written, when check_sku_book(next) finds an issue, a price is <= 0, a ladder step starts
// below 2 units or a member/channel price has no key.
Status save_sku_book(Writer& w, const SkuBook& before, SkuBook next, int64_t margin_floor_bp, Timestamp at);

// Validates one entry against the stored book (same checks, that SKU only) and writes it; an
// entry that would break a check is refused with a message naming SKU, kind and prices.
Status save_book_entry(Store& store, const BookEntry& e);

struct SkuFloor {
  std::string sku;
  Money floor = 0;
  bool is_default = false;
  FloorSource source = FloorSource::none;
};
// Every SKU's floor in force (the hand-off to the promotion engine and the loss guard).
Result<std::vector<SkuFloor>> load_floor_prices(Db& db);

// List-price history: changes logged where the core writes a list price (log_list_price in
// core/store/store_clock.h: Writer::put, the products import, the inline edit, set_list_price).
struct PriceChange {
  Timestamp at = 0;
  std::optional<Money> old_price;
  Money new_price = 0;
  std::string source;
};
Result<std::vector<PriceChange>> load_price_history(Db& db, const std::string& sku);
// Sets a SKU's list price and logs the change (refused when <= 0, below the floor, or the SKU is unknown).
Status set_list_price(Store& store, const std::string& sku, Money price, Timestamp at);

// Realised price per day of one product from the orders: valid orders' lines, revenue after
// item discounts / units, days with sales only.
struct DayPrice {
  Day day = 0;
  int64_t units = 0;
  Money revenue = 0;
  Money realised = 0;  // revenue / units, half away from zero
};
std::vector<DayPrice> realised_by_day(const Dataset& ds, int32_t product, DayRange range);

}  // namespace shopkeeper::pricing
