// Workspace loaders for the per-SKU traffic of the product report (issue #16).
#include "core/shops/shops.h"
#include "core/workspace/workspace.h"

namespace shopkeeper {

Result<SkuTrafficTable> Workspace::sku_traffic() { return shops::sku_traffic(store_.db(), dataset_); }

}  // namespace shopkeeper
