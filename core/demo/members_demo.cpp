#include "core/demo/members_demo.h"

#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/members/programme.h"
#include "core/members/tags.h"

namespace shopkeeper::demo {

const DemoNames& demo_names(bool chinese) {
  static const DemoNames en{{"regular", "silver", "gold", "platinum"},
                            {"近30天下单 ordered in 30 days", "退款多 refunds over 30%", "用券达人 coupon user", "本月生日 birthday this month"},
                            {"VIP", "批发 wholesale", "老客推荐 referral"},
                            "客服补偿 service compensation",
                            {"高价值流失风险 Valuable at risk", "金卡唤醒 Gold win-back"}};
  static const DemoNames zh{{"普通会员", "银卡会员", "金卡会员", "铂金会员"},
                            {"近30天下单", "退款率超30%", "用券达人", "本月生日"},
                            {"贵宾", "批发", "老客推荐"},
                            "客服补偿",
                            {"高价值流失风险", "金卡唤醒"}};
  return chinese ? zh : en;
}

Status write_members_demo(Writer& w, uint64_t seed, DayRange history, const DemoNames& names) {
  using namespace shopkeeper::members;
  Rng r(seed, 11);  // a stream of its own: nothing the orders draw shifts
  MemberProgramme p;
  p.tiers.levels = {{names.tiers[0], 0, 0, 0, 10000, false},
                    {names.tiers[1], 30000, 0, 200, 12000, false},
                    {names.tiers[2], 100000, 0, 500, 15000, true},
                    {names.tiers[3], 300000, 0, 800, 20000, true}};
  p.points.points_per_major = 1;
  p.points.point_value_minor = 1;  // 100 points = 1 yuan, as the shop's POINTS promotion
  p.points.signup_bonus = 100;
  p.points.birthday_bonus = 200;
  p.points.expire_after_years = 1;
  for (int y = civil_from_days(history.first).y; y <= civil_from_days(history.last).y; ++y)
    p.points.bonus_days.push_back({days_from_civil(y, 11, 11), 20000});  // Double 11: double points
  if (auto st = w.set_setting("members.tiers", tiers_to_json(p.tiers)); !st) return st;
  if (auto st = w.set_setting("members.points", points_rules_to_json(p.points)); !st) return st;
  const std::vector<TagRule> rules = {{names.rule_tags[0], TagKind::ordered_within_days, "", 1, 0, 30},
                                      {names.rule_tags[1], TagKind::refund_rate_over, "", 1, 3000, 30},
                                      {names.rule_tags[2], TagKind::coupon_share_over, "", 1, 5000, 30},
                                      {names.rule_tags[3], TagKind::birthday_this_month, "", 1, 0, 30}};
  if (auto st = w.set_setting("members.tag_rules", tag_rules_to_json(rules)); !st) return st;

  auto ids = w.db().prepare("SELECT id FROM customers ORDER BY id");
  if (!ids) return ids.error();
  std::vector<std::string> customers;
  while (ids->step()) customers.push_back(ids->text(0));
  auto tag = w.db().prepare("INSERT OR IGNORE INTO member_tags(customer_id, tag) VALUES(?, ?)");
  auto adj = w.db().prepare("INSERT INTO member_point_entries(customer_id, at, kind, delta, reason, order_id) VALUES(?, ?, 'adjust', ?, ?, '')");
  if (!tag) return tag.error();
  if (!adj) return adj.error();
  for (const std::string& c : customers) {
    const double u = r.uniform();
    if (u < 0.03) {
      tag->reset();
      tag->bind(1, c).bind(2, names.manual_tags[r.below(3)]);
      if (auto st = tag->run(); !st) return st;
    }
    if (r.uniform() < 0.01) {  // service compensation, a positive adjustment on a day of the history
      const Day d = history.first + static_cast<Day>(r.below(static_cast<uint32_t>(history.length())));
      adj->reset();
      adj->bind(1, c).bind(2, start_of(d) + 43200).bind(3, int64_t{200}).bind(4, names.compensation);
      if (auto st = adj->run(); !st) return st;
    }
  }
  auto seg = w.db().prepare("INSERT OR REPLACE INTO member_segments(id, name, filter_json) VALUES(?, ?, ?)");
  if (!seg) return seg.error();
  SegmentFilter at_risk;
  at_risk.rfm = {Segment::at_risk, Segment::cant_lose};
  SegmentFilter winback;
  winback.rfm = {Segment::hibernating, Segment::about_to_sleep};
  winback.tiers = {names.tiers[2], names.tiers[3]};
  const std::pair<const char*, const char*> segments[] = {{"valuable-at-risk", names.segments[0]}, {"gold-winback", names.segments[1]}};
  const SegmentFilter* filters[] = {&at_risk, &winback};
  for (int i = 0; i < 2; ++i) {
    seg->reset();
    seg->bind(1, segments[i].first).bind(2, segments[i].second).bind(3, segment_filter_to_json(*filters[i]));
    if (auto st = seg->run(); !st) return st;
  }
  return Ok{};
}

}  // namespace shopkeeper::demo
