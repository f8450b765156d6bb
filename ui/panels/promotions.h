// Promotions section state: what the panel loads from the store (per revision), the editor's
// buffers, the quote builder, the loss guard job (run in slices across frames) and the
// calendar / planner selection, each with its cached results keyed by (revision, inputs).
// Panel-only state: ids and values, never pointers into the Dataset.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/promotions/best.h"
#include "core/promotions/calendar.h"
#include "core/promotions/guard.h"
#include "core/promotions/planner.h"
#include "core/promotions/refund.h"
#include "core/promotions/store_io.h"
#include "core/promotions/usage.h"
#include "core/promotions/validate.h"
#include "ui/section.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/list_edit.h"
#include "ui/widgets/sliced_job.h"

namespace shopkeeper::ui {

// Store data the panel reads, reloaded when the workspace revision changes.
struct PromoData {
  int64_t revision = -1;
  std::vector<promo::StoredPromotion> rows;  // every promotion with its status (counters as typed)
  promo::UsageTotals usage;                  // the usage ledger, added to the counters of live_set
  std::string error;                         // promotions or campaigns could not be loaded
  std::vector<promo::GuardProduct> products;  // products that are not retired, by SKU
  std::vector<std::string> titles;            // parallel to products
  std::vector<promo::CartLine> catalogue;     // products as one-unit cart lines (add-on search)
  std::vector<int32_t> best_sellers;          // product indexes, most units sold first
  std::vector<promo::Campaign> campaigns;
  std::vector<std::string> tiers, channels;   // known buyer tiers and sales channels
  std::vector<std::string> segment_ids, segment_names;  // saved Members segments (the segment condition)
  std::vector<std::string> skus, categories, tags;  // the catalogue's SKUs (parallel to titles), categories and tags
  std::vector<promo::ValidationIssue> issues;  // validate() over every row
  int64_t floor_bp = 1000, fee_bp = 500;       // loss guard settings
  // Per row, in the language `texts_lang`: offer, scope and window in words, and issue count.
  std::string texts_lang;
  std::vector<std::string> offer_text, scope_text, window_text;
  std::vector<int> issue_count;
  std::vector<std::pair<std::string, std::string>> coupon_codes;  // (code, status) of every coupon
};

// The loss guard over a set of promotions, run a slice of SKUs per frame (a fixed slice: the
// guard's cost per SKU is even).
struct GuardJob : SlicedJob {
  std::unique_ptr<promo::Guard> guard;
  std::string key;  // the inputs it was built for
  size_t next = 0;
  std::vector<promo::GuardFinding> findings;  // in product order, grown slice by slice
  bool done() const { return guard && !running && !cancelled && next >= guard->size(); }
  void start(std::vector<promo::GuardProduct> products, std::vector<promo::Promotion> promotions,
             const promo::GuardOptions& opt, std::string inputs_key);
  // Runs up to `slice` SKUs; returns true when the job has finished.
  bool step(size_t slice);
  int64_t violations() const;
};

struct PromoTierRow {
  std::string a, b;  // threshold_tiers: threshold, amount; quantity_tiers: units, percent
};

// The editor's fields (money as decimal text, read with parse_money exactly; lists as lists).
// Every text is a std::string edited through input_text, so nothing is cut at a buffer size.
struct PromoEditor {
  bool open = false;
  std::string original_id;  // the row being edited; empty for a new promotion
  // The promotion as loaded: what the editor does not show (unit caps, budgets, groups, the
  // condition scope, parameters of other kinds...) is kept from it, so opening and saving a
  // promotion without changes writes the same spec.
  promo::Promotion base;
  std::string id, name, coupon_code;
  int kind = 0, layer = 0, status = 0, priority = 0;
  bool exclusive = false, stackable = false, platform_funded = false;
  std::string starts, ends;
  std::vector<std::string> skus, categories, tags, exclude;
  std::vector<std::string> channels, groups, buyer_tiers, segments;
  ListEditState skus_edit, categories_edit, tags_edit, exclude_edit, channels_edit, groups_edit, buyer_tiers_edit, segments_edit;
  bool first_order = false;
  std::string nth_order, min_amount, min_qty, total_limit, redeemed, per_customer_limit;
  std::vector<PromoTierRow> tiers;
  std::string threshold, amount, cap, percent, price, stock, per_customer_units;
  int n = 2, buy = 1, get = 1, points_per_unit = 100;
  int coupon_mode = 0;  // 0 amount off, 1 percent off
  std::string bundle, gift_sku, gift_name, gift_cost, max_percent, deposit, deduct;
  bool free_shipping = false;

