#include "core/members/customers.h"

#include <algorithm>

#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper::members {

namespace {
bool valid(const Dataset& ds, size_t o) {
  return ds.order_customer[o] >= 0 && is_valid_order(static_cast<OrderStatus>(ds.order_status[o]));
}
}  // namespace

std::vector<CustomerRow> customer_rows(const Dataset& ds) {
  const size_t nc = ds.customer_id.size();
  std::vector<CustomerRow> all(nc);
  const size_t ncat = static_cast<size_t>(ds.categories.size());
  const size_t nch = static_cast<size_t>(ds.channels.size());
  // Per-customer category revenue and channel counts, kept sparse: a customer's orders are
  // scattered in time, so tallies live in small per-customer lists.
  std::vector<std::vector<std::pair<int32_t, Money>>> cat(nc);
  std::vector<std::vector<std::pair<int32_t, int32_t>>> chan(nc);
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!valid(ds, o)) continue;
    const size_t c = static_cast<size_t>(ds.order_customer[o]);
    CustomerRow& r = all[c];
    if (r.orders == 0) r.first_day = ds.order_day[o];
    r.orders += 1;
    r.sales += ds.order_paid[o];
    r.last_day = std::max(r.last_day, ds.order_day[o]);
    r.first_day = std::min(r.first_day, ds.order_day[o]);
    if (ds.order_channel[o] >= 0 && static_cast<size_t>(ds.order_channel[o]) < nch) {
      auto& v = chan[c];
      auto it = std::find_if(v.begin(), v.end(), [&](auto& p) { return p.first == ds.order_channel[o]; });
      if (it == v.end()) v.push_back({ds.order_channel[o], 1});
      else it->second += 1;
    }
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) continue;
      const int32_t k = ds.product_category[static_cast<size_t>(p)];
      if (k < 0 || static_cast<size_t>(k) >= ncat) continue;
      const Money rev = static_cast<Money>(ds.line_qty[l]) * ds.line_price[l] - ds.line_discount[l];
      auto& v = cat[c];
      auto it = std::find_if(v.begin(), v.end(), [&](auto& q) { return q.first == k; });
      if (it == v.end()) v.push_back({k, rev});
      else it->second += rev;
    }
  }
  for (size_t r = 0; r < ds.refund_order.size(); ++r) {
    const int32_t o = ds.refund_order[r];
    if (o < 0 || !valid(ds, static_cast<size_t>(o))) continue;
    all[static_cast<size_t>(ds.order_customer[static_cast<size_t>(o)])].refunds += ds.refund_amount[r];
  }
  std::vector<CustomerRow> out;
  for (size_t c = 0; c < nc; ++c) {
    CustomerRow& r = all[c];
    if (r.orders == 0) continue;
    r.customer = static_cast<int32_t>(c);
    int32_t best = -1;
    Money bv = 0;
    for (auto& [k, v] : cat[c])
      if (best < 0 || v > bv || (v == bv && k < best)) best = k, bv = v;
    r.category = best;
    best = -1;
    int32_t bn = 0;
    for (auto& [k, n] : chan[c])
      if (best < 0 || n > bn || (n == bn && k < best)) best = k, bn = n;
    r.channel = static_cast<int16_t>(best);  // a Dataset channel index, itself 16-bit
    out.push_back(r);
  }
  return out;
}

