#include "core/members/programme.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <deque>

#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper::members {

namespace {

const char* kKindNames[] = {"earn", "redeem", "expire", "adjust", "reverse"};

struct Lot {
  int year = 0;
  int64_t left = 0;
};

struct Window {
  Day day;
  Money spend;
  int32_t orders;
};

struct State {
  bool seen = false;
  int32_t tier = 0;
  std::deque<Window> window;
  Money spend = 0;
  int64_t orders = 0;
  std::deque<Lot> lots;
  int64_t debt = 0;  // debits beyond the unexpired points, repaid by the next earnings
  int64_t balance = 0;
  int last_birthday_year = INT_MIN;
  std::vector<TierChange> changes;
};

int year_of(Day d) { return civil_from_days(d).y; }

int32_t qualified(const TierScheme& s, Money spend, int64_t orders) {
  int32_t q = 0;
  for (size_t i = 1; i < s.levels.size(); ++i) {
    const TierLevel& l = s.levels[i];
    if ((l.min_spend > 0 && spend >= l.min_spend) || (l.min_orders > 0 && orders >= l.min_orders)) q = static_cast<int32_t>(i);
  }
  return q;
}

void roll(State& st, Day d) {
  while (!st.window.empty() && st.window.front().day <= d - 365) {
    st.spend -= st.window.front().spend;
    st.orders -= st.window.front().orders;
    st.window.pop_front();
  }
}

}  // namespace

const char* entry_kind_name(EntryKind k) { return kKindNames[static_cast<size_t>(k)]; }

bool find_entry_kind(const std::string& s, EntryKind& out) {
  for (size_t i = 0; i < 5; ++i)
    if (s == kKindNames[i]) {
      out = static_cast<EntryKind>(i);
      return true;
    }
  return false;
}

Status validate(const MemberProgramme& p) {
  auto bad = [](const std::string& m) -> Status { return make_error(ErrorCode::invalid_argument, m); };
  const auto& L = p.tiers.levels;
  if (L.empty()) return bad("the tier scheme has no levels");
  if (L[0].min_spend != 0 || L[0].min_orders != 0)
    return bad("tier \"" + L[0].name + "\": the first level is the entry level and takes no thresholds");
  for (size_t i = 0; i < L.size(); ++i) {
    if (L[i].name.empty()) return bad("tier " + std::to_string(i + 1) + " has no name");
    for (size_t j = 0; j < i; ++j)
      if (L[j].name == L[i].name) return bad("tier \"" + L[i].name + "\" is defined twice");
    if (L[i].min_spend < 0 || L[i].min_orders < 0) return bad("tier \"" + L[i].name + "\": thresholds must not be negative");
    if (L[i].points_multiplier_bp < 0) return bad("tier \"" + L[i].name + "\": the points multiplier would award negative points");
    if (L[i].discount_bp < 0 || L[i].discount_bp > 10000) return bad("tier \"" + L[i].name + "\": the discount must be 0-100 %");
    if (i >= 1) {
      if (L[i].min_spend == 0 && L[i].min_orders == 0) return bad("tier \"" + L[i].name + "\" has neither a spend nor an order threshold");
      // Overlap: a level's used threshold must be above every lower level's same threshold.
      for (size_t j = 1; j < i; ++j) {
        if (L[i].min_spend > 0 && L[j].min_spend >= L[i].min_spend)
          return bad("tiers \"" + L[j].name + "\" and \"" + L[i].name + "\" overlap: spend thresholds must increase");
        if (L[i].min_orders > 0 && L[j].min_orders >= L[i].min_orders)
          return bad("tiers \"" + L[j].name + "\" and \"" + L[i].name + "\" overlap: order thresholds must increase");
        if ((L[i].min_spend == 0) != (L[j].min_spend == 0) || (L[i].min_orders == 0) != (L[j].min_orders == 0))
          return bad("tiers \"" + L[j].name + "\" and \"" + L[i].name + "\" must use the same kinds of threshold");
      }
    }
  }
  if (p.tiers.review_month < 1 || p.tiers.review_month > 12 || p.tiers.review_day < 1 || p.tiers.review_day > 28)
    return bad("the tier review day must be a month 1-12 and a day 1-28");
  const PointsRules& r = p.points;
  if (r.points_per_major < 0 || r.signup_bonus < 0 || r.birthday_bonus < 0)
    return bad("the points rule would award negative points");
  if (r.point_value_minor < 0) return bad("a point's money value must not be negative");
  if (r.expire_after_years < 0) return bad("points expiry must be 0 (never) or a number of years");
  for (const BonusDay& b : r.bonus_days)
    if (b.multiplier_bp < 0) return bad("the bonus day " + format_day(b.day) + " would award negative points");
  for (const ManualEntry& e : p.manual) {
    if (e.kind != EntryKind::redeem && e.kind != EntryKind::adjust)
      return bad("points entry of " + e.customer_id + " on " + format_day(e.day) + ": only redeem and adjust entries are entered by hand");
    if (e.kind == EntryKind::redeem && e.delta >= 0)
      return bad("points entry of " + e.customer_id + " on " + format_day(e.day) + ": a redemption takes points (negative delta)");
  }
  return Ok{};
}