  // Derived when an input changes (never per frame).
  bool dirty = true;
  std::string lang;  // language the derived texts were made in
  std::vector<std::string> parse_errors;
  std::optional<promo::Promotion> built;
  std::vector<promo::ValidationIssue> issues;

  // Save: 0 idle, 1 checking (guard running), 2 asking to confirm.
  int save_stage = 0;
  std::string save_status;
  GuardJob check;
  std::string message;  // last save result
  bool confirm_delete = false;
};

struct QuoteCartRow {
  std::string sku;
  int qty = 1;
  std::string price;
};

struct PromoQuoteUi {
  std::vector<QuoteCartRow> cart;
  bool seeded = false;
  std::string moment, tier, group, channel, shipping = "8.00";
  std::string segment;  // a saved Members segment the buyer is in ("" = none)
  std::string profile;  // a platform stacking profile ("" = the shop's own rules)
  int orders_before = 1, points = 1000;
  std::set<std::string> coupons_held;
  bool include_drafts = false;
  std::string add_filter;
  // Cached result for (revision, inputs).
  int64_t revision = -1;
  std::string key;
  std::string error;
  bool has_result = false;
  promo::QuoteInput input;
  promo::Quote quote;
  promo::BestChoice best;
  std::vector<promo::ProductOffer> offers;
  struct PlatformTotal {
    std::string profile, title;
    Money total = 0, discounts = 0;
  };
  std::vector<PlatformTotal> per_platform;  // the same cart under each built-in profile
  // Refund quote: units the buyer sends back per cart line, and its result for (quote, returns).
  std::vector<int> returns;
  std::string refund_key;
  std::optional<promo::RefundQuote> refund;
  std::string refund_error;
};

struct PromoGuardUi {
  bool include_drafts = false;
  int floor_bp = 1000, fee_bp = 500;
  int64_t settings_revision = -1;
  GuardJob job;
  std::vector<size_t> order;  // findings sorted by how far below the floor
  size_t sorted_count = static_cast<size_t>(-1);
  int selected = -1;  // index into job.findings
  ColumnWidths fit;   // the findings table's widths over every finding (guard.cpp)
};

struct PromoCalendarUi {
  int year = 0, month = 0;  // the month shown
  std::string selected;     // campaign id
  std::string inputs_for;   // campaign the inputs below were filled from
  bool scroll_to_selected = false;
  std::string uplift, discount = "10", budget;
  // Cached per revision: the daily series of the whole data span.
  int64_t revision = -1;
  std::vector<promo::DailySales> history;
  Day last_data_day = 0;
  bool has_data = false;
  // Cached per (revision, campaign, inputs).
  std::string key;
  std::optional<promo::Simulation> sim;
  std::string sim_error;
  std::optional<promo::Evaluation> eval;
  std::string eval_error;
  int after_days = 0;
  bool past = false;
};

// The editor's buffers from a promotion, and back: build reads the text fields (money exactly,
// with parse_money), validates against the other promotions of `data`, and leaves the result in
// editor.built / parse_errors / issues. Exposed for tests.
// The section's state: the tab to open (set by navigation or --promo-tab) and each tab's state,
// created on first draw.
struct PromotionsUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  int tab_request = -1;  // 0 list and editor, 1 quote, 2 loss guard, 3 calendar; -1 = keep
  int selected = -1;     // row of the promotions list
  std::shared_ptr<PromoData> data;
  std::shared_ptr<PromoEditor> editor;
  std::shared_ptr<PromoQuoteUi> quote;
  std::shared_ptr<PromoGuardUi> guard;
  std::shared_ptr<PromoCalendarUi> calendar;
};

void promo_editor_load(PromoEditor& editor, const promo::Promotion& p, const std::string& status);
void promo_editor_build(PromoEditor& editor, const PromoData& data);
// What the Save button does: a draft (or paused / ended) is written at once; active or scheduled
// first runs validation and the loss guard (in slices, while the panel draws) and writes only
// when both are clean, else waits for the seller to confirm or keep a draft (save_stage 2).
void promo_editor_save(PanelContext& cx, PromotionsUi& pu, PromoEditor& editor);
// The same over the app's promotions state, for tests (defined in ui/actions.cpp).
void promo_editor_save(App& app, PromoEditor& editor);

void draw_promotions_panel(PanelContext& cx, PromotionsUi& pu);

}  // namespace shopkeeper::ui
