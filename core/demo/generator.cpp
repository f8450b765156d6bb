#include "core/demo/generator.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/demo/calendar.h"
#include "core/demo/catalog.h"
#include "core/demo/planning_demo.h"
#include "core/demo/traffic_demo.h"
#include "core/demo/members_demo.h"
#include "core/demo/prices.h"
#include "core/base/random.h"
#include "core/promotions/store_io.h"

namespace shopkeeper {

namespace demo {
extern const unsigned char kDemoPromotions[];
extern const size_t kDemoPromotionsSize;
}  // namespace demo

namespace {

using demo::Rng;

constexpr int64_t kDefaultLines = 60000;

// Nearest integer, halves away from zero (std::llround; exact, no libm approximation).
int64_t round64(double x) { return static_cast<int64_t>(std::llround(x)); }

enum Source { kSearch, kRecommend, kAds, kSocial, kDirect, kLive, kSourceCount };
constexpr const char* kSourceName[kSourceCount] = {"search", "recommend", "ads", "social", "direct", "live"};
// Visitor-to-order conversion per source on an ordinary day.
constexpr double kConversion[kSourceCount] = {0.035, 0.022, 0.025, 0.03, 0.05, 0.04};
// Usual share of orders per source (from the channel mixes above), for smoothing traffic.
constexpr double kSourceShare[kSourceCount] = {0.25, 0.20, 0.14, 0.09, 0.21, 0.11};
constexpr double kAvgSeconds[kSourceCount] = {110, 75, 55, 90, 150, 210};

enum Channel { kTmall, kTaobao, kDouyin, kMini, kChannelCount };
constexpr const char* kChannelName[kChannelCount] = {"tmall", "taobao", "douyin", "mini-program"};
// Where each channel's buyers come from (weights in Source order).
constexpr double kSourceMix[kChannelCount][kSourceCount] = {
    {42, 25, 18, 3, 10, 2}, {40, 27, 18, 3, 10, 2}, {5, 20, 15, 5, 0, 55}, {0, 10, 5, 45, 40, 0}};

struct Region {
  const char* name;
  double weight;  // share of buyers
  bool remote;    // dearer shipping, higher free-shipping threshold
};
constexpr Region kRegions[] = {
    {"广东", 14, false}, {"浙江", 11, false}, {"江苏", 10, false}, {"上海", 7, false},  {"北京", 6, false},
    {"山东", 6, false},  {"福建", 5, false},  {"四川", 5, false},  {"湖北", 4, false},  {"河南", 4, false},
    {"湖南", 3, false},  {"安徽", 3, false},  {"河北", 3, false},  {"陕西", 2, false},  {"重庆", 2, false},
    {"天津", 2, false},  {"辽宁", 2, false},  {"江西", 2, false},  {"广西", 2, false},  {"云南", 2, false},
    {"山西", 1, false},  {"黑龙江", 1, false}, {"吉林", 1, false}, {"贵州", 1, false},  {"海南", 1, false},
    {"内蒙古", 1, true}, {"新疆", 1, true},   {"甘肃", 1, true},   {"宁夏", 0.5, true}, {"青海", 0.5, true},
    {"西藏", 0.3, true}};

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                     "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军",
                                  "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "思远", "雨桐",
                                  "子涵", "浩然", "欣怡", "梓萱", "一诺", "晨曦"};

// Orders per hour of the day: quiet at night, lunch bump, evening peak.
constexpr double kHour[24] = {2.0, 1.0, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4.2, 4.5,
                              4.3, 4.0, 4.2, 4.4, 4.3, 4.0, 4.2, 5.0, 6.0, 6.5, 6.0, 4.0};

// Lines per order 1..8 (mean about 2.06); peak days add one line to a third of the baskets.
constexpr double kLinesW[8] = {0.45, 0.28, 0.14, 0.07, 0.03, 0.015, 0.01, 0.005};
constexpr double kPeakExtraLine = 0.35;
constexpr double kSnackQtyW[5] = {0.55, 0.25, 0.12, 0.05, 0.03};
constexpr double kQtyW[3] = {0.85, 0.11, 0.04};

constexpr const char* kRefundReasons[] = {"不想要了", "拍错/多拍", "物流太慢", "与描述不符", "质量问题"};
constexpr const char* kBreakReason = "破损";          // teaware broken in transit
constexpr const char* kPriceGuardReason = "价保补差";  // price protection: part of the price back

// Tiers by lifetime net spend (fen).
const char* tier_for(Money spend, const demo::DemoNames& names) {
  if (spend >= 300000) return names.tiers[3];
  if (spend >= 100000) return names.tiers[2];
  if (spend >= 30000) return names.tiers[1];
  return names.tiers[0];
}

// Fenwick tree over integer weights, growable at the end, for drawing returning customers in
// proportion to their loyalty in O(log n).
class Fenwick {
 public:
  void reserve(size_t n) { t_.reserve(n + 1); }
  void push(int64_t w) {
    // New node i covers (i - lowbit(i), i]: w plus the sums of the nodes it spans.
    size_t i = t_.size();
    int64_t v = w;
    for (size_t k = 1; k < (i & (~i + 1)); k <<= 1) v += t_[i - k];
    t_.push_back(v);
    total_ += w;
  }
  void add(size_t idx, int64_t delta) {
    for (size_t i = idx + 1; i < t_.size(); i += i & (~i + 1)) t_[i] += delta;
    total_ += delta;
  }
  int64_t total() const { return total_; }
  // Index of the element whose cumulative range contains `target` (0 <= target < total).
  size_t find(int64_t target) const {
    size_t n = t_.size() - 1, pos = 0, step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step; step >>= 1)
      if (pos + step <= n && t_[pos + step] <= target) {
        pos += step;
        target -= t_[pos];
      }
    return pos;
  }

 private:
  std::vector<int64_t> t_{0};  // 1-based
  int64_t total_ = 0;
};

struct Cust {
  Day first = 0, last = 0, active_until = 0;
  int32_t weight = 0;  // loyalty: how often they come back (0 = one-time buyer)
  int32_t valid_orders = 0, coupon_orders = 0;
  Money spend = 0;     // paid minus refunded, valid orders
  uint8_t channel = 0, region = 0;
};

