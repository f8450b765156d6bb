#include "core/members/rfm.h"

#include <algorithm>

#include "core/model/entities.h"

namespace shopkeeper::members {

namespace {

const char* kSegmentCodes[kSegmentCount] = {"champions",       "loyal",          "potential_loyalists", "new",
                                            "promising",       "needs_attention", "about_to_sleep",      "at_risk",
                                            "cant_lose",       "hibernating",    "lost"};

using S = Segment;
// kGrid[fm - 1][r - 1]: rows FM 1..5 (bottom to top in the docs' picture), columns R 1..5.
const Segment kGrid[5][5] = {
    /* FM1 */ {S::lost, S::hibernating, S::about_to_sleep, S::promising, S::new_customers},
    /* FM2 */ {S::hibernating, S::hibernating, S::about_to_sleep, S::potential_loyalists, S::potential_loyalists},
    /* FM3 */ {S::at_risk, S::at_risk, S::needs_attention, S::potential_loyalists, S::potential_loyalists},
    /* FM4 */ {S::at_risk, S::at_risk, S::loyal, S::loyal, S::champions},
    /* FM5 */ {S::cant_lose, S::cant_lose, S::loyal, S::loyal, S::champions},
};

// Scores `key` (higher = better) of every row into out[i]. Ranks without a comparison sort:
// a histogram when the values span a small range (recency in days, order counts), else an LSD
// radix sort of the row indices on 16-bit digits of key - min (money).
void score(const std::vector<int64_t>& key, std::vector<uint8_t>& out) {
  const size_t n = key.size();
  out.assign(n, 0);
  if (n == 0) return;
  int64_t mn = key[0], mx = key[0];
  for (int64_t v : key) mn = std::min(mn, v), mx = std::max(mx, v);
  const uint64_t range = static_cast<uint64_t>(mx) - static_cast<uint64_t>(mn);
  const int64_t nn = static_cast<int64_t>(n);
  if (range < 4 * static_cast<uint64_t>(n) + 1024) {
    std::vector<int64_t> count(static_cast<size_t>(range) + 1, 0);
    for (int64_t v : key) ++count[static_cast<size_t>(v - mn)];
    std::vector<uint8_t> s(count.size(), 0);
    int64_t worse = 0;
    for (size_t v = 0; v < count.size(); ++v) {
      if (count[v]) s[v] = quintile_score(worse, count[v], nn);
      worse += count[v];
    }
    for (size_t i = 0; i < n; ++i) out[i] = s[static_cast<size_t>(key[i] - mn)];
    return;
  }
  std::vector<uint32_t> idx(n), tmp(n);
  for (size_t i = 0; i < n; ++i) idx[i] = static_cast<uint32_t>(i);
  std::vector<uint32_t> count(65536);
  for (int shift = 0; shift < 64 && (range >> shift) != 0; shift += 16) {
    std::fill(count.begin(), count.end(), 0u);
    auto digit = [&](uint32_t i) { return static_cast<size_t>(((static_cast<uint64_t>(key[i]) - static_cast<uint64_t>(mn)) >> shift) & 0xFFFFu); };
    for (uint32_t i : idx) ++count[digit(i)];
    uint32_t sum = 0;
    for (uint32_t& c : count) {
      const uint32_t k = c;
      c = sum;
      sum += k;
    }
    for (uint32_t i : idx) tmp[count[digit(i)]++] = i;
    idx.swap(tmp);
  }
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && key[idx[j]] == key[idx[i]]) ++j;
    const uint8_t sc = quintile_score(static_cast<int64_t>(i), static_cast<int64_t>(j - i), nn);
    for (size_t k = i; k < j; ++k) out[idx[k]] = sc;
    i = j;
  }
}

}  // namespace

const char* segment_code(Segment s) { return kSegmentCodes[static_cast<size_t>(s)]; }

bool find_segment(const std::string& code, Segment& out) {
  for (int i = 0; i < kSegmentCount; ++i)
    if (code == kSegmentCodes[i]) {
      out = static_cast<Segment>(i);
      return true;
    }
  return false;
}

Segment segment_of(int r, int fm) { return kGrid[std::clamp(fm, 1, 5) - 1][std::clamp(r, 1, 5) - 1]; }

uint8_t quintile_score(int64_t worse, int64_t equal, int64_t n) {
  if (n <= 0 || equal >= n) return 3;  // nothing to rank: neutral
  // score = 1 + floor(5 worse / n): the share of customers strictly worse, in fifths (< 5 as worse < n).
  const int64_t s = 1 + (5 * worse) / n;
  return static_cast<uint8_t>(std::min<int64_t>(5, s));
}

