#include "core/members/membership.h"

#include <algorithm>

#include "core/members/programme.h"
#include "core/store/store.h"

namespace shopkeeper::members {

Result<MemberRecords> load_member_records(Store& store, const Dataset& ds) {
  auto prog = load_programme(store, ds);
  if (!prog) return prog.error();
  auto in = load_tag_inputs(store, ds);
  if (!in) return in.error();
  in->birthdays = prog->birthdays;  // "birthday this month" reads the customers' birthdays
  auto rules = load_tag_rules(store);
  if (!rules) return make_error(ErrorCode::parse_error, "setting members.tag_rules: " + rules.error().message);
  for (const TagRule& r : *rules)
    if (auto st = validate_rule(ds, r); !st) return make_error(ErrorCode::invalid_argument, "setting members.tag_rules: " + st.error().message);
  auto segs = load_segments(store);
  if (!segs) return make_error(ErrorCode::parse_error, "member_segments: " + segs.error().message);
  auto view = member_view(ds, *prog, *rules, *in);
  if (!view) return view.error();
  return MemberRecords{std::move(*rules), std::move(*segs), std::move(*view)};
}

std::vector<std::string> segments_of(const Dataset& ds, const MemberRecords& m, int32_t customer) {
  std::vector<std::string> out;
  if (customer < 0) return out;
  for (const StoredSegment& s : m.segments) {
    const SegmentResult r = evaluate_segment(ds, s.filter, m.view.rfm, m.view.tier_name, m.view.tags);
    // members are by customer index
    auto it = std::lower_bound(r.members.begin(), r.members.end(), customer,
                               [](const SegmentMember& a, int32_t c) { return a.customer < c; });
    if (it != r.members.end() && it->customer == customer) out.push_back(s.id);
  }
  return out;
}

Result<std::vector<std::string>> customer_segments(Store& store, const std::string& customer_id) {
  auto ds = load_dataset(store);
  if (!ds) return ds.error();
  const auto it = std::find(ds->customer_id.begin(), ds->customer_id.end(), customer_id);
  if (customer_id.empty() || it == ds->customer_id.end()) return std::vector<std::string>{};
  auto m = load_member_records(store, *ds);
  if (!m) return m.error();
  return segments_of(*ds, *m, static_cast<int32_t>(it - ds->customer_id.begin()));
}

}  // namespace shopkeeper::members