Result<ProgrammeResult> run_programme(const Dataset& ds, const MemberProgramme& p, Day as_of, ProgrammeKeep keep) {
  if (auto v = validate(p); !v) return v.error();
  ProgrammeResult out;
  const DayRange days = ds.order_days();
  out.as_of = as_of != 0 ? as_of : (days.length() > 0 ? days.last : 0);
  const size_t nc = ds.customer_id.size();

  // Events of the days up to as_of: 0 review, 1 expiry, 2 order, 3 refund, 4 manual.
  struct Ev {
    Day day;
    uint8_t type;
    int32_t idx;
  };
  std::vector<Ev> ev;
  auto wanted = [&](int32_t c) { return c >= 0 && (keep.only < 0 || c == keep.only); };
  for (size_t o = 0; o < ds.orders(); ++o)
    if (wanted(ds.order_customer[o]) && is_valid_order(static_cast<OrderStatus>(ds.order_status[o])) && ds.order_day[o] <= out.as_of)
      ev.push_back({ds.order_day[o], 2, static_cast<int32_t>(o)});
  for (size_t f = 0; f < ds.refund_order.size(); ++f) {
    const int32_t o = ds.refund_order[f];
    if (o < 0 || !wanted(ds.order_customer[static_cast<size_t>(o)]) ||
        !is_valid_order(static_cast<OrderStatus>(ds.order_status[static_cast<size_t>(o)])) || ds.refund_day[f] > out.as_of)
      continue;
    ev.push_back({std::max(ds.refund_day[f], ds.order_day[static_cast<size_t>(o)]), 3, static_cast<int32_t>(f)});
  }
  std::vector<int32_t> manual_customer(p.manual.size(), -1);
  if (!p.manual.empty()) {
    std::vector<std::pair<std::string_view, int32_t>> by_id;
    for (size_t c = 0; c < nc; ++c) by_id.push_back({ds.customer_id[c], static_cast<int32_t>(c)});
    std::sort(by_id.begin(), by_id.end());
    for (size_t i = 0; i < p.manual.size(); ++i) {
      auto it = std::lower_bound(by_id.begin(), by_id.end(), std::pair<std::string_view, int32_t>{p.manual[i].customer_id, INT32_MIN});
      if (it == by_id.end() || it->first != p.manual[i].customer_id)
        return make_error(ErrorCode::invalid_argument, "points entry on " + format_day(p.manual[i].day) + ": no customer \"" + p.manual[i].customer_id + "\"");
      manual_customer[i] = it->second;
      if (p.manual[i].day <= out.as_of && wanted(it->second)) ev.push_back({p.manual[i].day, 4, static_cast<int32_t>(i)});
    }
  }
  if (days.length() > 0) {
    for (int y = year_of(days.first); y <= year_of(out.as_of); ++y) {
      const Day r = days_from_civil(y, p.tiers.review_month, p.tiers.review_day);
      if (r > days.first && r <= out.as_of) ev.push_back({r, 0, 0});
      if (p.points.expire_after_years > 0) {
        const Day e = days_from_civil(y + p.points.expire_after_years + 1, 1, 1);
        if (e <= out.as_of) ev.push_back({e, 1, y});
      }
    }
  }
  std::stable_sort(ev.begin(), ev.end(), [](const Ev& a, const Ev& b) { return a.day != b.day ? a.day < b.day : a.type < b.type; });

  // One state per customer, or a single one when the run is for one customer (a profile's
  // ledger: no per-customer allocation over the whole store).
  std::vector<State> st(keep.only >= 0 ? 1 : nc);
  auto state = [&](int32_t c) -> State& { return st[keep.only >= 0 ? 0 : static_cast<size_t>(c)]; };
  auto customer_of = [&](size_t i) { return keep.only >= 0 ? static_cast<size_t>(keep.only) : i; };
  std::vector<int64_t> earned(ds.orders(), 0), reversed(ds.orders(), 0);
  std::vector<Day> bonus_day;
  std::vector<int64_t> bonus_bp;
  {
    std::vector<BonusDay> b = p.points.bonus_days;
    std::sort(b.begin(), b.end(), [](const BonusDay& x, const BonusDay& y) { return x.day < y.day; });
    for (const BonusDay& x : b) {
      bonus_day.push_back(x.day);
      bonus_bp.push_back(x.multiplier_bp);
    }
  }
  auto entry = [&](int32_t c, Day d, EntryKind k, int64_t delta, std::string reason, std::string order) {
    if (keep.ledger) out.entries.push_back({c, d, k, delta, std::move(reason), std::move(order)});
    ++out.entry_count;
    state(c).balance += delta;
  };
  auto credit = [&](State& s, int year, int64_t pts) {
    const int64_t repay = std::min(s.debt, pts);
    s.debt -= repay;
    pts -= repay;
    if (pts <= 0) return;
    if (!s.lots.empty() && s.lots.back().year == year) s.lots.back().left += pts;
    else s.lots.push_back({year, pts});
  };
  auto debit = [&](State& s, int64_t pts) {
    while (pts > 0 && !s.lots.empty()) {
      const int64_t take = std::min(pts, s.lots.front().left);
      s.lots.front().left -= take;
      pts -= take;
      if (s.lots.front().left == 0) s.lots.pop_front();
    }
    s.debt += pts;
  };
  auto set_tier = [&](State& s, Day d, int32_t t) {
    if (t == s.tier) return;
    if (keep.history) s.changes.push_back({d, s.tier, t});
    s.tier = t;
  };
  const Money per_major = 100;

  for (const Ev& e : ev) {
    switch (e.type) {
      case 0:  // review: downgrade (or upgrade) to the level qualified for on the day
        for (State& s : st) {
          if (!s.seen) continue;
          roll(s, e.day);
          set_tier(s, e.day, qualified(p.tiers, s.spend, s.orders));
        }
        break;
      case 1:  // expiry of the points earned in year e.idx and before
        for (size_t i = 0; i < st.size(); ++i) {
          State& s = st[i];
          const size_t c = customer_of(i);
          int64_t gone = 0;
          while (!s.lots.empty() && s.lots.front().year <= e.idx) {
            gone += s.lots.front().left;
            s.lots.pop_front();
          }
          if (gone > 0) entry(static_cast<int32_t>(c), e.day, EntryKind::expire, -gone, "expiry", "");
        }
        break;
      case 2: {
        const size_t o = static_cast<size_t>(e.idx);
        const int32_t c = ds.order_customer[o];
        State& s = state(c);
        const Money spend = ds.order_paid[o] - ds.order_shipping[o];
        const int y = year_of(e.day);
        if (!s.seen) {
          s.seen = true;
          if (keep.history) s.changes.push_back({e.day, -1, 0});
          if (p.points.signup_bonus > 0) {
            entry(c, e.day, EntryKind::earn, p.points.signup_bonus, "signup", ds.order_id[o]);
            credit(s, y, p.points.signup_bonus);
          }
        }
        const Day bd = p.birthdays.size() == nc ? p.birthdays[static_cast<size_t>(c)] : -1;
        if (bd >= 0 && p.points.birthday_bonus > 0 && civil_from_days(bd).m == civil_from_days(e.day).m && s.last_birthday_year != y) {
          s.last_birthday_year = y;
          entry(c, e.day, EntryKind::earn, p.points.birthday_bonus, "birthday", ds.order_id[o]);
          credit(s, y, p.points.birthday_bonus);
        }
        int64_t mult = 10000;
        auto it = std::lower_bound(bonus_day.begin(), bonus_day.end(), e.day);
        if (it != bonus_day.end() && *it == e.day) mult = bonus_bp[static_cast<size_t>(it - bonus_day.begin())];
        const int64_t base = spend > 0 ? spend * p.points.points_per_major / per_major : 0;
        const int64_t pts = base * p.tiers.levels[static_cast<size_t>(s.tier)].points_multiplier_bp / 10000 * mult / 10000;
        if (pts > 0) {
          earned[o] = pts;
          entry(c, e.day, EntryKind::earn, pts, "order", ds.order_id[o]);
          credit(s, y, pts);
        }
        roll(s, e.day);
        s.window.push_back({e.day, spend, 1});
        s.spend += spend;
        s.orders += 1;
        const int32_t q = qualified(p.tiers, s.spend, s.orders);
        if (q > s.tier) set_tier(s, e.day, q);  // upgrade at once
        break;
      }
      case 3: {
        const size_t f = static_cast<size_t>(e.idx);
        const size_t o = static_cast<size_t>(ds.refund_order[f]);
        const int32_t c = ds.order_customer[o];
        State& s = state(c);
        const Money spend = ds.order_paid[o] - ds.order_shipping[o];
        roll(s, e.day);
        s.window.push_back({e.day, -ds.refund_amount[f], 0});
        s.spend -= ds.refund_amount[f];
        if (earned[o] > 0 && spend > 0) {
          int64_t back = div_round(earned[o] * std::min(ds.refund_amount[f], spend), spend);
          back = std::min(back, earned[o] - reversed[o]);
          if (back > 0) {
            reversed[o] += back;
            entry(c, e.day, EntryKind::reverse, -back, "refund", ds.order_id[o]);
            debit(s, back);
          }
        }
        break;
      }
      case 4: {
        const ManualEntry& m = p.manual[static_cast<size_t>(e.idx)];
        const int32_t c = manual_customer[static_cast<size_t>(e.idx)];
        State& s = state(c);
        if (m.kind == EntryKind::redeem && s.balance + m.delta < 0)
          return make_error(ErrorCode::invalid_argument, "redemption of " + std::to_string(-m.delta) + " points by " + m.customer_id + " on " +
                                                             format_day(m.day) + " exceeds the balance of " + std::to_string(s.balance));
        entry(c, e.day, m.kind, m.delta, m.reason, m.order_id);
        if (m.delta > 0) credit(s, year_of(e.day), m.delta);
        else debit(s, -m.delta);
        break;
      }
    }
  }

  out.tier_counts.assign(p.tiers.levels.size(), 0);
  for (size_t i = 0; i < st.size(); ++i) {
    State& s = st[i];
    const size_t c = customer_of(i);
    if (!s.seen) continue;
    roll(s, out.as_of);
    MemberStatus m;
    m.customer = static_cast<int32_t>(c);
    m.tier = static_cast<int16_t>(s.tier);
    m.spend_12m = s.spend;
    m.orders_12m = static_cast<int32_t>(s.orders);
    m.points = s.balance;
    const TierGap gap = tier_gap(p.tiers, s.tier, s.spend, s.orders);
    m.next_tier = gap.next_tier;
    m.spend_to_next = gap.spend_to_next;
    m.orders_to_next = gap.orders_to_next;
    if (keep.history) out.changes.push_back(std::move(s.changes));
    out.tier_counts[static_cast<size_t>(s.tier)] += 1;
    out.outstanding_points += s.balance;
    out.members.push_back(std::move(m));
  }
  out.outstanding_value = out.outstanding_points * p.points.point_value_minor;
  return out;
}

