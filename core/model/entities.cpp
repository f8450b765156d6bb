#include "core/model/entities.h"

namespace shopkeeper {

const char* order_status_name(OrderStatus s) {
  switch (s) {
    case OrderStatus::pending: return "pending";
    case OrderStatus::paid: return "paid";
    case OrderStatus::shipped: return "shipped";
    case OrderStatus::completed: return "completed";
    case OrderStatus::cancelled: return "cancelled";
    case OrderStatus::refunded: return "refunded";
  }
  return "unknown";
}

}  // namespace shopkeeper
