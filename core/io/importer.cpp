// Importer: the public API over Importer::Impl (core/io/importer_impl.h), the report as JSON /
// CSV, and import_file for the CLI.
#include "core/io/importer_impl.h"

#include "core/base/file.h"

namespace shopkeeper {

// ---------------------------------------------------------------------------------------------

Importer::Importer() : impl_(std::make_unique<Impl>()) {}
Importer::~Importer() = default;
Importer::Importer(Importer&&) noexcept = default;
Importer& Importer::operator=(Importer&&) noexcept = default;

Status Importer::begin(std::string bytes, ImportOptions options) {
  impl_ = std::make_unique<Impl>();
  return impl_->begin(std::move(bytes), std::move(options));
}
ImportProgress Importer::step(int64_t max_rows) { return impl_->step(max_rows); }
ImportProgress Importer::progress() const { return impl_->progress(); }
Result<ImportReport> Importer::commit(Store& store) { return impl_->commit(store); }
Status Importer::begin_commit(Store& store) { return impl_->begin_commit(store); }
Result<std::optional<ImportReport>> Importer::commit_step(int64_t max_units) { return impl_->commit_step(max_units); }
bool Importer::committing() const { return impl_->commit_state != nullptr; }
void Importer::cancel() {
  impl_->abort_commit();
  impl_->cancelled = true;
  impl_->orders.clear();
  impl_->order_index.clear();
  impl_->trows.clear();
}
const ImportPlan& Importer::plan() const { return impl_->plan; }
const FileRefusal& Importer::refusal() const { return impl_->refusal; }
const RowError& Importer::refused_row() const { return impl_->refusal_row; }
const InputIssue& Importer::input_issue() const { return impl_->input_issue; }

std::string describe_error(const std::string& file, const RowError& e) {
  std::string s = file;
  if (e.line > 0) s += " line " + std::to_string(e.line);
  if (!e.column.empty()) s += ", column " + e.column;
  return s + ": " + e.message;
}

nlohmann::ordered_json report_to_json(const ImportReport& r) {
  nlohmann::ordered_json j;
  j["file"] = r.file;
  j["format"] = r.format;
  j["target"] = r.target;
  j["encoding"] = r.encoding;
  if (!r.sheet.empty()) {
    j["sheet"] = r.sheet;
    j["hidden_rows_skipped"] = r.hidden_rows;
  }
  j["rows_read"] = r.rows_read;
  j["rows_imported"] = r.rows_imported;
  j["rows_skipped_duplicate"] = r.rows_skipped_duplicate;
  j["rows_rejected"] = r.rows_rejected;
  j["orders_imported"] = r.orders_imported;
  j["lines_imported"] = r.lines_imported;
  j["refunds_imported"] = r.refunds_imported;
  j["returns_unmatched"] = r.returns_unmatched;
  j["customers_added"] = r.customers_added;
  j["products_added"] = r.products_added;
  j["shipping_lines"] = r.lines_by_kind[static_cast<size_t>(LineKind::shipping)];
  j["fee_lines"] = r.lines_by_kind[static_cast<size_t>(LineKind::fee)];
  j["adjustment_lines"] = r.lines_by_kind[static_cast<size_t>(LineKind::adjustment)];
  j["stock_write_offs"] = r.stock_write_offs;
  j["stock_write_off_units"] = r.stock_write_off_units;
  j["duplicate_ids"] = r.duplicate_ids;
  nlohmann::ordered_json errs = nlohmann::ordered_json::array();
  for (const auto& e : r.errors)
    errs.push_back({{"line", e.line}, {"column", e.column}, {"value", e.value}, {"message", e.message}});
  j["errors"] = std::move(errs);
  return j;
}

std::string report_errors_csv(const ImportReport& r) {
  Table t;
  t.columns = {"line", "column", "value", "message"};
  t.rows.reserve(r.errors.size());
  for (const auto& e : r.errors) t.rows.push_back({Cell::integer(e.line), Cell::text(e.column), Cell::text(e.value), Cell::text(e.message)});
  return to_csv(t);
}

Result<ImportReport> import_file(Store& store, const std::string& path, ImportOptions options) {
  auto bytes = read_file(path);
  if (!bytes) return make_error(ErrorCode::io_error, path + ": " + refusal_en({FileWhy::cannot_open}));
  if (options.file_name.empty()) {
    size_t slash = path.find_last_of('/');
    options.file_name = slash == std::string::npos ? path : path.substr(slash + 1);
  }
  if (options.timezone.empty()) options.timezone = store.setting("timezone");  // the store's zone
  Importer imp;
  if (auto st = imp.begin(std::move(*bytes), std::move(options)); !st) return st.error();
  return imp.commit(store);
}

}  // namespace shopkeeper
