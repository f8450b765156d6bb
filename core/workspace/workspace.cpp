#include "core/workspace/workspace.h"

#include <filesystem>

#include "core/io/backup.h"
#include "core/store/checklist_store.h"
#include "core/workspace/floors.h"

namespace shopkeeper {

Status Workspace::open(const std::string& dir, bool readonly) {
  open_ = false;
  // Nothing to read yet (the writing tab has not saved a store): show an empty read-only store.
  auto s = readonly && !std::filesystem::exists(dir + "/store.db") ? Store::open_memory(true) : Store::open(dir, readonly);
  if (!s) return s.error();
  store_ = std::move(*s);
  open_ = true;
  return refresh();
}

Status Workspace::open_memory() {
  open_ = false;
  auto s = Store::open_memory();
  if (!s) return s.error();
  store_ = std::move(*s);
  open_ = true;
  return refresh();
}

// A store that already holds data (imported, or made by `shopkeeper demo`) needs no first-run choice.
bool Workspace::initialized() {
  return open_ && (counts_.orders > 0 || counts_.products > 0 || store_.setting("initialized") == "1");
}
std::string Workspace::store_name() { return store_.setting("store_name"); }
std::string Workspace::currency() { return store_.setting("currency", "CNY"); }

Status Workspace::refresh() {
  auto c = store_.counts();
  if (!c) return c.error();
  counts_ = *c;
  auto ds = load_dataset(store_, revision_);
  if (!ds) return ds.error();
  dataset_ = std::move(*ds);
  return Ok{};
}

Status Workspace::after_commit(Touches touches) {
  ++revision_;
  Status st = touches == Touches::facts ? refresh() : Status(Ok{});
  if (on_commit_) on_commit_();
  return st;
}

Status Workspace::write(const std::function<Status(Writer&)>& fn, Touches touches) {
  if (!open_) return make_error(ErrorCode::io_error, "no store is open");
  if (auto st = store_.write(fn); !st) return st;
  return after_commit(touches);
}

Status Workspace::replace_store(Store store) {
  // The importer holding the transaction keeps a pointer to the current store.
  if (busy()) return make_error(ErrorCode::conflict, "an import is being saved; try again when it has finished");
  store_ = std::move(store);
  open_ = true;
  return after_commit();
}

Status Workspace::set_setting(const std::string& key, const std::string& value) {
  return write([&](Writer& w) { return w.set_setting(key, value); }, Touches::records);
}

Status Workspace::open_demo(const DemoOptions& opt) {
  if (!open_) return make_error(ErrorCode::io_error, "no store is open");
  if (busy()) return make_error(ErrorCode::conflict, "an import is being saved; try again when it has finished");
  if (store_.readonly()) return make_error(ErrorCode::readonly, "the store is open read-only (another tab is writing)");
  auto r = generate_demo(store_, opt);
  if (!r) return r.error();
  if (auto st = store_.set_setting("initialized", "1"); !st) return st;
  return after_commit();
}

Status Workspace::start_empty() {
  return write([](Writer& w) -> Status {
    if (auto st = w.set_setting("initialized", "1"); !st) return st;
    return w.set_setting("currency", "CNY");
  });
}

Status Workspace::reset() {
  if (!open_) return make_error(ErrorCode::io_error, "no store is open");
  if (auto st = store_.clear_all(); !st) return st;
  return after_commit();
}

StoreMoney Workspace::money() { return read_store_money(store_); }
Result<std::vector<catalog::ProductExtra>> Workspace::product_extras() { return catalog::load_product_extras(store_.db()); }
Result<std::vector<std::pair<int64_t, std::string>>> Workspace::suppliers() { return catalog::load_suppliers(store_.db()); }
Result<catalog::CostSheetPlan> Workspace::plan_cost_sheet(std::string_view text, const NumberFormat& nf) {
  return catalog::plan_cost_sheet(store_.db(), text, nf);
}

Result<std::vector<promo::StoredPromotion>> Workspace::stored_promotions() {
  return promo::load_stored_promotions(store_.db());
}
Result<promo::UsageTotals> Workspace::promotion_usage() { return promo::load_usage(store_.db()); }
Result<Workspace::PricingTables> Workspace::pricing_tables() {
  PricingTables t;
  auto in = pricing::load_economics_inputs(store_.db(), dataset_);
  if (!in) return in.error();
  auto ein = pricing::load_elasticity_inputs(store_.db());
  if (!ein) return ein.error();
  auto book = pricing::load_price_book(store_.db());
  if (!book) return book.error();
  auto log = pricing::load_competitor_prices(store_.db());
  if (!log) return log.error();
  t.economics = std::move(*in);
  t.elasticity = std::move(*ein);
  t.book = std::move(*book);
  t.competitors = std::move(*log);
  return t;
}

Result<std::vector<promo::GuardProduct>> Workspace::guard_products() {
  auto p = promo::load_guard_products(store_.db());
  if (!p) return p;
  if (auto st = apply_floor_prices(store_.db(), *p); !st) return st.error();  // the price book's floors (#13)
  return p;
}
Result<std::vector<promo::Campaign>> Workspace::campaigns() { return promo::load_campaigns(store_.db()); }
Result<std::vector<ExpectedWindow>> Workspace::expected_peaks(DayRange range, int32_t history_days) {
  return shopkeeper::expected_peaks(store_.db(), range, history_days);
}
promo::GuardOptions Workspace::guard_settings() { return promo::guard_settings(store_); }
std::set<std::string> Workspace::checked_items(Day day) { return shopkeeper::checked_items(store_, day); }
Result<std::vector<ImportLogRow>> Workspace::import_log(int limit) { return read_import_log(store_, limit); }
Result<QualityReport> Workspace::check_quality() { return shopkeeper::check_quality(store_); }
Result<Table> Workspace::export_table(std::string_view name) { return shopkeeper::export_table(store_, name); }
std::string Workspace::setting(const std::string& key, const std::string& fallback) {
  return store_.setting(key, fallback);
}

Result<std::vector<insights::ProductAttributes>> Workspace::product_attributes() {
  return insights::load_product_attributes(store_.db());
}

Status Workspace::backup_to(const std::string& path) { return backup_store(store_, path); }

Status Workspace::restore_from(const std::string& backup_path) {
  auto restored = restore_store(store_.dir(), backup_path);
  if (!restored) return restored.error();
  return replace_store(std::move(*restored));
}

Status Workspace::begin_import_commit(Importer& importer) { return importer.begin_commit(store_); }

Result<Workspace::MembersTables> Workspace::members_tables() {
  MembersTables t;
  auto p = members::load_programme(store_, dataset_);
  if (!p) return p.error();
  t.programme = std::move(*p);
  auto in = members::load_tag_inputs(store_, dataset_);
  if (!in) return in.error();
  t.tag_inputs = std::move(*in);
  t.tag_inputs.birthdays = t.programme.birthdays;
  auto r = members::load_tag_rules(store_);
  if (!r) return r.error();
  t.tag_rules = std::move(*r);
  auto s = members::load_segments(store_);
  if (!s) return s.error();
  t.segments = std::move(*s);
  return t;
}

Result<std::vector<members::StoredSegment>> Workspace::member_segments() { return members::load_segments(store_); }

Status Workspace::save_member_segment(const members::StoredSegment& s) {
  return write([&](Writer& w) { return members::save_segment(w, s); }, Touches::records);
}

}  // namespace shopkeeper