struct Line {
  int32_t product;
  int64_t qty;
  Money price, gross, discount;
  std::optional<Money> cost;
};

class Generator {
 public:
  Generator(Writer& w, const DemoOptions& opt, const std::function<bool(double)>& progress)
      : w_(w), opt_(opt), progress_(progress), rng_cat_(opt.seed, 1), rng_plan_(opt.seed, 2), rng_(opt.seed, 3),
        rng_traffic_(opt.seed, 4), rng_cust_(opt.seed, 5) {}

  Result<DemoSummary> run();

 private:
  void plan();
  Status write_day(size_t di);
  Status write_order(Day d, Timestamp placed, int fest);
  Status write_traffic(Day d, const int64_t (&orders)[kSourceCount]);
  Status write_finish();
  Status write_promotions();
  void weigh_products(Day d, int month);
  int32_t pick_product(Day d);
  int32_t pick_distinct(Day d);
  int32_t returning_customer(Day d);
  int32_t new_customer(Day d, int channel);
  int channel_mix(double f);

  Writer& w_;
  const DemoOptions& opt_;
  const std::function<bool(double)>& progress_;
  Rng rng_cat_, rng_plan_, rng_, rng_traffic_, rng_cust_;
  DayRange hist_;
  demo::Catalog cat_;
  std::vector<double> day_cum_;  // product pick weights of the day being written (running total)
  std::vector<demo::Festival> fests_;
  std::vector<Money> fest_sales_, fest_ads_;
  std::vector<int32_t> day_orders_;
  std::vector<uint8_t> lines_of_;  // per order, in order sequence
  int max_lines_ = 8;
  std::vector<Cust> custs_;
  Fenwick loyal_;
  std::vector<int64_t> units_recent_;  // per product, valid units in the last 28 days
  std::vector<double> hour_cum_, peak_hour_cum_, lines_cum_, snack_qty_cum_, qty_cum_, region_cum_;
  int64_t seq_ = 0;
  int64_t src_orders_[kSourceCount] = {};
  DemoSummary sum_{};
  Order o_;
  OrderLine ol_;
  Refund rf_;
  std::vector<Line> lines_;
};

// History: the `months` calendar months ending at end_day.
DayRange history_of(const DemoOptions& opt) {
  Ymd e = civil_from_days(opt.end_day);
  int total = e.y * 12 + (e.m - 1) - opt.months;
  int y = total / 12, m = total % 12 + 1;
  return {days_from_civil(y, m, std::min(e.d, days_in_month(y, m))) + 1, opt.end_day};
}

void Generator::plan() {
  hist_ = history_of(opt_);
  const int32_t span = hist_.length();

  cat_ = demo::make_catalog(rng_cat_, opt_.products, hist_);
  demo::plan_prices(cat_, opt_.seed, hist_);  // own stream (13): the catalogue stays as it was
  const size_t np = cat_.products.size();
  units_recent_.assign(np, 0);
  max_lines_ = std::min(8, std::max(1, opt_.products / 2));
  fests_ = demo::festivals(hist_);
  fest_sales_.assign(fests_.size(), 0);
  fest_ads_.assign(fests_.size(), 0);

  std::vector<double> hw(kHour, kHour + 24), pw = hw;
  pw[0] *= 10;  // festival peaks start at midnight
  pw[1] *= 3;
  hour_cum_ = demo::cumulative(hw);
  peak_hour_cum_ = demo::cumulative(pw);
  lines_cum_ = demo::cumulative(std::vector<double>(kLinesW, kLinesW + 8));
  snack_qty_cum_ = demo::cumulative(std::vector<double>(kSnackQtyW, kSnackQtyW + 5));
  qty_cum_ = demo::cumulative(std::vector<double>(kQtyW, kQtyW + 3));
  std::vector<double> rw;
  for (const auto& r : kRegions) rw.push_back(r.weight);
  region_cum_ = demo::cumulative(rw);

  // Demand per day: growth x weekday x season x festivals x noise.
  std::vector<double> weight(static_cast<size_t>(span));
  std::vector<bool> peak(static_cast<size_t>(span));
  double wsum = 0, peak_sum = 0;
  for (int32_t i = 0; i < span; ++i) {
    Day d = hist_.first + i;
    double ev = demo::event_factor(d);
    double trend = 0.6 + 0.4 * i / std::max(1, span - 1);
    double noise = std::max(0.5, 1 + 0.1 * rng_plan_.normal());
    double wd = trend * demo::weekday_factor(d) * demo::season_factor(d) * ev * noise;
    weight[static_cast<size_t>(i)] = wd;
    peak[static_cast<size_t>(i)] = ev >= 1.5;
    wsum += wd;
    if (ev >= 1.5) peak_sum += wd;
  }
  double mean_lines = 0;
  for (int k = 0; k < 8; ++k) mean_lines += (k + 1) * kLinesW[k];
  mean_lines += kPeakExtraLine * peak_sum / wsum;
  const int64_t target = opt_.order_lines > 0 ? opt_.order_lines : kDefaultLines;
  int64_t orders = std::clamp<int64_t>(static_cast<int64_t>(static_cast<double>(target) / mean_lines + 0.5), 1, target);
  orders = std::max(orders, (target + max_lines_ - 1) / max_lines_);

  // Orders per day: largest remainder of orders * weight / total (ties to the earlier day).
  day_orders_.assign(static_cast<size_t>(span), 0);
  std::vector<std::pair<double, int32_t>> rem;
  int64_t given = 0;
  for (int32_t i = 0; i < span; ++i) {
    double exact = static_cast<double>(orders) * weight[static_cast<size_t>(i)] / wsum;
    auto fl = static_cast<int32_t>(exact);
    day_orders_[static_cast<size_t>(i)] = fl;
    given += fl;
    rem.push_back({exact - fl, i});
  }
  std::stable_sort(rem.begin(), rem.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < orders; ++k, ++given) ++day_orders_[static_cast<size_t>(rem[k % rem.size()].second)];

  // Lines per order, then nudged one line at a time until the total is exactly the target.
  lines_of_.reserve(static_cast<size_t>(orders));
  int64_t lines = 0;
  for (int32_t i = 0; i < span; ++i)
    for (int32_t k = 0; k < day_orders_[static_cast<size_t>(i)]; ++k) {
      int n = static_cast<int>(rng_plan_.pick(lines_cum_)) + 1;
      if (peak[static_cast<size_t>(i)] && rng_plan_.chance(kPeakExtraLine)) ++n;
      n = std::min(n, max_lines_);
      lines_of_.push_back(static_cast<uint8_t>(n));
      lines += n;
    }
  auto count = static_cast<uint32_t>(lines_of_.size());
  while (lines < target) {
    auto& n = lines_of_[rng_plan_.below(count)];
    if (n < max_lines_) ++n, ++lines;
  }
  while (lines > target) {
    auto& n = lines_of_[rng_plan_.below(count)];
    if (n > 1) --n, --lines;
  }
}

