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

const char* line_kind_name(LineKind k) {
  switch (k) {
    case LineKind::merchandise: return "merchandise";
    case LineKind::shipping: return "shipping";
    case LineKind::fee: return "fee";
    case LineKind::adjustment: return "adjustment";
  }
  return "merchandise";
}

bool parse_line_kind(std::string_view s, LineKind& out) {
  for (int k = 0; k < kLineKinds; ++k)
    if (s == line_kind_name(static_cast<LineKind>(k))) {
      out = static_cast<LineKind>(k);
      return true;
    }
  return false;
}

}  // namespace shopkeeper