TierGap tier_gap(const TierScheme& s, int tier, Money spend_12m, int64_t orders_12m) {
  TierGap g;
  if (tier < 0 || static_cast<size_t>(tier) + 1 >= s.levels.size()) return g;
  g.next_tier = static_cast<int16_t>(tier + 1);
  const TierLevel& n = s.levels[static_cast<size_t>(g.next_tier)];
  if (n.min_spend > 0) g.spend_to_next = std::max<Money>(0, n.min_spend - spend_12m);
  if (n.min_orders > 0) g.orders_to_next = static_cast<int32_t>(std::clamp<int64_t>(n.min_orders - orders_12m, 0, INT32_MAX));
  return g;
}

Result<std::vector<PointsEntry>> customer_ledger(const Dataset& ds, const MemberProgramme& p, int32_t customer) {
  if (customer < 0 || static_cast<size_t>(customer) >= ds.customer_id.size()) return std::vector<PointsEntry>{};
  ProgrammeKeep keep;
  keep.history = false;
  keep.only = customer;
  auto r = run_programme(ds, p, 0, keep);
  if (!r) return r.error();
  return std::move(r->entries);
}

// ---- settings (JSON) ----------------------------------------------------------------------

namespace {
using json = nlohmann::json;
}

MemberProgramme default_programme() {
  MemberProgramme p;
  // 普通会员 / 银卡 / 金卡 / 钻石: rolling-12-month spend (yuan) or orders.
  p.tiers.levels = {{"member", 0, 0, 0, 10000, false},
                    {"silver", 100000, 4, 200, 12000, false},
                    {"gold", 300000, 8, 500, 15000, true},
                    {"diamond", 1000000, 20, 800, 20000, true}};
  p.points.points_per_major = 1;
  p.points.point_value_minor = 1;
  p.points.signup_bonus = 100;
  p.points.birthday_bonus = 200;
  p.points.expire_after_years = 1;
  return p;
}

