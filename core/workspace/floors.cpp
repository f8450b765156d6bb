#include "core/workspace/floors.h"

#include <unordered_map>

#include "core/pricing/pricebook.h"

namespace shopkeeper {

namespace {

Result<std::unordered_map<std::string, pricing::SkuFloor>> floors_by_sku(Db& db) {
  auto f = pricing::load_floor_prices(db);
  if (!f) return f.error();
  std::unordered_map<std::string, pricing::SkuFloor> out;
  for (auto& x : *f) out.emplace(x.sku, x);
  return out;
}

}  // namespace

Status apply_floor_prices(Db& db, std::vector<promo::GuardProduct>& products) {
  auto f = floors_by_sku(db);
  if (!f) return f.error();
  for (auto& p : products) {
    auto it = f->find(p.sku);
    if (it == f->end()) continue;
    p.floor_price = it->second.floor;
    p.floor_is_default = it->second.is_default;
  }
  return Ok{};
}

Status apply_floor_prices(Db& db, promo::QuoteInput& in) {
  auto f = floors_by_sku(db);
  if (!f) return f.error();
  for (auto& l : in.cart) {
    if (l.floor_price) continue;
    auto it = f->find(l.sku);
    if (it != f->end()) l.floor_price = it->second.floor;
  }
  return Ok{};
}

}  // namespace shopkeeper