Result<Rfm> compute_rfm(const Dataset& ds, const RfmQuery& q) {
  if (q.window_days < 0) return make_error(ErrorCode::invalid_argument, "the RFM window must be 0 (all history) or a number of days");
  const DayRange all = ds.order_days();
  if (all.length() == 0) return make_error(ErrorCode::invalid_argument, "the store has no orders");
  Rfm out;
  out.query = q;
  out.snapshot = q.snapshot > all.first ? q.snapshot : all.last + 1;
  out.window.last = out.snapshot - 1;
  out.window.first = q.window_days > 0 ? out.snapshot - q.window_days : all.first;

  const size_t nc = ds.customer_id.size();
  std::vector<int32_t> row_of(nc, -1);
  auto [lo, hi] = ds.orders_in(out.window);
  for (size_t o = lo; o < hi; ++o) {
    const int32_t c = ds.order_customer[o];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    int32_t& ri = row_of[static_cast<size_t>(c)];
    if (ri < 0) {
      ri = static_cast<int32_t>(out.rows.size());
      RfmRow r;
      r.customer = c;
      r.first_day = ds.order_day[o];
      out.rows.push_back(r);
    }
    RfmRow& r = out.rows[static_cast<size_t>(ri)];
    r.frequency += 1;
    r.monetary += ds.order_paid[o];
    r.last_day = ds.order_day[o];  // orders are in placed order
  }
  auto [ra, rb] = ds.refunds_of_orders(lo, hi);
  for (size_t k = ra; k < rb; ++k) {
    const size_t f = static_cast<size_t>(ds.refund_by_order[k]);
    const size_t o = static_cast<size_t>(ds.refund_order[f]);
    const int32_t c = ds.order_customer[o];
    if (c < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    if (ds.refund_day[f] >= out.snapshot) continue;
    const int32_t ri = row_of[static_cast<size_t>(c)];
    if (ri >= 0) out.rows[static_cast<size_t>(ri)].refunds += ds.refund_amount[f];
  }
  {  // into customer order: a gather through row_of (no sort)
    std::vector<RfmRow> sorted;
    sorted.reserve(out.rows.size());
    for (size_t c = 0; c < nc; ++c)
      if (row_of[c] >= 0) sorted.push_back(out.rows[static_cast<size_t>(row_of[c])]);
    out.rows.swap(sorted);
  }

  const size_t n = out.rows.size();
  std::vector<int64_t> kr(n), kf(n), km(n);
  for (size_t i = 0; i < n; ++i) {
    RfmRow& r = out.rows[i];
    kr[i] = -static_cast<int64_t>(r.recency_days(out.snapshot));
    kf[i] = r.frequency;
    km[i] = r.monetary;
  }
  std::vector<uint8_t> sr, sf, sm;
  score(kr, sr);
  score(kf, sf);
  score(km, sm);
  for (size_t i = 0; i < n; ++i) {
    RfmRow& r = out.rows[i];
    r.r = sr[i];
    r.f = sf[i];
    r.m = sm[i];
    r.fm = static_cast<uint8_t>((r.f + r.m + 1) / 2);
    r.segment = segment_of(r.r, r.fm);
    RfmCell& g = out.grid[r.r - 1u][r.fm - 1u];
    g.customers += 1;
    g.revenue += r.monetary;
    RfmCell& s = out.by_segment[static_cast<size_t>(r.segment)];
    s.customers += 1;
    s.revenue += r.monetary;
  }
  return out;
}

RfmFlow rfm_flow(const Dataset& ds, const Rfm& from, const Rfm& to) {
  RfmFlow fl;
  const size_t nc = ds.customer_id.size();
  std::vector<uint8_t> a(nc, kSegmentCount), b(nc, kSegmentCount);
  std::vector<Money> mb(nc, 0);
  for (const RfmRow& r : from.rows) a[static_cast<size_t>(r.customer)] = static_cast<uint8_t>(r.segment);
  for (const RfmRow& r : to.rows) {
    b[static_cast<size_t>(r.customer)] = static_cast<uint8_t>(r.segment);
    mb[static_cast<size_t>(r.customer)] = r.monetary;
  }
  for (size_t c = 0; c < nc; ++c) {
    if (a[c] == kSegmentCount && b[c] == kSegmentCount) continue;
    fl.flow[a[c]][b[c]] += 1;
    fl.revenue[a[c]][b[c]] += mb[c];
  }
  return fl;
}

}  // namespace shopkeeper::members