int Generator::channel_mix(double f) {
  // Douyin grows over the history; the marketplaces give up share.
  double w[kChannelCount] = {0.45 - 0.10 * f, 0.30 - 0.08 * f, 0.10 + 0.18 * f, 0.15};
  double u = rng_.uniform() * (w[0] + w[1] + w[2] + w[3]);
  for (int c = 0; c < kChannelCount - 1; ++c) {
    if (u < w[c]) return c;
    u -= w[c];
  }
  return kChannelCount - 1;
}

int32_t Generator::new_customer(Day d, int channel) {
  Cust c;
  c.first = c.last = d;
  c.channel = static_cast<uint8_t>(channel);
  c.region = static_cast<uint8_t>(rng_.pick(region_cum_));
  // 40% never come back; the rest return with a heavy-tailed loyalty (P(weight >= k) ~ 1/k)
  // until they drift away after one to two years.
  if (!rng_.chance(0.4)) c.weight = static_cast<int32_t>(std::min(40.0, 1.0 / std::max(0.025, 1.0 - rng_.uniform())));
  c.active_until = d + static_cast<Day>(rng_.range(30, 720));
  custs_.push_back(c);
  loyal_.push(c.weight);
  return static_cast<int32_t>(custs_.size() - 1);
}

int32_t Generator::returning_customer(Day d) {
  for (int tries = 0; tries < 6 && loyal_.total() > 0; ++tries) {
    auto target = static_cast<int64_t>(rng_.uniform() * static_cast<double>(loyal_.total()));
    size_t i = loyal_.find(std::min(target, loyal_.total() - 1));
    Cust& c = custs_[i];
    if (c.active_until >= d) return static_cast<int32_t>(i);
    loyal_.add(i, -c.weight);  // drifted away: never drawn again
    c.weight = 0;
  }
  return -1;
}

// The day's pick weights: popularity x the category's season x the demand at the day's shelf
// price (core/demo/prices.h); products not on sale that day weigh nothing.
void Generator::weigh_products(Day d, int month) {
  std::vector<double> w(cat_.products.size());
  for (size_t i = 0; i < w.size(); ++i) {
    const demo::DemoProduct& dp = cat_.products[i];
    if (dp.sells_on(d))
      w[i] = dp.popularity * demo::category_season(dp.category, month) * demo::demand_factor(dp, d, opt_.end_day);
  }
  day_cum_ = demo::cumulative(w);
}

int32_t Generator::pick_product(Day d) {
  const auto& cum = day_cum_;
  for (int tries = 0; tries < 30 && cum.back() > 0; ++tries) {
    auto i = static_cast<int32_t>(rng_.pick(cum));
    if (cat_.products[static_cast<size_t>(i)].sells_on(d)) return i;
  }
  return static_cast<int32_t>(rng_.below(static_cast<uint32_t>(cat_.products.size())));
}

// A product not yet in the basket: partner of the first item sometimes, else by demand.
// The partner is taken with chance 0.3 x its demand factor, so its units follow its price too.
int32_t Generator::pick_distinct(Day d) {
  auto in_basket = [&](int32_t p) {
    for (const auto& l : lines_)
      if (l.product == p) return true;
    return false;
  };
  if (!lines_.empty()) {
    const int32_t p = cat_.products[static_cast<size_t>(lines_[0].product)].partner;
    const double f = p >= 0 ? demo::demand_factor(cat_.products[static_cast<size_t>(p)], d, opt_.end_day) : 1.0;
    if (rng_.chance(0.3 * f) && p >= 0 && cat_.products[static_cast<size_t>(p)].sells_on(d) && !in_basket(p)) return p;
  }
  for (int tries = 0; tries < 20; ++tries) {
    int32_t p = pick_product(d);
    if (!in_basket(p)) return p;
  }
  auto n = static_cast<int32_t>(cat_.products.size());
  int32_t start = static_cast<int32_t>(rng_.below(static_cast<uint32_t>(n)));
  for (int pass = 0; pass < 2; ++pass)
    for (int32_t k = 0; k < n; ++k) {
      int32_t p = (start + k) % n;
      if ((pass == 1 || cat_.products[static_cast<size_t>(p)].sells_on(d)) && !in_basket(p)) return p;
    }
  return start;  // unreachable: baskets hold at most products/2 items
}