std::string tiers_to_json(const TierScheme& s) {
  json j;
  j["review_month"] = s.review_month;
  j["review_day"] = s.review_day;
  j["levels"] = json::array();
  for (const TierLevel& l : s.levels)
    j["levels"].push_back({{"name", l.name}, {"min_spend", l.min_spend}, {"min_orders", l.min_orders},
                           {"discount_bp", l.discount_bp}, {"points_multiplier_bp", l.points_multiplier_bp},
                           {"free_shipping", l.free_shipping}});
  return j.dump();
}

Result<TierScheme> tiers_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("levels") || !j["levels"].is_array())
    return make_error(ErrorCode::parse_error, "members.tiers: not a JSON object with a \"levels\" array");
  TierScheme s;
  s.review_month = j.value("review_month", 1);
  s.review_day = j.value("review_day", 1);
  for (const json& l : j["levels"]) {
    if (!l.is_object()) return make_error(ErrorCode::parse_error, "members.tiers: a level is not an object");
    TierLevel t;
    t.name = l.value("name", std::string());
    t.min_spend = l.value("min_spend", int64_t{0});
    t.min_orders = l.value("min_orders", int64_t{0});
    t.discount_bp = l.value("discount_bp", int64_t{0});
    t.points_multiplier_bp = l.value("points_multiplier_bp", int64_t{10000});
    t.free_shipping = l.value("free_shipping", false);
    s.levels.push_back(std::move(t));
  }
  return s;
}

