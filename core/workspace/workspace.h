// Workspace: the open store plus its current Dataset snapshot and revision counter; the layer
// above store, io, analytics, promotions and demo that the UI and the CLI open (docs/DESIGN.md,
// "Layers"). The UI turns user actions into calls here; every write is one transaction, after
// which the revision is bumped, the Dataset refreshed and the platform asked to persist
// (on_commit). The UI reads only through the accessors and typed loaders below (no SQL, no
// Store& or Db& in ui/). Owns the Store and the Dataset; callers keep ids, never pointers into
// the Dataset.
#pragma once
#include <functional>
#include <string>

#include <set>
#include <vector>

#include "core/base/result.h"
#include "core/catalog/product_edit.h"
#include "core/demo/generator.h"
#include "core/io/import_log.h"
#include "core/io/importer.h"
#include "core/io/quality.h"
#include "core/insights/titles.h"
#include "core/io/table.h"
#include "core/members/customers.h"
#include "core/members/programme.h"
#include "core/model/sku_traffic.h"
#include "core/planning/inventory.h"
#include "core/planning/portfolio.h"
#include "core/planning/targets.h"
#include "core/pricing/competitors.h"
#include "core/pricing/economics.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/pricebook.h"
#include "core/shops/shops.h"
#include "core/promotions/store_io.h"
#include "core/promotions/usage.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "core/workspace/peaks.h"
#include "core/store/store_money.h"

namespace shopkeeper {

class Workspace {
 public:
  // Opens or creates the store in `dir`. A read-only workspace (another tab holds the writer
  // lock) opens an existing store for reading, or an empty in-memory one if none exists yet.
  Status open(const std::string& dir, bool readonly);
  // An in-memory workspace (tests, CLI scratch).
  Status open_memory();

  bool is_open() const { return open_; }
  bool readonly() const { return store_.readonly(); }
  // For the CLI and tests; the UI goes through the typed loaders below.
  Store& store() { return store_; }
  const Dataset& dataset() const { return dataset_; }
  // THE revision to cache on: +1 after every committed write of any kind (facts or records),
  // restore, reset and demo. Anything derived from the store (the Dataset's figures, promotions,
  // settings, the import log, check-list ticks) is current while this is unchanged. (The
  // Dataset's own `revision` is the value of this counter when the snapshot was loaded; a
  // records-only write does not reload it, so it may lag: do not cache on it.)
  int64_t revision() const { return revision_; }
  const Counts& counts() const { return counts_; }

  // False until the user chose "Open demo store" or "Start empty" (or imported data).
  bool initialized();
  std::string store_name();
  std::string currency();

  // What a write changes: the facts the Dataset holds (orders, products, customers, traffic,
  // ad spend ...) or only the shop's own records (settings, promotions, campaigns, check-list
  // ticks), which leave the Dataset as it is: reloading it costs about 1 s per million order
  // lines natively and 3 s in the browser, too much for ticking a box or switching language.
  enum class Touches { facts, records };
  // One transaction; on success: revision+1, Dataset refreshed (facts only), on_commit called.
  Status write(const std::function<Status(Writer&)>& fn, Touches touches = Touches::facts);
  Status set_setting(const std::string& key, const std::string& value);
  // True while a held transaction is open on the store (an import being saved in slices):
  // every write here is refused until it ends, so the UI greys its write controls out.
  bool busy() const { return store_.in_transaction(); }
  // For a writer that committed its own held transaction (Store::begin_transaction, a sliced
  // import): does what write() does after a commit.
  Status committed() { return after_commit(); }
  // Takes over a freshly opened store (after a restore) in place of the current one.
  Status replace_store(Store store);
  Status open_demo(const DemoOptions& opt);
  Status start_empty();
  // Deletes everything (schema kept); the first-run choice is offered again.
  Status reset();

  void set_on_commit(std::function<void()> fn) { on_commit_ = std::move(fn); }