// Long on purpose (over ~120 lines): one demo order from customer to lines, payment, refunds and
// traffic attribution, drawing from one random stream in a fixed order: splitting it would hide
// that order, and changing the order changes every generated store.
Status Generator::write_order(Day d, Timestamp placed, int fest) {
  const double f = static_cast<double>(d - hist_.first) / std::max(1, hist_.length() - 1);
  const Timestamp end_ts = start_of(opt_.end_day + 1);
  ++seq_;

  // Buyer and channel: guests, returning customers (more of them as the shop ages), new ones.
  int32_t cust = -1;
  bool is_new = false;
  int channel;
  bool guest = rng_.chance(0.07);
  // Returning share of orders grows with the shop's age t (days): 0.55 * t / (t + 90).
  const double t = d - hist_.first;
  if (!guest && rng_.chance(0.55 * t / (t + 90))) cust = returning_customer(d);
  if (cust >= 0) {
    channel = rng_.chance(0.8) ? custs_[static_cast<size_t>(cust)].channel : channel_mix(f);
  } else {
    channel = channel_mix(f);
    if (!guest && opt_.customers > 0 && static_cast<int64_t>(custs_.size()) >= opt_.customers) {
      // The pool is full (DemoOptions::customers): an existing customer, drawn uniformly. Only
      // taken with a cap, so the default shop's random stream is unchanged.
      cust = static_cast<int32_t>(rng_.range(0, static_cast<int64_t>(custs_.size()) - 1));
    } else if (!guest) {
      cust = new_customer(d, channel);
      is_new = true;
    }
  }
  int source;
  if (cust >= 0 && !is_new && channel != kDouyin && rng_.chance(0.4)) {
    source = kDirect;  // returning buyers come back through favourites and the order history
  } else {
    double u = rng_.uniform() * 100;
    source = 0;
    while (source < kSourceCount - 1 && u >= kSourceMix[channel][source]) u -= kSourceMix[channel][source++];
  }

  // Basket.
  lines_.clear();
  const int nl = lines_of_[static_cast<size_t>(seq_ - 1)];
  Money items = 0;
  for (int j = 0; j < nl; ++j) {
    int32_t p = pick_distinct(d);
    const demo::DemoProduct& dp = cat_.products[static_cast<size_t>(p)];
    Line l{p, 1, demo::shelf_price(dp, d, opt_.end_day), 0, 0, dp.cost_at(d)};  // clearance marked down
    l.qty = demo::category_is_snack(dp.category) ? static_cast<int64_t>(rng_.pick(snack_qty_cum_)) + 1
                                                  : static_cast<int64_t>(rng_.pick(qty_cum_)) + 1;
    if (dp.product.role == "clearance" && d > opt_.end_day - 60) {
      // already at the clearance price
    } else if (source == kLive && rng_.chance(0.5)) {
      l.price = demo::nice_price(l.price * 9 / 10);  // live-room price
    }
    l.gross = l.qty * l.price;
    items += l.gross;
    lines_.push_back(l);
  }

  // Discounts: the festival's threshold discount plus sometimes a coupon.
  Money threshold_off = 0, coupon_off = 0;
  const char* coupon = "";
  if (fest >= 0) {
    const auto& fs = fests_[static_cast<size_t>(fest)];
    threshold_off = fs.stacking ? (items / fs.per) * fs.off : (items >= fs.per ? fs.off : 0);
  }
  if (rng_.chance(0.12)) {
    if (is_new && items >= 9900) coupon = "NEW10", coupon_off = 1000;
    else if (source == kLive && items >= 12900) coupon = "LIVE15", coupon_off = 1500;
    else if (cust >= 0 && !is_new && items >= 19900) coupon = "VIP20", coupon_off = 2000;
    else if (items >= 5900) coupon = "TEA5", coupon_off = 500;
  }
  const Money discount = std::min(items, threshold_off + coupon_off);
  // Allocation to lines by largest remainder: each line gets floor(discount * gross / items),
  // the fen left over go one each to the lines with the largest remainders (ties: lower
  // line number), so line discounts sum to the order discount exactly.
  if (discount > 0) {
    Money given = 0;
    int order_idx[8];
    Money frac[8];
    for (int j = 0; j < nl; ++j) {
      Money num = discount * lines_[static_cast<size_t>(j)].gross;
      lines_[static_cast<size_t>(j)].discount = num / items;
      frac[j] = num % items;
      given += num / items;
      order_idx[j] = j;
    }
    std::stable_sort(order_idx, order_idx + nl, [&](int a, int b) { return frac[a] > frac[b]; });
    for (int k = 0; given < discount; ++k, ++given) ++lines_[static_cast<size_t>(order_idx[k])].discount;
  }
  const bool remote = cust >= 0 && kRegions[custs_[static_cast<size_t>(cust)].region].remote;
  const Money net = items - discount;
  const Money shipping = net >= (remote ? 19900 : 9900) ? 0 : (remote ? 1500 : 800);

  o_.id = fmt::format("DT{:08d}", seq_);
  o_.customer_id = cust >= 0 ? fmt::format("C{:07d}", cust + 1) : std::string();
  o_.placed_at = placed;
  o_.channel = kChannelName[channel];
  o_.traffic_source = kSourceName[source];
  o_.items_amount = items;
  o_.discount_amount = discount;
  o_.shipping_amount = shipping;
  o_.paid_amount = items - discount + shipping;
  o_.coupon_code = coupon;
  o_.campaign_id = fest >= 0 ? fests_[static_cast<size_t>(fest)].id : std::string();

  // Status: unpaid orders close; recent ones are still on their way.
  o_.paid_at.reset();
  const int32_t age = opt_.end_day - d;
  if (rng_.chance(0.035)) {
    o_.status = OrderStatus::cancelled;
  } else {
    double u = rng_.uniform();
    Timestamp delay = u < 0.7 ? rng_.range(10, 300) : u < 0.95 ? rng_.range(300, 3600) : rng_.range(3600, 36000);
    if (placed + delay >= end_ts || (age == 0 && rng_.chance(0.1))) {  // not paid (yet)
      o_.status = OrderStatus::pending;
    } else {
      o_.paid_at = placed + delay;
      if (age <= 1) o_.status = rng_.chance(age == 0 ? 0.8 : 0.3) ? OrderStatus::paid : OrderStatus::shipped;
      else if (age <= 10) o_.status = rng_.chance((12.0 - age) / 10) ? OrderStatus::shipped : OrderStatus::completed;
      else o_.status = OrderStatus::completed;
    }
  }

  // Refunds on paid orders: whole orders (~3.5%) and single lines (~2%), only once they have
  // happened by the end of the history.
  bool has_ware = false;
  for (const auto& l : lines_) has_ware |= demo::category_is_teaware(cat_.products[static_cast<size_t>(l.product)].category);
  int refund_kind = 0;  // 1 = whole order, 2 = one line
  Timestamp refunded_at = 0;
  if (o_.paid_at) {
    double u = rng_.uniform();
    refund_kind = u < 0.035 ? 1 : u < 0.055 + (has_ware ? 0.02 : 0) ? 2 : 0;
    refunded_at = *o_.paid_at + rng_.range(2 * 3600, 15 * 86400);
    if (refunded_at >= end_ts) refund_kind = 0;
    if (refund_kind == 1) o_.status = OrderStatus::refunded;
  }

  auto added = w_.add_order(o_);
  if (!added) return added.error();
  ++sum_.orders;
  ol_.order_id = o_.id;
  for (int j = 0; j < nl; ++j) {
    const Line& l = lines_[static_cast<size_t>(j)];
    const Product& p = cat_.products[static_cast<size_t>(l.product)].product;
    ol_.line_no = j + 1;
    ol_.sku = p.sku;
    ol_.title = p.title;
    ol_.qty = l.qty;
    ol_.unit_price = l.price;
    ol_.discount_amount = l.discount;
    ol_.unit_cost = l.cost;
    if (auto st = w_.put(ol_); !st) return st;
    ++sum_.order_lines;
  }

  Money refunded = 0;
  if (refund_kind != 0) {
    rf_.order_id = o_.id;
    rf_.refunded_at = refunded_at;
    if (refund_kind == 1 && rng_.chance(0.25)) {  // whole order, one row, shipping included
      rf_.sku.clear();
      rf_.qty = 0;
      rf_.amount = o_.paid_amount;
      rf_.reason = kRefundReasons[rng_.below(5)];
      if (auto st = w_.put(rf_); !st) return st;
      ++sum_.refunds;
      refunded = rf_.amount;
    } else {
      int first = 0, last = nl - 1;
      if (refund_kind == 2) {  // one line, a broken teapot more often than not
        first = last = static_cast<int>(rng_.below(static_cast<uint32_t>(nl)));
        for (int j = 0; j < nl; ++j)
          if (demo::category_is_teaware(cat_.products[static_cast<size_t>(lines_[static_cast<size_t>(j)].product)].category))
            first = last = j;
      }
      for (int j = first; j <= last; ++j) {
        const Line& l = lines_[static_cast<size_t>(j)];
        const Money line_paid = l.gross - l.discount;
        const bool ware = demo::category_is_teaware(cat_.products[static_cast<size_t>(l.product)].category);
        rf_.sku = cat_.products[static_cast<size_t>(l.product)].product.sku;
        rf_.qty = l.qty;
        rf_.amount = line_paid;
        rf_.reason = ware && rng_.chance(0.6) ? kBreakReason : kRefundReasons[rng_.below(5)];
        if (refund_kind == 2) {
          if (rng_.chance(0.25)) {  // price protection: 10-30% back, nothing returned
            rf_.qty = 0;
            rf_.amount = line_paid * static_cast<Money>(rng_.range(10, 30)) / 100;  // rounded down
            rf_.reason = kPriceGuardReason;
          } else {  // part of the quantity back, its paid share rounded down
            rf_.qty = rng_.range(1, l.qty);
            rf_.amount = line_paid * rf_.qty / l.qty;
          }
        }
        if (rf_.amount <= 0) continue;
        if (auto st = w_.put(rf_); !st) return st;
        ++sum_.refunds;
        refunded += rf_.amount;
      }
    }
  }

  ++src_orders_[source];
  if (is_valid_order(o_.status)) {
    if (cust >= 0) {
      Cust& c = custs_[static_cast<size_t>(cust)];
      ++c.valid_orders;
      c.spend += o_.paid_amount - refunded;
      c.last = d;
      if (*coupon) ++c.coupon_orders;
    }
    if (fest >= 0) fest_sales_[static_cast<size_t>(fest)] += o_.paid_amount - refunded;
    if (d > opt_.end_day - 28)
      for (const auto& l : lines_) units_recent_[static_cast<size_t>(l.product)] += l.qty;
  }
  return Ok{};
}