std::string points_rules_to_json(const PointsRules& r) {
  json j = {{"points_per_major", r.points_per_major}, {"point_value_minor", r.point_value_minor},
            {"signup_bonus", r.signup_bonus},         {"birthday_bonus", r.birthday_bonus},
            {"expire_after_years", r.expire_after_years}};
  j["bonus_days"] = json::array();
  for (const BonusDay& b : r.bonus_days) j["bonus_days"].push_back({{"day", format_day(b.day)}, {"multiplier_bp", b.multiplier_bp}});
  return j.dump();
}

Result<PointsRules> points_rules_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error(ErrorCode::parse_error, "members.points: not a JSON object");
  PointsRules r;
  r.points_per_major = j.value("points_per_major", int64_t{1});
  r.point_value_minor = j.value("point_value_minor", int64_t{1});
  r.signup_bonus = j.value("signup_bonus", int64_t{0});
  r.birthday_bonus = j.value("birthday_bonus", int64_t{0});
  r.expire_after_years = j.value("expire_after_years", 1);
  if (j.contains("bonus_days") && j["bonus_days"].is_array())
    for (const json& b : j["bonus_days"]) {
      auto d = parse_day(b.value("day", std::string()));
      if (!d) return make_error(ErrorCode::parse_error, "members.points: bonus day: " + d.error().message);
      r.bonus_days.push_back({*d, b.value("multiplier_bp", int64_t{20000})});
    }
  return r;
}

