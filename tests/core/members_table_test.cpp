// The Members section's table (core/members/customers.h MemberTable, issue #11 memory): one set
// of columns per customer instead of the RFM rows, the list rows and the programme's statuses.
// Everything it derives instead of keeping must equal what those rows held, customer by
// customer, on a demo store that has tiers, points, birthdays, rule and manual tags and saved
// segments.
#include <doctest/doctest.h>

#include "core/demo/generator.h"
#include "core/members/customers.h"
#include "core/members/membership.h"
#include "core/members/programme.h"
#include "core/store/store.h"
#include "tests/core/fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::members;

TEST_CASE("members: the section's table holds the list's, the RFM's and the programme's figures once") {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  DemoOptions opt;
  opt.order_lines = 6000;
  opt.end_day = days_from_civil(2026, 11, 22);
  REQUIRE(generate_demo(*s, opt).ok());
  auto ds = load_dataset(*s);
  REQUIRE(ds.ok());
  auto recs = load_member_records(*s, *ds);
  REQUIRE(recs.ok());
  auto prog = load_programme(*s, *ds);
  REQUIRE(prog.ok());
  auto in = load_tag_inputs(*s, *ds);
  REQUIRE(in.ok());
  in->birthdays = prog->birthdays;
  auto t = member_table(*ds, *prog, recs->rules, *in);
  REQUIRE(t.ok());
  const MemberView& v = recs->view;
  const auto rows = customer_rows(*ds);
  REQUIRE(t->size() == ds->customer_id.size());
  CHECK(t->customers == static_cast<int64_t>(rows.size()));
  // The three kinds of rows are the same customers (valid orders, all history, default snapshot).
  REQUIRE(v.rfm.rows.size() == rows.size());
  REQUIRE(v.programme.members.size() == rows.size());
  CHECK(t->snapshot == v.rfm.snapshot);
  int with_birthday = 0, with_tags = 0, not_entry = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const CustomerRow& r = rows[i];
    const RfmRow& f = v.rfm.rows[i];
    const MemberStatus& m = v.programme.members[i];
    const size_t c = static_cast<size_t>(r.customer);
    CAPTURE(c);
    REQUIRE(f.customer == r.customer);
    REQUIRE(m.customer == r.customer);
    // the list: first order day from the Dataset, the rest kept
    CHECK(ds->customer_first_order_day[c] == r.first_day);
    CHECK(t->last_day[c] == r.last_day);
    CHECK(t->orders[c] == r.orders);
    CHECK(t->sales[c] == r.sales);
    CHECK(t->refunds[c] == r.refunds);
    CHECK(t->category[c] == r.category);
    CHECK(t->channel[c] == r.channel);
    // the RFM: frequency, monetary and last day are the list's; scores packed, fm and segment derived
    CHECK(f.frequency == r.orders);
    CHECK(f.monetary == r.sales);
    CHECK(f.last_day == r.last_day);
    REQUIRE(t->has_rfm(c));
    CHECK(t->r(c) == f.r);
    CHECK(t->f(c) == f.f);
    CHECK(t->m(c) == f.m);
    CHECK(t->segment(c) == f.segment);
    CHECK(t->recency_days(c) == f.recency_days(v.rfm.snapshot));
    // the programme: tier, 12-month figures, points kept; the gap to the next tier derived
    CHECK(t->tier[c] == m.tier);
    CHECK(t->tier_name(c) == v.tier_name[c]);
    CHECK(t->spend_12m[c] == m.spend_12m);
    CHECK(t->orders_12m[c] == m.orders_12m);
    CHECK(t->points[c] == m.points);
    const TierGap g = tier_gap(prog->tiers, t->tier[c], t->spend_12m[c], t->orders_12m[c]);
    CHECK(g.next_tier == m.next_tier);
    CHECK(g.spend_to_next == m.spend_to_next);
    CHECK(g.orders_to_next == m.orders_to_next);
    // tags as the view's; the birthday month as the stored birthday's
    CHECK(t->tags[c].strings() == v.tags[c].strings());
    const Day bd = prog->birthdays[c];
    CHECK(t->birth_month[c] == (bd >= 0 ? civil_from_days(bd).m : 0));
    with_birthday += bd >= 0;
    with_tags += !v.tags[c].empty();
    not_entry += m.tier > 0;
  }
  // The demo store exercises what is compared: birthdays, tags and tiers above the entry level.
  CHECK(with_birthday > 0);
  CHECK(with_tags > 0);
  CHECK(not_entry > 0);
  // The RFM grid and the programme's totals are kept without their rows.
  CHECK(t->rfm_summary.rows.capacity() == 0);  // freed, not just emptied
  CHECK(t->programme.members.capacity() == 0);
  for (int k = 0; k < kSegmentCount; ++k) CHECK(t->rfm_summary.by_segment[static_cast<size_t>(k)].customers == v.rfm.by_segment[static_cast<size_t>(k)].customers);
  CHECK(t->programme.tier_counts == v.programme.tier_counts);
  CHECK(t->programme.outstanding_points == v.programme.outstanding_points);
  // Every saved segment has the same members over the table as over the view.
  REQUIRE(!recs->segments.empty());
  for (const StoredSegment& seg : recs->segments) {
    const SegmentResult a = evaluate_segment(*ds, seg.filter, *t);
    const SegmentResult b = evaluate_segment(*ds, seg.filter, v.rfm, v.tier_name, v.tags);
    CAPTURE(seg.id);
    CHECK(a.count == b.count);
    CHECK(a.revenue == b.revenue);
    CHECK(segment_csv(*ds, a) == segment_csv(*ds, b));
  }
  // Over 127 tier levels the table refuses (its tier column is 8-bit).
  MemberProgramme many = *prog;
  many.tiers.levels.resize(128, many.tiers.levels.back());
  auto refused = member_table(*ds, many, recs->rules, *in);
  REQUIRE(!refused.ok());
  CHECK(refused.error().message.find("at most 127 tier levels") != std::string::npos);
  // Over 32,767 categories too (its favourite-category column is 16-bit); 32,767 are kept.
  Dataset wide = *ds;
  while (wide.categories.size() < 32767) wide.categories.names.push_back("c" + std::to_string(wide.categories.size()));
  CHECK(member_table(wide, *prog, recs->rules, *in).ok());
  wide.categories.names.push_back("one more");
  auto too_wide = member_table(wide, *prog, recs->rules, *in);
  REQUIRE(!too_wide.ok());
  CHECK(too_wide.error().message.find("at most 32,767 categories") != std::string::npos);
}
