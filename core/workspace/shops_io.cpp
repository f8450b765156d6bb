// The Workspace's several-shops loaders and writes (issue #16; core/shops/shops.h): each write is
// one transaction; nothing is written when a mapping is refused.
#include "core/shops/shops.h"
#include "core/workspace/workspace.h"

namespace shopkeeper {

Result<std::vector<shops::Shop>> Workspace::shop_list() { return shops::list_shops(store_.db()); }

Result<shops::ShopData> Workspace::shop_data() { return shops::load_shop_data(store_.db(), dataset_); }

Result<std::vector<shops::Suggestion>> Workspace::shop_code_suggestions() { return shops::suggest_codes(store_.db()); }

Result<std::vector<shops::CodeLink>> Workspace::shop_codes() { return shops::load_codes(store_.db()); }

Status Workspace::map_shop_code(int64_t shop_id, const std::string& code, const std::string& sku,
                                shops::MapRefusal* refusal) {
  bool nothing_to_do = false;
  if (auto st = shops::check_map(store_.db(), shop_id, code, sku, refusal, &nothing_to_do); !st) return st;
  if (nothing_to_do) return Ok{};
  // The shop's lines of the code become the SKU's: the Dataset is reloaded (facts).
  return write([&](Writer& w) { return shops::write_map(w, shop_id, code, sku); });
}

Status Workspace::unmap_shop_code(int64_t shop_id, const std::string& code) {
  return write([&](Writer& w) { return shops::write_unmap(w, shop_id, code, nullptr); });
}

Status Workspace::reject_shop_code(int64_t shop_id, const std::string& code, const std::string& sku) {
  return write([&](Writer& w) { return shops::write_reject(w, shop_id, code, sku); }, Touches::records);
}

Result<shops::ShopSlot> Workspace::resolve_shop(std::string_view name) { return shops::resolve_shop(store_.db(), name); }

Status Workspace::save_shop(const shops::ShopSlot& slot, std::string_view name, std::string_view platform) {
  if (!open_) return make_error(ErrorCode::io_error, "no store is open");
  if (auto st = shops::save_shop(store_, slot, name, platform); !st) return st;
  return after_commit(Touches::records);  // the shops table is not in the Dataset
}

}  // namespace shopkeeper
