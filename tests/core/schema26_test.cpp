// Schema 26 (issue #16 Speed): order_lines as a WITHOUT ROWID table keyed by (order_id, line_no),
// migrated with its rows, re-runnable, and the queries that read it by order still use its key.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/store/dataset.h"
#include "core/store/schema.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

std::string plan_of(Store& s, const std::string& sql) {
  std::string out;
  auto st = s.db().prepare("EXPLAIN QUERY PLAN " + sql);
  REQUIRE(st.ok());
  while (st->step()) out += std::string(st->text_view(3)) + "\n";
  return out;
}

}  // namespace

TEST_SUITE("conversion") {
  TEST_CASE("schema 26: order_lines without rowid, rows kept, re-runnable, read by its key") {
    const std::string dir = fixture::temp_path("sk-v26-" + std::to_string(::getpid()));
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      // Two orders, O2's lines written out of line order: 2 x 2.50 + 1 x 4.00 + 3 x 1.00 = 12.00.
      REQUIRE(s->write([](Writer& w) -> Status {
                 for (const char* id : {"O1", "O2"}) {
                   Order o = fixture::order(id, "2025-01-02 10:00:00");
                   if (auto r = w.add_order(o); !r) return r.error();
                 }
                 if (auto st = w.put(fixture::line("O2", 2, "S2", 1, 400)); !st) return st;
                 if (auto st = w.put(fixture::line("O1", 1, "S1", 2, 250)); !st) return st;
                 return w.put(fixture::line("O2", 1, "S1", 3, 100));
               }).ok());
      CHECK(*s->db().scalar("SELECT COUNT(*) FROM facts.sqlite_master WHERE name='order_lines' AND sql LIKE '%WITHOUT ROWID'") == 1);
      // As a schema-25 store: the migration runs again over its own result.
      CHECK(s->db().exec("PRAGMA main.user_version=25; PRAGMA facts.user_version=25;").ok());
    }
    for (int round = 0; round < 2; ++round) {
      CAPTURE(round);
      auto s = Store::open(dir);
      REQUIRE_MESSAGE(s.ok(), s.error().message);
      CHECK(*schema_version(s->db()) == kSchemaVersion);
      CHECK(*s->db().scalar("SELECT COUNT(*) FROM facts.sqlite_master WHERE name='order_lines' AND sql LIKE '%WITHOUT ROWID'") == 1);
      CHECK(*s->db().scalar("SELECT COUNT(*) FROM facts.sqlite_master WHERE name='order_lines_v25'") == 0);
      CHECK(*s->db().scalar("SELECT COUNT(*) FROM order_lines") == 3);
      CHECK(*s->db().scalar("SELECT SUM(qty * unit_price) FROM order_lines") == 1200);
      // The import's "lines of this order" check and the code map's rewrite go by the key.
      CHECK(plan_of(*s, "SELECT 1 FROM orders o WHERE EXISTS(SELECT 1 FROM order_lines l WHERE l.order_id=o.id AND +l.sku='S1')")
                .find("PRIMARY KEY") != std::string::npos);
      CHECK(plan_of(*s, "UPDATE order_lines SET sku='X' WHERE (order_id,line_no) IN (VALUES('O2',1))").find("PRIMARY KEY") !=
            std::string::npos);
      // The Dataset groups the lines by order, in line order: O2 = S1 (line 1), S2 (line 2).
      auto ds = load_dataset(*s);
      REQUIRE(ds.ok());
      REQUIRE(ds->orders() == 2);
      const size_t o2 = ds->order_id[0] == "O2" ? 0 : 1;
      const uint32_t b = ds->order_line_begin[o2];
      REQUIRE(ds->order_line_begin[o2 + 1] - b == 2);
      CHECK(ds->line_qty[b] == 3);
      CHECK(ds->line_qty[b + 1] == 1);
      CHECK(s->db().exec("PRAGMA main.user_version=25; PRAGMA facts.user_version=25;").ok());
    }
    std::filesystem::remove_all(dir);
  }
}
