// load_dataset against plain SQL: a store written in a scrambled order (orders out of time
// order with ties on placed_at, lines shuffled across orders and out of line_no order, SKUs
// and customers missing from their tables) must load exactly as the SQL ORDER BY / window
// queries below describe it: order sequence, line grouping, dictionary and customer codes in
// order of first use, the refunded line, and the per-order columns derived at load.
#include <doctest/doctest.h>

#include "core/base/random.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/model/entities.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

using namespace shopkeeper;

namespace {

Store scrambled_store(uint32_t seed) {
  // The demo's generator, not std distributions: the same store natively and in wasm.
  demo::Rng rng(seed);
  auto pick = [&](int lo, int hi) { return static_cast<int>(rng.range(lo, hi)); };
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  Status st = s->write([&](Writer& w) -> Status {
    for (int p = 0; p < 12; ++p) {  // products inserted out of SKU order; some without cost
      Product pr;
      pr.sku = "S" + std::to_string((p * 7) % 12);
      pr.category = p % 3 ? "cat" + std::to_string(p % 4) : "";
      if (p % 4) pr.unit_cost = 100 + p;
      if (auto r = w.put(pr); !r) return r;
    }
    for (int c : {9, 3, 27, 1, 14, 5}) {  // customers out of id order; C2x..C4x missing
      Customer cu;
      cu.id = "C" + std::to_string(c);
      cu.region = c % 2 ? "r" + std::to_string(c % 5) : "";
      cu.tier = c > 10 ? "gold" : "";
      if (auto r = w.put(cu); !r) return r;
    }
    const char* channels[] = {"web", "app", "shop", ""};
    const char* sources[] = {"ads", "search", "live", ""};
    std::vector<OrderLine> lines;
    std::vector<std::string> ids;
    for (int n = 0; n < 300; ++n) {
      Order o;
      o.id = "O" + std::to_string(pick(0, 100000));  // ids in no particular order; duplicates are refused
      if (pick(0, 4)) o.customer_id = "C" + std::to_string(pick(0, 40));
      o.placed_at = start_of(20000 + pick(0, 20)) + 3600 * pick(0, 3);  // many ties on placed_at
      o.status = static_cast<OrderStatus>(pick(0, 5));
      o.channel = channels[pick(0, 3)];
      o.traffic_source = sources[pick(0, 3)];
      auto added = w.add_order(o);
      if (!added) return added.error();
      if (!*added) continue;
      ids.push_back(o.id);
      const int nl = pick(1, 4);
      for (int l = 0; l < nl; ++l) {
        OrderLine x;
        x.order_id = o.id;
        x.line_no = 100 - 10 * l + pick(0, 5);  // descending: stored out of line_no order
        x.sku = pick(0, 5) ? "S" + std::to_string(pick(0, 11)) : "GONE" + std::to_string(pick(0, 1));
        x.qty = pick(1, 3);
        x.unit_price = 1000;
        if (pick(0, 3) == 0) x.unit_cost = pick(50, 500);
        lines.push_back(x);
      }
    }
    lines.push_back(OrderLine{"NO-SUCH", 1, "S1", "", 1, 100, 0, std::nullopt});
    // Fisher-Yates by hand: std::shuffle's draws differ between libstdc++ and libc++.
    for (size_t i = lines.size(); i > 1; --i) std::swap(lines[i - 1], lines[rng.below(static_cast<uint32_t>(i))]);
    for (const OrderLine& x : lines)
      if (auto r = w.put(x); !r) return r;
    for (int k = 0; k < 120; ++k) {
      const OrderLine& x = lines[static_cast<size_t>(pick(0, static_cast<int>(lines.size()) - 1))];
      const std::string sku = pick(0, 4) ? x.sku : (pick(0, 1) ? "" : "S99");
      if (auto r = w.put(Refund{x.order_id, sku, 1, 100, "", start_of(20000 + pick(0, 40))}); !r) return r;
    }
    return Status(Ok{});
  });
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  return std::move(*s);
}

std::vector<std::string> column(Store& s, const char* sql) {
  auto st = s.db().prepare(sql);
  REQUIRE(st.ok());
  std::vector<std::string> out;
  while (st->step()) out.push_back(st->is_null(0) ? "<null>" : st->text(0));
  REQUIRE(!st->failed());
  return out;
}

// Names in order of first use down `values` ("" and "<null>" = none).
std::vector<std::string> first_use(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values)
    if (!v.empty() && v != "<null>" && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  return out;
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("load_dataset agrees with SQL on a scrambled store") {
    for (uint32_t seed : {1u, 2u, 3u, 4u}) {
      CAPTURE(seed);
      Store s = scrambled_store(seed);
      auto loaded = load_dataset(s);
      REQUIRE(loaded.ok());
      const Dataset& ds = *loaded;

      // Orders by (placed_at, id); dictionaries and missing customers coded by first use.
      const auto ids = column(s, "SELECT id FROM orders ORDER BY placed_at,id");
      REQUIRE(ds.order_id == ids);
      const auto chan = column(s, "SELECT channel FROM orders ORDER BY placed_at,id");
      const auto src = column(s, "SELECT traffic_source FROM orders ORDER BY placed_at,id");
      const auto cust = column(s, "SELECT customer_id FROM orders ORDER BY placed_at,id");
      CHECK(ds.channels.names == first_use(chan));
      std::vector<std::string> expect_customers = column(s, "SELECT id FROM customers ORDER BY id");
      for (const auto& c : first_use(cust))
        if (std::find(expect_customers.begin(), expect_customers.end(), c) == expect_customers.end())
          expect_customers.push_back(c);
      CHECK(ds.customer_id == expect_customers);
      CHECK(ds.regions.names == first_use(column(s, "SELECT region FROM customers ORDER BY id")));
      for (size_t i = 0; i < ids.size(); ++i) {
        CHECK((ds.order_channel[i] < 0 ? std::string() : ds.channels.names[static_cast<size_t>(ds.order_channel[i])]) == chan[i]);
        CHECK((ds.order_source[i] < 0 ? std::string() : ds.sources.names[static_cast<size_t>(ds.order_source[i])]) == src[i]);
        CHECK((ds.order_customer[i] < 0 ? std::string("<null>") : ds.customer_id[static_cast<size_t>(ds.order_customer[i])]) == cust[i]);
      }
      // Sources first met in orders come first; traffic has none here.
      CHECK(ds.sources.names == first_use(src));

      // Lines grouped by order in order sequence, then by line_no.
      const auto skus = column(s,
                               "SELECT l.sku FROM order_lines l JOIN orders o ON o.id=l.order_id "
                               "ORDER BY o.placed_at,o.id,l.line_no");
      REQUIRE(ds.lines() == skus.size());
      for (size_t l = 0; l < skus.size(); ++l) {
        const int32_t p = ds.line_product[l];
        if (p >= 0) CHECK(ds.sku[static_cast<size_t>(p)] == skus[l]);
        else CHECK(skus[l].rfind("GONE", 0) == 0);
      }
      const auto per_order = column(s,
                                    "SELECT COUNT(l.order_id) FROM orders o LEFT JOIN order_lines l ON l.order_id=o.id "
                                    "GROUP BY o.id ORDER BY o.placed_at,o.id");
      for (size_t i = 0; i < ids.size(); ++i)
        CHECK(std::to_string(ds.order_line_begin[i + 1] - ds.order_line_begin[i]) == per_order[i]);

      // Derived per-order columns against SQL aggregates (cost: the line's, else the product's).
      const auto derived = column(s,
                                  "SELECT IFNULL(SUM(l.qty),0)||'/'||IFNULL(SUM(l.qty*COALESCE(l.unit_cost,p.unit_cost)),0)||'/'||"
                                  "IFNULL(SUM(l.order_id IS NOT NULL AND COALESCE(l.unit_cost,p.unit_cost) IS NULL),0)||'/'||"
                                  "IFNULL(SUM(CASE WHEN COALESCE(l.unit_cost,p.unit_cost) IS NULL THEN l.qty END),0) FROM orders o "
                                  "LEFT JOIN order_lines l ON l.order_id=o.id LEFT JOIN products p ON p.sku=l.sku "
                                  "GROUP BY o.id ORDER BY o.placed_at,o.id");
      for (size_t i = 0; i < ids.size(); ++i)
        CHECK(std::to_string(ds.order_units[i]) + "/" + std::to_string(ds.order_cost[i]) + "/" +
                  std::to_string(ds.order_lines_without_cost[i]) + "/" + std::to_string(ds.order_units_without_cost[i]) ==
              derived[i]);

      // Previous valid orders of the same customer, by a window over the valid orders.
      const auto prev = column(s,
                               "SELECT IFNULL(p1,'-')||'/'||IFNULL(p2,'-') FROM orders o LEFT JOIN ("
                               " SELECT id, LAG(placed_at,1) OVER w AS p1, LAG(placed_at,2) OVER w AS p2 FROM orders"
                               " WHERE customer_id IS NOT NULL AND status IN (1,2,3,5)"
                               " WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at,id)) v ON v.id=o.id "
                               "ORDER BY o.placed_at,o.id");
      auto day_text = [](Day d) { return d == Dataset::kNoPrevOrder ? std::string("-") : std::to_string(d); };
      auto sql_day = [](const std::string& t) {
        const auto slash = t.find('/');
        auto conv = [](const std::string& x) { return x == "-" ? x : std::to_string(day_of(std::stoll(x))); };
        return conv(t.substr(0, slash)) + "/" + conv(t.substr(slash + 1));
      };
      for (size_t i = 0; i < ids.size(); ++i)
        CHECK(day_text(ds.order_prev_day[i]) + "/" + day_text(ds.order_prev2_day[i]) == sql_day(prev[i]));

      // The refunded line: the lowest line_no of the order with the refund's SKU, as a position
      // within the order's lines.
      const auto rank = column(s,
                               "SELECT CASE WHEN o.id IS NULL THEN 'no order' WHEN m.line_no IS NULL THEN 'none' ELSE"
                               " (SELECT COUNT(*) FROM order_lines l2 WHERE l2.order_id=r.order_id AND l2.line_no<m.line_no) END"
                               " FROM refunds r LEFT JOIN orders o ON o.id=r.order_id"
                               " LEFT JOIN (SELECT order_id AS oid, sku, MIN(line_no) AS line_no FROM order_lines GROUP BY order_id, sku) m"
                               " ON m.oid=r.order_id AND m.sku=r.sku AND r.sku<>'' ORDER BY r.refunded_at,r.id");
      REQUIRE(ds.refund_line.size() == rank.size());
      int named = 0;
      for (size_t k = 0; k < rank.size(); ++k) {
        const int32_t o = ds.refund_order[k], li = ds.refund_line[k];
        if (rank[k] == "no order") {
          CHECK(o == -1);
          CHECK(li == -1);
        } else if (rank[k] == "none") {
          CHECK(li == -1);
          CHECK(ds.refund_unit_cost[k] == -1);
        } else {
          REQUIRE(o >= 0);
          CHECK(li == static_cast<int32_t>(ds.order_line_begin[static_cast<size_t>(o)]) + std::stoi(rank[k]));
          CHECK(ds.refund_unit_cost[k] == ds.line_cost[static_cast<size_t>(li)]);
          ++named;
        }
      }
      CHECK(named > 20);
    }
  }

  // Regions are renumbered after the customers are sorted; a guest order naming a region that a
  // customer named first must still get that region's code. Ten regions (more than the eight a
  // dictionary scans instead of hashing), customers inserted in descending id order, so the
  // sort reverses first use: Z9 names R9 first when read, but R0 comes first after sorting.
  TEST_CASE("load_dataset: a guest order's region is the one it names after customers are sorted") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      for (int c = 9; c >= 0; --c) {
        Customer cu;
        cu.id = "Z" + std::to_string(c);  // Z9 stored first: descending ids in storage order
        cu.region = "R" + std::to_string(c);
        if (auto r = w.put(cu); !r) return r;
      }
      for (int k = 0; k < 10; ++k) {
        Order o;
        o.id = "G" + std::to_string(k);
        o.placed_at = start_of(20000) + k;
        o.status = OrderStatus::completed;
        o.region = "R" + std::to_string(k);  // a guest: the order's own region counts
        if (auto r = w.add_order(o); !r) return r.error();
      }
      return Status(Ok{});
    });
    REQUIRE(st.ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    REQUIRE(ds->orders() == 10);
    for (size_t i = 0; i < ds->orders(); ++i) {
      CAPTURE(ds->order_id[i]);
      REQUIRE(ds->order_region[i] >= 0);
      CHECK(ds->regions.names[static_cast<size_t>(ds->order_region[i])] == "R" + ds->order_id[i].substr(1));
    }
  }
}