Status Generator::write_traffic(Day d, const int64_t (&orders)[kSourceCount]) {
  Rng& r = rng_traffic_;
  const double ev = demo::event_factor(d);
  int64_t day_total = 0;
  for (int64_t n : orders) day_total += n;
  // Peak days convert better: buyers arrive decided.
  const double lift = ev > 1 ? std::min(1.6, 1 + 0.12 * (ev - 1)) : 1.0;
  TrafficDay t;
  t.day = d;
  for (int s = 0; s < kSourceCount; ++s) {
    const int64_t n = orders[s];
    const double cr = kConversion[s] * lift * r.uniform(0.85, 1.15);
    t.source = kSourceName[s];
    // Visitors follow the orders through the conversion rate; a share of the day's orders
    // spread by the usual source mix keeps a quiet source from showing no visitors at all.
    const double base = 0.7 * static_cast<double>(n) + 0.3 * static_cast<double>(day_total) * kSourceShare[s];
    t.visitors = std::max<int64_t>(1, round64(base / cr));
    t.sessions = round64(static_cast<double>(t.visitors) * r.uniform(1.05, 1.35));
    t.page_views = round64(static_cast<double>(t.sessions) * r.uniform(2.5, 5.5));
    t.product_views = round64(static_cast<double>(t.visitors) * r.uniform(0.5, 0.75));
    t.add_to_carts = std::max(n, round64(static_cast<double>(t.product_views) * r.uniform(0.12, 0.2)));
    // Keep the funnel monotone whatever the noise did.
    t.product_views = std::max(t.product_views, t.add_to_carts);
    t.visitors = std::max(t.visitors, t.product_views);
    t.sessions = std::max(t.sessions, t.visitors);
    t.page_views = std::max(t.page_views, t.sessions);
    t.avg_seconds = static_cast<double>(round64(kAvgSeconds[s] * r.uniform(0.85, 1.15) * 10)) / 10;
    if (auto st = w_.put(t); !st) return st;

    if (s == kAds || s == kLive || s == kSocial) {
      // Paid traffic: clicks a little above the visitors they bring, cost per click in fen.
      AdSpend a;
      a.day = d;
      a.channel = kSourceName[s];
      a.clicks = round64(static_cast<double>(t.visitors) * r.uniform(1.05, 1.2));
      double cpc = s == kAds ? r.uniform(90, 150) : s == kLive ? r.uniform(100, 180) : r.uniform(120, 200);
      if (ev >= 1.4) cpc *= 1.3;  // bidding wars on peak days
      a.spend = round64(static_cast<double>(a.clicks) * cpc);
      double ctr = s == kAds ? r.uniform(0.02, 0.035) : s == kLive ? r.uniform(0.01, 0.02) : r.uniform(0.015, 0.03);
      a.impressions = round64(static_cast<double>(a.clicks) / ctr);
      if (auto st = w_.put(a); !st) return st;
      for (size_t f = 0; f < fests_.size(); ++f)
        if (d >= fests_[f].first && d <= fests_[f].last) fest_ads_[f] += a.spend;
    }
  }
  ++sum_.traffic_days;
  return Ok{};
}

