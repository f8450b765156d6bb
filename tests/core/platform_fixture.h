// What the platform-report and shops tests share (tests/core/platform_reports_test.cpp,
// tests/core/shops_test.cpp): their fixture files and one-value queries on a store.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "core/store/store.h"
#include "fixture.h"

namespace shopkeeper::fixture {

// A file of tests/data/import/platforms/ (make_platform_fixtures.py).
inline std::string platform_file(const std::string& name) { return import_fixture("platforms/" + name); }

// The first column of the first row of `sql`, as an integer, a real or text ("<none>", "<null>").
inline int64_t q(Store& s, const std::string& sql) {
  auto v = s.db().scalar(sql);
  REQUIRE_MESSAGE(v.ok(), sql);
  return *v;
}

inline double qd(Store& s, const std::string& sql) {
  auto st = s.db().prepare(sql);
  REQUIRE_MESSAGE(st.ok(), sql);
  REQUIRE_MESSAGE(st->step(), sql);
  return st->f64(0);
}

inline std::string qs(Store& s, const std::string& sql) {
  auto st = s.db().prepare(sql);
  REQUIRE_MESSAGE(st.ok(), sql);
  if (!st->step()) return "<none>";
  return st->is_null(0) ? "<null>" : st->text(0);
}

}  // namespace shopkeeper::fixture