  // ---- typed loaders: read-only, straight from the store; cache results on revision() ----
  Result<std::vector<promo::StoredPromotion>> stored_promotions();
  // The promotions' usage ledger (what recorded orders took; core/promotions/usage.h).
  Result<promo::UsageTotals> promotion_usage();
  Result<std::vector<promo::GuardProduct>> guard_products();
  Result<std::vector<promo::Campaign>> campaigns();
  // Festivals, campaigns and promotion windows overlapping `range` (and `history_days` before
  // it): the alerts' expected peaks (core/workspace/peaks.h, issue #10).
  Result<std::vector<ExpectedWindow>> expected_peaks(DayRange range, int32_t history_days);
  promo::GuardOptions guard_settings();
  std::set<std::string> checked_items(Day day);
  Result<std::vector<ImportLogRow>> import_log(int limit);
  Result<QualityReport> check_quality();
  Result<Table> export_table(std::string_view name);
  std::string setting(const std::string& key, const std::string& fallback = "");
  // The pricing module's own tables (schema 7) as the Pricing section reads them.
  struct PricingTables {
    pricing::EconomicsInputs economics;
    pricing::ElasticityInputs elasticity;
    pricing::PriceBook book;
    std::vector<pricing::CompetitorObs> competitors;
  };
  Result<PricingTables> pricing_tables();
  // The store's currency, money digits and time zone (core/store/store_money.h).
  StoreMoney money();
  // Products' supplier and status, the suppliers, and a cost sheet planned against the catalogue
  // (core/catalog/product_edit.h); nothing written.
  Result<std::vector<catalog::ProductExtra>> product_extras();
  Result<std::vector<std::pair<int64_t, std::string>>> suppliers();
  Result<catalog::CostSheetPlan> plan_cost_sheet(std::string_view text, const NumberFormat& nf);
  // The members module's own records (issue #11): the programme (tiers, points rules, the
  // seller's entries, birthdays), coupon flags and manual tags (with birthdays), tag rules and
  // saved segments; and saving a segment (a records write).
  struct MembersTables {
    members::MemberProgramme programme;
    members::TagInputs tag_inputs;
    std::vector<members::TagRule> tag_rules;
    std::vector<members::StoredSegment> segments;
  };
  Result<MembersTables> members_tables();
  Status save_member_segment(const members::StoredSegment& s);
  // The saved segments alone (the promotion editor's segment condition).
  Result<std::vector<members::StoredSegment>> member_segments();
  // ---- planning (issue #12; core/workspace/planning_io.cpp) ----
  Result<planning::PlanningData> planning_data();
  std::vector<std::string> seller_roles();  // products.role per Dataset product
  // The seller's role for a product (empty: back to the suggestion). One write.
  Status set_product_role(const std::string& sku, std::optional<planning::Role> role);
  // Purchase orders from CSV: every row checked first, then one write (stock updated with it).
  // A refused file: `why`, when given, receives the problem as a code (core/base/issue.h).
  Result<planning::PoImportReport> import_purchase_orders(std::string_view text, const std::string& name,
                                                          InputIssue* why = nullptr);
  // One PO line edited or received: stock += its newly accepted units, in the same write.
  Status save_purchase_order(const planning::PurchaseOrder& po);
  Result<std::optional<planning::StoredTarget>> stored_target(int year);
  Status save_target(const planning::TargetSplit& t);
  // ---- insights (issue #14) ----
  // Each product's brand and key attributes (products.brand, products.tags) for the title checks.
  Result<std::vector<insights::ProductAttributes>> product_attributes();
  // ---- several shops (issue #16; core/workspace/shops_io.cpp) ----
  Result<std::vector<shops::Shop>> shop_list();
  // The shop of each order of dataset() and the visitors per day and shop.
  Result<shops::ShopData> shop_data();
  Result<std::vector<shops::Suggestion>> shop_code_suggestions();
  Result<std::vector<shops::CodeLink>> shop_codes();
  // Confirms a suggested mapping (one write); a refusal comes back in `refusal` (nothing written).
  Status map_shop_code(int64_t shop_id, const std::string& code, const std::string& sku, shops::MapRefusal* refusal);
  Status unmap_shop_code(int64_t shop_id, const std::string& code);
  // The seller says the code is not that product: the pair is never suggested again.
  Status reject_shop_code(int64_t shop_id, const std::string& code, const std::string& sku);
  // An import tagged with a shop (as `shopkeeper import --shop NAME`): the id the shop has or
  // would get, then the shop saved once the import committed (a records write).
  Result<shops::ShopSlot> resolve_shop(std::string_view name);
  Status save_shop(const shops::ShopSlot& slot, std::string_view name, std::string_view platform);
  // ---- per-SKU traffic (issue #16; core/workspace/traffic_io.cpp) ----
  // The product report summed per Dataset product (core/model/sku_traffic.h): Products'
  // visitors, add-to-cart rate and conversion, Planning's roles, Insights' low_conversion.
  Result<SkuTrafficTable> sku_traffic();

  // ---- whole-store operations ----
  // Writes a one-file backup of the store to `path`.
  Status backup_to(const std::string& path);
  // Replaces the store with the backup at `backup_path` (verified first; the old files are
  // kept until the new store opens), then does what write() does after a commit.
  Status restore_from(const std::string& backup_path);
  // Opens the one transaction a sliced import writes in (Importer::begin_commit on this store);
  // when the importer has committed, call committed().
  Status begin_import_commit(Importer& importer);

 private:
  Status after_commit(Touches touches = Touches::facts);
  Status refresh();

  Store store_;
  Dataset dataset_;
  Counts counts_;
  int64_t revision_ = 0;
  bool open_ = false;
  std::function<void()> on_commit_;
};

}  // namespace shopkeeper