Status Generator::write_day(size_t di) {
  const Day d = hist_.first + static_cast<Day>(di);
  const int32_t n = day_orders_[di];
  int fest = -1;
  for (size_t f = 0; f < fests_.size(); ++f)
    if (d >= fests_[f].first && d <= fests_[f].last) fest = static_cast<int>(f);
  const bool peak = fest >= 0 && fests_[static_cast<size_t>(fest)].peak == d;
  std::vector<int32_t> secs(static_cast<size_t>(n));
  for (auto& s : secs) {
    s = static_cast<int32_t>(rng_.pick(peak ? peak_hour_cum_ : hour_cum_)) * 3600;
    s += static_cast<int32_t>(rng_.below(3600));  // separate statement: one draw per expression
  }
  std::sort(secs.begin(), secs.end());
  const int month = civil_from_days(d).m;
  weigh_products(d, month);
  std::fill(std::begin(src_orders_), std::end(src_orders_), 0);
  for (int32_t s : secs)
    if (auto st = write_order(d, start_of(d) + s, fest); !st) return st;
  return write_traffic(d, src_orders_);
}

Status Generator::write_finish() {
  Rng& r = rng_cust_;
  // Stock from the last four weeks' pace: most cover one to three months, some run low or out,
  // clearance items are overstocked, retired ones are nearly gone.
  for (size_t i = 0; i < cat_.products.size(); ++i) {
    demo::DemoProduct& dp = cat_.products[i];
    const double pace = static_cast<double>(units_recent_[i]) / 28.0;
    Product& p = dp.product;
    // One draw per expression throughout (the evaluation order of operands is unspecified).
    const double u = r.uniform();
    const auto days = static_cast<double>(r.range(1, 90));  // cover for normal stock
    const int64_t spare = r.range(2, 80);
    if (p.status == "retired") p.stock = spare % 4;
    else if (p.role == "clearance") p.stock = round64(pace * (120 + 2 * days)) + spare;
    else if (u < 0.05) p.stock = 0;
    else if (u < 0.15) p.stock = round64(pace * (1 + days / 15));
    else p.stock = round64(pace * (20 + days * 70 / 90)) + spare / 8;
    if (auto st = w_.put(p); !st) return st;
  }
  // The list-price changes of the history, as the price book logs a seller's edits (09:00).
  auto logp = w_.db().prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(?,?,?,?,'edit')");
  if (!logp) return logp.error();
  for (const auto& dp : cat_.products)
    for (size_t k = 1; k < dp.prices.size(); ++k) {
      logp->bind(1, dp.product.sku).bind(2, start_of(dp.prices[k].from) + 9 * 3600).bind(3, dp.prices[k - 1].price);
      logp->bind(4, dp.prices[k].price);
      if (auto st = logp->run(); !st) return st;
    }
  for (const auto& s : cat_.suppliers)
    if (auto st = w_.put(s); !st) return st;
  sum_.products = static_cast<int64_t>(cat_.products.size());

  Customer c;
  for (size_t i = 0; i < custs_.size(); ++i) {
    const Cust& k = custs_[i];
    c.id = fmt::format("C{:07d}", i + 1);
    // Two statements: the order of two draws inside one expression is unspecified (GCC and
    // clang differ), which would break identical data natively and in wasm.
    c.name = kSurnames[r.below(std::size(kSurnames))];
    c.name += kGiven[r.below(std::size(kGiven))];
    c.joined_on = k.first - (r.chance(0.2) ? static_cast<Day>(r.range(1, 60)) : 0);
    c.channel = kChannelName[k.channel];
    c.region = kRegions[k.region].name;
    c.tier = tier_for(k.spend, demo::demo_names(opt_.chinese_names));
    const Money points = k.spend / 100;  // one point per yuan, minus what was redeemed
    c.points_balance = points - points * r.range(0, 50) / 100;
    c.birthday.reset();
    if (r.chance(0.85)) {
      c.birthday = days_from_civil(static_cast<int>(r.range(1965, 2004)), 1, 1);
      *c.birthday += static_cast<Day>(r.range(0, 364));
    }
    c.tags.clear();
    if (k.valid_orders >= 5) c.tags = "老客";
    if (k.valid_orders >= 2 && k.coupon_orders * 2 > k.valid_orders) c.tags += c.tags.empty() ? "爱用券" : ",爱用券";
    if (auto st = w_.put(c); !st) return st;
  }
  sum_.customers = static_cast<int64_t>(custs_.size());

  // Campaigns: the festivals of the history with their budget and target (set beforehand, so
  // some were beaten and some missed), plus the next one, planned from last year's.
  auto ins = w_.db().prepare(
      "INSERT OR REPLACE INTO campaigns(id,name,starts_on,ends_on,budget,target_sales,assumed_uplift_bp,notes)"
      " VALUES(?,?,?,?,?,?,?,?)");
  if (!ins) return ins.error();
  auto rule = [](const demo::Festival& f) {
    return f.stacking ? fmt::format("每满{}减{}", f.per / 100, f.off / 100) : fmt::format("满{}减{}", f.per / 100, f.off / 100);
  };
  for (size_t f = 0; f < fests_.size(); ++f) {
    const auto& fs = fests_[f];
    Money budget = round64(static_cast<double>(fest_ads_[f]) * r.uniform(0.95, 1.15) / 10000) * 10000;
    Money target = round64(static_cast<double>(fest_sales_[f]) * r.uniform(0.85, 1.15) / 100000) * 100000;
    ins->bind(1, fs.id).bind(2, fs.name).bind(3, fs.first).bind(4, fs.last).bind(5, budget).bind(6, target);
    ins->bind(7, fs.assumed_uplift_bp).bind(8, rule(fs));
    if (auto st = ins->run(); !st) return st;
  }
  auto next = demo::festivals({opt_.end_day + 1, opt_.end_day + 400});
  if (!next.empty()) {
    const auto& fs = next[0];
    Money budget = 0, target = 0;
    for (size_t f = 0; f < fests_.size(); ++f)  // the latest of the same kind
      if (fests_[f].id.substr(0, 3) == fs.id.substr(0, 3)) {
        budget = round64(static_cast<double>(fest_ads_[f]) * 1.2 / 10000) * 10000;
        target = round64(static_cast<double>(fest_sales_[f]) * 1.25 / 100000) * 100000;
      }
    ins->bind(1, fs.id).bind(2, fs.name).bind(3, fs.first).bind(4, fs.last).bind(5, budget).bind(6, target);
    ins->bind(7, fs.assumed_uplift_bp).bind(8, rule(fs) + "（计划中 planned）");
    if (auto st = ins->run(); !st) return st;
  }

  if (auto st = write_promotions(); !st) return st;
  if (auto st = demo::write_members_demo(w_, opt_.seed, hist_, demo::demo_names(opt_.chinese_names)); !st) return st;  // own RNG stream (11)
  if (auto st = w_.set_setting("store_name", "示例茶铺 Demo Tea Shop"); !st) return st;
  if (auto st = w_.set_setting("currency", "CNY"); !st) return st;
  return w_.set_setting("demo_seed", std::to_string(opt_.seed));
}

