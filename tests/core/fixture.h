// The builders the core tests share (issue #17 item 8): days and timestamps, products, orders
// and lines, the test-data folders, temporary paths and an in-memory store. Each test file keeps
// only the store it builds from these; a helper that two files would copy belongs here.
//
// Orders are built by chaining: `order("O1", "2025-03-03 10:00:00").with_customer("C1")
// .with_amounts(1000)`; an OrderSpec is an Order, so it goes straight to Writer::add_order.
#pragma once
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/file.h"
#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper::fixture {

inline Day D(int y, int m, int d) { return days_from_civil(y, m, d); }

// "YYYY-MM-DD HH:MM:SS" as a Timestamp; a test's own text, so it must parse.
inline Timestamp at(const char* text) {
  auto t = parse_timestamp(text);
  REQUIRE_MESSAGE(t.ok(), text);
  return *t;
}

inline Timestamp ts(int y, int m, int d, int h = 0, int mi = 0, int s = 0) {
  return start_of(days_from_civil(y, m, d)) + h * 3600 + mi * 60 + s;
}

// A file below tests/data/ (e.g. data_file("import/online_retail_shaped.csv")).
inline std::string data_file(const std::string& rel) { return std::string(SK_SOURCE_DIR) + "/tests/data/" + rel; }
inline std::string import_fixture(const std::string& rel) { return data_file("import/" + rel); }

// The whole file, or a failed check naming it.
inline std::string slurp(const std::string& path) {
  auto text = read_file(path);
  CHECK_MESSAGE(text.has_value(), "cannot read " << path);
  return text.value_or("");
}

// A path in this process's own temporary folder (below the system's, named by the process id so
// two suites running at once never share a file), with nothing at it yet.
inline const std::filesystem::path& temp_root() {
  // Never destroyed, so the exit handler that removes it can still read it.
  static const std::filesystem::path* root = [] {
    auto* r = new std::filesystem::path(std::filesystem::temp_directory_path() / ("sk-test-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*r);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(temp_root(), ec);
    });
    return r;
  }();
  return *root;
}

inline std::string temp_path(const std::string& name) {
  auto p = temp_root() / name;
  std::filesystem::remove_all(p);
  return p.string();
}

// A temporary file holding `content`.
inline std::string temp_file(const std::string& name, const std::string& content) {
  const std::string p = temp_path(name);
  REQUIRE_MESSAGE(write_file(p, content), p);
  return p;
}

inline Store memory_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  return std::move(*s);
}

inline Product product(const char* sku, std::optional<Money> cost, Money list, const char* category = "") {
  Product p;
  p.sku = sku;
  p.category = category;
  p.unit_cost = cost;
  p.list_price = list;
  return p;
}

struct OrderSpec : Order {
  OrderSpec& with_customer(const std::string& c) {
    customer_id = c;
    return *this;
  }
  OrderSpec& with_status(OrderStatus s) {
    status = s;
    return *this;
  }
  OrderSpec& with_channel(const char* c, const char* source = "") {
    channel = c;
    traffic_source = source;
    return *this;
  }
  // Items, discount and shipping; the buyer paid items - discount + shipping.
  OrderSpec& with_amounts(Money items, Money discount = 0, Money shipping = 0) {
    items_amount = items;
    discount_amount = discount;
    shipping_amount = shipping;
    paid_amount = items - discount + shipping;
    return *this;
  }
  OrderSpec& paid_when_placed() {
    paid_at = placed_at;
    return *this;
  }
};

// A completed order placed at `when`, no customer, channel or amounts.
inline OrderSpec order(const std::string& id, const char* when) {
  OrderSpec o;
  o.id = id;
  o.placed_at = at(when);
  o.status = OrderStatus::completed;
  return o;
}

inline OrderLine line(const std::string& order_id, int32_t no, const char* sku, int64_t qty, Money price,
                      std::optional<Money> cost = std::nullopt, Money discount = 0) {
  OrderLine l;
  l.order_id = order_id;
  l.line_no = no;
  l.sku = sku;
  l.qty = qty;
  l.unit_price = price;
  l.discount_amount = discount;
  l.unit_cost = cost;
  return l;
}

// A basket for the basket tests: order `o` with items and paid amount 10.00 (the tests read only
// its lines) and one line of 1 unit at 10.00 per SKU, in order.
inline Status write_basket(Writer& w, Order o, const std::vector<const char*>& skus) {
  o.items_amount = o.paid_amount = 1000;
  if (auto r = w.add_order(o); !r) return r.error();
  int32_t no = 0;
  for (const char* sku : skus)
    if (auto r = w.put(line(o.id, ++no, sku, 1, 1000)); !r) return r;
  return Ok{};
}

}  // namespace shopkeeper::fixture