CustomerProfile customer_profile(const Dataset& ds, int32_t customer, const TagInputs& in) {
  CustomerProfile p;
  p.customer = customer;
  if (customer < 0 || static_cast<size_t>(customer) >= ds.customer_id.size()) return p;
  std::vector<BoughtProduct> bought;
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (ds.order_customer[o] != customer) continue;
    p.orders.push_back(static_cast<int32_t>(o));
    if (!valid(ds, o)) continue;
    if (o < in.order_has_coupon.size() && in.order_has_coupon[o]) p.coupon_orders += 1;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t pr = ds.line_product[l];
      if (pr < 0) continue;
      auto it = std::find_if(bought.begin(), bought.end(), [&](auto& b) { return b.product == pr; });
      if (it == bought.end()) it = bought.insert(bought.end(), BoughtProduct{pr, 0, 0});
      it->units += ds.line_qty[l];
      it->revenue += static_cast<Money>(ds.line_qty[l]) * ds.line_price[l] - ds.line_discount[l];
    }
  }
  std::stable_sort(bought.begin(), bought.end(), [](auto& a, auto& b) { return a.revenue > b.revenue; });
  p.bought = std::move(bought);
  for (size_t r = 0; r < ds.refund_order.size(); ++r) {
    const int32_t o = ds.refund_order[r];
    if (o >= 0 && ds.order_customer[static_cast<size_t>(o)] == customer) p.refunds.push_back(static_cast<int32_t>(r));
  }
  std::stable_sort(p.refunds.begin(), p.refunds.end(), [&](int32_t a, int32_t b) {
    return ds.refund_day[static_cast<size_t>(a)] < ds.refund_day[static_cast<size_t>(b)];
  });
  return p;
}

Result<std::vector<StoredSegment>> load_segments(Store& store) {
  auto st = store.db().prepare("SELECT id, name, filter_json FROM member_segments ORDER BY id");
  if (!st) return st.error();
  std::vector<StoredSegment> out;
  while (st->step()) {
    StoredSegment s;
    s.id = st->text(0);
    s.name = st->text(1);
    auto f = segment_filter_from_json(st->text(2));
    if (!f) return make_error(ErrorCode::parse_error, "segment \"" + s.id + "\": " + f.error().message);
    s.filter = std::move(*f);
    out.push_back(std::move(s));
  }
  return out;
}

Status save_segment(Writer& w, const StoredSegment& s) {
  if (s.id.empty() || s.name.empty()) return make_error(ErrorCode::invalid_argument, "segment: id and name must not be empty");
  auto st = w.db().prepare("INSERT OR REPLACE INTO member_segments(id, name, filter_json) VALUES(?, ?, ?)");
  if (!st) return st.error();
  st->bind(1, s.id).bind(2, s.name).bind(3, segment_filter_to_json(s.filter));
  return st->run();
}

Result<std::vector<TagRule>> load_tag_rules(Store& store) {
  const std::string text = store.setting("members.tag_rules");
  if (text.empty()) return std::vector<TagRule>{};
  return tag_rules_from_json(text);
}

Result<MemberView> member_view(const Dataset& ds, const MemberProgramme& p, const std::vector<TagRule>& rules, const TagInputs& in) {
  MemberView v;
  const size_t nc = ds.customer_id.size();
  if (ds.orders() > 0) {
    auto rfm = compute_rfm(ds, RfmQuery{});
    if (!rfm) return rfm.error();
    v.rfm = std::move(*rfm);
  }
  ProgrammeKeep keep;  // statuses only: a profile derives its customer's ledger (customer_ledger)
  keep.ledger = false;
  keep.history = false;
  auto pr = run_programme(ds, p, 0, keep);
  if (!pr) return pr.error();
  v.programme = std::move(*pr);
  for (const TierLevel& l : p.tiers.levels) v.tier_name.names.push_back(l.name);
  v.tier_name.index.assign(nc, -1);
  for (const MemberStatus& m : v.programme.members)
    if (m.tier >= 0 && static_cast<size_t>(m.tier) < p.tiers.levels.size()) v.tier_name.index[static_cast<size_t>(m.customer)] = m.tier;
  auto tags = compute_tags(ds, rules, in, ds.order_days().last);
  if (!tags) return tags.error();
  v.tags = std::move(*tags);
  return v;
}

}  // namespace shopkeeper::members