// The shop's promotions as a seller would have them today (end_day + 1): a store-wide spend
// threshold, a first-order discount, second teapot half price, a shop coupon, free shipping,
// points, and a flash sale on the best-selling tea that starts tomorrow evening. The flash price
// stays above cost, but not above cost plus fees plus the margin floor (the guard's default 5 %
// and 10 %), and stacked with the threshold, the coupon and points it falls below cost: the loss guard's
// demonstration. One draft for the next
// festival. Times are store-local; no randomness, so the set follows from end_day alone. The set
// is assets/demo/promotions.json; which SKUs are thin and which tea gets the flash price are
// worked out here from the catalogue.
Status Generator::write_promotions() {
  const Day today = opt_.end_day + 1;
  auto at = [](Day d, int hour) { return start_of(d) + static_cast<Timestamp>(hour) * 3600; };
  std::string teaware;
  const demo::DemoProduct* flash = nullptr;
  for (const auto& dp : cat_.products) {
    if (demo::category_is_teaware(dp.category)) teaware = dp.product.category;
    if (demo::category_is_teaware(dp.category) || demo::category_is_snack(dp.category)) continue;
    if (!dp.product.unit_cost || dp.product.status != "active" || !dp.sells_on(opt_.end_day)) continue;
    if (dp.product.list_price < 5000 || dp.product.list_price > 30000) continue;
    if (*dp.product.unit_cost * 10 > dp.product.list_price * 6) continue;  // room for a flash price
    if (!flash || dp.popularity > flash->popularity) flash = &dp;
  }
  // Thin-margin products (cost above 55 % of the price, or unknown) are left out of the
  // store-wide offers, as sellers do ("部分商品不参与").
  std::vector<std::string> thin;
  for (const auto& dp : cat_.products)
    if (!dp.product.unit_cost || *dp.product.unit_cost * 100 > dp.product.list_price * 55) thin.push_back(dp.product.sku);
  // The set itself: assets/demo/promotions.json (its "about" describes the fields).
  const auto j = nlohmann::json::parse(demo::kDemoPromotions, demo::kDemoPromotions + demo::kDemoPromotionsSize, nullptr, false);
  if (!j.is_object() || !j.contains("promotions") || !j["promotions"].is_array())
    return make_error(ErrorCode::invalid_argument, "assets/demo/promotions.json: no promotions list");
  std::vector<std::pair<promo::Promotion, std::string>> set;
  for (const auto& x : j["promotions"]) {
    if (!x.is_object()) continue;
    auto kind = promo::kind_from_name(x.value("kind", ""));
    if (!kind) return make_error(ErrorCode::invalid_argument, "assets/demo/promotions.json: unknown kind " + x.value("kind", ""));
    promo::Promotion p;
    p.id = x.value("id", "");
    p.name = x.value("name", "");
    p.kind = *kind;
    p.layer = promo::default_layer(*kind);
    if (auto l = promo::layer_from_name(x.value("layer", ""))) p.layer = *l;
    p.exclusive = x.value("exclusive", false);
    p.coupon_code = x.value("coupon_code", "");
    const std::string scope = x.value("scope", "");
    if (scope == "teaware") {
      if (teaware.empty()) continue;
      p.scope.categories = {teaware};
    } else if (scope == "flash") {
      if (!flash) continue;
      const Money cost = *flash->product.unit_cost;
      p.name += flash->product.title;
      p.scope.skus = {flash->product.sku};
      // Cost + markup, ending in .90 like the shop's prices.
      p.params.price = (cost * (100 + x.value("markup_percent", int64_t{0})) / 100 / 100) * 100 + 90;
    }
    if (x.value("exclude_thin", false)) p.scope.exclude_skus = thin;
    const auto q = x.value("params", nlohmann::json::object());
    for (const auto& t : q.value("tiers", nlohmann::json::array()))
      if (t.is_array() && t.size() == 3) p.params.tiers.push_back({t[0].get<Money>(), t[1].get<Money>(), t[2].get<int64_t>()});
    p.params.bp = q.value("bp", p.params.bp);
    p.params.n = q.value("n", p.params.n);
    p.params.threshold = q.value("threshold", p.params.threshold);
    p.params.amount = q.value("amount", p.params.amount);
    p.params.free_shipping = q.value("free_shipping", p.params.free_shipping);
    p.params.points_per_unit = q.value("points_per_unit", p.params.points_per_unit);
    p.params.max_share_bp = q.value("max_share_bp", p.params.max_share_bp);
    if (q.contains("stock")) p.params.stock = q["stock"].get<int64_t>();
    if (q.contains("per_customer_units")) p.params.per_customer_units = q["per_customer_units"].get<int64_t>();
    const auto c = x.value("conditions", nlohmann::json::object());
    p.conditions.first_order = c.value("first_order", false);
    if (c.contains("per_customer_limit")) p.conditions.per_customer_limit = c["per_customer_limit"].get<int64_t>();
    if (c.contains("total_limit")) p.conditions.total_limit = c["total_limit"].get<int64_t>();
    auto when = [&](const char* k) -> std::optional<Timestamp> {
      auto it = c.find(k);
      if (it == c.end() || !it->is_array() || it->size() != 2) return std::nullopt;
      return at(today + (*it)[0].get<Day>(), (*it)[1].get<int>());
    };
    p.conditions.starts_at = when("starts");
    p.conditions.ends_at = when("ends");
    set.push_back({std::move(p), x.value("status", "draft")});
  }
  for (const auto& [p, status] : set)
    if (auto st = promo::save_promotion(w_, p, status); !st) return st;
  return Ok{};
}