Result<MemberProgramme> load_programme(Store& store, const Dataset& ds) {
  MemberProgramme p = default_programme();
  const std::string t = store.setting("members.tiers");
  if (!t.empty()) {
    auto s = tiers_from_json(t);
    if (!s) return s.error();
    p.tiers = std::move(*s);
  }
  const std::string r = store.setting("members.points");
  if (!r.empty()) {
    auto s = points_rules_from_json(r);
    if (!s) return s.error();
    p.points = std::move(*s);
  }
  // Seller-entered entries: member_point_entries (schema 5), plus rows of the older
  // points_ledger table (imported balances) as adjustments.
  auto st = store.db().prepare(
      "SELECT customer_id, at, delta, reason, order_id, kind FROM member_point_entries "
      "UNION ALL SELECT customer_id, at, delta, reason, order_id, 'adjust' FROM points_ledger ORDER BY 2");
  if (!st) return st.error();
  while (st->step()) {
    ManualEntry e;
    e.customer_id = st->text(0);
    e.day = day_of(st->i64(1));
    e.delta = st->i64(2);
    e.reason = st->text(3);
    e.order_id = st->text(4);
    if (!find_entry_kind(st->text(5), e.kind))
      return make_error(ErrorCode::parse_error, "points_ledger: unknown kind \"" + st->text(5) + "\" of " + e.customer_id);
    p.manual.push_back(std::move(e));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  // Birthdays by customer index.
  p.birthdays.assign(ds.customer_id.size(), -1);
  std::vector<std::pair<std::string_view, int32_t>> by_id;
  for (size_t c = 0; c < ds.customer_id.size(); ++c) by_id.push_back({ds.customer_id[c], static_cast<int32_t>(c)});
  std::sort(by_id.begin(), by_id.end());
  auto bs = store.db().prepare("SELECT id, birthday FROM customers WHERE birthday IS NOT NULL");
  if (!bs) return bs.error();
  while (bs->step()) {
    const std::string id = bs->text(0);
    auto it = std::lower_bound(by_id.begin(), by_id.end(), std::pair<std::string_view, int32_t>{id, INT32_MIN});
    if (it != by_id.end() && it->first == id) p.birthdays[static_cast<size_t>(it->second)] = static_cast<Day>(bs->i64(1));
  }
  return p;
}

Status add_point_entry(Store& store, const Dataset& ds, const ManualEntry& e) {
  auto p = load_programme(store, ds);
  if (!p) return p.error();
  p->manual.push_back(e);
  // as_of: the later of the last order and the entry, so the entry itself is checked.
  const DayRange days = ds.order_days();
  auto r = run_programme(ds, *p, days.length() > 0 ? std::max(days.last, e.day) : e.day);
  if (!r) return r.error();
  return store.write([&](Writer& w) -> Status {
    auto st = w.db().prepare("INSERT INTO member_point_entries(customer_id, at, kind, delta, reason, order_id) VALUES(?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, e.customer_id).bind(2, start_of(e.day) + 43200).bind(3, entry_kind_name(e.kind)).bind(4, e.delta);
    st->bind(5, e.reason).bind(6, e.order_id);
    return st->run();
  });
}

}  // namespace shopkeeper::members
