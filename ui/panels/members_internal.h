// What the members panel's files share: the per-revision cache and the draw functions of the
// tabs (ui/panels/members.cpp, ui/panels/members_figures.cpp). Not for other panels.
#pragma once
#include <string>
#include <vector>

#include "core/members/customers.h"
#include "core/members/programme.h"
#include "core/members/rfm.h"
#include "core/members/tags.h"
#include "ui/panels/members.h"
#include "ui/widgets/sliced_job.h"

namespace shopkeeper::ui {

struct MembersCache {
  std::string error;  // non-empty: the records could not be read
  Workspace::MembersTables tables;  // the records; manual tags and birthdays freed once in `t`
  // One set of columns per customer (issue #11 memory): list figures, RFM scores, tier, points,
  // tags; the RFM grid and the programme's totals (core/members/customers.h MemberTable).
  members::MemberTable t;
  std::vector<std::string> tag_names;               // every tag given, sorted
  std::vector<int64_t> tag_counts;                  // customers per tag_names entry
  std::vector<members::SegmentResult> saved;        // per tables.segments entry: count and sales (members
                                                    // evaluated again when exported)
  // RFM flow against an earlier snapshot (flow_days before), recomputed when the days change
  members::RfmFlow flow;
  bool has_flow = false;
  // The ledger is not kept (0.75 entries per order line): one customer's entries are derived
  // when a profile or the points tab shows them (members_ledger_of), kept for that customer.
  int32_t ledger_customer = -1;
  std::vector<members::PointsEntry> ledger;
};

struct MembersClvJob : SlicedJob {
  members::ClvFitter fitter;
  AdaptiveSlice slice{{2000, 100, 1000000, 30.0, 120.0}};
};

const char* segment_label(members::Segment s);
const char* segment_definition(members::Segment s);
const char* fit_code_label(members::FitCode c);
// One points-entry row of a ledger table: day, [customer,] kind, points, reason, order.
void members_entry_row(const Dataset& ds, const members::PointsEntry& e, bool with_customer);
// A points entry's reason: the derived codes worded, the seller's own text as it is.
const char* members_reason_label(const std::string& reason);

// Customer index `customer`'s points entries in day order (derived once per customer).
const std::vector<members::PointsEntry>& members_ledger_of(const Dataset& ds, MembersCache& c, int32_t customer);

void draw_members_rfm(PanelContext& cx, MembersUi& ui, MembersCache& c);
void draw_members_clv(PanelContext& cx, MembersUi& ui, MembersCache& c);
void draw_members_tiers(PanelContext& cx, MembersUi& ui, MembersCache& c);
void draw_members_points(PanelContext& cx, MembersUi& ui, MembersCache& c);
void draw_members_segments(PanelContext& cx, MembersUi& ui, MembersCache& c);
// The CLV query the section fits: calibration to 13 weeks before the last order, weeks.
members::ClvQuery members_clv_query(const Dataset& ds, int model);

}  // namespace shopkeeper::ui