Result<DemoSummary> Generator::run() {
  plan();
  const size_t days = day_orders_.size();
  for (size_t di = 0; di < days; ++di) {
    if (auto st = write_day(di); !st) return st.error();
    if (progress_ && !progress_(0.95 * static_cast<double>(di + 1) / static_cast<double>(days)))
      return make_error(ErrorCode::cancelled, "demo generation cancelled");
  }
  if (auto st = write_finish(); !st) return st.error();
  if (progress_ && !progress_(1.0)) return make_error(ErrorCode::cancelled, "demo generation cancelled");
  return sum_;
}

Status check_empty(Db& db) {
  int64_t total = 0;
  for (const char* t : {"products", "suppliers", "customers", "orders", "order_lines", "refunds", "traffic_daily",
                        "ad_spend", "campaigns"}) {
    auto n = db.scalar(std::string("SELECT COUNT(*) FROM ") + t);
    if (!n) return n.error();
    total += *n;
  }
  if (total == 0) return Ok{};
  auto p = db.scalar("SELECT COUNT(*) FROM products");
  auto o = db.scalar("SELECT COUNT(*) FROM orders");
  return make_error(ErrorCode::conflict,
                    fmt::format("the store already holds data ({} products, {} orders); the demo shop is written only "
                                "into an empty store, so clear it first",
                                p ? *p : 0, o ? *o : 0));
}

}  // namespace

std::vector<DemoPriceFacts> demo_price_facts(const DemoOptions& opt) {
  demo::Rng rng(opt.seed, 1);  // the catalogue's stream, as in Generator
  const DayRange hist = history_of(opt);
  demo::Catalog cat = demo::make_catalog(rng, opt.products, hist);
  demo::plan_prices(cat, opt.seed, hist);
  std::vector<DemoPriceFacts> out;
  for (const auto& dp : cat.products) {
    DemoPriceFacts f{dp.product.sku, dp.elasticity, {}};
    for (const auto& s : dp.prices) f.steps.push_back({s.from, s.price});
    out.push_back(std::move(f));
  }
  return out;
}

Result<DemoSummary> generate_demo(Store& store, const DemoOptions& opt, const std::function<bool(double)>& progress) {
  if (opt.products < 10 || opt.products > 100000)
    return make_error(ErrorCode::invalid_argument, fmt::format("products must be 10..100000, got {}", opt.products));
  if (opt.months < 1 || opt.months > 120)
    return make_error(ErrorCode::invalid_argument, fmt::format("months must be 1..120, got {}", opt.months));
  if (opt.order_lines < 0 || opt.order_lines > 50'000'000)
    return make_error(ErrorCode::invalid_argument,
                      fmt::format("order_lines must be 0 (default shop) .. 50,000,000, got {}", opt.order_lines));
  if (opt.end_day < days_from_civil(2000, 1, 1) || opt.end_day > days_from_civil(2100, 1, 1))
    return make_error(ErrorCode::invalid_argument,
                      "end_day must be a date in 2000..2100 (the last day with orders, e.g. yesterday)");

  // A bigger page cache while millions of rows go in (restored after); journal untouched.
  const int64_t lines = opt.order_lines > 0 ? opt.order_lines : kDefaultLines;
  auto old_main = store.db().scalar("PRAGMA main.cache_size");
  auto old_facts = store.db().scalar("PRAGMA facts.cache_size");
  if (lines > 200000 && old_main && old_facts) (void)store.db().exec("PRAGMA main.cache_size=-16384; PRAGMA facts.cache_size=-131072");

  DemoSummary summary{};
  Status st = store.write([&](Writer& w) -> Status {
    if (auto e = check_empty(w.db()); !e) return e;
    Generator g(w, opt, progress);
    auto r = g.run();
    if (!r) return r.error();
    summary = *r;
    // Purchase orders, order terms, low stock of best sellers, the year's target (issue #12):
    // its own random stream, after the orders, so they stay as they were.
    if (auto p = demo::write_planning_demo(w, opt.seed, opt.end_day); !p) return p;
    // The product report of the last 30 days (issue #16): its own stream, after everything else.
    return demo::write_traffic_demo(w, opt.seed, opt.end_day);
  });
  if (lines > 200000 && old_main && old_facts)
    (void)store.db().exec(fmt::format("PRAGMA main.cache_size={}; PRAGMA facts.cache_size={}", *old_main, *old_facts));
  if (!st) return st.error();
  return summary;
}

}  // namespace shopkeeper