namespace shopkeeper::members {

const std::string& MemberTable::tier_name(size_t c) const {
  static const std::string none;
  if (c >= tier.size() || tier[c] < 0 || static_cast<size_t>(tier[c]) >= tier_names.size()) return none;
  return tier_names[static_cast<size_t>(tier[c])];
}

size_t MemberTable::memory_bytes() const {
  size_t b = (sales.capacity() + refunds.capacity() + spend_12m.capacity()) * sizeof(Money) + points.capacity() * sizeof(int64_t);
  b += last_day.capacity() * sizeof(Day) + (orders.capacity() + orders_12m.capacity()) * sizeof(int32_t);
  b += (category.capacity() + channel.capacity()) * sizeof(int16_t) + tier.capacity() + rfm.capacity() + birth_month.capacity();
  for (const std::string& n : tier_names) b += sizeof(std::string) + (n.capacity() > 15 ? n.capacity() + 1 : 0);
  b += tags.memory_bytes() + rfm_summary.rows.capacity() * sizeof(RfmRow) + programme.members.capacity() * sizeof(MemberStatus);
  return b + programme.tier_counts.capacity() * sizeof(int64_t);
}

Result<MemberTable> member_table(const Dataset& ds, const MemberProgramme& p, const std::vector<TagRule>& rules, const TagInputs& in) {
  if (p.tiers.levels.size() > 127) return make_error(ErrorCode::invalid_argument, "at most 127 tier levels can be kept (the scheme has " + std::to_string(p.tiers.levels.size()) + ")");
  if (ds.categories.size() > 32767) return make_error(ErrorCode::invalid_argument, "at most 32,767 categories can be kept (the store has " + std::to_string(ds.categories.size()) + ")");
  auto v = member_view(ds, p, rules, in);
  if (!v) return v.error();
  const size_t nc = ds.customer_id.size();
  MemberTable t;
  t.snapshot = v->rfm.snapshot;
  t.sales.assign(nc, 0);
  t.refunds.assign(nc, 0);
  t.spend_12m.assign(nc, 0);
  t.points.assign(nc, 0);
  t.last_day.assign(nc, 0);
  t.orders.assign(nc, 0);
  t.orders_12m.assign(nc, 0);
  t.category.assign(nc, -1);
  t.channel.assign(nc, -1);
  t.tier.assign(nc, -1);
  t.rfm.assign(nc, 255);
  t.birth_month.assign(nc, 0);
  // The list's figures (all valid orders, refunds of any date).
  for (const CustomerRow& r : customer_rows(ds)) {
    const size_t c = static_cast<size_t>(r.customer);
    t.sales[c] = r.sales;
    t.refunds[c] = r.refunds;
    t.last_day[c] = r.last_day;
    t.orders[c] = r.orders;
    t.category[c] = static_cast<int16_t>(r.category);  // < 32,767 categories (checked above)
    t.channel[c] = r.channel;
    t.customers += 1;
  }
  for (const RfmRow& r : v->rfm.rows)
    t.rfm[static_cast<size_t>(r.customer)] = static_cast<uint8_t>(((r.r - 1) * 5 + (r.f - 1)) * 5 + (r.m - 1));
  for (const MemberStatus& m : v->programme.members) {
    const size_t c = static_cast<size_t>(m.customer);
    t.spend_12m[c] = m.spend_12m;
    t.orders_12m[c] = m.orders_12m;
    t.points[c] = m.points;
    t.tier[c] = static_cast<int8_t>(m.tier);
  }
  for (size_t c = 0; c < nc && c < p.birthdays.size(); ++c)
    if (p.birthdays[c] >= 0) t.birth_month[c] = static_cast<uint8_t>(civil_from_days(p.birthdays[c]).m);
  t.tier_names = std::move(v->tier_name.names);
  t.tags = std::move(v->tags);
  t.tags.ids.shrink_to_fit();  // built by appending: no spare capacity kept
  t.tags.start.shrink_to_fit();
  t.rfm_summary = std::move(v->rfm);
  decltype(t.rfm_summary.rows)().swap(t.rfm_summary.rows);  // freed (assigning {} would keep the capacity)
  t.programme = std::move(v->programme);
  decltype(t.programme.members)().swap(t.programme.members);  // freed (assigning {} would keep the capacity)
  return t;
}

SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const MemberTable& t) {
  std::vector<int8_t> seg(t.size(), -1);
  for (size_t c = 0; c < t.size(); ++c)
    if (t.has_rfm(c)) seg[c] = static_cast<int8_t>(t.segment(c));
  return evaluate_segment(ds, f, seg, [&](size_t c) -> const std::string& { return t.tier_name(c); }, t.tags);
}

}  // namespace shopkeeper::members
